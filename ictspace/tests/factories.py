"""factory_boy factories for the objects tests create most."""

import datetime

import factory
from allauth.account.models import EmailAddress

from ictspace.accounts.models import User
from ictspace.directory.models import Appointment, Body, Jurisdiction, Person


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True  # the hook below saves what it creates

    email = factory.Sequence(lambda n: f"user{n}@test.example")
    full_name = factory.Faker("name")
    password = factory.django.Password("correct horse battery staple 42")

    @factory.post_generation
    def verified_address(user, create, extracted, **kwargs):
        """As do_create_user: the address an account is opened with is its verified one."""
        if create:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Faker("name")
    position = "Director of ICT"


class NcpocAppointmentFactory(factory.django.DjangoModelFactory):
    """An NCPOC seat on the RCC; needs the directory loaded."""

    class Meta:
        model = Appointment

    person = factory.SubFactory(PersonFactory)
    body = factory.LazyFunction(lambda: Body.objects.get(code="RCC"))
    role = Appointment.Role.NCPOC
    jurisdiction = factory.LazyFunction(lambda: Jurisdiction.objects.get(code="BB"))
    start = datetime.date(2024, 1, 1)
