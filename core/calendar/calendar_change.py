"""Changing the working-day calendar and carrying the change to open cases: a year's schedule
imported or a day edited recomputes, in the same transaction, the due time of every case whose
clock runs (or is paused) in a changed year, records each move in the case's history, audits
the batch once, and returns the moved cases so the clerks can tell the visitors."""

from __future__ import annotations

import json
import logging
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from core import audit, register
from core.admin.catalogue import item_at_version
from core.calendar.deadlines import (
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
from core.calendar.workcalendar import WorkCalendar
from core.permissions import get_actor
from core.vocab import AWAITING, UNFINISHED_STATUSES
from models.database import db, timestamp_param, write_transaction
from models.rows import tuples
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
    old_due: datetime | None  # a paused case may have had none
    new_due: datetime


@dataclass(frozen=True)
class CalendarChange:
    years: tuple[int, ...]
    days: int  # days stored or removed
    checked: int  # open cases replayed: their window holds a day that changed
    moved: tuple[MovedCase, ...]
    unresolved: tuple[str, ...] = ()  # case numbers whose limit the history does not tell


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
        checked, moved, unresolved = recompute(actor_id, old, register.build_calendar(),
                                               set(years))
    register.invalidate()
    return CalendarChange(years, len(days), checked, moved, unresolved)


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
        checked, moved, unresolved = recompute(actor_id, old, register.build_calendar(), {year})
    register.invalidate()
    return CalendarChange((year,), 0, checked, moved, unresolved)


def _mark_official(years: tuple[int, ...], source: str) -> None:
    at = register.now()
    for year in years:
        CalendarYear.insert(year=year, source=source, recorded_at=at).on_conflict(
            conflict_target=[CalendarYear.year],
            update={CalendarYear.source: source, CalendarYear.recorded_at: at}).execute()


# ---- recomputing open cases -----------------------------------------------------------------

def changed_days(old: WorkCalendar, new: WorkCalendar, years: set[int]) -> list[date]:
    """The days of `years` that are working days on one calendar and not on the other (a
    published year may change any of its days: fixed-date assumptions give way)."""
    found = []
    for year in sorted(years):
        day = date(year, 1, 1)
        while day.year == year:
            if old.is_workday(day) != new.is_workday(day):
                found.append(day)
            day += timedelta(days=1)
    return found


def _candidates(first_day: date, last_day: date) -> list[Case]:
    """Clock cases whose window [registration, due] may hold a day from `first_day` to
    `last_day`; a paused case's window runs on until it resumes."""
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
        rows = (tuples(CaseEvent.select(CaseEvent.case, CaseEvent.type, CaseEvent.at, CaseEvent.data)
                .where(CaseEvent.case.in_(case_ids[start:start + CHUNK]))
                .order_by(CaseEvent.case, CaseEvent.at, CaseEvent.id)))
        for case_id, kind, at, data in rows:
            found[case_id].append((kind, at, event_data(data)))
    return found


def _limit(case: Case, events: list[Event], old: WorkCalendar,
           items: dict[tuple[int, int], Limit | None] | None = None) -> Limit | None:
    """The limit recorded at registration; for older cases the item's at its version, a
    hazard's hours, or the days recovered from the first due time on the old calendar."""
    if events and events[0][0] == "registered":
        recorded = recorded_limit(events[0][2])
        if recorded is not None:
            return recorded
    if case.kind == "hazard":
        return Limit(0, HOURS)
    if case.service_item_id is not None:
        key = (case.service_item_id, case.item_version or 0)
        if items is None or key not in items:
            item = item_at_version(*key)
            found = item_limit(item.instant, item.promised_days, item.legal_days, item.legal_unit)
            if items is None:
                return found or _recovered(case, events, old)
            items[key] = found
        limit = items[key]
        if limit is not None:
            return limit
    return _recovered(case, events, old)


def _recovered(case: Case, events: list[Event], old: WorkCalendar) -> Limit | None:
    first = registration_due(events[1:], old, case.due_at)
    if first is None:
        return None
    return Limit(working_days_counted(old, case.registered_at, first), "working")


def _holds_a_changed_day(case: Case, changed: list[date]) -> bool:
    start = case.registered_at.date()
    i = bisect_left(changed, start)
    if i == len(changed):
        return False
    if case.status == AWAITING or case.due_at is None:
        return True  # paused: the rest of its time is counted after it resumes
    return changed[i] <= case.due_at.date()


def recompute(actor_id: int | None, old: WorkCalendar, new: WorkCalendar,
              years: set[int]) -> tuple[int, tuple[MovedCase, ...], tuple[str, ...]]:
    """Move the due time of each clock case the change affects (run inside the change's
    transaction): only cases whose window holds a day that changed are replayed, and a case
    moves only when its replay differs between the two calendars. Returns (replayed, moved,
    numbers of cases left as they were because their limit cannot be told)."""
    changed = changed_days(old, new, years) if years else []
    if not changed:
        return 0, (), ()
    cases = [c for c in _candidates(changed[0], changed[-1]) if _holds_a_changed_day(c, changed)]
    history = _events([c.id for c in cases])
    names = dict(tuples(Staff.select(Staff.id, Staff.name)))
    at = register.now()
    items: dict[tuple[int, int], Limit | None] = {}
    moved: list[MovedCase] = []
    unknown: list[str] = []
    p, stamp = db.param, timestamp_param(at)
    update = (f'UPDATE "case" SET due_at = {p}, paused_remaining = {p}, version = version + 1, '
              f"updated_at = {p} WHERE id = {p} AND version = {p}")
    rows: list[dict[str, object]] = []
    for case in cases:
        events = history.get(case.id, [])
        limit = _limit(case, events, old, items)
        if limit is None:
            unknown.append(case.number)
            continue
        first = registration_due(events[1:], old, case.due_at)
        before = replay_due(old, old, case.registered_at, limit, first, events[1:])
        after = replay_due(new, old, case.registered_at, limit, first, events[1:])
        if after.due_at is None or after.due_at in (before.due_at, case.due_at):
            continue
        remaining = after.paused_remaining if case.status == AWAITING else case.paused_remaining
        # Raw SQL: thousands of cases may move, and the ORM cost ~1 ms a statement.
        done = db.execute_sql(update, (timestamp_param(after.due_at), remaining, stamp, case.id,
                                       case.version))
        if done.rowcount != 1:
            log.warning("case %s changed meanwhile; its due time was not recomputed", case.number)
            continue
        rows.append({"case": case.id, "type": EVENT, "actor": actor_id,
                     "status_after": case.status, "at": at,
                     "note": f"工作日历调整：到期时间由 {case.due_at:%Y-%m-%d %H:%M} 改为 "
                             f"{after.due_at:%Y-%m-%d %H:%M}，请告知办事人",
                     "data": _json({"old_due": case.due_at, "new_due": after.due_at,
                                    "years": sorted(years)})})
        moved.append(MovedCase(case.id, case.number, case.subject,
                               names.get(case.first_owner_id, ""), names.get(case.handler_id, ""),
                               case.anonymous, case.due_at, after.due_at))
    for start in range(0, len(rows), CHUNK):
        CaseEvent.insert_many(rows[start:start + CHUNK]).execute()
    if moved:
        audit.record(actor_id, "calendar.due_recalculated", "、".join(str(y) for y in sorted(years)),
                     {"checked": len(cases), "moved": len(moved),
                      "cases": [[m.number, f"{m.old_due:%Y-%m-%d %H:%M}",
                                 f"{m.new_due:%Y-%m-%d %H:%M}"] for m in moved]})
    if unknown:
        log.warning("%d case(s) kept their due time: the limit cannot be told from the history "
                    "(e.g. %s)", len(unknown), "、".join(unknown[:5]))
    log.info("calendar change %s: %d days changed, %d open cases replayed, %d due times moved",
             sorted(years), len(changed), len(cases), len(moved))
    return len(cases), tuple(moved), tuple(unknown)


def _json(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)
