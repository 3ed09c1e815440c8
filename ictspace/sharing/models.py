"""Posts shared among the committee under TLP 2.0, with observables, comments, attachments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ictspace.files.storage import content_path, private_storage
from ictspace.sharing.tlp import Audience, Label


class Kind(models.TextChoices):
    INCIDENT = "incident", _("Incident report")
    ALERT = "alert", _("Alert or advisory")
    LESSON = "lesson", _("Lesson learnt")
    OFFER = "offer", _("Resource or expertise offer")
    REQUEST = "request", _("Request for assistance")


class Sector(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    FINANCE = "finance", _("Finance")
    ENERGY = "energy", _("Energy")
    TELECOMS = "telecoms", _("Telecommunications")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    TRANSPORT = "transport", _("Transport")
    TOURISM = "tourism", _("Tourism")
    OTHER = "other", _("Other")


class IncidentType(models.TextChoices):
    PHISHING = "phishing", _("Phishing")
    MALWARE = "malware", _("Malware")
    RANSOMWARE = "ransomware", _("Ransomware")
    INTRUSION = "intrusion", _("Intrusion")
    DENIAL_OF_SERVICE = "dos", _("Denial of service")
    DATA_BREACH = "breach", _("Data breach")
    FRAUD = "fraud", _("Fraud")
    DEFACEMENT = "defacement", _("Defacement")
    OTHER = "other", _("Other")


class Impact(models.TextChoices):
    NONE = "none", _("None known")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONTAINED = "contained", _("Contained")
    RESOLVED = "resolved", _("Resolved")


class ResourceType(models.TextChoices):
    FORENSIC_LAB = "forensic_lab", _("Forensic laboratory")
    TOOL = "tool", _("Tool or licence")
    TRAINER = "trainer", _("Trainer")
    EXPERT = "expert", _("Expert")


class RequestState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    DONE = "done", _("Done")


class Post(models.Model):
    """One shared item: its kind decides which of the optional fields it fills."""

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("description"))
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="shared_posts",
        verbose_name=_("originating jurisdiction"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="shared_posts",
        verbose_name=_("originating organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="shared_posts"
    )
    label = models.CharField(_("TLP label"), max_length=12, choices=Label.choices)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    named_jurisdictions = models.ManyToManyField(
        "directory.Jurisdiction",
        blank=True,
        related_name="+",
        verbose_name=_("named jurisdictions"),
    )
    recipient_organisations = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("recipient organisations (TLP:AMBER+STRICT)"),
    )
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("named recipients (TLP:RED)"),
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    # Incident report.
    first_seen = models.DateField(_("first seen"), null=True, blank=True)
    sector = models.CharField(_("sector"), max_length=12, choices=Sector.choices, blank=True)
    incident_type = models.CharField(
        _("incident type"), max_length=12, choices=IncidentType.choices, blank=True
    )
    impact = models.CharField(_("impact"), max_length=10, choices=Impact.choices, blank=True)
    incident_status = models.CharField(
        _("incident status"), max_length=10, choices=IncidentStatus.choices, blank=True
    )
    # Alert or advisory.
    severity = models.CharField(_("severity"), max_length=10, choices=Impact.choices, blank=True)
    affected = models.TextField(_("affected systems or products"), blank=True)
    # Resource offer (and the resource a request asks for).
    resource_type = models.CharField(
        _("resource type"), max_length=14, choices=ResourceType.choices, blank=True
    )
    location = models.CharField(_("where"), max_length=200, blank=True)
    availability = models.CharField(_("availability"), max_length=200, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    # Request for assistance.
    addressed_to = models.ForeignKey(
        "directory.Jurisdiction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assistance_requests",
        verbose_name=_("addressed to"),
    )
    request_state = models.CharField(
        _("request state"), max_length=10, choices=RequestState.choices, blank=True
    )

    class Meta:
        indexes = [
            models.Index(fields=["jurisdiction", "created_at"], name="post_origin_created"),
            models.Index(fields=["kind", "label"], name="post_kind_label"),
            models.Index(fields=["addressed_to", "request_state"], name="post_request"),
        ]
        constraints = [
            models.CheckConstraint(
                name="post_public_only_clear",
                condition=~models.Q(audience="public") | models.Q(label="clear"),
            ),
            models.CheckConstraint(
                name="post_request_fields",
                condition=(
                    models.Q(kind="request")
                    & models.Q(addressed_to__isnull=False)
                    & ~models.Q(request_state="")
                )
                | (
                    ~models.Q(kind="request")
                    & models.Q(addressed_to__isnull=True)
                    & models.Q(request_state="")
                ),
            ),
        ]

    def __str__(self):
        return f"[{self.get_label_display()}] {self.title}"

    def clean(self):
        from ictspace.sharing.validation import check_post

        check_post(self)


class Observable(models.Model):
    """One indicator of an incident (a domain, an address, a hash...), validated by its type."""

    class Type(models.TextChoices):
        DOMAIN = "domain", _("Domain name")
        IPV4 = "ipv4", _("IPv4 address")
        IPV6 = "ipv6", _("IPv6 address")
        MD5 = "md5", _("MD5 hash")
        SHA1 = "sha1", _("SHA-1 hash")
        SHA256 = "sha256", _("SHA-256 hash")
        URL = "url", _("URL")
        EMAIL = "email", _("E-mail address")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="observables")
    type = models.CharField(_("type"), max_length=8, choices=Type.choices)
    value = models.CharField(_("value"), max_length=2000)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "type", "value"], name="unique_observable"),
        ]

    def __str__(self):
        return f"{self.get_type_display()}: {self.value}"

    def clean(self):
        from ictspace.sharing.validation import check_observable

        check_observable(self)


class Comment(models.Model):
    """A reply on a post: it inherits the post's label and audience."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created"))

    def __str__(self):
        return f"{self.author} on {self.post_id}"


class Attachment(models.Model):
    """A file attached to a post, kept in private storage by its SHA-256."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(
        _("file"), upload_to=content_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    added_at = models.DateTimeField(_("added"))

    def __str__(self):
        return self.original_name
