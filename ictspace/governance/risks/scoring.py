"""A risk's level on the 5 × 5 scale and the band it falls in (the heat map's colours)."""

from django.utils.translation import gettext_lazy as _

from ictspace.charts.colours import legend_entry

# Upper bounds of each band of likelihood × impact (1..25), lowest first.
BANDS = (
    (4, "low", _("Low (1–4)"), "#deebf7"),
    (9, "medium", _("Medium (5–9)"), "#fee391"),
    (16, "high", _("High (10–16)"), "#fdb863"),
    (25, "critical", _("Critical (20–25)"), "#9a4a06"),
)
LEGEND = [legend_entry(label, fill) for _top, _code, label, fill in BANDS]


def level(likelihood: int, impact: int) -> int:
    """Likelihood × impact, each on 1..5; anything off the scale is a programming error."""
    if not (1 <= likelihood <= 5 and 1 <= impact <= 5):
        raise ValueError(f"off the 5 × 5 scale: {likelihood} × {impact}")
    return likelihood * impact


def band(score: int) -> str:
    """The band's code for a level: low, medium, high or critical."""
    for top, code, _label, _fill in BANDS:
        if score <= top:
            return code
    raise ValueError(f"level above 25: {score}")


def band_style(score: int):
    """The legend entry (label, fill, ink) of a level's band."""
    codes = [code for _top, code, _label, _fill in BANDS]
    return LEGEND[codes.index(band(score))]
