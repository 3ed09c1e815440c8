"""The dates the platform accepts from people: none before CARICOM, none absurdly far ahead."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# The Treaty of Chaguaramas: nothing the platform records happened before CARICOM.
EARLIEST = datetime.date(1973, 7, 4)
YEARS_AHEAD = 10  # a planned appointment or its end, at the latest


def latest() -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28))


def check_date(day: datetime.date, *, field: str, label: str, upto=None) -> None:
    """ValidationError on `field`, naming the range, if `day` is outside EARLIEST..upto."""
    upto = upto or latest()
    if EARLIEST <= day <= upto:
        return
    raise ValidationError(
        {
            field: _("%(label)s must be between %(earliest)s and %(latest)s.")
            % {"label": label, "earliest": EARLIEST.isoformat(), "latest": upto.isoformat()}
        }
    )
