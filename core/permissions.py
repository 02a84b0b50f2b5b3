"""Which role may attempt which action (the role × action matrix). For the steps of a case
the matrix is read from core.cases.lifecycle, which also holds the statuses and relations."""

from __future__ import annotations

from core.cases import lifecycle
from core.errors import DomainError, Term
from core.vocab import ADMIN, AUDITOR, DEPT_HEAD, LEADER, ROLES, SAFETY_OFFICER, STAFF_ROLES
from models.tables import Staff

STAFF = STAFF_ROLES
SUPERVISORS = frozenset({DEPT_HEAD, LEADER})

# Actions that are not steps of a case's life: action -> (label, roles allowed). The roles for
# the steps of a case come from the lifecycle table, so the two cannot disagree.
OTHER_ACTIONS: dict[str, tuple[Term, frozenset[str]]] = {
    "register": (Term("登记事项", "register a case"), STAFF),
    "print": (Term("打印", "print"), STAFF),
    "view_cases": (Term("查看事项", "view cases"), STAFF | {AUDITOR}),
    "review_violations": (Term("责任追究审核", "review violations"), frozenset({DEPT_HEAD, LEADER})),
    "record_commendation": (Term("登记表扬", "record a commendation"), frozenset({DEPT_HEAD, LEADER})),
    "view_statistics": (Term("查看统计", "view statistics"), frozenset({DEPT_HEAD, LEADER, ADMIN, AUDITOR})),
    "view_audit": (Term("查看审计记录", "view the audit log"), frozenset({AUDITOR, ADMIN, LEADER})),
    "export": (Term("导出", "export"), frozenset({DEPT_HEAD, LEADER, ADMIN})),
    "reveal_identity": (Term("查看完整身份信息", "reveal full identity"), frozenset({LEADER, DEPT_HEAD, SAFETY_OFFICER})),
    "manage_catalogue": (Term("维护事项清单", "edit the catalogue"), frozenset({ADMIN})),
    "manage_staff": (Term("管理人员", "manage staff"), frozenset({ADMIN})),
    "manage_settings": (Term("修改设置", "change settings"), frozenset({ADMIN})),
    "manage_calendar": (Term("维护工作日历", "edit the calendar"), frozenset({ADMIN})),
    "backup": (Term("备份与恢复", "back up and restore"), frozenset({ADMIN})),
}
ACTIONS: dict[str, tuple[Term, frozenset[str]]] = {
    **{a.name: (a.label, a.roles) for a in lifecycle.TABLE}, **OTHER_ACTIONS}


def action_label(action: str) -> Term:
    return ACTIONS[action][0]


def allowed(role: str, action: str) -> bool:
    return role in ACTIONS[action][1]


def require(role: str, action: str) -> None:
    """Raise role_forbidden unless the role may attempt the action at all."""
    if not allowed(role, action):
        raise DomainError("role_forbidden", role=ROLES.get(role, Term(role, role)),
                          action=action_label(action))


MAX_ID = 2**63 - 1


def valid_id(value: object) -> bool:
    """A database id: an int within SQLite's and PostgreSQL's 64-bit INTEGER range."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def get_actor(actor_id: int, action: str) -> Staff:
    """The acting staff member, active and with a role that may attempt `action`."""
    actor = Staff.get_or_none(Staff.id == actor_id) if valid_id(actor_id) else None
    if actor is None:
        raise DomainError("staff_not_found", ref=actor_id)
    if not actor.active:
        raise DomainError("inactive_staff", name=actor.name)
    require(actor.role, action)
    return actor
