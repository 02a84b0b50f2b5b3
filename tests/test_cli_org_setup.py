"""Setting an organisation up from its own lists on the command line: `export staff`,
`import staff FILE.xlsx` and `department create|rename|disable`, each as a signed-in
administrator and audited as that person; a bad list is refused whole, every problem named."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

import cli
from core import audit
from core.admin.staff import list_departments, list_staff
from models.tables import Staff
from tests.helpers import ORG_ADMIN


@pytest.fixture(autouse=True)
def _as_admin(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in ORG_ADMIN.items():
        monkeypatch.setenv(key, value)


def run(db: str, *args: str) -> int:
    return cli.main(["--db", db, *args])


def staff_book(path, rows, departments=None):
    wb = Workbook()
    ws = wb.active
    ws.title = "人员"
    ws.append(["用户名", "姓名", "角色", "部门", "窗口", "在岗", "初始密码"])
    for row in rows:
        ws.append(row)
    if departments is not None:
        ds = wb.create_sheet("部门")
        ds.append(["部门名称", "编码", "电话", "地点", "安全管理部门", "启用"])
        for row in departments:
            ds.append(row)
    wb.save(path)
    return path


def test_export_staff_lists_accounts_and_departments_without_passwords(org, db_target, tmp_path,
                                                                       capsys):
    out = tmp_path / "staff.xlsx"
    assert run(db_target, "export", "staff", "--out", str(out)) == 0
    assert "10 accounts" in capsys.readouterr().out
    wb = load_workbook(out)
    people = list(wb["人员"].iter_rows(min_row=2, values_only=True))
    assert ("wangwu", "王五", "窗口人员", "综合受理窗口", "1号窗口", "是", None) in people
    assert all(row[6] is None for row in people)  # never a password
    assert ("安全管理办公室", None, None, None, "是", "是") in list(
        wb["部门"].iter_rows(min_row=2, values_only=True))
    [row] = audit.rows(action="export.staff")
    assert row.actor == "管理员"


def test_a_bad_staff_list_is_refused_with_every_problem(org, db_target, tmp_path, capsys):
    path = staff_book(tmp_path / "bad.xlsx", [
        ["new.one", "新人甲", "窗口人员", "不动产登记窗口", "5号窗口", None, "Start2026"],
        ["new two", "新人乙", "科长", "综合受理窗口", None, None, "short"],
        ["new.three", "新人丙", "承办人", "综合受理窗口", None, None, None],
        ["new.one", "重复", "承办人", None, None, None, "Start2026"],
    ])
    assert run(db_target, "import", "staff", str(path)) == 1
    err = capsys.readouterr().err
    assert err.startswith("文件中有 6 处问题")
    for text in ("第 3 行，A 列“用户名”", "第 3 行，C 列“角色”", "第 3 行，G 列“初始密码”",
                 "第 4 行，G 列“初始密码”：新账户需要初始密码", "第 5 行，A 列“用户名”：用户名“new.one”与第 2 行重复",
                 "系统中没有部门“不动产登记窗口”"):
        assert text in err, text
    assert len(list_staff(active_only=False)) == 10


def test_import_staff_creates_updates_and_audits_as_the_administrator(org, db_target, tmp_path,
                                                                      capsys):
    path = staff_book(tmp_path / "staff.xlsx", [
        ["new.one", "新人甲", "窗口人员", "不动产登记窗口", "5号窗口", None, "Start2026"],
        ["wangwu", "王五", "clerk", "综合受理窗口", "3号窗口", "是", None],  # moved window
        ["zhaoliu", "赵六", "窗口人员", "综合受理窗口", "2号窗口", "否", None],  # leaves
    ], departments=[["档案室", "DA", None, "负一楼", "否", "是"]])
    assert run(db_target, "import", "staff", str(path)) == 1
    assert "不动产登记窗口" in capsys.readouterr().err
    assert run(db_target, "import", "staff", str(path), "--create-departments") == 0
    out = capsys.readouterr().out
    assert "departments created: 档案室、不动产登记窗口" in out
    assert "1 new" in out and "2 changed" in out
    new = Staff.get(Staff.username == "new.one")
    assert new.must_change_password and new.department.name == "不动产登记窗口"
    assert Staff.get(Staff.username == "wangwu").window_no == "3号窗口"
    assert not Staff.get(Staff.username == "zhaoliu").active
    actors = {(r.action, r.actor) for r in audit.rows(limit=50)}
    assert {("staff.created", "管理员"), ("staff.changed", "管理员"),
            ("staff.deactivated", "管理员"), ("department.created", "管理员"),
            ("staff.imported", "管理员")} <= actors
    assert run(db_target, "import", "staff", str(path), "--create-departments") == 0
    assert "0 new" in capsys.readouterr().out  # the same list again changes nothing


def test_department_commands(org, db_target, capsys, monkeypatch):
    assert run(db_target, "department", "create", "档案室", "--code", "DA") == 0
    assert run(db_target, "department", "rename", "档案室", "档案管理室") == 0
    assert run(db_target, "department", "disable", "档案管理室") == 0
    assert run(db_target, "department", "list") == 0
    out = capsys.readouterr().out
    assert "department created: 档案室" in out and "档案室 → 档案管理室" in out
    assert "档案管理室\tDA\t停用" in out
    assert run(db_target, "department", "disable", "市场监管窗口") == 1  # it has staff
    assert "在岗人员" in capsys.readouterr().err
    assert run(db_target, "department", "rename", "无此部门", "x") == 1
    assert [d.name for d in list_departments(active_only=False)][-1] == "档案管理室"
    assert {(r.action, r.actor) for r in audit.rows(limit=20)} >= {
        ("department.created", "管理员"), ("department.changed", "管理员")}
    monkeypatch.setenv("FIRSTDESK_USER", "wangwu")
    assert run(db_target, "department", "create", "无权创建") == 1
    assert "不能执行" in capsys.readouterr().err
