"""Excel files: the catalogue round trip (export, edit a cell, import, see the change), a
malformed file refused with sheet, row and column named and nothing half-imported, the
register and statistics exports, and formula-like text never becoming a formula."""

from __future__ import annotations

from dataclasses import replace

import pytest
from openpyxl import load_workbook

from core import audit
from core.admin import catalogue_xlsx
from core.admin.catalogue import MaterialSpec, get_item, list_items, save_item
from core.errors import DomainError
from core.exports import (
    SheetError,
    export_catalogue,
    export_register,
    export_tables,
    import_catalogue,
)
from core.supervision.reports import stat_tables
from core.supervision.statistics import Period, department_stats
from models.tables import ServiceItem, ServiceItemVersion
from tests.helpers import make_item
from tests.month_data import build_month


@pytest.fixture
def two_items(org):
    first = make_item(org.market, days=3, code="SC-T01", name="企业名称变更登记")
    second = save_item(replace(make_item(org.tax, code="SC-T02", name="发票领用"),
                               fees="=1+1 元/份", steps=("申请", "-领取"),
                               materials=(MaterialSpec("@经办人身份证", False, 2, True, "+复印件需签字"),)), actor_id=None)
    return first, second


def find_row(ws, code: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == code)


def test_export_writes_template_with_instructions(two_items, tmp_path):
    path = tmp_path / "cat.xlsx"
    assert export_catalogue(path, actor_id=None) == 2
    wb = load_workbook(path)
    assert wb.sheetnames == ["事项清单", "申请材料", "说明"]
    assert [c.value for c in wb["事项清单"][1]][:5] == [
        "事项编码", "事项名称", "承办部门", "即办件", "承诺时限（工作日）"]
    assert [c.value for c in wb["申请材料"][1]] == [
        "事项编码", "序号", "材料名称", "原件或复印件", "份数", "是否必需", "提交条件", "备注"]
    help_text = "\n".join(str(c.value) for c in wb["说明"]["A"] if c.value)
    assert "所有问题一次列出" in help_text and "市场监管窗口" in help_text
    assert "以窗口告知为准" in help_text
    items = wb["事项清单"]
    row = find_row(items, "SC-T01")
    assert [items.cell(row, c).value for c in (2, 3, 4, 5)] == ["企业名称变更登记", "市场监管窗口",
                                                                "否", 3]
    assert items.cell(row, 9).value == "申请\n受理\n审核\n决定"  # one step a line


def test_formula_like_text_is_quoted_text_and_survives_the_round_trip(two_items, tmp_path):
    path = tmp_path / "cat.xlsx"
    export_catalogue(path, actor_id=None)
    wb = load_workbook(path)
    fee = wb["事项清单"].cell(find_row(wb["事项清单"], "SC-T02"), 8)
    assert (fee.value, fee.data_type, fee.quotePrefix) == ("=1+1 元/份", "s", True)
    mats = wb["申请材料"]
    quoted = [c for row in mats.iter_rows(min_row=2) for c in row
              if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in quoted} == {"@经办人身份证", "+复印件需签字"}
    assert all(c.quotePrefix and c.data_type == "s" for c in quoted)
    result = import_catalogue(path, actor_id=None)
    assert result.unchanged == ("SC-T01", "SC-T02") and not result.updated
    item = get_item(two_items[1].id)
    assert item.fees == "=1+1 元/份" and item.steps == ("申请", "-领取")
    assert item.materials[0] == MaterialSpec("@经办人身份证", False, 2, True, "+复印件需签字")


def test_round_trip_edit_a_cell_and_see_the_change(org, two_items, tmp_path):
    path = tmp_path / "cat.xlsx"
    export_catalogue(path, actor_id=None)
    wb = load_workbook(path)
    items, mats = wb["事项清单"], wb["申请材料"]
    items.cell(find_row(items, "SC-T01"), 5).value = 5  # 承诺时限 3 → 5 working days
    mats.cell(find_row(mats, "SC-T01"), 5).value = 2  # first material: 2 copies
    new = items.max_row + 1
    for col, value in enumerate(("SC-T03", "个体工商户注销", "市场监管窗口", "是"), start=1):
        items.cell(new, col).value = value
    mats.append(["SC-T03", 1, "营业执照正副本", "原件", 1, "是", None])
    wb.save(path)
    result = import_catalogue(path, actor_id=org.admin)
    assert (result.created, result.updated, result.unchanged) == (("SC-T03",), ("SC-T01",),
                                                                   ("SC-T02",))
    changed = get_item(two_items[0].id)
    assert changed.promised_days == 5 and changed.version == 2
    assert changed.materials[0].copies == 2
    assert changed.materials[1].name == "法定代表人身份证复印件"  # untouched row kept
    [logged] = audit.rows(action="catalogue.imported")
    assert (logged.actor, logged.target) == ("管理员", "cat.xlsx")
    assert '"created": 1' in logged.detail and '"updated": 1' in logged.detail
    added = next(i for i in list_items() if i.code == "SC-T03")
    assert added.instant and added.department == "市场监管窗口"
    assert [m.name for m in added.materials] == ["营业执照正副本"]


def edit_and_import(path, edit):
    wb = load_workbook(path)
    edit(wb)
    wb.save(path)
    with pytest.raises(SheetError) as e:
        import_catalogue(path, actor_id=None)
    return e.value


def snapshot():
    return sorted((i.code, i.name, i.promised_days, i.version, i.materials)
                  for i in list_items(active_only=False)), ServiceItemVersion.select().count()


def test_malformed_file_is_refused_naming_sheet_row_and_column_and_nothing_imported(
        two_items, tmp_path):
    path = tmp_path / "cat.xlsx"
    export_catalogue(path, actor_id=None)
    before = snapshot()

    def edit(wb):
        items, mats = wb["事项清单"], wb["申请材料"]
        items.cell(find_row(items, "SC-T01"), 2).value = "名称已改（不应生效）"  # a valid change
        mats.cell(3, 5).value = "两份"  # an invalid one further down

    err = edit_and_import(path, edit)
    assert (err.sheet, err.row) == ("申请材料", 3)
    assert "份数" in err.column and err.column.startswith("E")
    text = err.message()
    assert "工作表“申请材料”第 3 行" in text and "份数" in text and "0 到 99" in text
    assert "未导入任何内容" in text
    assert "row 3" in err.message("en")
    assert snapshot() == before


@pytest.mark.parametrize(("sheet", "col", "value", "expect"), [
    ("事项清单", 3, "财务窗口", "系统中没有部门“财务窗口”"),
    ("事项清单", 4, "也许", "“是”或“否”"),
    ("事项清单", 5, 0, "1 到 365"),
    ("事项清单", 2, "", "不能为空"),
    ("事项清单", 1, "SC-T01", "与第 2 行重复"),
    ("事项清单", 5, "=SUM(A1:A2)", "公式"),
    ("申请材料", 1, "SC-T99", "不在“事项清单”工作表中"),
    ("申请材料", 4, "扫描件", "“原件及复印件”"),
])
def test_each_kind_of_bad_cell_is_named(two_items, tmp_path, sheet, col, value, expect):
    path = tmp_path / "cat.xlsx"
    export_catalogue(path, actor_id=None)
    before = snapshot()

    def edit(wb):
        ws = wb[sheet]
        ws.cell(3, col).value = value  # row 3 is the second item (or material)

    err = edit_and_import(path, edit)
    assert err.sheet == sheet and err.row == 3, err.message()
    assert expect in err.message()
    assert snapshot() == before


def test_not_a_workbook_or_missing_sheet(two_items, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("这不是表格", encoding="utf-8")
    with pytest.raises(SheetError) as e:
        import_catalogue(bad, actor_id=None)
    assert "不是有效的 .xlsx" in e.value.message()
    path = tmp_path / "cat.xlsx"
    export_catalogue(path, actor_id=None)
    err = edit_and_import(path, lambda wb: wb.remove(wb["申请材料"]))
    assert "缺少工作表“申请材料”" in err.message()


def test_a_failure_while_saving_rolls_back_every_item(two_items, tmp_path, monkeypatch):
    path = tmp_path / "cat.xlsx"
    export_catalogue(path, actor_id=None)
    wb = load_workbook(path)
    for code in ("SC-T01", "SC-T02"):
        wb["事项清单"].cell(find_row(wb["事项清单"], code), 10).value = "新依据"
    wb.save(path)
    before = snapshot()
    calls = []
    real = catalogue_xlsx.save_item

    def flaky(info, *, actor_id):
        calls.append(info.code)
        if len(calls) == 2:
            raise DomainError("duplicate", field="事项编码", value=info.code)
        return real(info, actor_id=actor_id)

    monkeypatch.setattr(catalogue_xlsx, "save_item", flaky)
    with pytest.raises(SheetError) as e:
        import_catalogue(path, actor_id=None)
    assert e.value.row == 3 and "已存在" in e.value.message()
    assert calls == ["SC-T01", "SC-T02"]
    assert snapshot() == before  # SC-T01 was saved, then rolled back
    assert not audit.rows(action="catalogue.imported")  # the audit row rolled back too
    assert ServiceItem.get(ServiceItem.code == "SC-T01").legal_basis != "新依据"


def test_only_administrators_import_and_supervisors_export(org, two_items, tmp_path):
    path = tmp_path / "cat.xlsx"
    export_catalogue(path, actor_id=org.head)
    with pytest.raises(DomainError) as e:
        import_catalogue(path, actor_id=org.head)
    assert e.value.code == "role_forbidden"
    with pytest.raises(DomainError):
        export_register(Period.month("2026-11"), tmp_path / "r.xlsx", actor_id=org.clerk)


def test_register_export_for_a_period(org, clock, tmp_path):
    refs = build_month(org, clock)
    path = tmp_path / "register.xlsx"
    assert export_register(Period.month("2026-11"), path, actor_id=org.leader) == 8
    ws = load_workbook(path).active
    assert ws.title == "事项登记簿" and ws["A1"].value == "事项登记簿 2026年11月（全部部门）"
    assert ws["A2"].value == ("统计期间：2026-11-01 至 2026-11-30 登记的事项，共 8 件；"
                              "状态截至 2026-12-01 14:00")
    head = [c.value for c in ws[3]]
    assert head[:6] == ["事项编号", "登记时间", "渠道", "类型", "办事人", "联系电话"]
    rows = {r[0]: dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=4, values_only=True)}
    assert set(rows) == {refs[k].number for k in "ABCDEFGJ"}
    a = rows[refs["A"].number]
    assert (a["办事人"], a["联系电话"], a["状态"], a["按时办结"], a["评价"]) == (
        "张三", "138****8000", "已结案", "是", "非常满意")
    assert a["登记时间"].isoformat() == "2026-11-23T09:00:00"
    assert rows[refs["B"].number]["按时办结"] == "否"
    assert rows[refs["B"].number]["来访次数"] == 2
    assert rows[refs["F"].number]["办事人"] == "（匿名）"
    d = rows[refs["D"].number]
    assert d["办事人"] == "（保密）" and not d["联系电话"]  # a complainant is protected
    [logged] = audit.rows(action="export.register")
    assert (logged.actor, logged.target) == ("郑十", "2026年11月")
    assert '"rows": 8' in logged.detail
    cell = next(c for c in ws["H"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s" and cell.quotePrefix  # shown as text, never evaluated


def test_statistics_tables_export_keeps_numbers_as_numbers(org, clock, tmp_path):
    refs = build_month(org, clock)
    tables = stat_tables(department_stats(Period.month("2026-11"), actor_id=None))
    path = export_tables(tables, tmp_path / "stats.xlsx", actor_id=None)
    wb = load_workbook(path)
    assert wb.sheetnames == ["概况", "按部门", "按状态", "按类型", "按渠道", "按人员", "好差评",
                             "超期事项", "即将到期"]
    deps = wb["按部门"]
    head = [c.value for c in deps[3]]
    total = next(r for r in deps.iter_rows(min_row=4) if r[0].value == "合计")
    rate = total[head.index("按时办结率")]
    assert rate.value == pytest.approx(0.75) and rate.number_format == "0.0%"
    assert total[head.index("登记")].value == 8
    overdue = wb["超期事项"]
    assert [overdue.cell(r, 1).value for r in range(4, 8)] == [  # head, E and H, the count
        refs["H"].number, refs["E"].number, None, "共 2 件"]
    assert overdue["A2"].value.startswith("截至 2026-12-01 14:00：全部未办结的事项，不限登记期间")
    assert deps["A2"].value.startswith("统计期间：2026-11-01 至 2026-11-30 登记的事项")
