"""The matrix's cells written in Python: the same links, labels and escaping as a template."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from ictspace.catalogue.models import Item
from ictspace.directory.models import Jurisdiction
from ictspace.review.models import ReviewState
from ictspace.tracking.models import StatusUpdate

pytestmark = pytest.mark.django_db
IWP = "single-ict-space-iwp-2017"
CELL = re.compile(r'<td class="cell st-(\w+)">(.*?)</td>', re.S)
LINK = re.compile(r'<a href="([^"]+)" aria-label="([^"]+)">([^<]+)</a>')


def _matrix(client, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"library": IWP, **params}.items())
    return client.get(f"{reverse('tracking:matrix')}?{query}").content.decode()


def test_every_cell_links_to_its_pairs_history_as_reverse_would(cast, client_for, loaded_libraries):
    ixp = Item.objects.get(library__slug=IWP, ref="3.1.4")
    StatusUpdate.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="JM"),
        item=ixp,
        status="completed",
        effective_date=datetime.date(2018, 1, 1),
        review_state=ReviewState.VALIDATED,
        created_at=timezone.now(),
    )
    page = _matrix(client_for(cast["auditor"]), component="3", as_of="2024-06-30")
    cells = CELL.findall(page)
    names = {j.name: j.code for j in Jurisdiction.objects.all()}
    linked = [LINK.fullmatch(inner) for bucket, inner in cells if bucket not in ("na", "rollup")]
    assert linked and all(linked)
    seen = []
    for match in linked:
        href, label, shown = (unescape(g) for g in match.groups())
        name, rest = label.split(", ", 1)
        ref, said = rest.split(": ", 1)
        expected = reverse("tracking:history", args=[names[name], IWP, ref])
        assert href == f"{expected}?as_of=2024-06-30"
        assert said.lower() == shown.lower()
        seen.append((name, ref, shown))
    assert ("Jamaica", "3.1.4", "Completed") in seen
    assert ("Barbados", "3.1.4", "No data") in seen
    kinds = {bucket for bucket, _inner in cells}
    assert {"met", "no_data", "na", "rollup"} <= kinds
    assert "1 of 20 completed" in page


def test_names_and_labels_are_escaped(cast, client_for, loaded_libraries):
    Jurisdiction.objects.filter(code="BB").update(name='Barbados <b>& "Co"</b>')
    page = _matrix(client_for(cast["auditor"]), component="3")
    assert "<b>&" not in page
    assert "Barbados &lt;b&gt;&amp; &quot;Co&quot;&lt;/b&gt;, 3.1.4: no data" in page
    assert "does not concern Barbados &lt;b&gt;&amp; &quot;Co&quot;&lt;/b&gt;</span>" in page


def test_a_matrix_with_no_column_renders_its_rows_empty(loaded_libraries):
    from ictspace.catalogue.models import Library
    from ictspace.tracking.selectors import matrix
    from ictspace.tracking.templatetags.matrix_cells import MatrixCells

    m = matrix(Library.objects.get(slug=IWP), datetime.date(2024, 1, 1), jurisdictions=[])
    cells = MatrixCells(m, datetime.date(2024, 1, 1))
    assert m.rows and all(cells.row(row) == "" for row in m.rows)
