from ictspace.charts.colours import PROGRESS_STYLES
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
