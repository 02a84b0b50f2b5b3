"""Text and table building blocks shared by every renderer: grids, lined tables, sign lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from core.errors import english
from documents.layout import (
    BOX_SHADE,
    CELL_PAD,
    GAP,
    HEAD_SHADE,
    LINE,
    MAX_ROLL_HEIGHT,
    PageFormat,
    esc,
)

Cmd = tuple[Any, ...]
"""One TableStyle command, e.g. ("GRID", (0, 0), (-1, -1), 0.5, black)."""
Rows = Sequence[Sequence[Any]]
FILL_IN: tuple[Cmd, ...] = (
    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ("TOPPADDING", (0, 0), (-1, -1), 8),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
)
"""The style of a table of lines to write on: labels flush left, room above each line."""
Field = tuple[str, str] | tuple[str, str, bool]
"""A label, its value and optionally True for a row of its own."""


class SplitTable(Table):
    """A table that breaks between rows; a row is split only when it is taller than a page
    (`page_room`), and then with `splitInRow` points on both sides (or anywhere, rather than
    fail, once moved to a fresh page). So a page never ends in a repeated header over an
    empty or two-line slice of a row that would have fitted on the next page."""

    _rowHeights: list[float]  # set by ReportLab's wrap() (its stubs leave it out)
    page_room: float = 0.0  # the frame's height; 0: rows split wherever they must

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        minimum: int = getattr(self, "splitInRow", 0)  # ReportLab sets it in __init__
        self.splitInRow = 0
        try:
            parts = super().split(availWidth, availHeight)
            if not parts and minimum and self._row_taller_than_a_page(availHeight):
                self.splitInRow = minimum
                parts = super().split(availWidth, availHeight)
                if not parts and hasattr(self, "_postponed"):
                    self.splitInRow = 1
                    parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = minimum
        for part in parts:
            if isinstance(part, SplitTable):
                part.splitInRow, part.page_room = minimum, self.page_room
        return parts

    def _row_taller_than_a_page(self, available: float) -> bool:
        """Whether the first row that does not fit in `available` fits on no page either."""
        if not self.page_room:
            return True
        heights = self._rowHeights
        head = sum(heights[:self.repeatRows]) if isinstance(self.repeatRows, int) else 0
        used = 0.0
        for height in heights:
            if used + height > available:
                return height + head > self.page_room
            used += height
        return False


class TableBlocks:
    """Paragraphs and tables for one page format; `DocumentRenderer` sets the attributes."""

    page: PageFormat
    font: str
    styles: StyleSheet1
    lang: str = "zh"

    def say(self, zh: str, en: str) -> str:  # DocumentRenderer's: the words in self.lang
        raise NotImplementedError

    def colon(self, label: str) -> str:
        raise NotImplementedError

    def p(self, text: str, style: str = "body", *, markup: bool = False) -> Paragraph:
        """A paragraph of plain text (escaped) or of ReportLab markup."""
        return Paragraph(text if markup else esc(text), self.styles[style])

    @property
    def width(self) -> float:
        return self.page.frame_width

    def table(
        self,
        rows: Rows,
        widths: Sequence[float],
        style: list[Cmd],
        **kwargs: Any,
    ) -> Table:
        """A Table whose own cell font is the CJK one (its default, Helvetica, never embeds)."""
        kwargs.setdefault("splitInRow", 1)  # a cell taller than a page continues overleaf
        table = SplitTable([list(row) for row in rows], colWidths=list(widths), **kwargs)
        page = self.page
        table.page_room = (page.height or MAX_ROLL_HEIGHT) - page.margin_top - page.margin_bottom
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

    def field_grid(self, items: Sequence[Field]) -> Table:
        """Label/value pairs: two pairs per row on A4/A5 (a True third item = full row)."""
        pad = (0 if self.page.roll else CELL_PAD) + CELL_PAD
        label_w = max(
            [
                self.page.label_width,
                *(self.text_width(item[0], "label") + pad + 1 for item in items),
            ]
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
        table, _ = self.data_table_parts(head, rows, fractions, centered=centered, tail=0)
        assert table is not None
        return table

    def data_table_parts(
        self,
        head: Sequence[str],
        rows: Sequence[Sequence[str | Flowable]],
        fractions: Sequence[float],
        *,
        centered: Sequence[int] = (),
        tail: int = 2,
    ) -> tuple[Table | None, Table | None]:
        """The table as a body (header repeated on each page) and its last `tail` rows apart,
        so a caller can keep those rows with what follows (signatures): the body is None when
        the table is no longer than its tail. Split between pages, a row leaves at least two
        lines on each side — never an empty slice or a header alone at a page foot."""
        total = sum(fractions)
        widths = [self.width * f / total for f in fractions]
        header: list[object] = [self._head_cell(h, w) for h, w in zip(head, widths, strict=True)]
        data: list[list[object]] = []
        for row in rows:
            cells: list[Any] = []
            for index, cell in enumerate(row):
                if isinstance(cell, Flowable):
                    cells.append(cell)
                else:
                    cells.append(self.p(cell, "cell_center" if index in centered else "cell"))
            data.append(cells)
        cut = len(data) - tail if 0 < tail < len(data) else len(data)
        body = self._lined([header, *data[:cut]], widths, head=True, closed=cut == len(data))
        if cut == len(data):
            return body, None
        return body, self._lined(data[cut:], widths, head=False, closed=True)

    def _head_cell(self, text: str, width: float) -> Paragraph:
        """A column's header; an English word wider than its column is set smaller rather
        than broken ("Copie/s"): Chinese headers break between any two characters."""
        para = self.p(text, "cell_head")
        if not english(self.lang):
            return para
        room = width - 2 * (1.5 if self.page.roll else CELL_PAD) - 1
        widest = max((self.text_width(word, "cell_head") for word in text.split()), default=0.0)
        if widest <= room or room <= 0:
            return para
        style = self.styles["cell_head"]
        size = max(5.0, float(style.fontSize) * room / widest)
        small = ParagraphStyle(f"cell_head_{size:.1f}", parent=style, fontSize=size,
                               leading=round(size * 1.4, 1))
        return Paragraph(esc(text), small)

    def _lined(self, data: list[list[object]], widths: list[float], *, head: bool,
               closed: bool) -> Table:
        """Rows with the table's rules; `head`: the first row is the header; `closed`: the
        last row ends the table (a roll's thick closing rule)."""
        pad = 1.5 if self.page.roll else CELL_PAD
        style: list[Cmd] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ]
        first = 1 if head else 0
        if self.page.roll:
            if head:
                style += [("LINEABOVE", (0, 0), (-1, 0), LINE * 2, colors.black),
                          ("LINEBELOW", (0, 0), (-1, 0), LINE, colors.black)]
            style.append(("LINEBELOW", (0, first), (-1, -1), LINE / 2, colors.black, None, (1, 2)))
            if closed:
                style.append(("LINEBELOW", (0, -1), (-1, -1), LINE * 2, colors.black))
        else:
            style.append(("GRID", (0, 0), (-1, -1), LINE, colors.black))
            if head:
                style.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_SHADE))
        lines = 2 * float(self.styles["cell"].leading) + 4
        return self.table(data, widths, style, repeatRows=1 if head else 0, hAlign="LEFT",
                          splitInRow=round(lines))

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
        label_w = max([self.page.label_width, *(self.text_width(self.colon(x)) for x in labels)]) + 8
        slot = self.width / per_row
        line_w = slot - label_w - 3 * mm
        rows: list[list[Any]] = []
        for start in range(0, len(labels), per_row):
            chunk = list(labels[start : start + per_row])
            sign_row: list[Any] = []
            date_row: list[Any] = []
            for label in chunk:
                sign_row += [self.p(self.colon(label), "cell"), ""]
                date_row += [self.p(self.colon(self.say("日期", "Date")), "cell"), ""]
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
