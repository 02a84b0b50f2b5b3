"""Which role may attempt which action (the role × action matrix); case relations come after."""

from __future__ import annotations

from core.errors import DomainError, Term
from core.vocab import ADMIN, AUDITOR, CLERK, DEPT_HEAD, HANDLER, LEADER, ROLES, SAFETY_OFFICER

STAFF = frozenset({CLERK, HANDLER, DEPT_HEAD, LEADER, SAFETY_OFFICER, ADMIN})
SUPERVISORS = frozenset({DEPT_HEAD, LEADER})

# action -> (label, roles allowed to attempt it). The workflow then checks the relation
# to the case (first owner, handler, receiver ...), so a role alone is never enough.
ACTIONS: dict[str, tuple[Term, frozenset[str]]] = {
    "register": (Term("登记事项", "register a case"), STAFF),
    "take": (Term("本人办理", "take the case on"), STAFF),
    "assign": (Term("指派", "assign"), STAFF),
    "transfer": (Term("转办", "transfer"), STAFF),
    "accept": (Term("签收", "accept"), STAFF),
    "return": (Term("退回", "return"), STAFF),
    "escalate": (Term("请示领导", "escalate"), STAFF),
    "leader_assign": (Term("领导指派", "assign as leader"), frozenset({LEADER, DEPT_HEAD})),
    "request_materials": (Term("补正告知", "ask for materials"), STAFF),
    "supply_materials": (Term("材料补齐", "record materials supplied"), STAFF),
    "urge": (Term("催办", "urge"), STAFF),
    "request_extension": (Term("申请延期", "request an extension"), STAFF),
    "decide_extension": (Term("审批延期", "decide an extension"), frozenset({LEADER})),
    "record_visit": (Term("登记再次来访", "record a visit"), STAFF),
    "contact": (Term("联系办事人", "record a contact"), STAFF),
    "resolve": (Term("办结", "resolve"), STAFF),
    "notify": (Term("答复结果", "notify the result"), STAFF),
    "close": (Term("关闭", "close"), STAFF),
    "evaluate": (Term("登记评价", "record an evaluation"), STAFF),
    "follow_up": (Term("回访", "record a follow-up"), STAFF),
    "refer": (Term("告知去向", "refer out"), STAFF),
    "verify_hazard": (Term("核实隐患", "verify a hazard"), frozenset({DEPT_HEAD, LEADER, SAFETY_OFFICER})),
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


def action_label(action: str) -> Term:
    return ACTIONS[action][0]


def allowed(role: str, action: str) -> bool:
    return role in ACTIONS[action][1]


def require(role: str, action: str) -> None:
    """Raise role_forbidden unless the role may attempt the action at all."""
    if not allowed(role, action):
        raise DomainError("role_forbidden", role=ROLES.get(role, Term(role, role)),
                          action=action_label(action))
