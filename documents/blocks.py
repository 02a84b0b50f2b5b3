"""The renderer base class: stylesheet, header, field grids, tables, barcodes, signatures."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from documents.barcodes import Align, QrFlowable, code128
from documents.data import OrgHeader
from documents.fonts import register_fonts
from documents.layout import PageFormat, build_pdf, esc, load_logo, page_format

log = logging.getLogger(__name__)


class _Printable(Protocol):
    """What every document dataclass has: the organisation that prints it."""

    @property
    def org(self) -> OrgHeader: ...


T = TypeVar("T", bound=_Printable)
Cmd = tuple[Any, ...]
"""One TableStyle command, e.g. ("GRID", (0, 0), (-1, -1), 0.5, black)."""
Rows = Sequence[Sequence[Any]]

LINE = 0.5
HEAD_SHADE = colors.Color(0.9, 0.9, 0.9)
BOX_SHADE = colors.Color(0.95, 0.95, 0.95)
LOGO_HEIGHT = 14 * mm
GAP = "\xa0" * 8
"""Visible horizontal space in a paragraph (ordinary and ideographic spaces collapse)."""
CELL_PAD = 2.5


class DocumentRenderer(Generic[T]):
    """Renders one dataclass `T` into PDF bytes; subclasses implement `story()`."""

    title: ClassVar[str] = ""

    def __init__(self, fmt: str = "a4") -> None:
        self.page: PageFormat = page_format(fmt)
        self.font = register_fonts()
        self.styles = self.stylesheet()

    # -- the three steps ------------------------------------------------------------

    def stylesheet(self) -> StyleSheet1:
        """All paragraph styles, sized from the page format's base font size."""
        size = self.page.font_size
        sheet = StyleSheet1()

        def add(name: str, **kw: Any) -> None:
            kw.setdefault("fontName", self.font)
            kw.setdefault("fontSize", size)
            kw.setdefault("leading", round(float(kw["fontSize"]) * 1.4, 1))
            sheet.add(ParagraphStyle(name=name, wordWrap="CJK", **kw))

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

    def document_title(self, data: T) -> str:
        """The heading printed on the page and stored in the PDF's metadata."""
        return self.title

    def generate(self, data: T) -> bytes:
        """The finished PDF."""
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
        )

    # -- building blocks ------------------------------------------------------------

    def p(self, text: str, style: str = "body", *, markup: bool = False) -> Paragraph:
        """A paragraph of plain text (escaped) or of ReportLab markup."""
        return Paragraph(text if markup else esc(text), self.styles[style])

    @property
    def width(self) -> float:
        return self.page.frame_width

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
        flow.append(self.p(title or self.title, "title"))
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

    def field_grid(self, items: Sequence[tuple[str, str] | tuple[str, str, bool]]) -> Table:
        """Label/value pairs: two pairs per row on A4/A5 (a True third item = full row)."""
        pad = (0 if self.page.roll else CELL_PAD) + CELL_PAD
        label_w = max(
            self.page.label_width, *(self.text_width(item[0], "label") + pad + 1 for item in items)
        )
        rows: list[list[Any]] = []
        spans: list[int] = []
        pending: list[Any] = []
        two_up = not self.page.roll
        for item in items:
            label, value = item[0], item[1]
            wide = len(item) > 2 and bool(item[2])
            cells: list[Any] = [self.p(label, "label"), self.p(value, "cell")]
            if not two_up:
                rows.append(cells)
            elif wide:
                if pending:
                    rows.append([*pending, "", ""])
                    pending = []
                spans.append(len(rows))
                rows.append([*cells, "", ""])
            elif pending:
                rows.append([*pending, *cells])
                pending = []
            else:
                pending = cells
        if pending:
            rows.append([*pending, "", ""])
        if two_up:
            value_w = (self.width - 2 * label_w) / 2
            widths = [label_w, value_w, label_w, value_w]
        else:
            widths = [label_w, self.width - label_w]
        style: list[Cmd] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 0 if self.page.roll else CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ]
        if not self.page.roll:
            style.append(("GRID", (0, 0), (-1, -1), LINE, colors.black))
            style.append(("BACKGROUND", (0, 0), (0, -1), BOX_SHADE))
            style.extend(
                ("BACKGROUND", (2, r), (2, r), BOX_SHADE)
                for r in range(len(rows))
                if r not in spans and rows[r][2] != ""
            )
            style.extend(("SPAN", (1, r), (3, r)) for r in spans)
        return self.table(rows, widths, style, hAlign="LEFT")

    def data_table(
        self,
        head: Sequence[str],
        rows: Sequence[Sequence[str | Flowable]],
        fractions: Sequence[float],
        *,
        centered: Sequence[int] = (),
    ) -> Table:
        """A lined table whose header repeats on every page; text cells wrap."""
        total = sum(fractions)
        widths = [self.width * f / total for f in fractions]
        data: list[list[object]] = [[self.p(h, "cell_head") for h in head]]
        for row in rows:
            cells: list[Any] = []
            for index, cell in enumerate(row):
                if isinstance(cell, Flowable):
                    cells.append(cell)
                else:
                    cells.append(self.p(cell, "cell_center" if index in centered else "cell"))
            data.append(cells)
        style: list[Cmd] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), 1.5 if self.page.roll else CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 if self.page.roll else CELL_PAD),
        ]
        if self.page.roll:
            style += [
                ("LINEABOVE", (0, 0), (-1, 0), LINE * 2, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), LINE, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), LINE / 2, colors.black, None, (1, 2)),
                ("LINEBELOW", (0, -1), (-1, -1), LINE * 2, colors.black),
            ]
        else:
            style += [
                ("GRID", (0, 0), (-1, -1), LINE, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_SHADE),
            ]
        return self.table(data, widths, style, repeatRows=1, hAlign="LEFT")

    def boxed(self, content: str | Sequence[Flowable], *, style: str = "warning") -> Table:
        """A framed, lightly shaded box (plain text or flowables): warnings, reasons."""
        cell = [self.p(content, style)] if isinstance(content, str) else list(content)
        table = self.table(
            [[cell]],
            [self.width],
            [
                ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                ("BACKGROUND", (0, 0), (-1, -1), colors.white if self.page.roll else BOX_SHADE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ],
        )
        table.spaceBefore = 4
        table.spaceAfter = 4
        return table

    def signatures(self, labels: Sequence[str], *, dated: bool = True) -> Table:
        """Blank lines to sign on: side by side on A4/A5, one under another on a roll."""
        per_row = 1 if self.page.roll else 2
        label_w = max(self.page.label_width, *(self.text_width(f"{x}：") for x in labels)) + 8
        slot = self.width / per_row
        line_w = slot - label_w - 3 * mm
        rows: list[list[Any]] = []
        for start in range(0, len(labels), per_row):
            chunk = list(labels[start : start + per_row])
            sign_row: list[Any] = []
            date_row: list[Any] = []
            for label in chunk:
                sign_row += [self.p(f"{label}：", "cell"), ""]
                date_row += [self.p("日期：", "cell"), ""]
            pad = (per_row - len(chunk)) * 2
            rows.append(sign_row + [""] * pad)
            if dated:
                rows.append(date_row + [""] * pad)
        widths = [label_w, line_w] * per_row
        if per_row > 1:
            widths[1] += 3 * mm
        else:
            widths[1] = self.width - label_w
        style: list[Cmd] = [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("TOPPADDING", (0, 0), (-1, -1), 9),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]
        for r, row in enumerate(rows):
            for c in range(1, len(row), 2):
                if row[c - 1] != "":
                    style.append(("LINEBELOW", (c, r), (c, r), LINE, colors.black))
        style.append(("NOSPLIT", (0, 0), (-1, -1)))
        table = self.table(rows, widths, style, hAlign="LEFT")
        table.spaceBefore = 6
        return table

    def code128(self, value: str, max_width: float | None = None) -> Flowable:
        """A Code 128 barcode of `value` (quiet zones, no text), narrowed to fit `max_width`."""
        align: Align = "CENTER" if self.page.roll else "LEFT"
        bar = code128(value, self.page.bar_width, height=self.page.bar_height, align=align)
        limit = max_width or self.width
        if bar.width > limit:
            narrow = self.page.bar_width * limit / bar.width
            bar = code128(value, narrow, height=self.page.bar_height, align=align)
        return bar

    def qr(self, value: str, size: float | None = None) -> Flowable:
        """A QR code of `value` (error correction M), `size` points square."""
        return QrFlowable(value, size or self.page.qr_size)

    def table(
        self,
        rows: Rows,
        widths: Sequence[float],
        style: list[Cmd],
        **kwargs: Any,
    ) -> Table:
        """A Table whose own cell font is the CJK one (its default, Helvetica, never embeds)."""
        kwargs.setdefault("splitInRow", 1)  # a cell taller than a page continues overleaf
        table = Table([list(row) for row in rows], colWidths=list(widths), **kwargs)
        font = ("FONT", (0, 0), (-1, -1), self.font, self.page.font_size)
        table.setStyle(TableStyle([font, *style]))
        return table

    def text_width(self, text: str, style: str = "cell") -> float:
        """Width of one line of `text` in `style`, in points."""
        return float(stringWidth(text, self.font, self.styles[style].fontSize))

    def checkboxes(self, *labels: str) -> str:
        """Paragraph markup of tick boxes to fill in by hand: `□ 签收   □ 退回`."""
        box = f"<font size='{self.page.font_size + 4}'>□</font>"
        return ("<br/>" if self.page.roll else GAP).join(f"{box} {esc(x)}" for x in labels)

    def spacer(self, height_mm: float = 2) -> Spacer:
        return Spacer(1, height_mm * mm)

    def case_block(self, case_number: str, *, label: str = "事项编号") -> list[Flowable]:
        """Big case number with its Code 128 (left) and QR code (right; below on a roll)."""
        if not case_number:
            return []
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
                self.p("凭此码或编号查询办理进度", "caption"),
                self.spacer(1),
            ]
        qr_cell = [self.qr(case_number), self.p("凭此码或编号查询", "caption")]
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
