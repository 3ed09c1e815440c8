"""Django's SQLite backend, plus `PRAGMA optimize` before a connection closes.

SQLite recommends it for short-lived connections (one per request here): it re-analyses
only the tables this connection's queries used whose statistics are missing or stale
(the table grew or shrank 25-fold), so it costs nothing most of the time.
"""

import sqlite3

from django.db.backends.sqlite3 import base

from ictspace.dbstats import SQLITE_ANALYSIS_LIMIT


class DatabaseWrapper(base.DatabaseWrapper):
    def _close(self):
        if self.connection is not None and not self.in_atomic_block:
            try:
                self.connection.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
                self.connection.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass  # statistics are an optimisation: a busy database must still close
        super()._close()
