"""Time limits and due times: the limit a case runs on, and its due time replayed from the
history on a given calendar (what a calendar change must redo for open cases).

The workflow computes a due time step by step as the case moves: from the registration by
its limit, paused with the office minutes left (补正), resumed with those minutes, replaced
by an approved extension (a date told to the visitor, kept as told), restarted when a hazard
is verified. `replay_due` takes the same steps on another calendar, so a case replayed on the
calendar it was computed on gets the due time it has (docs/time-limits.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.admin.guide_values import CALENDAR, WORKING, time_limit
from core.calendar.workcalendar import WorkCalendar

HOURS = "hours"
"""A hazard's first limit: clock hours to verify it, which no calendar changes."""

Event = tuple[str, datetime, dict[str, Any]]
"""(type, at, data) of one history row."""


@dataclass(frozen=True)
class Limit:
    days: int
    unit: str  # working | calendar | hours

    def as_data(self) -> dict[str, Any]:
        """Recorded with the registration, so a later replay needs no guessing."""
        return {"limit_days": self.days, "limit_unit": self.unit}


def item_limit(instant: bool | None, promised: int, legal: int, unit: str) -> Limit | None:
    days, unit = time_limit(instant, promised, legal, unit)
    return Limit(days, unit) if unit else None


def limit_for(kind: str, item: Any | None, kind_days: int) -> Limit:
    """The limit a new case runs on: a hazard's verification hours, the item's limit, or the
    organisation's days for the kind (`kind_days`) when there is no item or it has none.
    `item` is a models.tables.ServiceItem row."""
    if kind == "hazard":
        return Limit(0, HOURS)
    if item is not None:
        limit = item_limit(item.instant, item.promised_days, item.legal_days, item.legal_unit)
        if limit is not None:
            return limit
    return Limit(kind_days, WORKING)


def recorded_limit(data: dict[str, Any]) -> Limit | None:
    if data.get("limit_unit") and isinstance(data.get("limit_days"), int):
        return Limit(int(data["limit_days"]), str(data["limit_unit"]))
    return None


def due_on(cal: WorkCalendar, start: datetime, limit: Limit) -> datetime:
    if limit.unit == CALENDAR:
        return cal.add_calendar_days(start, limit.days)
    return cal.add_working_days(start, limit.days)


def working_days_counted(cal: WorkCalendar, start: datetime, due: datetime) -> int:
    """The n for which `cal.add_working_days(start, n)` falls on `due`'s day: recovers a
    limit nobody recorded from the due time it gave on the calendar of the time."""
    day = start.date()
    if not (cal.is_workday(day) and start.time() < cal.hours.end):
        day = cal.next_workday(day)
    n = 0
    while day < due.date():
        day = cal.next_workday(day)
        n += 1
    return n


def _at(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def registration_due(events: list[Event], old: WorkCalendar, current: datetime | None) -> datetime | None:
    """The due time the registration gave, from the history: before the first pause (its
    office minutes left, on the calendar they were counted on), extension or verification."""
    for kind, at, data in events:
        if kind == "awaiting_materials":
            minutes = data.get("remaining_minutes")
            return old.add_working_minutes(at, int(minutes)) if isinstance(minutes, int) else None
        if kind == "extension_approved":
            return _at(data.get("old_due"))
        if kind == "hazard_verified":
            return _at(data.get("verify_by"))
    return current


@dataclass(frozen=True)
class Replayed:
    due_at: datetime | None
    paused_remaining: int | None  # office minutes left while awaiting materials


def replay_due(cal: WorkCalendar, old: WorkCalendar, registered_at: datetime, limit: Limit,
               first_due: datetime | None, events: list[Event]) -> Replayed:
    """The due time on `cal` after `events`. `first_due` is the registration's due time, used
    as it is for an hours limit; `old` is the calendar the stored times were computed on."""
    due = first_due if limit.unit == HOURS else due_on(cal, registered_at, limit)
    paused_at: datetime | None = None
    remaining: int | None = None
    for kind, at, data in events:
        if kind == "awaiting_materials":
            paused_at = at
            remaining = cal.working_minutes_between(at, due) if due else None
        elif kind == "materials_supplied":
            if remaining is not None:
                due = cal.add_working_minutes(at, remaining)
            paused_at, remaining = None, None
        elif kind == "extension_approved":
            due = _at(data.get("new_due")) or due
            if paused_at is not None and due is not None:
                remaining = cal.working_minutes_between(paused_at, due)
        elif kind == "hazard_verified":
            verified = _at(data.get("new_due"))
            if verified is not None:
                due = cal.add_working_days(at, working_days_counted(old, at, verified))
    return Replayed(due, remaining if paused_at is not None else None)


def event_data(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
