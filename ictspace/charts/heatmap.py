"""A 5 × 5 risk heat map: likelihood up the side, impact along the bottom, each cell
coloured by its band and carrying the number of risks placed there.

Every cell writes its count, so colour is never the only carrier; the table says the same.
"""

from collections.abc import Callable, Mapping

from django.utils.translation import gettext as _

from ictspace.charts.colours import AXIS, LegendEntry
from ictspace.charts.svg import LEGEND_ROW, Chart, Table, esc, svg_heading, svg_open, swatch_legend

CELL = 56
LEFT = 92  # room for the likelihood axis title and numbers
TOP = 8
SIZE = 5


def cell_origin(likelihood: int, impact: int) -> tuple[int, int]:
    """Top-left corner of a cell: impact 1 at the left, likelihood 5 at the top."""
    return LEFT + (impact - 1) * CELL, TOP + (SIZE - likelihood) * CELL


def heat_map(
    *,
    title: str,
    counts: Mapping[tuple[int, int], int],
    style: Callable[[int, int], LegendEntry],
    legend: list[LegendEntry],
    id_prefix: str = "heat",
) -> Chart:
    """`counts[(likelihood, impact)]` risks per cell; `style(l, i)` the cell's band."""
    table = _table(title, counts)
    grid_bottom = TOP + SIZE * CELL
    width = LEFT + SIZE * CELL + 8
    legend_top = grid_bottom + 56
    height = legend_top + LEGEND_ROW * (len(legend) + 1)
    parts = [
        svg_open(id_prefix, "chart heat-map", width, height),
        svg_heading(id_prefix, title, _describe(counts)),
    ]
    for likelihood in range(1, SIZE + 1):
        for impact in range(1, SIZE + 1):
            parts.append(_cell(likelihood, impact, counts.get((likelihood, impact), 0), style))
    parts += _axes(grid_bottom)
    parts.append(swatch_legend(legend, 8, legend_top, width - 16))
    parts.append("</svg>")
    return Chart(svg="\n".join(parts), table=table, title=title)


def _cell(likelihood: int, impact: int, count: int, style) -> str:
    x, y = cell_origin(likelihood, impact)
    entry = style(likelihood, impact)
    label = _("Likelihood %(l)s, impact %(i)s: %(n)s") % {"l": likelihood, "i": impact, "n": count}
    text = str(count) if count else ""
    return (
        f'<g class="cell" data-likelihood="{likelihood}" data-impact="{impact}" '
        f'data-count="{count}"><title>{esc(label)}</title>'
        f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{esc(entry.fill)}" '
        f'stroke="{AXIS}" stroke-width="1"/>'
        f'<text x="{x + CELL / 2:.1f}" y="{y + CELL / 2 + 6:.1f}" text-anchor="middle" '
        f'font-size="16" font-weight="700" fill="{esc(entry.ink)}">{text}</text></g>'
    )


def _axes(grid_bottom: int) -> list[str]:
    parts = []
    for n in range(1, SIZE + 1):
        x, _y = cell_origin(1, n)
        _x, y = cell_origin(n, 1)
        parts.append(
            f'<text x="{x + CELL / 2:.1f}" y="{grid_bottom + 16}" text-anchor="middle">{n}</text>'
        )
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + CELL / 2 + 4:.1f}" text-anchor="end">{n}</text>'
        )
    middle = LEFT + SIZE * CELL / 2
    parts.append(
        f'<text x="{middle:.1f}" y="{grid_bottom + 36}" text-anchor="middle" '
        f'font-weight="700">{esc(_("Impact"))}</text>'
    )
    parts.append(
        f'<text x="8" y="{TOP + SIZE * CELL / 2:.1f}" font-weight="700">{esc(_("Likelihood"))}</text>'
    )
    return parts


def _table(title: str, counts) -> Table:
    header = (_("Likelihood"), *[_("Impact %(n)s") % {"n": n} for n in range(1, SIZE + 1)])
    rows = tuple(
        (str(likelihood), *[str(counts.get((likelihood, i), 0)) for i in range(1, SIZE + 1)])
        for likelihood in range(SIZE, 0, -1)
    )
    return Table(title, header, rows)


def _describe(counts) -> str:
    placed = [(k, n) for k, n in sorted(counts.items(), reverse=True) if n]
    if not placed:
        return _("No risk is placed on the grid.")
    cells = "; ".join(
        _("%(n)s at likelihood %(l)s × impact %(i)s") % {"n": n, "l": k[0], "i": k[1]}
        for k, n in placed
    )
    return _("Risks by likelihood and impact: %(cells)s.") % {"cells": cells}
