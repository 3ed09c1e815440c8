"""Keyset ("cursor") pages: the rows just after or before a given row, with no count and no offset.

A long list (the audit log, a review queue) is read a page at a time in a fixed order on
(a timestamp, id). A page names the row it continues from instead of a page number: the
database seeks to that row through an index and reads one page, whatever the length of
the list, where a page number needs an exact count of every row and an OFFSET that reads
every row before the page.
"""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
# Micro-seconds since 1970 (UTC), a dot, the id: ASCII digits only, nothing to escape.
CURSOR = re.compile(r"(-?[0-9]{1,19})\.([0-9]{1,19})")


@dataclass(frozen=True)
class Page:
    """One page of rows, and the cursors of the pages before and after it ("" if none)."""

    rows: list
    before: str
    after: str

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


def cursor_of(row, key: str) -> str:
    """The cursor that names `row` by its `key` timestamp and its id ("" if it has none)."""
    if getattr(row, key) is None:  # a row no cursor can name ends the list: no link on
        return ""
    delta = getattr(row, key) - EPOCH
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return f"{micros}.{row.pk}"


def parse_cursor(text: str) -> tuple[datetime.datetime, int] | None:
    """The (timestamp, id) a cursor names, or None for anything that is not a cursor."""
    match = CURSOR.fullmatch(text or "")
    if match is None:
        return None
    try:
        at = EPOCH + datetime.timedelta(microseconds=int(match[1]))
    except OverflowError:
        return None
    return at, int(match[2])


def _later(key: str, at, pk: int, *, descending: bool) -> Q:
    """Rows that come strictly after (at, pk) in the order; the first term is an index range."""
    op = "lt" if descending else "gt"
    return Q(**{f"{key}__{op}e": at}) & (Q(**{f"{key}__{op}": at}) | Q(**{f"pk__{op}": pk}))


def page_of(
    queryset: QuerySet, *, key: str, descending: bool, size: int, after: str = "", before: str = ""
) -> Page:
    """The `size` rows after the cursor `after`, or before `before`, or the first ones.

    The order is (key, id), descending or not; a cursor that cannot be read gives the
    first page. One query: it reads one row more than it shows to know whether more follow.
    """
    sign = "-" if descending else ""
    forward = [f"{sign}{key}", f"{sign}pk"]
    backward = [f"{'' if descending else '-'}{key}", f"{'' if descending else '-'}pk"]
    start_after, start_before = parse_cursor(after), parse_cursor(before)
    if start_before is not None:
        at, pk = start_before
        rows = list(
            queryset.filter(_later(key, at, pk, descending=not descending)).order_by(*backward)[
                : size + 1
            ]
        )
        more = len(rows) > size
        rows = rows[:size][::-1]
        if not rows:  # nothing before it any more: the first page
            return page_of(queryset, key=key, descending=descending, size=size)
        return Page(
            rows,
            before=cursor_of(rows[0], key) if more else "",
            after=cursor_of(rows[-1], key),
        )
    if start_after is not None:
        at, pk = start_after
        queryset = queryset.filter(_later(key, at, pk, descending=descending))
    rows = list(queryset.order_by(*forward)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return Page(
        rows,
        before=cursor_of(rows[0], key) if rows and start_after is not None else "",
        after=cursor_of(rows[-1], key) if more else "",
    )
