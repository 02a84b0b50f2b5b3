"""责任追究 and 表扬 (rule 7): violations detected from the history, a supervisor's review,
complaint-based violations and commendations."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

import peewee as pw

from core import audit, register
from core.cases.casebase import get_case, get_staff
from core.cases.validation import check_choice, clean_text
from core.errors import DomainError, Term, english
from core.permissions import get_actor
from core.vocab import DEPT_HEAD, RUNNING_STATUSES
from models.database import (
    db,
    is_sqlite,
    timestamp_param,
    timestamp_value,
    write_transaction,
)
from models.rows import tuples
from models.tables import Case, Commendation, Staff, Violation

if TYPE_CHECKING:
    from core.admin.settings import OrgSettings
    from core.calendar.workcalendar import WorkCalendar

RULES: dict[str, Term] = {
    "late_transfer": Term("未及时移交", "Late hand-over"),
    "late_accept": Term("未及时签收", "Late acceptance"),
    "late_contact": Term("签收后未及时联系办事人", "Visitor not contacted in time"),
    "overdue": Term("超期未办结", "Not resolved in time"),
    "missing_notify": Term("未答复办理结果", "Result not notified"),
    "hazard_unverified": Term("隐患未在24小时内核实", "Hazard not verified in 24 hours"),
    "complaint": Term("被投诉查实", "Upheld complaint"),
}
# Behaviours named by the policies for complaint-based violations.
BEHAVIOURS: dict[str, Term] = {
    "cold_attitude": Term("冷漠对待、态度生硬", "Cold attitude"),
    "forbidden_phrase": Term("使用服务忌语（不知道/没办法/不归我管）", "Forbidden phrases"),
    "shirking": Term("推诿扯皮、踢皮球", "Shirking responsibility"),
    "not_informed": Term("应告知而未告知", "Failed to inform"),
    "delay": Term("拖延办理", "Delay"),
}
SANCTIONS: dict[str, Term] = {
    "education": Term("批评教育", "Talking-to"),
    "circular": Term("通报批评", "Public criticism"),
    "retraining": Term("待岗学习", "Suspension for retraining"),
    "bonus_deduction": Term("扣发奖金", "Bonus deduction"),
    "disciplinary": Term("党纪政纪处分", "Disciplinary action"),
    "dismissal": Term("解除劳动合同", "Dismissal"),
}
HANDOVER_EVENTS = ("transferred", "assigned", "safety_escalated")
DECISION_EVENTS = ("taken", "answered", "transferred", "assigned", "escalated", "referred",
                   "safety_escalated")
CONTACT_EVENTS = ("contacted", "notified", "resolved", "answered")


@dataclass(frozen=True)
class Candidate:
    staff_id: int
    case_id: int
    case_number: str
    rule: str
    occurred_at: datetime
    evidence: str


@dataclass(frozen=True)
class ViolationInfo:
    id: int
    staff_id: int
    staff: str
    case_number: str
    rule: str
    source: str
    status: str
    evidence: str
    occurred_at: datetime
    sanction: str
    reason: str


def _fmt(t: datetime | None) -> str:
    return t.strftime("%m-%d %H:%M") if t else "—"


def _heads() -> dict[int | None, int]:
    """Each department's active head (the first one, if several): who answers for a hand-over
    nobody in particular was asked to accept."""
    heads: dict[int | None, int] = {}
    for sid, dep in (tuples(Staff.select(Staff.id, Staff.department)
                     .where((Staff.role == DEPT_HEAD) & Staff.active & Staff.department.is_null(False))
                     .order_by(Staff.id))):
        heads.setdefault(dep, sid)
    return heads


class _Case(NamedTuple):
    id: int
    number: str
    registered_at: datetime
    status: str
    kind: str
    anonymous: bool
    first_owner_id: int
    handler_id: int | None
    department_id: int | None
    pending_department_id: int | None
    due_at: datetime | None
    paused_at: datetime | None
    resolved_at: datetime | None
    notified_at: datetime | None


class _Event(NamedTuple):
    case_id: int
    type: str
    at: datetime
    actor_id: int | None
    to_staff_id: int | None
    to_department_id: int | None
    status_after: str


def _period_rows(since: datetime, until: datetime) -> tuple[list[_Case], dict[int, list[_Event]]]:
    """The period's cases and their events as plain rows: two range reads, no ORM objects
    (a month of a large centre is tens of thousands of cases and over a hundred thousand
    events)."""
    p = db.param
    bounds = (timestamp_param(since), timestamp_param(until))
    cases = [_Case(cid, number, timestamp_value(reg), status, kind, bool(anon), owner, handler, dep, pdep,
                   timestamp_value(due), timestamp_value(paused), timestamp_value(resolved), timestamp_value(notified))
             for (cid, number, reg, status, kind, anon, owner, handler, dep, pdep, due, paused,
                  resolved, notified) in db.execute_sql(
                 "SELECT id, number, registered_at, status, kind, anonymous, first_owner_id, "
                 "handler_id, department_id, pending_department_id, due_at, paused_at, "
                 f'resolved_at, notified_at FROM "case" WHERE registered_at >= {p} '
                 f"AND registered_at < {p} ORDER BY id", bounds).fetchall()]
    by_case: dict[int, list[_Event]] = defaultdict(list)
    for cid, kind, at, actor, to_staff, to_dep, after in db.execute_sql(
            "SELECT e.case_id, e.type, e.at, e.actor_id, e.to_staff_id, e.to_department_id, "
            'e.status_after FROM case_event e JOIN "case" c ON c.id = e.case_id '
            f"WHERE c.registered_at >= {p} AND c.registered_at < {p} "
            "ORDER BY e.case_id, e.at, e.id", bounds).fetchall():
        by_case[cid].append(_Event(cid, kind, timestamp_value(at), actor, to_staff, to_dep, after))
    return cases, by_case


@dataclass
class _Check:
    """What every rule needs while one period is checked, and the candidates found."""

    now: datetime
    settings: OrgSettings
    cal: WorkCalendar
    heads: dict[int | None, int]
    out: list[Candidate]

    def add(self, staff_id: int | None, case: _Case, rule: str, at: datetime,
            evidence: str) -> None:
        if staff_id is not None:
            self.out.append(Candidate(staff_id, case.id, case.number, rule, at, evidence))


def _late_transfer(c: _Check, case: _Case, evs: list[_Event]) -> None:
    """1. The first owner decides and hands over within N working hours."""
    s, reg = c.settings, case.registered_at
    decision = next((e for e in evs if e.type in DECISION_EVENTS), None)
    decided_at = decision.at if decision else None
    limit_at = c.cal.add_working_minutes(reg, int(s.transfer_within_hours * 60))
    if (decided_at or c.now) > limit_at and (decided_at or case.status == "registered"):
        c.add(case.first_owner_id, case, "late_transfer", limit_at,
              f"登记 {_fmt(reg)}，移交 {_fmt(decided_at)}，时限 {s.transfer_within_hours:g} 个工作小时")


def _late_accept_and_contact(c: _Check, case: _Case, evs: list[_Event]) -> None:
    """2. Each hand-over is accepted or returned within N working hours; 3. after accepting,
    the handler contacts the visitor within N working days."""
    s, cal = c.settings, c.cal
    for i, e in enumerate(evs):
        if e.type not in HANDOVER_EVENTS or e.status_after != "transferred":
            continue
        answer = next((x for x in evs[i + 1:] if x.type in ("accepted", "returned",
                                                            "auto_escalated")), None)
        due = cal.add_working_minutes(e.at, int(s.accept_within_hours * 60))
        answered_at = answer.at if answer else None
        if (answered_at or c.now) > due:
            who = answer.actor_id if answer and answer.actor_id else (
                e.to_staff_id or c.heads.get(e.to_department_id))
            c.add(who, case, "late_accept", due,
                  f"转办 {_fmt(e.at)}，签收/退回 {_fmt(answered_at)}，时限 {s.accept_within_hours:g} 个工作小时")
        if answer is not None and answer.type == "accepted" and not case.anonymous:
            contact = next((x for x in evs if x.at >= answer.at and x.type in CONTACT_EVENTS), None)
            cdue = cal.add_working_minutes(answer.at, s.contact_within_days * cal.hours.minutes_per_day)
            if (contact.at if contact else c.now) > cdue:
                c.add(answer.actor_id, case, "late_contact", cdue,
                      f"签收 {_fmt(answer.at)}，首次联系 {_fmt(contact.at if contact else None)}")


def _overdue(c: _Check, case: _Case) -> None:
    """4. Resolved by the due time."""
    if case.due_at is None or case.paused_at is not None:
        return
    late = (case.resolved_at and case.resolved_at > case.due_at) or (
        case.resolved_at is None and case.status in RUNNING_STATUSES and c.now > case.due_at)
    if late and case.kind != "hazard":
        c.add(case.handler_id or case.first_owner_id, case, "overdue", case.due_at,
              f"到期 {_fmt(case.due_at)}，办结 {_fmt(case.resolved_at)}")


def _missing_notify(c: _Check, case: _Case) -> None:
    """5. The visitor is told the result within N working days of resolving."""
    if not case.resolved_at or case.anonymous:
        return
    ndue = c.cal.add_working_minutes(
        case.resolved_at, c.settings.notify_within_days * c.cal.hours.minutes_per_day)
    told = case.notified_at
    if (told or c.now) > ndue:
        c.add(case.handler_id or case.first_owner_id, case, "missing_notify", ndue,
              f"办结 {_fmt(case.resolved_at)}，答复 {_fmt(told)}")


def _hazard_unverified(c: _Check, case: _Case, evs: list[_Event]) -> None:
    """6. A hazard is verified by the supervisor within 24 hours."""
    if case.kind != "hazard":
        return
    verified = next((e for e in evs if e.type == "hazard_verified"), None)
    reg = case.registered_at
    vdue = reg + timedelta(hours=c.settings.hazard_verify_hours)
    if (verified.at if verified else c.now) > vdue:
        head = c.heads.get(case.pending_department_id) or c.heads.get(case.department_id)
        c.add(head or case.first_owner_id, case, "hazard_unverified",
              vdue, f"报告 {_fmt(reg)}，核实 {_fmt(verified.at if verified else None)}")


def detect(since: datetime, until: datetime | None = None) -> list[Candidate]:
    """Violations the history shows for cases registered in [since, until), rule by rule
    (each rule's function says which article it checks)."""
    now = register.now()
    check = _Check(now, register.org_settings(), register.calendar(), _heads(), [])
    cases, by_case = _period_rows(since, until or now)
    for case in cases:
        evs = by_case.get(case.id, [])
        _late_transfer(check, case, evs)
        _late_accept_and_contact(check, case, evs)
        _overdue(check, case)
        _missing_notify(check, case)
        _hazard_unverified(check, case, evs)
    return check.out


def sync_candidates(since: datetime, until: datetime | None = None) -> int:
    """Store newly detected candidates for review; returns how many were added. A (person,
    case, rule) already on record, whatever its review status, is not added again — also when
    several windows detect at once (SQLite's write lock, PostgreSQL's advisory lock)."""
    found = detect(since, until)
    if not found:
        return 0
    with write_transaction():
        if not is_sqlite():  # SQLite's write_transaction already holds the write lock
            db.execute_sql("SELECT pg_advisory_xact_lock(hashtext('firstdesk.violations'))")
        case_ids = sorted({c.case_id for c in found})
        seen: set[tuple[int, int, str]] = set()
        for i in range(0, len(case_ids), 500):
            seen.update(tuples(Violation.select(Violation.staff, Violation.case, Violation.rule)
                        .where(Violation.case.in_(case_ids[i:i + 500]))))
        rows = []
        for c in found:
            key = (c.staff_id, c.case_id, c.rule)
            if key not in seen:
                seen.add(key)
                rows.append({"staff": c.staff_id, "case": c.case_id, "rule": c.rule,
                             "source": "detected", "status": "candidate",
                             "evidence": c.evidence, "occurred_at": c.occurred_at})
        for i in range(0, len(rows), 500):
            Violation.insert_many(rows[i:i + 500]).execute()
    return len(rows)


def sweep_start(now: datetime) -> datetime:
    """Detection in the background looks at cases registered since the first of last month:
    a case can run late weeks after it was registered."""
    first = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return (first - timedelta(days=1)).replace(day=1)


def sync_recent() -> int:
    """What the windows of reviewers run in the background as the register changes (and
    every minute, for deadlines that pass with nobody acting): new candidates, stored."""
    return sync_candidates(sweep_start(register.now()))


# Evidence is stored as written at detection (Chinese); these read it in English.
_EVIDENCE_EN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(zh), en) for zh, en in (
        (r"^登记 (.+?)，移交 (.+?)，时限 (.+?) 个工作小时$",
         r"Registered \1, handed over \2, limit \3 working hours"),
        (r"^转办 (.+?)，签收/退回 (.+?)，时限 (.+?) 个工作小时$",
         r"Handed over \1, accepted or returned \2, limit \3 working hours"),
        (r"^签收 (.+?)，首次联系 (.+?)$", r"Accepted \1, first contact \2"),
        (r"^到期 (.+?)，办结 (.+?)$", r"Due \1, resolved \2"),
        (r"^办结 (.+?)，答复 (.+?)$", r"Resolved \1, visitor told \2"),
        (r"^报告 (.+?)，核实 (.+?)$", r"Reported \1, verified \2"),
    ))


def evidence_text(evidence: str, lang: str = "zh") -> str:
    """The evidence in `lang`: detected evidence is translated whole; a complaint's behaviour
    is, and the supervisor's own words after it stay as they were typed."""
    if not english(lang):
        return evidence
    for pattern, in_english in _EVIDENCE_EN:
        if pattern.match(evidence):
            return pattern.sub(in_english, evidence)
    for term in BEHAVIOURS.values():
        if evidence.startswith(term.zh + "："):
            return f"{term.en}: {evidence[len(term.zh) + 1:]}"
    return evidence


def _info(v: Violation) -> ViolationInfo:
    return ViolationInfo(v.id, v.staff_id, v.staff.name, v.case.number if v.case_id and v.case else "",
                         v.rule, v.source, v.status, v.evidence, v.occurred_at, v.sanction, v.reason)


def _with_names() -> pw.ModelSelect[Violation]:
    """Violations with the staff name and case number in the same row (no query per row)."""
    return (Violation.select(Violation, Staff, Case.id, Case.number)
            .join(Staff, on=(Violation.staff == Staff.id))
            .switch(Violation)
            .join(Case, pw.JOIN.LEFT_OUTER, on=(Violation.case == Case.id)))


def list_violations(status: str | None = None, staff_id: int | None = None,
                    since: datetime | None = None, until: datetime | None = None) -> list[ViolationInfo]:
    q = _with_names()
    if status:
        q = q.where(Violation.status == status)
    if staff_id:
        q = q.where(Violation.staff == staff_id)
    q = audit.within(q, Violation.occurred_at, since, until)
    return [_info(v) for v in q.order_by(Violation.occurred_at)]


def _reviewable(actor: Staff, staff_id: int) -> None:
    if actor.role == DEPT_HEAD and get_staff(staff_id).department_id != actor.department_id:
        raise DomainError("not_your_case", who=Term("本部门负责人或领导", "their head or a leader"),
                          action=Term("审核", "review"))


def _decide(actor: Staff, violation_id: int, status: str, sanction: str, reason: str,
            at: datetime) -> Violation:
    v = Violation.get_or_none(Violation.id == violation_id)
    if v is None:
        raise DomainError("not_found", ref=violation_id)
    _reviewable(actor, v.staff_id)
    v.status, v.reason, v.decided_by, v.decided_at = status, reason, actor, at
    if status == "confirmed":
        v.sanction = sanction
    v.save()
    if status == "confirmed":
        audit.record(actor.id, "violation.confirmed", str(v.id), {"sanction": sanction})
    else:
        audit.record(actor.id, "violation.dismissed", str(v.id), reason[:200])
    return v


def confirm(actor_id: int, violation_id: int, sanction: str, note: str = "") -> ViolationInfo:
    return confirm_many(actor_id, [violation_id], sanction, note)[0]


def confirm_many(actor_id: int, violation_ids: list[int], sanction: str,
                 note: str = "") -> list[ViolationInfo]:
    """Confirm several candidates with one sanction and note: all or none (one transaction),
    each audited on its own."""
    actor = get_actor(actor_id, "review_violations")
    check_choice(sanction, "sanction", SANCTIONS)
    note = clean_text(note, "reason", multiline=True)
    with write_transaction():
        at = register.now()
        return [_info(_decide(actor, vid, "confirmed", sanction, note, at))
                for vid in violation_ids]


def dismiss(actor_id: int, violation_id: int, reason: str) -> ViolationInfo:
    return dismiss_many(actor_id, [violation_id], reason)[0]


def dismiss_many(actor_id: int, violation_ids: list[int], reason: str) -> list[ViolationInfo]:
    """Dismiss several candidates for one stated reason: all or none, each audited."""
    actor = get_actor(actor_id, "review_violations")
    reason = clean_text(reason, "reason", required=True, multiline=True)
    with write_transaction():
        at = register.now()
        return [_info(_decide(actor, vid, "dismissed", "", reason, at)) for vid in violation_ids]


def record_complaint(actor_id: int, staff_id: int, behaviour: str, evidence: str, sanction: str,
                     case_id: int | None = None) -> ViolationInfo:
    """A complaint upheld against a staff member (cold attitude, forbidden phrases …)."""
    actor = get_actor(actor_id, "review_violations")
    check_choice(behaviour, "behaviour", BEHAVIOURS)
    check_choice(sanction, "sanction", SANCTIONS)
    evidence = clean_text(evidence, "reason", required=True, multiline=True)
    with write_transaction():
        _reviewable(actor, staff_id)
        if case_id is not None:
            get_case(case_id)
        at = register.now()
        v = Violation.create(staff=staff_id, case=case_id, rule="complaint", source="complaint",
                             status="confirmed", evidence=f"{BEHAVIOURS[behaviour].zh}：{evidence}",
                             occurred_at=at, sanction=sanction, decided_by=actor.id, decided_at=at)
        audit.record(actor.id, "violation.recorded", str(staff_id), {"behaviour": behaviour})
        return _info(v)


def commend(actor_id: int, staff_id: int, note: str, case_id: int | None = None) -> int:
    actor = get_actor(actor_id, "record_commendation")
    note = clean_text(note, "note", required=True, multiline=True)
    with write_transaction():
        get_staff(staff_id)
        audit.record(actor.id, "commendation.recorded", str(staff_id))
        return Commendation.create(staff=staff_id, case=case_id, note=note, recorded_by=actor.id,
                                   at=register.now()).id
