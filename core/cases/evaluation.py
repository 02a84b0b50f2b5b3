"""好差评: the visitor's five-level evaluation, and the rectification a poor one opens (rule 6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core import audit, register
from core.cases.guard import guard
from core.cases.validation import check_int, clean_text
from core.dto import CaseRef
from core.errors import DomainError
from core.vocab import EVALUATIONS, POOR_EVALUATION
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
    level = check_int(level, "evaluation", 1, 5)
    comment = clean_text(comment, "note", multiline=True)
    with write_transaction():
        step = guard("evaluate", actor_id, case_id, expected_version)
        actor, case = step.actor, step.case
        ref = step.commit({Case.evaluation: level}, note=comment,
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


def follow_up(actor_id: int, rectification_id: int, note: str, done: bool = True,
              expected_version: int | None = None) -> RectificationInfo:
    """回访: the follow-up call on a rectification; `done` marks it complete."""
    note = clean_text(note, "note", required=True, multiline=True)
    with write_transaction():
        rect = Rectification.get_or_none(Rectification.id == rectification_id)
        if rect is None:
            raise DomainError("not_found", ref=rectification_id)
        if rect.done_at is not None:
            raise DomainError("no_rectification")
        step = guard("follow_up", actor_id, rect.case_id, expected_version)
        at = register.now()
        rect.follow_up_at = at
        if done:
            rect.done_at = at
        rect.note = (rect.note + "\n" + note).strip()
        rect.save()
        step.commit(note=note, data={"done": done})
        return _info(rect)


def follow_up_case(actor_id: int, case_id: int, note: str, done: bool = True,
                   expected_version: int | None = None) -> RectificationInfo:
    """回访 on the case's open rectification (the detail pane's button)."""
    rect = case_rectification(case_id)
    if rect is None:
        raise DomainError("no_rectification")
    return follow_up(actor_id, rect.id, note, done, expected_version)


def case_rectification(case_id: int) -> RectificationInfo | None:
    """The case's rectification still waiting for its follow-up call, if any."""
    rect = (Rectification.select().where((Rectification.case == case_id)
                                         & Rectification.done_at.is_null())
            .order_by(Rectification.id.desc()).first())
    return _info(rect) if rect is not None else None


def open_rectifications() -> list[RectificationInfo]:
    rows = (Rectification.select(Rectification, Case.number).join(Case)
            .where(Rectification.done_at.is_null()).order_by(Rectification.due_at))
    return [_info(r) for r in rows]


def _info(rect: Rectification) -> RectificationInfo:
    return RectificationInfo(rect.id, rect.case_id, rect.case.number, rect.opened_at,
                             rect.due_at, rect.done_at, rect.follow_up_at, rect.note)
