"""Keep the query planner's statistics current after bulk writes, on either engine.

SQLite gathers no statistics by itself: without `ANALYZE` its planner guesses, and at
100× the region it picked the review-state index and sorted millions of rows in
temporary B-trees (issue 17). PostgreSQL's autovacuum analyses eventually; analysing
right after a bulk write spares the next pages a stale plan.
"""

from django.apps import apps
from django.db import connections, transaction
from django_tasks import task

# Rows SQLite samples per index when a connection closes (`PRAGMA optimize`, which
# re-analyses a table only once it has grown or shrunk 25-fold): bounded at any size, as
# SQLite advises for that automatic refresh (about 0.1 s for the status stream at 100×
# the region), yet true up to 100,000 rows per value. At 1,000 the planner took a review
# state's 400,000 rows for 1,001 (see `analyse`).
SQLITE_ANALYSIS_LIMIT = 100_000


def analyse(*models, using: str = "default") -> None:
    """Gather statistics for the tables of `models` now (every table when none is named).

    On SQLite a full `ANALYZE`, not a sample: a sample of N rows records a column with
    few distinct values (a review state, a jurisdiction) as N + 1 rows per value whatever
    the truth, and at 100× the region the planner then gathered 400,000 validated updates
    and sorted them to return the API's 50 newest for an NCPOC (444 ms) instead of
    reading the table backwards (0.4 ms). Every table at 100× the region takes about 2 s; this runs after
    `migrate`, after bulk loads and, in the task worker, after an upload is applied.
    """
    connection = connections[using]
    quote = connection.ops.quote_name
    tables = [quote(model._meta.db_table) for model in models]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=0")  # 0: read every row
            for table in tables or [""]:
                cursor.execute(f"ANALYZE {table}".strip())
        else:
            cursor.execute(f"ANALYZE {', '.join(tables)}".strip())


def analyse_on_commit(*models, using: str = "default") -> None:
    """Analyse once the bulk write commits (outside the writer's lock), never if it rolls back."""
    transaction.on_commit(lambda: analyse(*models, using=using), using=using)


@task()
def analyse_task(labels: list[str], using: str = "default") -> str:
    """The background worker's `analyse`: models named by their labels ("app.Model")."""
    analyse(*(apps.get_model(label) for label in labels), using=using)
    return "analysed"


def analyse_in_background(*models, using: str = "default") -> None:
    """Once the write commits, queue the analysis for the task worker.

    For a write whose caller waits on the commit (an upload's apply): on PostgreSQL the
    `ANALYZE` of a big table takes up to a second or more, and nobody needs to wait for
    it; autovacuum would do the same later still. Never queued if the write rolls back.
    """
    labels = [model._meta.label for model in models]
    transaction.on_commit(lambda: analyse_task.enqueue(labels, using), using=using)


def after_migrate(sender, *, using: str = "default", **kwargs) -> None:
    """post_migrate: new tables and indexes get statistics before the first page reads them."""
    analyse(using=using)
