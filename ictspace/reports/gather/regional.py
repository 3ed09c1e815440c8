"""The regional status report to the Steering Committee and CONSLE (CCSCAP section 8)."""

from django.utils.translation import gettext as _

from ictspace import access
from ictspace.charts import colours, tilemap
from ictspace.governance.rounds import selectors as round_selectors
from ictspace.reports.content import (
    Cell,
    Content,
    Figure,
    Inputs,
    Section,
    Table,
    number,
    status,
    text,
)
from ictspace.reports.gather.common import (
    action_table,
    day,
    note_cells,
    open_action_items,
    source_statuses,
)
from ictspace.tracking import selectors as tracking

ALL_MET, SOME_MET, NONE_MET = "all", "some", "none"
TILE_FILLS = {ALL_MET: "#1b5b9a", SOME_MET: "#9ecae1", NONE_MET: "#fbe4e4"}
MAIN_GAPS = 10  # the items most states have not met


def gather(report, *, user) -> Content:
    library, as_of = report.library, report.as_of
    inputs = Inputs()
    jurisdictions = access.jurisdictions_visible_to(user).order_by("kind", "name")
    matrix = tracking.matrix(library, as_of, jurisdictions=jurisdictions)
    note_cells(inputs, _shown_cells(matrix))
    sections = [_area(matrix, component, as_of) for component in matrix.index.components()]
    sections.append(_main_gaps(matrix, as_of))
    sections.append(_round(user, as_of, inputs))
    sections.append(_governance(user, report.period_start, as_of, inputs))
    title = _("Regional status of %(library)s") % {"library": library.title}
    return Content(title, _("The Steering Committee and CONSLE"), sections, inputs)


def _shown_cells(matrix) -> dict:
    return {
        (c.jurisdiction.pk, row.item.pk): c.cell
        for row in matrix.rows
        for c in row.cells
        if c.cell is not None
    }


def _area(matrix, component, as_of) -> Section:
    rows = [r for r in matrix.rows if matrix.index.top(r.item).pk == component.pk]
    section = Section(title=f"{component.ref} {component.title}")
    states = list(matrix.jurisdictions)
    section.tables.append(
        Table(
            caption=_("%(area)s: every item across the region") % {"area": component.title},
            source=source_statuses(matrix.library, as_of),
            columns=[_("Ref"), _("Item"), *[j.code for j in states]],
            rows=[[text(r.item.ref), text(r.item.title), *map(_cell, r.cells)] for r in rows],
            wide=True,
        )
    )
    chart = _tile_map(component, rows, states)
    if chart.svg:
        section.figures.append(
            Figure(chart.svg, chart.title, source_statuses(matrix.library, as_of))
        )
    return section


def _cell(matrix_cell) -> Cell:
    if matrix_cell.rollup is not None:
        r = matrix_cell.rollup
        return Cell(_("%(met)s of %(total)s met") % {"met": r.met, "total": r.total}, r.met)
    if not matrix_cell.applies and matrix_cell.cell is None:
        return text("")
    return status(matrix_cell.bucket)


def _tile_map(component, rows, states):
    legend = {
        ALL_MET: colours.legend_entry(_("Every item met"), TILE_FILLS[ALL_MET]),
        SOME_MET: colours.legend_entry(_("Some items met"), TILE_FILLS[SOME_MET]),
        NONE_MET: colours.legend_entry(_("No item met"), TILE_FILLS[NONE_MET]),
    }
    tiles = []
    for position, jurisdiction in enumerate(states):
        cells = [r.cells[position] for r in rows if r.cells[position].applies]
        if not cells or jurisdiction.kind == "region":
            continue
        met = sum(1 for c in cells if c.bucket == tracking.MET)
        share = ALL_MET if met == len(cells) else SOME_MET if met else NONE_MET
        tiles.append(
            tilemap.Tile(
                code=jurisdiction.code,
                name=jurisdiction.name,
                text=_("%(met)s of %(total)s met") % {"met": met, "total": len(cells)},
                fill=legend[share].fill,
                ink=legend[share].ink,
            )
        )
    title = _("%(area)s: items met per jurisdiction") % {"area": component.title}
    return tilemap.tile_map(
        title=title, tiles=tiles, legend=list(legend.values()), id_prefix=f"area-{component.pk}"
    )


def _main_gaps(matrix, as_of) -> Section:
    section = Section(title=_("The main gaps across the region"))
    counted = []
    for row in matrix.rows:
        concerned = [c for c in row.cells if c.applies and c.jurisdiction.kind != "region"]
        open_ = [c for c in concerned if c.bucket != tracking.MET]
        if open_:
            counted.append((len(open_), len(concerned), row.item))
    counted.sort(key=lambda entry: (-entry[0], entry[2].position))
    if not counted:
        section.empty = _("Every state has met every item.")
        return section
    section.tables.append(
        Table(
            caption=_("The %(n)s items the most states have not met") % {"n": MAIN_GAPS},
            source=source_statuses(matrix.library, as_of),
            columns=[_("Ref"), _("Item"), _("States not met"), _("States concerned")],
            rows=[
                [text(item.ref), text(item.title), number(gaps), number(concerned)]
                for gaps, concerned, item in counted[:MAIN_GAPS]
            ],
        )
    )
    return section


def _round(user, as_of, inputs) -> Section:
    section = Section(title=_("The latest review round: completeness and timeliness"))
    rnd = (
        access.review_rounds_visible_to(user)
        .filter(opens_on__lte=as_of)
        .order_by("-opens_on", "-pk")
        .first()
    )
    if rnd is None:
        section.empty = _("No review round has been opened yet.")
        return section
    inputs.governance = True
    rows = round_selectors.round_rows(rnd)
    summary = round_selectors.summary(rows)
    section.paragraphs.append(
        _("“%(title)s”, open from %(opens)s to %(due)s: %(on_time)s of %(total)s answered on time.")
        % {
            "title": rnd.title,
            "opens": day(rnd.opens_on),
            "due": day(rnd.due_on),
            "on_time": summary["on_time"],
            "total": summary["total"],
        }
    )
    section.tables.append(
        Table(
            caption=_("Where each jurisdiction stands in “%(title)s”") % {"title": rnd.title},
            source=_("Source: the review round's expected items and the status updates."),
            columns=[_("Jurisdiction"), _("State"), _("Completeness (%)"), _("On time")],
            rows=[
                [
                    text(p.jurisdiction.name),
                    text(p.state_label),
                    number(p.completeness),
                    text(_("Yes") if p.on_time else _("No")),
                ]
                for p in rows
            ],
        )
    )
    chart = round_selectors.round_tile_map(rnd, rows)
    if chart.svg:
        section.figures.append(Figure(chart.svg, chart.title, _("Source: the review round.")))
    return section


def _governance(user, since, as_of, inputs) -> Section:
    section = Section(title=_("Decisions and action items since %(date)s") % {"date": day(since)})
    meetings = list(
        access.meetings_visible_to(user)
        .filter(date__gt=since, date__lte=as_of)
        .prefetch_related("decisions")
        .order_by("date", "pk")
    )
    decisions = [(m, d) for m in meetings for d in m.decisions.all()]
    items = open_action_items(user, due_on__gte=since)
    if decisions or items:
        inputs.governance = True
    if decisions:
        section.tables.append(
            Table(
                caption=_("Decisions"),
                source=_("Source: the minutes of the governance meetings."),
                columns=[_("Meeting"), _("Date"), _("Decision")],
                rows=[[text(m.title), text(day(m.date)), text(d.text)] for m, d in decisions],
            )
        )
    if items:
        section.tables.append(action_table(_("Open action items"), items, as_of=as_of))
    if not section.tables:
        section.empty = _("No decision or open action item in this period.")
    return section
