"""The regional matrix's cells, written in Python: a page holds up to 21 × 80 of them.

Rendered through the template language, each cell resolved a dozen variables, reversed
its URL and formatted the as-of date: about three quarters of the page's time (issue 17).
Here the URL of every cell is joined from one reverse per column and one per row, and
the words are translated once per page; the HTML is the same.
"""

from html import escape

from django import template
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def matrix_cells(matrix, as_of) -> "MatrixCells":
    """What renders each row's cells: `{% matrix_cells m as_of as cells %}`, then `{{ cells|row:row }}`."""
    return MatrixCells(matrix, as_of)


class MatrixCells:
    """Renders a row's cells on demand: `{{ cells|row:row }}` in the template."""

    def __init__(self, matrix, as_of):
        self.matrix = matrix
        self.query = f"?as_of={as_of:%Y-%m-%d}"
        self.no_data, self.no_data_label = escape(gettext("No data")), escape(gettext("no data"))
        self.not_concerned = escape(gettext("does not concern"))
        slug = matrix.library.slug
        self.columns = {
            j.pk: reverse("tracking:dashboard", args=[j.code, slug]) for j in matrix.jurisdictions
        }
        first = matrix.jurisdictions[0] if matrix.jurisdictions else None
        self.first_prefix = self.columns[first.pk] if first else ""
        self.first_code = first.code if first else ""
        self.rollup = get_template("tracking/_rollup.html")

    def row(self, row) -> SafeString:
        if not row.cells:  # no column to show (no jurisdiction the library concerns)
            return mark_safe("")
        # The history URL is the jurisdiction's dashboard URL followed by the item's ref.
        ref_part = reverse(
            "tracking:history", args=[self.first_code, self.matrix.library.slug, row.item.ref]
        )[len(self.first_prefix) :]
        ref = escape(row.item.ref)
        return mark_safe("".join(self._cell(c, ref, ref_part) for c in row.cells))  # noqa: S308

    def _cell(self, c, ref: str, ref_part: str) -> str:
        # Every value is escaped here, as Django's escape() does (it is html.escape), and
        # the row is marked safe once: escape()'s lazy wrapper cost more than the cell.
        name = escape(c.jurisdiction.name)
        if c.applies or c.cell:
            href = escape(f"{self.columns[c.jurisdiction.pk]}{ref_part}{self.query}")
            shown = escape(c.label) if c.cell else self.no_data
            said = escape(c.label) if c.cell else self.no_data_label
            return (
                f'<td class="cell st-{escape(c.bucket)}"><a href="{href}" '
                f'aria-label="{name}, {ref}: {said}">{shown}</a></td>'
            )
        if c.rollup:
            inner = self.rollup.render({"r": c.rollup, "lib": self.matrix.library})
            return f'<td class="cell st-rollup">{inner}</td>'
        return (
            '<td class="cell st-na"><span aria-hidden="true">—</span>'
            f'<span class="visually-hidden">{self.not_concerned} {name}</span></td>'
        )


@register.filter
def row(cells: MatrixCells, matrix_row) -> SafeString:
    return cells.row(matrix_row)
