"""Timeliness: how long hand-overs waited for 签收 and cases took to 办结 in a period, and
the supervisor's two warning lists as of now — overdue cases and cases due soon."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

import peewee as pw

from core import register
from core.calendar.workcalendar import WorkCalendar
from core.vocab import RUNNING_STATUSES
from models.database import db, is_sqlite, timestamp_value
from models.rows import tuples
from models.tables import AcceptWait, Case, CaseEvent, Department, Staff

HANDOVER_TYPES = ("transferred", "assigned", "safety_escalated")
ANSWER_TYPES = ("accepted", "returned", "auto_escalated")


class PeriodLike(Protocol):
    """core.supervision.statistics.Period: registration times from `since` up to (not including) `until`."""

    @property
    def since(self) -> datetime: ...

    @property
    def until(self) -> datetime: ...


@dataclass(frozen=True)
class Duration:
    """Mean and 90th percentile (nearest rank: the smallest value with at least 90 % of the
    samples at or below it) of `count` samples; None when there are none."""

    count: int
    mean: float | None
    p90: float | None


def nearest_rank(values: Sequence[float], q: float = 0.9) -> float | None:
    """The q-quantile by nearest rank: sorted(values)[ceil(q * n) - 1]."""
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[max(1, math.ceil(q * len(ordered))) - 1])


def hours_between(later: pw.Field, earlier: pw.Field) -> pw.ColumnBase:
    """Calendar hours between two timestamp columns, in SQL, on SQLite and PostgreSQL."""
    if is_sqlite():
        seconds = pw.fn.strftime("%s", later) - pw.fn.strftime("%s", earlier)
        return seconds / 3600.0
    return pw.NodeList((pw.SQL("EXTRACT(EPOCH FROM"), later - earlier, pw.SQL(")"))) / 3600.0


def cohort(period: PeriodLike, department_id: int | None) -> pw.Expression:
    cond = (Case.registered_at >= period.since) & (Case.registered_at < period.until)
    if department_id is not None:
        cond &= Case.department == department_id
    return cond


class WorkingClock:
    """WorkCalendar.working_minutes_between for many pairs at once: office seconds are
    counted from an origin day, so a pair costs two look-ups instead of a walk over days.
    Same results as the calendar (tests compare them)."""

    def __init__(self, cal: WorkCalendar, origin: date | None = None) -> None:
        self.cal = cal
        self._intervals = [(_seconds_of(a), _seconds_of(b)) for a, b in cal.hours.intervals()]
        self._day = sum(b - a for a, b in self._intervals)
        self._origin = origin  # best: on or before every day asked about
        self._prefix: list[int] = [0]  # working days in [origin, origin + i)
        self._days: dict[date, tuple[float, bool]] = {}  # office seconds before the day, workday

    def _workdays_before(self, d: date) -> int:
        if self._origin is None or d < self._origin:
            self._origin, self._prefix, self._days = d - timedelta(days=31), [0], {}
        index = (d - self._origin).days
        while len(self._prefix) <= index:
            day = self._origin + timedelta(days=len(self._prefix) - 1)
            self._prefix.append(self._prefix[-1] + (1 if self.cal.is_workday(day) else 0))
        return self._prefix[index]

    def _office_seconds(self, t: datetime) -> float:
        d = t.date()
        day = self._days.get(d)
        if day is None:
            day = self._days[d] = (float(self._workdays_before(d) * self._day),
                                   self.cal.is_workday(d))
        total, working = day
        if working:
            now = t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6
            for a, b in self._intervals:
                if now <= a:
                    break
                total += (b if now > b else now) - a
        return total

    def minutes(self, a: datetime, b: datetime) -> int:
        """Office minutes in [a, b), like WorkCalendar.working_minutes_between."""
        if b <= a:
            return 0
        start = self._office_seconds(a)  # first: it may move the origin back
        return int((self._office_seconds(b) - start) // 60)


def _seconds_of(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def accept_samples(period: PeriodLike, department_id: int | None = None) -> list[tuple[int | None, int]]:
    """(receiving department, working minutes) for each hand-over of the period's cases that
    was accepted; a hand-over answered by a return or an automatic escalation is no sample.

    The minutes were recorded when each hand-over was accepted (record_accept_wait); the
    period's samples are one range read on the case's registration time.
    """
    w = AcceptWait
    query = w.select(w.department, w.minutes).where(
        (w.registered_at >= period.since) & (w.registered_at < period.until))
    if department_id is not None:  # the case's department now, like every other figure
        query = query.join(Case, on=(w.case == Case.id)).where(Case.department == department_id)
    return [(dep, int(minutes)) for dep, minutes in db.execute(query).fetchall()]


def record_accept_wait(case: Case, accepted_at: datetime) -> None:
    """签收 just happened: store how long the hand-over waited, in working minutes."""
    handed = (CaseEvent.select(CaseEvent.at)
              .where((CaseEvent.case == case.id) & CaseEvent.type.in_(HANDOVER_TYPES)
                     & (CaseEvent.status_after == "transferred"))
              .order_by(CaseEvent.at.desc(), CaseEvent.id.desc()).first())
    if handed is None:
        return
    AcceptWait.create(case=case.id, department=case.pending_department_id,
                      registered_at=case.registered_at, handed_at=handed.at,
                      accepted_at=accepted_at,
                      minutes=register.calendar().working_minutes_between(handed.at, accepted_at))


def backfill_accept_waits(first_case: int = 0, last_case: int | None = None,
                          batch: int = 50_000) -> int:
    """Derive the waits for 签收 of cases first_case…last_case from their history (a register
    upgraded from before they were recorded; the demo generator's bulk rows). Returns the
    number of samples written."""
    clock = WorkingClock(register.calendar())
    written = 0
    p = db.param
    top = last_case if last_case is not None else (Case.select(pw.fn.MAX(Case.id)).scalar() or 0)
    types = ", ".join(f"'{t}'" for t in HANDOVER_TYPES + ANSWER_TYPES)
    for low in range(first_case, top + 1, batch):
        rows = db.execute_sql(
            f"SELECT e.case_id, e.at, e.id, e.type, e.status_after, e.to_department_id, "
            f'c.registered_at FROM case_event e JOIN "case" c ON c.id = e.case_id '
            f"WHERE e.case_id >= {p} AND e.case_id < {p} AND e.case_id <= {p} "
            f"AND e.type IN ({types})", (low, low + batch, top)).fetchall()
        rows.sort(key=lambda r: (r[0], str(r[1]), r[2]))
        pending: dict[int, tuple[Any, int | None]] = {}
        out = []
        for case_id, at, _, kind, status_after, to_dep, registered in rows:
            if kind in HANDOVER_TYPES and status_after == "transferred":
                pending[case_id] = (at, to_dep)
                continue
            start = pending.pop(case_id, None)
            if start is not None and kind == "accepted":
                handed, accepted = timestamp_value(start[0]), timestamp_value(at)
                out.append({"case": case_id, "department": start[1],
                            "registered_at": timestamp_value(registered), "handed_at": handed,
                            "accepted_at": accepted, "minutes": clock.minutes(handed, accepted)})
        for i in range(0, len(out), 1000):
            AcceptWait.insert_many(out[i:i + 1000]).execute()
        written += len(out)
    return written


def duration(values: Sequence[float]) -> Duration:
    if not values:
        return Duration(0, None, None)
    return Duration(len(values), sum(values) / len(values), nearest_rank(values))


def resolve_hours(where: pw.Expression, count: int, total_hours: float) -> Duration:
    if not count:
        return Duration(0, None, None)
    hours = hours_between(Case.resolved_at, Case.registered_at)
    rank = max(1, math.ceil(0.9 * count))
    p90 = (Case.select(hours).where(where & Case.resolved_at.is_null(False))
           .order_by(hours).offset(rank - 1).limit(1).scalar())
    return Duration(count, total_hours / count, float(p90) if p90 is not None else None)



@dataclass(frozen=True)
class DueCase:
    id: int
    number: str
    registered_at: datetime
    kind: str
    status: str
    subject: str
    department: str
    responsible: str  # the handler, else who is asked to accept, else the first owner
    first_owner: str
    due_at: datetime
    minutes: int  # working minutes past due (overdue list) or left (due-soon list)


@dataclass(frozen=True)
class DueList:
    total: int  # all matching cases; `rows` holds the first `limit` by due time
    rows: tuple[DueCase, ...]


_COLUMNS = (Case.id, Case.number, Case.registered_at, Case.kind, Case.status, Case.subject,
            Case.department, Case.handler, Case.pending_staff, Case.pending_department,
            Case.first_owner, Case.due_at)


def _running(department_id: int | None) -> pw.Expression:
    """Cases whose clock runs (补正 pauses it; 办结 stops it): the composite indexes'
    leading `status IN (...)` shape (docs/architecture.md, "Lists of a million cases")."""
    cond = Case.status.in_(RUNNING_STATUSES)
    if department_id is not None:
        cond &= Case.department == department_id
    return cond


def _rows(where: pw.Expression, limit: int, now: datetime, overdue: bool) -> tuple[DueCase, ...]:
    if limit <= 0:
        return ()
    clock = WorkingClock(register.calendar())
    deps = {d.id: d.name for d in Department.select(Department.id, Department.name)}
    staff = {s.id: s.name for s in Staff.select(Staff.id, Staff.name)}
    out = []
    for (cid, number, reg, kind, status, subject, dep, handler, pstaff, pdep, owner,
         due) in tuples(Case.select(*_COLUMNS).where(where).order_by(Case.due_at, Case.id).limit(limit)):
        responsible = (staff.get(handler) if handler else None) or (
            staff.get(pstaff) if pstaff else None) or (deps.get(pdep) if pdep else None) or staff.get(owner, "")
        minutes = clock.minutes(due, now) if overdue else clock.minutes(now, due)
        out.append(DueCase(cid, number, reg, kind, status, subject, deps.get(dep, "") if dep else "",
                           responsible, staff.get(owner, ""), due, minutes))
    return tuple(out)


def overdue_list(department_id: int | None = None, limit: int = 50, *,
                 now: datetime | None = None) -> DueList:
    """Running cases past their due time, most overdue first."""
    now = now or register.now()
    where = _running(department_id) & (Case.due_at < now)
    total = Case.select(pw.fn.COUNT(Case.id)).where(where).scalar() or 0
    return DueList(int(total), _rows(where, limit, now, overdue=True))


def due_soon_list(department_id: int | None = None, limit: int = 50, *,
                  now: datetime | None = None) -> DueList:
    """Running cases due today or within the warning window (settings.warn_hours working
    hours): the cases core.cases.due calls due_today or due_soon."""
    from core.cases.due import warning_until

    now = now or register.now()
    warn = int(register.org_settings().warn_hours * 60)
    until = warning_until(now, register.calendar(), warn)
    where = _running(department_id) & (Case.due_at > now) & (Case.due_at <= until)
    total = Case.select(pw.fn.COUNT(Case.id)).where(where).scalar() or 0
    return DueList(int(total), _rows(where, limit, now, overdue=False))
