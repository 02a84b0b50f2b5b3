"""The catalogue as an .xlsx template: 事项清单 + 申请材料 + 说明 sheets, exported filled, and
imported all-or-nothing — every row checked first, named by sheet, row and column."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from core import audit
from core.casebase import get_actor
from core.catalogue import ItemInfo, MaterialSpec, list_items, save_item, validate_item
from core.errors import DomainError, ValidationError
from core.excel_io import FORMULA_START, HEAD_FILL, HEAD_FONT, SheetError, save
from core.validation import clean_text
from models.database import write_transaction
from models.tables import Department, ServiceItem

log = logging.getLogger(__name__)

ITEMS, MATERIALS, HELP = "事项清单", "申请材料", "说明"
# (header, width, required header)
ITEM_HEADS = (("事项编码", 14, True), ("事项名称", 30, True), ("承办部门", 16, True),
              ("即办件", 8, True), ("承诺时限（工作日）", 12, True), ("法定时限（工作日）", 12, False),
              ("收费标准", 16, False), ("办理流程", 30, False), ("办理依据", 30, False),
              ("办理地点", 16, False), ("启用", 6, False))
MATERIAL_HEADS = (("事项编码", 14, True), ("序号", 6, False), ("材料名称", 36, True),
                  ("原件或复印件", 12, False), ("份数", 6, False), ("是否必需", 9, False),
                  ("备注", 30, False))
YES = {"是", "y", "yes", "true", "1", "√", "✓", "t"}
NO = {"否", "n", "no", "false", "0", "×", "f"}
KIND = {"原件": True, "原": True, "original": True, "复印件": False, "复印": False, "复": False,
        "copy": False}
HELP_LINES = (
    "事项清单导入模板使用说明",
    "1. “事项清单”每行一个事项；“申请材料”每行一份材料，用“事项编码”对应到事项。",
    "2. 导入时按事项编码匹配：已有的事项被更新（凡告知单打印的内容有变化，版本号加 1），新编码新增事项。",
    "3. 文件中某事项的申请材料将整体替换该事项原有的材料；文件中没有的事项保持不变（停用请把“启用”填“否”）。",
    "4. “即办件”“启用”“是否必需”填“是”或“否”；“原件或复印件”填“原件”或“复印件”。",
    "5. 承诺件的“承诺时限”填 1–365 的工作日数；即办件可留空。“法定时限”填 0–365。",
    "6. “办理流程”每个步骤占一行（单元格内按 Alt+Enter 换行）。",
    "7. “承办部门”须与系统中的部门名称一致（见下方列表）。",
    "8. 请勿填写公式。任何一行有误时整个文件都不会导入，提示会指出工作表、行号和列。",
    "",
    "可选的承办部门：",
)


@dataclass(frozen=True)
class CatalogueImport:
    created: tuple[str, ...]  # item codes
    updated: tuple[str, ...]  # a printed field changed: new version
    unchanged: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)


def _put(ws: Worksheet, row: int, col: int, value: Any) -> None:
    c = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        c.data_type = "s"
        if value.startswith(FORMULA_START):
            c.quotePrefix = True
        if "\n" in value:
            c.alignment = Alignment(wrap_text=True, vertical="top")


def _sheet(wb: Workbook, title: str, heads: tuple[tuple[str, int, bool], ...]) -> Worksheet:
    ws = wb.create_sheet(title)
    for col, (head, width, _) in enumerate(heads, start=1):
        _put(ws, 1, col, head)
        ws.cell(1, col).font, ws.cell(1, col).fill = HEAD_FONT, HEAD_FILL
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    return ws


def _choices(ws: Worksheet, col: int, formula: str) -> None:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.add(f"{get_column_letter(col)}2:{get_column_letter(col)}2000")
    ws.add_data_validation(dv)


def export_catalogue(path: str | Path, *, actor_id: int | None = None, blank: bool = False) -> int:
    """The import template, filled with every item (active or not); returns the item count."""
    if actor_id is not None:
        get_actor(actor_id, "export")
    wb = Workbook()
    wb.remove(wb.active)
    items_ws, mats_ws = _sheet(wb, ITEMS, ITEM_HEADS), _sheet(wb, MATERIALS, MATERIAL_HEADS)
    help_ws = wb.create_sheet(HELP)
    help_ws.column_dimensions["A"].width = 100
    for row, line in enumerate(HELP_LINES, start=1):
        _put(help_ws, row, 1, line)
    deps = [d for (d,) in Department.select(Department.name).where(Department.active)
            .order_by(Department.id).tuples()]
    first = len(HELP_LINES) + 1
    for offset, name in enumerate(deps):
        _put(help_ws, first + offset, 1, name)
    if deps:
        last = first + len(deps) - 1
        _choices(items_ws, 3, f"{quote_sheetname(HELP)}!$A${first}:$A${last}")
    for ws, col in ((items_ws, 4), (items_ws, 11), (mats_ws, 6)):
        _choices(ws, col, '"是,否"')
    _choices(mats_ws, 4, '"原件,复印件"')
    items = [] if blank else list_items(active_only=False)
    mrow = 2
    for row, it in enumerate(items, start=2):
        values = (it.code, it.name, it.department, "是" if it.instant else "否",
                  None if it.instant else it.promised_days, it.legal_days, it.fees,
                  "\n".join(it.steps), it.legal_basis, it.location, "是" if it.active else "否")
        for col, value in enumerate(values, start=1):
            _put(items_ws, row, col, value)
        for pos, m in enumerate(it.materials, start=1):
            for col, value in enumerate((it.code, pos, m.name, "原件" if m.original else "复印件",
                                         m.copies, "是" if m.required else "否", m.note), start=1):
                _put(mats_ws, mrow, col, value)
            mrow += 1
    save(wb, path)
    log.info("catalogue exported to %s: %d items", path, len(items))
    return len(items)


# ---- reading ---------------------------------------------------------------------------

class _Reader:
    """Reads one sheet's cells by header name and turns bad cells into SheetErrors."""

    def __init__(self, wb: Any, title: str, heads: tuple[tuple[str, int, bool], ...]) -> None:
        if title not in wb.sheetnames:
            raise SheetError(title, None, None, f"缺少工作表“{title}”，请使用导出的模板。",
                             f"the sheet “{title}” is missing; use the exported template.")
        self.title, self.ws = title, wb[title]
        found = {_norm(c.value): c.column for c in self.ws[1] if c.value is not None}
        self.cols: dict[str, int] = {}
        for head, _, required in heads:
            if _norm(head) in found:
                self.cols[head] = found[_norm(head)]
            elif required:
                raise SheetError(title, 1, f"“{head}”", f"缺少表头“{head}”，请使用导出的模板。",
                                 f"the header “{head}” is missing.")
        self.row = 0
        self._cells: dict[str, Any] = {}

    def rows(self) -> Any:
        for cells in self.ws.iter_rows(min_row=2):
            by_col = {c.column: c for c in cells if getattr(c, "column", None)}
            self._cells = {h: by_col.get(col) for h, col in self.cols.items()}
            if all(c is None or c.value in (None, "") for c in self._cells.values()):
                continue
            self.row = cells[0].row
            yield self

    def fail(self, head: str, problem: str, problem_en: str = "") -> SheetError:
        col = self.cols.get(head)
        where = f"{get_column_letter(col)} 列“{head}”" if col else f"“{head}”"
        return SheetError(self.title, self.row, where, problem, problem_en)

    def raw(self, head: str) -> Any:
        c = self._cells.get(head)
        if c is None:
            return None
        if c.data_type == "f":
            raise self.fail(head, "单元格是公式，请直接填写内容。", "the cell holds a formula.")
        value = c.value
        if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_START:
            value = value[1:]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return value

    def text(self, head: str, *, required: bool = False, limit: int = 100,
             multiline: bool = False) -> str:
        value = self.raw(head)
        try:
            return clean_text("" if value is None else str(value), "name", required=required,
                              limit=limit, multiline=multiline)
        except ValidationError as exc:
            problems = {"required": ("不能为空。", "must not be empty."),
                        "too_long": (f"不能超过 {limit} 个字。", f"at most {limit} characters."),
                        "bad_char": (f"含有不允许的控制字符（{exc.fields.get('value')}）。",
                                     "contains a control character.")}
            raise self.fail(head, *problems.get(exc.code, (exc.message(), exc.message("en")))) from exc

    def integer(self, head: str, low: int, high: int, default: int | None = None) -> int:
        value = self.raw(head)
        if value in (None, "") and default is not None:
            return default
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            number = None
        if number is None or not low <= number <= high:
            raise self.fail(head, f"应为 {low} 到 {high} 之间的整数（现为“{value if value is not None else ''}”）。",
                            f"must be a whole number from {low} to {high}.")
        return number

    def choice(self, head: str, table: dict[str, bool], default: bool | None,
               hint: str) -> bool:
        value = self.raw(head)
        key = "" if value is None else str(value).strip().lower()
        if not key and default is not None:
            return default
        if key not in table:
            raise self.fail(head, f"应填{hint}（现为“{value if value is not None else ''}”）。",
                            f"must be {hint}.")
        return table[key]

    def flag(self, head: str, default: bool | None) -> bool:
        return self.choice(head, {**dict.fromkeys(YES, True), **dict.fromkeys(NO, False)},
                           default, "“是”或“否”")


def _norm(value: Any) -> str:
    return "".join(str(value).split()).replace("(", "（").replace(")", "）")


def _open(path: str | Path) -> Any:
    try:
        return load_workbook(str(path), data_only=False)
    except FileNotFoundError as exc:
        raise SheetError("", None, None, f"找不到文件：{path}", f"file not found: {path}") from exc
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SheetError("", None, None, f"不是有效的 .xlsx 工作簿：{Path(path).name}",
                         f"not a valid .xlsx workbook: {Path(path).name}") from exc


def read_catalogue(path: str | Path) -> list[tuple[int, ItemInfo]]:
    """Every item of the file with its row, checked with validate_item's rules (no writes)."""
    wb = _open(path)
    items_r, mats_r = _Reader(wb, ITEMS, ITEM_HEADS), _Reader(wb, MATERIALS, MATERIAL_HEADS)
    deps: dict[str, int] = {}
    for dep_id, name, code in Department.select(Department.id, Department.name,
                                                Department.code).tuples():
        deps[name] = dep_id
        if code:
            deps.setdefault(code, dep_id)
    existing = dict(ServiceItem.select(ServiceItem.code, ServiceItem.id).tuples())
    rows: dict[str, tuple[int, dict[str, Any]]] = {}
    for r in items_r.rows():
        code = r.text("事项编码", required=True, limit=30)
        if code in rows:
            raise r.fail("事项编码", f"事项编码“{code}”与第 {rows[code][0]} 行重复。",
                         f"item code “{code}” repeats row {rows[code][0]}.")
        dep_name = r.text("承办部门", required=True)
        if dep_name not in deps:
            raise r.fail("承办部门", f"找不到部门“{dep_name}”（可选：{'、'.join(n for n in deps if n)}）。",
                         f"no department “{dep_name}”.")
        instant = r.flag("即办件", None)
        steps = r.text("办理流程", limit=4000, multiline=True)
        rows[code] = (r.row, dict(
            id=existing.get(code), code=code, name=r.text("事项名称", required=True),
            department_id=deps[dep_name], department=dep_name, instant=instant,
            promised_days=0 if instant else r.integer("承诺时限（工作日）", 1, 365),
            legal_days=r.integer("法定时限（工作日）", 0, 365, default=0),
            fees=r.text("收费标准", limit=200),
            steps=tuple(s.strip() for s in steps.split("\n") if s.strip()),
            legal_basis=r.text("办理依据", limit=4000, multiline=True),
            location=r.text("办理地点"), active=r.flag("启用", True), materials=[]))
    for r in mats_r.rows():
        code = r.text("事项编码", required=True, limit=30)
        if code not in rows:
            raise r.fail("事项编码", f"事项编码“{code}”不在“{ITEMS}”工作表中。",
                         f"item code “{code}” is not on the “{ITEMS}” sheet.")
        spec = MaterialSpec(r.text("材料名称", required=True), r.choice("原件或复印件", KIND, True,
                                                                         "“原件”或“复印件”"),
                            r.integer("份数", 0, 99, default=1), r.flag("是否必需", True),
                            r.text("备注", limit=1000))
        rows[code][1]["materials"].append((r.integer("序号", 0, 9999, default=9999), r.row, spec))
    out: list[tuple[int, ItemInfo]] = []
    for row, fields in rows.values():
        fields["materials"] = tuple(m for *_, m in sorted(fields["materials"], key=lambda t: t[:2]))
        info = ItemInfo(**fields)
        out.append((row, _checked(row, info, validate_item)))
    return out


def _checked(row: int, info: ItemInfo, check: Callable[[ItemInfo], ItemInfo]) -> ItemInfo:
    try:
        return check(info)
    except DomainError as exc:
        raise SheetError(ITEMS, row, None, exc.message(), exc.message("en")) from exc


def import_catalogue(path: str | Path, *, actor_id: int | None = None) -> CatalogueImport:
    """All or nothing: the whole file is checked first, then saved in one transaction."""
    if actor_id is not None:
        get_actor(actor_id, "manage_catalogue")
    items = read_catalogue(path)
    versions = dict(ServiceItem.select(ServiceItem.code, ServiceItem.version).tuples())
    created, updated, unchanged = [], [], []
    with write_transaction():
        for row, info in items:
            saved = _checked(row, info, lambda i: save_item(i, actor_id))
            if info.id is None:
                created.append(saved.code)
            elif saved.version != versions.get(saved.code):
                updated.append(saved.code)
            else:
                unchanged.append(saved.code)
        audit.record(actor_id, "catalogue.imported", Path(path).name[:60],
                     {"created": len(created), "updated": len(updated),
                      "unchanged": len(unchanged)})
    log.info("catalogue imported from %s: %d new, %d changed, %d unchanged", path,
             len(created), len(updated), len(unchanged))
    return CatalogueImport(tuple(created), tuple(updated), tuple(unchanged))
