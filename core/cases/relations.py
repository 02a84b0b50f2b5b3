"""How a staff member stands to a case (first owner, handler, receiver, supervisor).

Duck-typed over the case row or a CaseDetail and over a Staff row or a StaffInfo, so the
workflow's checks and the buttons a screen offers come from the same predicates."""

from __future__ import annotations

from typing import Any

from core.vocab import DEPT_HEAD, LEADER, SAFETY_KINDS, SAFETY_OFFICER


def heads(staff: Any, department_id: int | None) -> bool:
    """The staff member is the head of `department_id`."""
    return (staff.role == DEPT_HEAD and department_id is not None
            and staff.department_id == department_id)


def supervises(staff: Any, case: Any) -> bool:
    """A leader, the head of the case's department or of the department asked to accept, or —
    for a hazard or an accident — the safety officer (安全首问: the safety office oversees
    every safety matter until it is dealt with)."""
    return (staff.role == LEADER or heads(staff, case.department_id)
            or heads(staff, case.pending_department_id)
            or (staff.role == SAFETY_OFFICER and case.kind in SAFETY_KINDS))


def is_receiver(staff: Any, case: Any) -> bool:
    """Asked to accept: the named person (or their head), or anyone in the named department."""
    if case.pending_staff_id is not None:
        return staff.id == case.pending_staff_id or heads(staff, case.pending_department_id)
    return (case.pending_department_id is not None
            and staff.department_id == case.pending_department_id)


def follows(staff: Any, case: Any) -> bool:
    """First owner, handler or their supervisors: those who answer for the case."""
    return staff.id in (case.first_owner_id, case.handler_id) or supervises(staff, case)
