"""The audit view: every case event, filtered by staff, date, type or case number, paged in
SQL. Read-only by design — history is append-only (database triggers) and nothing here writes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import peewee as pw

from core.cases.validation import check_choice
from core.errors import Term, ValidationError
from core.permissions import get_actor
from core.vocab import EVENT_TYPES
from models.rows import tuples
from models.tables import Case, CaseEvent, Department, Staff

MAX_PAGE = 1000
SYSTEM_ACTOR = "系统"


@dataclass(frozen=True)
class AuditFilter:
    """Every field narrows the list; the empty filter is every event, newest first."""

    staff_id: int | None = None  # who acted
    involving: bool = False  # also events handed to or from that person
    date_from: date | None = None  # inclusive
    date_to: date | None = None  # inclusive
    types: tuple[str, ...] = ()  # EVENT_TYPES keys
    case_number: str = ""  # exact, or a prefix such as "20261126"
    newest_first: bool = True


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    case_id: int
    case_number: str
    type: str
    label: str
    actor_id: int | None
    actor: str  # 系统 for automatic events
    from_name: str
    to_name: str
    status_after: str
    note: str
    data: dict[str, Any]  # the event's JSON extras, decoded (a copy; changing it changes nothing)


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    total: int | None  # None when not asked for (counting every event of a big register costs)
    offset: int
    limit: int
    has_more: bool  # another page follows (known without the total)


def _bounds(f: AuditFilter) -> tuple[datetime | None, datetime | None]:
    start = datetime.combine(f.date_from, time.min) if f.date_from else None
    end = datetime.combine(f.date_to + timedelta(days=1), time.min) if f.date_to else None
    if start and end and end <= start:
        raise ValidationError("bad_date", at="date_to", field=Term("日期", "Date"),
                              value=f"{f.date_from} 至 {f.date_to}")
    return start, end


def _where(f: AuditFilter) -> pw.ColumnBase:
    conds: list[pw.Expression] = []
    if f.staff_id is not None:
        who = CaseEvent.actor == f.staff_id
        if f.involving:
            who |= (CaseEvent.from_staff == f.staff_id) | (CaseEvent.to_staff == f.staff_id)
        conds.append(who)
    start, end = _bounds(f)
    if start:
        conds.append(CaseEvent.at >= start)
    if end:
        conds.append(CaseEvent.at < end)
    if f.types:
        for t in f.types:
            check_choice(t, "type", EVENT_TYPES)
        conds.append(CaseEvent.type.in_(f.types))
    number = f.case_number.strip()
    if number:
        # A subquery on the unique number index instead of a join over every event.
        ids = Case.select(Case.id).where(
            Case.number == number if "-" in number else Case.number.startswith(number))
        conds.append(CaseEvent.case.in_(ids))
    expr: pw.ColumnBase = pw.SQL("1 = 1")
    for c in conds:
        expr &= c
    return expr


def count_events(f: AuditFilter) -> int:
    return int(CaseEvent.select(pw.fn.COUNT(CaseEvent.id)).where(_where(f)).scalar() or 0)


def audit_events(f: AuditFilter | None = None, offset: int = 0, limit: int = 100, *,
                 actor_id: int | None, with_total: bool = True) -> AuditPage:
    """One page of events, newest first unless asked otherwise; `actor_id` (when given) must
    have the view_audit permission. A filtered count is fast (indexes on actor/type/case and
    time); counting every event of a million-case register is not, so a view that scrolls
    with "fetch more" passes with_total=False and follows `has_more`."""
    if actor_id is not None:
        get_actor(actor_id, "view_audit")
    f = f or AuditFilter()
    limit = max(1, min(int(limit), MAX_PAGE))
    offset = max(0, int(offset))
    order = ((CaseEvent.at.desc(), CaseEvent.id.desc()) if f.newest_first
             else (CaseEvent.at.asc(), CaseEvent.id.asc()))
    rows = list(tuples(CaseEvent.select(
        CaseEvent.id, CaseEvent.at, CaseEvent.case, CaseEvent.type, CaseEvent.actor,
        CaseEvent.from_staff, CaseEvent.to_staff, CaseEvent.from_department,
        CaseEvent.to_department, CaseEvent.status_after, CaseEvent.note, CaseEvent.data)
        .where(_where(f)).order_by(*order).offset(offset).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    total = count_events(f) if with_total else None
    return AuditPage(_to_rows(rows), total, offset, limit, more)


def _to_rows(rows: list[tuple[Any, ...]]) -> tuple[AuditRow, ...]:
    case_ids = {r[2] for r in rows}
    numbers = dict(tuples(Case.select(Case.id, Case.number).where(Case.id.in_(case_ids)))) \
        if case_ids else {}
    staff = dict(tuples(Staff.select(Staff.id, Staff.name)))
    deps = dict(tuples(Department.select(Department.id, Department.name)))
    out = []
    for (eid, at, case_id, kind, actor, from_staff, to_staff, from_dep, to_dep, status,
         note, data) in rows:
        from_name = staff.get(from_staff, "") if from_staff else deps.get(from_dep, "") if from_dep else ""
        to_name = " / ".join(x for x in (deps.get(to_dep, "") if to_dep else "",
                                         staff.get(to_staff, "") if to_staff else "") if x)
        try:
            extras = json.loads(data) if data else {}
        except ValueError:
            extras = {"raw": data}
        out.append(AuditRow(
            eid, at, case_id, numbers.get(case_id, ""), kind,
            EVENT_TYPES[kind].zh if kind in EVENT_TYPES else kind,
            actor, staff.get(actor, "") if actor else SYSTEM_ACTOR, from_name, to_name, status,
            note, extras if isinstance(extras, dict) else {"value": extras},
        ))
    return tuple(out)


def event_types() -> list[tuple[str, str]]:
    """(code, Chinese label) for the type filter's drop-down."""
    return [(k, t.zh) for k, t in EVENT_TYPES.items()]


__all__ = ["AuditFilter", "AuditPage", "AuditRow", "audit_events", "count_events", "event_types"]
