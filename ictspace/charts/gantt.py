"""A timeline of a plan's phases and due dates as a self-contained, accessible SVG string.

The same `Timeline` feeds the SVG and the HTML table shown next to it, so both always carry
the same information. Callers turn their plan into `Bar`s and `Marker`s.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ictspace.charts.colours import AXIS, INK, OBSERVED, OVERDUE, TARGET, WHITE
from ictspace.charts.scales import YearScale
from ictspace.charts.svg import diamond, esc, fit, num, svg_heading, svg_open

# Layout, in SVG user units (the SVG scales to its container).
WIDTH = 880
LABEL_WIDTH = 280
RIGHT_PAD = 24
TOP = 30  # room for the year labels
ROW = 26
LINE = 14  # each further line of a label makes its row this much taller
MAX_LINES = 6  # every component title of the shipped plans fits; the <title> has it whole
GROUP_GAP = 10  # between the phase rows and the due-date rows
BOTTOM = 30  # room for the as-of label
CHAR_WIDTH = 7.0  # wider than the kit's estimate: the label column never overflows
BAR = OBSERVED
AS_OF = TARGET


@dataclass(frozen=True)
class Bar:
    """A phase: from the first day of its start period to the last day of its end period."""

    code: str
    label: str
    start: datetime.date
    end: datetime.date
    start_text: str
    end_text: str


@dataclass(frozen=True)
class Marker:
    """The items of one group (a component) due by the same day."""

    group: str
    on: datetime.date
    count: int
    overdue: int = 0


@dataclass(frozen=True)
class Timeline:
    title: str
    as_of: datetime.date
    bars: tuple[Bar, ...] = ()
    markers: tuple[Marker, ...] = ()

    @property
    def groups(self) -> tuple[str, ...]:
        """The marker groups in the order they first appear."""
        return tuple(dict.fromkeys(m.group for m in self.markers))

    @property
    def markers_by_group(self) -> list[tuple[str, list[Marker]]]:
        """[(group, its markers)] in order: the table that goes with the SVG."""
        return [(g, [m for m in self.markers if m.group == g]) for g in self.groups]

    @property
    def empty(self) -> bool:
        return not self.bars and not self.markers


def describe(chart: Timeline) -> str:
    """The chart in words: the <desc> of the SVG."""
    parts = [
        _("Phase %(code)s (%(label)s): from %(start)s to %(end)s.")
        % {"code": b.code, "label": b.label, "start": b.start_text, "end": b.end_text}
        for b in chart.bars
    ]
    if chart.markers:
        items = sum(m.count for m in chart.markers)
        overdue = sum(m.overdue for m in chart.markers)
        parts.append(
            ngettext(
                "%(n)d item with a due date in %(g)d groups",
                "%(n)d items with a due date in %(g)d groups",
                items,
            )
            % {"n": items, "g": len(chart.groups)}
            + "; "
            + ngettext("%(n)d overdue.", "%(n)d overdue.", overdue) % {"n": overdue}
        )
    parts.append(_("The vertical line marks the as-of date, %(d)s.") % {"d": _day(chart.as_of)})
    return " ".join(parts)


def _day(day: datetime.date) -> str:
    """The site's date style (30 Nov 2026), as the pages around the chart write dates."""
    return date_format(day, "j M Y")


def _bar_label(bar: Bar) -> str:
    return _("Phase %(code)s: %(label)s") % {"code": bar.code, "label": bar.label}


def _row_height(label: str) -> int:
    return ROW + LINE * (len(_label_lines(label)) - 1)


def render_svg(chart: Timeline, *, id_prefix: str = "timeline") -> str:
    """The chart as an SVG element; every text is escaped, the output is deterministic."""
    axis = _axis(chart)
    heights = [_row_height(_bar_label(b)) for b in chart.bars]
    heights += [_row_height(g) for g in chart.groups]
    rows_height = sum(heights)
    if chart.bars and chart.groups:
        rows_height += GROUP_GAP
    height = TOP + rows_height + BOTTOM
    bottom = TOP + rows_height
    parts = [
        svg_open(id_prefix, "timeline", WIDTH, height),
        svg_heading(id_prefix, chart.title, describe(chart)),
        *_year_ticks(axis, bottom),
    ]
    y = TOP
    for bar in chart.bars:
        parts.append(_bar(bar, axis, y))
        y += _row_height(_bar_label(bar))
    if chart.bars and chart.groups:
        y += GROUP_GAP
    for group, markers in chart.markers_by_group:
        parts.append(_group_row(group, markers, axis, y))
        y += _row_height(group)
    parts.append(_as_of_line(chart.as_of, axis, bottom))
    parts.append("</svg>")
    return "\n".join(parts)


def _axis(chart: Timeline) -> YearScale:
    """Whole years covering the as-of date, every phase and every due date."""
    dates = [chart.as_of]
    dates += [d for b in chart.bars for d in (b.start, b.end)]
    dates += [m.on for m in chart.markers]
    return YearScale.covering(dates, left=LABEL_WIDTH, right=WIDTH - RIGHT_PAD)


def _year_ticks(axis: YearScale, bottom: int) -> list[str]:
    ticks = []
    for year in [*axis.years, axis.last.year]:
        x = num(axis.x(datetime.date(year, 1, 1)))
        ticks.append(
            f'<line x1="{x}" y1="{TOP - 6}" x2="{x}" y2="{bottom}" stroke="{AXIS}" '
            f'stroke-width="1" stroke-dasharray="2 3"/>'
        )
    for year, x in axis.labelled(16):
        ticks.append(f'<text x="{num(x)}" y="{TOP - 10}" text-anchor="middle">{year}</text>')
    return ticks


def _label_lines(text: str) -> list[str]:
    """A label in at most MAX_LINES lines of the label column, cut only past the last one."""
    room = int((LABEL_WIDTH - 16) / CHAR_WIDTH)
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], " ".join(lines[MAX_LINES - 1 :])]
    return [fit(line, LABEL_WIDTH - 16, CHAR_WIDTH) for line in lines] or [""]


def _label(text: str, y: float) -> str:
    """The label's text element, one <tspan> per line; the full text stays in the <title>."""
    lines = _label_lines(text)
    if len(lines) == 1:
        return f'<text x="8" y="{num(y)}">{esc(lines[0])}</text>'
    spans = "".join(
        f'<tspan x="8" y="{num(y + LINE * i)}">{esc(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f"<text>{spans}</text>"


def _bar(bar: Bar, axis: YearScale, y: int) -> str:
    x0 = axis.x(bar.start)
    x1 = axis.x(bar.end + datetime.timedelta(days=1))
    label = _bar_label(bar)
    full = _("%(label)s, from %(start)s to %(end)s") % {
        "label": label,
        "start": bar.start_text,
        "end": bar.end_text,
    }
    return (
        f'<g class="phase"><title>{esc(full)}</title>'
        f"{_label(label, y + ROW / 2 + 4)}"
        f'<rect x="{num(x0)}" y="{y + 5}" width="{num(max(x1 - x0, 2))}" height="{ROW - 10}" '
        f'rx="3" fill="{BAR}"/></g>'
    )


def _group_row(group: str, markers: list[Marker], axis: YearScale, y: int) -> str:
    middle = y + ROW / 2
    parts = [
        f'<g class="due-group"><title>{esc(group)}</title>',
        _label(group, middle + 4),
        f'<line x1="{LABEL_WIDTH}" y1="{num(middle)}" x2="{WIDTH - RIGHT_PAD}" '
        f'y2="{num(middle)}" stroke="{AXIS}" stroke-width="0.5"/>',
    ]
    for marker in markers:
        parts.append(_marker(marker, axis.x(marker.on), middle))
    parts.append("</g>")
    return "".join(parts)


def _marker(marker: Marker, x: float, middle: float) -> str:
    """A hollow diamond; filled red when any item in it is overdue (shape and colour)."""
    text = ngettext("%(n)d item due by %(d)s", "%(n)d items due by %(d)s", marker.count) % {
        "n": marker.count,
        "d": _day(marker.on),
    }
    if marker.overdue:
        text += ", " + ngettext("%(n)d overdue", "%(n)d overdue", marker.overdue) % {
            "n": marker.overdue
        }
        fill, stroke, css = OVERDUE, OVERDUE, "marker overdue"
    else:
        fill, stroke, css = WHITE, INK, "marker"
    r = 6
    count = ""
    if marker.count > 1:
        count = (
            f'<text x="{num(x + r + 2)}" y="{num(middle - 4)}" font-size="10">{marker.count}</text>'
        )
    return (
        f'<g class="{css}"><title>{esc(text)}</title>'
        f'<polygon points="{diamond(x, middle, r)}" fill="{fill}" stroke="{stroke}" '
        f'stroke-width="2"/>{count}</g>'
    )


def _as_of_line(as_of: datetime.date, axis: YearScale, bottom: int) -> str:
    x = axis.x(as_of)
    anchor = "end" if x > (LABEL_WIDTH + WIDTH) / 2 else "start"
    label = _("As of %(d)s") % {"d": _day(as_of)}
    return (
        f'<g class="as-of"><line x1="{num(x)}" y1="{TOP - 4}" x2="{num(x)}" y2="{bottom + 4}" '
        f'stroke="{AS_OF}" stroke-width="2" stroke-dasharray="6 3"/>'
        f'<text x="{num(x)}" y="{bottom + 18}" text-anchor="{anchor}" fill="{AS_OF}" '
        f'font-weight="600">{esc(label)}</text></g>'
    )
