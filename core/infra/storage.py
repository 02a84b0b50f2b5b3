"""The register's storage as the front-ends (the window, the command line) see it: its error,
where it lives, a connection test, the change signals, the thread's connection. The window
never imports models/ (docs/architecture.md, "Layers"): what it needs of the database comes
through here, so a change of storage shows in one module."""

from __future__ import annotations

from collections.abc import Callable

import peewee as pw

from models.changes import PgListener, SqliteProbe
from models.database import (
    StorageError,
    db,
    is_postgres,
    make_database,
    redact,
    run_retrying,
    translate_error,
)

__all__ = [
    "PgListener", "SqliteProbe", "StorageError", "check_connection", "close_thread_connection",
    "describe_target",
    "is_open_register", "is_postgres", "kept_connection", "listen_for_changes", "redact",
    "release_connection", "run_retrying", "server_facts", "translate_error",
]


def check_connection(target: str, shown: str = "") -> str:
    """Open `target` without creating anything and run one query; StorageError says why not
    (`shown`: the target as the user may read it, without a password)."""
    database = make_database(target, create=False)
    # SQLite reads the file header only on the first real query: ask its catalogue.
    probe = "SELECT 1" if is_postgres(target) else "SELECT count(*) FROM sqlite_master"
    try:
        database.connect()
        database.execute_sql(probe)
    except Exception as exc:
        err = translate_error(exc, shown or redact(target))
        raise (err or StorageError("unreachable", shown or redact(target), str(exc))) from exc
    finally:
        if not database.is_closed():
            database.close()
    return target


def server_facts(url: str) -> tuple[str, int | None]:
    """A PostgreSQL server's version and, when it holds a FirstDesk register, its number of
    cases (None otherwise); read only, on a connection of its own."""
    database = make_database(url)
    database.connect()
    try:
        (version,) = database.execute_sql("SHOW server_version").fetchone()
        (table,) = database.execute_sql("SELECT to_regclass('public.\"case\"')").fetchone()
        cases = None
        if table is not None:
            (cases,) = database.execute_sql('SELECT COUNT(*) FROM "case"').fetchone()
        return str(version), cases
    finally:
        database.close()


def listen_for_changes(target: str, heard: Callable[[], None]) -> PgListener | SqliteProbe | None:
    """What tells the window that another window changed the register: on PostgreSQL a
    listener calling `heard()` (LISTEN/NOTIFY), on an SQLite file a probe to poll
    (`changed()`), nothing for an in-memory register."""
    if is_postgres(target) and isinstance(db.obj, pw.PostgresqlDatabase):
        return PgListener(db.obj, heard)
    if target and target != ":memory:":
        return SqliteProbe(target)
    return None


def kept_connection() -> object:
    """The register whose connection this thread keeps for its next task (a worker that
    reads page after page: a new SQLite connection costs 1–5 ms and a cold page cache)."""
    return db.obj


def is_open_register(kept: object) -> bool:
    """A kept connection's register is still the one open (not replaced or reopened)."""
    return kept is db.obj


def release_connection(kept: object | None) -> None:
    """Close a kept connection (on the thread that keeps it)."""
    if isinstance(kept, pw.Database) and not kept.is_closed():
        kept.close()


def close_thread_connection() -> None:
    """Close this thread's connection to the register (a worker thread that is done)."""
    if db.obj is not None and not db.is_closed():
        db.close()


def describe_target(target: str) -> str:
    """A target for display: PostgreSQL URLs without their password."""
    if "://" in target and "@" in target:
        scheme, rest = target.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return target
