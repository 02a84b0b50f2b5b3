"""Each person's inbox: the cases waiting for them, in sections per role and relation.

The sections are data (like a help desk's queue definitions): who has each one, the SQL
condition over "case" for that person, and the order. The navigation counts, the inbox page,
the command line's `inbox` and the tests all read them. Which sections a case falls into
mirrors core.cases.lifecycle.next_actors; a test keeps the two in step and checks that every
open case is in some active person's inbox and that each inbox holds only cases its owner can
act on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from core import register
from core.admin.staff import StaffInfo
from core.cases.queries import CaseFilter, CaseRow, count_cases, fetch_rows
from core.errors import Term
from core.vocab import (
    AWAITING,
    DEPT_HEAD,
    ESCALATED,
    IN_PROGRESS,
    LEADER,
    NOTIFIED,
    OPEN_STATUSES,
    REGISTERED,
    RESOLVED,
    RETURNED,
    RUNNING_STATUSES,
    SAFETY_OFFICER,
    STAFF_ROLES,
    TRANSFERRED,
)
from models.database import db, is_sqlite, timestamp_param
from models.tables import InboxSeen

Sql = tuple[str, list[object]]


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)  # fixed vocabulary, never user input


OPEN_IN = f"status IN ({_marks(OPEN_STATUSES)})"
RUNNING_IN = f"status IN ({_marks(RUNNING_STATUSES)})"
_OPEN_RECTIFICATION = "id IN (SELECT case_id FROM rectification WHERE done_at IS NULL)"


@dataclass(frozen=True)
class Section:
    key: str
    label: Term
    applies: Callable[[StaffInfo], bool]
    condition: Callable[[StaffInfo, datetime], Sql]
    sort: str = "due_at"  # a core.cases.queries.SORTABLE key
    descending: bool = False
    # True: the section lists the cases where lifecycle.next_actors names this person (it
    # mirrors that rule); False: a supervisor's view over cases they may act on.
    next_actor: bool = True


def _p() -> str:
    return db.param


def _mine(column: str, status: str) -> Callable[[StaffInfo, datetime], Sql]:
    def cond(s: StaffInfo, _now: datetime) -> Sql:
        return f"{column} = {_p()} AND status = {_p()}", [s.id, status]
    return cond


def _to_notify(s: StaffInfo, _now: datetime) -> Sql:
    p = _p()
    return (f"first_owner_id = {p} AND status = {p} AND anonymous = {p}",
            [s.id, RESOLVED, False])


def _to_accept(s: StaffInfo, _now: datetime) -> Sql:
    """Named to me, or to my department with nobody named."""
    p = _p()
    if s.department_id is None:
        return f"status = {p} AND pending_staff_id = {p}", [TRANSFERRED, s.id]
    return (f"status = {p} AND (pending_staff_id = {p} OR "
            f"(pending_staff_id IS NULL AND pending_department_id = {p}))",
            [TRANSFERRED, s.id, s.department_id])


def _to_close(s: StaffInfo, _now: datetime) -> Sql:
    p = _p()
    return (f"first_owner_id = {p} AND (status = {p} OR (status = {p} AND anonymous = {p}))",
            [s.id, NOTIFIED, RESOLVED, True])


def _follow_ups(s: StaffInfo, _now: datetime) -> Sql:
    return f"first_owner_id = {_p()} AND {_OPEN_RECTIFICATION}", [s.id]


def _unclaimed(s: StaffInfo, _now: datetime) -> Sql:
    """Every hand-over to the department not yet accepted, named to a member or not (a head
    may accept or return them too)."""
    p = _p()
    return f"status = {p} AND pending_department_id = {p}", [TRANSFERRED, s.department_id]


def _end_of_today(now: datetime) -> datetime:
    return datetime.combine(now.date(), time.min) + timedelta(days=1)


def _dept_late(s: StaffInfo, now: datetime) -> Sql:
    """The department's cases overdue or due by the end of today."""
    p = _p()
    return (f"{RUNNING_IN} AND due_at < {p} AND (department_id = {p} OR "
            f"pending_department_id = {p})",
            [timestamp_param(_end_of_today(now)), s.department_id, s.department_id])


def _pending_extension() -> str:
    """Cases with an undecided extension request, by their partial index: on SQLite the
    status is written `+status` so that the status index is not taken instead (the partial
    index is empty most of the time, and an empty index has no planner figures)."""
    p, status = _p(), "+status" if is_sqlite() else "status"
    return f"extension_due IS NOT NULL AND {status} IN ({p}, {p})"


def _dept_extensions(s: StaffInfo, _now: datetime) -> Sql:
    return (f"{_pending_extension()} AND department_id = {_p()}",
            [IN_PROGRESS, AWAITING, s.department_id])


def _escalated(_s: StaffInfo, _now: datetime) -> Sql:
    return f"status = {_p()}", [ESCALATED]


def _extensions(_s: StaffInfo, _now: datetime) -> Sql:
    return _pending_extension(), [IN_PROGRESS, AWAITING]


def _rectifications(_s: StaffInfo, _now: datetime) -> Sql:
    return _OPEN_RECTIFICATION, []


def _overdue(_s: StaffInfo, now: datetime) -> Sql:
    return f"{RUNNING_IN} AND due_at < {_p()}", [timestamp_param(now)]


def _hazards(_s: StaffInfo, _now: datetime) -> Sql:
    return (f"kind = {_p()} AND {OPEN_IN} AND id NOT IN "
            "(SELECT case_id FROM case_event WHERE type = 'hazard_verified')", ["hazard"])


def _accidents(_s: StaffInfo, _now: datetime) -> Sql:
    return f"kind = {_p()} AND {OPEN_IN}", ["accident"]


def _staff(s: StaffInfo) -> bool:
    return s.active and s.role in STAFF_ROLES


def _role(*roles: str) -> Callable[[StaffInfo], bool]:
    return lambda s: s.active and s.role in roles


def _head(s: StaffInfo) -> bool:
    return s.active and s.role == DEPT_HEAD and s.department_id is not None


# In the order the inbox shows them: what is waiting longest for this person first.
SECTIONS: tuple[Section, ...] = (
    Section("returned", Term("退回给我", "Returned to me"), _staff,
            _mine("first_owner_id", RETURNED), sort="registered_at"),
    Section("to_accept", Term("待我签收", "To accept"), _staff, _to_accept, sort="registered_at"),
    Section("to_hand_over", Term("待我移交或办理", "To hand over or take on"), _staff,
            _mine("first_owner_id", REGISTERED), sort="registered_at"),
    Section("in_progress", Term("我在办理", "I am handling"), _staff,
            _mine("handler_id", IN_PROGRESS)),
    Section("awaiting", Term("等待补正材料", "Awaiting materials"), _staff,
            _mine("handler_id", AWAITING)),
    Section("to_notify", Term("待答复办事人", "Result to tell the visitor"), _staff, _to_notify,
            sort="registered_at"),
    Section("to_close", Term("待结案（可登记评价）", "To close (evaluation)"), _staff, _to_close,
            sort="registered_at"),
    Section("follow_ups", Term("差评待回访", "Follow-up calls due"), _staff, _follow_ups,
            sort="registered_at"),
    Section("unclaimed", Term("本部门未签收", "Department: not yet accepted"), _head, _unclaimed,
            sort="registered_at", next_actor=False),
    Section("dept_late", Term("本部门超期及今日到期", "Department: overdue or due today"), _head,
            _dept_late, next_actor=False),
    Section("dept_extensions", Term("本部门延期申请", "Department: extension requests"), _head,
            _dept_extensions, next_actor=False),
    Section("to_assign", Term("待领导指派", "To assign (escalated)"), _role(LEADER), _escalated,
            sort="registered_at"),
    Section("extensions", Term("待审批延期", "Extensions to decide"), _role(LEADER), _extensions),
    Section("rectifications", Term("差评整改", "Rectifications"), _role(LEADER), _rectifications,
            sort="registered_at"),
    Section("overdue", Term("全部超期", "Everything overdue"), _role(LEADER), _overdue,
            next_actor=False),
    Section("hazards", Term("待核实隐患（24 小时内）", "Hazards to verify (24 h)"),
            _role(SAFETY_OFFICER), _hazards),
    Section("accidents", Term("安全事故", "Accidents"), _role(SAFETY_OFFICER), _accidents),
)
SECTION_BY_KEY = {s.key: s for s in SECTIONS}


def sections_for(staff: StaffInfo) -> tuple[Section, ...]:
    return tuple(s for s in SECTIONS if s.applies(staff))


def section_sql(key: str, staff: StaffInfo, now: datetime | None = None) -> Sql:
    """One section's condition for one person (core.cases.queries puts it into the list's SQL)."""
    return SECTION_BY_KEY[key].condition(staff, now or register.now())


def section_filter(key: str, staff: StaffInfo) -> CaseFilter:
    """The list showing one section: every case of it, open or not, in its own order."""
    section = SECTION_BY_KEY[key]
    return CaseFilter(scope="all", inbox=(key, staff.id), sort=section.sort,
                      descending=section.descending)


@dataclass(frozen=True)
class SectionCount:
    key: str
    label: Term
    total: int
    new: int  # arrived since the person last looked at this section


def counts(staff: StaffInfo, now: datetime | None = None) -> list[SectionCount]:
    """Every section this person has, with its size and how many are new to them."""
    now = now or register.now()
    seen = last_seen(staff.id)
    out = []
    for section in sections_for(staff):
        cond, params = section.condition(staff, now)
        total = int(db.execute_sql(f'SELECT COUNT(*) FROM "case" WHERE {cond}', params)
                    .fetchone()[0])
        new = 0
        if total:
            since = seen.get(section.key)
            if since is None:
                new = total
            else:
                new = int(db.execute_sql(
                    f'SELECT COUNT(*) FROM "case" WHERE {cond} AND updated_at > {db.param}',
                    [*params, timestamp_param(since)]).fetchone()[0])
        out.append(SectionCount(section.key, section.label, total, new))
    return out


def rows(staff: StaffInfo, key: str, limit: int = 500) -> list[CaseRow]:
    return fetch_rows(section_filter(key, staff), 0, limit)


def case_ids(staff: StaffInfo, now: datetime | None = None) -> dict[str, list[int]]:
    """Every case id in each of this person's sections (the command line and the tests)."""
    now = now or register.now()
    out = {}
    for section in sections_for(staff):
        cond, params = section.condition(staff, now)
        out[section.key] = [r[0] for r in db.execute_sql(
            f'SELECT id FROM "case" WHERE {cond} ORDER BY id', params).fetchall()]
    return out


def total(staff: StaffInfo) -> int:
    return sum(c.total for c in counts(staff))


def last_seen(staff_id: int) -> dict[str, datetime]:
    return {r.section: r.seen_at for r in InboxSeen.select().where(InboxSeen.staff == staff_id)}


def mark_seen(staff_id: int, key: str, at: datetime | None = None) -> None:
    """The person looked at a section: what is there now is no longer new to them."""
    from models.database import write_transaction

    at = at or register.now()
    with write_transaction():
        InboxSeen.insert(staff=staff_id, section=key, seen_at=at).on_conflict(
            conflict_target=[InboxSeen.staff, InboxSeen.section],
            update={InboxSeen.seen_at: at}).execute()


def count_filter(key: str, staff: StaffInfo) -> int:
    return count_cases(section_filter(key, staff))


def stranded_by(staff_id: int, *, active: bool, role: str, department_id: int | None) -> int:
    """How many open cases would wait for nobody if this member became inactive or changed
    role or department: cases naming them as who acts next, escalations and extension
    requests if they are the last leader, department hand-overs if they are its last member.
    The staff screens refuse such a change until the cases are handed over."""
    from models.tables import Staff

    me = Staff.get_by_id(staff_id)
    p = db.param

    def count(where: str, params: list[object]) -> int:
        return int(db.execute_sql(f'SELECT COUNT(*) FROM "case" WHERE {where}', params)
                   .fetchone()[0])

    stranded = 0
    if not active or role not in STAFF_ROLES:
        stranded += count(
            f"(first_owner_id = {p} AND status IN ({p}, {p}, {p}, {p})) OR "
            f"(handler_id = {p} AND status IN ({p}, {p})) OR "
            f"(pending_staff_id = {p} AND status = {p})",
            [staff_id, REGISTERED, RETURNED, RESOLVED, NOTIFIED, staff_id, IN_PROGRESS, AWAITING,
             staff_id, TRANSFERRED])
    others = Staff.select().where(Staff.active & (Staff.id != staff_id))
    if me.role == LEADER and (not active or role != LEADER) and not others.where(
            Staff.role == LEADER).exists():
        stranded += count(f"status = {p} OR (extension_due IS NOT NULL AND status IN ({p}, {p}))",
                          [ESCALATED, IN_PROGRESS, AWAITING])
    old_dep = me.department_id
    leaves = not active or department_id != old_dep or role not in STAFF_ROLES
    if old_dep is not None and leaves and not others.where(
            (Staff.department == old_dep) & Staff.role.in_(tuple(STAFF_ROLES))).exists():
        stranded += count(f"status = {p} AND pending_staff_id IS NULL AND pending_department_id = {p}",
                          [TRANSFERRED, old_dep])
    return stranded
