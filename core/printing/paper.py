"""What a printed slip says, as plain frozen dataclasses (no database types, no ReportLab):
core/printing/slips.py fills them, documents/ renders them. They live in core so that core never
imports documents (docs/architecture.md, "Layers")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.errors import Term, english

NOTICE_KINDS = ("notice", "supplement", "refusal")
"""一次性告知单, 补正通知书, 不予受理通知书."""
UNSTATED = "以窗口告知为准"
"""What core passes where a service guide says nothing (core.admin.guide_values.UNKNOWN_TEXT)."""
UNSTATED_TERM = Term(UNSTATED, "ask at the window")
"""The same in both languages (core.admin.guide_values.UNKNOWN): a notice marks it in its tables."""
ORIGINAL = Term("原件", "Original")
COPY = Term("复印件", "Copy")


def _freeze_sequences(obj: Any, *names: str) -> None:
    """Store list arguments as tuples so the frozen dataclass really is immutable."""
    for name in names:
        value = getattr(obj, name)
        if not isinstance(value, tuple):
            object.__setattr__(obj, name, tuple(value))


@dataclass(frozen=True)
class OrgHeader:
    """Who prints the document: organisation, window and the footer line."""

    name: str
    window: str = ""
    phone: str = ""
    address: str = ""
    logo_path: str | None = None
    footer: str = ""


@dataclass(frozen=True)
class MaterialLine:
    """One material: required (notices) or handed in (receipt slips).

    Notices take the guide's own words from core: `form_text` ("原件及复印件", "以窗口告知为准"
    …), `copies_text` (for a count the guide does not give) and `need_text` ("非必需",
    "有条件：如委托他人办理，须提供" …; empty for an always-required material)."""

    name: str
    original: bool
    copies: int | None
    pages: int | None = None
    received: bool = True
    note: str = ""
    form_text: str = ""
    copies_text: str = ""
    need_text: str = ""

    @property
    def kind_label(self) -> str:
        return self.form_in("zh")

    form_label = kind_label

    @property
    def copies_label(self) -> str:
        return self.copies_in("zh")

    def form_in(self, lang: str) -> str:
        """原件 / 复印件 (or the guide's words) in the printing language."""
        return self.form_text or (ORIGINAL if self.original else COPY).text(lang)

    def copies_in(self, lang: str) -> str:
        """`2 份` / `2`; the guide's words where it gives no count."""
        if self.copies_text:
            return self.copies_text
        if self.copies is None:
            return "—"
        return str(self.copies) if english(lang) else f"{self.copies} 份"

    @property
    def requirement_label(self) -> str:
        return self.need_text


@dataclass(frozen=True)
class ReceiptData:
    """收件回执单: the materials actually received and the promised pickup time."""

    org: OrgHeader
    case_number: str
    visitor_name: str
    visitor_phone_masked: str
    visitor_unit: str
    service_item: str
    item_version: int | None
    materials: tuple[MaterialLine, ...]
    received_at: datetime
    handler: str
    due_at: datetime | None
    pickup_at: datetime | None
    pickup_place: str
    enquiry_phone: str
    notes: str = ""
    calendar_warning: str = ""  # the due time rests on an estimate: say so
    due_basis: str = ""  # or: the published schedule it rests on
    instant: bool = False  # done on the spot: no pickup time
    # Registered offline: the provisional number's note (core/offline/receipt.py), or "".
    provisional_note: str = ""
    lang: str = "zh"  # the language of the person printing: the document's own words

    def __post_init__(self) -> None:
        _freeze_sequences(self, "materials")


@dataclass(frozen=True)
class NoticeData:
    """一次性告知单 / 补正通知书 / 不予受理通知书 for one service item."""

    org: OrgHeader
    case_number: str | None
    visitor_name: str
    service_item: str
    item_version: int | None
    department: str
    instant: bool | None
    promised_days: int
    materials: tuple[MaterialLine, ...]
    steps: tuple[str, ...]
    fees: str
    legal_basis: str
    location: str
    office_hours: str
    missing: tuple[str, ...]
    issued_at: datetime
    clerk: str
    kind: str = "notice"
    reason: str = ""
    time_limit: str = ""  # the limit in words (core); empty: from instant / promised_days
    note: str = ""  # the handler's note on a 补正通知书
    lang: str = "zh"  # the language of the person printing: the document's own words

    def __post_init__(self) -> None:
        if self.kind not in NOTICE_KINDS:
            raise ValueError(
                f"unknown notice kind {self.kind!r}; expected one of {', '.join(NOTICE_KINDS)}"
            )
        if self.kind == "supplement" and not self.missing:
            raise ValueError("a supplement notice lists the missing materials; none were given")
        _freeze_sequences(self, "materials", "steps", "missing")


@dataclass(frozen=True)
class TransferData:
    """转办单: a case handed to another department, with 签收 lines for the receiver."""

    org: OrgHeader
    case_number: str
    registered_at: datetime
    visitor_name: str
    visitor_phone_masked: str
    subject: str
    description: str
    from_staff: str
    from_department: str
    to_department: str
    to_staff: str
    transferred_at: datetime
    note: str = ""
    due_at: datetime | None = None
    accept_by: datetime | None = None
    lang: str = "zh"  # the language of the person printing: the document's own words


@dataclass(frozen=True)
class ReferralData:
    """告知去向单: the matter is outside the organisation; where the visitor was sent."""

    org: OrgHeader
    case_number: str
    visitor_name: str
    subject: str
    place: str
    contact: str
    note: str
    clerk: str
    referred_at: datetime
    lang: str = "zh"  # the language of the person printing: the document's own words


@dataclass(frozen=True)
class HazardData:
    """安全隐患报告单: a reported hazard the direct supervisor must verify within 24 hours."""

    org: OrgHeader
    case_number: str
    reporter: str
    reporter_phone_masked: str
    location: str
    description: str
    reported_at: datetime
    supervisor: str
    verify_by: datetime
    lang: str = "zh"  # the language of the person printing: the document's own words


@dataclass(frozen=True)
class HistoryLine:
    """One event of a case's history, as shown to auditors."""

    at: datetime
    actor: str
    action: str
    detail: str


@dataclass(frozen=True)
class HistoryData:
    """事项办理记录: the full, never-edited timeline of one case."""

    org: OrgHeader
    case_number: str
    status: str
    visitor_name: str
    subject: str
    events: tuple[HistoryLine, ...]
    printed_at: datetime
    lang: str = "zh"  # the language of the person printing: the document's own words

    def __post_init__(self) -> None:
        _freeze_sequences(self, "events")


DocumentData = ReceiptData | NoticeData | TransferData | ReferralData | HazardData | HistoryData
"""A case's documents: anything `documents.render.render_document` prints."""

FORMATS: tuple[str, ...] = ("a4", "a5", "80mm")
"""The paper formats documents/ lays out (documents/layout.py keeps one page set-up each)."""


@dataclass(frozen=True)
class Paper:
    """One document ready to render: its data, the paper format and the moment the PDF says it
    was made (the register's clock)."""

    data: Any
    fmt: str
    created: datetime | None = None
