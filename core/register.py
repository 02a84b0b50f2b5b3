"""Opening the case register and the per-process caches that hang off it (settings, calendar)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import peewee as pw

from core.admin.settings import OrgSettings, parse_hhmm
from core.calendar.workcalendar import OfficeHours, WorkCalendar
from core.infra.integrity import StartupHealth
from models import guards
from models.database import (
    StorageError,
    bind,
    db,
    is_postgres,
    make_database,
    translate_error,
)
from models.database import is_read_only as database_read_only
from models.migrations import ensure_schema
from models.tables import CalendarOverride, CalendarYear, Organisation

log = logging.getLogger(__name__)

_now: Callable[[], datetime] = datetime.now
_test_clock = False  # set_clock was given a clock: it decides, not the server
_settings: OrgSettings | None = None
_calendar: WorkCalendar | None = None
_target: str = ""
_health: StartupHealth | None = None
_server_offset: timedelta | None = None
_generation = 0  # bumped whenever cached settings, names or the calendar may be stale
_acting = threading.local()  # a replayed registration's time (acting_at), this thread only


def now() -> datetime:
    """The current local time, to the second (tests may set a clock with set_clock).

    On PostgreSQL it is the server's clock (read at open, kept as an offset): every window
    stamps history and audit rows with one clock, and a PC whose clock was set back cannot
    back-date them (docs/postgresql.md). Inside `acting_at(t)` it is `t` on that thread."""
    at = getattr(_acting, "at", None)
    if at is not None:
        return at
    if not _test_clock and _server_offset is not None:
        return (datetime.now() + _server_offset).replace(microsecond=0)
    return _now().replace(microsecond=0)


@contextmanager
def acting_at(at: datetime) -> Iterator[None]:
    """Stamp what this thread writes at `at`: an offline registration replayed later keeps
    the time the visitor was at the desk, its hand-over and first history rows too
    (docs/offline.md)."""
    _acting.at = at.replace(microsecond=0)
    try:
        yield
    finally:
        _acting.at = None


def server_offset() -> timedelta | None:
    """How far the server's clock is from this PC's (None: not on PostgreSQL)."""
    return _server_offset


def _read_server_clock() -> None:
    global _server_offset
    _server_offset = None
    if is_postgres(_target):
        before = datetime.now()
        server = db.execute_sql("SELECT now()").fetchone()[0]
        local = server.astimezone().replace(tzinfo=None)
        _server_offset = local - before - (datetime.now() - before) / 2


def set_clock(clock: Callable[[], datetime] | None) -> None:
    global _now, _test_clock
    _now = clock or datetime.now
    _test_clock = clock is not None


def open_register(target: str, *, create: bool = True, damaged: str = "refuse") -> str:
    """Bind the database at `target` (path or postgresql:// URL), check it, create or upgrade it.

    A SQLite path is checked before SQLite touches it (core/infra/register_file.py: folder, empty
    file, foreign file, read-only place, missing -wal each raise their own StorageError),
    then quick-checked within the start-up budget (core/infra/integrity.py). A damaged file raises
    StorageError "corrupt" — or, with damaged="read_only" (the window), opens read-only so
    that it can be looked at, printed from and restored. The append-only guards are put
    back if missing, and the audit chain is compared with its anchors (core/audit_anchor.py).
    """
    global _target, _health
    from core.infra import integrity
    from core.infra.register_file import preflight

    health = None
    if not is_postgres(target) and target != ":memory:":
        preflight(target, create=create)
        health = integrity.startup_check(target)
        if not health.ok:
            first = health.problems[0] if health.problems else ""
            if not health.read_only_recommended:
                raise translate_error(Exception(first), target) or StorageError(
                    "corrupt", target, first)
            if damaged != "read_only":
                raise StorageError("corrupt", target, first)
    database = make_database(target, create=create)
    read_only = health is not None and not health.ok
    database.read_only = read_only  # type: ignore[attr-defined]
    try:
        database.connect(reuse_if_open=True)
        bind(database)
        invalidate()  # settings and calendar of this register, not the previous one
        if read_only:
            _check_version_only()
        else:
            ensure_schema(after={6: _record_accept_waits})
            with db.atomic():
                guards.install()
    except (pw.DatabaseError, pw.InterfaceError, OSError) as exc:
        err = translate_error(exc, target)
        if err is None:
            raise
        raise err from exc
    _target = target
    _health = health
    _read_server_clock()
    invalidate()
    if not read_only:
        _anchor("open")
    log.info("register opened: %s%s", describe_target(target), " (read-only: damaged)"
             if read_only else "")
    return target


def _check_version_only() -> None:
    from models.migrations import SCHEMA_VERSION, current_version

    version = current_version()
    if version > SCHEMA_VERSION:
        raise StorageError("newer", str(version))


def _anchor(source: str) -> None:
    """Write the audit head beside the register (never fails an open or a close)."""
    from core import audit_anchor

    try:
        audit_anchor.record(_target, source)
    except Exception as exc:  # noqa: BLE001 — an anchor is evidence, not a precondition
        log.warning("audit anchor (%s) not written: %s", source, exc)


def health() -> StartupHealth | None:
    """What the start-up check found for the open SQLite register (None: PostgreSQL)."""
    return _health


def is_read_only() -> bool:
    return database_read_only()


def mark_damaged(problems: list[str]) -> StartupHealth:
    """The background check found damage the start-up check could not see (a large file):
    from now on every connection is read-only, this thread's at once."""
    global _health
    _health = StartupHealth(False, True, tuple(problems), _target)
    if db.obj is not None:
        db.obj.read_only = True  # type: ignore[attr-defined]
        if not db.is_closed():
            db.execute_sql("PRAGMA query_only = 1")
    log.error("register %s damaged (background check): %s", _target, problems[:3])
    return _health


def ping() -> None:
    """One round trip to the database; a dropped server connection is replaced on the way
    (models/database.py). Raises StorageError while the server cannot be reached."""
    try:
        db.execute_sql("SELECT 1").fetchone()
    except (pw.DatabaseError, pw.InterfaceError) as exc:
        raise translate_error(exc, _target) or StorageError("unreachable", _target,
                                                            str(exc)) from exc


def _record_accept_waits() -> None:
    """Upgrade to schema v6: the waits for 签收 come from the case history."""
    from core.supervision import timeliness  # it reads the calendar from here

    log.info("recorded %s waits for acceptance from the history",
             timeliness.backfill_accept_waits())


def close_register() -> None:
    if db.obj is not None and not db.is_closed():
        if _target and not database_read_only() and not db.in_transaction():
            _anchor("close")
        db.close()


def current_target() -> str:
    return _target


def describe_target(target: str) -> str:
    """A target for display: PostgreSQL URLs without their password."""
    if "://" in target and "@" in target:
        scheme, rest = target.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return target


def invalidate() -> None:
    """Forget cached settings, calendar and names (after an administrator changes them)."""
    global _settings, _calendar, _generation
    _settings = None
    _calendar = None
    _generation += 1


def generation() -> int:
    return _generation


def org_settings() -> OrgSettings:
    global _settings
    if _settings is None:
        org = Organisation.select().first()
        _settings = OrgSettings.from_json(org.settings if org else None)
    return _settings


def calendar() -> WorkCalendar:
    global _calendar
    if _calendar is None:
        _calendar = build_calendar()
    return _calendar


def build_calendar() -> WorkCalendar:
    """The calendar as the database has it now (inside a transaction: with its changes),
    without touching the cache."""
    s = org_settings()
    hours = OfficeHours(
        start=parse_hhmm(s.office_start), end=parse_hhmm(s.office_end),
        lunch_start=parse_hhmm(s.lunch_start) if s.lunch_start else None,
        lunch_end=parse_hhmm(s.lunch_end) if s.lunch_end else None,
    )
    rows = list(CalendarOverride.select())
    return WorkCalendar(
        overrides={r.day: r.workday for r in rows},
        hours=hours,
        names={r.day: r.name for r in rows if r.name},
        official_years=[y for (y,) in CalendarYear.select(CalendarYear.year).tuples()],
    )


def require_configured() -> None:
    if Organisation.select().count() == 0:
        from core.errors import DomainError

        raise DomainError("not_configured")


__all__ = ["StorageError", "calendar", "now", "open_register", "org_settings", "set_clock"]
