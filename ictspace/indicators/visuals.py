"""From indicator data to the charts: the one place pages (and reports) build pictures."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ictspace.charts import colours, comparison, scales, tilemap, timeseries
from ictspace.indicators.periods import parse_period
from ictspace.indicators.progress import LABELS
from ictspace.indicators.values import format_value

# Counts and percentages are read against zero; a page that wants a closer view says so.
ZERO_BASED = frozenset({"count", "percent"})


def starts_at_zero(spec) -> bool:
    """Whether this indicator's value axis starts at zero."""
    return spec.value_type in ZERO_BASED


def _point(spec, period, number, text) -> timeseries.Point:
    return timeseries.Point(
        period=period.code,
        start=period.start,
        end=period.end,
        value=float(number),
        label=format_value(spec, number, text),
    )


def series_chart(indicator, spec, values, goals, breakdown: str = ""):
    points = [_point(spec, v.period, v.number, v.text) for v in values if v.number is not None]
    baseline = next(
        (
            _point(spec, g.period, g.value, "")
            for g in goals
            if g.kind == "baseline" and g.value is not None and g.period
        ),
        None,
    )
    targets = [
        _point(spec, g.period, g.value, g.text if spec.value_type != "ordinal" else "")
        for g in goals
        if g.kind == "target" and g.value is not None and g.period
    ]
    title = indicator.name if not breakdown else f"{indicator.name} ({breakdown})"
    return timeseries.time_series(
        title=title,
        unit_label=spec.unit_label,
        points=points,
        baseline=baseline,
        targets=targets,
        levels=spec.levels if spec.value_type == "ordinal" else (),
        id_prefix=f"ts-{indicator.pk}",
        from_zero=starts_at_zero(spec),
    )


def _value_in(status, period: str):
    return next((v for v in status.values if v.period.code == period), None)


def comparison_chart(indicator, spec, statuses, period: str):
    bars = []
    for status in statuses:
        value = _value_in(status, period) if period else None
        number = None if value is None or value.number is None else float(value.number)
        bars.append(
            comparison.Bar(
                code=status.jurisdiction.code,
                name=status.jurisdiction.name,
                value=number,
                label=format_value(spec, value.number, value.text) if value else "",
                css_class=f"progress-{status.progress.status}",
            )
        )
    label = parse_period(period).code if period else _("no period")
    return comparison.comparison(
        title=indicator.name,
        unit_label=spec.unit_label,
        period_label=label,
        bars=bars,
        id_prefix=f"cmp-{indicator.pk}",
    )


def tile_chart(indicator, spec, statuses, period: str, *, colour: str = "value"):
    """The region as equal tiles, coloured by the period's value or by progress status.

    Each tile links to the jurisdiction's series of the indicator.
    """
    tiles, legend = [], []
    slug = indicator.library.slug

    def series(status) -> str:
        return reverse("indicators:series", args=[slug, indicator.code, status.jurisdiction.code])

    if colour == "progress":
        styles = colours.PROGRESS_STYLES
        for status in statuses:
            style = styles[status.progress.status]
            tiles.append(
                tilemap.Tile(
                    code=status.jurisdiction.code,
                    name=status.jurisdiction.name,
                    text=str(LABELS[status.progress.status]),
                    fill=style.fill,
                    ink=style.ink,
                    href=series(status),
                )
            )
        legend = list(styles.values())
        title = _("%(name)s: progress") % {"name": indicator.name}
    else:
        found = {s.jurisdiction.pk: _value_in(s, period) if period else None for s in statuses}
        numbers = [float(v.number) for v in found.values() if v and v.number is not None]
        scale = scales.value_scale(numbers, direction=indicator.direction)
        for status in statuses:
            value = found[status.jurisdiction.pk]
            number = None if value is None or value.number is None else float(value.number)
            style = scale(number)
            tiles.append(
                tilemap.Tile(
                    code=status.jurisdiction.code,
                    name=status.jurisdiction.name,
                    text=format_value(spec, value.number, value.text) if value else _("no data"),
                    fill=style.fill,
                    ink=style.ink,
                    href=series(status),
                )
            )
        legend = list(scale.legend)
        title = _("%(name)s, %(period)s") % {"name": indicator.name, "period": period or "—"}
    return tilemap.tile_map(
        title=title, tiles=tiles, legend=legend, id_prefix=f"tiles-{indicator.pk}"
    )
