"""The national KPI report (e.g. Belize 2015–2018, section 5.0): KPI × baseline × yearly
targets × actual × progress, with each KPI's chart."""

from django.utils.translation import gettext as _

from ictspace.indicators import selectors as indicator_selectors
from ictspace.indicators import visuals
from ictspace.indicators.values import Spec, format_value
from ictspace.reports.content import Cell, Content, Figure, Inputs, Section, Table, number, text
from ictspace.reports.gather.common import day


def gather(report, *, user) -> Content:
    library, jurisdiction, as_of = report.library, report.jurisdiction, report.as_of
    inputs = Inputs()
    indicators = list(indicator_selectors.indicators_of(library))
    statuses = indicator_selectors.statuses(indicators, [jurisdiction])
    for status in statuses:
        status.values = [v for v in status.values if v.period.end <= as_of]
        for value in status.values:
            inputs.values.add(
                (status.indicator.pk, jurisdiction.pk, value.period.code, value.number)
            )
    section = Section(title=_("Key performance indicators"))
    if not statuses:
        section.empty = _("%(library)s defines no indicator.") % {"library": library.title}
    else:
        section.tables.append(_table(library, jurisdiction, statuses, as_of))
    charts = Section(title=_("Each indicator over time"))
    for status in statuses:
        if status.values:
            chart = visuals.series_chart(
                status.indicator, Spec.of(status.indicator), status.values, status.goals
            )
            charts.figures.append(Figure(chart.svg, chart.title, _source(as_of)))
    if not charts.figures:
        charts.empty = _("No validated value is recorded for %(name)s yet.") % {
            "name": jurisdiction.name
        }
    title = _("%(library)s: key performance indicators of %(name)s") % {
        "library": library.title,
        "name": jurisdiction.name,
    }
    return Content(title, _("The national plan's governance bodies"), [section, charts], inputs)


def _source(as_of) -> str:
    return _(
        "Source: validated indicator values, the plan's baselines and targets, as of %(date)s."
    ) % {"date": day(as_of)}


def _years(statuses) -> list[str]:
    periods = {g.period.code for s in statuses for g in s.goals if g.kind == "target" and g.period}
    return sorted(periods)


def _table(library, jurisdiction, statuses, as_of) -> Table:
    years = _years(statuses)
    columns = [_("KPI"), _("Unit"), _("Baseline")]
    columns += [_("Target %(period)s") % {"period": y} for y in years]
    columns += [_("Actual"), _("Period"), _("Progress")]
    rows = []
    for status in statuses:
        spec = Spec.of(status.indicator)
        goals = {g.period.code: g for g in status.goals if g.kind == "target" and g.period}
        baseline = next((g for g in status.goals if g.kind == "baseline"), None)
        latest = status.values[-1] if status.values else None
        assessed = indicator_selectors.progress(
            status.indicator, status.values, status.goals, as_of=as_of
        )
        row = [text(status.indicator.name), text(spec.unit_label), _goal(spec, baseline)]
        row += [_goal(spec, goals.get(y)) for y in years]
        row += [
            number(
                latest.number if latest else None,
                format_value(spec, latest.number, latest.text) if latest else "",
            ),
            text(latest.period.code if latest else ""),
            text(assessed.label),
        ]
        rows.append(row)
    return Table(
        caption=_("KPIs of %(library)s for %(name)s")
        % {
            "library": library.title,
            "name": jurisdiction.name,
        },
        source=_source(as_of),
        columns=columns,
        rows=rows,
        wide=len(columns) > 7,
    )


def _goal(spec, goal) -> Cell:
    if goal is None:
        return text("")
    if goal.value is None:
        return text(goal.text)
    shown = goal.text or format_value(spec, goal.value, "")
    return number(goal.value, shown)
