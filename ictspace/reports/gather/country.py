"""The country status and gap-analysis report (CCSCAP section 6, outputs 1–3)."""

from django.utils.translation import gettext as _

from ictspace import access
from ictspace.catalogue.models import Library
from ictspace.governance.meetings.selectors import remediation_plans
from ictspace.indicators import selectors as indicator_selectors
from ictspace.reports.content import Content, Inputs, Section, Table, number, status, text
from ictspace.reports.gather.common import day, indicator_table, note_cells, source_statuses
from ictspace.tracking import selectors as tracking


def gather(report, *, user) -> Content:
    jurisdiction, as_of = report.jurisdiction, report.as_of
    inputs = Inputs()
    since_round = _last_round(user, jurisdiction, as_of)
    if since_round is not None:
        inputs.governance = True
    since = since_round.opens_on if since_round else report.period_start
    libraries = tracking.libraries_concerning(Library.objects.order_by("title"), jurisdiction)
    sections = [_library(lib, jurisdiction, as_of, since, since_round, inputs) for lib in libraries]
    sections.append(_indicators(jurisdiction, as_of, inputs))
    title = _("Status and gap analysis of %(name)s") % {"name": jurisdiction.name}
    return Content(title, _("The Regional Cyber Committee and the state"), sections, inputs)


def _last_round(user, jurisdiction, as_of):
    return (
        access.review_rounds_visible_to(user)
        .filter(jurisdictions=jurisdiction, opens_on__lte=as_of)
        .order_by("-opens_on", "-pk")
        .first()
    )


def _library(library, jurisdiction, as_of, since, since_round, inputs) -> Section:
    rows = tracking.jurisdiction_rows(jurisdiction, library, as_of)
    note_cells(inputs, {(jurisdiction.pk, r.item.pk): r.cell for r in rows if r.cell})
    counts = tracking.bucket_counts(rows)
    plans = remediation_plans(jurisdiction, library)
    if plans:
        inputs.governance = True
    section = Section(title=library.title)
    section.paragraphs.append(
        _(
            "%(met)s met, %(progress)s in progress, %(not)s not started and %(none)s with "
            "no validated status, of %(total)s items that concern %(name)s."
        )
        % {
            "met": counts["met"],
            "progress": counts["in_progress"],
            "not": counts["not_started"],
            "none": counts["no_data"],
            "total": sum(counts.values()),
            "name": jurisdiction.name,
        }
    )
    source = source_statuses(library, as_of)
    section.tables.append(_status_table(library, rows, source))
    section.tables.append(_gap_table(library, rows, plans, source))
    section.subsections.append(_trend(jurisdiction, library, since, since_round, as_of))
    return section


def _status_table(library, rows, source) -> Table:
    return Table(
        caption=_("Status against every item of %(library)s") % {"library": library.title},
        source=source,
        columns=[_("Ref"), _("Item"), _("Status"), _("Since"), _("Evidence items")],
        rows=[
            [
                text(r.item.ref),
                text(r.item.title),
                status(r.bucket, r.label),
                text(day(r.cell.effective_date) if r.cell else ""),
                number(r.evidence_count),
            ]
            for r in rows
        ],
    )


def _gap_table(library, rows, plans, source) -> Table:
    gaps = [r for r in rows if r.is_gap]
    return Table(
        caption=_("Gaps and their remediation plans"),
        source=source,
        columns=[_("Ref"), _("Item"), _("Status"), _("Remediation plan"), _("Due")],
        rows=[
            [
                text(r.item.ref),
                text(r.item.title),
                status(r.bucket, r.label),
                text(plans[r.item.pk].title if r.item.pk in plans else _("None recorded")),
                text(day(plans[r.item.pk].due_on) if r.item.pk in plans else ""),
            ]
            for r in gaps
        ],
    )


def _trend(jurisdiction, library, since, since_round, as_of) -> Section:
    if since_round is not None:
        title = _("Changes since the review round “%(round)s” opened on %(date)s") % {
            "round": since_round.title,
            "date": day(since),
        }
    else:
        title = _("Changes since %(date)s") % {"date": day(since)}
    updates = tracking.changes_between(jurisdiction, library, since, as_of)
    section = Section(title=title)
    if not updates:
        section.empty = _("No validated change in this period.")
        return section
    section.tables.append(
        Table(
            caption=title,
            source=source_statuses(library, as_of),
            columns=[_("Date"), _("Ref"), _("Item"), _("New status")],
            rows=[
                [
                    text(day(u.effective_date)),
                    text(u.item.ref),
                    text(u.item.title),
                    status(
                        tracking.bucket(library, u.item, u.status),
                        tracking.status_label(library, u.item, u.status),
                    ),
                ]
                for u in updates
            ],
        )
    )
    return section


def _indicators(jurisdiction, as_of, inputs) -> Section:
    libraries = indicator_selectors.libraries_with_indicators(Library.objects.all())
    indicators = [i for lib in libraries for i in indicator_selectors.indicators_of(lib)]
    statuses = indicator_selectors.statuses(indicators, [jurisdiction])
    caption = _("Indicators of %(name)s") % {"name": jurisdiction.name}
    table = indicator_table(caption, statuses, inputs, as_of=as_of)
    section = Section(title=_("Indicators"))
    if table.rows:
        section.tables.append(table)
    else:
        section.empty = _("No indicator value or target is recorded for %(name)s yet.") % {
            "name": jurisdiction.name
        }
    return section
