import pytest

from ictspace.charts.colours import (
    AXIS,
    BASELINE,
    INK,
    MUTED,
    OBSERVED,
    OVERDUE,
    PROGRESS_STYLES,
    RAMP,
    TARGET,
    WHITE,
    contrast_ratio,
    ink_for,
)
from ictspace.charts.tests.helpers import contrast


def test_progress_styles_cover_the_six_statuses_with_readable_text():
    labels = {key: str(style.label) for key, style in PROGRESS_STYLES.items()}

    assert labels == {
        "achieved": "Target achieved",
        "on_track": "On track",
        "moderate": "Moderate progress",
        "limited": "Limited progress",
        "deterioration": "Deterioration",
        "insufficient_data": "Insufficient data",
    }
    for style in PROGRESS_STYLES.values():
        assert contrast(style.fill, style.ink) >= 4.5, style
    assert len({style.fill for style in PROGRESS_STYLES.values()}) == 6


@pytest.mark.parametrize("colour", [INK, MUTED, AXIS, OBSERVED, TARGET, BASELINE, OVERDUE])
def test_text_and_mark_colours_read_on_white(colour):
    assert contrast_ratio(colour, WHITE) >= 4.5


@pytest.mark.parametrize("fill", [*RAMP, *(s.fill for s in PROGRESS_STYLES.values())])
def test_ink_for_picks_readable_text_on_every_fill(fill):
    assert contrast_ratio(fill, ink_for(fill)) >= 4.5
    assert contrast(fill, ink_for(fill)) == pytest.approx(contrast_ratio(fill, ink_for(fill)))
