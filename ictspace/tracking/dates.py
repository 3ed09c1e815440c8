"""The `?as_of=` date every tracking page accepts."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _


def parse_date_param(value: str, *, name: str) -> tuple[datetime.date | None, str | None]:
    """An ISO date from a query string, or None and a message the page can show."""
    if not value:
        return None, None
    try:
        day = datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None, _("“%(v)s” is not a date (use YYYY-MM-DD); %(name)s was ignored.") % {
            "v": value[:40],
            "name": name,
        }
    if day > timezone.localdate():
        return None, _("%(d)s is in the future; %(name)s was ignored.") % {
            "d": day.isoformat(),
            "name": name,
        }
    return day, None


def parse_as_of(request) -> tuple[datetime.date, str | None]:
    """`?as_of=YYYY-MM-DD`, today by default; a bad or future date falls back to today."""
    day, error = parse_date_param(request.GET.get("as_of", ""), name=_("the as-of date"))
    return day or timezone.localdate(), error
