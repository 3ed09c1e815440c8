"""Tracking: one append-only stream of status updates per (jurisdiction, item)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ictspace.files.storage import content_path, private_storage
from ictspace.review.models import Reviewable


class StatusUpdate(Reviewable):
    """A statement that `jurisdiction` was at `status` on `item` from `effective_date`.

    Never overwritten: a draft may be edited by its author until it is submitted; after
    that the row only moves through review. A correction is a new update.
    """

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.PROTECT, related_name="status_updates"
    )
    item = models.ForeignKey(
        "catalogue.Item", on_delete=models.PROTECT, related_name="status_updates"
    )
    status = models.CharField(_("status"), max_length=40)
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), null=True, blank=True
    )
    narrative = models.TextField(_("narrative"), blank=True)
    effective_date = models.DateField(_("effective date"))
    source_citation = models.TextField(_("source"), blank=True)
    # Optimistic concurrency for drafts: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    class Meta(Reviewable.Meta):
        # No default ordering: every read of a big table says the order it needs, so no
        # query pays for a join and a sort it never asked for (issue 17).
        indexes = [
            models.Index(
                fields=["jurisdiction", "item", "effective_date"],
                condition=models.Q(review_state="validated"),
                name="validated_stream_idx",
            ),
            # A pair's history and an item's recent updates, newest first: read in index
            # order and stop at the page's last row, instead of sorting the whole stream.
            models.Index(
                fields=["jurisdiction", "item", "effective_date", "id"], name="pair_stream_idx"
            ),
            models.Index(fields=["item", "effective_date", "id"], name="item_stream_idx"),
            # A jurisdiction's work in progress, newest first. Partial, so it holds only the
            # few unfinished updates; queries name the states as literals (selectors._unfinished),
            # as SQLite uses a partial index only for a condition it can read in the SQL.
            models.Index(
                fields=["jurisdiction", "created_at", "id"],
                condition=models.Q(review_state__in=["draft", "submitted", "returned"]),
                name="unfinished_stream_idx",
            ),
            # When each state last reported (a seek per state), and a state's decisions since
            # its NCPOC's last visit.
            models.Index(
                fields=["jurisdiction", "review_state", "effective_date"], name="reported_idx"
            ),
            models.Index(fields=["jurisdiction", "reviewed_at", "id"], name="decided_idx"),
            # The review queue: the waiting rows oldest first, and their counts, read from
            # the index alone (who wrote them and where: what the queue's filters need).
            models.Index(
                fields=["review_state", "submitted_at", "id", "author", "jurisdiction"],
                name="waiting_updates_idx",
            ),
            # Their counts, which stop past 1,000: a range up to the 1,001st id.
            models.Index(
                fields=["review_state", "id", "author", "jurisdiction"],
                name="waiting_updates_count_idx",
            ),
            # An author's own work by state, newest first: their home page's lists and the
            # navigation's count of drafts and returned updates, on every page they open.
            models.Index(fields=["author", "review_state", "-created_at"], name="author_work_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="percent_within_0_100",
                condition=models.Q(percent_complete__isnull=True)
                | models.Q(percent_complete__lte=100),
            ),
            *Reviewable.Meta.constraints,
        ]

    def __str__(self):
        return f"{self.jurisdiction.code} {self.item.ref}: {self.status} ({self.effective_date})"


class Evidence(models.Model):
    """A file or a link that backs a status update, with where it comes from."""

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Link")

    update = models.ForeignKey(StatusUpdate, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    # A file: detected type, size and hash; the original name only for the download.
    file = models.FileField(
        _("file"), upload_to=content_path, storage=private_storage, max_length=200, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("type"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    # A link.
    url = models.URLField(_("address"), max_length=2000, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    accessed_on = models.DateField(_("date accessed"), null=True, blank=True)
    citation = models.TextField(_("source citation"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    added_at = models.DateTimeField(_("added"))

    class Meta:
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                name="evidence_file_or_link",
                condition=(models.Q(kind="file") & ~models.Q(sha256="") & models.Q(url=""))
                | (models.Q(kind="link") & ~models.Q(url="") & models.Q(sha256="")),
            ),
        ]

    def __str__(self):
        return self.original_name or self.title or self.url
