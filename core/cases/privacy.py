"""Who may see a visitor's full identity: masked everywhere by default; revealing the full phone
or ID number needs a permission and is audited; complainants and whistleblowers are shown
only to those who must know (the first owner, the handler and designated roles)."""

from __future__ import annotations

from dataclasses import dataclass

from core import audit
from core.cases.casebase import get_case
from core.cases.validation import mask_id_number, mask_phone
from core.permissions import allowed, get_actor
from core.vocab import PROTECTED_KINDS
from models.database import write_transaction
from models.tables import Visitor


@dataclass(frozen=True)
class Identity:
    name: str
    phone: str
    unit: str
    id_number: str


def protected_name(name: str) -> str:
    """张三 → 张*: enough to greet a caller back, not enough to expose a complainant."""
    return (name[0] + "*" * (len(name) - 1)) if name else ""


def may_see_protected(staff_id: int, role: str, first_owner_id: int, handler_id: int | None) -> bool:
    return staff_id in (first_owner_id, handler_id) or allowed(role, "reveal_identity")


def visible_identity(viewer_id: int, case_id: int) -> Identity:
    """What this viewer sees by default: masked phone and ID; protected names masked too."""
    viewer = get_actor(viewer_id, "view_cases")
    case = get_case(case_id)
    visitor = Visitor.get_or_none(Visitor.id == case.visitor_id) if case.visitor_id else None
    name = case.visitor_name
    if case.kind in PROTECTED_KINDS and not may_see_protected(
            viewer.id, viewer.role, case.first_owner_id, case.handler_id):
        name = protected_name(name)
    return Identity(name, mask_phone(case.visitor_phone), case.visitor_unit,
                    mask_id_number(visitor.id_number) if visitor else "")


def reveal_identity(viewer_id: int, case_id: int, reason: str = "") -> Identity:
    """The full phone and ID number, for those allowed; every reveal is audited."""
    viewer = get_actor(viewer_id, "reveal_identity")
    with write_transaction():
        case = get_case(case_id)
        visitor = Visitor.get_or_none(Visitor.id == case.visitor_id) if case.visitor_id else None
        audit.record(viewer.id, "identity.revealed", case.number, reason[:200])
        return Identity(case.visitor_name, case.visitor_phone, case.visitor_unit,
                        visitor.id_number if visitor else "")
