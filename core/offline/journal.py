"""The journal of registrations a window took while its server was unreachable.

One SQLite file per register in the user's data folder (`offline/<register>/journal.db`),
WAL with synchronous=FULL like every register file (docs/reliability.md): an entry is the
only record of a visitor's matter until it is replayed, so it is written durably before the
clerk is told "saved". Entries are never deleted: pending → synced (with the case's final
number) or refused (with the reason; the clerk can try it again once the cause is fixed).

Plain sqlite3, not the register's peewee models: the journal is read and written while the
window's register binding points at the server or at the local copy, whichever it is."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from core.dto import IntakeForm, MaterialInput, Scope
from core.offline.numbers import provisional_number

PENDING, SYNCED, REFUSED = "pending", "synced", "refused"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counter (day TEXT PRIMARY KEY, last INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entry (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,            -- the idempotency key the replay carries
    provisional TEXT NOT NULL UNIQUE,    -- on the receipt: 20261204-W03-0007
    station TEXT NOT NULL,
    actor_id INTEGER NOT NULL,
    actor_name TEXT NOT NULL DEFAULT '',
    entered_at TEXT NOT NULL,            -- at the desk, on the server's clock
    form TEXT NOT NULL,                  -- the IntakeForm as JSON
    due_at TEXT,                         -- as the receipt promised it
    state TEXT NOT NULL DEFAULT 'pending',
    case_id INTEGER, final_number TEXT, final_due TEXT,
    reason TEXT NOT NULL DEFAULT '', synced_at TEXT, attempts INTEGER NOT NULL DEFAULT 0
);
"""


@dataclass(frozen=True)
class Entry:
    seq: int
    key: str
    provisional: str
    station: str
    actor_id: int
    actor_name: str
    entered_at: datetime
    form: IntakeForm
    due_at: datetime | None
    state: str
    case_id: int | None
    final_number: str
    final_due: datetime | None
    reason: str
    synced_at: datetime | None
    attempts: int


def form_to_json(form: IntakeForm) -> str:
    return json.dumps(asdict(form), ensure_ascii=False)


def form_from_json(text: str) -> IntakeForm:
    data: dict[str, Any] = json.loads(text)
    data["materials"] = tuple(MaterialInput(**m) for m in data.get("materials") or ())
    data["scope"] = Scope(**(data.get("scope") or {}))
    return IntakeForm(**data)


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _text(value: datetime | None) -> str | None:
    return value.isoformat(sep=" ") if value is not None else None


class Journal:
    """The journal file at `path` (created on first use). Each call opens its own connection,
    so any thread may use it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")  # an entry is the only copy of a matter
        conn.execute("PRAGMA busy_timeout=10000")
        conn.executescript(_SCHEMA)
        return conn

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        conn = self._connect()
        try:
            yield conn
        finally:
            conn.close()

    # ---- identity --------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        with self.connection() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.connection() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                         "DO UPDATE SET value = excluded.value", (key, value))

    def station(self) -> str:
        """This window's station code (W03), "" until the server handed one out."""
        return self.meta("station") or ""

    # ---- writing an entry ------------------------------------------------------------
    @contextmanager
    def new_entry(self, at: datetime, station: str) -> Iterator[tuple[sqlite3.Connection, str]]:
        """BEGIN IMMEDIATE, the next provisional number of `at`'s day for `station`; the
        caller adds the entry (`insert`) and commits. Nothing is kept if the block raises
        before the commit."""
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            day = at.strftime("%Y%m%d")
            (seq,) = conn.execute(
                "INSERT INTO counter (day, last) VALUES (?, 1) ON CONFLICT (day) "
                "DO UPDATE SET last = last + 1 RETURNING last", (day,)).fetchone()
            yield conn, provisional_number(at, station, seq)
        finally:
            if conn.in_transaction:
                conn.rollback()
            conn.close()

    @staticmethod
    def insert(conn: sqlite3.Connection, *, key: str, provisional: str, station: str,
               actor_id: int, actor_name: str, entered_at: datetime, form: IntakeForm,
               due_at: datetime | None) -> None:
        conn.execute(
            "INSERT INTO entry (key, provisional, station, actor_id, actor_name, entered_at, "
            "form, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (key, provisional, station, actor_id, actor_name, _text(entered_at),
             form_to_json(form), _text(due_at)))

    # ---- reading ---------------------------------------------------------------------
    def entries(self, state: str | None = None) -> list[Entry]:
        """Entries in the order they were taken (one state, or all)."""
        sql = "SELECT * FROM entry" + (" WHERE state = ?" if state else "") + " ORDER BY seq"
        with self.connection() as conn:
            conn.row_factory = sqlite3.Row
            rows = conn.execute(sql, (state,) if state else ()).fetchall()
        return [self._entry(r) for r in rows]

    def entry(self, key: str) -> Entry | None:
        with self.connection() as conn:
            conn.row_factory = sqlite3.Row
            row = conn.execute("SELECT * FROM entry WHERE key = ?", (key,)).fetchone()
        return self._entry(row) if row else None

    def pending_count(self) -> int:
        with self.connection() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM entry WHERE state = ?",
                                    (PENDING,)).fetchone()[0])

    @staticmethod
    def _entry(r: sqlite3.Row) -> Entry:
        return Entry(
            r["seq"], r["key"], r["provisional"], r["station"], r["actor_id"], r["actor_name"],
            _time(r["entered_at"]) or datetime.min, form_from_json(r["form"]),
            _time(r["due_at"]), r["state"], r["case_id"], r["final_number"] or "",
            _time(r["final_due"]), r["reason"], _time(r["synced_at"]), r["attempts"])

    # ---- after a replay --------------------------------------------------------------
    def mark_synced(self, key: str, case_id: int, number: str, due_at: datetime | None,
                    synced_at: datetime) -> None:
        with self.connection() as conn:
            conn.execute("UPDATE entry SET state = ?, case_id = ?, final_number = ?, "
                         "final_due = ?, synced_at = ?, reason = '', attempts = attempts + 1 "
                         "WHERE key = ?",
                         (SYNCED, case_id, number, _text(due_at), _text(synced_at), key))

    def mark_refused(self, key: str, reason: str) -> None:
        with self.connection() as conn:
            conn.execute("UPDATE entry SET state = ?, reason = ?, attempts = attempts + 1 "
                         "WHERE key = ? AND state = ?", (REFUSED, reason, key, PENDING))

    def retry(self, key: str) -> None:
        """A refused entry goes back in line (its cause fixed on the server)."""
        with self.connection() as conn:
            conn.execute("UPDATE entry SET state = ? WHERE key = ? AND state = ?",
                         (PENDING, key, REFUSED))


def journal_folder(data_dir: Path, register_label: str) -> Path:
    """offline/<register> under the data folder: one journal and copy per register (the
    label has no password: models.database.redact / core.infra.storage.describe_target)."""
    import hashlib

    digest = hashlib.sha256(register_label.encode("utf-8")).hexdigest()[:16]
    return data_dir / "offline" / digest


__all__ = ["PENDING", "REFUSED", "SYNCED", "Entry", "Journal", "journal_folder"]
