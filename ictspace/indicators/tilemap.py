"""The region as a tile map: one equal square per jurisdiction, so that a small island counts
as much as a large state, coloured by value or progress status; and the colours for it.

Pure and deterministic like `charts.py`, whose `Chart`, `Table` and SVG helpers it uses.
Every tile writes its code and its value or status, so colour is never the only carrier.
"""

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictspace.indicators.charts import (
    AXIS,
    INK,
    Chart,
    Table,
    _e,
    _fit,
    _n,
    format_number,
    svg_heading,
    svg_open,
)

TILE = 88
GAP = 6
PITCH = TILE + GAP
MARGIN = 8
SWATCH = 18
LEGEND_ROW = 26
TEXT_CHARS = 13  # characters of 11px text that fit on a tile line
WHITE = "#ffffff"

# code -> (column, row): roughly the geography of the Caribbean Community. The region's own
# summary tile sits in the top-left corner; the Leeward and Windward Islands run down the
# east; the mainland states close the bottom. Every tile has the same size.
TILE_LAYOUT: dict[str, tuple[int, int]] = {
    "CARICOM": (0, 0),
    "BM": (5, 0),
    "BS": (2, 1),
    "TC": (3, 1),
    "VG": (5, 1),
    "AI": (6, 1),
    "KY": (1, 2),
    "JM": (2, 2),
    "HT": (3, 2),
    "KN": (6, 2),
    "AG": (7, 2),
    "BZ": (0, 3),
    "MS": (6, 3),
    "DM": (7, 3),
    "LC": (6, 4),
    "BB": (7, 4),
    "VC": (6, 5),
    "GD": (6, 6),
    "TT": (6, 7),
    "GY": (6, 8),
    "SR": (7, 8),
}
# Where the legend goes: the open sea south of Belize and west of the Windward Islands,
# as (column, row, columns wide). Below the tiles when it does not fit there.
LEGEND_AREA = (0, 4, 5)


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    text: str  # a short value or status: "42.5 %", "On track"
    fill: str
    ink: str  # text colour on `fill`, at least 4.5:1


@dataclass(frozen=True)
class LegendEntry:
    label: str
    fill: str
    ink: str


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ink_for(fill: str) -> str:
    """Dark or white text, whichever reads better on `fill`."""
    return INK if contrast_ratio(fill, INK) >= contrast_ratio(fill, WHITE) else WHITE


def _entry(label, fill: str) -> LegendEntry:
    return LegendEntry(label, fill, ink_for(fill))


# A blue–orange diverging scale, which the common colour-vision deficiencies keep apart,
# also ordered in lightness; "insufficient data" is plain white, like "no data" below.
PROGRESS_STYLES: dict[str, LegendEntry] = {
    "achieved": _entry(gettext_lazy("Target achieved"), "#08519c"),
    "on_track": _entry(gettext_lazy("On track"), "#6baed6"),
    "moderate": _entry(gettext_lazy("Moderate progress"), "#fee391"),
    "limited": _entry(gettext_lazy("Limited progress"), "#fdb863"),
    "deterioration": _entry(gettext_lazy("Deterioration"), "#9a4a06"),
    "insufficient_data": _entry(gettext_lazy("Insufficient data"), WHITE),
}
NO_DATA = _entry(gettext_lazy("No data"), WHITE)
# Sequential blues, light to dark; none falls in the band where neither text colour passes.
RAMP = ("#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#2a78b8", "#1b5b9a", "#08306b")


@dataclass(frozen=True)
class ValueScale:
    """Maps a value to its bin's legend entry; `legend` lists the bins, then "no data"."""

    edges: tuple[float, ...]  # ascending, one more than the bins
    entries: tuple[LegendEntry, ...]  # one per bin, in ascending order of value

    def __call__(self, value: float | None) -> LegendEntry:
        if value is None or not self.entries:
            return NO_DATA
        index = bisect.bisect_right(self.edges, value) - 1
        return self.entries[min(max(index, 0), len(self.entries) - 1)]

    @property
    def legend(self) -> tuple[LegendEntry, ...]:
        return (*self.entries, NO_DATA)


def value_scale(values: Sequence[float | None], *, direction: str, bins: int = 5) -> ValueScale:
    """Equal intervals between the smallest and the largest given value, darker = better.

    Equal intervals, not quantiles: a bin is the same range of values whoever is in it, the
    legend reads as plain ranges, and a handful of jurisdictions with ties cannot collapse
    the bins. A bin holds its lower bound; the last also holds the largest value. `direction`
    "increase" makes high values dark, "decrease" low values; "none" (no better way) makes
    high values dark as plain magnitude. None gets the "no data" entry.
    """
    if direction not in ("increase", "decrease", "none"):
        raise ValueError(_("The direction is “increase”, “decrease” or “none”."))
    if not 1 <= bins <= len(RAMP):
        raise ValueError(_("A scale has from 1 to %(n)d bins.") % {"n": len(RAMP)})
    known = sorted(v for v in values if v is not None)
    if not known:
        return ValueScale((), ())
    low, high = known[0], known[-1]
    if low == high:
        bins = 1
    colours = (
        [RAMP[4]]
        if bins == 1
        else [RAMP[round(i * (len(RAMP) - 1) / (bins - 1))] for i in range(bins)]
    )
    if direction == "decrease":
        colours.reverse()
    width = (high - low) / bins
    edges = (*(low + i * width for i in range(bins)), high)
    precision = 10 ** (math.floor(math.log10(width)) - 2) if width else 1  # 3 digits
    entries = []
    for index, colour in enumerate(colours):
        a, b = (format_number(edge, precision) for edge in edges[index : index + 2])
        label = a if a == b else _("%(low)s – %(high)s") % {"low": a, "high": b}
        entries.append(_entry(label, colour))
    return ValueScale(edges, tuple(entries))


def tile_map(
    *, title: str, tiles: Sequence[Tile], legend: Sequence[LegendEntry], id_prefix: str = "tiles"
) -> Chart:
    """One equal tile per jurisdiction placed by TILE_LAYOUT; unknown codes in a last row."""
    table = Table(
        title,
        (_("Jurisdiction"), _("Value or status")),
        tuple((t.name, t.text) for t in tiles),
    )
    if not tiles:
        return Chart(svg="", table=table, title=title)
    places = _places(tiles)
    columns = max(max(c for c, _r in places.values()) + 1, LEGEND_AREA[2])
    rows = max(r for _c, r in places.values()) + 1
    legend_height = LEGEND_ROW * (len(legend) + 1)
    col, row, wide = LEGEND_AREA
    free = all(not (r >= row and col <= c < col + wide) for c, r in places.values())
    if free and legend_height <= (rows - row) * PITCH:
        legend_at = (MARGIN + col * PITCH, MARGIN + row * PITCH + 14)
        height = MARGIN * 2 + rows * PITCH
    else:
        legend_at = (MARGIN, MARGIN + rows * PITCH + 14)
        height = legend_at[1] + legend_height + MARGIN
    width = MARGIN * 2 + columns * PITCH - GAP
    parts = [
        svg_open(id_prefix, "chart tile-map", width, height),
        svg_heading(id_prefix, title, _describe_tiles(tiles, legend)),
    ]
    parts += [_tile(tile, *places[tile.code]) for tile in tiles]
    parts.append(_legend(legend, *legend_at, wide * PITCH))
    parts.append("</svg>")
    return Chart(svg="\n".join(parts), table=table, title=title)


def _places(tiles: Sequence[Tile]) -> dict[str, tuple[int, int]]:
    """Layout positions; codes the layout does not know fill rows below it, in the given order."""
    places = {t.code: TILE_LAYOUT[t.code] for t in tiles if t.code in TILE_LAYOUT}
    unknown = list(dict.fromkeys(t.code for t in tiles if t.code not in TILE_LAYOUT))
    first_row = max((r for _c, r in TILE_LAYOUT.values()), default=-1) + 1
    per_row = max(c for c, _r in TILE_LAYOUT.values()) + 1
    for index, code in enumerate(unknown):
        places[code] = (index % per_row, first_row + index // per_row)
    return places


def _tile(tile: Tile, column: int, row: int) -> str:
    x, y = MARGIN + column * PITCH, MARGIN + row * PITCH
    middle = x + TILE / 2
    lines = _wrap(tile.text)
    text_y = y + (54 if len(lines) > 1 else 60)
    # Bold capitals are about 0.78 em wide: a long code such as CARICOM gets a smaller size.
    code_size = min(15, int((TILE - 12) / (0.78 * max(len(tile.code), 1))))
    texts = "".join(
        f'<text x="{_n(middle)}" y="{_n(text_y + 13 * i)}" text-anchor="middle" '
        f'font-size="11">{_e(line)}</text>'
        for i, line in enumerate(lines)
    )
    return (
        f'<g class="tile" fill="{_e(tile.ink)}"><title>{_e(tile.name)}: {_e(tile.text)}</title>'
        f'<rect data-code="{_e(tile.code)}" x="{x}" y="{y}" width="{TILE}" height="{TILE}" '
        f'rx="4" fill="{_e(tile.fill)}" stroke="{AXIS}" stroke-width="1"/>'
        f'<text x="{_n(middle)}" y="{y + 32}" text-anchor="middle" font-size="{code_size}" '
        f'font-weight="700">{_e(_fit(tile.code, TILE - 8))}</text>{texts}</g>'
    )


def _wrap(text: str) -> list[str]:
    """At most two lines that fit a tile, cut with an ellipsis; the <title> has it whole."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= TEXT_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    lines = [line if len(line) <= TEXT_CHARS else line[: TEXT_CHARS - 1] + "…" for line in lines]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: TEXT_CHARS - 1].rstrip() + "…"]
    return lines


def _legend(legend: Sequence[LegendEntry], x: float, y: float, width: float) -> str:
    parts = [
        f'<g class="legend" transform="translate({_n(x)} {_n(y)})">'
        f'<text x="0" y="0" font-weight="700">{_e(_("Legend"))}</text>'
    ]
    for index, entry in enumerate(legend):
        top = 10 + index * LEGEND_ROW
        parts.append(
            f'<rect x="0" y="{top}" width="{SWATCH}" height="{SWATCH}" rx="3" '
            f'fill="{_e(entry.fill)}" stroke="{AXIS}" stroke-width="1"/>'
            f'<text x="{SWATCH + 8}" y="{top + 14}">{_e(_fit(entry.label, width - 30))}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _describe_tiles(tiles: Sequence[Tile], legend: Sequence[LegendEntry]) -> str:
    parts = [
        _(
            "A tile map: one equal tile per jurisdiction (%(n)d), placed roughly as on a map "
            "of the region, each showing its code and its value or status."
        )
        % {"n": len(tiles)}
    ]
    counts = [
        (entry.label, sum(1 for t in tiles if (t.fill, t.ink) == (entry.fill, entry.ink)))
        for entry in legend
    ]
    if any(count for _label, count in counts):
        parts.append("; ".join(f"{label}: {count}" for label, count in counts if count) + ".")
    return " ".join(parts)
