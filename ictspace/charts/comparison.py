"""Jurisdictions side by side: one horizontal bar each, with an optional target line.

Every value is written at its bar's end ("no data" in italics where there is none), so
colour never carries the meaning alone; the table says the same.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ictspace.charts.colours import AXIS, GRID, MUTED, OBSERVED, TARGET, WHITE
from ictspace.charts.scales import LinearScale, format_number, nice_ticks
from ictspace.charts.svg import (
    CHAR_WIDTH,
    Chart,
    Table,
    esc,
    fit,
    num,
    svg_heading,
    svg_open,
    text_width,
)

WIDTH = 720
ROW = 24
TOP = 34  # room for the target label
RIGHT = 96  # room for the value written after the longest bar
BOTTOM = 44


@dataclass(frozen=True)
class Bar:
    """One jurisdiction in a comparison; `value` None means no data."""

    code: str
    name: str
    value: float | None
    label: str
    css_class: str = ""


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
    known = [b.value for b in bars if b.value is not None]
    if not known and target is None:
        # Nothing to compare: say so rather than draw an empty axis.
        return Chart(svg="", table=table, title=title, empty=_("No data yet."))
    values, step = nice_ticks([0.0, *known, *([target] if target is not None else [])])
    left = min(max(16 + max(len(b.name) for b in bars) * CHAR_WIDTH, 120), 260)
    # A negative value is written before its bar: keep that room out of the names' column.
    before = max((text_width(b.label) + 12 for b in bars if (b.value or 0) < 0), default=0)
    x = LinearScale(values[0], values[-1], left + before, WIDTH - RIGHT)
    bottom = TOP + ROW * len(bars)
    zero = x(min(max(values[0], 0.0), values[-1]))
    parts = [
        svg_open(id_prefix, "chart comparison", WIDTH, bottom + BOTTOM),
        svg_heading(id_prefix, title, _describe(unit_label, period_label, bars, target)),
    ]
    for value in values:
        parts.append(
            f'<line x1="{num(x(value))}" y1="{TOP - 4}" x2="{num(x(value))}" y2="{bottom}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{num(x(value))}" y="{bottom + 16}" text-anchor="middle">'
            f"{esc(format_number(value, step))}</text>"
        )
    parts.append(
        f'<text x="{num((left + x.end) / 2)}" y="{bottom + 36}" '
        f'text-anchor="middle" fill="{MUTED}">{esc(fit(unit_label, WIDTH - 16))}</text>'
    )
    tops = [TOP + index * ROW for index in range(len(bars))]
    parts += [_bar(bar, top, x, zero, left) for bar, top in zip(bars, tops, strict=True)]
    parts.append(
        f'<line x1="{num(zero)}" y1="{TOP - 4}" x2="{num(zero)}" y2="{bottom}" '
        f'stroke="{AXIS}" stroke-width="1"/>'
    )
    if target is not None:
        parts.append(_target_line(x(target), format_number(target, target), bottom))
    # The values last, on a white ground, so that the target line never crosses them.
    parts += [_bar_value(bar, top, x, zero) for bar, top in zip(bars, tops, strict=True)]
    parts.append("</svg>")
    return Chart(svg="\n".join(parts), table=table, title=title)


def _bar(bar: Bar, top: float, x: LinearScale, zero: float, left: float) -> str:
    css = " ".join(("bar", *bar.css_class.split(), *(["no-data"] if bar.value is None else [])))
    label = _("no data") if bar.value is None else bar.label
    parts = [
        f'<g class="{esc(css)}" data-code="{esc(bar.code)}"><title>{esc(bar.name)}: {esc(label)}'
        f'</title><text x="8" y="{num(top + ROW / 2 + 4)}">{esc(fit(bar.name, left - 16))}</text>'
    ]
    if bar.value is not None:
        x0, x1 = sorted((zero, x(bar.value)))
        parts.append(
            f'<rect x="{num(x0)}" y="{num(top + 4)}" width="{num(max(x1 - x0, 1))}" '
            f'height="{ROW - 8}" fill="{OBSERVED}"/>'
        )
    parts.append("</g>")
    return "".join(parts)


def _bar_value(bar: Bar, top: float, x: LinearScale, zero: float) -> str:
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
    width = text_width(text) + 4
    ground = at - 2 if anchor == "start" else at - width + 2
    return (
        f'<g class="value" data-code="{esc(bar.code)}">'
        f'<rect x="{num(ground)}" y="{num(top + 4)}" width="{num(width)}" height="{ROW - 8}" '
        f'fill="{WHITE}"/><text x="{num(at)}" y="{num(top + ROW / 2 + 4)}" '
        f'text-anchor="{anchor}"{style}>{esc(text)}</text></g>'
    )


def _target_line(tx: float, value: str, bottom: float) -> str:
    text = _("Target: %(value)s") % {"value": value}
    anchor, shift = ("end", -4) if tx > WIDTH / 2 else ("start", 4)
    return (
        f'<g class="target" data-kind="target"><title>{esc(text)}</title>'
        f'<line x1="{num(tx)}" y1="{TOP - 12}" x2="{num(tx)}" y2="{bottom}" '
        f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{num(tx + shift)}" y="{TOP - 14}" text-anchor="{anchor}" fill="{TARGET}" '
        f'font-weight="600">{esc(text)}</text></g>'
    )


def _describe(unit_label, period_label, bars, target) -> str:
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
