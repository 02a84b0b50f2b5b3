"""Opening the case register and the per-process caches that hang off it (settings, calendar)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import peewee as pw

from core.settings import OrgSettings, parse_hhmm
from core.workcalendar import OfficeHours, WorkCalendar
from models.database import StorageError, bind, db, make_database, translate_error
from models.migrations import ensure_schema
from models.tables import CalendarOverride, Organisation

log = logging.getLogger(__name__)

_now: Callable[[], datetime] = datetime.now
_settings: OrgSettings | None = None
_calendar: WorkCalendar | None = None
_target: str = ""
_generation = 0  # bumped whenever cached settings, names or the calendar may be stale


def now() -> datetime:
    """The current local time, to the second (tests may set a clock with set_clock)."""
    return _now().replace(microsecond=0)


def set_clock(clock: Callable[[], datetime] | None) -> None:
    global _now
    _now = clock or datetime.now


def open_register(target: str, *, create: bool = True) -> str:
    """Bind the database at `target` (path or postgresql:// URL), create or upgrade it."""
    global _target
    database = make_database(target, create=create)
    try:
        database.connect(reuse_if_open=True)
        bind(database)
        invalidate()  # settings and calendar of this register, not the previous one
        ensure_schema(after={6: _record_accept_waits})
    except (pw.DatabaseError, pw.InterfaceError, OSError) as exc:
        err = translate_error(exc, target)
        if err is None:
            raise
        raise err from exc
    _target = target
    invalidate()
    log.info("register opened: %s", describe_target(target))
    return target


def _record_accept_waits() -> None:
    """Upgrade to schema v6: the waits for 签收 come from the case history."""
    from core import timeliness  # it reads the calendar from here

    log.info("recorded %s waits for acceptance from the history",
             timeliness.backfill_accept_waits())


def close_register() -> None:
    if db.obj is not None and not db.is_closed():
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
        s = org_settings()
        hours = OfficeHours(
            start=parse_hhmm(s.office_start), end=parse_hhmm(s.office_end),
            lunch_start=parse_hhmm(s.lunch_start) if s.lunch_start else None,
            lunch_end=parse_hhmm(s.lunch_end) if s.lunch_end else None,
        )
        rows = list(CalendarOverride.select())
        _calendar = WorkCalendar(
            overrides={r.day: r.workday for r in rows},
            hours=hours,
            names={r.day: r.name for r in rows if r.name},
        )
    return _calendar


def require_configured() -> None:
    if Organisation.select().count() == 0:
        from core.errors import DomainError

        raise DomainError("not_configured")


__all__ = ["StorageError", "calendar", "now", "open_register", "org_settings", "set_clock"]
