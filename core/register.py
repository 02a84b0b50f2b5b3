"""The open case register as an object (docs/architecture.md, "The register object").

`open_register(target)` checks, binds and upgrades a register and returns a `Register`: where
it is, what the start-up check found, its clock, and the caches that hang off it (business
settings, the working-day calendar). The window keeps that object in its session and hands
it down to every screen; the command line and the tests hold the one they opened.

A process has one open register at a time — peewee's database proxy is process-wide — so
core's functions, which run inside it, ask `current()` for it rather than taking it as an
argument; the module functions below (`now`, `calendar`, `org_settings` …) are those
shortcuts. The test clock and a replay's acting time belong to the process and the thread,
not to a register, and stay here."""

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
from core.infra.storage import describe_target
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
from models.rows import tuples
from models.tables import CalendarOverride, CalendarYear, Organisation

log = logging.getLogger(__name__)

_now: Callable[[], datetime] = datetime.now
_test_clock = False  # set_clock was given a clock: it decides, not the server
_generation = 0  # bumped whenever cached settings, names or the calendar may be stale
_acting = threading.local()  # a replayed registration's time (acting_at), this thread only


class Register:
    """One open register: its target, health, server clock and the caches that hang off it."""

    def __init__(self, target: str, health: StartupHealth | None = None) -> None:
        self.target = target
        self._health = health
        self._server_offset: timedelta | None = None
        self._settings: OrgSettings | None = None
        self._calendar: WorkCalendar | None = None

    def __repr__(self) -> str:
        return f"Register({describe_target(self.target)!r})"

    # ---- where and what ------------------------------------------------------------------
    def describe(self) -> str:
        """The target for display: a PostgreSQL URL without its password."""
        return describe_target(self.target)

    @property
    def is_shared(self) -> bool:
        """A PostgreSQL register shared by several windows (not a file on this PC)."""
        return is_postgres(self.target)

    def health(self) -> StartupHealth | None:
        """What the start-up check found for a SQLite register (None: PostgreSQL)."""
        return self._health

    def is_read_only(self) -> bool:
        return database_read_only()

    def mark_damaged(self, problems: list[str]) -> StartupHealth:
        """The background check found damage the start-up check could not see (a large file):
        from now on every connection is read-only, this thread's at once."""
        self._health = StartupHealth(False, True, tuple(problems), self.target)
        if db.obj is not None:
            db.obj.read_only = True  # type: ignore[attr-defined]  # bound by open_register: make_database declares it
            if not db.is_closed():
                db.execute_sql("PRAGMA query_only = 1")
        log.error("register %s damaged (background check): %s", self.target, problems[:3])
        return self._health

    def ping(self) -> None:
        """One round trip to the database; a dropped server connection is replaced on the way
        (models/database.py). Raises StorageError while the server cannot be reached."""
        try:
            db.execute_sql("SELECT 1").fetchone()
        except (pw.DatabaseError, pw.InterfaceError) as exc:
            raise translate_error(exc, self.target) or StorageError(
                "unreachable", self.target, str(exc)) from exc

    def close(self) -> None:
        if db.obj is not None and not db.is_closed():
            if self.target and not database_read_only() and not db.in_transaction():
                self._anchor("close")
            db.close()

    def _anchor(self, source: str) -> None:
        """Write the audit head beside the register (never fails an open or a close)."""
        from core import audit_anchor

        try:
            audit_anchor.record(self.target, source)
        except Exception as exc:  # noqa: BLE001 — an anchor is evidence, not a precondition
            log.warning("audit anchor (%s) not written: %s", source, exc)

    # ---- time ----------------------------------------------------------------------------
    def now(self) -> datetime:
        """The current local time, to the second (see the module function `now`)."""
        at = getattr(_acting, "at", None)
        if at is not None:
            return at
        if not _test_clock and self._server_offset is not None:
            return (datetime.now() + self._server_offset).replace(microsecond=0)
        return _now().replace(microsecond=0)

    @property
    def server_offset(self) -> timedelta | None:
        """How far the server's clock is from this PC's (None: not on PostgreSQL)."""
        return self._server_offset

    def read_server_clock(self) -> None:
        self._server_offset = None
        if is_postgres(self.target):
            before = datetime.now()
            server = db.execute_sql("SELECT now()").fetchone()[0]
            local = server.astimezone().replace(tzinfo=None)
            self._server_offset = local - before - (datetime.now() - before) / 2

    # ---- caches --------------------------------------------------------------------------
    def invalidate(self) -> None:
        """Forget cached settings, calendar and names (after an administrator changes them)."""
        global _generation
        self._settings = None
        self._calendar = None
        _generation += 1

    def generation(self) -> int:
        """Bumped whenever what screens cached from the register may be stale."""
        return _generation

    def org_settings(self) -> OrgSettings:
        if self._settings is None:
            org = Organisation.select().first()
            self._settings = OrgSettings.from_json(org.settings if org else None)
        return self._settings

    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            self._calendar = self.build_calendar()
        return self._calendar

    def build_calendar(self) -> WorkCalendar:
        """The calendar as the database has it now (inside a transaction: with its changes),
        without touching the cache."""
        s = self.org_settings()
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
            official_years=[y for (y,) in tuples(CalendarYear.select(CalendarYear.year))],
        )


# Before anything is opened (and in tests that bind a database by hand) the caches and the
# clock still work: an unnamed register stands in.
_current = Register("")


def current() -> Register:
    """The register this process has open (core's functions run inside it)."""
    return _current


def now() -> datetime:
    """The current local time, to the second (tests may set a clock with set_clock).

    On PostgreSQL it is the server's clock (read at open, kept as an offset): every window
    stamps history and audit rows with one clock, and a PC whose clock was set back cannot
    back-date them (docs/postgresql.md). Inside `acting_at(t)` it is `t` on that thread."""
    return _current.now()


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


def set_clock(clock: Callable[[], datetime] | None) -> None:
    global _now, _test_clock
    _now = clock or datetime.now
    _test_clock = clock is not None


def open_register(target: str, *, create: bool = True, damaged: str = "refuse") -> Register:
    """Bind the database at `target` (path or postgresql:// URL), check it, create or upgrade
    it, and return it as the process's open register.

    A SQLite path is checked before SQLite touches it (core/infra/register_file.py: folder,
    empty file, foreign file, read-only place, missing -wal each raise their own
    StorageError), then quick-checked within the start-up budget (core/infra/integrity.py). A
    damaged file raises StorageError "corrupt" — or, with damaged="read_only" (the window),
    opens read-only so that it can be looked at, printed from and restored. The append-only
    guards are put back if missing, and the audit chain is compared with its anchors
    (core/audit_anchor.py).
    """
    global _current
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
    database.read_only = read_only
    opened = Register(target, health)
    previous, _current = _current, opened  # settings and calendar of this register
    try:
        database.connect(reuse_if_open=True)
        bind(database)
        opened.invalidate()
        if read_only:
            _check_version_only()
        else:
            ensure_schema(after={6: _record_accept_waits})
            with db.atomic():
                guards.install()
    except (pw.DatabaseError, pw.InterfaceError, OSError) as exc:
        _current = previous
        err = translate_error(exc, target)
        if err is None:
            raise
        raise err from exc
    except BaseException:
        _current = previous
        raise
    opened.read_server_clock()
    opened.invalidate()
    if not read_only:
        opened._anchor("open")
    log.info("register opened: %s%s", describe_target(target), " (read-only: damaged)"
             if read_only else "")
    return opened


def _check_version_only() -> None:
    from models.migrations import SCHEMA_VERSION, current_version

    version = current_version()
    if version > SCHEMA_VERSION:
        raise StorageError("newer", str(version))


def _record_accept_waits() -> None:
    """Upgrade to schema v6: the waits for 签收 come from the case history."""
    from core.supervision import timeliness  # it reads the calendar from here

    log.info("recorded %s waits for acceptance from the history",
             timeliness.backfill_accept_waits())


# Shortcuts to the open register for core's functions and the command line.
def close_register() -> None:
    _current.close()


def current_target() -> str:
    return _current.target


def health() -> StartupHealth | None:
    return _current.health()


def is_read_only() -> bool:
    return _current.is_read_only()


def mark_damaged(problems: list[str]) -> StartupHealth:
    return _current.mark_damaged(problems)


def ping() -> None:
    _current.ping()


def server_offset() -> timedelta | None:
    return _current.server_offset


def invalidate() -> None:
    _current.invalidate()


def generation() -> int:
    return _generation


def org_settings() -> OrgSettings:
    return _current.org_settings()


def calendar() -> WorkCalendar:
    return _current.calendar()


def build_calendar() -> WorkCalendar:
    return _current.build_calendar()


def require_configured() -> None:
    if Organisation.select().count() == 0:
        from core.errors import DomainError

        raise DomainError("not_configured")


__all__ = ["Register", "StorageError", "calendar", "current", "now", "open_register",
           "org_settings", "set_clock"]
