"""Fixed inputs and SVG readers shared by the chart tests."""

import datetime

from defusedxml import ElementTree

from ictspace.charts.colours import PROGRESS_STYLES
from ictspace.charts.comparison import Bar, comparison
from ictspace.charts.tilemap import Tile, tile_map
from ictspace.charts.timeseries import Point, time_series

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>&"'


def year(year: int, value: float, label: str = "") -> Point:
    end = datetime.date(year, 12, 31)
    return Point(str(year), datetime.date(year, 1, 1), end, value, label or f"{value:g} %")


def half(year: int, half: int, value: float) -> Point:
    start = datetime.date(year, 1 if half == 1 else 7, 1)
    end = datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31)
    return Point(f"{year}-S{half}", start, end, value, f"{value:g} %")


def sample_series(title: str = "Households online", **overrides):
    arguments = {
        "title": title,
        "unit_label": "% of households",
        "points": [year(2019, 35), half(2021, 1, 47), half(2021, 2, 49.5), year(2023, 58.1)],
        "baseline": year(2018, 31.5),
        "targets": [year(2025, 70), year(2030, 90)],
    }
    return time_series(**{**arguments, **overrides})


def sample_comparison(name: str = "Barbados"):
    return comparison(
        title="Households online",
        unit_label="% of households",
        period_label="2023",
        bars=[
            Bar("AG", "Antigua and Barbuda", 38.6, "38.6 %"),
            Bar("BB", name, 48.9, "48.9 %"),
            Bar("HT", "Haiti", None, ""),
            Bar("JM", "Jamaica", 85.3, "85.3 %", css_class="is-selected"),
        ],
        target=75,
    )


def sample_tiles(name: str = "Barbados", extra: tuple[Tile, ...] = ()):
    on_track, limited = PROGRESS_STYLES["on_track"], PROGRESS_STYLES["limited"]
    tiles = [
        Tile("CARICOM", "Caribbean Community", "On track", on_track.fill, on_track.ink),
        Tile("BB", name, "On track", on_track.fill, on_track.ink),
        Tile("BZ", "Belize", "Limited progress", limited.fill, limited.ink),
        Tile("KY", "Cayman Islands", "Limited progress", limited.fill, limited.ink),
        *extra,
    ]
    return tile_map(title="Progress", tiles=tiles, legend=list(PROGRESS_STYLES.values()))


def parse_svg(svg: str):
    return ElementTree.fromstring(svg)


def svg_texts(root) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def of_kind(root, kind: str) -> list:
    return [g for g in root.iter(f"{SVG}g") if g.get("data-kind") == kind]


def luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


BUILDERS = {
    "time_series": lambda name: sample_series(title=name),
    "comparison": sample_comparison,
    "tile_map": sample_tiles,
}
