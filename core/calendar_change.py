"""Changing the working-day calendar and carrying the change to open cases: a year's schedule
imported or a day edited recomputes, in the same transaction, the due time of every case whose
clock runs (or is paused) in a changed year, records each move in the case's history, audits
the batch once, and returns the moved cases so the clerks can tell the visitors."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from core import audit, register
from core.casebase import get_actor
from core.catalogue import item_at_version
from core.deadlines import (
    HOURS,
    Event,
    Limit,
    event_data,
    item_limit,
    recorded_limit,
    registration_due,
    replay_due,
    working_days_counted,
)
from core.vocab import AWAITING, UNFINISHED_STATUSES
from core.workcalendar import WorkCalendar
from models.database import write_transaction
from models.tables import CalendarOverride, CalendarYear, Case, CaseEvent, Staff

log = logging.getLogger(__name__)

CLOCK_STATUSES: tuple[str, ...] = UNFINISHED_STATUSES
"""Cases whose due time still matters (未办结): the clock runs, or is paused for materials."""
EVENT = "due_recalculated"
CHUNK = 500


@dataclass(frozen=True)
class MovedCase:
    """A case whose due time the calendar change moved: whom to tell and what."""

    case_id: int
    number: str
    subject: str
    first_owner: str
    handler: str
    anonymous: bool
    old_due: datetime
    new_due: datetime


@dataclass(frozen=True)
class CalendarChange:
    years: tuple[int, ...]
    days: int  # days stored or removed
    checked: int  # open cases whose window touches a changed year
    moved: tuple[MovedCase, ...]


def apply_days(actor_id: int | None, days: Mapping[date, tuple[bool, str] | None], *,
               official: bool = False, action: str = "calendar.changed") -> CalendarChange:
    """Store (workday, name) or remove (None) each day, mark the years as resting on the
    published schedule when `official`, and recompute open cases — one transaction."""
    if actor_id is not None:
        get_actor(actor_id, "manage_calendar")
    years = tuple(sorted({d.year for d in days}))
    with write_transaction():
        old = register.build_calendar()  # as stored now, whatever this process cached
        if len(days) == 1:
            [(day, value)] = days.items()
            audit.record(actor_id, action, day.isoformat(),
                         {"workday": value[0] if value else None, "name": value[1] if value else ""})
        else:
            audit.record(actor_id, action, "、".join(str(y) for y in years),
                         {"days": len(days), "official": official})
        for day, value in sorted(days.items()):
            if value is None:
                CalendarOverride.delete().where(CalendarOverride.day == day).execute()
                continue
            workday, name = value
            CalendarOverride.insert(day=day, workday=workday, name=name).on_conflict(
                conflict_target=[CalendarOverride.day],
                update={CalendarOverride.workday: workday, CalendarOverride.name: name},
            ).execute()
        if official:
            _mark_official(years, "imported")
        # A day edit can only move cases whose window holds it; a published year may change
        # any day of it (the fixed-date assumptions give way to the schedule).
        span = None if official else (min(days), max(days))
        checked, moved = recompute(actor_id, old, register.build_calendar(), set(years), span)
    register.invalidate()
    return CalendarChange(years, len(days), checked, moved)


def confirm_year(actor_id: int, year: int, published: bool) -> CalendarChange:
    """An administrator states that the year's days as entered are (or are not) the published
    schedule; slips stop (or start) warning, and fixed-date assumptions give way to the days."""
    get_actor(actor_id, "manage_calendar")
    with write_transaction():
        old = register.build_calendar()
        audit.record(actor_id, "calendar.confirmed" if published else "calendar.unconfirmed",
                     str(year))
        if published:
            _mark_official((year,), "confirmed")
        else:
            CalendarYear.delete().where(CalendarYear.year == year).execute()
        checked, moved = recompute(actor_id, old, register.build_calendar(), {year})
    register.invalidate()
    return CalendarChange((year,), 0, checked, moved)


def _mark_official(years: tuple[int, ...], source: str) -> None:
    at = register.now()
    for year in years:
        CalendarYear.insert(year=year, source=source, recorded_at=at).on_conflict(
            conflict_target=[CalendarYear.year],
            update={CalendarYear.source: source, CalendarYear.recorded_at: at}).execute()


# ---- recomputing open cases -----------------------------------------------------------------

def _candidates(years: set[int], span: tuple[date, date] | None = None) -> list[Case]:
    """Clock cases whose window [registration, due] touches one of `years` (or the days
    `span`); a paused case's window runs on until it resumes."""
    first_day, last_day = span or (date(min(years), 1, 1), date(max(years), 12, 31))
    first = datetime.combine(first_day, time.min)
    after = datetime.combine(last_day, time.min) + timedelta(days=1)
    return list(Case.select(Case.id, Case.number, Case.kind, Case.subject, Case.anonymous,
                            Case.status, Case.registered_at, Case.due_at, Case.paused_at,
                            Case.paused_remaining, Case.service_item, Case.item_version,
                            Case.first_owner, Case.handler, Case.version)
                .where(Case.status.in_(CLOCK_STATUSES) & (Case.registered_at < after)
                       & ((Case.due_at >= first) | Case.paused_at.is_null(False)))
                .order_by(Case.id))


def _events(case_ids: list[int]) -> dict[int, list[Event]]:
    found: dict[int, list[Event]] = defaultdict(list)
    for start in range(0, len(case_ids), CHUNK):
        rows = (CaseEvent.select(CaseEvent.case, CaseEvent.type, CaseEvent.at, CaseEvent.data)
                .where(CaseEvent.case.in_(case_ids[start:start + CHUNK]))
                .order_by(CaseEvent.case, CaseEvent.at, CaseEvent.id).tuples())
        for case_id, kind, at, data in rows:
            found[case_id].append((kind, at, event_data(data)))
    return found


def _limit(case: Case, events: list[Event], old: WorkCalendar) -> Limit | None:
    if events and events[0][0] == "registered":
        recorded = recorded_limit(events[0][2])
        if recorded is not None:
            return recorded
    if case.kind == "hazard":
        return Limit(0, HOURS)
    if case.service_item_id is not None:
        item = item_at_version(case.service_item_id, case.item_version or 0)
        limit = item_limit(item.instant, item.promised_days, item.legal_days, item.legal_unit)
        if limit is not None:
            return limit
    first = registration_due(events[1:], old, case.due_at)
    if first is None:
        return None
    return Limit(working_days_counted(old, case.registered_at, first), "working")


def recompute(actor_id: int | None, old: WorkCalendar, new: WorkCalendar, years: set[int],
              span: tuple[date, date] | None = None) -> tuple[int, tuple[MovedCase, ...]]:
    """Move the due time of each clock case the change affects (run inside the change's
    transaction); a case moves only when its replay differs between the two calendars."""
    if not years:
        return 0, ()
    cases = _candidates(years, span)
    history = _events([c.id for c in cases])
    names = dict(Staff.select(Staff.id, Staff.name).tuples())
    at = register.now()
    moved: list[MovedCase] = []
    for case in cases:
        events = history.get(case.id, [])
        limit = _limit(case, events, old)
        if limit is None:
            log.warning("case %s: its time limit cannot be told from the history; not moved",
                        case.number)
            continue
        first = registration_due(events[1:], old, case.due_at)
        before = replay_due(old, old, case.registered_at, limit, first, events[1:])
        after = replay_due(new, old, case.registered_at, limit, first, events[1:])
        if after.due_at is None or after.due_at in (before.due_at, case.due_at):
            continue
        changes = {Case.due_at: after.due_at, Case.version: case.version + 1, Case.updated_at: at}
        if case.status == AWAITING:
            changes[Case.paused_remaining] = after.paused_remaining
        if Case.update(changes).where((Case.id == case.id)
                                      & (Case.version == case.version)).execute() != 1:
            log.warning("case %s changed meanwhile; its due time was not recomputed", case.number)
            continue
        CaseEvent.create(case=case.id, type=EVENT, actor=actor_id, status_after=case.status,
                         note=f"工作日历调整：到期时间由 {case.due_at:%Y-%m-%d %H:%M} 改为 "
                              f"{after.due_at:%Y-%m-%d %H:%M}，请告知办事人",
                         data=_json({"old_due": case.due_at, "new_due": after.due_at,
                                     "years": sorted(years)}), at=at)
        moved.append(MovedCase(case.id, case.number, case.subject,
                               names.get(case.first_owner_id, ""), names.get(case.handler_id, ""),
                               case.anonymous, case.due_at, after.due_at))
    if moved:
        audit.record(actor_id, "calendar.due_recalculated", "、".join(str(y) for y in sorted(years)),
                     {"checked": len(cases), "moved": len(moved),
                      "cases": [[m.number, f"{m.old_due:%Y-%m-%d %H:%M}",
                                 f"{m.new_due:%Y-%m-%d %H:%M}"] for m in moved]})
    log.info("calendar change %s: %d open cases checked, %d due times moved", sorted(years),
             len(cases), len(moved))
    return len(cases), tuple(moved)


def _json(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)
