"""factory_boy factories for the objects tests create most."""

import datetime

import factory

from ictspace.accounts.models import User
from ictspace.directory.models import Appointment, Body, Jurisdiction, Person


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@test.example")
    full_name = factory.Faker("name")
    password = factory.django.Password("correct horse battery staple 42")


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
