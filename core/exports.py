"""Exports as Excel (.xlsx) workbooks: the catalogue (export and checked import),
the case register for a period, and statistics tables, written through core.infra.xlsx_book (how
an office expects a workbook to look: docs/exports.md). Text that a spreadsheet could take
for a formula (= + - @) is always written as quoted text, never as a formula."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from core import audit
from core.admin import organisation
from core.errors import Term
from core.infra.xlsx_book import FORMULA_START, Book, Column, ExportCancelled, Typed
from core.infra.xlsx_guard import SheetError, sheet_place  # noqa: F401 - importers read them here too
from core.permissions import get_actor
from core.vocab import CHANNELS, EVALUATIONS, KINDS, PROTECTED_KINDS, STATUSES
from models.database import db, timestamp_param, write_transaction
from models.rows import tuples

log = logging.getLogger(__name__)

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"


# ---- the case register ---------------------------------------------------------------

REGISTER_COLUMNS = (  # long texts wrap in narrower columns: 21 columns print one page wide
    Column("事项编号"), Column("登记时间", "datetime"), Column("渠道"), Column("类型"),
    Column("办事人"), Column("联系电话"), Column("单位", wrap=True, max_width=16),
    Column("事项", wrap=True, max_width=24), Column("办事事项", wrap=True, max_width=20),
    Column("承办部门", wrap=True, max_width=12), Column("首问责任人"), Column("承办人"),
    Column("状态"), Column("到期时间", "datetime"), Column("办结时间", "datetime"),
    Column("答复时间", "datetime"), Column("按时办结"), Column("来访次数", "int"),
    Column("转办退回次数", "int"), Column("评价"), Column("办理结果", wrap=True, max_width=30),
)
REGISTER_HEADS_EN = (
    "Case number", "Registered", "Channel", "Kind", "Visitor", "Phone", "Organisation",
    "Matter", "Service item", "Department", "First inquiry", "Handler", "Status", "Due",
    "Resolved", "Visitor told", "On time", "Visits", "Hand-overs returned", "Evaluation",
    "Result")
REGISTER = Term("事项登记簿", "Case register")
YES, NO = Term("是", "Yes"), Term("否", "No")
ANONYMOUS, PROTECTED = Term("（匿名）", "(anonymous)"), Term("（保密）", "(protected)")


def register_columns(lang: str = "zh") -> tuple[Column, ...]:
    """The register's columns with their headers in `lang`."""
    return tuple(replace(c, head=Term(c.head, en).text(lang))
                 for c, en in zip(REGISTER_COLUMNS, REGISTER_HEADS_EN, strict=True))
_REGISTER_SQL = (
    'SELECT number, registered_at, channel, kind, anonymous, visitor_name, visitor_phone, '
    "visitor_unit, subject, service_item_id, department_id, first_owner_id, handler_id, status, "
    "due_at, resolved_at, notified_at, visit_count, handover_count, evaluation, result "
    'FROM "case" WHERE registered_at >= {p} AND registered_at < {p}{dep} ORDER BY registered_at, id')


def _when(value: Any) -> datetime | None:
    """A timestamp as the driver gives it: SQLite's text, PostgreSQL's datetime."""
    if value is None or value.__class__ is datetime:
        return value
    return datetime.fromisoformat(value)


def _register_query(period: Any, department_id: int | None) -> tuple[str, list[Any]]:
    p = db.param
    params: list[Any] = [timestamp_param(period.since), timestamp_param(period.until)]
    dep = ""
    if department_id is not None:
        dep, params = f" AND department_id = {p}", [*params, department_id]
    return _REGISTER_SQL.format(p=p, dep=dep), params


def register_count(period: Any, department_id: int | None = None) -> int:
    """How many cases the register export of `period` will hold (for its progress bar)."""
    sql, params = _register_query(period, department_id)
    sql = "SELECT COUNT(*) FROM" + sql.split("FROM", 1)[1].split(" ORDER BY")[0]
    return int(db.execute_sql(sql, params).fetchone()[0])


def _register_rows(period: Any, reveal: bool, department_id: int | None = None,
                   lang: str = "zh") -> Iterable[tuple[Any, ...]]:
    """The register's rows, read with one plain cursor (the ORM's per-value conversion was
    half the export's time at a million cases)."""
    from core.cases.validation import mask_phone
    from models.tables import Department, ServiceItem, Staff

    deps = dict(tuples(Department.select(Department.id, Department.name)))
    staff = dict(tuples(Staff.select(Staff.id, Staff.name)))
    items = dict(tuples(ServiceItem.select(ServiceItem.id, ServiceItem.name)))
    channels = {k: t.text(lang) for k, t in CHANNELS.items()}
    kinds = {k: t.text(lang) for k, t in KINDS.items()}
    statuses = {k: t.text(lang) for k, t in STATUSES.items()}
    levels = {k: t.text(lang) for k, t in EVALUATIONS.items()}
    anonymous, protected = ANONYMOUS.text(lang), PROTECTED.text(lang)
    yes, no = YES.text(lang), NO.text(lang)
    sql, params = _register_query(period, department_id)
    cursor = db.execute_sql(sql, params)
    while batch := cursor.fetchmany(2_000):
        for (number, reg, channel, kind, anon, vname, vphone, vunit, subject, item, dep, owner,
             handler, status, due_at, resolved_at, notified, visits, handovers, evaluation,
             result) in batch:
            if anon:
                name, phone, unit = anonymous, "", ""
            elif kind in PROTECTED_KINDS and not reveal:
                name, phone, unit = protected, "", ""
            else:
                name, phone, unit = vname, vphone if reveal else mask_phone(vphone), vunit
            due, resolved = _when(due_at), _when(resolved_at)
            on_time = "—" if resolved is None or due is None else (
                yes if resolved <= due else no)
            yield (number, _when(reg), channels.get(channel, channel), kinds.get(kind, kind),
                   name, phone, unit, subject, items.get(item, "") if item else "",
                   deps.get(dep, "") if dep else "", staff.get(owner, ""),
                   staff.get(handler, "") if handler else "", statuses.get(status, status),
                   due, resolved, _when(notified), on_time, visits, handovers,
                   levels.get(evaluation, "") if evaluation else "", result)


def export_register(period: Any, path: str | Path, *, actor_id: int | None,
                    reveal: bool = False, department_id: int | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    lang: str = "zh") -> int:
    """The cases registered in `period` (a core.supervision.statistics.Period) as one sheet, streamed
    to disk; returns the row count. Phones are masked and complainants' identities hidden
    unless `reveal` (which needs the reveal_identity permission when an actor is given). A
    department head exports their own department only. `progress(done, total)` is called
    as rows are written and may raise ExportCancelled: then no file is left behind and
    nothing is audited. Headers, captions and the vocabulary (statuses, channels, kinds) are
    in `lang`, the language of the person exporting."""
    from core.supervision.statistics import viewer_scope

    if actor_id is not None:
        get_actor(actor_id, "export")
        if reveal:
            get_actor(actor_id, "reveal_identity")
        department_id = viewer_scope(actor_id, department_id)
    from core import register

    now = register.now()
    total = register_count(period, department_id)
    scope, name, label = _department_name(department_id, lang), REGISTER.text(lang), period.label_for(lang)
    caption = (Term(f"{name} {label}（{scope}）", f"{name} {label} ({scope})").text(lang),
               Term(f"统计期间：{period.start:%Y-%m-%d} 至 {period.end:%Y-%m-%d} 登记的事项，"
                    f"共 {total} 件；状态截至 {now:%Y-%m-%d %H:%M}",
                    f"Period: cases registered {period.start:%Y-%m-%d} to {period.end:%Y-%m-%d}, "
                    f"{total} in all; status as of {now:%Y-%m-%d %H:%M}").text(lang))
    report = (lambda n: progress(n, total)) if progress is not None else None
    with Book(path, title=f"{name} {label}", org=organisation.org_name(), period=label,
              subject=name, created=now, lang=lang) as book:
        count = book.table(name, register_columns(lang),
                           _register_rows(period, reveal, department_id, lang), caption=caption,
                           title=Term(f"{name}（{scope}）", f"{name} ({scope})").text(lang),
                           progress=report)
    with write_transaction():  # personal data left the register: say who, what and when
        audit.record(actor_id, "export.register", period.label,
                     {"rows": count, "reveal": reveal, "file": Path(path).name,
                      **({"department": scope} if department_id is not None else {})})
    log.info("register %s exported to %s: %d cases", period.label, path, count)
    return count


def _department_name(department_id: int | None, lang: str = "zh") -> str:
    if department_id is None:
        return Term("全部部门", "All departments").text(lang)
    from models.tables import Department

    dep = Department.get_or_none(Department.id == department_id)
    return dep.name if dep else Term("（未定部门）", "(no department)").text(lang)


# ---- statistics tables -----------------------------------------------------------------

SPAN_FORMATS = ("late", "left")  # working minutes: written as the words the screen shows


def table_columns(table: Any) -> list[Column]:
    """A StatTable's columns: its formats as cell types (spans of working time as words)."""
    return [Column(h, "text" if fmt in SPAN_FORMATS else fmt)
            for h, fmt in zip(table.head, table.formats, strict=True)]


def export_tables(tables: Sequence[Any], path: str | Path, *, actor_id: int | None,
                  title: str = "", period: str = "") -> Path:
    """Statistics tables (core.supervision.reports.StatTable), one sheet each: the table's title and
    the moment it describes above the header (统计期间, or 截至 a time for current lists)."""
    if actor_id is not None:
        get_actor(actor_id, "export")
    from core import register
    from core.supervision.reports import words

    first = tables[0] if tables else None
    lang = getattr(first, "lang", "zh") if first is not None else "zh"
    title = title or (first.title if first is not None else words("统计", lang))
    period = period or (getattr(first, "period", "") if first is not None else "")
    with Book(path, title=title, org=organisation.org_name(), period=period, subject=title,
              created=register.now(), lang=lang) as book:
        for table in tables:
            caption = [table.title] + ([table.moment] if getattr(table, "moment", "") else [])
            book.table(words(table.sheet, lang), table_columns(table), _spans_as_words(table),
                       caption=caption, note=table.note, total_row=table.total_row,
                       title=table.title)
    return Path(path)


def _spans_as_words(table: Any) -> Sequence[Sequence[Any]]:
    """超期 1 个工作日 3 小时 rather than a bare number of minutes."""
    spans = [i for i, fmt in enumerate(table.formats) if fmt in SPAN_FORMATS]
    if not spans:
        return table.rows
    from core.supervision.reports import fmt_cell

    lang = getattr(table, "lang", "zh")
    return [tuple(fmt_cell(v, table.formats[i], lang) if i in spans else v
                  for i, v in enumerate(row)) for row in table.rows]


def export_table(table: Any, path: str | Path, *, actor_id: int | None) -> Path:
    """Any one statistics table the supervision screen shows."""
    return export_tables([table], path, actor_id=actor_id)


# ---- the catalogue (template, export, import) lives in core/admin/catalogue_xlsx.py -------------

def export_catalogue(path: str | Path, *, actor_id: int | None, blank: bool = False,
                     lang: str = "zh") -> int:
    """The import template, filled with every item unless `blank` (see core.admin.catalogue_xlsx)."""
    from core.admin.catalogue_xlsx import export_catalogue as run

    return run(path, actor_id=actor_id, blank=blank, lang=lang)


def import_catalogue(path: str | Path, *, actor_id: int | None, **options: Any) -> Any:
    """Check every row, then save the items in short batches (see core.admin.catalogue_xlsx)."""
    from core.admin.catalogue_xlsx import import_catalogue as run

    return run(path, actor_id=actor_id, **options)


__all__ = [
    "FORMULA_START", "Column", "ExportCancelled", "SheetError", "Typed", "export_catalogue",
    "export_register", "export_table", "export_tables", "import_catalogue", "register_count",
]
