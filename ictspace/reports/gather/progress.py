"""The six-monthly progress report on the Single ICT Space (IWP component 9)."""

from django.utils.translation import gettext as _

from ictspace import access
from ictspace.governance.risks import scoring
from ictspace.governance.risks.selectors import LIVE, scored
from ictspace.indicators import selectors as indicator_selectors
from ictspace.reports.content import Content, Inputs, Section, Table, number, status, text
from ictspace.reports.gather.common import (
    action_table,
    bucket_of,
    day,
    indicator_table,
    note_cells,
    open_action_items,
    region,
    source_statuses,
)
from ictspace.tracking import selectors as tracking
from ictspace.tracking import workplan


def gather(report, *, user) -> Content:
    library, as_of = report.library, report.as_of
    inputs = Inputs()
    rows = workplan.work_plan(library, jurisdiction=region(), as_of=as_of)
    now = tracking.current_statuses(as_of, library=library)
    note_cells(inputs, now)
    since = report.previous.as_of if report.previous else None
    before = tracking.current_statuses(since, library=library) if since else {}
    risks = _risks(user)
    items = open_action_items(user)
    for item in items:
        item.item_ids = {i.pk for i in item.items.all()}
    inputs.governance = bool(risks or items)
    sections = []
    for component in workplan.components(rows):
        mine = [r for r in rows if r.component.pk == component.pk]
        refs = {r.item.pk for r in mine}
        sections.append(_component(component, mine, library, as_of, since, now, before, refs))
        sections[-1].subsections += [
            _risk_section([r for r in risks if refs & r.item_ids]),
            _action_section([i for i in items if refs & i.item_ids], as_of),
        ]
    sections.append(_indicators(library, as_of, inputs))
    title = _("Progress report on %(library)s") % {"library": library.title}
    return Content(title, _("The Heads of Government and the Steering Committee"), sections, inputs)


def _risks(user) -> list:
    risks = list(
        scored(access.risks_visible_to(user))
        .filter(LIVE)
        .select_related("owner")
        .prefetch_related("items")
        .order_by("-residual_score", "title")
    )
    for risk in risks:
        risk.item_ids = {i.pk for i in risk.items.all()}
    return risks


def _component(component, rows, library, as_of, since, now, before, refs) -> Section:
    section = Section(title=f"{component.ref} {component.title}")
    if component.budget_text:
        section.paragraphs.append(
            _("Proposed budget: %(budget)s.") % {"budget": component.budget_text}
        )
    source = source_statuses(library, as_of)
    section.tables.append(_activities(component, rows, library, source))
    overdue = [r for r in rows if r.overdue]
    section.subsections.append(_overdue(overdue, source))
    section.subsections.append(_changes(library, since, as_of, now, before, refs))
    return section


def _state_text(row) -> str:
    if not row.item.assessable:
        return ""
    if row.status_label:
        return row.status_label
    return _("%(met)s of %(n)s states met") % {"met": row.states_met, "n": row.states_concerned}


def _activities(component, rows, library, source) -> Table:
    return Table(
        caption=_("Activities of %(component)s") % {"component": component.title},
        source=source,
        columns=[_("Ref"), _("Activity"), _("Leads"), _("Due"), _("Phase"), _("Status")],
        rows=[
            [
                text(r.item.ref),
                text(r.item.title),
                text(", ".join(lead.code for lead in r.leads)),
                text(r.item.due_text or r.item.due_value),
                text(", ".join(label or code for code, label in r.phases)),
                status(bucket_of(library, r.item, r.cell), _state_text(r))
                if r.item.assessable
                else text(""),
            ]
            for r in rows
        ],
        wide=True,
    )


def _overdue(rows, source) -> Section:
    section = Section(title=_("Overdue"))
    if not rows:
        section.empty = _("Nothing is overdue.")
        return section
    section.tables.append(
        Table(
            caption=_("Overdue activities"),
            source=source,
            columns=[_("Ref"), _("Activity"), _("Due")],
            rows=[[text(r.item.ref), text(r.item.title), text(r.item.due_text)] for r in rows],
        )
    )
    return section


def _changes(library, since, as_of, now, before, refs) -> Section:
    section = Section(title=_("What changed since the previous issued report"))
    if since is None:
        section.empty = _("This is the first issued report: there is nothing to compare with.")
        return section
    changed = []
    for (jurisdiction_id, item_id), cell in now.items():
        old = before.get((jurisdiction_id, item_id))
        if item_id in refs and (old is None or old.status != cell.status):
            changed.append((jurisdiction_id, item_id, old, cell))
    if not changed:
        section.empty = _("No validated change since %(date)s.") % {"date": day(since)}
        return section
    names = dict(access.jurisdictions_visible_to(None).values_list("pk", "name"))
    items = {i.pk: i for i in tracking.tracked_items(library)}
    section.tables.append(
        Table(
            caption=_("Statuses changed between %(since)s and %(as_of)s")
            % {"since": day(since), "as_of": day(as_of)},
            source=source_statuses(library, as_of),
            columns=[_("Jurisdiction"), _("Ref"), _("Was"), _("Now"), _("Since")],
            rows=[
                [
                    text(names.get(j, "")),
                    text(items[i].ref),
                    _status_cell(library, items[i], old),
                    _status_cell(library, items[i], new),
                    text(day(new.effective_date)),
                ]
                for j, i, old, new in sorted(changed, key=lambda c: (names.get(c[0], ""), c[1]))
                if i in items
            ],
        )
    )
    return section


def _status_cell(library, item, cell):
    label = tracking.status_label(library, item, cell.status) if cell else ""
    return status(bucket_of(library, item, cell), label)


def _risk_section(risks) -> Section:
    section = Section(title=_("Open risks"))
    if not risks:
        section.empty = _("No open risk is tied to this component.")
        return section
    section.tables.append(
        Table(
            caption=_("Open risks, by residual level"),
            source=_("Source: the risk register."),
            columns=[_("Risk"), _("Owner"), _("Residual level"), _("Residual score")],
            rows=[
                [
                    text(r.title),
                    text(r.owner),
                    text(scoring.band_style(r.residual_score).label),
                    number(r.residual_score),
                ]
                for r in risks
            ],
        )
    )
    return section


def _action_section(items, as_of) -> Section:
    section = Section(title=_("Open action items"))
    if not items:
        section.empty = _("No open action item is tied to this component.")
        return section
    section.tables.append(action_table(_("Open action items"), items, as_of=as_of))
    return section


def _indicators(library, as_of, inputs) -> Section:
    indicators = list(indicator_selectors.indicators_of(library))
    statuses = indicator_selectors.statuses(indicators, [region()])
    table = indicator_table(
        _("Indicators with targets and progress"), statuses, inputs, as_of=as_of
    )
    section = Section(title=_("Indicators"))
    if table.rows:
        section.tables.append(table)
    else:
        section.empty = _("No indicator of this plan has a value or a target yet.")
    return section
