"""Catalogue: libraries (plans, standard sets, indicator sets) as trees of items."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Library(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    version = models.PositiveIntegerField(_("version"))
    # The header as loaded (publishers, adoption, source, scales, phases, ...): the
    # export writes it back unchanged.
    header = models.JSONField(_("header"), default=dict)
    content_sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"))

    class Meta:
        ordering = ["title"]
        verbose_name_plural = _("libraries")

    def __str__(self):
        return self.title

    @property
    def scales(self) -> list[dict]:
        return self.header.get("scales", [])

    @property
    def language(self) -> str:
        """The language the document is written in (its file's `language`)."""
        return self.header.get("language") or settings.LANGUAGE_CODE

    @property
    def source(self) -> dict:
        return self.header.get("source", {})

    def scale(self, code: str = "") -> dict:
        """A status scale by code (default: the library's first)."""
        for scale in self.scales:
            if not code or scale["code"] == code:
                return scale
        return {}


def level_codes(scale: dict) -> list[str]:
    """The scale's level codes, worst first."""
    return [level["code"] for level in scale.get("levels", [])]


class LibraryVersion(models.Model):
    """Each version ever loaded, with its canonical content, for traceability."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    content_sha256 = models.CharField(max_length=64)
    content = models.JSONField()
    loaded_at = models.DateTimeField()

    class Meta:
        ordering = ["library", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["library", "version"], name="unique_library_version")
        ]

    def __str__(self):
        return f"{self.library.slug} v{self.version}"


class ScopeKind(models.TextChoices):
    NATIONAL = "national", _("each state")
    REGIONAL = "regional", _("the region as one")
    BOTH = "both", _("the region and each state")
    LISTED = "listed", _("named jurisdictions only")


class Item(models.Model):
    class Precision(models.TextChoices):
        YEAR = "year", _("year")
        MONTH = "month", _("month")
        DAY = "day", _("day")

    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="items")
    ref = models.CharField(_("reference"), max_length=80)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveIntegerField(_("position in the document"))
    depth = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    title = models.TextField(_("title"))
    description = models.TextField(_("description"), blank=True)
    source_section = models.CharField(_("source section"), max_length=300, blank=True)
    assessable = models.BooleanField(_("assessable"), default=False)
    scale = models.CharField(_("status scale"), max_length=40, blank=True)
    leads = models.JSONField(_("leads as written or coded"), default=list, blank=True)
    partners = models.JSONField(_("partners"), default=list, blank=True)
    lead_organisations = models.ManyToManyField(
        "directory.Organisation", blank=True, related_name="led_items"
    )
    jurisdictions = models.ManyToManyField(
        "directory.Jurisdiction", blank=True, related_name="named_in_items"
    )
    # Scope as the file declares it (None: inherited), for the export; and as resolved
    # down the tree at load time, so that reads and access checks need no tree walk.
    scope = models.JSONField(_("scope as declared"), null=True, blank=True)
    scope_kind = models.CharField(
        _("scope"), max_length=10, choices=ScopeKind.choices, default=ScopeKind.NATIONAL
    )
    # ",BZ,TT," for a listed scope: one code is filtered portably on SQLite and PostgreSQL.
    scope_codes = models.CharField(max_length=200, blank=True)
    scope_associates = models.BooleanField(default=False)
    status_text = models.TextField(_("status or comment as written"), blank=True)
    due_text = models.CharField(_("due as written"), max_length=120, blank=True)
    due_value = models.CharField(_("due"), max_length=10, blank=True)
    due_precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    # The last day the due value covers ("2018-12" → 2018-12-31): what "overdue" compares.
    due_by = models.DateField(null=True, blank=True, db_index=True)
    phases = models.JSONField(_("phases"), default=list, blank=True)
    # ",1,2," so that one phase can be filtered portably on SQLite and PostgreSQL.
    phase_codes = models.CharField(max_length=60, blank=True, db_index=True)
    budget_text = models.CharField(_("budget as written"), max_length=200, blank=True)
    budget_min_usd = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    budget_max_usd = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    attributes = models.JSONField(_("other attributes"), default=dict, blank=True)
    retired_in_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["library", "position"]
        constraints = [models.UniqueConstraint(fields=["library", "ref"], name="unique_item_ref")]
        indexes = [models.Index(fields=["library", "assessable"])]

    def __str__(self):
        return f"{self.ref} {self.title[:80]}"

    @property
    def retired(self) -> bool:
        return self.retired_in_version is not None

    @property
    def scope_jurisdiction_codes(self) -> list[str]:
        """The codes of a listed scope."""
        return [code for code in self.scope_codes.split(",") if code]


class Indicator(models.Model):
    class Direction(models.TextChoices):
        INCREASE = "increase", _("higher is better")
        DECREASE = "decrease", _("lower is better")
        NONE = "none", _("no direction")

    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="indicators")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="indicators")
    position = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(_("code"), max_length=60)
    name = models.TextField(_("name"))
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    definition = models.JSONField(_("definition as loaded"), default=dict)
    retired_in_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["library", "item__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["library", "code"], name="unique_indicator_code")
        ]

    def __str__(self):
        return f"{self.code} {self.name[:80]}"


class Mapping(models.Model):
    class Relation(models.TextChoices):
        RELATED = "related", _("related to")
        IMPLEMENTS = "implements", _("implements")
        PART_OF = "part_of", _("part of")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="mappings")
    position = models.PositiveSmallIntegerField(default=0)
    from_item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="mappings_out")
    # The target is named, not linked: it may live in a library loaded later.
    to_slug = models.SlugField(max_length=80)
    to_ref = models.CharField(max_length=80)
    relation = models.CharField(max_length=12, choices=Relation.choices)
    rationale = models.TextField(blank=True)

    class Meta:
        ordering = ["library", "position"]
        indexes = [models.Index(fields=["to_slug", "to_ref"])]

    def __str__(self):
        return f"{self.from_item.ref} {self.relation} {self.to_slug}:{self.to_ref}"
