"""A timeline of a plan's phases and due dates as a self-contained, accessible SVG string.

Pure: no database, no JavaScript, no external library. The same `Chart` feeds the SVG and
the HTML table shown next to it, so both always carry the same information.
"""

import datetime
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ictspace.catalogue.library_file import due_period_end

# Layout, in SVG user units (the SVG scales to its container).
WIDTH = 880
LABEL_WIDTH = 280
RIGHT_PAD = 24
TOP = 30  # room for the year labels
ROW = 26
GROUP_GAP = 10  # between the phase rows and the due-date rows
BOTTOM = 30  # room for the as-of label
CHAR_WIDTH = 7.0  # average width of a 12px character: where labels are cut
# Colours chosen for at least 4.5:1 against white (WCAG AA for text).
INK = "#1b1f24"
GRID = "#6b7783"
BAR = "#0b4f71"
OVERDUE = "#a4161a"
AS_OF = "#5b2a86"


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
class Chart:
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


def period_start(value: str) -> datetime.date:
    """The first day a period covers: '2017' → 2017-01-01, '2017-10' → 2017-10-01."""
    parts = [int(p) for p in value.split("-")]
    return datetime.date(*(parts + [1] * (3 - len(parts))))


def phase_bars(phases: list[dict]) -> list[Bar]:
    """Bars for the header's phases that give a start and an end; the others are skipped."""
    bars = []
    for phase in phases:
        start, end = str(phase.get("start", "")), str(phase.get("end", ""))
        try:
            bar_start, bar_end = period_start(start), due_period_end(end)
        except (TypeError, ValueError):
            continue  # no usable dates: the phase is still listed by label in the page
        bars.append(
            Bar(
                str(phase.get("code", "")),
                str(phase.get("label", "")),
                bar_start,
                bar_end,
                start,
                end,
            )
        )
    return bars


def describe(chart: Chart) -> str:
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
    parts.append(_("The vertical line marks the as-of date, %(d)s.") % {"d": chart.as_of})
    return " ".join(parts)


def render_svg(chart: Chart, *, id_prefix: str = "timeline") -> str:
    """The chart as an SVG element; every text is escaped, the output is deterministic."""
    axis = _Axis.covering(chart)
    rows_height = ROW * (len(chart.bars) + len(chart.groups))
    if chart.bars and chart.groups:
        rows_height += GROUP_GAP
    height = TOP + rows_height + BOTTOM
    bottom = TOP + rows_height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{_e(id_prefix)}-title {_e(id_prefix)}-desc" '
        f'font-family="system-ui, sans-serif" font-size="12" fill="{INK}">',
        f'<title id="{_e(id_prefix)}-title">{_e(chart.title)}</title>',
        f'<desc id="{_e(id_prefix)}-desc">{_e(describe(chart))}</desc>',
        *axis.year_ticks(bottom),
    ]
    y = TOP
    for bar in chart.bars:
        parts.append(_bar(bar, axis, y))
        y += ROW
    if chart.bars and chart.groups:
        y += GROUP_GAP
    for group, markers in chart.markers_by_group:
        parts.append(_group_row(group, markers, axis, y))
        y += ROW
    parts.append(_as_of_line(chart.as_of, axis, bottom))
    parts.append("</svg>")
    return "\n".join(parts)


@dataclass(frozen=True)
class _Axis:
    """Whole years, from January of the earliest date to the end of the latest."""

    first: datetime.date
    last: datetime.date  # exclusive: 1 January after the latest date

    @classmethod
    def covering(cls, chart: Chart) -> "_Axis":
        dates = [chart.as_of]
        dates += [d for b in chart.bars for d in (b.start, b.end)]
        dates += [m.on for m in chart.markers]
        return cls(datetime.date(min(dates).year, 1, 1), datetime.date(max(dates).year + 1, 1, 1))

    def x(self, day: datetime.date) -> float:
        span = (self.last - self.first).days
        return LABEL_WIDTH + (day - self.first).days / span * (WIDTH - LABEL_WIDTH - RIGHT_PAD)

    def year_ticks(self, bottom: int) -> list[str]:
        years = list(range(self.first.year, self.last.year))
        step = 1 + len(years) // 16  # thin the labels so they never overlap
        ticks = []
        for year in [*years, self.last.year]:
            x = _n(self.x(datetime.date(year, 1, 1)))
            ticks.append(
                f'<line x1="{x}" y1="{TOP - 6}" x2="{x}" y2="{bottom}" stroke="{GRID}" '
                f'stroke-width="1" stroke-dasharray="2 3"/>'
            )
        for index, year in enumerate(years):
            if index % step == 0:
                x = _n(self.x(datetime.date(year, 7, 2)))
                ticks.append(f'<text x="{x}" y="{TOP - 10}" text-anchor="middle">{year}</text>')
        return ticks


def _bar(bar: Bar, axis: _Axis, y: int) -> str:
    x0 = axis.x(bar.start)
    x1 = axis.x(bar.end + datetime.timedelta(days=1))
    label = _("Phase %(code)s: %(label)s") % {"code": bar.code, "label": bar.label}
    full = _("%(label)s, from %(start)s to %(end)s") % {
        "label": label,
        "start": bar.start_text,
        "end": bar.end_text,
    }
    return (
        f'<g class="phase"><title>{_e(full)}</title>'
        f'<text x="8" y="{_n(y + ROW / 2 + 4)}">{_e(_fit(label))}</text>'
        f'<rect x="{_n(x0)}" y="{y + 5}" width="{_n(max(x1 - x0, 2))}" height="{ROW - 10}" '
        f'rx="3" fill="{BAR}"/></g>'
    )


def _group_row(group: str, markers: list[Marker], axis: _Axis, y: int) -> str:
    middle = y + ROW / 2
    parts = [
        f'<g class="due-group"><title>{_e(group)}</title>',
        f'<text x="8" y="{_n(middle + 4)}">{_e(_fit(group))}</text>',
        f'<line x1="{LABEL_WIDTH}" y1="{_n(middle)}" x2="{WIDTH - RIGHT_PAD}" '
        f'y2="{_n(middle)}" stroke="{GRID}" stroke-width="0.5"/>',
    ]
    for marker in markers:
        parts.append(_marker(marker, axis.x(marker.on), middle))
    parts.append("</g>")
    return "".join(parts)


def _marker(marker: Marker, x: float, middle: float) -> str:
    """A hollow diamond; filled red when any item in it is overdue (shape and colour)."""
    text = ngettext("%(n)d item due by %(d)s", "%(n)d items due by %(d)s", marker.count) % {
        "n": marker.count,
        "d": marker.on,
    }
    if marker.overdue:
        text += ", " + ngettext("%(n)d overdue", "%(n)d overdue", marker.overdue) % {
            "n": marker.overdue
        }
        fill, stroke, css = OVERDUE, OVERDUE, "marker overdue"
    else:
        fill, stroke, css = "#ffffff", INK, "marker"
    r = 6
    corners = [(x, middle - r), (x + r, middle), (x, middle + r), (x - r, middle)]
    points = " ".join(f"{_n(cx)},{_n(cy)}" for cx, cy in corners)
    count = ""
    if marker.count > 1:
        count = (
            f'<text x="{_n(x + r + 2)}" y="{_n(middle - 4)}" font-size="10">{marker.count}</text>'
        )
    return (
        f'<g class="{css}"><title>{_e(text)}</title>'
        f'<polygon points="{points}" fill="{fill}" stroke="{stroke}" stroke-width="2"/>'
        f"{count}</g>"
    )


def _as_of_line(as_of: datetime.date, axis: _Axis, bottom: int) -> str:
    x = axis.x(as_of)
    anchor = "end" if x > (LABEL_WIDTH + WIDTH) / 2 else "start"
    label = _("As of %(d)s") % {"d": as_of}
    return (
        f'<g class="as-of"><line x1="{_n(x)}" y1="{TOP - 4}" x2="{_n(x)}" y2="{bottom + 4}" '
        f'stroke="{AS_OF}" stroke-width="2" stroke-dasharray="6 3"/>'
        f'<text x="{_n(x)}" y="{bottom + 18}" text-anchor="{anchor}" fill="{AS_OF}" '
        f'font-weight="600">{_e(label)}</text></g>'
    )


def _fit(text: str) -> str:
    """Cut a label to the label column; the full text stays in the row's <title>."""
    room = int((LABEL_WIDTH - 16) / CHAR_WIDTH)
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def _e(text) -> str:
    return str(escape(str(text)))


def _n(value: float) -> str:
    return f"{value:.1f}"
