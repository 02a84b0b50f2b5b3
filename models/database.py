"""Opening the register: SQLite (embedded, the default) or PostgreSQL (shared), one proxy."""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload
from urllib.parse import parse_qs, urlparse

import peewee as pw

T = TypeVar("T")

log = logging.getLogger(__name__)



class _RegisterProxy(pw.DatabaseProxy):
    """The register every model and query uses. One binding is shared by all threads; a thread
    may work on another database for a while (`bound_here`) without the others noticing —
    the offline journal's replay and the local copy of a window without its server are
    written that way while the window goes on reading what it reads (docs/offline.md)."""

    __slots__ = ("_shared", "_here")

    def __init__(self) -> None:
        object.__setattr__(self, "_here", threading.local())
        object.__setattr__(self, "_shared", None)
        super().__init__()

    @property
    def obj(self) -> pw.Database | None:
        return getattr(self._here, "obj", None) or self._shared

    @obj.setter
    def obj(self, value: pw.Database | None) -> None:
        object.__setattr__(self, "_shared", value)

    def __setattr__(self, attr: str, value: object) -> None:
        if attr == "obj":
            object.__setattr__(self, "_shared", value)
        elif attr in ("_callbacks", "_Model"):  # peewee's own slots
            object.__setattr__(self, attr, value)
        else:
            raise AttributeError("Cannot set attribute on proxy.")

    def shared(self) -> pw.Database | None:
        """The binding every thread uses unless it has one of its own."""
        return self._shared

    def bound(self) -> pw.Database:
        """The database this thread uses; StorageError "closed" when none is bound."""
        database = self.obj
        if database is None:
            raise StorageError("closed", "")
        return database

    def shared_bound(self) -> pw.Database:
        """The shared binding; StorageError "closed" when none is bound."""
        if self._shared is None:
            raise StorageError("closed", "")
        return self._shared

    @contextmanager
    def bound_here(self, database: pw.Database) -> Iterator[None]:
        """Use `database` on this thread only, until the block ends."""
        before = getattr(self._here, "obj", None)
        self._here.obj = database
        try:
            yield
        finally:
            self._here.obj = before


db = _RegisterProxy()

# synchronous=FULL with WAL: NORMAL can lose the last commits on power loss (docs/architecture.md,
# "SQLite: write lock up front, durable commits").
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -32000,
    # INSERT OR REPLACE then fires the append-only DELETE triggers (models/guards.py).
    "recursive_triggers": 1,
}


class StorageError(Exception):
    """A database problem a clerk must be told about; `code` picks the message."""

    MESSAGES = {
        "missing": ("数据库文件不存在：{target}", "The database file does not exist: {target}"),
        "locked": ("数据库正被其他程序占用，请稍后重试。", "The database is busy in another program; try again shortly."),
        "readonly": ("数据库为只读（{target}），无法保存。请检查文件权限或磁盘。", "The database is read-only ({target}); nothing can be saved. Check the file's permissions or the disk."),
        "corrupt": ("数据库文件已损坏：{target}。为免进一步损坏，请从备份恢复（文件 → 从备份恢复，或命令 restore）。", "The database file is damaged: {target}. To avoid further damage, restore it from a backup (File → Restore from backup, or the restore command)."),
        "network_share": ("数据库不能放在网络共享上（{target}）。多台电脑共用请使用 PostgreSQL 服务器。", "A database on a network share is not safe ({target}). Use a PostgreSQL server to share one register."),
        "unreachable": ("无法连接数据库服务器：{target}", "Cannot reach the database server: {target}"),
        "newer": ("数据库版本 {target} 比本程序新，请升级程序。", "The database ({target}) was written by a newer FirstDesk; upgrade the program."),
        "full": ("磁盘已满，无法保存。", "The disk is full; nothing was saved."),
        # What kind of file the path holds (core/infra/register_file.py checks before SQLite opens it).
        "is_directory": ("{target} 是一个文件夹，不是数据库文件。请选择其中的数据库文件（例如 firstdesk.db）。", "{target} is a folder, not a database file. Choose the database file inside it (e.g. firstdesk.db)."),
        "empty_file": ("数据库文件是空的（0 字节）：{target}。它可能在复制或磁盘故障时被截断；程序不会把它当作新的登记簿。请从备份恢复；确实要新建时，请先删除或改名这个文件。", "The database file is empty (0 bytes): {target}. It may have been cut short by a copy or a disk fault, so it is not taken for a new register. Restore a backup; to start a new register, delete or rename this file first."),
        "not_a_database": ("{target} 不是首问台的数据库文件（不是 SQLite 数据库，或文件开头已损坏）。程序没有改动它。", "{target} is not a FirstDesk database (not an SQLite file, or its first page is damaged). It was left untouched."),
        "foreign": ("{target} 是其他程序的 SQLite 数据库，不是首问台的登记簿。程序没有改动它。", "{target} is another program's SQLite database, not a FirstDesk register. It was left untouched."),
        "readonly_location": ("数据库所在的位置只能读、不能写（{target}）：可能是只读的 U 盘、光盘或只读挂载的磁盘，或没有写入权限。请把数据文件放到可写的位置再打开。", "The database is in a place that can be read but not written ({target}): a write-protected stick or disc, a read-only mount, or no write permission. Move the file somewhere writable and open it again."),
        "missing_wal": ("数据库的日志文件（{target}-wal）不见了，而它还记录着尚未写入数据库的最近保存。为免丢失这些数据，程序没有打开它。请把 -wal 文件放回原处（例如被杀毒软件隔离、或复制时漏掉了），或从备份恢复。", "The database's log file ({target}-wal) is missing while it still held the latest saves. To avoid losing them the register was not opened. Put the -wal file back (quarantined by antivirus, or left behind by a copy), or restore a backup."),
        "damaged_read_only": ("登记簿文件已损坏，目前以只读方式打开：可以查看和打印，不能保存。请从备份恢复。", "The register file is damaged and open read-only: you can look and print, but not save. Restore it from a backup."),
        "disconnected": ("与数据库服务器的连接中断，本次操作没有保存。程序正在重连，请稍后再试。", "The connection to the database server was lost; this action was not saved. Reconnecting — try again shortly."),
        "offline": ("服务器连接中断，本机处于离线登记状态：只能登记新事项（F2 新登记、F3 来电登记），签收、转办、办结等办理操作和设置需等服务器恢复后再进行。", "The server cannot be reached and this window is registering offline: only new intakes (F2) and calls (F3) can be saved; accepting, transferring, resolving and settings wait until the server is back."),
        "commit_unknown": ("保存时与数据库服务器的连接中断，无法确定是否已保存。请在重连后刷新查看，再决定是否重做。", "The connection to the database server was lost while saving; it is not known whether it was saved. Refresh after reconnecting and check before doing it again."),
    }

    def __init__(self, code: str, target: str = "", detail: str = "") -> None:
        self.code = code
        self.target = redact(target)  # a PostgreSQL URL's password never reaches a message
        self.detail = redact(detail)
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        zh, en = self.MESSAGES.get(code := self.code, (code, code))
        text = (zh if lang.startswith("zh") else en).format(target=self.target)
        return text


_URL_PASSWORD = re.compile(r"(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@", re.I)
_KEYWORD_PASSWORD = re.compile(r"(password\s*=\s*)('[^']*'|\S+)", re.I)


def redact(text: str) -> str:
    """`text` with the password of any PostgreSQL URL or `password=` pair replaced by ***."""
    text = _URL_PASSWORD.sub(r"\1***@", text or "")
    return _KEYWORD_PASSWORD.sub(r"\1***", text)


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
    """Every connection (reconnects included) gets the pragmas; peewee applies them. A
    damaged register is opened read-only: every connection then also gets query_only, so
    SQLite itself refuses any write (docs/reliability.md)."""

    read_only = False
    read_only_code = "damaged_read_only"  # what a write meets (write_transaction)

    def execute_sql(self, sql: str, params: object = None) -> sqlite3.Cursor:
        """A read that meets a damaged page says so (StorageError "corrupt", the clerk's
        message) instead of SQLite's "database disk image is malformed"."""
        try:
            return super().execute_sql(sql, params)
        except pw.DatabaseError as exc:
            text = str(exc).lower()
            if "malformed" in text or "not a database" in text:
                raise StorageError("corrupt", str(self.database), str(exc)) from exc
            raise

    def _connect(self) -> sqlite3.Connection:
        conn: sqlite3.Connection = super()._connect()  # type: ignore[misc]  # peewee's, not in its stubs
        if self.read_only:
            conn.execute("PRAGMA query_only = 1")
        return conn


# psycopg2's words for a connection the server (or the network) has dropped.
_DISCONNECT_WORDS = ("server closed the connection", "connection already closed",
                     "terminating connection", "could not receive data", "no connection to the server",
                     "connection not open", "ssl syscall error", "could not send data",
                     "the database system is shutting down", "consuming input failed")
_READ_STATEMENTS = ("SELECT", "WITH", "SHOW", "VALUES")


def is_disconnect(exc: BaseException) -> bool:
    """True when `exc` says the server connection is gone (a restart, a network cut)."""
    text = str(exc).lower()
    return any(word in text for word in _DISCONNECT_WORDS)


class CommitUnknown(pw.OperationalError):
    """The connection died during COMMIT: the server may or may not have kept the work."""


class _PostgresDatabase(pw.PostgresqlDatabase):
    """A connection the server dropped (a restart) is replaced instead of failing forever.

    Only where nothing can be lost or done twice (docs/postgresql.md): the BEGIN that opens
    a transaction, and a read outside a transaction, are retried once on a new connection.
    A statement inside a transaction is not retried here: the transaction is gone, and the
    caller learns it was not saved (run_retrying may repeat the whole use case). A failed
    COMMIT is CommitUnknown: never repeated automatically."""

    read_only = False  # a server is never opened read-only; write_transaction reads it
    read_only_code = "damaged_read_only"

    if TYPE_CHECKING:  # peewee's internals that its stubs leave out
        _state: Any
        _lock: Any

        def _close(self, conn: Any) -> None: ...

    def begin(self, *args: Any, **kwargs: Any) -> None:
        try:
            super().begin(*args, **kwargs)
        except (pw.OperationalError, pw.InterfaceError) as exc:
            if not is_disconnect(exc):
                raise
            self._reopen()
            super().begin(*args, **kwargs)

    def execute_sql(self, sql: str, params: object = None) -> Any:  # psycopg2's cursor
        try:
            return super().execute_sql(sql, params)
        except (pw.OperationalError, pw.InterfaceError) as exc:
            if (self.in_transaction() or not is_disconnect(exc)
                    or not sql.lstrip().upper().startswith(_READ_STATEMENTS)):
                raise
            log.warning("database connection lost; reconnecting for a read")
            self._reopen()
            return super().execute_sql(sql, params)

    def commit(self) -> None:
        try:
            super().commit()
        except (pw.OperationalError, pw.InterfaceError) as exc:
            if is_disconnect(exc):
                raise CommitUnknown(str(exc)) from exc
            raise
        self._state.commits = getattr(self._state, "commits", 0) + 1

    def rollback(self) -> None:
        try:
            super().rollback()
        except (pw.OperationalError, pw.InterfaceError) as exc:
            if not is_disconnect(exc):
                raise
            # The server dropped the transaction with the connection: nothing to undo.

    def connect(self, reuse_if_open: bool = False) -> bool:
        """Every (re)connection, the implicit ones included: a server that is not there is
        StorageError "unreachable", whichever statement found it."""
        try:
            return super().connect(reuse_if_open)
        except (pw.OperationalError, pw.InterfaceError) as exc:
            where = f"{self.connect_params.get('host')}/{self.database}"
            raise StorageError("unreachable", where, str(exc)) from exc

    def _reopen(self) -> None:
        """Drop this thread's dead connection and open a new one."""
        with self._lock:
            try:
                self._close(self._state.conn)
            except Exception:  # noqa: BLE001 — it is dead already
                pass
            self._state.reset()
        self.connect()


def commits_so_far() -> int:
    """Transactions this thread has committed on PostgreSQL (run_retrying's evidence)."""
    state = getattr(db.obj, "_state", None)  # peewee's per-thread state (not in its stubs)
    return int(getattr(state, "commits", 0))


def make_database(target: str, *, create: bool = True) -> _SqliteDatabase | _PostgresDatabase:
    """Build the peewee database for a file path or a postgresql:// URL (not yet connected)."""
    if is_postgres(target):
        u = urlparse(target)
        query = {k: v[-1] for k, v in parse_qs(u.query).items()}  # ?host=/socket/dir, port
        return _PostgresDatabase(
            (u.path or "/").lstrip("/") or "firstdesk",
            user=u.username,
            password=u.password or None,
            host=query.get("host") or u.hostname or "localhost",
            port=int(query.get("port") or u.port or 5432),
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
    if isinstance(exc, CommitUnknown):
        return StorageError("commit_unknown", target, str(exc))
    if is_disconnect(exc):
        return StorageError("disconnected", target, str(exc))
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
    if ("could not connect" in text or "connection refused" in text or "timeout expired" in text
            or "could not translate host" in text or ("connection to server" in text
                                                      and "failed" in text)):
        return StorageError("unreachable", target, str(exc))
    return None


def bind(database: pw.Database) -> None:
    db.initialize(database)


def is_sqlite() -> bool:
    return isinstance(db.obj, pw.SqliteDatabase)


def timestamp_param(value: datetime) -> object:
    """A timestamp for a raw-SQL parameter, as the column stores it (SQLite: sortable text)."""
    return str(value) if is_sqlite() else value


@overload
def timestamp_value(value: None) -> None: ...
@overload
def timestamp_value(value: datetime | str) -> datetime: ...
@overload
def timestamp_value(value: object) -> datetime | None: ...
def timestamp_value(value: object) -> datetime | None:
    """A timestamp read by raw SQL: SQLite hands back text, PostgreSQL a datetime (a raw
    row's column is untyped, so the checker takes the result as the column: see
    docs/architecture.md, "Types")."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


AUDIT_LOCK = 7324001  # PostgreSQL advisory lock of the audit chain


def is_read_only() -> bool:
    """True while the register is open read-only (a damaged file: look and print only)."""
    return bool(getattr(db.obj, "read_only", False))


@contextmanager
def write_transaction() -> Iterator[None]:
    """One use case = one transaction; SQLite takes the write lock up front (docs/reliability.md)."""
    if is_read_only():
        # A damaged file, or the local copy a window reads while the server is unreachable.
        raise StorageError(getattr(db.obj, "read_only_code", "damaged_read_only"),
                           str(getattr(db.obj, "database", "")))
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


def run_retrying(work: Callable[[], T]) -> T:
    """Run one use case; when the server connection died before anything of it committed
    (StorageError "disconnected" with no COMMIT on this thread since it began), run it once
    more on a new connection. Nothing is done twice: a use case that had committed a
    transaction, or whose COMMIT itself failed ("commit_unknown"), is never repeated."""
    before = commits_so_far()
    try:
        return work()
    except StorageError as exc:
        if exc.code != "disconnected" or commits_so_far() != before:
            raise
        log.warning("connection lost before anything was saved; running the action again")
        return work()
