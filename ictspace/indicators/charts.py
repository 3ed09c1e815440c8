"""Indicator charts as self-contained, accessible SVG strings: one rendering path for the
pages and the reports.

Pure: plain dataclasses in, a `Chart` out (the SVG and the same information as a table);
no database, no JavaScript, no external library. Every text is escaped and the output is
deterministic. Meaning is never carried by colour alone: markers differ in shape, lines in
dash, and every value is written out. The tile map and its colours are in `tilemap.py`.
"""

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Text and marks at least 4.5:1 against white (WCAG AA), as in tracking/gantt.py; GRID is
# only for the light reference lines behind the data.
INK = "#1b1f24"
MUTED = "#4a5560"
GRID = "#c9d1d9"
AXIS = "#6b7783"
OBSERVED = "#0b4f71"
TARGET = "#5b2a86"
BASELINE = "#8a4b00"
WIDTH = 720
CHAR_WIDTH = 6.6  # average width of a 12px character: where labels are cut
SVG_NS = "http://www.w3.org/2000/svg"


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
class Table:
    """The chart's information as text, for screen readers and for reports."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    svg: str  # escaped inside: safe to mark safe; "" when there is nothing to draw
    table: Table
    title: str


@dataclass(frozen=True)
class Bar:
    """One jurisdiction in a comparison; `value` None means no data."""

    code: str
    name: str
    value: float | None
    label: str
    css_class: str = ""


# Time series -------------------------------------------------------------------------------

TS_TOP = 34  # room for the unit label
TS_PLOT_HEIGHT = 220
TS_RIGHT = 28
TS_BOTTOM = 58  # year labels, then the legend


@dataclass(frozen=True)
class _Frame:
    """Where a day (x, whole years) and a value (y) land in the plot area."""

    left: float
    right: float
    first: datetime.date  # 1 January of the earliest year
    last: datetime.date  # 1 January after the latest year
    low: float
    high: float
    top: float = TS_TOP
    bottom: float = TS_TOP + TS_PLOT_HEIGHT

    def x(self, day: datetime.date) -> float:
        span = (self.last - self.first).days
        return self.left + (day - self.first).days / span * (self.right - self.left)

    def y(self, value: float) -> float:
        return self.bottom - (value - self.low) / (self.high - self.low) * (self.bottom - self.top)

    def at(self, point: Point) -> tuple[float, float]:
        return self.x(point.midpoint), self.y(point.value)


def time_series(
    *,
    title: str,
    unit_label: str,
    points: Sequence[Point],
    baseline: Point | None,
    targets: Sequence[Point],
    levels: Sequence[str] = (),
    id_prefix: str = "ts",
) -> Chart:
    """Observations as a line over time, the baseline as a reference line, targets as diamonds.

    With `levels`, values are indexes into that ordinal scale and its names label the y axis.
    """
    points = sorted(points, key=lambda p: (p.start, p.end))
    targets = sorted(targets, key=lambda p: (p.start, p.end))
    table = _series_table(title, points, baseline, targets)
    every = [*points, *targets, *([baseline] if baseline else [])]
    if not every:
        return Chart(svg="", table=table, title=title)
    if levels:
        ticks = [(float(i), level) for i, level in enumerate(levels)]
        low, high = -0.5, len(levels) - 0.5
    else:
        values, step = nice_ticks([p.value for p in every])
        ticks = [(v, format_number(v, step)) for v in values]
        low, high = values[0], values[-1]
    frame = _Frame(
        left=16 + min(max(len(t) for _v, t in ticks), 26) * CHAR_WIDTH,
        right=WIDTH - TS_RIGHT,
        first=datetime.date(min(p.start for p in every).year, 1, 1),
        last=datetime.date(max(p.end for p in every).year + 1, 1, 1),
        low=low,
        high=high,
    )
    parts = [
        svg_open(id_prefix, "chart time-series", WIDTH, frame.bottom + TS_BOTTOM),
        svg_heading(id_prefix, title, _describe_series(unit_label, points, baseline, targets)),
        f'<text x="8" y="16" fill="{MUTED}">{_e(_fit(unit_label, WIDTH - 16))}</text>',
        *_value_axis(frame, ticks),
        *_year_axis(frame),
    ]
    if baseline is not None:
        parts.append(_baseline(baseline, frame))
    if targets:
        parts.append(_polyline([frame.at(t) for t in targets], TARGET, "6 4"))
    if points:
        parts.append(_polyline([frame.at(p) for p in points], OBSERVED, ""))
    else:
        parts.append(
            f'<text x="{_n((frame.left + frame.right) / 2)}" y="{_n(TS_TOP + TS_PLOT_HEIGHT / 2)}" '
            f'text-anchor="middle" fill="{MUTED}">{_e(_("No observations yet"))}</text>'
        )
    parts += [_marker("target", t, *frame.at(t)) for t in targets]
    parts += [_marker("observation", p, *frame.at(p)) for p in points]
    # Only the latest observation and the final target are written out: the rest would
    # collide; every value is in the table and in its marker's <title>.
    if points:
        parts.append(_value_label(points[-1], frame, above=True))
    if targets:
        parts.append(_value_label(targets[-1], frame, above=False))
    parts.append(_series_legend(frame.bottom + 46, bool(targets), baseline is not None))
    parts.append("</svg>")
    return Chart(svg="\n".join(parts), table=table, title=title)


def _series_table(title, points, baseline, targets) -> Table:
    header = (_("Period"), _("Baseline"), _("Observed"), _("Target"))
    if not points and not targets and baseline is None:
        return Table(title, header, ((_("No observations yet"), "", "", ""),))
    cells: dict[tuple, list[str]] = {}
    for column, series in ((1, [baseline] if baseline else []), (2, points), (3, targets)):
        for p in series:
            cells.setdefault((p.start, p.end, p.period), [p.period, "", "", ""])[column] = p.label
    return Table(title, header, tuple(tuple(cells[key]) for key in sorted(cells)))


def _describe_series(unit_label, points, baseline, targets) -> str:
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
        f'<line x1="{_n(frame.left)}" y1="{_n(frame.y(v))}" x2="{_n(frame.right)}" '
        f'y2="{_n(frame.y(v))}" stroke="{GRID}" stroke-width="1"/>'
        f'<text x="{_n(frame.left - 8)}" y="{_n(frame.y(v) + 4)}" text-anchor="end">'
        f"{_e(_fit(text, frame.left - 16))}</text>"
        for v, text in ticks
    ]
    lines.append(
        f'<path d="M{_n(frame.left)},{_n(frame.top - 4)}V{_n(frame.bottom)}H{_n(frame.right)}" '
        f'fill="none" stroke="{AXIS}" stroke-width="1"/>'
    )
    return lines


def _year_axis(frame: _Frame) -> list[str]:
    years = list(range(frame.first.year, frame.last.year))
    step = 1 + len(years) // 12  # thin the labels so they never overlap
    bottom = frame.bottom
    ticks = []
    for index, year in enumerate(years):
        left = frame.x(datetime.date(year, 1, 1))
        ticks.append(
            f'<line x1="{_n(left)}" y1="{_n(bottom)}" x2="{_n(left)}" y2="{_n(bottom + 5)}" '
            f'stroke="{AXIS}" stroke-width="1"/>'
        )
        if index % step == 0:
            ticks.append(
                f'<text x="{_n(frame.x(datetime.date(year, 7, 2)))}" y="{_n(bottom + 18)}" '
                f'text-anchor="middle">{year}</text>'
            )
    return ticks


def _polyline(xy: list[tuple[float, float]], colour: str, dash: str) -> str:
    points = " ".join(f"{_n(px)},{_n(py)}" for px, py in xy)
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dashes}/>'


def _marker(kind: str, point: Point, px: float, py: float) -> str:
    """A filled circle for an observation, a hollow diamond for a target."""
    if kind == "target":
        text = _("Target for %(period)s: %(value)s")
        r = 7
        corners = [(px, py - r), (px + r, py), (px, py + r), (px - r, py)]
        shape = (
            f'<polygon points="{" ".join(f"{_n(a)},{_n(b)}" for a, b in corners)}" '
            f'fill="#ffffff" stroke="{TARGET}" stroke-width="2"/>'
        )
    else:
        text = _("Observed in %(period)s: %(value)s")
        shape = f'<circle cx="{_n(px)}" cy="{_n(py)}" r="4.5" fill="{OBSERVED}"/>'
    title = text % {"period": point.period, "value": point.label}
    return (
        f'<g class="marker {kind}" data-kind="{kind}" data-period="{_e(point.period)}">'
        f"<title>{_e(title)}</title>{shape}</g>"
    )


def _baseline(point: Point, frame: _Frame) -> str:
    """A dotted reference line across the plot and a square at the baseline's period."""
    text = _("Baseline (%(period)s): %(value)s") % {"period": point.period, "value": point.label}
    px, py = frame.at(point)
    return (
        f'<g class="marker baseline" data-kind="baseline" data-period="{_e(point.period)}">'
        f"<title>{_e(text)}</title>"
        f'<line x1="{_n(frame.left)}" y1="{_n(py)}" x2="{_n(frame.right)}" y2="{_n(py)}" '
        f'stroke="{BASELINE}" stroke-width="1.5" stroke-dasharray="2 3"/>'
        f'<rect x="{_n(px - 5)}" y="{_n(py - 5)}" width="10" height="10" fill="{BASELINE}"/>'
        f'<text x="{_n(frame.right - 4)}" y="{_n(py - 6)}" text-anchor="end" fill="{BASELINE}">'
        f"{_e(_fit(text, (frame.right - frame.left) / 2))}</text></g>"
    )


def _value_label(point: Point, frame: _Frame, *, above: bool) -> str:
    """A value written above (observation) or below (target) its marker, kept in the plot."""
    px, py = frame.at(point)
    room = _text_width(point.label) / 2 + 2
    x = min(max(px, frame.left + room), frame.right - room + 14)
    colour = OBSERVED if above else TARGET
    return (
        f'<text x="{_n(x)}" y="{_n(py - 11 if above else py + 21)}" text-anchor="middle" '
        f'fill="{colour}" font-weight="600">{_e(point.label)}</text>'
    )


def _series_legend(y: float, targets: bool, baseline: bool) -> str:
    """Shape and dash say which series is which; the words say it again."""
    items = [(f'<circle cx="8" cy="-4" r="4.5" fill="{OBSERVED}"/>', _("Observed"))]
    if targets:
        diamond = (
            f'<polygon points="8,-11 15,-4 8,3 1,-4" fill="#ffffff" stroke="{TARGET}" '
            f'stroke-width="2"/>'
        )
        items.append((diamond, _("Target (dashed line)")))
    if baseline:
        square = f'<rect x="3" y="-9" width="10" height="10" fill="{BASELINE}"/>'
        items.append((square, _("Baseline (dotted line)")))
    parts, x = [f'<g class="legend" transform="translate(0 {_n(y)})">'], 8.0
    for symbol, text in items:
        parts.append(
            f'<g transform="translate({_n(x)} 0)">{symbol}<text x="22" y="0">{_e(text)}</text></g>'
        )
        x += 44 + _text_width(text)
    parts.append("</g>")
    return "".join(parts)


# Comparison across jurisdictions -----------------------------------------------------------

CMP_ROW = 24
CMP_TOP = 34  # room for the target label
CMP_RIGHT = 96  # room for the value written after the longest bar
CMP_BOTTOM = 44


def comparison(
    *,
    title: str,
    unit_label: str,
    period_label: str,
    bars: Sequence[Bar],
    target: float | None = None,
    id_prefix: str = "cmp",
) -> Chart:
    """Horizontal bars, one per jurisdiction in the given order; an optional target line."""
    header = (_("Jurisdiction"), f"{unit_label} ({period_label})")
    rows = tuple((b.name, b.label if b.value is not None else _("no data")) for b in bars)
    table = Table(f"{title}, {period_label}", header, rows)
    if not bars:
        return Chart(svg="", table=table, title=title)
    known = [b.value for b in bars if b.value is not None]
    values, step = nice_ticks([0.0, *known, *([target] if target is not None else [])])
    low, high = values[0], values[-1]
    left = min(max(16 + max(len(b.name) for b in bars) * CHAR_WIDTH, 120), 260)
    # A negative value is written before its bar: keep that room out of the names' column.
    before = max((_text_width(b.label) + 12 for b in bars if (b.value or 0) < 0), default=0)
    plot_right = WIDTH - CMP_RIGHT
    bottom = CMP_TOP + CMP_ROW * len(bars)

    def x(value: float) -> float:
        return left + before + (value - low) / (high - low) * (plot_right - left - before)

    zero = x(min(max(low, 0.0), high))
    parts = [
        svg_open(id_prefix, "chart comparison", WIDTH, bottom + CMP_BOTTOM),
        svg_heading(id_prefix, title, _describe_comparison(unit_label, period_label, bars, target)),
    ]
    for value in values:
        parts.append(
            f'<line x1="{_n(x(value))}" y1="{CMP_TOP - 4}" x2="{_n(x(value))}" y2="{bottom}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{_n(x(value))}" y="{bottom + 16}" text-anchor="middle">'
            f"{_e(format_number(value, step))}</text>"
        )
    parts.append(
        f'<text x="{_n((left + plot_right) / 2)}" y="{bottom + 36}" '
        f'text-anchor="middle" fill="{MUTED}">{_e(_fit(unit_label, WIDTH - 16))}</text>'
    )
    tops = [CMP_TOP + index * CMP_ROW for index in range(len(bars))]
    parts += [_bar(bar, top, x, zero, left) for bar, top in zip(bars, tops, strict=True)]
    parts.append(
        f'<line x1="{_n(zero)}" y1="{CMP_TOP - 4}" x2="{_n(zero)}" y2="{bottom}" '
        f'stroke="{AXIS}" stroke-width="1"/>'
    )
    if target is not None:
        parts.append(_target_line(x(target), format_number(target, target), bottom))
    # The values last, on a white ground, so that the target line never crosses them.
    parts += [_bar_value(bar, top, x, zero) for bar, top in zip(bars, tops, strict=True)]
    parts.append("</svg>")
    return Chart(svg="\n".join(parts), table=table, title=title)


def _bar(bar: Bar, top: float, x, zero: float, left: float) -> str:
    css = " ".join(("bar", *bar.css_class.split(), *(["no-data"] if bar.value is None else [])))
    label = _("no data") if bar.value is None else bar.label
    parts = [
        f'<g class="{_e(css)}" data-code="{_e(bar.code)}"><title>{_e(bar.name)}: {_e(label)}'
        f'</title><text x="8" y="{_n(top + CMP_ROW / 2 + 4)}">{_e(_fit(bar.name, left - 16))}</text>'
    ]
    if bar.value is not None:
        x0, x1 = sorted((zero, x(bar.value)))
        parts.append(
            f'<rect x="{_n(x0)}" y="{_n(top + 4)}" width="{_n(max(x1 - x0, 1))}" '
            f'height="{CMP_ROW - 8}" fill="{OBSERVED}"/>'
        )
    parts.append("</g>")
    return "".join(parts)


def _bar_value(bar: Bar, top: float, x, zero: float) -> str:
    """The value at the bar's end (before it for a negative value), or "no data" in italics."""
    if bar.value is None:
        text, at, anchor, style = (
            _("no data"),
            zero + 6,
            "start",
            f' fill="{MUTED}" font-style="italic"',
        )
    elif x(bar.value) >= zero:
        text, at, anchor, style = bar.label, x(bar.value) + 6, "start", ""
    else:
        text, at, anchor, style = bar.label, x(bar.value) - 6, "end", ""
    width = _text_width(text) + 4
    ground = at - 2 if anchor == "start" else at - width + 2
    return (
        f'<g class="value" data-code="{_e(bar.code)}">'
        f'<rect x="{_n(ground)}" y="{_n(top + 4)}" width="{_n(width)}" height="{CMP_ROW - 8}" '
        f'fill="#ffffff"/><text x="{_n(at)}" y="{_n(top + CMP_ROW / 2 + 4)}" '
        f'text-anchor="{anchor}"{style}>{_e(text)}</text></g>'
    )


def _target_line(tx: float, value: str, bottom: float) -> str:
    text = _("Target: %(value)s") % {"value": value}
    anchor, shift = ("end", -4) if tx > WIDTH / 2 else ("start", 4)
    return (
        f'<g class="target" data-kind="target"><title>{_e(text)}</title>'
        f'<line x1="{_n(tx)}" y1="{CMP_TOP - 12}" x2="{_n(tx)}" y2="{bottom}" '
        f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{_n(tx + shift)}" y="{CMP_TOP - 14}" text-anchor="{anchor}" fill="{TARGET}" '
        f'font-weight="600">{_e(text)}</text></g>'
    )


def _describe_comparison(unit_label, period_label, bars, target) -> str:
    known = [b for b in bars if b.value is not None]
    parts = [
        _("%(unit)s by jurisdiction, %(period)s.") % {"unit": unit_label, "period": period_label}
    ]
    if known:
        top = max(known, key=lambda b: b.value)
        low = min(known, key=lambda b: b.value)
        parts.append(
            _("Highest: %(high)s (%(hv)s); lowest: %(low)s (%(lv)s).")
            % {"high": top.name, "hv": top.label, "low": low.name, "lv": low.label}
        )
    if len(known) < len(bars):
        parts.append(
            _("No data for %(n)d of %(total)d.") % {"n": len(bars) - len(known), "total": len(bars)}
        )
    if target is not None:
        parts.append(
            _("The dashed line is the target, %(value)s.")
            % {"value": format_number(target, target)}
        )
    return " ".join(parts)


# Shared pieces (also used by tilemap.py) ---------------------------------------------------


def svg_open(id_prefix: str, css_class: str, width: float, height: float) -> str:
    ids = f"{_e(id_prefix)}-title {_e(id_prefix)}-desc"
    return (
        f'<svg xmlns="{SVG_NS}" class="{css_class}" role="img" viewBox="0 0 {_n(width)} '
        f'{_n(height)}" width="{_n(width)}" height="{_n(height)}" aria-labelledby="{ids}" '
        f'font-family="system-ui, sans-serif" font-size="12" fill="{INK}">'
    )


def svg_heading(id_prefix: str, title: str, description: str) -> str:
    return (
        f'<title id="{_e(id_prefix)}-title">{_e(title)}</title>\n'
        f'<desc id="{_e(id_prefix)}-desc">{_e(description)}</desc>'
    )


def nice_ticks(values: Sequence[float], count: int = 5) -> tuple[list[float], float]:
    """Round tick values (steps of 1, 2 or 5 × 10ⁿ) covering the values, and the step; zero
    stays in view when every value is positive and the smallest is under half the largest."""
    low, high = min(values), max(values)
    if low > 0 and (low <= high / 2 or low == high):
        low = 0.0
    if low == high:
        pad = abs(low) / 10 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)], step


def format_number(value: float, step: float) -> str:
    """`value` with the decimals `step` needs (at most 6), grouped as the active language
    groups digits; never "-0". format_number(v, v) writes v with the decimals it has."""
    decimals = next(
        (d for d in range(7) if abs(round(step, d) - step) <= 1e-9 * max(1.0, abs(step))), 6
    )
    if round(value, decimals) == 0:
        value = 0.0
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def _text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def _fit(text: str, width: float) -> str:
    """Cut a label to the room it has; the full text stays in the table and the <title>."""
    room = max(int(width / CHAR_WIDTH + 1e-6), 4)
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def _e(text) -> str:
    return str(escape(str(text)))


def _n(value: float) -> str:
    return f"{value:.1f}"
