"""Attaching evidence (a file or a link) to a draft status update. Audited."""

import datetime
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.audit.log import diff, record
from ictspace.files import kinds, names, storage
from ictspace.tracking.models import Evidence, StatusUpdate

LINK_SCHEMES = ("http", "https")
# What the audit entry of each kind records besides the update and the kind.
AUDITED = {
    Evidence.Kind.FILE: ("original_name", "content_type", "size", "sha256", "citation"),
    Evidence.Kind.LINK: ("url", "title", "accessed_on", "citation"),
}


def _lock_draft(update: StatusUpdate, acting_user) -> StatusUpdate:
    """The update re-read under a row lock, so a concurrent submit cannot slip in between."""
    locked = StatusUpdate.objects.select_for_update().get(pk=update.pk)
    if not access.can_add_evidence(acting_user, locked):
        raise PermissionDenied
    return locked


def _require_citation(citation: str) -> str:
    if not citation.strip():
        raise ValidationError({"citation": _("Say where this evidence comes from.")})
    return citation.strip()


def _audit(item: Evidence, acting_user, **extra) -> None:
    fields = {
        "update": item.update_id,
        "kind": item.kind,
        **{name: getattr(item, name) for name in AUDITED[item.kind]},
        **extra,
    }
    record(actor=acting_user, action="attach_evidence", obj=item, changes=diff({}, fields))


@transaction.atomic
def do_attach_file(update: StatusUpdate, *, uploaded_file, citation: str, acting_user) -> Evidence:
    update = _lock_draft(update, acting_user)
    try:
        detected = kinds.inspect(uploaded_file, kinds.EVIDENCE)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from None
    item = Evidence(
        update=update,
        kind=Evidence.Kind.FILE,
        original_name=names.safe_download_name(uploaded_file.name, detected.extension),
        content_type=detected.content_type,
        size=uploaded_file.size,
        sha256=kinds.sha256_of(uploaded_file),
        citation=_require_citation(citation),
        added_by=acting_user,
        added_at=timezone.now(),
    )
    item.file.name = storage.blob_name(item.sha256)
    item.full_clean()
    with storage.stored(uploaded_file, sha256=item.sha256):
        item.save()
        _audit(item, acting_user, uploaded_as=uploaded_file.name)
    return item


def _validate_link(url: str, title: str, accessed_on: datetime.date | None) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        raise ValidationError({"url": _("Give a web address starting with https:// or http://.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the link a title.")})
    if accessed_on is None:
        raise ValidationError({"accessed_on": _("Give the date you accessed the link.")})
    if accessed_on > timezone.localdate():
        raise ValidationError({"accessed_on": _("The date accessed cannot be in the future.")})


@transaction.atomic
def do_attach_link(
    update: StatusUpdate,
    *,
    url: str,
    title: str,
    accessed_on: datetime.date | None,
    citation: str,
    acting_user,
) -> Evidence:
    update = _lock_draft(update, acting_user)
    url = url.strip()
    _validate_link(url, title, accessed_on)
    item = Evidence(
        update=update,
        kind=Evidence.Kind.LINK,
        url=url,
        title=title.strip(),
        accessed_on=accessed_on,
        citation=_require_citation(citation),
        added_by=acting_user,
        added_at=timezone.now(),
    )
    item.full_clean()
    item.save()
    _audit(item, acting_user)
    return item
