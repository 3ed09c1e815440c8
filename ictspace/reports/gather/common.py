"""Pieces the four gatherers share: sources, indicator tables, governance lists."""

from django.utils.translation import gettext as _

from ictspace import access
from ictspace.directory.models import Jurisdiction
from ictspace.indicators import selectors as indicator_selectors
from ictspace.indicators.values import Spec, format_value
from ictspace.portal.templatetags.when import day
from ictspace.reports.content import Cell, Inputs, Table, number, text
from ictspace.tracking.selectors import bucket


def source_statuses(library, as_of) -> str:
    return _("Source: validated status updates in %(library)s, as of %(date)s.") % {
        "library": library.title,
        "date": day(as_of),
    }


def states():
    """The member and associate states (not the region itself), by name."""
    return list(Jurisdiction.objects.exclude(kind="region").order_by("name"))


def region():
    return Jurisdiction.objects.filter(kind="region").order_by("pk").first()


def note_cells(inputs: Inputs, cells: dict) -> None:
    """Record the status cells (from `current_statuses`) a table shows, for the TLP label."""
    for (jurisdiction_id, item_id), cell in cells.items():
        inputs.statuses.add((jurisdiction_id, item_id, cell.status, cell.effective_date))


def bucket_of(library, item, cell) -> str:
    return bucket(library, item, cell.status if cell else None)


def indicator_rows(statuses, inputs: Inputs, *, as_of) -> list[list[Cell]]:
    """Indicator × latest value by `as_of` × final target × progress, for statuses with data."""
    rows = []
    for status in statuses:
        values = [v for v in status.values if v.period.end <= as_of]
        if not values and not status.goals:
            continue
        for value in values:
            inputs.values.add(
                (status.indicator.pk, status.jurisdiction.pk, value.period.code, value.number)
            )
        latest = values[-1] if values else None
        spec = Spec.of(status.indicator)
        target = status.final_target
        assessed = indicator_selectors.progress(
            status.indicator, status.values, status.goals, as_of=as_of
        )
        rows.append(
            [
                text(status.indicator.name),
                text(spec.unit_label),
                number(
                    latest.number if latest else None,
                    format_value(spec, latest.number, latest.text) if latest else "",
                ),
                text(latest.period.code if latest else ""),
                text(_goal_text(spec, target)),
                text(assessed.label),
            ]
        )
    return rows


def _goal_text(spec, goal) -> str:
    if goal is None:
        return ""
    shown = goal.text or (format_value(spec, goal.value, "") if goal.value is not None else "")
    return f"{shown} ({goal.period.code})" if goal.period else shown


def indicator_table(caption, statuses, inputs, *, as_of) -> Table:
    return Table(
        caption=caption,
        source=_("Source: validated indicator values, baselines and targets, as of %(date)s.")
        % {"date": day(as_of)},
        columns=[
            _("Indicator"),
            _("Unit"),
            _("Latest value"),
            _("Period"),
            _("Target"),
            _("Progress"),
        ],
        rows=indicator_rows(statuses, inputs, as_of=as_of),
    )


def open_action_items(user, **filters):
    """Open action items (governance), with their owners."""
    return list(
        access.action_items_visible_to(user)
        .filter(status="open", **filters)
        .select_related("owner_person", "owner_organisation", "gap_jurisdiction", "gap_item")
        .prefetch_related("items")
        .order_by("due_on", "id")
    )


def action_rows(items, *, as_of) -> list[list[Cell]]:
    return [
        [
            text(item.title),
            text(item.owner_organisation or item.owner_person or ""),
            text(day(item.due_on)),
            text(_("Overdue") if item.due_on < as_of else _("Open")),
        ]
        for item in items
    ]


def action_table(caption, items, *, as_of) -> Table:
    return Table(
        caption=caption,
        source=_("Source: the action items of the governance meetings, as of %(date)s.")
        % {"date": day(as_of)},
        columns=[_("Action"), _("Owner"), _("Due"), _("State")],
        rows=action_rows(items, as_of=as_of),
    )
