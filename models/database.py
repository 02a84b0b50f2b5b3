"""Opening the register: SQLite (embedded, the default) or PostgreSQL (shared), one proxy."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import peewee as pw

log = logging.getLogger(__name__)

db = pw.DatabaseProxy()

# synchronous=FULL with WAL: NORMAL can lose the last commits on power loss (FACTS.md).
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -32000,
}


class StorageError(Exception):
    """A database problem a clerk must be told about; `code` picks the message."""

    MESSAGES = {
        "missing": ("数据库文件不存在：{target}", "The database file does not exist: {target}"),
        "locked": ("数据库正被其他程序占用，请稍后重试。", "The database is busy in another program; try again shortly."),
        "readonly": ("数据库为只读（{target}），无法保存。请检查文件权限或磁盘。", "The database is read-only ({target}); nothing can be saved. Check the file's permissions or the disk."),
        "corrupt": ("数据库文件已损坏：{target}。请从备份恢复。", "The database file is damaged: {target}. Restore it from a backup."),
        "network_share": ("数据库不能放在网络共享上（{target}）。多台电脑共用请使用 PostgreSQL 服务器。", "A database on a network share is not safe ({target}). Use a PostgreSQL server to share one register."),
        "unreachable": ("无法连接数据库服务器：{target}", "Cannot reach the database server: {target}"),
        "newer": ("数据库版本 {target} 比本程序新，请升级程序。", "The database ({target}) was written by a newer FirstDesk; upgrade the program."),
        "full": ("磁盘已满，无法保存。", "The disk is full; nothing was saved."),
    }

    def __init__(self, code: str, target: str = "", detail: str = "") -> None:
        self.code = code
        self.target = target
        self.detail = detail
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        zh, en = self.MESSAGES.get(code := self.code, (code, code))
        text = (zh if lang.startswith("zh") else en).format(target=self.target)
        return text


def is_postgres(target: str) -> bool:
    return target.startswith(("postgres://", "postgresql://"))


def looks_like_network_share(path: str) -> bool:
    """UNC paths (\\\\server\\share) and smb/nfs mounts cannot host SQLite's WAL safely."""
    p = path.replace("/", "\\")
    if p.startswith("\\\\") and not p.startswith("\\\\?\\"):
        return True
    try:
        with open("/proc/mounts", encoding="utf-8") as fh:
            mounts = [line.split() for line in fh]
    except OSError:
        return False
    resolved = str(Path(path).resolve())
    best, fstype = "", ""
    for parts in mounts:
        if len(parts) >= 3 and resolved.startswith(parts[1]) and len(parts[1]) > len(best):
            best, fstype = parts[1], parts[2]
    return fstype in {"cifs", "smbfs", "smb3", "nfs", "nfs4", "9p", "fuse.sshfs"}


class _SqliteDatabase(pw.SqliteDatabase):
    """Every connection (reconnects included) gets the pragmas; peewee applies them."""


def make_database(target: str, *, create: bool = True) -> pw.Database:
    """Build the peewee database for a file path or a postgresql:// URL (not yet connected)."""
    if is_postgres(target):
        u = urlparse(target)
        return pw.PostgresqlDatabase(
            (u.path or "/").lstrip("/") or "firstdesk",
            user=u.username,
            password=u.password,
            host=u.hostname or "localhost",
            port=u.port or 5432,
            connect_timeout=5,
        )
    if target != ":memory:":
        if looks_like_network_share(target):
            raise StorageError("network_share", target)
        path = Path(target)
        if not path.exists() and not create:
            raise StorageError("missing", target)
        path.parent.mkdir(parents=True, exist_ok=True)
    return _SqliteDatabase(target, pragmas=SQLITE_PRAGMAS, check_same_thread=False)


def translate_error(exc: BaseException, target: str = "") -> StorageError | None:
    """Map a driver error to a StorageError a clerk can act on (None: not a storage problem)."""
    text = str(exc).lower()
    if isinstance(exc, StorageError):
        return exc
    if "locked" in text or "busy" in text:
        return StorageError("locked", target, str(exc))
    if "readonly" in text or "read-only" in text or "read only" in text:
        return StorageError("readonly", target, str(exc))
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return StorageError("corrupt", target, str(exc))
    if "database or disk is full" in text or "disk full" in text or "no space" in text:
        return StorageError("full", target, str(exc))
    if "unable to open" in text:
        return StorageError("missing", target, str(exc))
    if "could not connect" in text or "connection refused" in text or "timeout expired" in text:
        return StorageError("unreachable", target, str(exc))
    return None


def bind(database: pw.Database) -> None:
    db.initialize(database)


def is_sqlite() -> bool:
    return isinstance(db.obj, pw.SqliteDatabase)


def timestamp_param(value: datetime) -> object:
    """A timestamp for a raw-SQL parameter, as the column stores it (SQLite: sortable text)."""
    return str(value) if is_sqlite() else value


def timestamp_value(value: object) -> datetime | None:
    """A timestamp read by raw SQL: SQLite hands back text, PostgreSQL a datetime."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


AUDIT_LOCK = 7324001  # PostgreSQL advisory lock of the audit chain


@contextmanager
def write_transaction() -> Iterator[None]:
    """One use case = one transaction; SQLite takes the write lock up front (FACTS.md)."""
    try:
        if is_sqlite():
            with db.atomic("IMMEDIATE"):
                yield
        else:
            with db.atomic():
                if db.transaction_depth() == 1:
                    # Every use case appends to the one audit chain, which serialises on this
                    # lock; taking it first, before any row lock, keeps the lock order the same
                    # in every transaction (taken late, 4 windows deadlocked within seconds:
                    # docs/architecture.md, "Locks on PostgreSQL").
                    db.execute_sql(f"SELECT pg_advisory_xact_lock({AUDIT_LOCK})")
                yield
    except (pw.DatabaseError, sqlite3.DatabaseError, pw.InterfaceError) as exc:
        target = str(getattr(db.obj, "database", ""))
        # SQLite rolls back by itself on SQLITE_FULL / IOERR; peewee's own rollback then fails
        # with "no transaction is active" — the cause worth telling is the one underneath.
        for cause in _causes(exc):
            err = translate_error(cause, target)
            if err:
                raise err from exc
        raise


def _causes(exc: BaseException) -> list[BaseException]:
    """The error and the ones it was raised while handling, innermost last."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain
