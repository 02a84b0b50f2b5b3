"""好差评: the visitor's five-level evaluation, and the rectification a poor one opens (rule 6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core import audit, register
from core.casebase import apply, get_actor, get_case, require_status
from core.dto import CaseRef
from core.errors import DomainError
from core.validation import check_int, clean_text
from core.vocab import CLOSED, EVALUATIONS, NOTIFIED, POOR_EVALUATION, RESOLVED
from models.database import write_transaction
from models.tables import Case, CaseEvent, Rectification


@dataclass(frozen=True)
class RectificationInfo:
    id: int
    case_id: int
    case_number: str
    opened_at: datetime
    due_at: datetime
    done_at: datetime | None
    follow_up_at: datetime | None
    note: str


def evaluate(actor_id: int, case_id: int, level: int, comment: str = "",
             expected_version: int | None = None) -> CaseRef:
    """Record the evaluation once; level ≤ 2 opens a rectification due in N working days."""
    actor = get_actor(actor_id, "evaluate")
    level = check_int(level, "evaluation", 1, 5)
    comment = clean_text(comment, "note", multiline=True)
    with write_transaction():
        case = get_case(case_id, expected_version)
        require_status(case, "evaluate", RESOLVED, NOTIFIED, CLOSED)
        if case.evaluation is not None:
            raise DomainError("already_evaluated")
        ref = apply(case, actor, expected_version, {Case.evaluation: level}, "evaluated", note=comment,
                    data={"level": level, "label": EVALUATIONS[level].zh},
                    extra_where=Case.evaluation.is_null())
        if level <= POOR_EVALUATION:
            at = register.now()
            days = register.org_settings().rectification_days
            due = register.calendar().add_working_days(at, days)
            Rectification.create(case=case.id, opened_at=at, due_at=due, note=comment)
            audit.record(actor.id, "case.rectification_opened", case.number, {"due": due})
            CaseEvent.create(case=case.id, type="rectification_opened", actor=actor.id,
                             status_after=ref.status, note=f"差评整改，{days} 个工作日内完成并回访",
                             data="", at=at)
        return ref


def follow_up(actor_id: int, rectification_id: int, note: str, done: bool = True) -> RectificationInfo:
    """回访: the follow-up call; `done` marks the rectification complete."""
    actor = get_actor(actor_id, "follow_up")
    note = clean_text(note, "note", required=True, multiline=True)
    with write_transaction():
        rect = Rectification.get_or_none(Rectification.id == rectification_id)
        if rect is None:
            raise DomainError("not_found", ref=rectification_id)
        at = register.now()
        rect.follow_up_at = at
        if done:
            rect.done_at = at
        rect.note = (rect.note + "\n" + note).strip()
        rect.save()
        audit.record(actor.id, "case.follow_up", rect.case.number, {"done": done})
        CaseEvent.create(case=rect.case_id, type="follow_up", actor=actor.id,
                         status_after=rect.case.status, note=note, data="", at=at)
        return _info(rect)


def open_rectifications() -> list[RectificationInfo]:
    rows = (Rectification.select(Rectification, Case.number).join(Case)
            .where(Rectification.done_at.is_null()).order_by(Rectification.due_at))
    return [_info(r) for r in rows]


def _info(rect: Rectification) -> RectificationInfo:
    return RectificationInfo(rect.id, rect.case_id, rect.case.number, rect.opened_at,
                             rect.due_at, rect.done_at, rect.follow_up_at, rect.note)
