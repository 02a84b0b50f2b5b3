"""Shared machinery of every case transition: actor checks, conditional update, history row."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import peewee as pw

from core import audit, register
from core.dto import CaseRef
from core.errors import ConflictError, DomainError, Term
from core.permissions import action_label, valid_id
from core.vocab import ROLES, STATUSES
from models.tables import Case, CaseEvent, Department, ServiceItem, Staff


def get_staff(staff_id: int) -> Staff:
    staff = Staff.get_or_none(Staff.id == staff_id) if valid_id(staff_id) else None
    if staff is None:
        raise DomainError("staff_not_found", ref=staff_id)
    if not staff.active:
        raise DomainError("inactive_staff", name=staff.name)
    return staff


def get_department(department_id: int) -> Department:
    dep = Department.get_or_none(Department.id == department_id) if valid_id(department_id) else None
    if dep is None or not dep.active:
        raise DomainError("department_not_found", ref=department_id)
    return dep


def get_case(case_id: int, expected_version: int | None = None) -> Case:
    """The case row; a stale `expected_version` (someone else acted first) is a conflict."""
    case = Case.get_or_none(Case.id == case_id) if valid_id(case_id) else None
    if case is None:
        raise DomainError("not_found", ref=case_id)
    if expected_version is not None and case.version != expected_version:
        raise ConflictError()
    return case


def require_status(case: Case, action: str, *statuses: str) -> None:
    if case.status not in statuses:
        raise DomainError("bad_state", status=STATUSES[case.status], action=action_label(action))


def refuse_relation(who: Term, action: str) -> DomainError:
    return DomainError("not_your_case", who=who, action=action_label(action))


def role_term(role: str) -> Term:
    return ROLES.get(role, Term(role, role))


def apply(case: Case, actor: Staff | None, expected_version: int | None,
          changes: dict[Any, Any], event_type: str, *, note: str = "",
          data: dict[str, Any] | None = None, extra_where: pw.Expression | None = None,
          **event: Any) -> CaseRef:
    """Change the case only if nobody changed it since `expected_version`, and log the event.

    One conditional UPDATE (docs/architecture.md, "Two people, one case"): on SQLite and PostgreSQL alike the loser of a race
    updates no row and gets a clear conflict error instead of overwriting the winner.
    """
    at = register.now()
    version = expected_version if expected_version is not None else case.version
    changes = {**changes, Case.version: version + 1, Case.updated_at: at}
    where = (Case.id == case.id) & (Case.version == version)
    if extra_where is not None:
        where &= extra_where
    if Case.update(changes).where(where).execute() != 1:
        raise ConflictError()
    status = changes.get(Case.status, case.status)
    CaseEvent.create(
        case=case.id, type=event_type, actor=actor.id if actor else None, status_after=status,
        note=note, data=json.dumps(data, ensure_ascii=False, default=str) if data else "",
        at=at, **event,
    )
    audit.record(actor.id if actor else None, f"case.{event_type}", case.number,
                 {"status": status, "note": note[:200]} if note else {"status": status})
    due = changes.get(Case.due_at, case.due_at)
    return CaseRef(case.id, case.number, status, version + 1, due)


def add_event(case: Case, actor: Staff | None, event_type: str, *, note: str = "",
              data: dict[str, Any] | None = None, expected_version: int | None = None,
              **event: Any) -> CaseRef:
    """An event that does not change the case's fields (still bumps the version)."""
    return apply(case, actor, expected_version, {}, event_type, note=note, data=data, **event)


def due_for(kind: str, item: ServiceItem | None, start: datetime) -> datetime:
    """Due time from the item's limit (promised working days, or its statutory limit in
    working or calendar days), or the kind's default limit (core.calendar.deadlines)."""
    from core.calendar.deadlines import due_on, limit_for

    settings = register.org_settings()
    if kind == "hazard":
        return start + timedelta(hours=settings.hazard_verify_hours)
    return due_on(register.calendar(), start, limit_for(kind, item, settings.days_for_kind(kind)))
