"""Registering a contact as a case, with the scope decision made at the desk (rules 1, 2, 8)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from core import audit, register
from core.calendar.deadlines import limit_for
from core.cases.casebase import due_for, get_department, get_staff
from core.cases.validation import (
    check_choice,
    check_id_number,
    check_int,
    clean_text,
    normalize_phone,
)
from core.dto import CaseRef, IntakeForm, MaterialInput, Scope
from core.errors import DomainError, ValidationError
from core.permissions import get_actor, valid_id
from core.vocab import (
    CHANNELS,
    CLOSED,
    ESCALATED,
    IN_PROGRESS,
    KINDS,
    REFERRED,
    REGISTERED,
    TRANSFERRED,
)
from models import search
from models.database import db, is_sqlite, write_transaction
from models.tables import (
    Case,
    CaseEvent,
    Department,
    ReceivedMaterial,
    Referral,
    ServiceItem,
    Staff,
    Visitor,
)

log = logging.getLogger(__name__)

SCOPES = ("answered", "own", "assign", "transfer", "escalate", "refer", "later")
MAX_MATERIALS = 200
T = TypeVar("T")


class _Errors:
    """Runs each field's check and keeps every refusal, so a form hears about all of its
    problems at once (a check that fails gives back a blank value)."""

    def __init__(self) -> None:
        self.found: list[ValidationError] = []

    def check(self, fn: Callable[..., T], *args: Any, blank: T, **kwargs: Any) -> T:
        try:
            return fn(*args, **kwargs)
        except ValidationError as exc:
            self.found.append(exc)
            return blank


def form_errors(form: IntakeForm) -> list[ValidationError]:
    """Every field problem of the form, in the form's order (empty: it would be saved)."""
    errors = _Errors()
    _clean(form, errors)
    return errors.found


def validate_form(form: IntakeForm) -> IntakeForm:
    """Clean every field or raise ValidationError naming the (first) field; nothing is saved."""
    errors = _Errors()
    cleaned = _clean(form, errors)
    if errors.found:
        raise errors.found[0]
    return cleaned


def _material(m: MaterialInput, errors: _Errors) -> MaterialInput:
    return MaterialInput(
        name=errors.check(clean_text, m.name, "material", required=True, blank=""),
        original=bool(m.original),
        copies=errors.check(check_int, m.copies, "copies", 0, 99, blank=0),
        pages=errors.check(check_int, m.pages, "pages", 0, 9999, blank=0),
        received=bool(m.received),
    )


def _clean(form: IntakeForm, errors: _Errors) -> IntakeForm:
    settings = register.org_settings()
    check = errors.check
    check(check_choice, form.channel, "channel", CHANNELS, blank="")
    if check(check_choice, form.kind, "kind", KINDS, blank="") and (
            form.kind not in settings.kinds and form.kind not in ("hazard", "accident")):
        errors.found.append(ValidationError("bad_choice", at="kind", field=KINDS[form.kind],
                                            value=form.kind))
    anonymous = bool(form.anonymous)
    phone = check(normalize_phone, form.visitor_phone, blank="")
    name = check(clean_text, form.visitor_name, "visitor_name", required=not anonymous, blank="")
    if form.channel == "phone" and not anonymous and not phone and not form.visitor_phone:
        # Rule 1 / 4.5: phone inquiries and reports are logged with the caller's number.
        check(normalize_phone, form.visitor_phone, required=True, blank="")
    unit = check(clean_text, form.visitor_unit, "visitor_unit", blank="")
    id_number = check(check_id_number, form.id_number, blank="")
    subject = check(clean_text, form.subject, "subject", required=True, blank="")
    description = check(clean_text, form.description, "description", multiline=True, blank="")
    if len(form.materials) > MAX_MATERIALS:
        errors.found.append(ValidationError("too_long", at="materials", field="材料",
                                            limit=MAX_MATERIALS))
    materials = tuple(_material(m, errors) for m in form.materials[:MAX_MATERIALS])
    scope = form.scope
    if check(check_choice, scope.kind, "scope", SCOPES, blank="") == "refer":
        scope = Scope(kind="refer",
                      place=check(clean_text, scope.place, "place", required=True, blank=""),
                      contact=check(clean_text, scope.contact, "contact", blank=""))
    if scope.kind == "answered":
        scope = Scope(kind="answered", result=check(
            clean_text, scope.result or form.description, "result", required=True,
            multiline=True, blank=""))
    note = check(clean_text, form.note, "note", multiline=True, blank="")
    location = check(clean_text, form.location, "location", blank="")
    if anonymous:
        name, phone, unit, id_number = "", "", "", ""
    return IntakeForm(
        channel=form.channel, kind=form.kind, subject=subject, visitor_name=name,
        visitor_phone=phone, visitor_unit=unit, id_number=id_number, anonymous=anonymous,
        description=description, service_item_id=form.service_item_id, materials=materials,
        scope=scope, note=note, location=location,
    )


def _allocate_number(at: datetime) -> str:
    """Next per-day number, atomic under concurrency: one upsert that returns the new value."""
    day = at.strftime("%Y%m%d")
    p = db.param
    sql = (
        f"INSERT INTO case_counter (day, last) VALUES ({p}, 1) "
        "ON CONFLICT (day) DO UPDATE SET last = case_counter.last + 1 RETURNING last"
    )
    (seq,) = db.execute_sql(sql, (day,)).fetchone()
    return f"{day}-{seq:04d}"


def _visitor_for(form: IntakeForm, at: datetime) -> Visitor | None:
    if form.anonymous or not (form.visitor_phone or form.visitor_name):
        return None
    visitor = None
    if form.visitor_phone:
        visitor = (Visitor.select().where(Visitor.phone == form.visitor_phone)
                   .order_by(Visitor.id.desc()).first())
    if visitor is None:
        return Visitor.create(name=form.visitor_name, phone=form.visitor_phone,
                              unit=form.visitor_unit, id_number=form.id_number, created_at=at)
    changed = False
    for attr in ("name", "unit", "id_number"):
        value = getattr(form, "visitor_" + attr if attr != "id_number" else attr)
        if value and getattr(visitor, attr) != value:
            setattr(visitor, attr, value)
            changed = True
    if changed:
        visitor.save()
    return visitor


def _safety_department() -> Department | None:
    return Department.select().where(Department.is_safety, Department.active).first()


def register_case(actor_id: int, form: IntakeForm) -> CaseRef:
    """Register a contact, decide its scope and log both — all in one transaction."""
    actor = get_actor(actor_id, "register")
    form = validate_form(form)
    with write_transaction():
        ref = record_registration(actor, form, register.now())
    log.info("registered %s (%s/%s) by %s", ref.number, form.channel, form.kind, actor.username)
    return ref


def record_registration(actor: Staff, form: IntakeForm, at: datetime, *, number: str = "",
                        origin: dict[str, Any] | None = None) -> CaseRef:
    """The registration itself, inside the caller's transaction, for a validated form:
    `number` given (a provisional one, in the local copy of an offline window) or the next of
    the day; `origin` says where an offline registration was taken (docs/offline.md) and goes
    into the first history row, so the case's history shows it."""
    item = None
    if form.service_item_id is not None:
        item = (ServiceItem.get_or_none(ServiceItem.id == form.service_item_id)
                if valid_id(form.service_item_id) else None)
        if item is None or not item.active:
            raise DomainError("item_not_found", ref=form.service_item_id)
    scope = form.scope
    target_staff = get_staff(scope.staff_id) if scope.staff_id else None
    target_dep = get_department(scope.department_id) if scope.department_id else None
    if scope.kind == "assign" and target_staff is None:
        raise ValidationError("required", at="scope", field="承办人")
    if scope.kind == "transfer" and target_dep is None and target_staff is None:
        raise ValidationError("required", at="scope", field="承办部门")
    visitor = _visitor_for(form, at)
    number = number or _allocate_number(at)
    case = Case.create(
        number=number, channel=form.channel, kind=form.kind, visitor=visitor,
        anonymous=form.anonymous, visitor_name=form.visitor_name,
        visitor_phone=form.visitor_phone, visitor_unit=form.visitor_unit,
        location=form.location,
        subject=form.subject, description=form.description, service_item=item,
        item_version=item.version if item else None, first_owner=actor,
        department=item.department_id if item else actor.department_id,
        status=REGISTERED, registered_at=at, due_at=due_for(form.kind, item, at),
        updated_at=at, version=1,
    )
    search.add_texts([(case.id, search.grams(f"{form.subject} {form.description}"))])
    if form.materials:
        ReceivedMaterial.insert_many([
            {"case": case.id, "position": i, "name": m.name, "original": m.original,
             "copies": m.copies, "pages": m.pages, "received": m.received}
            for i, m in enumerate(form.materials)
        ]).execute()
    limit = limit_for(form.kind, item, register.org_settings().days_for_kind(form.kind))
    data: dict[str, Any] = limit.as_data()  # the limit, for replays on a changed calendar
    note = form.note
    if origin:
        data["offline"] = origin
        note = "；".join(x for x in (origin_note(origin), form.note) if x)
    CaseEvent.create(case=case.id, type="registered", actor=actor.id, status_after=REGISTERED,
                     note=note, at=at, data=json.dumps(data, ensure_ascii=False))
    audit.record(actor.id, "case.registered", number,
                 {"channel": form.channel, "kind": form.kind, **({"offline": origin} if origin else {})})
    return _decide_at_intake(case, actor, scope, target_dep, target_staff, at)


def origin_note(origin: dict[str, Any]) -> str:
    """离线登记于 W03（临时编号 …），… 同步: the history's words for an offline registration."""
    text = f"离线登记于 {origin.get('station', '')}（临时编号 {origin.get('provisional', '')}）"
    if origin.get("synced_at"):
        text += f"，{str(origin['synced_at'])[:16]} 同步"
    return text


def _decide_at_intake(case: Case, actor: Staff, scope: Scope, dep: Department | None,
                      staff: Staff | None, at: datetime) -> CaseRef:
    from core.cases import workflow

    if case.kind == "accident":
        # 安全首问: an accident goes to the safety department at once, whatever was chosen.
        safety = _safety_department()
        ref = workflow.hand_over(case, actor, safety.id if safety else None, None,
                                 "safety_escalated", "事故立即上报安全管理部门", count=False)
        if safety is None:
            ref = workflow.escalate_case(case.id, actor, "无安全管理部门，事故上报领导")
        return ref
    if scope.kind == "answered":
        return workflow.apply_answered(case, actor, scope.result)
    if scope.kind == "own":
        return workflow.take_on(case, actor, "")
    if scope.kind in ("assign", "transfer"):
        dep_id = dep.id if dep else (staff.department_id if staff else None)
        event = "assigned" if scope.kind == "assign" else "transferred"
        return workflow.hand_over(case, actor, dep_id, staff.id if staff else None, event, "")
    if scope.kind == "escalate":
        return workflow.escalate_case(case.id, actor, "")
    if scope.kind == "refer":
        Referral.create(case=case.id, place=scope.place, contact=scope.contact)
        return workflow.apply_referred(case, actor, scope.place, scope.contact, "")
    return workflow.ref_of(case)


def registration_statuses() -> dict[str, str]:
    """For tests and the GUI: the status each scope leads to."""
    return {"answered": CLOSED, "own": IN_PROGRESS, "assign": TRANSFERRED,
            "transfer": TRANSFERRED, "escalate": ESCALATED, "refer": REFERRED,
            "later": REGISTERED}


__all__ = ["SCOPES", "form_errors", "is_sqlite", "record_registration", "register_case",
           "validate_form"]


def preview_due(kind: str, service_item_id: int | None, at: datetime | None = None) -> datetime | None:
    """The due time the intake form shows live, before anything is saved."""
    if kind not in KINDS:
        return None
    item = ServiceItem.get_or_none(ServiceItem.id == service_item_id) if service_item_id else None
    return due_for(kind, item, at or register.now())
