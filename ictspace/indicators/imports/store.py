"""Writing an upload's checked rows: the database's own bulk path, and the outlier flag.

Rows are inserted in chunks through the driver's fastest path (COPY on PostgreSQL, one
prepared INSERT run over many rows elsewhere); every row has been checked and classified
before it gets here, so this is only the write.
"""

from collections import defaultdict

from ictspace.indicators.models import Observation
from ictspace.indicators.outliers import MIN_HISTORY, is_outlier
from ictspace.review.models import ReviewState

CHUNK = 10_000
SUBMITTED = str(ReviewState.SUBMITTED)
FIELDS = (
    "jurisdiction",
    "indicator",
    "period",
    "period_start",
    "period_end",
    "disaggregation",
    "value_number",
    "value_text",
    "source",
    "note",
    "review_state",
    "outlier",
    "author",
    "created_at",
    "submitted_at",
    "return_reason",
    "import_job",
)


def columns() -> list[str]:
    return [Observation._meta.get_field(name).column for name in FIELDS]


class Inserter:
    """Submitted observations of one upload, written CHUNK rows at a time."""

    def __init__(self, connection, *, job, author, now):
        self.connection = connection
        self.table = connection.ops.quote_name(Observation._meta.db_table)
        self.columns = ", ".join(connection.ops.quote_name(c) for c in columns())
        stamp = connection.ops.adapt_datetimefield_value(now)
        # Everything but the row's own fields is the same for the whole upload.
        self.jurisdiction_id = job.jurisdiction_id
        self.author_id, self.stamp, self.job_id = author.pk, stamp, job.pk
        self.buffer: list[tuple] = []
        self.count = 0

    def add(self, row, *, outlier: bool) -> None:
        """One checked row (the path that checks every row again)."""
        value = (
            row.indicator.id,
            row.period,
            row.breakdown,
            row.value_number,
            row.value_text,
            row.source,
            row.note,
            outlier,
        )
        self.buffer.extend(self._tuples((value,)))
        if len(self.buffer) >= CHUNK:
            self.flush()

    def add_many(self, values) -> None:
        """Rows resolved by `replay`: (indicator id, period, breakdown, number, text, source,
        note, outlier flag) each, built into tuples in one loop.

        On PostgreSQL they stream into one COPY, so the server inserts while the rows are
        still being resolved (chunked COPYs leave it idle while each chunk is built): the
        iterable must not query the database.
        """
        rows = self._tuples(values)
        if self.connection.vendor == "postgresql":
            self.flush()
            with self.connection.cursor() as cursor, cursor.copy(self._copy_sql()) as copy:
                write = copy.write_row
                for row in rows:
                    write(row)
                    self.count += 1
            return
        buffer = self.buffer
        for row in rows:
            buffer.append(row)
            if len(buffer) >= CHUNK:
                self.flush()
                buffer = self.buffer

    def _tuples(self, values):
        """The observation table's columns (FIELDS) for each value: one flat tuple per row,
        a million of them per upload."""
        jurisdiction_id, author_id, stamp, job_id = (
            self.jurisdiction_id,
            self.author_id,
            self.stamp,
            self.job_id,
        )
        for indicator_id, period, breakdown, number, text, source, note, outlier in values:
            yield (
                jurisdiction_id,
                indicator_id,
                period.code,
                period.start,
                period.end,
                breakdown,
                number,
                text,
                source,
                note,
                SUBMITTED,
                outlier,
                author_id,
                stamp,
                stamp,
                "",
                job_id,
            )

    def _copy_sql(self) -> str:
        return copy_sql(self.table, self.columns)

    def flush(self) -> None:
        if not self.buffer:
            return
        write_rows(self.connection, self.table, self.columns, self.buffer)
        self.count += len(self.buffer)
        self.buffer = []


def copy_sql(table: str, column_list: str) -> str:
    return f"COPY {table} ({column_list}) FROM STDIN"


def write_rows(connection, table: str, column_list: str, rows: list[tuple]) -> None:
    """The fastest honest bulk insert each engine offers (the benchmark's baseline uses it too)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(copy_sql(table, column_list)) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(rows[0]))
            cursor.executemany(f"INSERT INTO {table} ({column_list}) VALUES ({marks})", rows)  # noqa: S608 (names from the model)


class OutlierCheck:
    """The same flag `do_submit_observation` sets, from one query per upload."""

    def __init__(self, jurisdiction_id: int):
        self.jurisdiction_id = jurisdiction_id
        self._series = None

    def _load(self) -> dict:
        series = defaultdict(list)
        rows = Observation.objects.filter(
            jurisdiction_id=self.jurisdiction_id,
            review_state=ReviewState.VALIDATED,
            value_number__isnull=False,
        ).values_list("indicator_id", "disaggregation", "period", "value_number")
        for indicator_id, breakdown, period, value in rows.iterator(chunk_size=5000):
            series[(indicator_id, breakdown)].append((period, value))
        return dict(series)

    def load(self) -> None:
        """Read the history now: a stream into COPY cannot stop for a query."""
        if self._series is None:
            self._series = self._load()

    def is_outlier(self, row) -> bool:
        return self.flag(row.indicator.id, row.breakdown, row.period.code, row.value_number)

    def flag(self, indicator_id: int, breakdown: str, period: str, number) -> bool:
        if number is None:
            return False
        if self._series is None:
            self._series = self._load()
        if not self._series:
            return False
        history = self._series.get((indicator_id, breakdown))
        if not history or len(history) < MIN_HISTORY:
            return False
        return is_outlier(number, [v for p, v in history if p != period])
