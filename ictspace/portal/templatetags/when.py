"""The one date style of the pages, at the date's own precision (a built-in: no {% load %})."""

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()

# 30 Nov 2026 · Nov 2026 · 2026 · 30 Nov 2026 14:05 — month names follow the language.
DAY, MONTH, YEAR, MOMENT = "j M Y", "M Y", "Y", "j M Y H:i"
PRECISIONS = {"year": YEAR, "month": MONTH, "day": DAY}


@register.filter
def day(value, precision: str = "day") -> str:
    """A date (or the day of a timestamp) as "30 Nov 2026"; "Nov 2026" at month precision."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return date_format(value, PRECISIONS.get(precision, DAY))


@register.filter
def moment(value) -> str:
    """A timestamp as "30 Nov 2026 14:05" (the site's time zone, UTC)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, MOMENT)
