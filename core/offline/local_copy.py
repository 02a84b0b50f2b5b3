"""The local copy a window reads while its server is unreachable (docs/offline.md).

A FirstDesk register on SQLite (`offline/<register>/copy.db`, same schema) holding what the
desk needs to go on registering and to look cases up: the organisation and its settings,
departments, staff, the catalogue, the working-day calendar, and the open cases (with their
materials, history, referral, visitor and provisional numbers). It is refreshed while online:
the reference tables each time (small), the catalogue by item version, the cases by their
version — only what changed since the last refresh crosses the network.

Offline, the window reads it through the register binding (core/offline/mode.py), opened
read-only: a step on an existing case is refused there with StorageError "offline". Offline
registrations also write their case into it (under provisional numbers, ids of its own),
which makes it "dirty": the next refresh first clears every case row, then copies afresh.

Privacy: the copy holds what the person's own screens show. Staff password hashes are
blank, except the signed-in person's (so the locked window can be unlocked offline);
complaints and reports the person may not see in full lose the visitor's identity."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import peewee as pw

from core.cases.privacy import may_see_protected, protected_name
from core.vocab import OPEN_STATUSES, PROTECTED_KINDS
from models.database import db, make_database

log = logging.getLogger(__name__)

COPY_LIMIT = 20_000  # open cases, newest first: a centre's working set, not its archive
BATCH = 500
_REFERENCE = ("organisation", "department", "staff", "offline_station")
_CALENDAR = ("calendar_override", "calendar_year")
# Child rows of a case the window reads, deleted before the case (foreign keys).
_CASE_CHILDREN = ("received_material", "case_event", "referral", "case_alias", "rectification")
_GUARD_TRIGGERS = ("case_event_no_update", "case_event_no_delete", "audit_log_no_update",
                   "audit_log_no_delete")


@dataclass(frozen=True)
class RefreshStats:
    cases: int  # open cases in the copy afterwards
    fetched: int  # cases copied this time (new or changed)
    removed: int  # cases no longer open, or changed, taken out
    items: int  # catalogue items copied this time
    seconds: float
    cleared: bool  # the copy held offline registrations and was emptied first


def _value(v: Any) -> Any:
    """A PostgreSQL value as the SQLite register stores it (peewee's own formats)."""
    if isinstance(v, datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bool):
        return int(v)
    return v


def _marks(n: int, param: str) -> str:
    return ", ".join([param] * n)


def _chunks(values: Sequence[int], size: int = BATCH) -> Iterable[Sequence[int]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


class LocalCopy:
    """The copy's file in `folder`; `reader()` is what the window binds to offline."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / "copy.db"
        self._reader: pw.Database | None = None
        self._writer: pw.Database | None = None

    # ---- the two ways in -------------------------------------------------------------
    def reader(self) -> pw.Database:
        """Read-only: every connection has query_only, and a write_transaction says
        "offline" (models/database.py)."""
        if self._reader is None:
            reader = make_database(str(self.path))
            reader.read_only = True
            reader.read_only_code = "offline"
            self._reader = reader
        return self._reader

    def writer(self) -> pw.Database:
        if self._writer is None:
            self._writer = make_database(str(self.path))
        return self._writer

    def close(self) -> None:
        for database in (self._reader, self._writer):
            if database is not None and not database.is_closed():
                database.close()

    def exists(self) -> bool:
        return self.path.exists() and self.meta("refreshed_at") is not None

    # ---- schema and bookkeeping ------------------------------------------------------
    def ensure_schema(self) -> None:
        """The register's schema on this thread's binding to the copy (other threads keep
        theirs); the append-only guards are dropped — the copy follows the server."""
        from models.migrations import ensure_schema

        writer = self.writer()
        with db.bound_here(writer):
            ensure_schema()
            for name in _GUARD_TRIGGERS:
                writer.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
            writer.execute_sql("CREATE TABLE IF NOT EXISTS copy_meta "
                               "(key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    def meta(self, key: str) -> str | None:
        if not self.path.exists():
            return None
        try:
            row = self.writer().execute_sql("SELECT value FROM copy_meta WHERE key = ?",
                                            (key,)).fetchone()
        except pw.OperationalError:  # no such table: never built
            return None
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.writer().execute_sql("INSERT INTO copy_meta (key, value) VALUES (?, ?) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                  (key, value))

    def refreshed_at(self) -> datetime | None:
        value = self.meta("refreshed_at")
        return datetime.fromisoformat(value) if value else None

    def mark_dirty(self) -> None:
        """Offline registrations wrote cases of their own: clear before the next refresh."""
        with self.writer().atomic():
            self._set_meta("dirty", "1")

    # ---- refreshing from the server --------------------------------------------------
    def refresh(self, server: pw.Database, viewer_id: int, at: datetime) -> RefreshStats:
        """Bring the copy up to the server's state for `viewer_id` (the signed-in person).
        Reads the server with plain SQL on `server` (never through the window's binding)."""
        started = time.perf_counter()
        if self.meta("refreshed_at") is None:
            self.ensure_schema()
        writer = self.writer()
        cleared = self.meta("dirty") == "1" or self.meta("viewer") not in (None, str(viewer_id))
        viewer = server.execute_sql(f"SELECT id, role FROM staff WHERE id = {server.param}",
                                    (viewer_id,)).fetchone()
        role = viewer[1] if viewer else ""
        with writer.atomic("IMMEDIATE"):
            if cleared:
                self._clear_cases(writer)
            for table in _REFERENCE:
                self._upsert(writer, table, *self._select(server, f"SELECT * FROM {table}"))
            writer.execute_sql("UPDATE staff SET password_hash = '' WHERE id != ?", (viewer_id,))
            for table in _CALENDAR:  # small, no references: replaced whole
                writer.execute_sql(f"DELETE FROM {table}")
                self._insert(writer, table, *self._select(server, f"SELECT * FROM {table}"))
            items = self._refresh_catalogue(server, writer)
            fetched, removed = self._refresh_cases(server, writer, viewer_id, role)
            self._set_meta("refreshed_at", at.isoformat(sep=" "))
            self._set_meta("viewer", str(viewer_id))
            self._set_meta("dirty", "0")
            count = writer.execute_sql('SELECT COUNT(*) FROM "case"').fetchone()[0]
        stats = RefreshStats(count, fetched, removed, items, time.perf_counter() - started,
                             cleared)
        log.info("local copy refreshed: %s", stats)
        return stats

    @staticmethod
    def _select(server: pw.Database, sql: str,
                params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        cursor = server.execute_sql(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        return names, [tuple(_value(v) for v in row) for row in cursor.fetchall()]

    @staticmethod
    def _insert(writer: pw.Database, table: str, names: list[str],
                rows: list[tuple[Any, ...]]) -> None:
        if rows:
            cols = ", ".join(f'"{n}"' for n in names)
            writer.cursor().executemany(
                f'INSERT INTO "{table}" ({cols}) VALUES ({_marks(len(names), "?")})', rows)

    @staticmethod
    def _upsert(writer: pw.Database, table: str, names: list[str],
                rows: list[tuple[Any, ...]]) -> None:
        """Insert or update in place (never REPLACE: that deletes a row other rows refer to)."""
        if not rows:
            return
        cols = ", ".join(f'"{n}"' for n in names)
        sets = ", ".join(f'"{n}" = excluded."{n}"' for n in names if n != "id")
        writer.cursor().executemany(
            f'INSERT INTO "{table}" ({cols}) VALUES ({_marks(len(names), "?")}) '
            f"ON CONFLICT (id) DO UPDATE SET {sets}", rows)

    def _refresh_catalogue(self, server: pw.Database, writer: pw.Database) -> int:
        """Items whose version or state changed, with their materials (a change to what a
        notice prints raises the version: core/admin/catalogue.py)."""
        theirs = {i: (v, a) for i, v, a in server.execute_sql(
            "SELECT id, version, active FROM service_item").fetchall()}
        mine = {i: (v, bool(a)) for i, v, a in writer.execute_sql(
            "SELECT id, version, active FROM service_item").fetchall()}
        changed = sorted(i for i, state in theirs.items() if mine.get(i) != (state[0], bool(state[1])))
        p = server.param
        for ids in _chunks(changed):
            writer.execute_sql(f"DELETE FROM service_material WHERE item_id IN ({_marks(len(ids), '?')})",
                               tuple(ids))
            self._upsert(writer, "service_item", *self._select(
                server, f"SELECT * FROM service_item WHERE id IN ({_marks(len(ids), p)})", ids))
            self._insert(writer, "service_material", *self._select(
                server, f"SELECT * FROM service_material WHERE item_id IN ({_marks(len(ids), p)})",
                ids))
        return len(changed)

    def _refresh_cases(self, server: pw.Database, writer: pw.Database, viewer_id: int,
                       role: str) -> tuple[int, int]:
        p = server.param
        open_marks = _marks(len(OPEN_STATUSES), p)
        theirs = dict(server.execute_sql(
            f'SELECT id, version FROM "case" WHERE status IN ({open_marks}) '
            f"ORDER BY id DESC LIMIT {COPY_LIMIT}", OPEN_STATUSES).fetchall())
        mine = dict(writer.execute_sql('SELECT id, version FROM "case"').fetchall())
        fetch = sorted(i for i, v in theirs.items() if mine.get(i) != v)
        remove = sorted(i for i in mine if i not in theirs or mine[i] != theirs[i])
        for ids in _chunks(remove):
            self._delete_cases(writer, ids)
        for ids in _chunks(fetch):
            self._copy_cases(server, writer, ids, viewer_id, role)
        return len(fetch), len(remove)

    def _copy_cases(self, server: pw.Database, writer: pw.Database, ids: Sequence[int],
                    viewer_id: int, role: str) -> None:
        p = server.param
        marks = _marks(len(ids), p)
        names, rows = self._select(server, f'SELECT * FROM "case" WHERE id IN ({marks})', ids)
        col = {n: i for i, n in enumerate(names)}
        visitor_ids = sorted({r[col["visitor_id"]] for r in rows if r[col["visitor_id"]]})
        hidden: set[int] = set()
        for r in rows:
            if r[col["kind"]] in PROTECTED_KINDS and not may_see_protected(
                    viewer_id, role, r[col["first_owner_id"]], r[col["handler_id"]]):
                hidden.add(r[col["id"]])
        if hidden:  # the person may not see who complained: the copy does not hold it
            rows = [self._without_identity(r, col) if r[col["id"]] in hidden else r for r in rows]
            visitor_ids = sorted(set(visitor_ids) - {
                r[col["visitor_id"]] for r in rows if r[col["id"]] in hidden})
        for chunk in _chunks(visitor_ids):
            self._upsert(writer, "visitor", *self._select(
                server, f"SELECT * FROM visitor WHERE id IN ({_marks(len(chunk), p)})", chunk))
        self._insert(writer, "case", names, rows)
        for table in _CASE_CHILDREN:
            self._insert(writer, table, *self._select(
                server, f"SELECT * FROM {table} WHERE case_id IN ({marks})", ids))
        from models.search import grams

        subject, description = col["subject"], col["description"]
        writer.cursor().executemany(
            "INSERT INTO case_text (rowid, grams) VALUES (?, ?)",
            [(r[col["id"]], grams(f"{r[subject]} {r[description]}")) for r in rows])

    @staticmethod
    def _without_identity(row: tuple[Any, ...], col: dict[str, int]) -> tuple[Any, ...]:
        values = list(row)
        values[col["visitor_name"]] = protected_name(values[col["visitor_name"]] or "")
        values[col["visitor_phone"]] = ""
        values[col["visitor_unit"]] = ""
        values[col["visitor_id"]] = None
        return tuple(values)

    @staticmethod
    def _delete_cases(writer: pw.Database, ids: Sequence[int]) -> None:
        marks = _marks(len(ids), "?")
        for table in _CASE_CHILDREN:
            writer.execute_sql(f"DELETE FROM {table} WHERE case_id IN ({marks})", tuple(ids))
        writer.execute_sql(f"DELETE FROM case_text WHERE rowid IN ({marks})", tuple(ids))
        writer.execute_sql(f'DELETE FROM "case" WHERE id IN ({marks})', tuple(ids))

    @staticmethod
    def _clear_cases(writer: pw.Database) -> None:
        """Every case row, the offline registrations' own included (their ids and numbers
        are the copy's, not the server's); the tallies follow through their triggers."""
        for table in (*_CASE_CHILDREN, "accept_wait", "violation", "commendation",
                      "audit_log", "case_text"):
            writer.execute_sql(f"DELETE FROM {table}")
        writer.execute_sql('DELETE FROM "case"')
        writer.execute_sql("DELETE FROM visitor")


__all__ = ["COPY_LIMIT", "LocalCopy", "RefreshStats"]
