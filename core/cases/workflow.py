"""Case transitions after registration (docs/rules.md, rules 2, 3, 4, 6, 8): each checks state,
role and relation, then changes the case and appends its event in one transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from core import register
from core.cases.casebase import apply, get_case, get_department, get_staff, refuse_relation
from core.cases.guard import guard
from core.cases.relations import heads
from core.cases.validation import check_choice, clean_text
from core.dto import CaseRef
from core.errors import DomainError, Term
from core.supervision.timeliness import record_accept_wait
from core.vocab import (
    AWAITING,
    CLOSED,
    ESCALATED,
    IN_PROGRESS,
    LEADER,
    NOTIFY_METHODS,
    REFERRED,
    TRANSFERRED,
)
from models.database import write_transaction
from models.tables import Case, ReceivedMaterial, Referral, Staff

FIRST_OWNER = Term("首问责任人", "the first owner")
HANDLER_OR_OWNER = Term("承办人或首问责任人", "the handler or the first owner")
HANDLER = Term("承办人", "the handler")
RECEIVER = Term("接收人或接收部门", "the receiving person or department")
SUPERVISOR = Term("部门负责人或领导", "a department head or leader")


def ref_of(case: Case) -> CaseRef:
    return CaseRef(case.id, case.number, case.status, case.version, case.due_at)


# ---- building blocks (also used by intake inside its transaction) ---------------------

def take_on(case: Case, actor: Staff, note: str) -> CaseRef:
    return apply(case, actor, None, {
        Case.status: IN_PROGRESS, Case.handler: actor.id,
        Case.department: case.department_id or actor.department_id,
        Case.pending_staff: None, Case.pending_department: None,
    }, "taken", note=note, to_staff=actor.id)


def hand_over(case: Case, actor: Staff, department_id: int | None, staff_id: int | None,
              event: str, note: str, *, expected_version: int | None = None,
              count: bool = True) -> CaseRef:
    """Transfer or assign: the receiver must accept (签收) or return it (rule 3)."""
    if staff_id is not None and staff_id == case.handler_id and case.status == IN_PROGRESS:
        raise DomainError("same_target")
    staff = get_staff(staff_id) if staff_id is not None else None
    dep_id = department_id if department_id is not None else (staff.department_id if staff else None)
    if dep_id is not None:
        get_department(dep_id)
    new_count = case.handover_count + (1 if count else 0)
    sender = case.handler_id or case.first_owner_id
    # 转出部门: the department of the person handing it over (at intake the case's department
    # is already the item's, i.e. the receiver's), else the case's.
    sender_dep = Staff.select(Staff.department).where(Staff.id == sender).scalar()
    ref = apply(case, actor, expected_version, {
        Case.status: TRANSFERRED, Case.pending_department: dep_id,
        Case.pending_staff: staff.id if staff else None, Case.handover_count: new_count,
    }, event, note=note, from_staff=sender,
        from_department=sender_dep or case.department_id, to_staff=staff.id if staff else None,
        to_department=dep_id)
    return _maybe_auto_escalate(ref, new_count) if count else ref


def _maybe_auto_escalate(ref: CaseRef, count: int) -> CaseRef:
    limit = register.org_settings().max_handovers
    if count <= limit:
        return ref
    case = get_case(ref.id)
    return apply(case, None, ref.version, {
        Case.status: ESCALATED, Case.pending_staff: None, Case.pending_department: None,
    }, "auto_escalated", note=f"转办或退回已 {count} 次（上限 {limit} 次），自动报请领导协调",
        data={"handovers": count, "limit": limit})


def escalate_case(case_id: int, actor: Staff, note: str,
                  expected_version: int | None = None) -> CaseRef:
    case = get_case(case_id, expected_version)
    return apply(case, actor, expected_version, {
        Case.status: ESCALATED, Case.pending_staff: None, Case.pending_department: None,
    }, "escalated", note=note, from_staff=actor.id)


def apply_answered(case: Case, actor: Staff, result: str) -> CaseRef:
    at = register.now()
    return apply(case, actor, None, {
        Case.status: CLOSED, Case.handler: actor.id, Case.result: result,
        Case.resolved_at: at, Case.notified_at: None if case.anonymous else at, Case.closed_at: at,
    }, "answered", note=result)


def apply_referred(case: Case, actor: Staff, place: str, contact: str, note: str) -> CaseRef:
    return apply(case, actor, None, {Case.status: REFERRED, Case.closed_at: register.now()},
                 "referred", note=note, data={"place": place, "contact": contact})


# ---- public transitions: each runs through the one guard (core.cases.guard), which reads
# the lifecycle table; what is left here is each step's effect. --------------------------

def take(actor_id: int, case_id: int, note: str = "", expected_version: int | None = None) -> CaseRef:
    """The first owner handles the matter personally (own scope)."""
    note = clean_text(note, "note", multiline=True)
    with write_transaction():
        step = guard("take", actor_id, case_id, expected_version)
        actor, case = step.actor, step.case
        return step.commit({
            Case.handler: actor.id, Case.department: actor.department_id or case.department_id,
        }, note=note, to_staff=actor.id)


def transfer(actor_id: int, case_id: int, department_id: int | None, staff_id: int | None = None,
             note: str = "", expected_version: int | None = None, *, action: str = "transfer") -> CaseRef:
    """Hand the case to another department or person; they must accept or return it."""
    note = clean_text(note, "note", multiline=True)
    if department_id is None and staff_id is None:
        raise DomainError("required", at="department", field=Term("承办部门", "Department"))
    with write_transaction():
        step = guard(action, actor_id, case_id, expected_version)
        event = "assigned" if action == "assign" else "transferred"
        return hand_over(step.case, step.actor, department_id, staff_id, event, note,
                         expected_version=expected_version)


def assign(actor_id: int, case_id: int, staff_id: int, note: str = "",
           expected_version: int | None = None) -> CaseRef:
    """Same department, other staff member (still needs their acceptance)."""
    staff = get_staff(staff_id)
    return transfer(actor_id, case_id, staff.department_id, staff_id, note, expected_version,
                    action="assign")


def accept(actor_id: int, case_id: int, expected_version: int | None = None) -> CaseRef:
    """签收: one conditional UPDATE, so two receivers racing cannot both accept (see
    docs/architecture.md, "Two people, one case")."""
    with write_transaction():
        step = guard("accept", actor_id, case_id, expected_version)
        actor, case = step.actor, step.case
        ref = step.commit({
            Case.handler: actor.id,
            Case.department: case.pending_department_id or actor.department_id,
            Case.pending_staff: None, Case.pending_department: None,
        }, extra_where=(Case.status == TRANSFERRED), to_staff=actor.id,
            to_department=case.pending_department_id)
        record_accept_wait(case, register.now())
        return ref


def return_case(actor_id: int, case_id: int, reason: str,
                expected_version: int | None = None) -> CaseRef:
    """退回: the receiver sends a misrouted case back to its first owner, with a reason."""
    reason = clean_text(reason, "reason", required=True, multiline=True)
    with write_transaction():
        step = guard("return", actor_id, case_id, expected_version)
        actor, case = step.actor, step.case
        count = case.handover_count + 1
        owner = Staff.get_by_id(case.first_owner_id)
        ref = step.commit({  # back with the first owner: their department answers for it again
            Case.pending_staff: None, Case.pending_department: None,
            Case.handler: None, Case.handover_count: count,
            Case.department: owner.department_id,
        }, note=reason, from_staff=actor.id, from_department=case.pending_department_id,
            to_staff=case.first_owner_id, extra_where=(Case.status == TRANSFERRED))
        return _maybe_auto_escalate(ref, count)


def escalate(actor_id: int, case_id: int, note: str = "",
             expected_version: int | None = None) -> CaseRef:
    """请示: scope unclear or the responsible person unreachable — a leader decides."""
    note = clean_text(note, "note", multiline=True)
    with write_transaction():
        step = guard("escalate", actor_id, case_id, expected_version)
        return step.commit({Case.pending_staff: None, Case.pending_department: None},
                           note=note, from_staff=step.actor.id)


def leader_assign(actor_id: int, case_id: int, department_id: int | None,
                  staff_id: int | None = None, note: str = "",
                  expected_version: int | None = None) -> CaseRef:
    """A leader (or a department head for their department) decides who handles it."""
    note = clean_text(note, "note", multiline=True)
    if department_id is None and staff_id is None:
        raise DomainError("required", at="department", field=Term("承办部门", "Department"))
    with write_transaction():
        step = guard("leader_assign", actor_id, case_id, expected_version)
        actor = step.actor
        if actor.role != LEADER:  # a head assigns within their own department only
            target_dep = department_id
            if not target_dep and staff_id is not None:  # one of the two is given (above)
                target_dep = get_staff(staff_id).department_id
            if not heads(actor, target_dep):
                raise refuse_relation(SUPERVISOR, "leader_assign")
        return hand_over(step.case, actor, department_id, staff_id, "assigned", note,
                         expected_version=expected_version, count=False)


def request_materials(actor_id: int, case_id: int, missing: list[str], note: str = "",
                      expected_version: int | None = None) -> CaseRef:
    """补正: tell the visitor what is missing; the clock pauses (rule 4)."""
    names = [clean_text(m, "material", required=True) for m in missing]
    if not names:
        raise DomainError("required", at="missing", field=Term("缺少的材料", "Missing materials"))
    note = clean_text(note, "note", multiline=True)
    with write_transaction():
        step = guard("request_materials", actor_id, case_id, expected_version)
        case = step.case
        at = register.now()
        remaining = register.calendar().working_minutes_between(at, case.due_at) if case.due_at else None
        position = ReceivedMaterial.select().where(ReceivedMaterial.case == case.id).count()
        ReceivedMaterial.insert_many([
            {"case": case.id, "position": position + i, "name": n, "original": True,
             "copies": 1, "pages": 0, "received": False} for i, n in enumerate(names)
        ]).execute()
        return step.commit({Case.paused_at: at, Case.paused_remaining: remaining}, note=note,
                           data={"missing": names, "remaining_minutes": remaining})


def supply_materials(actor_id: int, case_id: int, note: str = "",
                     expected_version: int | None = None) -> CaseRef:
    """Materials supplied: the clock resumes with the working time that was left."""
    note = clean_text(note, "note", multiline=True)
    with write_transaction():
        step = guard("supply_materials", actor_id, case_id, expected_version)
        case = step.case
        at = register.now()
        due = case.due_at
        if case.paused_remaining is not None:
            due = register.calendar().add_working_minutes(at, case.paused_remaining)
        ReceivedMaterial.update(received=True).where(
            (ReceivedMaterial.case == case.id) & ~ReceivedMaterial.received).execute()
        return step.commit({Case.paused_at: None, Case.paused_remaining: None, Case.due_at: due},
                           note=note, data={"paused_from": case.paused_at, "new_due": due})


def urge(actor_id: int, case_id: int, note: str = "",
         expected_version: int | None = None) -> CaseRef:
    """催办: the first owner (or a supervisor) presses whoever must act next; recorded."""
    note = clean_text(note, "note", multiline=True)
    with write_transaction():
        step = guard("urge", actor_id, case_id, expected_version)
        case = step.case
        return step.commit(note=note, to_staff=case.handler_id or case.pending_staff_id,
                           to_department=case.department_id if case.handler_id
                           else case.pending_department_id)


def request_extension(actor_id: int, case_id: int, new_due: datetime, reason: str,
                      expected_version: int | None = None) -> CaseRef:
    """延期: the handler asks; a leader decides (one open request at a time)."""
    reason = clean_text(reason, "reason", required=True, multiline=True)
    with write_transaction():
        step = guard("request_extension", actor_id, case_id, expected_version)
        if step.case.due_at and new_due <= step.case.due_at:
            raise DomainError("due_not_later", at="due_at")
        return step.commit({Case.extension_due: new_due}, note=reason,
                           data={"new_due": new_due.isoformat(sep=" ")})


def decide_extension(actor_id: int, case_id: int, approve: bool, note: str = "",
                     expected_version: int | None = None) -> CaseRef:
    """A leader approves (new due time; the visitor must be told) or rejects an extension."""
    note = clean_text(note, "note", multiline=True)
    with write_transaction():
        step = guard("decide_extension", actor_id, case_id, expected_version)
        case = step.case
        if not approve:
            return step.commit({Case.extension_due: None}, event="extension_rejected", note=note)
        new_due = case.extension_due
        if new_due is None:  # the guard offers a decision only on a requested extension
            raise DomainError("no_extension_request")
        changes: dict[Any, Any] = {Case.due_at: new_due, Case.extended: True,
                                   Case.extension_due: None}
        if case.status == AWAITING and case.paused_at is not None:
            changes[Case.paused_remaining] = register.calendar().working_minutes_between(
                case.paused_at, new_due)
        return step.commit(changes, event="extension_approved", note=note,
                           data={"old_due": case.due_at, "new_due": new_due})


def record_visit(actor_id: int, case_id: int, note: str = "",
                 expected_version: int | None = None) -> CaseRef:
    """The visitor came again about this case ("最多跑一次" counts these)."""
    note = clean_text(note, "note", multiline=True)
    with write_transaction():
        step = guard("record_visit", actor_id, case_id, expected_version)
        return step.commit({Case.visit_count: step.case.visit_count + 1}, note=note)


def contact_visitor(actor_id: int, case_id: int, method: str, note: str = "",
                    expected_version: int | None = None) -> CaseRef:
    """The handler or first owner contacted the visitor (progress, a new date, questions)."""
    check_choice(method, "method", NOTIFY_METHODS)
    note = clean_text(note, "note", multiline=True)
    with write_transaction():
        step = guard("contact", actor_id, case_id, expected_version)
        return step.commit(note=note, data={"method": method})


def resolve(actor_id: int, case_id: int, result: str,
            expected_version: int | None = None) -> CaseRef:
    """办结: the work is done; the result is recorded for the visitor to be told."""
    result = clean_text(result, "result", required=True, multiline=True)
    with write_transaction():
        step = guard("resolve", actor_id, case_id, expected_version)
        return step.commit({Case.result: result, Case.resolved_at: register.now()}, note=result)


def notify_result(actor_id: int, case_id: int, method: str, note: str = "",
                  expected_version: int | None = None) -> CaseRef:
    """答复: tell the visitor the result — refused for anonymous cases (rule 6)."""
    check_choice(method, "method", NOTIFY_METHODS)
    note = clean_text(note, "note", multiline=True)
    with write_transaction():
        step = guard("notify", actor_id, case_id, expected_version)
        return step.commit({Case.notified_at: register.now()}, note=note,
                           data={"method": method})


def close(actor_id: int, case_id: int, note: str = "",
          expected_version: int | None = None) -> CaseRef:
    """结案: after the visitor was told, or straight after resolving an anonymous case."""
    note = clean_text(note, "note", multiline=True)
    with write_transaction():
        step = guard("close", actor_id, case_id, expected_version)
        return step.commit({Case.closed_at: register.now()}, note=note)


def refer(actor_id: int, case_id: int, place: str, contact: str = "", note: str = "",
          expected_version: int | None = None) -> CaseRef:
    """告知去向: outside the organisation — record where the visitor was sent, and close."""
    place = clean_text(place, "place", required=True)
    contact = clean_text(contact, "contact")
    note = clean_text(note, "note", multiline=True)
    with write_transaction():
        step = guard("refer", actor_id, case_id, expected_version)
        Referral.insert(case=step.case.id, place=place, contact=contact, note=note).on_conflict(
            conflict_target=[Referral.case],
            update={Referral.place: place, Referral.contact: contact, Referral.note: note},
        ).execute()
        return step.commit({Case.closed_at: register.now()}, note=note,
                           data={"place": place, "contact": contact})


def verify_hazard(actor_id: int, case_id: int, note: str,
                  expected_version: int | None = None) -> CaseRef:
    """安全首问: the direct supervisor verifies a hazard report within 24 hours."""
    note = clean_text(note, "note", required=True, multiline=True)
    with write_transaction():
        step = guard("verify_hazard", actor_id, case_id, expected_version)
        at = register.now()
        days = register.org_settings().days_for_kind("hazard")
        due = register.calendar().add_working_days(at, days)
        return step.commit({Case.due_at: due}, note=note,
                           data={"verify_by": step.case.due_at, "new_due": due})
