"""Administration as an administrator uses it (offscreen): staff and departments, the catalogue
editor with Excel, the working-day calendar, organisation settings, backup and restore, and the
事项清单 page every clerk may browse."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QLabel

from core import register
from core.admin.catalogue import get_item
from core.admin.organisation import org_info
from core.admin.staff import get_staff_info, list_staff, sign_in
from core.admin.staff_admin import auto_backup_settings, save_auto_backup
from core.dto import Scope
from core.errors import DomainError
from core.infra import backup as backups
from gui.admin import backup as backup_ui
from gui.admin import catalogue_page
from gui.admin import page as admin_page
from gui.admin.calendar import CalendarTab
from gui.admin.catalogue import CatalogueEditor
from gui.admin.catalogue_import import ImportChoice, ImportPreview
from gui.admin.catalogue_page import CataloguePage
from gui.admin.organisation import OrgSettingsTab
from gui.admin.page import AdminPage, FormDialog, Prompts
from gui.admin.staff import StaffTab
from gui.desk.main_window import MainWindow
from gui.ops import wait_idle
from gui.settings import AppSettings
from models.tables import Case
from tests.conftest import PASSWORD
from tests.gui_window import session_for
from tests.helpers import make_item, walk_in

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("home"),
              pytest.mark.qt_log_ignore(r"This plugin does not support")]


# ---- helpers ------------------------------------------------------------------------------

@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """Prompts.confirm answers yes and records the question."""
    questions: list[str] = []

    def confirm(cls, _parent, _title, text):
        questions.append(text)
        return True
    monkeypatch.setattr(Prompts, "confirm", classmethod(confirm))
    return questions


def files(monkeypatch, *, save: str = "", open_: str = "") -> None:
    """The file dialogs answer with these paths."""
    monkeypatch.setattr(Prompts, "save_path", classmethod(lambda cls, *_a: save))
    monkeypatch.setattr(Prompts, "open_path", classmethod(lambda cls, *_a: open_))


def fill_dialogs(monkeypatch, fill) -> list[QDialog]:
    """FormDialog.run fills the dialog as a person would, presses 保存, and reports."""
    seen: list[QDialog] = []

    def run(cls, dialog):
        seen.append(dialog)
        fill(dialog)
        dialog.save()
        return dialog.result_value if dialog.result() == QDialog.DialogCode.Accepted else None
    monkeypatch.setattr(FormDialog, "run", classmethod(run))
    return seen


def widget(qtbot, w):
    qtbot.addWidget(w)
    w.resize(1300, 820)
    return w


def settle(qtbot, condition) -> None:
    wait_idle()
    qtbot.waitUntil(condition, timeout=10_000)


def make_window(qtbot, staff_id: int) -> MainWindow:
    win = MainWindow(session_for(staff_id), AppSettings())
    qtbot.addWidget(win)
    catalogue_page.register_pages(win)
    admin_page.register_pages(win)
    backup_ui.install_backup_menu(win)
    return win


def nav_titles(win: MainWindow) -> list[str]:
    return [win.nav.item(i).text() for i in range(win.nav.count())]


# ---- who sees what ------------------------------------------------------------------------

def test_a_clerk_gets_the_catalogue_read_only_and_no_administration(qtbot, sqlite_org, shown):
    make_item(sqlite_org.market)
    win = make_window(qtbot, sqlite_org.clerk)
    titles = nav_titles(win)
    assert any(t.startswith("事项清单") for t in titles)
    assert not any(t.startswith("系统管理") for t in titles) and not hasattr(win, "admin_page")
    assert "备份数据库…" not in [a.text() for a in win.file_menu.actions()]
    page = win.catalogue_page
    win.show_page("catalogue")
    assert page.browser.model.rowCount() == 1
    index = page.browser.model.index(0, 1)
    assert not page.browser.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert page.detail.isReadOnly() and page.print_button.isVisibleTo(page)
    assert any("本页仅供查阅" in label.text() for label in page.findChildren(QLabel))
    win.shutdown()
    wait_idle()


def test_an_administrator_gets_both_pages_and_the_backup_menu(qtbot, sqlite_org, shown):
    win = make_window(qtbot, sqlite_org.admin)
    titles = nav_titles(win)
    assert any(t.startswith("系统管理") and "Ctrl+8" in t for t in titles)
    assert any(t.startswith("事项清单") and "Ctrl+7" in t for t in titles)
    texts = [a.text() for a in win.file_menu.actions()]
    assert texts.index("备份数据库…") < texts.index("退出")
    assert {"从备份恢复…", "自动备份设置…"} <= set(texts)
    win.shutdown()
    wait_idle()


def test_rows_model_passes_the_model_tester(qtbot, qtmodeltester, sqlite_org):
    tab = StaffTab(session_for(sqlite_org.admin))
    qtmodeltester.check(tab.staff_model)
    qtmodeltester.check(tab.dep_model)
    tab.deleteLater()


# ---- staff and departments ------------------------------------------------------------------

def test_a_new_staff_member_appears_and_can_sign_in(qtbot, sqlite_org, shown, monkeypatch):
    tab = widget(qtbot, StaffTab(session_for(sqlite_org.admin)))

    def weak(d):
        d.username_edit.setText("chenxi")
        d.name_edit.setText("陈曦")
        d.password_edit.setText("short")
    dialogs = fill_dialogs(monkeypatch, weak)
    tab.add_staff()
    assert dialogs[0].result() != QDialog.DialogCode.Accepted
    assert "至少 8 位" in dialogs[0].messages["password"].text()
    assert not [s for s in list_staff() if s.username == "chenxi"]

    def good(d):
        weak(d)
        d.role_box.setCurrentIndex(d.role_box.findData("handler"))
        d.department_box.setCurrentIndex(d.department_box.findData(sqlite_org.tax))
        d.window_box.setCurrentText("6号窗口")
        d.password_edit.setText("Start2026x")
    fill_dialogs(monkeypatch, good)
    tab.add_staff()
    person = tab.current_staff()
    assert person is not None and (person.name, person.role, person.department, person.window_no) == (
        "陈曦", "handler", "税务窗口", "6号窗口")
    row = [r.username for r in tab.staff_model.rows].index("chenxi")
    state = tab.staff_model.data(tab.staff_model.index(row, 5))
    assert state == "在岗 · 待改密码"
    me = sign_in("chenxi", "Start2026x")
    assert me.must_change_password and me.role == "handler"


def test_a_department_picked_on_the_left_filters_the_people(qtbot, sqlite_org, shown):
    tab = widget(qtbot, StaffTab(session_for(sqlite_org.admin)))
    everyone = tab.staff_model.rowCount()
    row = [d.id for d in tab.dep_model.rows].index(sqlite_org.market)
    tab.dep_table.selectRow(row)
    assert tab.dep_filter.currentText() == "市场监管窗口"
    assert {s.name for s in tab.staff_model.rows} == {"李四", "孙七", "周八"}
    tab.search.setText("lisi")
    assert [s.name for s in tab.staff_model.rows] == ["李四"]
    tab.search.clear()
    tab.dep_filter.setCurrentIndex(0)  # 全部部门
    assert tab.staff_model.rowCount() == everyone


def test_editing_a_person_changes_role_and_department(qtbot, sqlite_org, shown, monkeypatch):
    tab = widget(qtbot, StaffTab(session_for(sqlite_org.admin)))
    tab.select_staff(sqlite_org.clerk2)

    def promote(d):
        assert not d.username_edit.isEnabled()
        d.name_edit.setText("赵六六")
        d.role_box.setCurrentIndex(d.role_box.findData("dept_head"))
    fill_dialogs(monkeypatch, promote)
    tab.edit_staff()
    info = get_staff_info(sqlite_org.clerk2)
    assert (info.name, info.role) == ("赵六六", "dept_head")
    assert tab.current_staff().name == "赵六六"


def test_reset_password_forces_a_change_at_next_sign_in(qtbot, sqlite_org, shown, monkeypatch):
    tab = widget(qtbot, StaffTab(session_for(sqlite_org.admin)))
    tab.select_staff(sqlite_org.clerk)
    fill_dialogs(monkeypatch, lambda d: d.password_edit.setText("Temp2026ab"))
    tab.reset_password()
    assert get_staff_info(sqlite_org.clerk).must_change_password
    assert sign_in("wangwu", "Temp2026ab").must_change_password
    assert any("下次登录时须设置新密码" in text for _t, text, _k in shown)
    assert tab.current_staff().must_change_password


def test_someone_with_history_is_deactivated_not_deleted(qtbot, sqlite_org, shown, asked):
    walk_in(sqlite_org.clerk, Scope("answered", result="已当场答复"))
    tab = widget(qtbot, StaffTab(session_for(sqlite_org.admin)))
    tab.select_staff(sqlite_org.clerk)
    assert "有办理记录" in tab.delete_button.toolTip()
    tab.delete_selected()
    assert "王五 有办理记录，只能停用，不能删除。" in asked[0]
    info = get_staff_info(sqlite_org.clerk)  # still there
    assert not info.active
    assert tab.current_staff().id == sqlite_org.clerk and tab.active_button.text() == "启用"
    with pytest.raises(DomainError):
        sign_in("wangwu", PASSWORD)
    tab.select_staff(sqlite_org.clerk2)  # no history: really deleted after a confirmation
    tab.delete_selected()
    assert "没有任何办理记录" in asked[1]
    assert sqlite_org.clerk2 not in [s.id for s in list_staff(active_only=False)]


def test_the_last_administrator_cannot_switch_themselves_off(qtbot, sqlite_org, shown, asked):
    tab = widget(qtbot, StaffTab(session_for(sqlite_org.admin)))
    tab.show_inactive.setChecked(True)
    tab.select_staff(sqlite_org.admin)
    tab.toggle_active()
    assert any("不能停用自己" in text for _t, text, _k in shown)
    assert get_staff_info(sqlite_org.admin).active


def test_departments_are_added_and_a_duplicate_name_is_refused_at_the_field(
        qtbot, sqlite_org, shown, monkeypatch):
    tab = widget(qtbot, StaffTab(session_for(sqlite_org.admin)))
    dialogs = fill_dialogs(monkeypatch, lambda d: d.name_edit.setText("税务窗口"))
    tab.add_department()
    assert "已存在" in dialogs[0].messages["name"].text()
    fill_dialogs(monkeypatch, lambda d: (d.name_edit.setText("不动产登记窗口"),
                                         d.code_edit.setText("BDC")))
    tab.add_department()
    assert tab.current_department().name == "不动产登记窗口"


# ---- catalogue editor and Excel -------------------------------------------------------------

def editor_for(qtbot, org) -> CatalogueEditor:
    make_item(org.market)
    editor = widget(qtbot, CatalogueEditor(session_for(org.admin)))
    assert editor.code_edit.text() == "SC-T01"
    return editor


def test_editing_a_material_saves_version_2(qtbot, sqlite_org, shown):
    editor = editor_for(qtbot, sqlite_org)
    item_id = editor.browser.current_id()
    editor.materials.item(0, 0).setText("《变更登记申请书》（法定代表人签字）")
    editor.materials.add_row()
    editor.materials.item(2, 0).setText("营业执照正副本")
    editor.materials.setCurrentCell(2, 0)
    editor.materials.move_current(-1)
    assert editor.is_dirty()
    assert editor.save()
    assert "v2" in editor.saved_label.text() and editor.version_label.text() == "当前版本 v2"
    item = get_item(item_id)
    assert item.version == 2
    assert [m.name for m in item.materials] == [
        "《变更登记申请书》（法定代表人签字）", "营业执照正副本", "法定代表人身份证复印件"]
    assert editor.browser.model.data(editor.browser.model.index(0, 4)) == "v2"
    assert editor.save() and "仍为 v2" in editor.saved_label.text()  # nothing changed


def test_a_new_item_is_created_from_an_empty_form(qtbot, sqlite_org, shown):
    editor = editor_for(qtbot, sqlite_org)
    editor.new_item()
    assert editor.code_edit.text() == "" and editor.version_label.text() == "新事项"
    editor.code_edit.setText("TX-09")
    editor.name_edit.setText("税务登记信息变更")
    editor.department_box.setCurrentIndex(editor.department_box.findData(sqlite_org.tax))
    editor.instant_box.setCurrentIndex(editor.instant_box.findData(True))
    editor.materials.add_row()
    editor.materials.item(0, 0).setText("变更登记表")
    editor.steps.add_row("受理")
    editor.steps.add_row("办结")
    assert editor.save() and "v1" in editor.saved_label.text()
    item = editor.browser.current_item()
    assert (item.code, item.instant, item.department, item.steps) == (
        "TX-09", True, "税务窗口", ("受理", "办结"))
    assert [m.name for m in get_item(item.id).materials] == ["变更登记表"]


def test_a_bad_field_is_named_beside_it_and_nothing_is_saved(qtbot, sqlite_org, shown):
    editor = editor_for(qtbot, sqlite_org)
    editor.code_edit.setText("")
    assert not editor.save()
    assert "事项编码" in editor.messages["code"].text() and editor.messages["code"].isVisibleTo(editor)
    editor.code_edit.setText("SC-T01")
    editor.materials.item(1, 0).setText("")
    editor.materials.item(1, 5).setText("只有备注")
    assert not editor.save()
    assert "材料名称" in editor.messages["materials"].text()
    assert get_item(editor.browser.current_id()).version == 1


@pytest.fixture
def previews(monkeypatch) -> list:
    """The import preview answers as `answer` says (import, by default) and records the plan."""

    class Plans(list):
        answer: dict

    plans = Plans()
    answer = {"go": True}

    def ask(cls, _parent, plan, _name, _lang="zh"):
        plans.append(plan)
        return ImportChoice(**answer)
    monkeypatch.setattr(ImportPreview, "ask", classmethod(ask))
    plans.answer = answer
    return plans


def test_excel_export_edit_import_changes_the_item(qtbot, sqlite_org, shown, tmp_path,
                                                   monkeypatch, previews):
    editor = editor_for(qtbot, sqlite_org)
    path = tmp_path / "catalogue.xlsx"
    files(monkeypatch, save=str(path), open_=str(path))
    editor.export_excel()
    settle(qtbot, lambda: "已导出 1 个事项" in editor.excel_status.text())
    wb = load_workbook(path)
    ws = wb["事项清单"]
    assert ws["A2"].value == "SC-T01"
    ws["B2"] = "企业名称变更登记（含分支机构）"
    ws["E2"] = 7
    wb.save(path)
    editor.import_excel()
    settle(qtbot, lambda: "导入完成" in editor.excel_status.text())
    assert "更新 1 项" in editor.excel_status.text()
    assert editor.name_edit.text() == "企业名称变更登记（含分支机构）"
    assert editor.days_spin.value() == 7 and editor.version_label.text() == "当前版本 v2"
    assert get_item(editor.browser.current_id()).promised_days == 7


def test_a_malformed_import_names_row_and_column_and_changes_nothing(qtbot, sqlite_org, shown,
                                                                    tmp_path, monkeypatch,
                                                                    previews):
    previews.answer["go"] = False  # the preview lists the problem; the administrator cancels
    editor = editor_for(qtbot, sqlite_org)
    path = tmp_path / "bad.xlsx"
    files(monkeypatch, save=str(path), open_=str(path))
    editor.export_excel()
    settle(qtbot, lambda: "已导出" in editor.excel_status.text())
    wb = load_workbook(path)
    wb["事项清单"]["B2"] = "改了名字"
    wb["事项清单"]["E2"] = "三天"
    wb.save(path)
    editor.import_excel()
    settle(qtbot, lambda: "未导入" in editor.excel_status.text())
    text = editor.excel_status.text()
    assert "第 2 行" in text and "E 列" in text and "承诺时限" in text
    [plan] = previews
    assert [(p.row, p.column[:1]) for p in plan.problems] == [(2, "E")]
    item = get_item(editor.browser.current_id())
    assert (item.name, item.version) == ("企业名称变更登记", 1)


def test_the_template_download_is_an_empty_workbook(qtbot, sqlite_org, shown, tmp_path,
                                                    monkeypatch):
    editor = editor_for(qtbot, sqlite_org)
    path = tmp_path / "template"
    files(monkeypatch, save=str(path))
    editor.export_excel(blank=True)
    settle(qtbot, lambda: "模板已保存" in editor.excel_status.text())
    wb = load_workbook(str(path) + ".xlsx")
    assert wb["事项清单"].max_row == 1 and "说明" in wb.sheetnames


# ---- the 事项清单 page -------------------------------------------------------------------

def test_the_catalogue_page_shows_everything_and_prints_a_notice(qtbot, sqlite_org, shown,
                                                                 tmp_path, monkeypatch):
    make_item(sqlite_org.market)
    make_item(sqlite_org.tax, code="TX-01", name="发票领用", instant=True)
    page = widget(qtbot, CataloguePage(session_for(sqlite_org.clerk)))
    page.show()
    assert page.browser.model.rowCount() == 2
    page.browser.search.setText("发票")
    assert page.browser.model.rowCount() == 1 and page.browser.current_item().code == "TX-01"
    page.browser.search.setText("申请书")  # materials are searched too
    assert page.browser.model.rowCount() == 2
    page.browser.search.setText("名称 变更")
    item = page.browser.current_item()
    assert item.code == "SC-T01"
    html = page.detail.toPlainText()
    for text in ("企业名称变更登记", "v1", "法定代表人身份证复印件", "复印件", "审核", "不收费",
                 "《市场主体登记管理条例》", "二楼B区", "3 个工作日"):
        assert text in html
    page.print_notice()
    dialog = page.preview
    with qtbot.waitSignal(dialog.preview_ready, timeout=15_000):
        pass
    assert dialog.pdf.startswith(b"%PDF") and "SC-T01" in dialog.windowTitle()
    monkeypatch.setattr(type(dialog), "ask_save_path",
                        classmethod(lambda cls, *_a: str(tmp_path / "notice.pdf")))
    dialog.save_as_pdf()
    assert (tmp_path / "notice.pdf").read_bytes().startswith(b"%PDF")
    dialog.close()


# ---- the working-day calendar ---------------------------------------------------------------

def test_marking_a_holiday_moves_the_preview_due_date_and_shows_it(qtbot, sqlite_org, shown):
    tab = widget(qtbot, CalendarTab(session_for(sqlite_org.admin)))
    tab.start_edit.setDate(QDate(2026, 11, 26))
    tab.days_spin.setValue(5)
    assert "2026-12-03 17:30" in tab.due_label.text()
    monday = date(2026, 11, 30)
    assert tab.grid.mark(monday) == ("", "workday")
    tab.grid.select(monday)
    tab.name_edit.setText("临时停办")
    tab.holiday_button.click()
    assert "2026-12-04 17:30" in tab.due_label.text()
    assert tab.grid.mark(monday) == ("休", "holiday")
    assert "临时停办" in tab.grid.describe(monday) and "本单位设置" in tab.grid.describe(monday)
    row = [d.day for d in tab.list_model.rows].index(monday)
    assert tab.list_model.data(tab.list_model.index(row, 2)) == "休息"
    assert not register.calendar().is_workday(monday)
    tab.grid.select(date(2026, 12, 5))  # a Saturday becomes a make-up working day: 班
    tab.makeup_button.click()
    assert tab.grid.mark(date(2026, 12, 5)) == ("班", "makeup")
    tab.grid.select(monday)
    assert tab.default_button.isEnabled()
    tab.default_button.click()
    assert tab.grid.mark(monday) == ("", "workday")


def test_importing_next_years_schedule_removes_the_reminder(qtbot, sqlite_org, shown, tmp_path,
                                                           monkeypatch):
    page = widget(qtbot, AdminPage(session_for(sqlite_org.admin)))
    tab = page.calendar_tab
    assert "2027年" in tab.reminder.text() and tab.reminder.isVisibleTo(tab)
    assert page.tabs.tabText(2).endswith("⚠")
    bad = tmp_path / "bad.csv"
    bad.write_text("日期,类型,名称\n2027-01-01,休,元旦\n2027-02-30,休,春节\n", encoding="utf-8")
    files(monkeypatch, open_=str(bad))
    tab.import_schedule()
    settle(qtbot, lambda: "没有导入" in tab.import_status.text())
    assert "第 3 行" in tab.import_status.text() and tab.reminder.isVisibleTo(tab)
    good = tmp_path / "2027.csv"
    good.write_text("日期,类型,名称\n2027-01-01,休,元旦\n2027-02-06,休,春节\n"
                    "2027-02-07,班,春节调休\n", encoding="utf-8")
    files(monkeypatch, open_=str(good))
    tab.import_schedule()
    settle(qtbot, lambda: "已导入 2027 年" in tab.import_status.text())
    assert not tab.reminder.isVisibleTo(tab) and not page.reminder
    assert not page.tabs.tabText(2).endswith("⚠")
    assert tab.year_spin.value() == 2027 and "已导入" in tab.source_label.text()
    assert tab.grid.mark(date(2027, 2, 7)) == ("班", "makeup")


# ---- organisation settings ------------------------------------------------------------------

def test_settings_are_saved_and_bad_office_hours_are_named(qtbot, sqlite_org, shown, asked):
    tab = widget(qtbot, OrgSettingsTab(session_for(sqlite_org.admin)))
    tab.limit_spins["max_handovers"].setValue(3)
    tab.kind_spins["complaint"].setValue(10)
    tab.pickup_edit.setText("一楼取件窗口")
    tab.address_edit.setText("人民路 1 号")
    assert tab.save()
    s = register.org_settings()
    assert (s.max_handovers, s.days_for_kind("complaint"), s.pickup_place) == (3, 10, "一楼取件窗口")
    assert org_info().address == "人民路 1 号"
    tab.time_edits["lunch_start"].setTime(tab.time_edits["office_end"].time().addSecs(600))
    tab.limit_spins["max_handovers"].setValue(5)
    assert not tab.save()
    assert "办公时间" in tab.messages["office_end"].text()
    assert register.org_settings().max_handovers == 3
    tab.name_edit.setText("")
    assert not tab.save() and "机构名称" in tab.messages["org_name"].text()
    tab.reload()
    tab.preset_box.setCurrentIndex(tab.preset_box.findData("gas_utility"))
    tab.apply_preset()
    assert "预设" in asked[0] and org_info().profile == "gas_utility"
    assert tab.pickup_edit.text() == "一楼取件窗口"  # the slip wording stays


# ---- backup and restore ---------------------------------------------------------------------

def count_cases(path: Path) -> int:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute('SELECT COUNT(*) FROM "case"').fetchone()[0]
    finally:
        conn.close()


def test_backup_writes_a_file_with_the_same_cases(qtbot, sqlite_org, shown, tmp_path,
                                                  monkeypatch):
    for _ in range(3):
        walk_in(sqlite_org.clerk)
    win = make_window(qtbot, sqlite_org.admin)
    target = tmp_path / "copies" / "today.db"
    files(monkeypatch, save=str(target))
    win.backup_controller.backup_now()
    settle(qtbot, lambda: any(title == "备份数据库" for title, _t, _k in shown))
    assert str(target) in shown[-1][1]
    assert count_cases(target) == Case.select().count() == 3
    win.shutdown()
    wait_idle()


def test_restore_asks_with_both_files_and_counts_then_replaces_the_data(
        qtbot, sqlite_org, sqlite_target, shown, asked, tmp_path, monkeypatch):
    for _ in range(2):
        walk_in(sqlite_org.clerk)
    saved = backups.backup(tmp_path / "before.db", actor_id=None)
    for _ in range(3):
        walk_in(sqlite_org.clerk)
    win = make_window(qtbot, sqlite_org.admin)
    files(monkeypatch, open_=str(saved))
    with qtbot.waitSignal(win.switch_user_requested, timeout=5_000):
        assert win.backup_controller.restore_from()
    question = asked[0]
    assert str(saved) in question and sqlite_target in question
    assert "2 件事项" in question and "5 件事项" in question
    assert Case.select().count() == 2  # the register is open again, with the backup's data
    assert "请重新登录" in shown[-1][1]
    kept = list(Path(sqlite_target).parent.glob("register.before-restore-*.db"))
    assert len(kept) == 1 and count_cases(kept[0]) == 5
    win.shutdown()
    wait_idle()


def test_restore_cancelled_or_from_a_bad_file_changes_nothing(qtbot, sqlite_org, shown,
                                                              tmp_path, monkeypatch):
    walk_in(sqlite_org.clerk)
    win = make_window(qtbot, sqlite_org.admin)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    files(monkeypatch, open_=str(junk))
    assert not win.backup_controller.restore_from()
    assert "不是有效的备份文件" in shown[-1][1]
    saved = backups.backup(tmp_path / "good.db", actor_id=None)
    files(monkeypatch, open_=str(saved))
    monkeypatch.setattr(Prompts, "confirm", classmethod(lambda cls, *_a: False))
    assert not win.backup_controller.restore_from()
    assert Case.select().count() == 1
    win.shutdown()
    wait_idle()


def test_automatic_backup_runs_once_a_day_and_keeps_the_newest(qtbot, sqlite_org, shown,
                                                               tmp_path, monkeypatch):
    folder = tmp_path / "auto"
    folder.mkdir()
    for day in ("20261120", "20261121", "20261122"):
        (folder / f"firstdesk-{day}-120000.db").write_bytes(b"old")
    win = make_window(qtbot, sqlite_org.admin)
    controller = win.backup_controller
    assert not controller.check_auto()  # off by default

    dialogs = fill_dialogs(monkeypatch, lambda d: d.enabled_box.setChecked(True))
    controller.configure()  # no folder yet: refused at the field
    assert "文件夹" in dialogs[0].messages["folder"].text()

    def configure(d):
        d.enabled_box.setChecked(True)
        d.folder_edit.setText(str(folder))
        d.keep_spin.setValue(2)
    fill_dialogs(monkeypatch, configure)
    controller.configure()  # saving starts today's backup at once
    assert auto_backup_settings().keep == 2
    settle(qtbot, lambda: controller.last_auto is not None and not controller.busy)
    from core.infra.backup import is_verified

    names = sorted(p.name for p in folder.glob("*.db"))
    # Files that are not verified backups are neither counted nor removed by the rotation.
    assert names[:3] == [f"firstdesk-{d}-120000.db" for d in ("20261120", "20261121", "20261122")]
    verified = [n for n in names if is_verified(folder / n)]
    assert len(verified) == 1 and verified[0].startswith("firstdesk-20261126-")
    assert count_cases(folder / verified[0]) == 0
    assert not controller.check_auto()  # today's backup exists
    save_auto_backup(sqlite_org.admin, False, str(folder), 2)
    assert not controller.check_auto()
    win.shutdown()
    wait_idle()


def test_nobody_leaves_while_cases_wait_for_them(qtbot, sqlite_org, shown, asked):
    """Deactivating a member who is still the one to act would leave cases in nobody's
    inbox: refused with the count, and allowed once the cases are handed over."""
    from core.cases import workflow as wf

    ref = walk_in(sqlite_org.clerk)  # in progress with the clerk as handler
    tab = widget(qtbot, StaffTab(session_for(sqlite_org.admin)))
    tab.select_staff(sqlite_org.clerk)
    tab.toggle_active()
    assert get_staff_info(sqlite_org.clerk).active
    assert any("还有 1 件事项正等其处理" in text for _t, text, _k in shown)
    wf.transfer(sqlite_org.clerk, ref.id, sqlite_org.market)
    tab.toggle_active()
    assert not get_staff_info(sqlite_org.clerk).active
