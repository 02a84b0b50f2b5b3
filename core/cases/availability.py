"""Which actions a staff member may take on a case now, read from the lifecycle table that the
workflow's guard enforces (core.cases.lifecycle): a screen cannot offer what core refuses."""

from __future__ import annotations

from datetime import datetime

from core.admin.staff import StaffInfo
from core.cases.detail import CaseDetail
from core.cases.lifecycle import ACTION_ORDER, CaseFacts, offered

__all__ = ["ACTION_ORDER", "available_actions", "facts_of_detail", "open_extension_request",
           "print_kinds"]


def facts_of_detail(d: CaseDetail) -> CaseFacts:
    return CaseFacts(
        d.id, d.status, d.kind, d.anonymous, d.first_owner_id, d.handler_id, d.department_id,
        d.pending_staff_id, d.pending_department_id, d.due_at, d.evaluation, d.extension_due,
        d.hazard_verified, d.rectification_open)


def open_extension_request(d: CaseDetail) -> tuple[datetime | None, str] | None:
    """(requested due, reason) of an extension request no leader has decided yet."""
    if d.extension_due is None:
        return None
    reason = next((e.note for e in reversed(d.timeline) if e.type == "extension_requested"), "")
    return d.extension_due, reason


def available_actions(d: CaseDetail, staff: StaffInfo) -> list[str]:
    """The actions to offer as buttons, in display order."""
    return offered(facts_of_detail(d), staff)


def print_kinds(d: CaseDetail) -> list[str]:
    """Documents that make sense for this case (print_requested kinds)."""
    kinds = ["receipt"]
    if d.item is not None:
        kinds.append("notice")
    if any(e.type in ("transferred", "assigned", "safety_escalated") for e in d.timeline):
        kinds.append("transfer")
    if d.referral_place:
        kinds.append("referral")
    if d.kind in ("hazard", "accident"):
        kinds.append("hazard")
    kinds.append("history")
    return kinds
