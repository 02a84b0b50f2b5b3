"""A day at the window, the window's part (issue 16): the detail pane never shows a case its
list does not, a scan opens the case from any screen without losing a form, Ctrl+Q and 切换用户
ask before a filled form is lost, switching user hides everything and keeps the window's place,
the frequent steps have keys, help is one key away, the title says the name once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from core import register
from core.admin.staff import get_staff_info
from core.cases import workflow as wf
from core.cases.detail import case_detail
from gui.app import Desk
from gui.desk.main_window import MainWindow
from gui.ops import wait_idle
from gui.settings import AppSettings
from tests.gui_lists import row_ids, settle
from tests.gui_window import FastClock, open_window, session_for
from tests.helpers import walk_in

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("home"),
              pytest.mark.qt_log_ignore(r"This plugin does not support")]  # raise(), size hints


@pytest.fixture
def window(qtbot, sqlite_org, messages, home):
    with open_window(qtbot, sqlite_org.clerk, shown=True) as win:
        yield win


def scan(qtbot, widget, number: str) -> None:
    """What a barcode scanner sends: the digits, then Enter, to whatever has the focus."""
    qtbot.keyClicks(widget, number)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


# ---- 3. the detail pane and the list agree -------------------------------------------------------

def test_after_a_search_the_detail_pane_never_shows_a_case_not_in_the_list(window, qtbot,
                                                                         sqlite_org):
    zhang = walk_in(sqlite_org.clerk, name="张三", phone="13800138000")
    li = walk_in(sqlite_org.clerk, name="李四", phone="13912345678")
    window.show_page("mine")
    page = window.lists["mine"]
    page.select_case(zhang.id)
    settle(page)
    assert window.detail.case_id == zhang.id
    page.search.setText("13912345678")
    page.apply_filters()  # what the typing pause does
    assert row_ids(page) == [li.id]
    assert window.detail.case_id is None  # not 张三's case under a list of 李四's
    page.select_case(li.id)
    page.search.setText("李四")
    page.apply_filters()
    settle(page)
    assert window.detail.case_id == li.id and page.current_case_id() == li.id  # still there


def test_a_case_opened_from_elsewhere_is_in_the_list_it_is_shown_under(window, qtbot,
                                                                      sqlite_org):
    ref = walk_in(sqlite_org.clerk, name="张三")
    wf.resolve(sqlite_org.clerk, ref.id, "已办")
    wf.notify_result(sqlite_org.clerk, ref.id, "phone", "")
    wf.close(sqlite_org.clerk, ref.id)  # closed: in no open list
    window.show_page("inbox")
    window.show_case(ref.id)
    assert window.current_key() == "all"
    page = window.lists["all"]
    settle(page)
    assert page.current_case_id() == ref.id == window.detail.case_id


# ---- 10. a scanner from any screen ------------------------------------------------------------

def test_a_scan_during_an_intake_opens_the_case_and_keeps_the_form(window, qtbot, sqlite_org):
    ref = walk_in(sqlite_org.clerk)
    window.scanner.clock = FastClock(0.005)
    window.show_page("intake")
    intake = window.pages["intake"]
    intake.name_edit.setText("王")
    intake.subject_edit.setText("营业执照")
    intake.subject_edit.setFocus()
    intake.subject_edit.setCursorPosition(2)
    scan(qtbot, intake.subject_edit, ref.number)
    assert window.current_key() == "all" and window.detail.case_id == ref.id
    assert intake.subject_edit.text() == "营业执照"  # the digits did not stay in the field
    assert intake.name_edit.text() == "王" and intake.has_unsaved()
    assert "F2" in window.statusBar().currentMessage()
    window.show_page("intake")  # F2: everything still there
    assert intake.subject_edit.text() == "营业执照"


def test_typing_a_number_by_hand_is_not_a_scan(window, qtbot, sqlite_org):
    ref = walk_in(sqlite_org.clerk)
    window.scanner.clock = FastClock(0.2)
    window.show_page("intake")
    intake = window.pages["intake"]
    intake.note_edit.setFocus()
    scan(qtbot, intake.note_edit, ref.number)
    assert window.current_key() == "intake" and intake.note_edit.text() == ref.number


def test_a_scan_of_an_unknown_number_says_so(window, qtbot, sqlite_org):
    window.scanner.clock = FastClock(0.005)
    window.show_page("intake")
    intake = window.pages["intake"]
    intake.note_edit.setFocus()
    scan(qtbot, intake.note_edit, "20261126-0999")
    assert window.current_key() == "intake" and intake.note_edit.text() == ""
    assert "找不到事项 20261126-0999" in window.statusBar().currentMessage()


# ---- 8. Ctrl+Q with a filled form ----------------------------------------------------------------

def test_ctrl_q_with_a_filled_intake_asks_first(window, qtbot, answers):
    window.show_page("intake")
    window.pages["intake"].name_edit.setText("张三")
    window.show_page("all")
    answers.reply = False
    window.quit_action.trigger()
    assert answers.asked and window.isVisible()
    assert window.current_key() == "intake"  # back to the form that would be lost
    answers.reply = True
    window.quit_action.trigger()
    assert not window.isVisible()


def test_ctrl_q_with_an_empty_form_just_quits(window, answers):
    window.quit_action.trigger()
    assert not answers.asked and not window.isVisible()


# ---- 11. 切换用户 ----------------------------------------------------------------------------------

def test_switch_user_hides_the_data_and_keeps_the_window_in_place(qtbot, sqlite_org, messages,
                                                                  monkeypatch):
    walk_in(sqlite_org.clerk, name="张三")
    desk = Desk(AppSettings(), "zh", register.current())
    seen: dict[str, object] = {}

    def sign_in(parent=None):
        window = desk.window
        seen["locked"] = window.idle_lock.locked
        seen["central_hidden"] = not window.centralWidget().isVisible()
        seen["visible_text"] = [w.text() for w in window.findChildren(QLabel)
                                if w.isVisible()]
        return get_staff_info(sqlite_org.clerk2) if seen.get("second") else None

    monkeypatch.setattr(desk, "sign_in", sign_in)
    first = desk.open_window(get_staff_info(sqlite_org.clerk))
    qtbot.addWidget(first)
    qtbot.waitExposed(first)
    first.resize(1100, 760)
    first.move(QPoint(37, 41))
    where = first.geometry()
    first.switch_action.trigger()  # cancelled: the window stays locked for 王五
    assert seen["locked"] and seen["central_hidden"]
    assert not any("张三" in t for t in seen["visible_text"])
    assert first.idle_lock.locked and desk.window is first
    seen["second"] = True
    first.idle_lock.screen.switch_user.emit()  # the lock screen's own 切换用户
    second = desk.window
    qtbot.addWidget(second)
    assert second is not first and second.session.staff.id == sqlite_org.clerk2
    assert second.geometry() == where
    second.shutdown()
    wait_idle()


# ---- 14. keys for the frequent steps, help, the title -----------------------------------------------

def test_f6_accepts_and_f9_prints_the_receipt_of_the_selected_case(qtbot, sqlite_org, messages,
                                                                 monkeypatch):
    ref = walk_in(sqlite_org.clerk)
    wf.transfer(sqlite_org.clerk, ref.id, sqlite_org.market, sqlite_org.handler, "请协助")
    win = MainWindow(session_for(sqlite_org.handler), AppSettings())
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    win.show_page("inbox")
    win.inbox.show_section("to_accept")
    win.lists["inbox"].select_case(ref.id)
    settle(win.lists["inbox"])
    assert win.detail.case_id == ref.id
    keys = {name: a.shortcut().toString() for name, a in win.case_actions.actions.items()}
    assert (keys["accept"], keys["return"], keys["resolve"]) == ("F6", "F7", "F8")
    assert win.case_actions.prints["receipt"].shortcut().toString() == "F9"
    assert win.case_actions.actions["accept"].isEnabled()
    assert not win.case_actions.actions["resolve"].isEnabled()  # not offered before 签收
    assert "F6" in win.detail.action_buttons["accept"].toolTip()
    printed: list[tuple[int, str]] = []
    monkeypatch.setattr(win, "print_case", lambda case_id, doc: printed.append((case_id, doc)))
    win.case_actions.prints["receipt"].trigger()
    assert printed == [(ref.id, "receipt")]
    with qtbot.waitSignal(win.detail.case_changed, timeout=5000):
        qtbot.keyClick(win.lists["inbox"].table, Qt.Key.Key_F6)
    assert case_detail(ref.id).status == "in_progress"
    # Accepted, it left 待我签收 (and the pane with it); in 办理中 F8 now resolves it.
    win.inbox.show_section("in_progress")
    win.lists["inbox"].select_case(ref.id)
    settle(win.lists["inbox"])
    assert win.case_actions.actions["resolve"].isEnabled()
    win.shutdown()
    wait_idle()


def test_the_steps_keys_do_nothing_off_the_list_pages(window, qtbot, sqlite_org):
    ref = walk_in(sqlite_org.clerk)
    window.show_page("mine")
    window.lists["mine"].select_case(ref.id)
    settle(window.lists["mine"])
    assert window.case_actions.actions["resolve"].isEnabled()
    window.show_page("intake")
    assert not window.case_actions.actions["resolve"].isEnabled()


def test_f1_opens_the_guide_and_the_keys_page_lists_every_key(window, qtbot):
    action = window.guide_action
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    action.trigger()
    assert window.help is not None and window.help.isVisible()
    assert "首问" in window.help.guide.toPlainText() and "F6" in window.help.guide.toPlainText()
    window.keys_action.trigger()
    table = window.help.keys
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    for key, what in (("F2", "新登记"), ("F6", "签收"), ("F7", "退回"), ("F8", "办结"),
                      ("F9", "打印回执"), ("Ctrl+Q", "退出"), ("Ctrl+B", "导航")):
        assert what in rows[key], (key, rows.get(key))
    assert "Ctrl+Enter" in rows


def test_the_title_names_the_program_once(window):
    QApplication.setApplicationDisplayName("首问台")
    try:
        assert window.windowTitle() == "测试市政务服务中心"
        assert "首问台" not in window.windowTitle()  # Qt adds it: 测试市政务服务中心 — 首问台
    finally:
        QApplication.setApplicationDisplayName("")
