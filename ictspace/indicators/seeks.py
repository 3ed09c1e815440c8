"""The few observations a page shows per (indicator, jurisdiction), found by index seeks.

A page that shows one cell per pair needs, of each series, the value that counts for its
latest period, the first and last values progress measures between, and at most one
chosen period's value. Each is one `ORDER BY … LIMIT 1` probe into a partial index of
validated observations, so the cost follows the pairs shown, not the length of the stream
(issue 17: reading every validated observation took 123 ms at 100× the region).

The value that counts for a period is its latest validated observation (highest id);
`_COUNTS` says "no later validated observation of the same period and breakdown".
Plain SQL on both engines: only table names and placeholders are formatted in.
"""

from ictspace.catalogue.models import Indicator
from ictspace.directory.models import Jurisdiction
from ictspace.indicators.models import Observation
from ictspace.review.models import ReviewState

# The literal review state lets both engines use the partial indexes on validated rows.
_VALIDATED = f"'{ReviewState.VALIDATED.value}'"
_PAIR = f"""s.indicator_id = i.id AND s.jurisdiction_id = j.id
    AND s.review_state = {_VALIDATED} AND s.disaggregation = %s"""
_COUNTS = """NOT EXISTS (
    SELECT 1 FROM {table} n
    WHERE n.indicator_id = s.indicator_id AND n.jurisdiction_id = s.jurisdiction_id
      AND n.period = s.period AND n.disaggregation = s.disaggregation
      AND n.review_state = {validated} AND n.id > s.id
)"""
# Each probe: (extra condition, order). The first row in the order is the one wanted.
PROBES = {
    # The latest period as the series lists it (by start, then code): its newest value.
    "latest": ("", "s.period_start DESC, s.period DESC, s.id DESC"),
    # The latest and the earliest period with a number, as progress sorts them (by end).
    "last_mark": (
        "AND s.value_number IS NOT NULL AND " + _COUNTS,
        "s.period_end DESC, s.period_start DESC, s.period DESC, s.id DESC",
    ),
    "first_mark": (
        "AND s.value_number IS NOT NULL AND " + _COUNTS,
        "s.period_end, s.period_start, s.period",
    ),
    "in_period": ("AND s.period = %s", "s.id DESC"),
}


def _probe(name: str) -> str:
    extra, order = PROBES[name]
    table = Observation._meta.db_table
    extra = extra.format(table=table, validated=_VALIDATED)
    return f"(SELECT s.id FROM {table} s WHERE {_PAIR} {extra} ORDER BY {order} LIMIT 1)"  # noqa: S608


def shown_observations(indicator_ids, jurisdiction_ids, *, period: str = "", disaggregation=""):
    """The observations each pair's page cell needs (see the module's docstring): one query."""
    indicator_ids, jurisdiction_ids = list(indicator_ids), list(jurisdiction_ids)
    if not indicator_ids or not jurisdiction_ids:
        return []
    names = ["latest", "last_mark", "first_mark"] + (["in_period"] if period else [])
    params = []
    for name in names:
        params.append(disaggregation)
        if name == "in_period":
            params.append(period)
    columns = ", ".join(f"{_probe(name)} AS {name}" for name in names)
    table = Observation._meta.db_table
    sql = f"""
        SELECT o.* FROM (
            SELECT {columns}
            FROM {Indicator._meta.db_table} i CROSS JOIN {Jurisdiction._meta.db_table} j
            WHERE i.id IN ({_marks(indicator_ids)}) AND j.id IN ({_marks(jurisdiction_ids)})
        ) picked
        JOIN {table} o ON o.id IN ({", ".join(f"picked.{name}" for name in names)})
    """  # noqa: S608
    params += indicator_ids + jurisdiction_ids
    return list(Observation.objects.raw(sql, params))


def _marks(ids) -> str:
    return ", ".join(["%s"] * len(ids))
