"""The catalogue as an .xlsx template (事项清单 + 申请材料 + 说明), exported filled and imported
the way offices' real guides are written: blanks stay unknown, every problem is reported in
one pass, missing departments are listed (and created on request), and the items are saved in
short transactions so the windows keep registering meanwhile (docs/catalogue-import.md)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from openpyxl.utils import quote_sheetname

from core import audit
from core.admin.catalogue import ItemInfo, MaterialSpec, list_items, save_item, validate_item
from core.admin.guide_values import (
    CALENDAR,
    CONDITIONAL,
    FORMS,
    REQUIRED,
    REQUIREMENTS,
    WORKING,
    find_condition,
    parse_days,
    parse_form,
    parse_requirement,
    parse_unit,
)
from core.admin.organisation import org_name
from core.admin.sheet_reader import FileRefused, Head, Problem, Row, SheetReader
from core.admin.staff import create_department
from core.errors import DomainError, Term, english
from core.infra.xlsx_book import Book, Column
from core.infra.xlsx_guard import SheetError, open_workbook
from core.permissions import get_actor
from models.database import write_transaction
from models.rows import tuples
from models.tables import Department

log = logging.getLogger(__name__)

ITEMS, MATERIALS, HELP = "事项清单", "申请材料", "说明"
ITEMS_SHEET, MATERIALS_SHEET, HELP_SHEET = (Term(ITEMS, "Items"), Term(MATERIALS, "Materials"),
                                            Term(HELP, "Help"))
"""The sheets' names in either language (an English template is read back too)."""
MAX_ITEMS = 5_000
MAX_MATERIAL_ROWS = 60_000
BATCH = 20
"""Items saved per transaction: each commit is short, so clerks' saves wait milliseconds."""

PROMISE, LEGAL, UNIT = "承诺时限（工作日）", "法定时限", "法定时限单位"
ITEM_HEADS = (
    Head("事项编码", 14, True, en="Item code"), Head("事项名称", 30, True, en="Item name"),
    Head("承办部门", 16, True, en="Department"), Head("即办件", 8, en="Instant"),
    Head(PROMISE, 12, aliases=("承诺时限", "承诺办结时限"), en="Promised (working days)"),
    Head(LEGAL, 10, aliases=("法定时限（工作日）", "法定时限（自然日）", "法定办结时限"),
         en="Statutory limit"),
    Head(UNIT, 10, en="Statutory unit"),
    Head("收费标准", 16, aliases=("收费", "是否收费"), en="Fees"),
    Head("办理流程", 30, en="Steps"), Head("办理依据", 30, aliases=("设定依据",), en="Legal basis"),
    Head("办理地点", 16, en="Where"), Head("启用", 6, en="In use"))
FORM, COPIES, NEED, CONDITION = "原件或复印件", "份数", "是否必需", "提交条件"
MATERIAL_HEADS = (
    Head("事项编码", 14, True, en="Item code"), Head("序号", 6, en="No."),
    Head("材料名称", 36, True, en="Material"),
    Head(FORM, 12, aliases=("原件/复印件", "材料形式", "材料类型"), en="Original or copy"),
    Head(COPIES, 6, aliases=("份数要求",), en="Copies"),
    Head(NEED, 9, aliases=("是否必要", "必要性", "是否必须"), en="Needed"),
    Head(CONDITION, 24, aliases=("适用情形", "提交情形"), en="Condition"),
    Head("备注", 30, aliases=("填报须知", "材料说明"), en="Notes"))
YES_NO = (Term("是", "Yes"), Term("否", "No"))
UNIT_WORDS = {WORKING: Term("工作日", "working days"), CALENDAR: Term("自然日", "calendar days")}
YES = {"是", "y", "yes", "true", "1", "√", "✓", "t", "即办", "即办件"}
NO = {"否", "n", "no", "false", "0", "×", "f", "承诺件"}
FORM_HINT = "“原件”“复印件”“原件及复印件”或“原件（查验）”（指南未注明请留空）"
NEED_HINT = "“必需”“非必需”或“有条件”（指南未注明请留空）"
HELP_LINES = (
    "事项清单导入模板使用说明",
    "1. “事项清单”每行一个事项；“申请材料”每行一份材料，用“事项编码”对应到事项。",
    "2. 导入时按事项编码匹配：已有的事项被更新（凡告知单打印的内容有变化，版本号加 1），新编码新增事项。",
    "3. 文件中某事项的申请材料将整体替换该事项原有的材料；文件中没有的事项保持不变（停用请把“启用”填“否”）。",
    "4. 办事指南没有写明的内容请留空，不要猜：收费标准、即办件、份数、原件或复印件留空时，"
    "告知单印“以窗口告知为准”。",
    "5. 时限：有承诺时限的填“承诺时限（工作日）”；指南只写法定时限的，填“法定时限”并在“法定时限单位”"
    "填“工作日”或“自然日”（也可直接写“30个自然日”）。即办件填“是”时可不填时限。",
    "6. “原件或复印件”可填：原件、复印件、原件及复印件、原件（查验）。“是否必需”可填：必需、非必需、"
    "有条件；有条件的材料在“提交条件”写明情形（如“委托他人办理的”），材料名称或备注中写有"
    "“如……须提供”的，留空也按有条件处理。",
    "7. “办理流程”每个步骤占一行（单元格内按 Alt+Enter 换行）。",
    "8. “承办部门”应与系统中的部门名称一致（见下方列表）；系统中没有的部门会在导入前列出，"
    "确认后一并创建。",
    "9. 请勿填写公式。导入前检查全部行，所有问题一次列出（工作表、行号、列）；有问题时不导入，"
    "或选择只导入无误的事项。",
    "",
    "可选的承办部门：",
)
HELP_LINES_EN = (
    "How to fill in the catalogue import template",
    "1. \"Items\": one service item a row; \"Materials\": one material a row, tied to its item "
    "by the item code.",
    "2. Items are matched by code on import: an existing item is updated (its version goes up "
    "by one when anything a notice prints changes); a new code adds an item.",
    "3. An item's materials in the file replace all its materials; items not in the file stay "
    "as they are (to stop one, put No under \"In use\").",
    "4. Leave blank what the service guide does not say; do not guess. A blank fee, instant "
    "flag, number of copies or original/copy prints \"ask at the window\" on the notice.",
    "5. Time limits: give a promise under \"Promised (working days)\"; where the guide gives "
    "only a statutory limit, fill in \"Statutory limit\" and put \"working days\" or "
    "\"calendar days\" under \"Statutory unit\" (or write \"30 calendar days\"). An instant "
    "item (Yes) needs no limit.",
    "6. \"Original or copy\": Original, Copy, Original and copy, Original (shown, returned). "
    "\"Needed\": Required, Optional, Conditional; for a conditional material say when under "
    "\"Condition\" (e.g. \"if an agent applies\").",
    "7. \"Steps\": one step a line (Alt+Enter starts a new line in a cell).",
    "8. \"Department\" must match a department's name in the program (see the list below); "
    "departments the program does not have are listed before importing and can be created.",
    "9. No formulas, please. Every row is checked before importing and every problem is "
    "listed at once (sheet, row, column); with problems nothing is imported, or only the "
    "items without any.",
    "",
    "Departments to choose from:",
)


@dataclass(frozen=True)
class PlannedItem:
    """A clean item of the file: `info.department_id` is 0 when its department is new."""

    row: int
    info: ItemInfo
    change: str  # new | changed | unchanged


@dataclass(frozen=True)
class CataloguePlan:
    """What importing the file would do (read and checked, nothing written)."""

    items: tuple[PlannedItem, ...]
    problems: tuple[Problem, ...]
    rejected: tuple[str, ...]  # item codes left out because of a problem
    missing_departments: tuple[str, ...]  # named by clean items, not in the register
    department_column: str = "“承办部门”"

    def count(self, change: str) -> int:
        return sum(1 for p in self.items if p.change == change)


@dataclass(frozen=True)
class CatalogueImport:
    created: tuple[str, ...]  # item codes
    updated: tuple[str, ...]  # a printed field changed: new version
    unchanged: tuple[str, ...]
    skipped: tuple[Problem, ...] = ()  # with --partial: the problems of items left out
    rejected: tuple[str, ...] = ()
    departments_created: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)


# ---- writing the template ----------------------------------------------------------------

def _columns(heads: tuple[Head, ...], wrap: tuple[str, ...] = (), lang: str = "zh") -> list[Column]:
    """The template's columns: its widths are the least, the content widens them."""
    return [Column(h.text(lang), "text", h.name in wrap, h.width) for h in heads]


def _item_row(it: ItemInfo, lang: str = "zh") -> tuple[Any, ...]:
    yes, no = (t.text(lang) for t in YES_NO)
    instant = None if it.instant is None else (yes if it.instant else no)
    unit = UNIT_WORDS[it.legal_unit].text(lang) if it.legal_days else None
    return (it.code, it.name, it.department, instant, it.promised_days or None,
            it.legal_days or None, unit, it.fees, "\n".join(it.steps), it.legal_basis,
            it.location, yes if it.active else no)


def _material_row(code: str, pos: int, m: MaterialSpec, lang: str = "zh") -> tuple[Any, ...]:
    need = REQUIREMENTS[m.requirement_key].text(lang) if m.requirement_key else None
    return (code, pos, m.name, FORMS[m.form_key].text(lang) if m.form_key else None, m.copies, need,
            m.condition, m.note)


def export_catalogue(path: str | Path, *, actor_id: int | None, blank: bool = False,
                     lang: str = "zh") -> int:
    """The import template, filled with every item (active or not); returns the item count.
    The header stays on row 1 (the import reads it there). Sheet names, headers, the help
    sheet and the words in the cells (是/否, 工作日, 原件 …) are in `lang`; the import reads
    a template in either language."""
    from core import register

    if actor_id is not None:
        get_actor(actor_id, "export")
    deps = [d for (d,) in tuples(Department.select(Department.name).where(Department.active)
            .order_by(Department.id))]
    items = [] if blank else list_items(active_only=False)
    materials = [_material_row(it.code, pos, m, lang) for it in items
                 for pos, m in enumerate(it.materials, start=1)]
    help_lines = HELP_LINES_EN if english(lang) else HELP_LINES
    first = len(help_lines) + 1
    yes_no = [t.text(lang) for t in YES_NO]
    units = [UNIT_WORDS[u].text(lang) for u in (WORKING, CALENDAR)]
    item_choices: dict[int, Any] = {3: yes_no, 6: units, 11: yes_no}
    help_sheet = HELP_SHEET.text(lang)
    if deps:
        item_choices[2] = f"={quote_sheetname(help_sheet)}!$A${first}:$A${first + len(deps) - 1}"
    title = ITEMS_SHEET.text(lang)
    with Book(path, title=title, org=org_name(),
              subject=Term("事项清单导入模板", "Catalogue import template").text(lang),
              created=register.now(), lang=lang) as book:
        book.table(title, _columns(ITEM_HEADS, ("办理流程", "办理依据"), lang),
                   [_item_row(it, lang) for it in items], choices=item_choices)
        book.table(MATERIALS_SHEET.text(lang), _columns(MATERIAL_HEADS, ("备注",), lang),
                   materials, choices={
                       5: [REQUIREMENTS[k].text(lang) for k in (REQUIRED, "optional", CONDITIONAL)],
                       3: [FORMS[k].text(lang) for k in ("original", "copy", "original_and_copy",
                                                         "original_check")]})
        book.lines(help_sheet, [*help_lines, *deps])
    log.info("catalogue exported to %s: %d items", path, len(items))
    return len(items)


# ---- reading -----------------------------------------------------------------------------

def _flag(r: Row, head: str) -> bool | None:
    """是 / 否, or None for a blank cell (the guide does not say); a problem otherwise."""
    return r.flag(head, YES, NO, "应填“是”或“否”，指南未注明请留空（现为“{value}”）。",
                  "must be 是 or 否 (blank when the guide does not say).")


def _promise(r: Row) -> int:
    if r.is_formula(PROMISE):
        r.raw(PROMISE)
        return 0
    value = r.raw(PROMISE)
    parsed = parse_days(value)
    if parsed is None or parsed[1] == CALENDAR or (value is not None and not 1 <= parsed[0] <= 365):
        r.problem(PROMISE, f"应为 1 到 365 之间的工作日数，没有承诺时限请留空（现为“{value}”）。",
                  "must be 1 to 365 working days, or blank when there is no promise.")
        return 0
    return parsed[0]


def _legal(r: Row) -> tuple[int, str]:
    if r.is_formula(LEGAL):
        r.raw(LEGAL)
        return 0, WORKING
    value = r.raw(LEGAL)
    parsed = parse_days(value)
    if parsed is None or not 0 <= parsed[0] <= 365:
        r.problem(LEGAL, f"应为 0 到 365 之间的天数，如“20”或“30个自然日”（现为“{value}”）。",
                  "must be 0 to 365 days, e.g. 20 or 30个自然日.")
        return 0, WORKING
    days, unit = parsed
    column = parse_unit(r.raw(UNIT))
    if column is None:
        r.problem(UNIT, f"应填“工作日”或“自然日”（现为“{r.raw(UNIT)}”）。",
                  "must be 工作日 (working days) or 自然日 (calendar days).")
        return 0, WORKING
    if unit and column and unit != column:
        r.problem(UNIT, "与“法定时限”单元格中写的单位不一致。",
                  "disagrees with the unit written in the limit cell.")
        return 0, WORKING
    header = r.sheet.header_text.get(LEGAL, "")
    hinted = CALENDAR if "自然日" in header else WORKING if "工作日" in header else ""
    unit = unit or column or hinted
    if days and not unit:
        r.problem(LEGAL, "请注明法定时限是工作日还是自然日（填“法定时限单位”，或写成“20个工作日”）。",
                  "say whether the limit is in working or calendar days.")
        return 0, WORKING
    return days, unit or WORKING


def _copies(r: Row) -> int | None:
    value = r.raw(COPIES)
    if value is None:
        return None
    text = str(value).strip().removesuffix("份").strip()
    if text.isdigit() and 0 <= int(text) <= 99:
        return int(text)
    r.problem(COPIES, f"应为 0 到 99 之间的整数，指南未注明请留空（现为“{value}”）。",
              "must be a whole number from 0 to 99 (blank when the guide does not say).")
    return None


def _material(r: Row) -> MaterialSpec | None:
    name = r.text("材料名称", required=True, limit=100)
    form = parse_form(r.raw(FORM))
    if form is None:
        r.problem(FORM, f"应填{FORM_HINT}（现为“{r.raw(FORM)}”）。",
                  "must be 原件, 复印件, 原件及复印件 or 原件（查验）, or blank.")
    copies = _copies(r)
    need = parse_requirement(r.raw(NEED))
    if need is None:
        r.problem(NEED, f"应填{NEED_HINT}（现为“{r.raw(NEED)}”）。",
                  "must be 必需, 非必需 or 有条件, or blank.")
    condition = r.text(CONDITION, limit=200) or ""
    note = r.text("备注", limit=500) or ""
    if r.failed or name is None or form is None or need is None:
        return None
    if need == CONDITIONAL or (condition and need in (REQUIRED, "")):
        need = CONDITIONAL  # a stated condition makes "必需" conditional
        condition = condition or find_condition(name, note)
    elif condition:
        r.problem(CONDITION, f"“是否必需”为“{REQUIREMENTS[need].zh}”，却填写了提交条件。",
                  "a condition is given for a material that is not conditional.")
        return None
    elif not need:  # blank: conditional only when the guide's own words say so
        condition = find_condition(name, note)
        need = CONDITIONAL if condition else ""
    return MaterialSpec(name, form, copies, need, note, condition)


def _item_fields(r: Row, code: str | None, existing: dict[str, ItemInfo]) -> dict[str, Any] | None:
    name = r.text("事项名称", required=True)
    dep = r.text("承办部门", required=True, limit=60)
    instant = _flag(r, "即办件")
    promised = _promise(r)
    legal, unit = _legal(r)
    active = _flag(r, "启用")
    fields: dict[str, Any] = dict(
        code=code, name=name, department=dep, instant=instant, legal_days=legal,
        promised_days=0 if instant else promised, legal_unit=unit,
        fees=r.text("收费标准", limit=200), legal_basis=r.text("办理依据", limit=4000,
                                                               multiline=True),
        steps=r.text("办理流程", limit=4000, multiline=True), location=r.text("办理地点"),
        active=True if active is None else active)
    if not r.failed and not (instant or promised or legal):
        r.problem(PROMISE, "没有时限：请填写承诺时限或法定时限，或在“即办件”填“是”。",
                  "no time limit: give a promised or statutory limit, or mark it instant.")
    if r.failed or code is None:
        return None
    fields["id"] = existing[code].id if code in existing else None
    fields["steps"] = tuple(s.strip() for s in str(fields["steps"]).split("\n") if s.strip())
    return fields


def read_catalogue(path: str | Path) -> CataloguePlan:
    """Every row checked, every problem collected; nothing is written."""
    wb = open_workbook(path)
    try:
        return _read(wb)
    finally:
        wb.close()


def _department_ids() -> dict[str, int]:
    """Each department by its name and, where it has one, its code."""
    deps: dict[str, int] = {}
    for dep_id, name, code in tuples(Department.select(Department.id, Department.name,
                                                Department.code)):
        deps[name] = dep_id
        if code:
            deps.setdefault(code, dep_id)
    return deps


ItemRows = dict[str, tuple[int, dict[str, Any] | None]]  # code: (sheet row, fields or None)


def _item_rows(reader: SheetReader, existing: dict[str, ItemInfo],
               bad: set[str]) -> ItemRows:
    """The items sheet's rows by code; a repeated code or a row with problems goes in `bad`."""
    rows: ItemRows = {}
    for r in reader.rows():
        code = r.text("事项编码", required=True, limit=30)
        if code is not None and code in rows:
            r.problem("事项编码", f"事项编码“{code}”与第 {rows[code][0]} 行重复。",
                      f"item code “{code}” repeats row {rows[code][0]}.")
            bad.add(code)
            continue
        fields = _item_fields(r, code, existing)
        if code is not None:
            rows[code] = (r.number, fields)
            if fields is None:
                bad.add(code)
    return rows


def _material_rows(reader: SheetReader, rows: ItemRows,
                   bad: set[str]) -> dict[str, list[tuple[int, int, MaterialSpec]]]:
    """The materials sheet's rows by item code, with their order and sheet row; an item
    with a bad material goes in `bad`."""
    materials: dict[str, list[tuple[int, int, MaterialSpec]]] = {}
    for r in reader.rows():
        code = r.text("事项编码", required=True, limit=30)
        seq = r.integer("序号", 0, 9999, blank=9999)
        spec = _material(r)
        if code is None:
            continue
        if code not in rows:
            r.problem("事项编码", f"事项编码“{code}”不在“{ITEMS}”工作表中。",
                      f"item code “{code}” is not on the “{ITEMS}” sheet.")
            continue
        if spec is None or seq is None:
            bad.add(code)
            continue
        materials.setdefault(code, []).append((seq, r.number, spec))
    return materials


def _read(wb: Any) -> CataloguePlan:
    problems: list[Problem] = []
    items_r = SheetReader(wb, ITEMS_SHEET, ITEM_HEADS, problems, max_rows=MAX_ITEMS)
    mats_r = SheetReader(wb, MATERIALS_SHEET, MATERIAL_HEADS, problems, max_rows=MAX_MATERIAL_ROWS)
    if not (items_r.ok and mats_r.ok):
        raise FileRefused(problems)
    deps = _department_ids()
    existing = {i.code: i for i in list_items(active_only=False)}
    bad: set[str] = set()
    rows = _item_rows(items_r, existing, bad)
    materials = _material_rows(mats_r, rows, bad)
    planned: list[PlannedItem] = []
    missing: list[str] = []
    for code, (row, fields) in rows.items():
        if fields is None or code in bad:
            continue
        mats = tuple(m for *_, m in sorted(materials.get(code, []), key=lambda t: t[:2]))
        dep_name = fields["department"]
        info = ItemInfo(**{**fields, "department_id": deps.get(dep_name, 0), "materials": mats})
        try:
            info = validate_item(info, check_department=False)
        except DomainError as exc:  # what the cell readers do not check (none known today)
            problems.append(Problem(ITEMS, row, None, exc.message(), exc.message("en")))
            bad.add(code)
            continue
        if dep_name not in deps and dep_name not in missing:
            missing.append(dep_name)
        planned.append(PlannedItem(row, info, _change(info, existing.get(code))))
    problems.sort(key=lambda p: (p.sheet != ITEMS, p.row or 0))
    return CataloguePlan(tuple(planned), tuple(problems), tuple(sorted(bad)), tuple(missing),
                         Row(items_r, 0, {}).where("承办部门"))


def _change(info: ItemInfo, before: ItemInfo | None) -> str:
    if before is None:
        return "new"
    same = (before.printed_fields() == info.printed_fields() and before.active == info.active)
    return "unchanged" if same else "changed"


# ---- importing ---------------------------------------------------------------------------

class ImportInterrupted(SheetError):
    """Saving stopped part-way (a database error): the batch at fault was rolled back."""

    def message(self, lang: str = "zh") -> str:
        if english(lang):
            return f"{self.where(lang)}: {self.problem_en}"
        return f"{self.where(lang)}：{self.problem}"


def import_catalogue(path: str | Path, *, actor_id: int | None,
                     create_departments: bool = False, partial: bool = False,
                     batch: int = BATCH) -> CatalogueImport:
    """Check the whole file; with any problem import nothing (FileRefused lists them all), or
    with `partial` import the clean items and return the rest as `skipped`. Departments the
    file names but the register lacks are created only with `create_departments`."""
    if actor_id is not None:
        get_actor(actor_id, "manage_catalogue")
    plan = read_catalogue(path)
    problems, planned, rejected = list(plan.problems), list(plan.items), set(plan.rejected)
    if plan.missing_departments and not create_departments:
        for p in [p for p in planned if p.info.department_id == 0]:
            problems.append(Problem(ITEMS, p.row, plan.department_column,
                                    f"系统中没有部门“{p.info.department}”（确认后可在导入时一并创建）。",
                                    f"no department “{p.info.department}” (it can be created "
                                    "with the import)."))
            rejected.add(p.info.code)
        planned = [p for p in planned if p.info.department_id != 0]
        problems.sort(key=lambda p: (p.sheet != ITEMS, p.row or 0))
    if problems and not partial:
        raise FileRefused(problems)
    made: dict[str, int] = {}
    if create_departments:
        for name in plan.missing_departments:
            if any(p.info.department == name for p in planned):
                made[name] = create_department(name, actor_id=actor_id).id
    done: dict[str, list[str]] = {"new": [], "changed": [], "unchanged": []}
    for start in range(0, len(planned), batch):
        chunk = planned[start:start + batch]
        saved: list[tuple[str, str]] = []
        try:
            with write_transaction():
                for current in chunk:
                    info = current.info
                    if info.department_id == 0:
                        info = replace(info, department_id=made[info.department])
                    saved.append((current.change, save_item(info, actor_id=actor_id).code))
        except DomainError as exc:  # this batch rolled back; earlier ones stay saved
            count = sum(len(v) for v in done.values())
            failed = chunk[len(saved)] if len(saved) < len(chunk) else chunk[-1]
            saved_note = (f"此前 {count} 个事项已保存，其余未导入。", f"{count} item(s) were saved "
                          "before; the rest were not imported.") if count else ("", "")
            raise ImportInterrupted(ITEMS, failed.row, None, f"{exc.message()}{saved_note[0]}",
                                    f"{exc.message('en')} {saved_note[1]}".strip()) from exc
        for change, code in saved:
            done[change].append(code)
    created, updated, unchanged = done["new"], done["changed"], done["unchanged"]
    skipped = tuple(problems)
    with write_transaction():
        audit.record(actor_id, "catalogue.imported", Path(path).name[:60],
                     {"created": len(created), "updated": len(updated),
                      "unchanged": len(unchanged), "skipped": len(rejected),
                      "departments_created": list(made)})
    log.info("catalogue imported from %s: %d new, %d changed, %d unchanged, %d left out", path,
             len(created), len(updated), len(unchanged), len(rejected))
    return CatalogueImport(tuple(created), tuple(updated), tuple(unchanged), skipped,
                           tuple(sorted(rejected)), tuple(made))
