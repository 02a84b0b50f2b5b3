"""The case lifecycle as one table: for each action on a case, its label, the roles that may
take it, the statuses it starts from, the relation the actor must have to the case, what else
must hold, the status it leads to and the event it writes.

Everything that decides "may this person do this now" reads this table: the workflow's guard
(core.cases.guard), the actions a screen or the command line offers (`offered`), the role
matrix (core.permissions), who must act next (core.cases.next_actor), the diagram in
docs/lifecycle.md and the tests. Pure data and predicates: no database here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from core.cases.relations import is_receiver, supervises
from core.errors import DomainError, Term
from core.vocab import (
    AWAITING,
    CLOSED,
    DEPT_HEAD,
    ESCALATED,
    IN_PROGRESS,
    LEADER,
    NOTIFIED,
    OPEN_STATUSES,
    REFERRED,
    REGISTERED,
    RESOLVED,
    RETURNED,
    ROLES,
    SAFETY_OFFICER,
    STAFF_ROLES,
    STATUSES,
    TRANSFERRED,
    UNFINISHED_STATUSES,
)


class Actor(Protocol):
    """A staff member as the rules see one (a Staff row or a core.admin.staff.StaffInfo)."""

    @property
    def id(self) -> int: ...
    @property
    def role(self) -> str: ...
    @property
    def department_id(self) -> int | None: ...
    @property
    def active(self) -> bool: ...


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about a case (from its row, or from a CaseDetail)."""

    id: int
    status: str
    kind: str
    anonymous: bool
    first_owner_id: int
    handler_id: int | None
    department_id: int | None
    pending_staff_id: int | None
    pending_department_id: int | None
    due_at: datetime | None
    evaluation: int | None
    extension_due: datetime | None  # an extension asked for and not yet decided
    hazard_verified: bool
    rectification_open: bool  # a poor evaluation's rectification not yet followed up


@dataclass(frozen=True)
class Relation:
    label: Term  # "only {label} may …"
    test: Callable[[Actor, CaseFacts], bool]


RELATIONS: dict[str, Relation] = {
    "first_owner": Relation(Term("首问责任人", "the first owner"),
                            lambda s, c: s.id == c.first_owner_id),
    "handler": Relation(Term("承办人", "the handler"), lambda s, c: s.id == c.handler_id),
    "receiver": Relation(Term("接收人或接收部门", "the receiving person or department"),
                         is_receiver),
    "supervisor": Relation(Term("部门负责人或领导", "a department head or leader"), supervises),
    "leader": Relation(Term("分管领导", "a leader"), lambda s, c: s.role == LEADER),
    "dept_head": Relation(Term("部门负责人", "a department head"),
                          lambda s, c: s.role == DEPT_HEAD),
    "safety_officer": Relation(Term("安全员", "the safety officer"),
                               lambda s, c: s.role == SAFETY_OFFICER),
    "anyone": Relation(Term("工作人员", "staff"), lambda s, c: True),
}


@dataclass(frozen=True)
class Condition:
    """Something besides status and relation that must hold, and the refusal if it does not."""

    test: Callable[[Actor, CaseFacts], bool]
    error: Callable[[], DomainError]


CONDITIONS: dict[str, Condition] = {
    "named": Condition(lambda s, c: not c.anonymous, lambda: DomainError("anonymous_no_notify")),
    "anonymous": Condition(lambda s, c: c.anonymous, lambda: DomainError("notify_first")),
    "has_due": Condition(lambda s, c: c.due_at is not None, lambda: DomainError("no_due_time")),
    "no_pending_extension": Condition(lambda s, c: c.extension_due is None,
                                      lambda: DomainError("extension_pending")),
    "pending_extension": Condition(lambda s, c: c.extension_due is not None,
                                   lambda: DomainError("no_extension_request")),
    "not_evaluated": Condition(lambda s, c: c.evaluation is None,
                               lambda: DomainError("already_evaluated")),
    "hazard": Condition(lambda s, c: c.kind == "hazard", lambda: DomainError("hazard_only")),
    "not_verified": Condition(lambda s, c: not c.hazard_verified,
                              lambda: DomainError("already_verified")),
    "rectification_open": Condition(lambda s, c: c.rectification_open,
                                    lambda: DomainError("no_rectification")),
    "in_a_department": Condition(lambda s, c: s.department_id is not None,
                                 lambda: DomainError("no_department")),
    # 催办 presses whoever must act next; nobody urges themself.
    "not_next": Condition(lambda s, c: not is_next_actor(s, c), lambda: DomainError("urge_self")),
}


@dataclass(frozen=True)
class Rule:
    """From these statuses, an actor with any of these relations, when all `requires` hold."""

    statuses: tuple[str, ...]
    relations: tuple[str, ...]
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseAction:
    name: str
    label: Term
    roles: frozenset[str]
    rules: tuple[Rule, ...]
    to_status: str | None  # None: the status stays as it is
    events: tuple[str, ...]  # the history row(s) it may write; the first is the usual one
    primary: bool = False  # the step that moves the case on (shown first and bold)

    @property
    def from_statuses(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for rule in self.rules:
            seen.update(dict.fromkeys(rule.statuses))
        return tuple(seen)


FOLLOWERS = ("first_owner", "handler", "supervisor")  # those who answer for the case
HEADS_UP = (LEADER, DEPT_HEAD)
STAFF = STAFF_ROLES


def _action(name: str, zh: str, en: str, roles: frozenset[str], rules: tuple[Rule, ...],
            to_status: str | None, *events: str, primary: bool = False) -> CaseAction:
    return CaseAction(name, Term(zh, en), roles, rules, to_status, events or (name,), primary)


_START = (REGISTERED, RETURNED)
# In the order a screen offers them: the step that moves the case on first.
TABLE: tuple[CaseAction, ...] = (
    _action("accept", "签收", "accept", STAFF, (Rule((TRANSFERRED,), ("receiver",)),),
            IN_PROGRESS, "accepted", primary=True),
    _action("return", "退回", "return", STAFF, (Rule((TRANSFERRED,), ("receiver",)),),
            RETURNED, "returned"),
    _action("take", "本人办理", "take the case on", STAFF,
            (Rule(_START, ("first_owner", "supervisor")),), IN_PROGRESS, "taken", primary=True),
    _action("leader_assign", "领导指派", "assign as leader", frozenset(HEADS_UP),
            (Rule((ESCALATED,), ("leader", "dept_head")),), TRANSFERRED, "assigned", primary=True),
    _action("verify_hazard", "核实隐患", "verify a hazard",
            frozenset({DEPT_HEAD, LEADER, SAFETY_OFFICER}),
            (Rule(OPEN_STATUSES, ("safety_officer", "supervisor"), ("hazard", "not_verified")),),
            None, "hazard_verified", primary=True),
    _action("resolve", "办结", "resolve", STAFF,
            (Rule((IN_PROGRESS,), ("handler", "supervisor")),), RESOLVED, "resolved",
            primary=True),
    _action("notify", "答复结果", "notify the result", STAFF,
            (Rule((RESOLVED,), FOLLOWERS, ("named",)),), NOTIFIED, "notified", primary=True),
    _action("close", "结案", "close", STAFF,
            (Rule((NOTIFIED,), FOLLOWERS), Rule((RESOLVED,), FOLLOWERS, ("anonymous",))),
            CLOSED, "closed", primary=True),
    _action("request_materials", "补正告知", "ask for materials", STAFF,
            (Rule((IN_PROGRESS,), ("handler", "supervisor")),), AWAITING, "awaiting_materials"),
    _action("supply_materials", "材料已补齐", "record materials supplied", STAFF,
            (Rule((AWAITING,), FOLLOWERS),), IN_PROGRESS, "materials_supplied", primary=True),
    _action("transfer", "转办", "transfer", STAFF,
            (Rule(_START, ("first_owner", "supervisor")),
             Rule((IN_PROGRESS,), ("handler", "supervisor"))), TRANSFERRED, "transferred"),
    _action("assign", "指派本部门", "assign", STAFF,
            (Rule(_START, ("first_owner", "supervisor"), ("in_a_department",)),
             Rule((IN_PROGRESS,), ("handler", "supervisor"), ("in_a_department",))),
            TRANSFERRED, "assigned"),
    _action("escalate", "请示领导", "escalate", STAFF,
            (Rule((*_START, IN_PROGRESS), FOLLOWERS),), ESCALATED, "escalated"),
    _action("refer", "告知去向", "refer out", STAFF,
            (Rule((*_START, IN_PROGRESS, ESCALATED), FOLLOWERS),), REFERRED, "referred"),
    _action("urge", "催办", "urge", STAFF,
            (Rule(UNFINISHED_STATUSES, FOLLOWERS, ("not_next",)),), None, "urged"),
    _action("contact", "联系办事人", "record a contact", STAFF,
            (Rule(OPEN_STATUSES, FOLLOWERS, ("named",)),), None, "contacted"),
    _action("request_extension", "申请延期", "request an extension", STAFF,
            (Rule((IN_PROGRESS, AWAITING), ("handler", "supervisor"),
                  ("has_due", "no_pending_extension")),), None, "extension_requested"),
    _action("decide_extension", "审批延期", "decide an extension", frozenset({LEADER}),
            (Rule((IN_PROGRESS, AWAITING), ("leader",), ("pending_extension",)),), None,
            "extension_approved", "extension_rejected", primary=True),
    _action("record_visit", "再次来访", "record a visit", STAFF,
            (Rule(OPEN_STATUSES, ("anyone",)),), None, "visit"),
    _action("evaluate", "登记评价", "record an evaluation", STAFF,
            (Rule((RESOLVED, NOTIFIED, CLOSED), ("anyone",), ("not_evaluated",)),), None,
            "evaluated"),
    _action("follow_up", "回访", "record a follow-up", STAFF,
            (Rule((RESOLVED, NOTIFIED, CLOSED), FOLLOWERS, ("rectification_open",)),), None,
            "follow_up"),
)
ACTIONS: dict[str, CaseAction] = {a.name: a for a in TABLE}
ACTION_ORDER: tuple[str, ...] = tuple(a.name for a in TABLE)

# Ways a case starts (intake's scope decision) and moves without anyone acting on it: part
# of the lifecycle, drawn in the diagram, but not actions a person takes on a case.
INTAKE_OUTCOMES: tuple[tuple[str, Term], ...] = (
    (REGISTERED, Term("登记，稍后移交", "registered, handed over later")),
    (IN_PROGRESS, Term("本人办理", "handled by the first owner")),
    (TRANSFERRED, Term("转办 / 指派 / 事故上报", "transferred / assigned / accident reported")),
    (ESCALATED, Term("请示领导", "escalated")),
    (CLOSED, Term("当场答复", "answered on the spot")),
    (REFERRED, Term("告知去向", "referred out")),
)
SYSTEM_STEPS: tuple[tuple[tuple[str, ...], str, Term], ...] = (
    ((TRANSFERRED, RETURNED), ESCALATED,
     Term("转办或退回超过上限，自动报请领导", "too many hand-overs: escalated automatically")),
)


def check(action: str, actor: Actor, facts: CaseFacts) -> DomainError | None:
    """None when `actor` may take `action` on the case now, else the refusal to show.

    The order of the refusals is the order a clerk reads best: who you are (role), where the
    case is (status), how you stand to it (relation), then anything else."""
    spec = ACTIONS[action]
    refusal = check_role(action, actor)
    if refusal is not None:
        return refusal
    rules = [r for r in spec.rules if facts.status in r.statuses]
    if not rules:
        return DomainError("bad_state", status=STATUSES[facts.status], action=spec.label)
    for rule in rules:
        if not any(RELATIONS[r].test(actor, facts) for r in rule.relations):
            refusal = refusal or DomainError(
                "not_your_case", who=_who(rule.relations), action=spec.label)
            continue
        failed = next((CONDITIONS[c] for c in rule.requires
                       if not CONDITIONS[c].test(actor, facts)), None)
        if failed is None:
            return None
        refusal = failed.error()
    return refusal


def check_role(action: str, actor: Actor) -> DomainError | None:
    """The part of `check` that needs no case: an active member whose role may take it."""
    spec = ACTIONS[action]
    if not actor.active:
        return DomainError("inactive_staff", name=getattr(actor, "name", ""))
    if actor.role not in spec.roles:
        return DomainError("role_forbidden", role=ROLES.get(actor.role, Term(actor.role, actor.role)),
                           action=spec.label)
    return None


def _who(relations: tuple[str, ...]) -> Term:
    labels = [RELATIONS[r].label for r in relations]
    return Term("或".join(t.zh for t in labels), " or ".join(t.en for t in labels))


def offered(facts: CaseFacts, actor: Actor) -> list[str]:
    """The actions to offer this person on this case now, in display order."""
    return [a for a in ACTION_ORDER if check(a, actor, facts) is None]


# ---- who acts next -------------------------------------------------------------------------

@dataclass(frozen=True)
class Responsible:
    """One who must act next: a named person, or anyone with `role` (None: any role) in
    `department_id` (None: in any department). `task` names the inbox section it lands in."""

    task: str
    staff_id: int | None = None
    role: str | None = None
    department_id: int | None = None

    def covers(self, actor: Actor) -> bool:
        if self.staff_id is not None:
            return actor.id == self.staff_id
        if actor.role not in STAFF_ROLES:  # the auditor reads; nothing waits for them
            return False
        return ((self.role is None or actor.role == self.role)
                and (self.department_id is None or actor.department_id == self.department_id))


def next_actors(c: CaseFacts) -> tuple[Responsible, ...]:
    """Who must act next on a case that is not final (docs/lifecycle.md, "Who acts next"); empty for
    a closed or referred case. Every open case names at least one."""
    out: list[Responsible] = []
    status = c.status
    if status == REGISTERED:
        out.append(Responsible("to_hand_over", staff_id=c.first_owner_id))
    elif status == RETURNED:
        out.append(Responsible("returned", staff_id=c.first_owner_id))
    elif status == TRANSFERRED:
        if c.pending_staff_id is not None:
            out.append(Responsible("to_accept", staff_id=c.pending_staff_id))
        else:
            out.append(Responsible("to_accept", department_id=c.pending_department_id))
    elif status == ESCALATED:
        out.append(Responsible("to_assign", role=LEADER))
    elif status == IN_PROGRESS:
        out.append(Responsible("in_progress", staff_id=c.handler_id))
    elif status == AWAITING:
        out.append(Responsible("awaiting", staff_id=c.handler_id))
    elif status == RESOLVED:
        out.append(Responsible("to_close" if c.anonymous else "to_notify",
                               staff_id=c.first_owner_id))
    elif status == NOTIFIED:
        out.append(Responsible("to_close", staff_id=c.first_owner_id))
    if status in (IN_PROGRESS, AWAITING) and c.extension_due is not None:
        out.append(Responsible("extensions", role=LEADER))
    if status in OPEN_STATUSES and c.kind == "hazard" and not c.hazard_verified:
        out.append(Responsible("hazards", role=SAFETY_OFFICER))
    if status in OPEN_STATUSES and c.kind == "accident":
        out.append(Responsible("accidents", role=SAFETY_OFFICER))
    if c.rectification_open:
        out.append(Responsible("follow_ups", staff_id=c.first_owner_id))
        out.append(Responsible("rectifications", role=LEADER))
    return tuple(out)


def is_next_actor(actor: Actor, c: CaseFacts) -> bool:
    return any(r.covers(actor) for r in next_actors(c))


# ---- the picture -----------------------------------------------------------------------------

def mermaid(lang: str = "zh") -> str:
    """A Mermaid state diagram of the table (docs/lifecycle.md holds its output)."""
    ids = {s: s for s in STATUSES}
    lines = ["stateDiagram-v2"]
    lines += [f"    {ids[s]} : {STATUSES[s].text(lang)}" for s in STATUSES]
    for status, label in INTAKE_OUTCOMES:
        lines.append(f"    [*] --> {ids[status]} : {label.text(lang)}")
    edges: dict[tuple[str, str], list[str]] = {}
    for spec in TABLE:
        for start in spec.from_statuses:
            end = spec.to_status or start
            if end != start:
                edges.setdefault((start, end), []).append(spec.label.text(lang))
    for starts, end, label in SYSTEM_STEPS:
        for start in starts:
            edges.setdefault((start, end), []).append(label.text(lang))
    for (start, end), labels in edges.items():
        lines.append(f"    {ids[start]} --> {ids[end]} : {' / '.join(labels)}")
    for final in (CLOSED, REFERRED):
        lines.append(f"    {ids[final]} --> [*]")
    return "\n".join(lines) + "\n"


def table_rows(lang: str = "zh") -> list[dict[str, Any]]:
    """The table as plain rows (the command line prints them; docs list them)."""
    rows = []
    for spec in TABLE:
        for rule in spec.rules:
            rows.append({
                "action": spec.name, "label": spec.label.text(lang),
                "roles": sorted(spec.roles), "from": list(rule.statuses),
                "relations": list(rule.relations), "requires": list(rule.requires),
                "to": spec.to_status or "", "events": list(spec.events),
            })
    return rows
