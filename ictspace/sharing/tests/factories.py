"""factory_boy factories for posts (used by sharing's tests and by STIX/TAXII's)."""

import datetime

import factory
from django.utils import timezone

from ictspace.directory.models import Jurisdiction
from ictspace.files import storage
from ictspace.sharing.models import Attachment, Comment, Kind, Observable, Post
from ictspace.sharing.tlp import Audience, Label
from ictspace.tests.factories import UserFactory


class PostFactory(factory.django.DjangoModelFactory):
    """A lesson learnt by default; pass kind=... and its fields, or use the subclasses.

    M2M lists: named_jurisdictions=[...], recipient_organisations=[...], recipients=[...].
    """

    class Meta:
        model = Post
        skip_postgeneration_save = True

    kind = Kind.LESSON
    title = factory.Sequence(lambda n: f"Shared post {n}")
    body = "What happened and what we learnt."
    jurisdiction = factory.LazyFunction(lambda: Jurisdiction.objects.get(code="BB"))
    author = factory.SubFactory(UserFactory)
    label = Label.AMBER
    audience = Audience.COMMITTEE
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyAttribute(lambda post: post.created_at)

    @factory.post_generation
    def named_jurisdictions(post, create, extracted, **kwargs):
        if create and extracted:
            post.named_jurisdictions.set(extracted)

    @factory.post_generation
    def recipient_organisations(post, create, extracted, **kwargs):
        if create and extracted:
            post.recipient_organisations.set(extracted)

    @factory.post_generation
    def recipients(post, create, extracted, **kwargs):
        if create and extracted:
            post.recipients.set(extracted)


class IncidentFactory(PostFactory):
    kind = Kind.INCIDENT
    title = factory.Sequence(lambda n: f"Phishing campaign {n}")
    first_seen = datetime.date(2026, 11, 2)
    sector = "finance"
    incident_type = "phishing"
    impact = "medium"
    incident_status = "open"


class AlertFactory(PostFactory):
    kind = Kind.ALERT
    severity = "high"
    affected = "Mail gateways"


class OfferFactory(PostFactory):
    kind = Kind.OFFER
    resource_type = "forensic_lab"
    location = "Bridgetown"
    availability = "Two weeks' notice"
    conditions = "Travel paid by the requester"
    contact = "lab@example.org"


class RequestFactory(PostFactory):
    kind = Kind.REQUEST
    resource_type = "expert"
    addressed_to = factory.LazyFunction(lambda: Jurisdiction.objects.get(code="JM"))
    request_state = "requested"
    audience = Audience.NAMED


class ObservableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observable

    post = factory.SubFactory(IncidentFactory)
    type = Observable.Type.DOMAIN
    value = factory.Sequence(lambda n: f"bad{n}.example.com")


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    post = factory.SubFactory(PostFactory)
    author = factory.SelfAttribute("post.author")
    body = "Seen here too."
    created_at = factory.LazyFunction(timezone.now)


class AttachmentFactory(factory.django.DjangoModelFactory):
    """An attachment row; store its bytes with files.storage (see test_attachments)."""

    class Meta:
        model = Attachment

    post = factory.SubFactory(PostFactory)
    file = factory.LazyAttribute(lambda a: storage.blob_name(a.sha256))
    original_name = "report.pdf"
    content_type = "application/pdf"
    size = 10
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    added_by = factory.SelfAttribute("post.author")
    added_at = factory.LazyFunction(timezone.now)
