"""Noticing that someone else changed the register, cheaply: SQLite's `data_version` (it moves
whenever another connection commits) and PostgreSQL's LISTEN/NOTIFY (a statement trigger on
"case" notifies `firstdesk_change`). The window refreshes its inbox counts when either fires,
instead of re-counting every few seconds."""

from __future__ import annotations

import logging
import select
import sqlite3
import threading
from collections.abc import Callable

import peewee as pw

log = logging.getLogger(__name__)

CHANNEL = "firstdesk_change"

PG_TRIGGER = [
    f"""CREATE OR REPLACE FUNCTION firstdesk_notify_change() RETURNS trigger AS $$
        BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END; $$ LANGUAGE plpgsql""",
    'DROP TRIGGER IF EXISTS case_notify_change ON "case"',
    """CREATE TRIGGER case_notify_change AFTER INSERT OR UPDATE ON "case"
       FOR EACH STATEMENT EXECUTE FUNCTION firstdesk_notify_change()""",
]


class SqliteProbe:
    """A read-only connection of its own whose `data_version` changes after other commits."""

    def __init__(self, path: str) -> None:
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._last = self._version()

    def _version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        """True once after each commit by another connection (microseconds a call)."""
        try:
            now = self._version()
        except sqlite3.Error as exc:
            log.debug("change probe failed: %s", exc)
            return False
        moved, self._last = now != self._last, now
        return moved

    def close(self) -> None:
        self._conn.close()


class PgListener:
    """LISTEN on a connection of its own in a thread; `on_change()` is called (on that thread)
    once per notification burst. Reconnects by itself when the server goes away."""

    def __init__(self, database: pw.PostgresqlDatabase, on_change: Callable[[], None]) -> None:
        self._params = {"dbname": database.database, **database.connect_params}
        self._on_change = on_change
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="firstdesk-listen", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psycopg2

        while not self._stop.is_set():
            try:
                conn = psycopg2.connect(**self._params)
                conn.autocommit = True
                with conn.cursor() as cur:
                    cur.execute(f"LISTEN {CHANNEL}")
                while not self._stop.is_set():
                    if select.select([conn], [], [], 1.0)[0]:
                        conn.poll()
                        if conn.notifies:
                            conn.notifies.clear()
                            try:
                                self._on_change()
                            except RuntimeError:  # the window that listened is gone
                                self._stop.set()
                conn.close()
            except (psycopg2.Error, OSError, ValueError) as exc:
                log.info("change listener reconnecting: %s", type(exc).__name__)
                self._stop.wait(5)

    def close(self) -> None:
        self._stop.set()
