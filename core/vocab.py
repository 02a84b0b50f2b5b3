"""The fixed vocabularies: statuses, channels, kinds, roles, actions, evaluation levels."""

from __future__ import annotations

from core.errors import Term

# Case statuses (docs/lifecycle.md).
REGISTERED = "registered"
IN_PROGRESS = "in_progress"
TRANSFERRED = "transferred"  # waiting for the receiver to accept (签收) or return
ESCALATED = "escalated"  # waiting for a leader to assign
RETURNED = "returned"  # sent back as misrouted, with the first owner again
AWAITING = "awaiting_materials"  # 补正: the clock is paused
RESOLVED = "resolved"
NOTIFIED = "notified"
CLOSED = "closed"
REFERRED = "referred"  # outside the organisation; closed at once

# The words follow the policies: 办结 is the work done (限时办结), 答复 the visitor told the
# result, 结案 the matter finished. A status never contradicts the group it is listed under.
STATUSES: dict[str, Term] = {
    REGISTERED: Term("已登记", "Registered"),
    IN_PROGRESS: Term("办理中", "In progress"),
    TRANSFERRED: Term("待签收", "Awaiting acceptance"),
    ESCALATED: Term("待领导指派", "Escalated"),
    RETURNED: Term("已退回", "Returned"),
    AWAITING: Term("待补正", "Awaiting materials"),
    RESOLVED: Term("已办结待答复", "Resolved, to notify"),
    NOTIFIED: Term("已答复", "Notified"),
    CLOSED: Term("已结案", "Closed"),
    REFERRED: Term("已告知去向", "Referred"),
}
# 未办结: the work is not done yet. The clock runs in all but AWAITING (paused).
UNFINISHED_STATUSES: tuple[str, ...] = (
    REGISTERED, IN_PROGRESS, TRANSFERRED, ESCALATED, RETURNED, AWAITING,
)
RUNNING_STATUSES: tuple[str, ...] = (REGISTERED, IN_PROGRESS, TRANSFERRED, ESCALATED, RETURNED)
FINAL_STATUSES: tuple[str, ...] = (CLOSED, REFERRED)
# 未结案: every status that is not final — someone still has to act (core.cases.next_actor).
OPEN_STATUSES: tuple[str, ...] = (*UNFINISHED_STATUSES, RESOLVED, NOTIFIED)

# Groups a list can filter by (key → label, statuses): the same words on every screen,
# slip, workbook and statistic.
STATUS_GROUPS: dict[str, tuple[Term, tuple[str, ...]]] = {
    "open": (Term("未结案", "Open"), OPEN_STATUSES),
    "unfinished": (Term("未办结", "Not resolved"), UNFINISHED_STATUSES),
    "to_notify": (Term("已办结待答复", "Resolved, to notify"), (RESOLVED,)),
    "finished": (Term("已结案", "Closed"), FINAL_STATUSES),
}

CHANNELS: dict[str, Term] = {
    "visit": Term("来访", "Visit"),
    "phone": Term("来电", "Phone"),
    "letter": Term("来函", "Letter"),
    "online": Term("网络", "Online"),
    "meeting": Term("会议", "Meeting"),
}

KINDS: dict[str, Term] = {
    "inquiry": Term("咨询", "Inquiry"),
    "application": Term("办理", "Application"),
    "complaint": Term("投诉", "Complaint"),
    "report": Term("举报", "Report"),
    "service_request": Term("求助报修", "Service request"),
    "hazard": Term("安全隐患", "Safety hazard"),
    "accident": Term("安全事故", "Accident"),
}
SAFETY_KINDS: tuple[str, ...] = ("hazard", "accident")  # 安全首问
# Kinds whose reporter's identity is protected (complainants and whistleblowers).
PROTECTED_KINDS: tuple[str, ...] = ("complaint", "report")

CLERK = "clerk"
HANDLER = "handler"
DEPT_HEAD = "dept_head"
LEADER = "leader"
SAFETY_OFFICER = "safety_officer"
AUDITOR = "auditor"
ADMIN = "admin"

# Everyone who works cases (the auditor only reads).
STAFF_ROLES = frozenset({CLERK, HANDLER, DEPT_HEAD, LEADER, SAFETY_OFFICER, ADMIN})

ROLES: dict[str, Term] = {
    CLERK: Term("窗口人员", "Clerk"),
    HANDLER: Term("承办人", "Handler"),
    DEPT_HEAD: Term("部门负责人", "Department head"),
    LEADER: Term("分管领导", "Leader"),
    SAFETY_OFFICER: Term("安全员", "Safety officer"),
    AUDITOR: Term("审计员", "Auditor"),
    ADMIN: Term("系统管理员", "Administrator"),
}

EVALUATIONS: dict[int, Term] = {
    5: Term("非常满意", "Very satisfied"),
    4: Term("满意", "Satisfied"),
    3: Term("基本满意", "Fairly satisfied"),
    2: Term("不满意", "Dissatisfied"),
    1: Term("非常不满意", "Very dissatisfied"),
}
POOR_EVALUATION = 2  # this level or lower opens a rectification (GB/T 39734 差评)

NOTIFY_METHODS: dict[str, Term] = {
    "phone": Term("电话", "Phone"),
    "sms": Term("短信", "SMS"),
    "in_person": Term("当面", "In person"),
    "letter": Term("书面", "Letter"),
}

EVENT_TYPES: dict[str, Term] = {
    "registered": Term("登记", "Registered"),
    "answered": Term("当场答复", "Answered on the spot"),
    "taken": Term("本人办理", "Taken on"),
    "assigned": Term("指派", "Assigned"),
    "transferred": Term("转办", "Transferred"),
    "accepted": Term("签收", "Accepted"),
    "returned": Term("退回", "Returned"),
    "escalated": Term("请示领导", "Escalated"),
    "auto_escalated": Term("自动上报", "Escalated automatically"),
    "awaiting_materials": Term("补正告知", "Awaiting materials"),
    "materials_supplied": Term("材料补齐", "Materials supplied"),
    "urged": Term("催办", "Urged"),
    "extension_requested": Term("申请延期", "Extension requested"),
    "extension_approved": Term("批准延期", "Extension approved"),
    "extension_rejected": Term("不批准延期", "Extension rejected"),
    "visit": Term("再次来访", "Visited again"),
    "contacted": Term("联系办事人", "Visitor contacted"),
    "resolved": Term("办结", "Resolved"),
    "notified": Term("答复结果", "Result notified"),
    "closed": Term("结案", "Closed"),
    "evaluated": Term("评价", "Evaluated"),
    "rectification_opened": Term("整改", "Rectification opened"),
    "follow_up": Term("回访", "Follow-up call"),
    "referred": Term("告知去向", "Referred"),
    "hazard_verified": Term("隐患核实", "Hazard verified"),
    "safety_escalated": Term("上报安全部门", "Reported to safety"),
    "printed": Term("打印", "Printed"),
    "due_recalculated": Term("到期时间调整", "Due time recalculated"),
}
