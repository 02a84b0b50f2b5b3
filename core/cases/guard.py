"""The one guard every step of a case goes through: it reads the actor and the case, asks the
lifecycle table (core.cases.lifecycle) whether the step is allowed now, and writes the step
with the status and event the table names. Workflow functions keep only their effects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import peewee as pw

from core.cases.casebase import apply, get_case
from core.cases.lifecycle import ACTIONS, CaseAction, CaseFacts, check, check_role
from core.dto import CaseRef
from core.errors import DomainError
from core.permissions import valid_id
from core.vocab import POOR_EVALUATION
from models.tables import Case, CaseEvent, Rectification, Staff


def facts_of(case: Case) -> CaseFacts:
    """The rules' view of a case row; the history is read only where a rule needs it."""
    verified = case.kind == "hazard" and CaseEvent.select().where(
        (CaseEvent.case == case.id) & (CaseEvent.type == "hazard_verified")).exists()
    rectifying = (case.evaluation is not None and case.evaluation <= POOR_EVALUATION
                  and Rectification.select().where((Rectification.case == case.id)
                                                   & Rectification.done_at.is_null()).exists())
    return CaseFacts(
        case.id, case.status, case.kind, bool(case.anonymous), case.first_owner_id,
        case.handler_id, case.department_id, case.pending_staff_id, case.pending_department_id,
        case.due_at, case.evaluation, case.extension_due, verified, rectifying)


def actor_row(actor_id: int) -> Staff:
    actor = Staff.get_or_none(Staff.id == actor_id) if valid_id(actor_id) else None
    if actor is None:
        raise DomainError("staff_not_found", ref=actor_id)
    return actor


@dataclass
class Step:
    """An allowed step on one case, ready to be written."""

    action: CaseAction
    actor: Staff
    case: Case
    expected_version: int | None
    facts: CaseFacts

    def commit(self, changes: dict[Any, Any] | None = None, *, event: str | None = None,
               note: str = "", data: dict[str, Any] | None = None,
               extra_where: pw.Expression | None = None, **fields: Any) -> CaseRef:
        """Change the case (only if nobody changed it since the version the actor saw) and
        append the event; the status is the table's."""
        changes = dict(changes or {})
        if self.action.to_status is not None:
            changes[Case.status] = self.action.to_status
        event = event or self.action.events[0]
        if event not in self.action.events:
            raise ValueError(f"{self.action.name} does not write {event}")
        return apply(self.case, self.actor, self.expected_version, changes, event, note=note,
                     data=data, extra_where=extra_where, **fields)


def guard(action: str, actor_id: int, case_id: int, expected_version: int | None = None) -> Step:
    """Refuse unless the actor may take `action` on the case now (call inside the step's
    transaction): actor required and active, role, status, relation, the table's other
    conditions, and — when given — the version the actor's screen showed."""
    actor = actor_row(actor_id)
    refusal = check_role(action, actor)
    if refusal is not None:
        raise refusal
    case = get_case(case_id, expected_version)
    facts = facts_of(case)
    refusal = check(action, actor, facts)
    if refusal is not None:
        raise refusal
    return Step(ACTIONS[action], actor, case, expected_version, facts)
