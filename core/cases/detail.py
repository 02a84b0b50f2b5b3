"""One case in full for the detail pane and the slips: header, materials, timeline."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from core import register
from core.admin.catalogue import ItemInfo, item_at_version
from core.calendar.workcalendar import WorkCalendar
from core.cases.casebase import get_case
from core.cases.due import due_info
from core.cases.guard import facts_of
from core.cases.privacy import may_see_protected, protected_name
from core.cases.validation import mask_phone
from core.vocab import EVENT_TYPES, PROTECTED_KINDS, TRANSFERRED
from models.tables import Case, CaseEvent, Department, ReceivedMaterial, Referral, Staff


@dataclass(frozen=True)
class MaterialRow:
    name: str
    original: bool
    copies: int
    pages: int
    received: bool


@dataclass(frozen=True)
class TimelineEntry:
    id: int
    at: datetime
    type: str
    label: str
    actor: str
    from_name: str  # a staff member or department the case came from
    to_name: str
    note: str
    data: dict
    status_after: str
    accepted_at: datetime | None = None  # for hand-overs: when the receiver accepted
    accepted_after_minutes: int | None = None  # working minutes until acceptance
    from_department: str = ""  # the department it came from (a hand-over's 转出部门)


@dataclass(frozen=True)
class CaseDetail:
    id: int
    number: str
    version: int
    status: str
    channel: str
    kind: str
    anonymous: bool
    visitor_name: str
    visitor_phone: str  # full: callers decide whether to mask
    visitor_phone_masked: str
    visitor_unit: str
    subject: str
    description: str
    service_item_id: int | None
    item: ItemInfo | None  # at the version the visitor was told
    first_owner_id: int
    first_owner: str
    handler_id: int | None
    handler: str
    department_id: int | None
    department: str
    pending_staff_id: int | None
    pending_department_id: int | None
    pending: str
    registered_at: datetime
    due_at: datetime | None
    due_state: str  # core.cases.due.STATES: none | paused | overdue | due_today | due_soon | ok
    remaining_minutes: int | None  # working minutes left (negative: overdue)
    paused_at: datetime | None
    visit_count: int
    handover_count: int
    result: str
    resolved_at: datetime | None
    notified_at: datetime | None
    closed_at: datetime | None
    evaluation: int | None
    extended: bool
    materials: tuple[MaterialRow, ...]
    timeline: tuple[TimelineEntry, ...]
    referral_place: str
    referral_contact: str
    calendar_warning: bool  # the due date lies in a year without an official schedule
    extension_due: datetime | None = None  # asked for, not yet decided
    hazard_verified: bool = False
    rectification_open: bool = False  # a poor evaluation's rectification awaiting follow-up
    returned_reason: str = ""  # while returned: why the receiver sent it back
    location: str = ""  # where it is (a hazard's 隐患地点)


def _name(mapping: dict[int, str], key: int | None) -> str:
    return mapping.get(key, "") if key else ""


def _visible_name(case: Case, viewer_id: int | None) -> str:
    """A complainant's or whistleblower's name only for those who must know (政策: 保护
    投诉举报人); others see 张*. No viewer: the caller prints for the visitor."""
    if viewer_id is None or case.kind not in PROTECTED_KINDS:
        return case.visitor_name
    viewer = Staff.get_or_none(Staff.id == viewer_id)
    if viewer is not None and may_see_protected(viewer.id, viewer.role, case.first_owner_id,
                                                case.handler_id):
        return case.visitor_name
    return protected_name(case.visitor_name)


def case_detail(case_id: int, viewer_id: int | None = None) -> CaseDetail:
    """Everything the detail pane shows; with `viewer_id`, a protected visitor's name is
    masked unless that viewer may see it."""
    case = get_case(case_id)
    staff = {s.id: s.name for s in Staff.select(Staff.id, Staff.name)}
    deps = {d.id: d.name for d in Department.select(Department.id, Department.name)}
    now = register.now()
    cal = register.calendar()
    settings = register.org_settings()
    events = list(CaseEvent.select().where(CaseEvent.case == case.id).order_by(CaseEvent.at, CaseEvent.id))
    timeline = _timeline(events, staff, deps, cal)
    due = due_info(case.status, case.due_at, case.paused_remaining, now=now, calendar=cal,
                   warn_minutes=int(settings.warn_hours * 60))
    state, remaining = due.state, due.minutes
    mats = tuple(MaterialRow(m.name, m.original, m.copies, m.pages, m.received)
                 for m in ReceivedMaterial.select().where(ReceivedMaterial.case == case.id)
                 .order_by(ReceivedMaterial.position))
    referral = Referral.get_or_none(Referral.case == case.id)
    item = (item_at_version(case.service_item_id, case.item_version or 0)  # 0: none kept
            if case.service_item_id else None)
    pending = _name(staff, case.pending_staff_id) or _name(deps, case.pending_department_id)
    # Any year of the window without a published schedule, not only the due year's.
    warn = case.due_at is not None and bool(cal.years_missing(case.registered_at, case.due_at))
    facts = facts_of(case)
    returned = next((e.note for e in reversed(events) if e.type == "returned"), "")
    return CaseDetail(
        case.id, case.number, case.version, case.status, case.channel, case.kind, case.anonymous,
        _visible_name(case, viewer_id), case.visitor_phone, mask_phone(case.visitor_phone),
        case.visitor_unit,
        case.subject, case.description, case.service_item_id, item, case.first_owner_id,
        _name(staff, case.first_owner_id), case.handler_id, _name(staff, case.handler_id),
        case.department_id, _name(deps, case.department_id), case.pending_staff_id,
        case.pending_department_id, pending, case.registered_at, case.due_at, state, remaining,
        case.paused_at, case.visit_count, case.handover_count, case.result, case.resolved_at,
        case.notified_at, case.closed_at, case.evaluation, case.extended, mats, timeline,
        referral.place if referral else "", referral.contact if referral else "", warn,
        case.extension_due, facts.hazard_verified, facts.rectification_open,
        returned if case.status == "returned" else "", case.location,
    )


def _timeline(events: list[CaseEvent], staff: dict[int, str], deps: dict[int, str],
              cal: WorkCalendar) -> tuple[TimelineEntry, ...]:
    out: list[TimelineEntry] = []
    for i, e in enumerate(events):
        accepted_at = after = None
        if e.type in ("transferred", "assigned", "safety_escalated") and e.status_after == TRANSFERRED:
            nxt = next((x for x in events[i + 1:] if x.type in
                        ("accepted", "returned", "transferred", "assigned", "auto_escalated")), None)
            if nxt is not None and nxt.type == "accepted":
                accepted_at = nxt.at
                after = cal.working_minutes_between(e.at, nxt.at)
        from_name = _name(staff, e.from_staff_id) or _name(deps, e.from_department_id)
        to_name = " / ".join(x for x in (_name(deps, e.to_department_id),
                                         _name(staff, e.to_staff_id)) if x)
        out.append(TimelineEntry(
            e.id, e.at, e.type, EVENT_TYPES.get(e.type, (e.type,))[0],
            _name(staff, e.actor_id) or "系统", from_name, to_name, e.note,
            json.loads(e.data) if e.data else {}, e.status_after, accepted_at, after,
            _name(deps, e.from_department_id),
        ))
    return tuple(out)


def event_count(case_id: int) -> int:
    return CaseEvent.select().where(CaseEvent.case == case_id).count()


__all__ = ["Case", "CaseDetail", "TimelineEntry", "case_detail"]
