"""The window follows the same rules as the import (offscreen): the catalogue editor keeps what
a guide leaves unsaid, the import preview lists problems and new departments before anything
is written, and a calendar change shows the cases whose due time moved."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from core.admin.catalogue import get_item
from core.admin.catalogue_xlsx import read_catalogue
from core.admin.staff import list_departments
from core.dto import Scope
from gui.admin.calendar import CalendarTab
from gui.admin.catalogue import CatalogueEditor
from gui.admin.catalogue_import import ImportChoice, ImportPreview
from gui.admin.material_editor import COPIES, FORM, NEED
from gui.desk.moved_cases import MovedCasesDialog, moved_text
from tests.helpers import make_item, walk_in
from tests.test_catalogue_guides import real_guides
from tests.test_gui_admin import files, session_for, settle, widget

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore(r"This plugin does not support")]


def test_the_editor_saves_unknowns_as_unknown_and_needs_some_time_limit(qtbot, sqlite_org,
                                                                       shown):
    make_item(sqlite_org.market)
    editor = widget(qtbot, CatalogueEditor(session_for(sqlite_org.admin)))
    editor.instant_box.setCurrentIndex(editor.instant_box.findData(None))
    editor.days_spin.setValue(0)
    editor.legal_spin.setValue(0)
    assert not editor.save()
    assert "承诺时限或法定时限" in editor.messages["promised_days"].text()
    editor.legal_spin.setValue(30)
    editor.unit_box.setCurrentIndex(editor.unit_box.findData("calendar"))
    editor.fees_edit.setText("")
    mats = editor.materials
    mats.item(0, FORM).setData(Qt.ItemDataRole.UserRole, "original_and_copy")
    mats.item(0, COPIES).setData(Qt.ItemDataRole.UserRole, None)
    mats.item(1, NEED).setData(Qt.ItemDataRole.UserRole, "")
    mats.add_row()
    mats.item(2, 0).setText("委托书")
    mats.item(2, 4).setText("委托他人办理的")
    assert editor.save(), editor.messages["general"].text()
    item = get_item(editor.browser.current_id())
    assert (item.instant, item.promised_days, item.legal_days, item.legal_unit, item.fees) == (
        None, 0, 30, "calendar", "")
    assert [(m.form, m.copies, m.requirement, m.condition) for m in item.materials] == [
        ("original_and_copy", None, "required", ""), ("copy", 1, "", ""),
        ("original", 1, "conditional", "委托他人办理的")]
    editor.load(item)  # shown again as stored
    assert editor.instant_box.currentData() is None and editor.unit_box.currentData() == "calendar"
    assert mats.item(0, COPIES).text() == "未注明"


def test_the_preview_waits_for_the_departments_to_be_confirmed(qtbot, sqlite_org, tmp_path):
    plan = read_catalogue(real_guides(tmp_path / "guides.xlsx"))
    dialog = ImportPreview(plan, "guides.xlsx")
    qtbot.addWidget(dialog)
    assert "不动产登记窗口" in dialog.create_box.text()
    assert not dialog.import_button.isEnabled()  # GD-02 needs the new department
    dialog.create_box.setChecked(True)
    assert dialog.import_button.isEnabled() and dialog.choice() == ImportChoice(True, True, False)


def test_importing_from_the_editor_creates_the_confirmed_departments(qtbot, sqlite_org, shown,
                                                                     tmp_path, monkeypatch):
    path = real_guides(tmp_path / "guides.xlsx")
    files(monkeypatch, open_=str(path))
    seen = []

    def ask(cls, _parent, plan, _name, _lang="zh"):
        seen.append(plan)
        return ImportChoice(True, create_departments=True)
    monkeypatch.setattr(ImportPreview, "ask", classmethod(ask))
    editor = widget(qtbot, CatalogueEditor(session_for(sqlite_org.admin)))
    editor.import_excel()
    settle(qtbot, lambda: "导入完成" in editor.excel_status.text())
    assert "新增 4 项" in editor.excel_status.text() and "新建部门：不动产登记窗口" in editor.excel_status.text()
    assert seen[0].missing_departments == ("不动产登记窗口",)
    assert "不动产登记窗口" in [d.name for d in list_departments()]


def test_a_calendar_change_shows_the_moved_cases(qtbot, sqlite_org, clock, shown, monkeypatch):
    ref = walk_in(sqlite_org.clerk, Scope("own"), item_id=make_item(sqlite_org.market, days=3).id)
    listed = []
    monkeypatch.setattr(MovedCasesDialog, "show_moved",
                        classmethod(lambda cls, _parent, moved: listed.append(moved)))
    tab = widget(qtbot, CalendarTab(session_for(sqlite_org.admin)))
    tab.grid.select(date(2026, 11, 30))
    tab.holiday_button.click()
    [moved] = listed
    assert [(m.number, m.new_due) for m in moved] == [(ref.number, datetime(2026, 12, 2, 17, 30))]
    assert "1 件在办事项的到期时间已随之调整" in tab.import_status.text()
    assert moved_text(moved).startswith(f"{ref.number}\t2026-12-01 17:30\t2026-12-02 17:30\t王五")
    dialog = MovedCasesDialog(moved)
    qtbot.addWidget(dialog)
    assert dialog.table.model().rowCount() == 1


def test_a_year_entered_by_hand_is_confirmed_as_published(qtbot, sqlite_org, clock, shown,
                                                          monkeypatch):
    monkeypatch.setattr(MovedCasesDialog, "show_moved", classmethod(lambda *a: None))
    tab = widget(qtbot, CalendarTab(session_for(sqlite_org.admin)))
    tab.year_spin.setValue(2026)
    assert tab.published_box.isHidden()  # built-in data
    tab.year_spin.setValue(2028)
    assert not tab.published_box.isHidden() and not tab.published_box.isChecked()
    tab.published_box.click()
    assert tab.published_box.isChecked() and "已导入" in tab.source_label.text()
