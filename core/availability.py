"""Which actions a staff member may take on a case now: state, role and relation, from the same
predicates core/workflow.py checks (core still decides; screens only hide what would fail)."""

from __future__ import annotations

from datetime import datetime

from core.detail import CaseDetail
from core.permissions import allowed
from core.relations import follows, is_receiver, supervises
from core.staff import StaffInfo
from core.vocab import (
    AWAITING,
    CLOSED,
    DEPT_HEAD,
    ESCALATED,
    FINAL_STATUSES,
    IN_PROGRESS,
    LEADER,
    NOTIFIED,
    OPEN_STATUSES,
    REGISTERED,
    RESOLVED,
    RETURNED,
    RUNNING_STATUSES,
    SAFETY_OFFICER,
    TRANSFERRED,
)

# Buttons in the order they appear; the action names are core/permissions.py's.
ACTION_ORDER: tuple[str, ...] = (
    "accept", "return", "take", "leader_assign", "verify_hazard", "resolve", "notify", "close",
    "request_materials", "supply_materials", "transfer", "assign", "escalate", "refer",
    "urge", "contact", "request_extension", "decide_extension", "record_visit", "evaluate",
)


def open_extension_request(d: CaseDetail) -> tuple[datetime | None, str] | None:
    """(requested due, reason) of an extension request no leader has decided yet."""
    for e in reversed(d.timeline):
        if e.type in ("extension_approved", "extension_rejected"):
            return None
        if e.type == "extension_requested":
            raw = e.data.get("new_due")
            return (datetime.fromisoformat(raw) if raw else None), e.note
    return None


def hazard_verified(d: CaseDetail) -> bool:
    return any(e.type == "hazard_verified" for e in d.timeline)


def _relation_allows(action: str, d: CaseDetail, s: StaffInfo) -> bool:  # noqa: PLR0911
    status = d.status
    handler = s.id == d.handler_id
    owner_turn = status in (REGISTERED, RETURNED) and s.id == d.first_owner_id
    if action in ("accept", "return"):
        return status == TRANSFERRED and is_receiver(s, d)
    if action == "take":
        return status in (REGISTERED, RETURNED) and (s.id == d.first_owner_id or supervises(s, d))
    if action in ("transfer", "assign"):
        if action == "assign" and s.department_id is None:
            return False
        return (owner_turn or (status == IN_PROGRESS and handler)
                or (status in (REGISTERED, RETURNED, IN_PROGRESS) and supervises(s, d)))
    if action == "escalate":
        return status in (REGISTERED, RETURNED, IN_PROGRESS) and follows(s, d)
    if action == "leader_assign":
        return status == ESCALATED and s.role in (LEADER, DEPT_HEAD)
    if action in ("request_materials", "resolve"):
        return status == IN_PROGRESS and (handler or supervises(s, d))
    if action == "supply_materials":
        return status == AWAITING and follows(s, d)
    if action == "urge":
        return (status in (*RUNNING_STATUSES, AWAITING) and follows(s, d)
                and not (handler and status == IN_PROGRESS)
                and not (owner_turn and d.handler_id is None))
    if action == "request_extension":
        return (status in (IN_PROGRESS, AWAITING) and (handler or supervises(s, d))
                and d.due_at is not None and open_extension_request(d) is None)
    if action == "decide_extension":
        return status in (IN_PROGRESS, AWAITING) and open_extension_request(d) is not None
    if action == "record_visit":
        return status in OPEN_STATUSES
    if action == "contact":
        return status in OPEN_STATUSES and not d.anonymous and follows(s, d)
    if action == "notify":
        return status == RESOLVED and not d.anonymous and follows(s, d)
    if action == "close":
        allowed_statuses = (NOTIFIED, RESOLVED) if d.anonymous else (NOTIFIED,)
        return status in allowed_statuses and follows(s, d)
    if action == "evaluate":
        return status in (RESOLVED, NOTIFIED, CLOSED) and d.evaluation is None
    if action == "refer":
        return status in (REGISTERED, RETURNED, IN_PROGRESS, ESCALATED) and follows(s, d)
    if action == "verify_hazard":
        return (d.kind == "hazard" and status not in FINAL_STATUSES and not hazard_verified(d)
                and (s.role == SAFETY_OFFICER or supervises(s, d)))
    return False


def available_actions(d: CaseDetail, staff: StaffInfo) -> list[str]:
    """The actions to offer as buttons, in display order."""
    if not staff.active:
        return []
    return [a for a in ACTION_ORDER if allowed(staff.role, a) and _relation_allows(a, d, staff)]


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
