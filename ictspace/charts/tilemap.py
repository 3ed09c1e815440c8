"""The region as a tile map: one equal square per jurisdiction, so that a small island counts
as much as a large state, coloured by value or progress status (see `colours` and `scales`).

Every tile writes its code and its value or status, so colour is never the only carrier;
its <title> names the jurisdiction (shown on hover, read on focus), and a tile with an
`href` is a link that the keyboard reaches.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ictspace.charts.colours import AXIS, LegendEntry
from ictspace.charts.svg import (
    LEGEND_ROW,
    Chart,
    Table,
    esc,
    fit,
    num,
    svg_heading,
    svg_open,
    swatch_legend,
)

TILE = 88
GAP = 6
PITCH = TILE + GAP
MARGIN = 8
TEXT_CHARS = 13  # characters of 11px text that fit on a tile line

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
    href: str = ""  # the jurisdiction's page for what the map shows; "" draws no link


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
    # A map of links is a group of them, not a single image (an image hides its links).
    role = "group" if any(t.href for t in tiles) else "img"
    parts = [
        svg_open(id_prefix, "chart tile-map", width, height, role=role),
        svg_heading(id_prefix, title, _describe_tiles(tiles, legend)),
    ]
    parts += [_tile(tile, *places[tile.code]) for tile in tiles]
    parts.append(swatch_legend(legend, *legend_at, wide * PITCH))
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
    # Spaces between the texts: a link's name is read from them, "BB On track", not "BBOn".
    texts = "".join(
        f' <text x="{num(middle)}" y="{num(text_y + 13 * i)}" text-anchor="middle" '
        f'font-size="11">{esc(line)}</text>'
        for i, line in enumerate(lines)
    )
    drawn = (
        f'<g class="tile" fill="{esc(tile.ink)}"><title>{esc(tile.name)}: {esc(tile.text)}</title>'
        f'<rect data-code="{esc(tile.code)}" x="{x}" y="{y}" width="{TILE}" height="{TILE}" '
        f'rx="4" fill="{esc(tile.fill)}" stroke="{AXIS}" stroke-width="1"/>'
        f'<text x="{num(middle)}" y="{y + 32}" text-anchor="middle" font-size="{code_size}" '
        f'font-weight="700">{esc(fit(tile.code, TILE - 8))}</text>{texts}</g>'
    )
    if not tile.href:
        return drawn
    # What the tile shows (code, value) first, as spoken names must hold the visible text.
    label = f"{tile.code} {tile.text}, {tile.name}"
    return f'<a href="{esc(tile.href)}" aria-label="{esc(label)}">{drawn}</a>'


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
