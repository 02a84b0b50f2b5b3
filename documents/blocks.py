"""The renderer base class: fonts once, one stylesheet, header, barcodes, story → PDF bytes."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, Spacer

from core.errors import Term, english
from core.printing.paper import OrgHeader
from documents.barcodes import Align, QrFlowable, code128
from documents.fonts import register_fonts
from documents.layout import (
    LINE,
    LOGO_HEIGHT,
    MIN_BAR_WIDTH,
    build_pdf,
    esc,
    load_logo,
    page_format,
)
from documents.tables import TableBlocks

log = logging.getLogger(__name__)


class _Printable(Protocol):
    """What every document dataclass has: the organisation that prints it."""

    @property
    def org(self) -> OrgHeader: ...


T = TypeVar("T", bound=_Printable)


class DocumentRenderer(TableBlocks, Generic[T]):
    """Renders one dataclass `T` into PDF bytes; subclasses implement `story()`."""

    title: ClassVar[str] = ""
    title_en: ClassVar[str] = ""

    def __init__(self, fmt: str = "a4", lang: str = "zh") -> None:
        self.page = page_format(fmt)
        self.lang = lang
        self.font = register_fonts()
        self.styles = self.stylesheet()

    def say(self, zh: str, en: str) -> str:
        """The program's own words in the language of the person printing (register data —
        names, items, notes — is printed as it was entered)."""
        return Term(zh, en).text(self.lang)

    def colon(self, label: str) -> str:
        """`办事人：` / `Visitor: `."""
        return self.say(f"{label}：", f"{label}: ")

    # -- the three steps ------------------------------------------------------------

    def stylesheet(self) -> StyleSheet1:
        """All paragraph styles, sized from the page format's base font size."""
        size = self.page.font_size
        sheet = StyleSheet1()

        def add(name: str, **kw: Any) -> None:
            kw.setdefault("fontName", self.font)
            kw.setdefault("fontSize", size)
            kw.setdefault("leading", round(float(kw["fontSize"]) * 1.4, 1))
            # Chinese breaks between any two characters; English between words (a word too
            # long for its cell, or Chinese register data, is still split where it must be).
            sheet.add(ParagraphStyle(name=name, wordWrap=None if english(self.lang) else "CJK",
                                     **kw))

        add("body", spaceAfter=size * 0.4)
        add("para", spaceAfter=size * 0.4, firstLineIndent=size * 2)
        add("small", fontSize=size - 1.5)
        add("cell", fontSize=size - 0.5)
        add("cell_center", fontSize=size - 0.5, alignment=TA_CENTER)
        add("cell_head", fontSize=size - 0.5, alignment=TA_CENTER)
        add("label", fontSize=size - 0.5, textColor=colors.Color(0.25, 0.25, 0.25))
        add("org", fontSize=size + 4)
        add("org_sub", fontSize=size - 1.5, textColor=colors.Color(0.25, 0.25, 0.25))
        add(
            "title",
            fontSize=size + 8,
            alignment=TA_CENTER,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.6,
        )
        add("section", fontSize=size + 1.5, spaceBefore=size * 0.9, spaceAfter=size * 0.4)
        add("case_number", fontSize=size + 9)
        add("case_label", fontSize=size - 1)
        add("warning", fontSize=size + 0.5)
        add("caption", fontSize=size - 2, alignment=TA_CENTER)
        add("right", alignment=TA_RIGHT)
        add("footer", fontSize=size - 2, alignment=TA_CENTER)
        if self.page.roll:
            for name in ("org", "org_sub", "case_label", "case_number"):
                sheet[name].alignment = TA_CENTER
        return sheet

    def story(self, data: T) -> list[Flowable]:
        """The flowables of the document built from `data`."""
        raise NotImplementedError

    def own_title(self) -> str:
        """The renderer's document name in the printing language."""
        return self.say(self.title, self.title_en or self.title)

    def document_title(self, data: T) -> str:
        """The heading printed on the page and stored in the PDF's metadata."""
        return self.own_title()

    def generate(self, data: T, created: datetime | None = None) -> bytes:
        """The finished PDF, created at `created` (default: now) as its metadata says, in
        the language the data was prepared in (its `lang`, else the renderer's)."""
        lang = getattr(data, "lang", self.lang)
        if lang != self.lang:
            self.lang = lang
            self.styles = self.stylesheet()
        story = self.story(data)
        title = self.document_title(data)
        org = data.org
        case_number = str(getattr(data, "case_number", "") or "")
        if self.page.roll and org.footer:
            story += [self.spacer(3), self.rule(), self.p(org.footer, "footer")]
        return build_pdf(
            story,
            self.page,
            font=self.font,
            title=f"{title} {case_number}".strip(),
            author=org.name,
            subject=title,
            footer_left=org.footer,
            footer_right=f"{title} {case_number}".strip(),
            created=created,
            lang=self.lang,
        )

    # -- building blocks ------------------------------------------------------------

    def header(self, org: OrgHeader, title: str | None = None) -> list[Flowable]:
        """Organisation name, logo, window/phone/address line and the document title."""
        parts = [esc(part) for part in (org.window, org.phone, org.address) if part]
        texts: list[Flowable] = [self.p(org.name, "org")]
        if parts and self.page.roll and org.address:
            texts.append(
                self.p(" · ".join(parts[:-1]) + "<br/>" + parts[-1], "org_sub", markup=True)
            )
        elif parts:
            texts.append(self.p(" · ".join(parts), "org_sub", markup=True))
        logo = load_logo(org.logo_path, LOGO_HEIGHT, self.width / 3)
        flow: list[Flowable] = []
        if self.page.roll:
            if logo is not None:
                logo.hAlign = "CENTER"
                flow.append(logo)
            flow.extend(texts)
        elif logo is not None:
            logo_w = logo.drawWidth + 3 * mm
            flow.append(
                self.table(
                    [[logo, texts]],
                    [logo_w, self.width - logo_w],
                    [
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ],
                )
            )
        else:
            flow.extend(texts)
        flow.append(self.p(title or self.own_title(), "title"))
        flow.append(self.rule(thick=True))
        return flow

    def rule(self, *, thick: bool = False) -> HRFlowable:
        """A horizontal line across the frame (dashed on a roll slip)."""
        return HRFlowable(
            width="100%",
            thickness=1.2 if thick else LINE,
            color=colors.black,
            spaceBefore=2,
            spaceAfter=4,
            dash=(2, 2) if self.page.roll and not thick else None,
        )

    def code128(self, value: str, max_width: float | None = None) -> Flowable:
        """A Code 128 barcode of `value` (no text) with quiet zones of at least ten modules:
        drawn in on A4/A5, on a roll the centred bars leave them in the paper's margins. Too
        long for the line, the bars narrow, but never below MIN_BAR_WIDTH."""
        roll = self.page.roll
        align: Align = "CENTER" if roll else "LEFT"
        bar = code128(value, self.page.bar_width, height=self.page.bar_height, align=align,
                      quiet=not roll)
        limit = max_width or self.width
        if bar.width > limit:
            narrow = max(MIN_BAR_WIDTH, self.page.bar_width * limit / bar.width)
            log.warning("Code 128 of %s narrowed to %.2f mm bars", value, narrow / mm)
            bar = code128(value, narrow, height=self.page.bar_height, align=align, quiet=not roll)
        return bar

    def qr(self, value: str, size: float | None = None) -> Flowable:
        """A QR code of `value` (error correction M), `size` points square."""
        return QrFlowable(value, size or self.page.qr_size)

    def signing_reference(self, case_number: str | None, title: str = "") -> Flowable:
        """The case and document named where the visitor signs (a page of its own, maybe)."""
        title = title or self.own_title()
        return self.p(self.say(f"{title}　事项编号 {case_number}", f"{title}, case {case_number}")
                      if case_number else title, "small")

    def section(self, text: str, room_mm: float = 28) -> list[Flowable]:
        """A heading that starts a new page when less than `room_mm` is left below it (room
        for a table header and a row or two): never a heading alone at a page foot."""
        return [CondPageBreak(room_mm * mm), self.p(text, "section")]

    def spacer(self, height_mm: float = 2) -> Spacer:
        return Spacer(1, height_mm * mm)

    def case_opening(self, org: OrgHeader, case_number: str) -> list[Flowable]:
        """How a case's slip opens: the header, the case block and a gap."""
        return [*self.header(org), *self.case_block(case_number), self.spacer(2)]

    def case_block(self, case_number: str, *, label: str = "") -> list[Flowable]:
        """Big case number with its Code 128 (left) and QR code (right; below on a roll)."""
        if not case_number:
            return []
        label = label or self.say("事项编号", "Case number")
        qr_w = self.page.qr_size + 6 * mm
        left: list[Flowable] = [
            self.p(label, "case_label"),
            self.p(case_number, "case_number"),
            self.spacer(1),
            self.code128(case_number, self.width if self.page.roll else self.width - qr_w),
        ]
        if self.page.roll:
            return [
                *left,
                self.spacer(2),
                self.qr(case_number),
                self.p(self.say("凭此码或编号查询办理进度",
                                "Scan or quote this number to check progress"), "caption"),
                self.spacer(1),
            ]
        qr_cell = [self.qr(case_number), self.p(self.say("凭此码或编号查询",
                                                         "Scan to check progress"), "caption")]
        return [
            self.table(
                [[left, qr_cell]],
                [self.width - qr_w, qr_w],
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("ALIGN", (1, 0), (1, 0), "CENTER"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ],
                hAlign="LEFT",
            )
        ]
