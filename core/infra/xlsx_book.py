"""Workbooks as an office expects them (docs/exports.md): every table sheet with a caption,
a bold frozen header, an autofilter, column widths from the content (CJK counted double,
capped), numbers, percentages and dates as typed cells with number formats, and a print
set-up (A4, landscape when wide, one page wide, header row repeated, the organisation and
period in the page header, page numbers in the footer); the file's title, author (the
organisation) and creation time in its properties.

Written with XlsxWriter in constant-memory mode: rows go to disk as they come, so a month of
a million-case register never sits in memory. Its per-cell API costs about 7 µs a cell
(4.0 s for a month's register); table rows are therefore rendered here as sheet XML in one
pass (the whole file in 1.3 s, rules and row heights included) and handed to the worksheet's
row stream, while XlsxWriter writes everything else — styles, sheet views, print set-up,
properties, the package itself. A test checks the streamed cells against the ones
XlsxWriter's own API writes."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from math import isfinite
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from core.errors import Term
from core.infra.version import __version__

PROGRAM = f"首问台 FirstDesk {__version__}"
PROGRAM_TERM = Term(PROGRAM, f"FirstDesk {__version__}")
MADE = Term("{program} 生成于 {at}", "Made by {program} at {at}")
EXPORTED = Term("{program} 导出于 {at}", "Exported by {program} at {at}")
PAGE_OF = Term("第 &P 页，共 &N 页", "Page &P of &N")
FORMULA_START = ("=", "+", "-", "@")
NUMBER_FORMATS = {"int": "0", "decimal": "0.0", "decimal2": "0.00", "percent": "0.0%",
                  "datetime": "yyyy-mm-dd hh:mm", "date": "yyyy-mm-dd"}
FIXED_WIDTH = {"datetime": 16, "date": 10}
"""Characters a typed cell shows: 2026-11-23 09:00 and 2026-11-23."""
MAX_WIDTH = 50
"""No column wider than this many characters; longer text is cut at the edge on screen."""
WRAP_WIDTH = 40
"""Columns of long text wrap inside this width."""
ROW_HEIGHT = 15
"""Points a line of text takes (Excel's default row)."""
HEAD_WRAP = 10
"""A header wider than this may take two lines, so a column of small numbers stays narrow."""
BORDER = {"border": 1, "border_color": "#808080"}
"""Thin rules around the table's cells (on paper too; the sheet's gridlines are not printed,
so the caption lines above the table do not sit in a grid)."""
PADDING = 2
LANDSCAPE_FROM = 90
"""Sheets wider than this (in characters) print landscape; both fit one page wide."""
MAX_TEXT = 32_767  # Excel's limit for one cell
EPOCH = datetime(1899, 12, 30)
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
FLUSH_ROWS = 2_000


class ExportCancelled(Exception):  # noqa: N818 — a request, not a failure
    """Raised by a progress callback to stop an export; the file is not written."""


@dataclass(frozen=True)
class Typed:
    """A number with its own format, where a column mixes them (概况: counts, rates, hours)."""

    value: float | int | None
    fmt: str  # int | decimal | decimal2 | percent

    def __lt__(self, other: Typed) -> bool:  # sorting on screen: blanks last
        return (self.value is None, self.value or 0) < (other.value is None, other.value or 0)

    def __str__(self) -> str:
        if self.value is None:
            return "—"
        if self.fmt == "percent":
            return f"{self.value * 100:.1f}%"
        if self.fmt in ("decimal", "decimal2"):
            return f"{self.value:.{2 if self.fmt == 'decimal2' else 1}f}"
        return f"{self.value:g}" if isinstance(self.value, float) else str(self.value)


@dataclass(frozen=True)
class Column:
    """One column: its header and how its cells are typed. `width` is a least width (a
    template's column for writing in); the content decides beyond it."""

    head: str
    fmt: str = "text"  # text | wide | int | decimal | percent | datetime | date | typed
    wrap: bool = False
    width: float = 0
    max_width: float = 0  # 0: MAX_WIDTH, or WRAP_WIDTH for wrapped text


def text_width(text: str) -> int:
    """Characters a text needs in a column: CJK and other wide characters count double (an
    approximation from the UTF-8 length: 3 bytes for CJK, 1 for ASCII), per line."""
    if "\n" in text:
        return max(text_width(line) for line in text.split("\n"))
    return (len(text.encode("utf-8")) + len(text)) // 2


def _number_width(value: Any, fmt: str) -> int:
    if fmt == "percent":
        return len(f"{value * 100:.1f}%")
    if fmt in ("decimal", "decimal2"):
        return len(f"{value:.{2 if fmt == 'decimal2' else 1}f}")
    return len(str(value))


def _serial(value: datetime | date) -> float:
    """Excel's date serial number (days since 1899-12-30, the time as a fraction)."""
    if isinstance(value, datetime):
        delta = value.replace(tzinfo=None) - EPOCH
        return delta.days + delta.seconds / 86_400
    return float((value - EPOCH.date()).days)


def _text(value: str) -> str:
    """Text as XML character data: control characters dropped, & < > escaped, cut at
    Excel's limit."""
    return escape(_CONTROL.sub("", value[:MAX_TEXT]))


def _header_text(text: str) -> str:
    """Text for a page header or footer: & is a code there, so it is doubled."""
    return text.replace("&", "&&")[:80]


class _StreamSheet(Worksheet):
    """A worksheet that also accepts rows already rendered as sheet XML (constant-memory
    mode only): pending API rows are flushed first, then the text goes to the row stream and
    the sheet's dimensions grow to cover it."""

    def append_xml(self, xml: str, first_row: int, last_row: int, last_col: int) -> None:
        if self.table:
            self._write_single_row(first_row)
        self.previous_row = first_row
        self._check_dimensions(first_row, 0)
        self._check_dimensions(last_row, last_col)
        self.fh.write(xml)
        self.previous_row = last_row


@dataclass
class _Col:
    spec: Column
    letter: str
    style: str  # ' s="n"' or ''
    quoted: str  # style for formula-like text
    typed: dict[str, str]  # style per Typed format
    width: int
    cap: int = 0  # the widest it may grow; wrapped text beyond it takes more lines
    wraps: bool = False


def _lines(text: str, cap: int) -> int:
    """Lines a wrapped text takes in a column `cap` characters wide (a row's height must be
    written with the row: neither LibreOffice nor Excel fits it when the file opens)."""
    room = cap + PADDING
    return sum(max(1, -(-text_width(part) // room)) for part in text.split("\n"))


class Book:
    """One .xlsx file written to a temporary name and moved into place on close, so a failed
    or cancelled export never leaves half a file behind. Use as a context manager."""

    def __init__(self, path: str | Path, *, title: str, org: str, period: str = "",
                 subject: str = "", created: datetime | None = None, lang: str = "zh") -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(suffix=".xlsx", dir=self.path.parent, prefix=".firstdesk-")
        os.close(fd)
        self._temp = Path(temp)
        self.title, self.org, self.period, self.lang = title, org, period, lang
        self.created = created or datetime.now()
        self.wb = xlsxwriter.Workbook(str(self._temp), {
            "constant_memory": True, "tmpdir": tempfile.gettempdir(),
            "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})
        stamp = self.created.astimezone(UTC)  # a naive time is local time
        self.wb.set_properties({
            "title": title, "subject": subject or title, "author": org, "company": org,
            "manager": "", "category": "", "keywords": "", "created": stamp,
            "comments": MADE.text(lang).format(program=PROGRAM_TERM.text(lang),
                                               at=f"{self.created:%Y-%m-%d %H:%M}")})
        self._formats: dict[tuple[Any, ...], Any] = {}
        self._names: set[str] = set()
        self.caption_format = self._format(bold=True, font_size=12)
        self.moment_format = self._format(font_color="#333333")
        self.note_format = self._format(italic=True, font_color="#555555")
        self.head_format = self._format(bold=True, bg_color="#DDDDDD", text_wrap=True,
                                        valign="vcenter", align="center", **BORDER)

    # ---- context manager: close on success, discard on any failure ---------------------
    def __enter__(self) -> Book:
        return self

    def __exit__(self, kind: Any, *_rest: Any) -> None:
        if kind is None:
            self.close()
        else:
            self.discard()

    def close(self) -> Path:
        if not self._names:
            self.wb.add_worksheet("Sheet1")
        self.wb.close()
        os.replace(self._temp, self.path)
        return self.path

    def discard(self) -> None:
        try:
            self.wb.close()
        except Exception:  # noqa: BLE001 — the file is being thrown away
            pass
        self._temp.unlink(missing_ok=True)

    # ---- formats ------------------------------------------------------------------------
    def _format(self, **props: Any) -> Any:
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.wb.add_format(props)
        return self._formats[key]

    def _style(self, fmt: str, wrap: bool, quoted: bool = False,
               bold: bool = False) -> tuple[Any, str]:
        props: dict[str, Any] = {**BORDER, "valign": "top", **({"bold": True} if bold else {})}
        if fmt in NUMBER_FORMATS:
            props["num_format"] = NUMBER_FORMATS[fmt]
        if wrap:
            props["text_wrap"] = True
        if quoted:
            props["quote_prefix"] = True
        f = self._format(**props)
        return f, f' s="{f._get_xf_index()}"'

    def _column(self, index: int, spec: Column, bold: bool = False) -> _Col:
        wrap = spec.wrap or spec.fmt == "wide"
        _f, style = self._style(spec.fmt, wrap, bold=bold)
        _q, quoted = self._style(spec.fmt, wrap, quoted=True, bold=bold)
        typed = {fmt: self._style(fmt, wrap, bold=bold)[1]
                 for fmt in ("int", "decimal", "decimal2", "percent")}
        head = text_width(spec.head) + 1  # bold
        if head > HEAD_WRAP:  # two lines (the header row is two lines high then)
            head = max(HEAD_WRAP, -(-head // 2) + 2)
        cap = int(spec.max_width or (WRAP_WIDTH if wrap else MAX_WIDTH))
        return _Col(spec, xl_col_to_name(index), style, quoted, typed,
                    max(head, int(spec.width) - PADDING, FIXED_WIDTH.get(spec.fmt, 0)), cap, wrap)

    def sheet_name(self, name: str) -> str:
        """A legal, unique sheet name (31 characters, no []:*?/\\)."""
        base = _SHEET_NAME.sub("_", name)[:31] or "Sheet"
        title, n = base, 2
        while title.lower() in {x.lower() for x in self._names}:
            title = f"{base[:27]}({n})"
            n += 1
        self._names.add(title)
        return title

    # ---- a table sheet --------------------------------------------------------------------
    def table(self, name: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]], *,
              caption: Sequence[str] = (), note: str = "", total_row: bool = False,
              title: str = "", progress: Callable[[int], None] | None = None,
              every: int = FLUSH_ROWS, choices: Mapping[int, Sequence[str] | str] | None = None,
              choice_rows: int = 2_000) -> int:
        """A sheet with `caption` lines above the header and `rows` streamed below it;
        returns the number of rows. `progress(n)` is called every `every` rows and may raise
        ExportCancelled. With `total_row` the last row (a 合计) is bold and outside the
        filter. `choices` offers a drop-down per column (a list of values, or a range such
        as =说明!$A$14:$A$20) down to row `choice_rows`, for templates filled in by hand."""
        ws = self.wb.add_worksheet(self.sheet_name(name), worksheet_class=_StreamSheet)
        cols = [self._column(i, c) for i, c in enumerate(columns)]
        for r, line in enumerate(caption):
            ws.write_string(r, 0, line, self.caption_format if r == 0 else self.moment_format)
        head_row = len(caption)
        if any(text_width(c.head) + 1 > HEAD_WRAP for c in columns):
            ws.set_row(head_row, 30)  # before the row is streamed: two lines of header
        for c, col in enumerate(cols):
            ws.write_string(head_row, c, col.spec.head, self.head_format)
        total: Sequence[Any] | None = None
        if total_row:
            rows = list(rows)
            total = rows.pop() if rows else None
        count = self._stream(ws, cols, rows, head_row + 1, progress, every)
        last = head_row + count
        if total is not None:
            bold = [self._column(i, replace(c, width=0), bold=True) for i, c in enumerate(columns)]
            ws.append_xml(self._row_xml(last + 2, total, bold), last + 1, last + 1, len(cols) - 1)
            for col, b in zip(cols, bold, strict=True):
                col.width = max(col.width, b.width)
        if note:
            ws.write_string(last + (3 if total is not None else 2), 0, note, self.note_format)
        for column, source in (choices or {}).items():
            ws.data_validation(head_row + 1, column, max(choice_rows, last), column, {
                "validate": "list", "source": source, "ignore_blank": True})
        self._finish(ws, cols, head_row, last, title or name)
        return count + (1 if total is not None else 0)

    def _stream(self, ws: _StreamSheet, cols: list[_Col], rows: Iterable[Sequence[Any]],
                first: int, progress: Callable[[int], None] | None, every: int) -> int:
        """Render and write the rows in chunks of `every`; returns how many."""
        buffer: list[str] = []
        start = r = first
        for row in rows:
            buffer.append(self._row_xml(r + 1, row, cols))
            r += 1
            if len(buffer) >= every:
                ws.append_xml("".join(buffer), start, r - 1, len(cols) - 1)
                buffer, start = [], r
                if progress is not None:
                    progress(r - first)
        if buffer:
            ws.append_xml("".join(buffer), start, r - 1, len(cols) - 1)
        if progress is not None:
            progress(r - first)
        return r - first

    def _row_xml(self, number: int, row: Sequence[Any], cols: list[_Col]) -> str:
        """One <row> element: inline strings, numbers and date serials with their styles
        (the hot loop of a large export: about a microsecond a cell)."""
        cells: list[str] = []
        add = cells.append
        lines = 1
        for col, value in zip(cols, row, strict=False):
            cls = value.__class__
            if cls is str:
                if not value:
                    continue
                if 2 * len(value) > col.width:
                    col.width = max(col.width, text_width(value))
                if col.wraps and (2 * len(value) > col.cap or "\n" in value):
                    lines = max(lines, _lines(value, col.cap))
                text = _text(value) if _SPECIAL.search(value) or len(value) > MAX_TEXT else value
                if not text:
                    continue
                style = col.quoted if text[0] in FORMULA_START else col.style
                space = ' xml:space="preserve"' if text[0] in " \n" or text[-1] in " \n" else ""
                add(f'<c r="{col.letter}{number}"{style} t="inlineStr"><is><t{space}>{text}'
                    "</t></is></c>")
            elif cls is datetime:
                delta = value - EPOCH if value.tzinfo is None else value.replace(tzinfo=None) - EPOCH
                add(f'<c r="{col.letter}{number}"{col.style}><v>'
                    f"{delta.days + delta.seconds / 86_400!r}</v></c>")
            elif cls is int or cls is float:
                if cls is float and not isfinite(value):
                    continue
                col.width = max(col.width, _number_width(value, col.spec.fmt))
                add(f'<c r="{col.letter}{number}"{col.style}><v>{value!r}</v></c>')
            elif cls is date:
                add(f'<c r="{col.letter}{number}"{col.style}><v>{_serial(value)!r}</v></c>')
            elif cls is Typed:
                if value.value is None:
                    continue
                col.width = max(col.width, _number_width(value.value, value.fmt))
                add(f'<c r="{col.letter}{number}"{col.typed.get(value.fmt, "")}><v>'
                    f"{value.value!r}</v></c>")
            elif cls is bool:
                add(f'<c r="{col.letter}{number}" t="b"><v>{int(value)}</v></c>')
            elif value is not None:
                text = _text(str(value))
                if text:
                    add(f'<c r="{col.letter}{number}"{col.style} t="inlineStr"><is><t>{text}'
                        "</t></is></c>")
        if lines > 1:
            return (f'<row r="{number}" ht="{ROW_HEIGHT * lines}" customHeight="1">'
                    f'{"".join(cells)}</row>')
        return f'<row r="{number}">{"".join(cells)}</row>'

    def _finish(self, ws: Worksheet, cols: list[_Col], head_row: int, last_row: int,
                title: str) -> None:
        """Widths, frozen header, filter and print set-up: written when the file closes,
        so they can follow from the rows just streamed."""
        total = 0
        for c, col in enumerate(cols):
            width = min(col.cap, col.width) + PADDING
            total += width
            ws.set_column(c, c, width)
        ws.freeze_panes(head_row + 1, 0)
        ws.autofilter(head_row, 0, last_row, len(cols) - 1)
        self.print_setup(ws, title, landscape=total > LANDSCAPE_FROM, repeat=head_row)

    def print_setup(self, ws: Worksheet, title: str, *, landscape: bool,
                    repeat: int | None) -> None:
        ws.set_paper(9)  # A4
        if landscape:
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
        if repeat is not None:
            ws.repeat_rows(0, repeat)
        ws.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.6)
        header = f"&L{_header_text(self.org)}&C&\"-,Bold\"{_header_text(title)}"
        if self.period:
            header += f"&R{_header_text(self.period)}"
        ws.set_header(header)
        made = EXPORTED.text(self.lang).format(program=_header_text(PROGRAM_TERM.text(self.lang)),
                                               at=f"{self.created:%Y-%m-%d %H:%M}")
        ws.set_footer(f"&L{made}&R{PAGE_OF.text(self.lang)}")

    # ---- a sheet of lines (instructions) -------------------------------------------------
    def lines(self, name: str, lines: Sequence[str], *, width: int = 100) -> Any:
        """A sheet of text lines in one wide column (a template's 说明); returns it."""
        ws = self.wb.add_worksheet(self.sheet_name(name))
        ws.set_column(0, 0, width)
        for r, line in enumerate(lines):
            if line:
                ws.write_string(r, 0, line)
        self.print_setup(ws, name, landscape=False, repeat=None)
        return ws


__all__ = ["Book", "Column", "ExportCancelled", "Typed", "text_width"]
