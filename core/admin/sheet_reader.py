"""Reading an imported sheet row by row and collecting every problem in one pass, each named by
sheet, row and column — so an office fixes its file once, not one error per attempt."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter

from core.cases.validation import clean_text
from core.errors import Term, ValidationError, english
from core.infra.xlsx_book import FORMULA_START
from core.infra.xlsx_guard import SheetError, sheet_place

MAX_ROW_INDEX = 100_000
"""No import reads past this row: a sheet claiming more is refused as a whole."""



@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where it is and why, in Chinese and English."""

    sheet: str
    row: int | None
    column: str | None  # e.g. 'E 列“份数”'
    reason: str
    reason_en: str = ""

    def where(self, lang: str = "zh") -> str:
        return sheet_place(self.sheet, self.row, self.column, lang)

    def message(self, lang: str = "zh") -> str:
        if english(lang):
            return f"{self.where(lang)}: {self.reason_en or self.reason}"
        return f"{self.where(lang)}：{self.reason}"


class FileRefused(SheetError):
    """A file with problems: nothing was imported. Its sheet, row and column are the first
    problem's; `problems` holds them all."""

    SHOWN = 30

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        super().__init__(first.sheet, first.row, first.column, first.reason, first.reason_en)

    def message(self, lang: str = "zh") -> str:
        lines = [p.message(lang) for p in self.problems[:self.SHOWN]]
        more = len(self.problems) - self.SHOWN
        if english(lang):
            head = f"{len(self.problems)} problem(s) in the file; nothing was imported:"
            tail = [f"… and {more} more."] if more > 0 else []
        else:
            head = f"文件中有 {len(self.problems)} 处问题，未导入任何内容："
            tail = [f"……另有 {more} 处。"] if more > 0 else []
        return "\n".join([head, *lines, *tail])


@dataclass(frozen=True)
class Head:
    """A column the sheet may have: its header, width in the template, whether it must be
    there, and other headers an older template or an office's own file may use."""

    name: str
    width: int
    required: bool = False
    aliases: tuple[str, ...] = ()
    en: str = ""  # the header of a template exported in English (read back as well)

    def text(self, lang: str = "zh") -> str:
        """The header as a template in `lang` writes it."""
        return Term(self.name, self.en or self.name).text(lang)


def norm(value: Any) -> str:
    return "".join(str(value).split()).replace("(", "（").replace(")", "）")


class SheetReader:
    """One sheet: finds the headers, then yields its non-blank rows as `Row`s."""

    def __init__(self, wb: Any, title: str | Term, heads: tuple[Head, ...],
                 problems: list[Problem], *, max_rows: int) -> None:
        names = tuple(title) if isinstance(title, Term) else (title,)  # either language's
        title = next((n for n in names if n in wb.sheetnames), names[0])
        self.title, self.problems, self.max_rows = title, problems, max_rows
        self.cols: dict[str, int] = {}
        self.header_text: dict[str, str] = {}
        self.ok = title in wb.sheetnames
        if not self.ok:
            problems.append(Problem(title, None, None,
                                    f"缺少工作表“{title}”，请使用导出的模板。",
                                    f"the sheet “{title}” is missing; use the exported template."))
            return
        self.ws = wb[title]
        first = next(self.ws.iter_rows(min_row=1, max_row=1), ())
        found = {norm(c.value): (i, str(c.value)) for i, c in enumerate(first, start=1)
                 if c.value is not None}
        for head in heads:
            for name in (head.name, *((head.en,) if head.en else ()), *head.aliases):
                if norm(name) in found:
                    self.cols[head.name], self.header_text[head.name] = found[norm(name)]
                    break
            else:
                if head.required:
                    self.ok = False
                    problems.append(Problem(title, 1, f"“{head.name}”",
                                            f"缺少表头“{head.name}”，请使用导出的模板。",
                                            f"the header “{head.name}” is missing."))

    def rows(self) -> Iterator[Row]:
        if not self.ok:
            return
        count = 0
        for number, cells in enumerate(self.ws.iter_rows(min_row=2), start=2):
            row = Row(self, number, {h: cells[c - 1] if c <= len(cells) else None
                                     for h, c in self.cols.items()})
            if row.blank():
                continue
            count += 1
            if count > self.max_rows or number > MAX_ROW_INDEX:
                self.problems.append(Problem(
                    self.title, number, None,
                    f"行数超过上限（{self.max_rows} 行），请分成几个文件导入。",
                    f"more than {self.max_rows} rows; split the file."))
                return
            yield row


class Row:
    """One row's cells by header; each reader returns None and records a problem on bad input."""

    def __init__(self, sheet: SheetReader, number: int, cells: dict[str, Any]) -> None:
        self.sheet, self.number, self.cells = sheet, number, cells
        self.failed = False

    def blank(self) -> bool:
        return all(c is None or c.value in (None, "") for c in self.cells.values())

    def where(self, head: str) -> str:
        col = self.sheet.cols.get(head)
        return f"{get_column_letter(col)} 列“{head}”" if col else f"“{head}”"

    def problem(self, head: str | None, reason: str, reason_en: str = "") -> None:
        self.failed = True
        self.sheet.problems.append(Problem(self.sheet.title, self.number,
                                           self.where(head) if head else None, reason, reason_en))

    def has(self, head: str) -> bool:
        return head in self.sheet.cols

    def raw(self, head: str) -> Any:
        """The cell's value (None for blank); a formula is a problem, read as blank."""
        c = self.cells.get(head)
        if c is None or c.value is None:
            return None
        if c.data_type == "f":
            self.problem(head, "单元格是公式，请直接填写内容。", "the cell holds a formula.")
            return None
        value = c.value
        if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_START:
            value = value[1:]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def text(self, head: str, *, required: bool = False, limit: int = 100,
             multiline: bool = False) -> str | None:
        if self.is_formula(head):
            self.raw(head)  # records the problem
            return None
        value = self.raw(head)
        try:
            return clean_text("" if value is None else str(value), "name", required=required,
                              limit=limit, multiline=multiline)
        except ValidationError as exc:
            problems = {"required": ("不能为空。", "must not be empty."),
                        "too_long": (f"不能超过 {limit} 个字。", f"at most {limit} characters."),
                        "bad_char": (f"含有不允许的控制字符（{exc.fields.get('value')}）。",
                                     "contains a control character.")}
            self.problem(head, *problems.get(exc.code, (exc.message(), exc.message("en"))))
            return None

    def flag(self, head: str, yes: set[str], no: set[str], reason: str,
             reason_en: str) -> bool | None:
        """True for a word of `yes`, False for one of `no`, None for a blank cell; anything
        else is a problem, said in `reason` (with {value}, the cell as written)."""
        value = self.raw(head)
        key = "" if value is None else str(value).strip().lower()
        if not key:
            return None
        if key in yes or key in no:
            return key in yes
        self.problem(head, reason.format(value=value), reason_en)
        return None

    def is_formula(self, head: str) -> bool:
        c = self.cells.get(head)
        return c is not None and c.value is not None and c.data_type == "f"

    def integer(self, head: str, low: int, high: int, *, blank: int | None = None) -> int | None:
        """A whole number in [low, high]; `blank` for an empty cell (None: it is a problem)."""
        if self.is_formula(head):
            self.raw(head)  # records the problem
            return None
        value = self.raw(head)
        if value is None and blank is not None:
            return blank
        try:
            number = int(str(value).strip()) if value is not None else None
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            shown = "" if value is None else value
            self.problem(head, f"应为 {low} 到 {high} 之间的整数（现为“{shown}”）。",
                         f"must be a whole number from {low} to {high}.")
            return None
        return number
