from types import SimpleNamespace

from ictspace.charts.tests.helpers import SVG, parse_svg
from ictspace.releases.visuals import shares_map


def test_each_tile_of_the_public_map_links_to_its_country_page():
    row = SimpleNamespace(
        jurisdiction=SimpleNamespace(pk=1, code="BB", name="Barbados"),
        shares=[SimpleNamespace(percent=40)],
    )
    library = SimpleNamespace(pk=1, title="Plan")
    chart = shares_map(library, [row], 0, release=SimpleNamespace(number=3))
    links = [a.get("href") for a in parse_svg(chart.svg).iter(f"{SVG}a")]
    assert links == ["/public/releases/3/jurisdictions/BB/"]
