"""The region's directory: jurisdictions, organisations, bodies, people and appointments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Jurisdiction(models.Model):
    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        STATE = "state", _("State or territory")

    class Membership(models.TextChoices):
        REGION = "region", _("Region")
        MEMBER = "member", _("Member state")
        ASSOCIATE = "associate", _("Associate member")

    code = models.CharField(_("code"), max_length=16, unique=True)
    iso_code = models.CharField(
        _("ISO 3166 code"), max_length=2, unique=True, null=True, blank=True
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    membership = models.CharField(_("membership"), max_length=10, choices=Membership.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    aliases = models.JSONField(_("aliases used by the documents"), default=list, blank=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        REGIONAL_AGENCY = "regional_agency", _("Regional agency")
        CLUSTER = "cluster", _("Cluster")
        INTERNATIONAL_PARTNER = "international_partner", _("International partner")
        NATIONAL_BODY = "national_body", _("National body")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    member_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="cluster_members"
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction, null=True, blank=True, on_delete=models.PROTECT, related_name="organisations"
    )
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Body(models.Model):
    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Committee")
        COUNCIL = "council", _("Council")
        CLUSTER = "cluster", _("Cluster")
        CONFERENCE = "conference", _("Conference")
        CSIRT = "csirt", _("National CSIRT/CERT")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    jurisdiction = models.ForeignKey(
        Jurisdiction, null=True, blank=True, on_delete=models.PROTECT, related_name="bodies"
    )
    chair = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="chaired"
    )
    members = models.ManyToManyField(Organisation, blank=True, related_name="bodies")
    member_note = models.TextField(_("membership note"), blank=True)
    responsibilities = models.JSONField(_("responsibilities"), default=list, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name_plural = _("bodies")

    def __str__(self):
        return self.name


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name


class ContactChannel(models.Model):
    class Kind(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone")
        MOBILE = "mobile", _("Mobile")
        OTHER = "other", _("Other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=200)
    available_24_7 = models.BooleanField(_("available 24/7"), default=False)

    class Meta:
        ordering = ["person", "-available_24_7", "kind"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"


class AppointmentQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start__lte=on), Q(end__isnull=True) | Q(end__gte=on))


class Appointment(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        NCPOC = "ncpoc", _("National Cyber Point of Contact")
        SECRETARY = "secretary", _("Secretary")
        CONTACT = "contact", _("Contact")
        # 004_1eb6b663af8d5b22.txt: "national focal points for cybercrime and electronic evidence"
        EVIDENCE_CONTACT = "le_contact", _("Law-enforcement contact for electronic evidence")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appointments")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="appointments")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    jurisdiction = models.ForeignKey(
        Jurisdiction, null=True, blank=True, on_delete=models.PROTECT, related_name="appointments"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="appointments"
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["body", "jurisdiction", "role", "start"]
        indexes = [models.Index(fields=["body", "jurisdiction", "role"])]
        constraints = [
            models.CheckConstraint(
                name="appointment_ends_after_start",
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}, {self.body}"


class Designation(models.Model):
    """An organisation designated by (or for) a jurisdiction to do one job, e.g. receive reports.

    A jurisdiction without a designation of its own falls back to its region's.
    """

    class Purpose(models.TextChoices):
        PUBLIC_REPORTS = "public_reports", _("Receives the public's online reports")

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="designations"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="designations"
    )
    source = models.TextField(_("source"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "purpose"], name="one_designation_per_purpose"
            )
        ]

    def __str__(self):
        return f"{self.organisation.code}: {self.get_purpose_display()} ({self.jurisdiction.code})"
