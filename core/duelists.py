"""The supervisor's two warning lists, as of now: overdue cases and cases due soon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from core import register
from core.vocab import RUNNING_STATUSES
from models.tables import Case, Department, Staff


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
    leading `status IN (...)` shape (FACTS.md)."""
    cond = Case.status.in_(RUNNING_STATUSES)
    if department_id is not None:
        cond &= Case.department == department_id
    return cond


def _rows(where: pw.Expression, limit: int, now: datetime, overdue: bool) -> tuple[DueCase, ...]:
    if limit <= 0:
        return ()
    cal = register.calendar()
    deps = {d.id: d.name for d in Department.select(Department.id, Department.name)}
    staff = {s.id: s.name for s in Staff.select(Staff.id, Staff.name)}
    out = []
    for (cid, number, reg, kind, status, subject, dep, handler, pstaff, pdep, owner,
         due) in Case.select(*_COLUMNS).where(where).order_by(Case.due_at, Case.id).limit(limit).tuples():
        responsible = (staff.get(handler) if handler else None) or (
            staff.get(pstaff) if pstaff else None) or (deps.get(pdep) if pdep else None) or staff.get(owner, "")
        minutes = (cal.working_minutes_between(due, now) if overdue
                   else cal.working_minutes_between(now, due))
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
    """Running cases due within the warning window (settings.warn_hours working hours)."""
    now = now or register.now()
    warn = int(register.org_settings().warn_hours * 60)
    until = register.calendar().add_working_minutes(now, warn)
    where = _running(department_id) & (Case.due_at >= now) & (Case.due_at <= until)
    total = Case.select(pw.fn.COUNT(Case.id)).where(where).scalar() or 0
    return DueList(int(total), _rows(where, limit, now, overdue=False))
