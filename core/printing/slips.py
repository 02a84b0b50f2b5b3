"""Printable documents for a case: gathers the case, item and organisation into the plain
dataclasses of core/printing/paper.py, checked and masked for the person printing; documents/ renders
them and the front-ends (window, command line) print or save the bytes and say so with
`record_printed`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import ClassVar

from core import audit, register
from core.admin.catalogue import MaterialSpec, get_item
from core.admin.guide_values import copies_text, fees_text, form_text, limit_text, requirement_text
from core.admin.organisation import org_info
from core.cases.detail import CaseDetail, TimelineEntry, case_detail
from core.errors import DomainError, Term, english
from core.offline.receipt import receipt_note
from core.permissions import get_actor
from core.printing.paper import (
    FORMATS,
    DocumentData,
    HazardData,
    HistoryData,
    HistoryLine,
    MaterialLine,
    NoticeData,
    OrgHeader,
    Paper,
    ReceiptData,
    ReferralData,
    TransferData,
)
from core.vocab import DEPT_HEAD, EVENT_TYPES, LEADER, PROTECTED_KINDS, SAFETY_OFFICER, STATUSES
from core.vocab import KINDS as CASE_KINDS
from models.database import is_read_only, write_transaction
from models.rows import first_tuple
from models.tables import Department, Staff

log = logging.getLogger(__name__)

KINDS: dict[str, Term] = {
    "receipt": Term("收件回执单", "Receipt slip"),
    "notice": Term("一次性告知单", "One-time notice"),
    "supplement": Term("补正通知书", "Supplement notice"),
    "transfer": Term("转办单", "Transfer slip"),
    "referral": Term("告知去向单", "Referral note"),
    "hazard": Term("安全隐患报告单", "Hazard report"),
    "history": Term("事项办理记录", "Case history"),
}
PROTECTED_NAME = "（投诉举报人信息保密）"
PROTECTED = Term(PROTECTED_NAME, "(complainant's identity protected)")
ANONYMOUS = Term("（匿名）", "(anonymous)")


def _org(window: str = "") -> OrgHeader:
    info = org_info()
    s = info.settings
    return OrgHeader(name=info.name, window=window, phone=s.enquiry_phone or info.phone,
                     address=info.address, logo_path=s.logo_path or None, footer=s.slip_footer)


def _window_of(staff_id: int | None) -> str:
    s = Staff.get_or_none(Staff.id == staff_id) if staff_id else None
    return s.window_no if s else ""


def schedule_notes(registered_at: datetime, due_at: datetime | None,
                   lang: str = "zh") -> tuple[str, str]:
    """(warning, basis) for a printed due time, true at print time: a warning naming each
    year of the window [registration, due] without a published schedule, else the basis."""
    if due_at is None:
        return "", ""
    cal = register.calendar()
    missing = cal.years_missing(registered_at.date(), due_at.date())
    if missing:
        years = "、".join(f"{y}年" for y in missing)
        en_years = ", ".join(str(y) for y in missing)
        return (Term(f"{years}节假日安排尚未公布录入，承诺时间暂按周一至周五（元旦、劳动节、国庆节按"
                     "法定日期）计算，如遇其他法定节假日顺延，请以窗口通知为准。",
                     f"The public holidays of {en_years} are not published yet: the promised "
                     "time counts Monday to Friday (New Year, Labour Day and National Day on "
                     "their statutory dates) and moves on past any other public holiday; the "
                     "window will tell you.").text(lang), "")
    span = range(registered_at.year, due_at.year + 1)
    years = "、".join(f"{y}年" for y in span)
    return "", Term(f"到期时间已按{years}国家法定节假日安排计算。",
                    f"The due time counts the public holidays of "
                    f"{', '.join(str(y) for y in span)}.").text(lang)


def _pickup_at(due: datetime | None) -> datetime | None:
    """Pick-up from the opening of the first working day after the promised completion."""
    if due is None:
        return None
    cal = register.calendar()
    day = cal.next_workday(due.date() + timedelta(days=0), include_self=False)
    start = cal.hours.start if hasattr(cal, "hours") else time(9, 0)
    return datetime.combine(day, start)


def _visitor(d: CaseDetail, *, protect: bool = False, lang: str = "zh") -> tuple[str, str]:
    if d.anonymous:
        return ANONYMOUS.text(lang), ""
    if protect and d.kind in PROTECTED_KINDS:
        return PROTECTED.text(lang), ""
    return d.visitor_name, d.visitor_phone_masked


def receipt_data(d: CaseDetail, lang: str = "zh") -> ReceiptData:
    name, phone = _visitor(d, lang=lang)
    s = register.org_settings()
    warning, basis = schedule_notes(d.registered_at, d.due_at, lang)
    window = _window_of(d.first_owner_id)
    handler = d.first_owner + (Term(f"（{window}）", f" ({window})").text(lang) if window else "")
    org = _org(window)
    return ReceiptData(
        org=org, case_number=d.number, visitor_name=name,
        visitor_phone_masked=phone, visitor_unit=d.visitor_unit,
        service_item=d.item.name if d.item else d.subject,
        item_version=d.item.version if d.item else None,
        materials=tuple(MaterialLine(m.name, m.original, m.copies, m.pages, m.received)
                        for m in d.materials),
        received_at=d.registered_at, handler=handler, due_at=d.due_at,
        pickup_at=_pickup_at(d.due_at), pickup_place=(d.item.location if d.item else "") or s.pickup_place,
        enquiry_phone=s.enquiry_phone, notes=d.description[:300],
        calendar_warning=warning, due_basis=basis,
        instant=bool(d.item and d.item.instant),
        provisional_note=receipt_note(d.number, d.id, s.enquiry_phone or org.phone, lang),
        lang=lang,
    )


class SlipError(DomainError):
    """A document that would say something untrue is refused, saying why in the words a
    clerk uses: what the case lacks, never only its status."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {
        "nothing_missing": ("事项 {number} 没有补正告知记录（没有缺少的材料），不出具补正通知书。",
                            "Case {number} was never asked for materials; there is no "
                            "supplement notice to print."),
        "never_handed_over": ("事项 {number} 没有转办或指派记录，没有可打印的转办单。",
                              "Case {number} was never transferred or assigned; there is no "
                              "transfer slip to print."),
        "not_referred": ("事项 {number} 没有登记告知去向（去向单位和联系方式），"
                         "没有可打印的告知去向单。",
                         "Case {number} has no referral recorded (where the visitor was sent); "
                         "there is no referral note to print."),
        "no_service_item": ("事项 {number} 没有选择办事事项，没有可打印的一次性告知单。",
                            "Case {number} names no service item; there is no one-time notice "
                            "to print."),
        "not_a_hazard": ("事项 {number} 的类型是“{kind}”，不是安全隐患，不出具安全隐患报告单。",
                         "Case {number} is a {kind}, not a hazard; there is no hazard report "
                         "to print."),
    }

    def message(self, lang: str = "zh") -> str:
        zh, en = self.MESSAGES.get(self.code, (self.code, self.code))
        values = {k: v.text(lang) if isinstance(v, Term) else v for k, v in self.fields.items()}
        return (en if english(lang) else zh).format(**values)


def material_lines(materials: tuple[MaterialSpec, ...],
                   lang: str = "zh") -> tuple[MaterialLine, ...]:
    """A guide's materials as a notice prints them: its words, 以窗口告知为准 where silent."""
    return tuple(
        MaterialLine(m.name, m.original, m.copies, None, True, m.note,
                     form_text=form_text(m.form_key, lang),
                     copies_text="" if m.copies is not None else copies_text(None, lang),
                     need_text="" if m.required else requirement_text(m.requirement_key, m.condition,
                                                                      lang))
        for m in materials)


def office_hours(lang: str = "zh") -> str:
    """The organisation's office hours as a notice prints them."""
    s = register.org_settings()
    return Term(f"工作日 {s.office_start}—{s.lunch_start}，{s.lunch_end}—{s.office_end}（法定节假日除外）",
                f"Working days {s.office_start}–{s.lunch_start}, {s.lunch_end}–{s.office_end} "
                "(not on public holidays)").text(lang)


def _asked_for_materials(d: CaseDetail) -> TimelineEntry | None:
    return next((e for e in reversed(d.timeline) if e.type == "awaiting_materials"), None)


def notice_data(d: CaseDetail | None, item_id: int | None = None, kind: str = "notice",
                clerk: str = "", reason: str = "", lang: str = "zh") -> NoticeData:
    """One-time notice (or supplement / refusal notice) from the item the visitor was told.

    告知时间 is when the visitor was told: the registration for a case's notice, the 补正
    request for a supplement notice (with what it listed and the handler's note); a notice
    without a case is being told now."""
    asked = None
    if d is not None and kind == "supplement":
        asked = _asked_for_materials(d)
        if asked is None or not asked.data.get("missing"):
            raise SlipError("nothing_missing", number=d.number)
    item = d.item if d is not None and d.item is not None else (get_item(item_id) if item_id else None)
    hours = office_hours(lang)
    if item is None and d is not None and asked is not None:
        return _supplement_without_item(d, asked, hours, lang)
    if item is None and d is not None and not item_id:
        raise SlipError("no_service_item", number=d.number)
    if item is None:
        raise DomainError("item_not_found", ref=item_id or (d.number if d else ""))
    told_at, note = register.now(), ""
    received = {m.name for m in d.materials if m.received} if d else set()
    missing = tuple(m.name for m in item.materials if m.required and m.name not in received) if d else ()
    if d is not None:
        missing += tuple(m.name for m in d.materials if not m.received and m.name not in missing)
        told_at = d.registered_at
        clerk = clerk or d.first_owner
    if asked is not None:
        missing, told_at, note, clerk = (tuple(asked.data["missing"]), asked.at, asked.note,
                                         asked.actor)
    return NoticeData(
        org=_org(_window_of(d.first_owner_id) if d else ""), case_number=d.number if d else None,
        visitor_name=_visitor(d, lang=lang)[0] if d else "", service_item=item.name,
        item_version=item.version, department=item.department, instant=item.instant,
        promised_days=item.promised_days, materials=material_lines(item.materials, lang),
        steps=item.steps, fees=fees_text(item.fees, lang), legal_basis=item.legal_basis,
        location=item.location, office_hours=hours,
        missing=missing, issued_at=told_at, clerk=clerk, kind=kind, reason=reason,
        time_limit=limit_text(item.instant, item.promised_days, item.legal_days, item.legal_unit,
                              lang),
        note=note, lang=lang,
    )


def _supplement_without_item(d: CaseDetail, asked: TimelineEntry, hours: str,
                             lang: str = "zh") -> NoticeData:
    """A 补正通知书 for a matter outside the catalogue (a repair, a complaint): the case's
    own matter and department, what was asked for and when."""
    return NoticeData(
        org=_org(_window_of(d.first_owner_id)), case_number=d.number,
        visitor_name=_visitor(d, lang=lang)[0], service_item=d.subject, item_version=None,
        department=d.department or d.pending, instant=None, promised_days=0, materials=(),
        steps=(), fees="", legal_basis="", location="", office_hours=hours,
        missing=tuple(asked.data["missing"]), issued_at=asked.at, clerk=asked.actor,
        kind="supplement", note=asked.note, lang=lang,
        time_limit=Term("补正期间暂停计时，材料补齐后继续计算",
                        "Paused until the materials are complete, then runs on").text(lang))


def transfer_data(d: CaseDetail, lang: str = "zh") -> TransferData:
    hand = next((e for e in reversed(d.timeline) if e.type in ("transferred", "assigned",
                                                             "safety_escalated")), None)
    if hand is None:
        raise SlipError("never_handed_over", number=d.number)
    name, phone = _visitor(d, protect=True, lang=lang)
    limit = register.org_settings().accept_within_hours
    return TransferData(
        org=_org(), case_number=d.number, registered_at=d.registered_at, visitor_name=name,
        visitor_phone_masked=phone, subject=d.subject,
        description="" if d.kind in PROTECTED_KINDS else d.description,
        from_staff=hand.actor, from_department=hand.from_department or _department_of(hand.actor),
        to_department=hand.to_name.split(" / ")[0] if hand.to_name else "",
        to_staff=hand.to_name.split(" / ")[1] if " / " in hand.to_name else "",
        transferred_at=hand.at, note=hand.note, due_at=d.due_at,
        accept_by=register.calendar().add_working_hours(hand.at, limit), lang=lang,
    )


def _department_of(staff_name: str) -> str:
    """The department of a member of staff named in the history (old events without one)."""
    row = first_tuple(Staff.select(Department.name)
                      .join(Department, on=(Staff.department == Department.id))
                      .where(Staff.name == staff_name))
    return row[0] if row else ""


def referral_data(d: CaseDetail, lang: str = "zh") -> ReferralData:
    if not d.referral_place:
        raise SlipError("not_referred", number=d.number)
    at = next((e.at for e in d.timeline if e.type == "referred"), d.registered_at)
    note = next((e.note for e in d.timeline if e.type == "referred"), "")
    return ReferralData(org=_org(_window_of(d.first_owner_id)), case_number=d.number,
                        visitor_name=_visitor(d, lang=lang)[0], subject=d.subject,
                        place=d.referral_place, contact=d.referral_contact, note=note,
                        clerk=d.first_owner, referred_at=at, lang=lang)


def direct_supervisor(department_id: int | None) -> str:
    """Who verifies a hazard in a department (安全首问's 直接主管): its head; where it has
    none (a safety office under a leader), its leader, then its safety officer."""
    if not department_id:
        return ""
    for role in (DEPT_HEAD, LEADER, SAFETY_OFFICER):
        name = (Staff.select(Staff.name).where((Staff.department == department_id)
                                               & (Staff.role == role) & Staff.active)
                .order_by(Staff.id).scalar())
        if name:
            return str(name)
    return ""


def hazard_data(d: CaseDetail, lang: str = "zh") -> HazardData:
    if d.kind != "hazard":
        raise SlipError("not_a_hazard", number=d.number, kind=CASE_KINDS[d.kind]
                        if d.kind in CASE_KINDS else d.kind)
    name, phone = _visitor(d, lang=lang)
    hours = register.org_settings().hazard_verify_hours
    return HazardData(org=_org(), case_number=d.number, reporter=name, reporter_phone_masked=phone,
                      location=d.location, description=d.description or d.subject,
                      reported_at=d.registered_at,
                      supervisor=direct_supervisor(d.pending_department_id or d.department_id),
                      verify_by=d.registered_at + timedelta(hours=hours), lang=lang)


def history_data(d: CaseDetail, lang: str = "zh") -> HistoryData:
    def accepted(minutes: int) -> str:
        return Term(f"签收用时 {minutes} 个工作分钟",
                    f"accepted after {minutes} working minutes").text(lang)

    lines = tuple(
        HistoryLine(e.at, e.actor,
                    EVENT_TYPES[e.type].text(lang) if e.type in EVENT_TYPES else e.label,
                    Term("；", "; ").text(lang).join(x for x in (
                        f"{e.from_name} → {e.to_name}" if e.to_name else "", e.note,
                        accepted(e.accepted_after_minutes)
                        if e.accepted_after_minutes is not None else "",
                    ) if x))
        for e in d.timeline
    )
    status = STATUSES[d.status].text(lang) if d.status in STATUSES else d.status
    return HistoryData(org=_org(), case_number=d.number, status=status,
                       visitor_name=_visitor(d, protect=True, lang=lang)[0], subject=d.subject,
                       events=lines, printed_at=register.now(), lang=lang)


def document_for(case_id: int, kind: str, viewer_id: int | None = None,
                 lang: str = "zh") -> DocumentData:
    """With `viewer_id`, a complainant's name is masked as on screen unless that viewer may
    see it (core/cases/privacy.py): the paper follows the same rule as the window. The document's
    own words are in `lang`, the language of the person printing; what the register holds
    (names, the matter, notes) is printed as it was entered."""
    d = case_detail(case_id, viewer_id)
    builders: dict[str, Callable[..., DocumentData]] = {  # (detail, lang)
        "receipt": receipt_data, "transfer": transfer_data, "referral": referral_data,
        "hazard": hazard_data, "history": history_data}
    if kind in builders:
        return builders[kind](d, lang)
    if kind in ("notice", "supplement"):
        return notice_data(d, kind=kind, lang=lang)
    raise ValueError(f"unknown document {kind!r}; choose one of {', '.join(KINDS)}")


def _paper_format(fmt: str | None) -> str:
    fmt = (fmt or register.org_settings().slip_format).lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return fmt


def case_paper(case_id: int, kind: str, fmt: str | None = None, *,
               actor_id: int | None, lang: str = "zh") -> Paper:
    """One document of a case, ready to render, in `fmt` or the organisation's slip format.

    `actor_id` is the person printing (the role is checked, the paper masked as on their
    screen); None only for the program's own paper (the self-test, a bench). The caller
    renders it (documents.render.render) and then records the print (`record_printed`)."""
    if actor_id is not None:
        get_actor(actor_id, "print")
    fmt = _paper_format(fmt)
    return Paper(document_for(case_id, kind, actor_id, lang), fmt, register.now())


def preview_paper(case_id: int, kind: str, fmt: str | None, viewer_id: int,
                  lang: str = "zh") -> Paper:
    """A preview for `viewer_id`, masked as on their screen and in their language; printing
    it is checked and audited by `record_printed`."""
    return Paper(document_for(case_id, kind, viewer_id, lang), _paper_format(fmt),
                 register.now())


def record_printed(actor_id: int, case_id: int, kind: str, fmt: str, how: str = "printer") -> None:
    """A signed-in user printed or saved a document of a case: checked and audited."""
    get_actor(actor_id, "print")
    number = case_detail(case_id).number
    if is_read_only():
        log.warning("printed on a read-only register (not audited): %s %s", number, kind)
        return
    with write_transaction():
        audit.record(actor_id, "printed" if how == "printer" else "saved_pdf", number,
                     {"document": kind, "format": fmt})
