import csv

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_safe

from ictspace import access, keyset
from ictspace.audit import selectors, wording
from ictspace.audit.forms import AuditFilterForm
from ictspace.files.serving import protect
from ictspace.spreadsheets import safe_cell

PAGE_SIZE = 50
# Marked for the catalogues here, translated when the file is written.
CSV_HEADER = [
    gettext_noop("When (UTC)"),
    gettext_noop("Who"),
    gettext_noop("Action"),
    gettext_noop("Action code"),
    gettext_noop("Object type"),
    gettext_noop("Object id"),
    gettext_noop("Object"),
    gettext_noop("Changes"),
]


def _filtered(request):
    """The form and the entries it selects (all visible entries while it is invalid)."""
    access.require(access.can_view_audit_log(request.user))
    form = AuditFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "who": data["who"],
            "obj": data["object"],
            "action": data["action"],
            "since": data["since"],
            "until": data["until"],
        }
    return form, selectors.audit_entries(request.user, **filters)


@login_required
@require_safe
def audit_log(request):
    form, entries = _filtered(request)
    # Newest first, a page at a time from a cursor: no count of millions of entries.
    page = keyset.page_of(
        entries,
        key="at",
        descending=True,
        size=PAGE_SIZE,
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
    )
    for entry in page:
        entry.phrase = wording.describe(entry.action, entry.object_type)
    query = request.GET.copy()
    for cursor in ("after", "before", "page"):
        query.pop(cursor, None)
    return render(
        request,
        "audit/log.html",
        {"form": form, "page": page, "query": query.urlencode(), "cursor": _cursor(request)},
        status=400 if form.errors else 200,
    )


def _cursor(request) -> bool:
    """Whether the page continues from a cursor, so that a link back to the newest is due."""
    return bool(request.GET.get("after") or request.GET.get("before"))


def _change_text(field, values) -> str:
    if isinstance(values, list) and len(values) == 2:
        return f"{field}: {values[0]} → {values[1]}"
    return f"{field}: {values}"


class _Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, value):
        return value


def _csv_lines(entries):
    writer = csv.writer(_Echo())
    yield writer.writerow([_(h) for h in CSV_HEADER])
    for e in entries.iterator(chunk_size=500):
        row = [
            e.at.isoformat(),
            e.actor_label,
            wording.describe(e.action, e.object_type),
            e.action,
            e.object_type,
            e.object_id,
            e.object_repr,
            "; ".join(_change_text(field, values) for field, values in e.changes.items()),
        ]
        yield writer.writerow([safe_cell(cell) for cell in row])


@login_required
@require_safe
def audit_export(request):
    """The entries the filters select, as CSV, streamed: the log can be long."""
    form, entries = _filtered(request)
    if form.errors:
        return render(request, "audit/log.html", {"form": form, "page": None}, status=400)
    response = StreamingHttpResponse(_csv_lines(entries), content_type="text/csv; charset=utf-8")
    return protect(response, name="audit-log.csv")
