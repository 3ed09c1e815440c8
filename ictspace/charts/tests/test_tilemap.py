from pathlib import Path

import yaml

from ictspace.charts.colours import PROGRESS_STYLES
from ictspace.charts.tests.helpers import SVG, parse_svg, sample_tiles, svg_texts
from ictspace.charts.tilemap import TILE_LAYOUT, Tile, tile_map

DIRECTORY = Path(__file__).resolve().parents[2] / "directory" / "data" / "caricom.yaml"


def _tile_rects(root) -> list:
    return [r for r in root.iter(f"{SVG}rect") if r.get("data-code")]


def test_tile_map_has_one_equal_tile_per_jurisdiction_at_distinct_places():
    codes = ["CARICOM", *TILE_LAYOUT.keys() - {"CARICOM"}]
    style = PROGRESS_STYLES["moderate"]
    tiles = [Tile(code, code, "42 %", style.fill, style.ink) for code in sorted(codes)]

    rects = _tile_rects(parse_svg(tile_map(title="All", tiles=tiles, legend=[style]).svg))

    assert sorted(r.get("data-code") for r in rects) == sorted(codes)
    assert {(r.get("width"), r.get("height")) for r in rects} == {("88", "88")}
    assert len({(r.get("x"), r.get("y")) for r in rects}) == len(rects)


def test_tile_map_gives_unknown_codes_a_tile_in_a_last_row():
    style = PROGRESS_STYLES["insufficient_data"]
    extra = (Tile("XX", "Elsewhere", "no data", style.fill, style.ink),)

    rects = {r.get("data-code"): r for r in _tile_rects(parse_svg(sample_tiles(extra=extra).svg))}

    assert set(rects) == {"CARICOM", "BB", "BZ", "KY", "XX"}
    assert float(rects["XX"].get("y")) > max(
        float(r.get("y")) for r in rects.values() if r is not rects["XX"]
    )


def test_each_tile_has_its_own_title_and_writes_its_value():
    root = parse_svg(sample_tiles().svg)

    tiles = [g for g in root.iter(f"{SVG}g") if g.get("class") == "tile"]
    assert [g.find(f"{SVG}title").text for g in tiles] == [
        "Caribbean Community: On track",
        "Barbados: On track",
        "Belize: Limited progress",
        "Cayman Islands: Limited progress",
    ]
    assert {"BB", "On track", "Limited", "progress"} <= set(svg_texts(root))


def test_tile_map_has_a_text_legend_and_a_table():
    chart = sample_tiles()

    texts = svg_texts(parse_svg(chart.svg))
    assert {str(entry.label) for entry in PROGRESS_STYLES.values()} <= set(texts)
    assert chart.table.rows[1] == ("Barbados", "On track")


def test_layout_places_every_directory_code_once():
    directory = yaml.safe_load(DIRECTORY.read_text(encoding="utf-8"))
    codes = {directory["region"]["code"], *(j["iso"] for j in directory["jurisdictions"])}

    assert set(TILE_LAYOUT) == codes
    assert len(set(TILE_LAYOUT.values())) == len(TILE_LAYOUT)


def test_a_tile_with_an_address_is_a_link_named_after_its_jurisdiction():
    style = PROGRESS_STYLES["on_track"]
    tiles = [
        Tile("BB", "Barbados", "42.5 %", style.fill, style.ink, href="/x/BB/"),
        Tile("JM", "Jamaica", "12 %", style.fill, style.ink),
    ]
    root = parse_svg(tile_map(title="Linked", tiles=tiles, legend=[style]).svg)

    links = list(root.iter(f"{SVG}a"))
    assert [(a.get("href"), a.get("aria-label")) for a in links] == [
        ("/x/BB/", "BB 42.5 %, Barbados")
    ]
    # An image's links are hidden from assistive technology: a map of links is a group.
    assert root.get("role") == "group"
    unlinked = tile_map(title="Plain", tiles=tiles[1:], legend=[style]).svg
    assert parse_svg(unlinked).get("role") == "img"
