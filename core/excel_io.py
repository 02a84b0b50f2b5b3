"""Excel (.xlsx) files with Chinese headers: the catalogue (export and checked import),
the case register for a period, and statistics tables. Text that a spreadsheet could take
for a formula (= + - @) is always written as quoted text, never as a formula."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core import audit
from core.casebase import get_actor
from core.errors import DomainError
from core.vocab import CHANNELS, EVALUATIONS, KINDS, PROTECTED_KINDS, STATUSES
from models.database import write_transaction

log = logging.getLogger(__name__)

FORMULA_START = ("=", "+", "-", "@")
HEAD_FONT = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDDDDD")
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
FORMATS = {"int": "0", "decimal": "0.0", "percent": "0.0%", "datetime": DATETIME_FORMAT,
           "date": DATE_FORMAT}


class SheetError(DomainError):
    """A spreadsheet refused on import: names the sheet, row and column, and the problem.

    Raised before anything is written, so a refused file leaves the register unchanged.
    """

    def __init__(self, sheet: str, row: int | None, column: str | None, problem: str,
                 problem_en: str = "") -> None:
        self.sheet, self.row, self.column, self.problem = sheet, row, column, problem
        self.problem_en = problem_en or problem
        super().__init__("bad_sheet", at=column, sheet=sheet, row=row, column=column,
                         problem=problem)

    def where(self, lang: str = "zh") -> str:
        if lang.startswith("en"):
            parts = [f"sheet “{self.sheet}”" if self.sheet else "the file"]
            parts += [f"row {self.row}"] if self.row else []
            parts += [f"column {self.column}"] if self.column else []
            return ", ".join(parts)
        text = f"工作表“{self.sheet}”" if self.sheet else "文件"
        text += f"第 {self.row} 行" if self.row else ""
        text += f"，{self.column}列" if self.column else ""
        return text

    def message(self, lang: str = "zh") -> str:
        if lang.startswith("en"):
            return f"{self.where(lang)}: {self.problem_en} Nothing was imported."
        return f"{self.where(lang)}：{self.problem} 文件未导入任何内容。"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, width, and how a cell is written."""

    head: str
    width: float = 12
    fmt: str = "text"  # text | int | decimal | percent | datetime | date
    wrap: bool = False


def safe_text(value: str) -> tuple[str, bool]:
    """(text, quote it): text starting with = + - @ must never become a formula."""
    return value, value.startswith(FORMULA_START)


def cell(ws: Worksheet, value: Any, column: Column | None = None) -> WriteOnlyCell:
    """A write-only cell: formula-like text quoted (Excel's apostrophe prefix), numbers and
    dates typed with a number format."""
    if isinstance(value, str):
        c = WriteOnlyCell(ws, value)
        c.data_type = "s"  # openpyxl would store "=..." as a formula
        if value.startswith(FORMULA_START):
            c.quotePrefix = True
    else:
        c = WriteOnlyCell(ws, value)
        if column is not None and column.fmt in FORMATS and value is not None:
            c.number_format = FORMATS[column.fmt]
        elif isinstance(value, datetime):
            c.number_format = DATETIME_FORMAT
        elif isinstance(value, date):
            c.number_format = DATE_FORMAT
    if column is not None and column.wrap:
        c.alignment = Alignment(wrap_text=True, vertical="top")
    return c


def write_sheet(wb: Workbook, title: str, columns: Sequence[Column],
                rows: Iterable[Sequence[Any]], *, caption: str = "") -> int:
    """Append a sheet (header row bold and frozen) to a write-only workbook; returns rows."""
    ws = wb.create_sheet(title=title[:31])
    for index, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = col.width
    ws.freeze_panes = "A3" if caption else "A2"
    if caption:
        ws.append([cell(ws, caption)])
    head = []
    for col in columns:
        c = cell(ws, col.head)
        c.font, c.fill = HEAD_FONT, HEAD_FILL
        head.append(c)
    ws.append(head)
    count = 0
    for row in rows:
        ws.append(_row(ws, row, columns))
        count += 1
    return count


def _needs_cell(value: Any, column: Column) -> bool:
    if isinstance(value, str):
        return value.startswith(FORMULA_START) or column.wrap
    return value is not None and column.fmt in ("percent", "decimal", "date")


def _row(ws: Worksheet, values: Sequence[Any], columns: Sequence[Column]) -> list[Any]:
    """Plain values where openpyxl's fast path does (one reused cell per row), styled cells
    only where needed. After a styled cell openpyxl reuses *that* cell for the plain values
    that follow, so from there on every value gets a cell of its own."""
    out: list[Any] = []
    styled = False
    for value, column in zip(values, columns, strict=False):
        styled = styled or _needs_cell(value, column)
        out.append(cell(ws, value, column) if styled and value is not None else value)
    return out


def save(wb: Workbook, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return path


# ---- the case register ---------------------------------------------------------------

REGISTER_COLUMNS = (
    Column("事项编号", 15), Column("登记时间", 17, "datetime"), Column("渠道", 6),
    Column("类型", 9), Column("办事人", 10), Column("联系电话", 14), Column("单位", 20),
    Column("事项", 28), Column("办事事项", 24), Column("承办部门", 14), Column("首问责任人", 10),
    Column("承办人", 10), Column("状态", 10), Column("到期时间", 17, "datetime"),
    Column("办结时间", 17, "datetime"), Column("答复时间", 17, "datetime"), Column("按时办结", 8),
    Column("来访次数", 8, "int"), Column("转办退回次数", 12, "int"), Column("评价", 10),
    Column("办理结果", 40, wrap=True),
)


def _register_rows(period: Any, reveal: bool) -> Iterable[tuple[Any, ...]]:
    from core.validation import mask_phone
    from models.tables import Case, Department, ServiceItem, Staff

    deps = dict(Department.select(Department.id, Department.name).tuples())
    staff = dict(Staff.select(Staff.id, Staff.name).tuples())
    items = dict(ServiceItem.select(ServiceItem.id, ServiceItem.name).tuples())
    q = (Case.select(Case.number, Case.registered_at, Case.channel, Case.kind, Case.anonymous,
                     Case.visitor_name, Case.visitor_phone, Case.visitor_unit, Case.subject,
                     Case.service_item, Case.department, Case.first_owner, Case.handler,
                     Case.status, Case.due_at, Case.resolved_at, Case.notified_at,
                     Case.visit_count, Case.handover_count, Case.evaluation, Case.result)
         .where((Case.registered_at >= period.since) & (Case.registered_at < period.until))
         .order_by(Case.registered_at, Case.id).tuples())
    for (number, reg, channel, kind, anon, vname, vphone, vunit, subject, item, dep, owner,
         handler, status, due, resolved, notified, visits, handovers, evaluation,
         result) in q.iterator():
        name, phone, unit = vname, vphone if reveal else mask_phone(vphone), vunit
        if anon:
            name, phone, unit = "（匿名）", "", ""
        elif kind in PROTECTED_KINDS and not reveal:
            name, phone, unit = "（保密）", "", ""
        on_time = "—" if resolved is None or due is None else ("是" if resolved <= due else "否")
        yield (number, reg, CHANNELS[channel].zh if channel in CHANNELS else channel,
               KINDS[kind].zh if kind in KINDS else kind, name, phone, unit, subject,
               items.get(item, "") if item else "", deps.get(dep, "") if dep else "",
               staff.get(owner, ""), staff.get(handler, "") if handler else "",
               STATUSES[status].zh if status in STATUSES else status, due, resolved, notified,
               on_time, visits, handovers,
               EVALUATIONS[evaluation].zh if evaluation in EVALUATIONS else "", result)


def export_register(period: Any, path: str | Path, *, actor_id: int | None = None,
                    reveal: bool = False) -> int:
    """The cases registered in `period` (a core.statistics.Period) as one sheet; returns the
    row count. Phones are masked and complainants' identities hidden unless `reveal`
    (which needs the reveal_identity permission when an actor is given)."""
    if actor_id is not None:
        get_actor(actor_id, "export")
        if reveal:
            get_actor(actor_id, "reveal_identity")
    wb = Workbook(write_only=True)
    caption = f"事项登记簿 {period.label}"
    count = write_sheet(wb, "事项登记簿", REGISTER_COLUMNS, _register_rows(period, reveal),
                        caption=caption)
    save(wb, path)
    with write_transaction():  # personal data left the register: say who, what and when
        audit.record(actor_id, "export.register", period.label,
                     {"rows": count, "reveal": reveal, "file": Path(path).name})
    log.info("register %s exported to %s: %d cases", period.label, path, count)
    return count


# ---- statistics tables -----------------------------------------------------------------

def export_tables(tables: Sequence[Any], path: str | Path, *,
                  actor_id: int | None = None) -> Path:
    """Statistics tables (core.reports.StatTable), one sheet each, headers in Chinese."""
    if actor_id is not None:
        get_actor(actor_id, "export")
    wb = Workbook(write_only=True)
    used: set[str] = set()
    for table in tables:
        title = table.sheet[:31]
        n = 2
        while title in used:
            title = f"{table.sheet[:28]}({n})"
            n += 1
        used.add(title)
        columns = [Column(h, max(8.0, min(40.0, 2.2 * len(h) + 2)),
                          "text" if fmt in SPAN_FORMATS else fmt)
                   for h, fmt in zip(table.head, table.formats, strict=True)]
        write_sheet(wb, title, columns, _spans_as_words(table), caption=table.title)
    if not tables:
        wb.create_sheet("统计")
    return save(wb, path)


SPAN_FORMATS = ("late", "left")  # working minutes: written as the words the screen shows


def _spans_as_words(table: Any) -> Sequence[Sequence[Any]]:
    """超期 1 个工作日 3 小时 rather than a bare number of minutes."""
    spans = [i for i, fmt in enumerate(table.formats) if fmt in SPAN_FORMATS]
    if not spans:
        return table.rows  # type: ignore[no-any-return]
    from core.reports import fmt_cell

    lang = getattr(table, "lang", "zh")
    return [tuple(fmt_cell(v, table.formats[i], lang) if i in spans else v
                  for i, v in enumerate(row)) for row in table.rows]


def export_table(table: Any, path: str | Path, *, actor_id: int | None = None) -> Path:
    """Any one statistics table the supervision screen shows."""
    return export_tables([table], path, actor_id=actor_id)


# ---- the catalogue (template, export, import) lives in core/catalogue_xlsx.py -------------

def export_catalogue(path: str | Path, *, actor_id: int | None = None, blank: bool = False) -> int:
    """The import template, filled with every item unless `blank` (see core.catalogue_xlsx)."""
    from core.catalogue_xlsx import export_catalogue as run

    return run(path, actor_id=actor_id, blank=blank)


def import_catalogue(path: str | Path, *, actor_id: int | None = None, **options: Any) -> Any:
    """Check every row, then save the items in short batches (see core.catalogue_xlsx)."""
    from core.catalogue_xlsx import import_catalogue as run

    return run(path, actor_id=actor_id, **options)


__all__ = [
    "Column", "SheetError", "cell", "export_catalogue", "export_register", "export_table",
    "export_tables", "import_catalogue", "safe_text", "write_sheet",
]
