"""Observations over time as a line, the baseline as a reference line, targets as diamonds.

Meaning is never carried by colour alone: markers differ in shape, lines in dash, and the
latest values are written out; every value is in the table and in its marker's <title>.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ictspace.charts.colours import AXIS, BASELINE, GRID, MUTED, OBSERVED, TARGET, WHITE
from ictspace.charts.scales import LinearScale, YearScale, format_number, nice_ticks
from ictspace.charts.svg import (
    CHAR_WIDTH,
    Chart,
    Table,
    diamond,
    esc,
    fit,
    num,
    polyline,
    svg_heading,
    svg_open,
    text_width,
)

WIDTH = 720
TOP = 34  # room for the unit label
PLOT_HEIGHT = 220
RIGHT = 28
BOTTOM = 58  # year labels, then the legend


@dataclass(frozen=True)
class Point:
    """One observation or target on the time axis."""

    period: str  # canonical period code: 2024, 2024-S1, 2024-Q3, 2024-03
    start: datetime.date
    end: datetime.date
    value: float
    label: str  # the value formatted for people: "42.5 %", "High"

    @property
    def midpoint(self) -> datetime.date:
        return self.start + (self.end - self.start) / 2


@dataclass(frozen=True)
class _Frame:
    """Where a day (x, whole years) and a value (y) land in the plot area."""

    years: YearScale
    y: LinearScale
    top: float = TOP
    bottom: float = TOP + PLOT_HEIGHT

    @property
    def left(self) -> float:
        return self.years.left

    @property
    def right(self) -> float:
        return self.years.right

    def at(self, point: Point) -> tuple[float, float]:
        return self.years.x(point.midpoint), self.y(point.value)


def time_series(
    *,
    title: str,
    unit_label: str,
    points: Sequence[Point],
    baseline: Point | None,
    targets: Sequence[Point],
    levels: Sequence[str] = (),
    id_prefix: str = "ts",
    from_zero: bool = False,
) -> Chart:
    """Observations as a line over time, the baseline as a reference line, targets as diamonds.

    With `levels`, values are indexes into that ordinal scale and its names label the y axis;
    with `from_zero` (counts, percentages) the value axis starts at zero.
    """
    points = sorted(points, key=lambda p: (p.start, p.end))
    targets = sorted(targets, key=lambda p: (p.start, p.end))
    table = _table(title, points, baseline, targets)
    every = [*points, *targets, *([baseline] if baseline else [])]
    if not every:
        return Chart(svg="", table=table, title=title, empty=_("No data yet."))
    frame, ticks = _frame(every, levels, from_zero=from_zero)
    parts = [
        svg_open(id_prefix, "chart time-series", WIDTH, frame.bottom + BOTTOM),
        svg_heading(id_prefix, title, _describe(unit_label, points, baseline, targets)),
        f'<text x="8" y="16" fill="{MUTED}">{esc(fit(unit_label, WIDTH - 16))}</text>',
        *_value_axis(frame, ticks),
        *_year_axis(frame),
    ]
    if baseline is not None:
        parts.append(_baseline(baseline, frame))
    if targets:
        parts.append(polyline([frame.at(t) for t in targets], TARGET, "6 4"))
    if points:
        parts.append(polyline([frame.at(p) for p in points], OBSERVED))
    else:
        parts.append(
            f'<text x="{num((frame.left + frame.right) / 2)}" y="{num(TOP + PLOT_HEIGHT / 2)}" '
            f'text-anchor="middle" fill="{MUTED}">{esc(_("No observations yet"))}</text>'
        )
    parts += [_marker("target", t, *frame.at(t)) for t in targets]
    parts += [_marker("observation", p, *frame.at(p)) for p in points]
    # Only the latest observation and the final target are written out: the rest would
    # collide; every value is in the table and in its marker's <title>.
    if points:
        parts.append(_value_label(points[-1], frame, above=True))
    if targets:
        parts.append(_value_label(targets[-1], frame, above=False))
    parts.append(_legend(frame.bottom + 46, bool(targets), baseline is not None))
    parts.append("</svg>")
    return Chart(svg="\n".join(parts), table=table, title=title)


def _frame(
    every: list[Point], levels: Sequence[str], *, from_zero: bool
) -> tuple[_Frame, list[tuple[float, str]]]:
    """The plot area and the value ticks: the levels' names, or round numbers."""
    if levels:
        ticks = [(float(i), level) for i, level in enumerate(levels)]
        low, high = -0.5, len(levels) - 0.5
    else:
        values, step = nice_ticks([p.value for p in every], from_zero=from_zero)
        ticks = [(v, format_number(v, step)) for v in values]
        low, high = values[0], values[-1]
    left = 16 + min(max(len(t) for _v, t in ticks), 26) * CHAR_WIDTH
    dates = [min(p.start for p in every), max(p.end for p in every)]
    years = YearScale.covering(dates, left=left, right=WIDTH - RIGHT)
    return _Frame(years, LinearScale(low, high, TOP + PLOT_HEIGHT, TOP)), ticks


def _table(title, points, baseline, targets) -> Table:
    header = (_("Period"), _("Baseline"), _("Observed"), _("Target"))
    if not points and not targets and baseline is None:
        return Table(title, header, ((_("No observations yet"), "", "", ""),))
    cells: dict[tuple, list[str]] = {}
    for column, series in ((1, [baseline] if baseline else []), (2, points), (3, targets)):
        for p in series:
            cells.setdefault((p.start, p.end, p.period), [p.period, "", "", ""])[column] = p.label
    return Table(title, header, tuple(tuple(cells[key]) for key in sorted(cells)))


def _describe(unit_label, points, baseline, targets) -> str:
    parts = [_("Values in %(unit)s over time.") % {"unit": unit_label}]
    if points:
        parts.append(
            ngettext(
                "%(n)d observation, %(first)s to %(last)s; latest %(value)s.",
                "%(n)d observations, %(first)s to %(last)s; latest %(value)s.",
                len(points),
            )
            % {
                "n": len(points),
                "first": points[0].period,
                "last": points[-1].period,
                "value": points[-1].label,
            }
        )
    else:
        parts.append(_("No observations yet."))
    if baseline is not None:
        parts.append(_("Baseline %(v)s (%(p)s).") % {"v": baseline.label, "p": baseline.period})
    parts += [_("Target %(v)s by %(p)s.") % {"v": t.label, "p": t.period} for t in targets]
    return " ".join(parts)


def _value_axis(frame: _Frame, ticks: list[tuple[float, str]]) -> list[str]:
    lines = [
        f'<line x1="{num(frame.left)}" y1="{num(frame.y(v))}" x2="{num(frame.right)}" '
        f'y2="{num(frame.y(v))}" stroke="{GRID}" stroke-width="1"/>'
        f'<text x="{num(frame.left - 8)}" y="{num(frame.y(v) + 4)}" text-anchor="end">'
        f"{esc(fit(text, frame.left - 16))}</text>"
        for v, text in ticks
    ]
    lines.append(
        f'<path d="M{num(frame.left)},{num(frame.top - 4)}V{num(frame.bottom)}H{num(frame.right)}" '
        f'fill="none" stroke="{AXIS}" stroke-width="1"/>'
    )
    return lines


def _year_axis(frame: _Frame) -> list[str]:
    """A short tick at each new year; labels in the middle of the years, thinned."""
    labels = dict(frame.years.labelled(12))
    bottom = frame.bottom
    ticks = []
    for year in frame.years.years:
        left = frame.years.x(datetime.date(year, 1, 1))
        ticks.append(
            f'<line x1="{num(left)}" y1="{num(bottom)}" x2="{num(left)}" y2="{num(bottom + 5)}" '
            f'stroke="{AXIS}" stroke-width="1"/>'
        )
        if year in labels:
            ticks.append(
                f'<text x="{num(labels[year])}" y="{num(bottom + 18)}" '
                f'text-anchor="middle">{year}</text>'
            )
    return ticks


def _marker(kind: str, point: Point, px: float, py: float) -> str:
    """A filled circle for an observation, a hollow diamond for a target."""
    if kind == "target":
        text = _("Target for %(period)s: %(value)s")
        shape = (
            f'<polygon points="{diamond(px, py, 7)}" '
            f'fill="{WHITE}" stroke="{TARGET}" stroke-width="2"/>'
        )
    else:
        text = _("Observed in %(period)s: %(value)s")
        shape = f'<circle cx="{num(px)}" cy="{num(py)}" r="4.5" fill="{OBSERVED}"/>'
    title = text % {"period": point.period, "value": point.label}
    return (
        f'<g class="marker {kind}" data-kind="{kind}" data-period="{esc(point.period)}">'
        f"<title>{esc(title)}</title>{shape}</g>"
    )


def _baseline(point: Point, frame: _Frame) -> str:
    """A dotted reference line across the plot and a square at the baseline's period."""
    text = _("Baseline (%(period)s): %(value)s") % {"period": point.period, "value": point.label}
    px, py = frame.at(point)
    return (
        f'<g class="marker baseline" data-kind="baseline" data-period="{esc(point.period)}">'
        f"<title>{esc(text)}</title>"
        f'<line x1="{num(frame.left)}" y1="{num(py)}" x2="{num(frame.right)}" y2="{num(py)}" '
        f'stroke="{BASELINE}" stroke-width="1.5" stroke-dasharray="2 3"/>'
        f'<rect x="{num(px - 5)}" y="{num(py - 5)}" width="10" height="10" fill="{BASELINE}"/>'
        f'<text x="{num(frame.right - 4)}" y="{num(py - 6)}" text-anchor="end" fill="{BASELINE}">'
        f"{esc(fit(text, (frame.right - frame.left) / 2))}</text></g>"
    )


def _value_label(point: Point, frame: _Frame, *, above: bool) -> str:
    """A value written above (observation) or below (target) its marker, kept in the plot."""
    px, py = frame.at(point)
    room = text_width(point.label) / 2 + 2
    x = min(max(px, frame.left + room), frame.right - room + 14)
    colour = OBSERVED if above else TARGET
    return (
        f'<text x="{num(x)}" y="{num(py - 11 if above else py + 21)}" text-anchor="middle" '
        f'fill="{colour}" font-weight="600">{esc(point.label)}</text>'
    )


def _legend(y: float, targets: bool, baseline: bool) -> str:
    """Shape and dash say which series is which; the words say it again."""
    items = [(f'<circle cx="8" cy="-4" r="4.5" fill="{OBSERVED}"/>', _("Observed"))]
    if targets:
        diamond_symbol = (
            f'<polygon points="8,-11 15,-4 8,3 1,-4" fill="{WHITE}" stroke="{TARGET}" '
            f'stroke-width="2"/>'
        )
        items.append((diamond_symbol, _("Target (dashed line)")))
    if baseline:
        square = f'<rect x="3" y="-9" width="10" height="10" fill="{BASELINE}"/>'
        items.append((square, _("Baseline (dotted line)")))
    parts, x = [f'<g class="legend" transform="translate(0 {num(y)})">'], 8.0
    for symbol, text in items:
        parts.append(
            f'<g transform="translate({num(x)} 0)">{symbol}<text x="22" y="0">{esc(text)}</text></g>'
        )
        x += 44 + text_width(text)
    parts.append("</g>")
    return "".join(parts)
