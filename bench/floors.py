"""Floors for bench/run.py: the fastest raw way to produce what the program produces.

Most floors replay the program's own statements: the program function runs once while every
statement it sends to SQLite is recorded (SQL and parameters, as the driver received them),
and the floor sends the same statements through a bare sqlite3 connection — the same rows,
counts and tallies, without the program around them. A registration's floor replays the
same statements too, with a fresh case number, the new case's id and a correct audit chain
(the hash computed as core/audit.py does). Where a faster raw way to the same answer exists
(a word search's first page and count), the floor is the fastest of them.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from models.database import db

Statement = tuple[str, Any, bool]  # sql, parameters (a list of them for executemany), many


class _Recording:
    """A driver cursor that notes what is sent through it."""

    def __init__(self, cursor: Any, log: list[Statement]) -> None:
        self._cursor, self._log = cursor, log

    def execute(self, sql: str, params: Sequence[object] = ()) -> Any:
        self._log.append((sql, tuple(params or ()), False))
        self._cursor.execute(sql, params or ())
        return self

    def executemany(self, sql: str, seq: Sequence[Sequence[object]]) -> Any:
        rows = [tuple(r) for r in seq]
        self._log.append((sql, rows, True))
        self._cursor.executemany(sql, rows)
        return self

    def __iter__(self) -> Any:
        return iter(self._cursor)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


def record(fn: Callable[[], object]) -> tuple[object, list[Statement]]:
    """Run `fn` and return its result with the statements it sent: this thread's only (a
    window's workers may be reading meanwhile through the same database object)."""
    log: list[Statement] = []
    database = db.obj
    plain = database.cursor
    me = threading.get_ident()

    def recording(*args: object, **kwargs: object) -> Any:
        cursor = plain(*args, **kwargs)
        return _Recording(cursor, log) if threading.get_ident() == me else cursor

    database.cursor = recording
    try:
        result = fn()
    finally:
        del database.cursor  # the class's method again
    return result, [s for s in log if not _is_transaction(s[0])]


def _is_transaction(sql: str) -> bool:
    return sql.strip().upper().split(" ")[0] in ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT",
                                                 "RELEASE")


def replay_reads(raw: sqlite3.Connection, statements: list[Statement]) -> Callable[[], None]:
    """A floor that sends the same reads and fetches every row."""
    reads = [(sql, params) for sql, params, many in statements if not many]

    def run() -> None:
        for sql, params in reads:
            raw.execute(sql, params).fetchall()
    return run


def seek_from(statements: list[Statement], base: int, recorded: tuple[object, int],
              start: tuple[object, int]) -> list[Statement]:
    """A page's seek statements moved to another page's start: the recorded start's sort
    value and id, where they follow the filter's own `base` parameters, become `start`'s."""
    swap = {recorded[0]: start[0], recorded[1]: start[1]}
    out: list[Statement] = []
    for sql, params, many in statements:
        values = list(params)
        values[base:] = [swap.get(v, v) if type(v) in (str, int) else v for v in values[base:]]
        out.append((sql, tuple(values), many))
    return out


@dataclass
class WriteReplay:
    """The statements of one use case that writes, to be sent again for a fresh case."""

    statements: list[Statement]
    case_id: int  # the recorded case's id: later statements name it
    number: str  # the recorded case's number: unique, so replaced


_NUMBER = re.compile(r"^\d{8}-\d+$")


def replay_writes(raw: sqlite3.Connection, recorded: WriteReplay,
                  fresh_number: Callable[[], str]) -> Callable[[], int]:
    """A floor that sends the use case's statements in one IMMEDIATE transaction: the case
    INSERT's new id and a new number replace the recorded ones, and each audit row gets the
    chain's current head and its own hash. Returns the case id it wrote (or changed)."""
    from core.audit import _digest
    from models.database import timestamp_value

    def run(case_id: int | None = None) -> int:
        number = fresh_number()
        current = case_id
        head: str | None = None
        raw.execute("BEGIN IMMEDIATE")
        try:
            for sql, params, many in recorded.statements:
                swap = _swapper(recorded, current, number)
                if many:
                    raw.executemany(sql, [tuple(swap(v) for v in row) for row in params])
                    continue
                values = [swap(v) for v in params]
                if sql.startswith('INSERT INTO "audit_log"') and head is not None:
                    at, actor, action, target, detail = values[:5]
                    values[5] = head
                    values[6] = _digest(head, timestamp_value(at), actor, action, target, detail)
                cur = raw.execute(sql, values)
                if sql.startswith('INSERT INTO "case" ') and current is None:
                    current = cur.lastrowid
                elif 'FROM "audit_log"' in sql and "hash" in sql:
                    row = cur.fetchone()
                    head = row[0] if row else None
                else:
                    cur.fetchall()
            raw.execute("COMMIT")
        except BaseException:
            raw.execute("ROLLBACK")
            raise
        assert current is not None
        return current
    return run


def _swapper(recorded: WriteReplay, case_id: int | None,
             number: str) -> Callable[[object], object]:
    def swap(value: object) -> object:
        if case_id is not None and type(value) is int and value == recorded.case_id:
            return case_id
        if isinstance(value, str):
            if value == recorded.number:
                return number
            if recorded.number in value and not _NUMBER.match(value):
                return value.replace(recorded.number, number)  # in an audit row's detail
        return value
    return swap
