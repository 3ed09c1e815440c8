"""The SVG primitives every chart is drawn with: escaping, coordinates, text fitting, the
accessible <svg> frame, shared marks (diamond, line, swatch legend), and the table that says
the chart in words.

Pure and deterministic: plain values in, strings out; no database, no JavaScript, no
external library. Every text a chart writes goes through `esc`.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _

from ictspace.charts.colours import AXIS, INK, LegendEntry

SVG_NS = "http://www.w3.org/2000/svg"
CHAR_WIDTH = 6.6  # average width of a 12px character: where labels are cut
SWATCH = 18  # a legend's colour square
LEGEND_ROW = 26


@dataclass(frozen=True)
class Table:
    """The chart's information as text, for screen readers and for reports."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """What `charts/_chart.html` shows: the picture and the same information as a table."""

    svg: str  # escaped inside: safe to mark safe; "" when there is nothing to draw
    table: Table
    title: str
    # Said in place of the picture when there is nothing to draw (never an empty axis).
    empty: str = ""


def esc(text) -> str:
    """Any value as text safe inside an SVG element or a quoted attribute."""
    return str(escape(str(text)))


def num(value: float) -> str:
    """A coordinate or length: one decimal is finer than any screen or printer needs."""
    return f"{value:.1f}"


def text_width(text: str, char_width: float = CHAR_WIDTH) -> float:
    """An estimate of the width of `text` at 12px; no font metrics on the server."""
    return len(text) * char_width


def fit(text: str, width: float, char_width: float = CHAR_WIDTH) -> str:
    """Cut a label to the room it has; the full text stays in the table and the <title>."""
    room = max(int(width / char_width + 1e-6), 4)
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def svg_open(id_prefix: str, css_class: str, width: float, height: float, *, role="img") -> str:
    """The <svg> start tag: an image (or a group of links) labelled by its title and description."""
    ids = f"{esc(id_prefix)}-title {esc(id_prefix)}-desc"
    return (
        f'<svg xmlns="{SVG_NS}" class="{css_class}" role="{role}" viewBox="0 0 {num(width)} '
        f'{num(height)}" width="{num(width)}" height="{num(height)}" aria-labelledby="{ids}" '
        f'font-family="system-ui, sans-serif" font-size="12" fill="{INK}">'
    )


def svg_heading(id_prefix: str, title: str, description: str) -> str:
    """The <title> and <desc> that `svg_open` points at."""
    return (
        f'<title id="{esc(id_prefix)}-title">{esc(title)}</title>\n'
        f'<desc id="{esc(id_prefix)}-desc">{esc(description)}</desc>'
    )


def diamond(x: float, y: float, r: float) -> str:
    """The points of a diamond centred on (x, y): the target and due-date marker."""
    corners = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    return " ".join(f"{num(cx)},{num(cy)}" for cx, cy in corners)


def polyline(xy: Sequence[tuple[float, float]], colour: str, dash: str = "") -> str:
    """A 2-unit line through the points; `dash` is an SVG dash array, "" for a solid line."""
    points = " ".join(f"{num(px)},{num(py)}" for px, py in xy)
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dashes}/>'


def swatch_legend(entries: Sequence[LegendEntry], x: float, y: float, width: float) -> str:
    """A titled column of colour squares, each with its label: the key to any filled chart
    (tile map, heat map). Takes LEGEND_ROW × (entries + 1) of height."""
    parts = [
        f'<g class="legend" transform="translate({num(x)} {num(y)})">'
        f'<text x="0" y="0" font-weight="700">{esc(_("Legend"))}</text>'
    ]
    for index, entry in enumerate(entries):
        top = 10 + index * LEGEND_ROW
        parts.append(
            f'<rect x="0" y="{top}" width="{SWATCH}" height="{SWATCH}" rx="3" '
            f'fill="{esc(entry.fill)}" stroke="{AXIS}" stroke-width="1"/>'
            f'<text x="{SWATCH + 8}" y="{top + 14}">{esc(fit(entry.label, width - 30))}</text>'
        )
    parts.append("</g>")
    return "".join(parts)
