"""Catalogue files as offices really have them (办事指南 with gaps): blanks stay unknown and print
以窗口告知为准, statutory-only limits in working or calendar days, "原件及复印件", "原件（查验）",
conditional materials, missing departments, 22 materials with 80-character names — every
problem reported in one pass, nothing imported until the file is clean (or --partial)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

import cli
from core import audit
from core.admin import catalogue_xlsx
from core.admin.catalogue import get_item, item_at_version, list_items
from core.admin.catalogue_xlsx import import_catalogue, read_catalogue
from core.admin.guide_values import UNKNOWN_TEXT, find_condition, parse_days, parse_form
from core.admin.sheet_reader import FileRefused
from core.admin.staff import list_departments
from core.infra import xlsx_guard
from core.printing.slips import notice_data
from models.tables import SchemaVersion, ServiceItemVersion
from tests.helpers import ORG_ADMIN, make_item

ITEM_HEAD = ["事项编码", "事项名称", "承办部门", "即办件", "承诺时限（工作日）", "法定时限",
             "法定时限单位", "收费标准", "办理流程", "办理依据", "办理地点", "启用"]
MAT_HEAD = ["事项编码", "序号", "材料名称", "原件或复印件", "份数", "是否必需", "提交条件", "备注"]
LONG = "（" + "依据有关规定须由申请人本人或其委托代理人签字并加盖单位公章的材料" * 2 + "）"


def long_name(i: int) -> str:
    name = f"第{i}项材料：不动产登记申请审批表及相关权属来源证明{LONG}"
    return name[:80]


def write_book(path: Path, items: list[list], materials: list[list],
               item_head: list[str] = ITEM_HEAD, mat_head: list[str] = MAT_HEAD) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "事项清单"
    ws.append(item_head)
    for row in items:
        ws.append(row)
    ms = wb.create_sheet("申请材料")
    ms.append(mat_head)
    for row in materials:
        ms.append(row)
    wb.save(path)
    return path


def real_guides(path: Path) -> Path:
    """Five items the way real guides give them; every gap a guide leaves is blank here."""
    items = [
        # statutory only, in calendar days; fees, 即办件 and copies unknown
        ["GD-01", "城镇污水排入排水管网许可", "市场监管窗口", None, None, "30个自然日", None,
         None, "申请\n受理\n审查\n决定", "《城镇排水与污水处理条例》", "三楼C区", None],
        # statutory only, working days via the unit column; a department not set up yet
        ["GD-02", "不动产首次登记", "不动产登记窗口", "否", None, 20, "工作日",
         "住宅每件80元", None, "《不动产登记暂行条例》", "一楼A区", "是"],
        # a promise, plus a statutory limit
        ["GD-03", "食品经营许可证核发", "市场监管窗口", "否", 7, 20, "工作日", "不收费",
         None, None, None, None],
        # instant
        ["GD-04", "个体工商户登记", "市场监管窗口", "是", None, None, None, "不收费", None, None,
         None, None],
    ]
    mats = [
        ["GD-01", 1, "排水许可申请表", "原件", 1, "必需", None, None],
        ["GD-01", 2, "营业执照", "原件及复印件", None, None, None, "复印件加盖公章"],
        ["GD-01", 3, "法定代表人身份证", "原件（查验）", None, None, None, "核验后退还"],
        ["GD-01", 4, "委托代理人身份证明（如委托他人办理，须提供）", None, None, None, None, None],
        ["GD-01", 5, "排水户内部排水管网图", None, None, "有条件", "涉及新建管网的", None],
        ["GD-01", 6, "水质检测报告", "复印件", 1, "非必需", None, None],
        *[["GD-02", i, long_name(i), "原件及复印件" if i % 3 else "原件", None if i % 2 else 1,
           None, None, None] for i in range(1, 23)],
        ["GD-03", 1, "食品经营许可申请书", "原件", 1, "是", None, None],
        ["GD-04", 1, "经营者身份证", "原件（查验）", 1, "是", None, None],
    ]
    return write_book(path, items, mats)


@pytest.fixture
def guides(org, tmp_path):
    return real_guides(tmp_path / "guides.xlsx")


def test_a_file_with_real_guides_gaps_is_read_without_inventing_anything(org, guides):
    plan = read_catalogue(guides)
    assert plan.problems == () and plan.missing_departments == ("不动产登记窗口",)
    items = {p.info.code: p.info for p in plan.items}
    sewage = items["GD-01"]
    assert (sewage.instant, sewage.promised_days, sewage.legal_days, sewage.legal_unit,
            sewage.fees) == (None, 0, 30, "calendar", "")
    forms = [(m.form, m.copies, m.requirement, m.condition) for m in sewage.materials]
    assert forms == [
        ("original", 1, "required", ""),
        ("original_and_copy", None, "", ""),  # 是否必需 blank: not stated, not "是"
        ("original_check", None, "", ""),
        ("", None, "conditional", "如委托他人办理，须提供"),
        ("", None, "conditional", "涉及新建管网的"),
        ("copy", 1, "optional", ""),
    ]
    land = items["GD-02"]
    assert (land.legal_days, land.legal_unit, land.department_id) == (20, "working", 0)
    assert len(land.materials) == 22 and all(len(m.name) == 80 for m in land.materials)
    assert items["GD-04"].instant is True and items["GD-03"].promised_days == 7


def test_missing_departments_are_listed_and_created_only_when_asked(org, guides):
    with pytest.raises(FileRefused) as e:
        import_catalogue(guides, actor_id=org.admin)
    assert [(p.row, p.column) for p in e.value.problems] == [(3, "C 列“承办部门”")]
    assert "不动产登记窗口" in e.value.message()
    assert list_items() == []  # nothing imported
    result = import_catalogue(guides, actor_id=org.admin, create_departments=True)
    assert result.departments_created == ("不动产登记窗口",)
    assert sorted(result.created) == ["GD-01", "GD-02", "GD-03", "GD-04"]
    assert "不动产登记窗口" in [d.name for d in list_departments()]
    [made] = audit.rows(action="department.created")
    assert (made.actor, made.target) == ("管理员", "不动产登记窗口")
    [imported] = audit.rows(action="catalogue.imported")
    assert '"departments_created": ["不动产登记窗口"]' in imported.detail


def test_notices_print_unknown_as_ask_at_the_window(org, guides):
    import_catalogue(guides, actor_id=org.admin, create_departments=True)
    sewage = next(i for i in list_items() if i.code == "GD-01")
    notice = notice_data(None, sewage.id)
    assert notice.fees == UNKNOWN_TEXT and "不收费" not in notice.fees
    assert notice.time_limit == "法定时限：受理后 30 个自然日内办结"
    lines = {m.name: m for m in notice.materials}
    assert lines["营业执照"].form_label == "原件及复印件" and lines["营业执照"].copies_label == UNKNOWN_TEXT
    assert lines["排水许可申请表"].copies_label == "1 份"
    assert lines["法定代表人身份证"].form_label == "原件（查验）"
    assert lines["委托代理人身份证明（如委托他人办理，须提供）"].form_label == UNKNOWN_TEXT
    assert lines["排水户内部排水管网图"].requirement_label == "有条件：涉及新建管网的"
    assert lines["水质检测报告"].requirement_label == "非必需"
    assert notice_data(None, next(i.id for i in list_items() if i.code == "GD-03")).time_limit == (
        "承诺件：受理后 7 个工作日内办结（法定时限 20 个工作日）")


def every_gap_wrong(path: Path) -> Path:
    items = [
        ["BAD-1", "没有时限的事项", "市场监管窗口", None, None, None, None, None] + [None] * 4,
        ["BAD-2", "单位不明", "市场监管窗口", "否", None, 30, None] + [None] * 5,
        ["BAD-3", "承诺时限写成自然日", "市场监管窗口", "否", "5个自然日"] + [None] * 7,
        ["BAD-4", "", "市场监管窗口", "也许", 0, "三十日", "星期"] + [None] * 5,
        ["OK-1", "无误的事项", "市场监管窗口", "是"] + [None] * 8,
        ["BAD-1", "重复编码", "市场监管窗口", "是"] + [None] * 8,
    ]
    mats = [
        ["OK-1", 1, "身份证", "扫描件", "两份", "看情况", None, None],
        ["OK-1", 2, "", "原件", 1, "是", None, None],
        ["OK-1", 3, "申请书", "原件", 1, "非必需", "委托办理的", None],
        ["NONE-9", 1, "材料", "原件", 1, "是", None, None],
        ["OK-1", 4, "=A1", "原件", 1, "是", None, None],
    ]
    return write_book(path, items, mats)


def test_every_problem_is_reported_in_one_pass_and_nothing_is_imported(org, tmp_path):
    path = every_gap_wrong(tmp_path / "bad.xlsx")
    with pytest.raises(FileRefused) as e:
        import_catalogue(path, actor_id=org.admin)
    found = [(p.sheet, p.row, (p.column or "").split(" ")[0]) for p in e.value.problems]
    assert found == [
        ("事项清单", 2, "E"),  # no time limit at all
        ("事项清单", 3, "F"),  # 30 what? working or calendar days
        ("事项清单", 4, "E"),  # a promise in calendar days
        ("事项清单", 5, "B"), ("事项清单", 5, "D"), ("事项清单", 5, "E"), ("事项清单", 5, "F"),
        ("事项清单", 7, "A"),  # the code repeats row 2
        ("申请材料", 2, "D"), ("申请材料", 2, "E"), ("申请材料", 2, "F"),
        ("申请材料", 3, "C"),
        ("申请材料", 4, "G"),  # a condition for an optional material
        ("申请材料", 5, "A"),  # no such item
        ("申请材料", 6, "C"),  # a formula
    ]
    text = e.value.message()
    assert text.startswith("文件中有 15 处问题，未导入任何内容")
    assert "工作表“申请材料”第 2 行，D 列“原件或复印件”：应填“原件”“复印件”“原件及复印件”" in text
    assert "请注明法定时限是工作日还是自然日" in text and "与第 2 行重复" in text
    assert "15 problem(s)" in e.value.message("en")
    assert list_items(active_only=False) == []


def test_partial_imports_the_clean_items_and_lists_the_rest(org, tmp_path):
    path = every_gap_wrong(tmp_path / "bad.xlsx")
    wb_items = [["OK-2", "另一个无误的事项", "市场监管窗口", None, 3] + [None] * 7]
    write_book(tmp_path / "ok.xlsx", wb_items, [])
    result = import_catalogue(path, actor_id=org.admin, partial=True)
    assert result.created == () and len(result.skipped) == 15
    assert result.rejected == ("BAD-1", "BAD-2", "BAD-3", "BAD-4", "OK-1")
    result = import_catalogue(tmp_path / "ok.xlsx", actor_id=org.admin, partial=True)
    assert result.created == ("OK-2",) and result.skipped == ()


def test_cli_import_options(org, db_target, guides, monkeypatch, capsys):
    for key, value in ORG_ADMIN.items():
        monkeypatch.setenv(key, value)
    assert cli.main(["--db", db_target, "import", "catalogue", str(guides)]) == 1
    err = capsys.readouterr().err
    assert "第 3 行" in err and "不动产登记窗口" in err and "--create-departments" in err
    assert cli.main(["--db", db_target, "import", "catalogue", str(guides), "--partial"]) == 0
    out = capsys.readouterr().out
    assert "3 new" in out and "left out 1" in out and "GD-02" in out
    assert cli.main(["--db", db_target, "import", "catalogue", str(guides),
                     "--create-departments"]) == 0
    out = capsys.readouterr().out
    assert "1 new" in out and "departments created: 不动产登记窗口" in out


def test_the_exported_template_round_trips_every_new_value(org, guides, tmp_path):
    import_catalogue(guides, actor_id=org.admin, create_departments=True)
    before = {i.code: i.printed_fields() for i in list_items()}
    out = tmp_path / "again.xlsx"
    catalogue_xlsx.export_catalogue(out, actor_id=None)
    result = import_catalogue(out, actor_id=org.admin)
    assert sorted(result.unchanged) == sorted(before) and not result.updated
    assert {i.code: i.printed_fields() for i in list_items()} == before


def test_an_older_template_reads_its_working_day_header(org, tmp_path):
    head = [h if h != "法定时限" else "法定时限（工作日）" for h in ITEM_HEAD if h != "法定时限单位"]
    path = write_book(tmp_path / "old.xlsx",
                      [["OLD-1", "旧模板事项", "市场监管窗口", "否", None, 15] + [None] * 5],
                      [["OLD-1", 1, "申请书", "原件", 1, "是", "x"]],
                      head, [h for h in MAT_HEAD if h != "提交条件"])
    [planned] = read_catalogue(path).items
    assert (planned.info.legal_days, planned.info.legal_unit) == (15, "working")
    assert planned.info.materials[0].note == "x"


# ---- guards: size, zip bombs, rows, short transactions ------------------------------------

def test_a_zip_bomb_is_refused_before_it_is_expanded(org, tmp_path, monkeypatch):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))  # 30 MB → 30 KB
    assert bomb.stat().st_size < 100_000
    monkeypatch.setattr(xlsx_guard, "MAX_UNCOMPRESSED_BYTES", 10 * 1024 * 1024)
    opened = []
    monkeypatch.setattr(xlsx_guard, "load_workbook", lambda *a, **k: opened.append(a))
    with pytest.raises(FileRefused.__mro__[1]) as e:  # SheetError
        import_catalogue(bomb, actor_id=org.admin)
    assert "解压后过大" in e.value.message() and opened == []
    monkeypatch.setattr(xlsx_guard, "MAX_FILE_BYTES", 1000)
    with pytest.raises(FileRefused.__mro__[1]) as e:
        import_catalogue(bomb, actor_id=org.admin)
    assert "文件过大" in e.value.message()


def test_too_many_rows_are_refused(org, tmp_path, monkeypatch):
    monkeypatch.setattr(catalogue_xlsx, "MAX_ITEMS", 3)
    rows = [[f"R-{i}", f"事项{i}", "市场监管窗口", "是"] + [None] * 8 for i in range(5)]
    with pytest.raises(FileRefused) as e:
        import_catalogue(write_book(tmp_path / "many.xlsx", rows, []), actor_id=org.admin)
    assert "超过上限（3 行）" in e.value.message()
    assert list_items() == []


def test_items_are_saved_in_short_transactions(org, tmp_path, monkeypatch):
    rows = [[f"R-{i}", f"事项{i}", "市场监管窗口", "是"] + [None] * 8 for i in range(7)]
    path = write_book(tmp_path / "seven.xlsx", rows, [])
    real = catalogue_xlsx.write_transaction
    opened = []

    def counting(*args, **kwargs):
        opened.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(catalogue_xlsx, "write_transaction", counting)
    result = import_catalogue(path, actor_id=org.admin, batch=3)
    assert len(result.created) == 7
    assert len(opened) == 3 + 1  # batches of 3, 3 and 1, then the audit row


# ---- values and the upgrade ---------------------------------------------------------------

def test_guide_value_parsers():
    assert parse_days("30个自然日") == (30, "calendar") and parse_days(" 20 个工作日") == (20, "working")
    assert parse_days(15) == (15, "") and parse_days(None) == (0, "") and parse_days("依法") is None
    assert parse_form("原件及复印件") == "original_and_copy" and parse_form("原件(查验)") == "original_check"
    assert parse_form("") == "" and parse_form("扫描件") is None
    assert find_condition("配偶共同提取时提供") == "配偶共同提取时提供"
    assert find_condition("已通过信息共享获取的免于提交", "核验后退还") == ""


def test_a_v8_register_upgrades_its_catalogue(org, db_target, clock):
    from datetime import date

    from core import register
    from core.admin.organisation import set_calendar_day
    from models.database import db, is_sqlite

    item = make_item(org.market)
    set_calendar_day(org.admin, date(2027, 1, 1), False, "元旦")
    true = "1" if is_sqlite() else "TRUE"
    db.execute_sql("ALTER TABLE service_item DROP COLUMN legal_unit")
    for col in ("original", "required"):
        db.execute_sql(f"ALTER TABLE service_material ADD COLUMN {col} BOOLEAN NOT NULL "
                       f"DEFAULT {true}")
    db.execute_sql("UPDATE service_material SET original = (form = 'original')")
    for col in ("form", "requirement", "condition"):
        db.execute_sql(f'ALTER TABLE service_material DROP COLUMN "{col}"')
    if not is_sqlite():
        db.execute_sql("ALTER TABLE service_material ALTER COLUMN copies SET NOT NULL")
        db.execute_sql("ALTER TABLE service_item ALTER COLUMN instant SET NOT NULL")
    db.execute_sql("DROP TABLE calendar_year")
    old = {"id": item.id, "code": item.code, "name": item.name, "department_id": org.market,
           "department": "市场监管窗口", "instant": False, "promised_days": 3, "legal_days": 15,
           "fees": "不收费", "steps": [], "legal_basis": "", "location": "", "version": 1,
           "active": True, "materials": [{"name": "申请书", "original": True, "copies": 1,
                                          "required": True, "note": ""}]}
    ServiceItemVersion.update(snapshot=json.dumps(old, ensure_ascii=False)).where(
        ServiceItemVersion.item == item.id).execute()
    SchemaVersion.update(version=8).execute()
    register.close_register()
    register.open_register(db_target)
    assert SchemaVersion.get().version >= 9
    upgraded = get_item(item.id)
    assert [(m.form, m.copies, m.requirement) for m in upgraded.materials] == [
        ("original", 1, "required"), ("copy", 1, "required")]
    assert upgraded.legal_unit == "working" and upgraded.instant is False
    assert item_at_version(item.id, 1).materials[0].form == "original"
    assert register.calendar().has_official_data(2027)  # entered before: still trusted
