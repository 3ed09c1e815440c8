"""The charts' colours: ink, reference lines, the series palette, progress statuses and a
sequential ramp for values, with the WCAG contrast rules that choose the text on a fill.

Meaning is never carried by colour alone (shapes, dashes and written values carry it too),
and every colour that carries text or marks passes 4.5:1 against white or its text.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

# Text and marks at least 4.5:1 against white (WCAG AA); GRID only for the light reference
# lines behind the data.
INK = "#1b1f24"
MUTED = "#4a5560"
GRID = "#c9d1d9"
AXIS = "#6b7783"
WHITE = "#ffffff"
# The series palette: what is observed, what is aimed at, where it started, what is late.
OBSERVED = "#0b4f71"
TARGET = "#5b2a86"
BASELINE = "#8a4b00"
OVERDUE = "#a4161a"


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


@dataclass(frozen=True)
class LegendEntry:
    label: str
    fill: str
    ink: str  # text colour on `fill`, at least 4.5:1


def legend_entry(label, fill: str) -> LegendEntry:
    """An entry whose text colour is chosen for its fill."""
    return LegendEntry(label, fill, ink_for(fill))


# A blue–orange diverging scale, which the common colour-vision deficiencies keep apart,
# also ordered in lightness; "insufficient data" is plain white, like "no data" below.
PROGRESS_STYLES: dict[str, LegendEntry] = {
    "achieved": legend_entry(gettext_lazy("Target achieved"), "#08519c"),
    "on_track": legend_entry(gettext_lazy("On track"), "#6baed6"),
    "moderate": legend_entry(gettext_lazy("Moderate progress"), "#fee391"),
    "limited": legend_entry(gettext_lazy("Limited progress"), "#fdb863"),
    "deterioration": legend_entry(gettext_lazy("Deterioration"), "#9a4a06"),
    "insufficient_data": legend_entry(gettext_lazy("Insufficient data"), WHITE),
}
NO_DATA = legend_entry(gettext_lazy("No data"), WHITE)
# Sequential blues, light to dark; none falls in the band where neither text colour passes.
RAMP = ("#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#2a78b8", "#1b5b9a", "#08306b")
