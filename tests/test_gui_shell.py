"""The window shell as a clerk uses it: sign-in, the case lists (paged SQL), filters, search and
scanner, due cells, navigation counts and notices, settings, errors that never close the window."""

from __future__ import annotations

import sys
from datetime import datetime

import peewee as pw
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from core import register
from core.admin.demo import generate_cases
from core.admin.organisation import is_initialised, org_info
from core.admin.staff import get_staff_info, set_password
from core.cases import workflow as wf
from core.cases.queries import CaseFilter, count_cases, fetch_rows
from gui.admin.settings_dialog import SettingsDialog
from gui.app import FirstStartDialog, excepthook, open_database
from gui.desk.case_list import CaseListPage
from gui.desk.case_model import MAX_PAGES, PAGE_SIZE, CaseTableModel
from gui.desk.main_window import MainWindow
from gui.ops import wait_idle
from gui.settings import AppSettings
from gui.signin import SignInDialog
from models.database import StorageError
from models.tables import Case
from tests.conftest import PASSWORD
from tests.gui_lists import row_ids, settle
from tests.gui_window import open_window, session_for
from tests.helpers import make_item, walk_in

# The offscreen platform warns about size hints whenever a window is shown; nothing of ours.
pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("home"),
              pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")]


@pytest.fixture
def window(qtbot, sqlite_org, messages, home):
    with open_window(qtbot, sqlite_org.clerk) as win:
        yield win


def list_page(qtbot, staff_id: int, base: CaseFilter | None = None) -> CaseListPage:
    page = CaseListPage(session_for(staff_id), base or CaseFilter())
    qtbot.addWidget(page)
    page.ensure_loaded()
    settle(page)
    return page


def column(model: CaseTableModel, key: str) -> int:
    return [c.key for c in model.columns].index(key)


def cell(model: CaseTableModel, row: int, key: str, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column(model, key)), role)


# ---- sign-in -------------------------------------------------------------------------------

def test_sign_in_wrong_password_stays_open_right_password_returns_staff(qtbot, sqlite_org):
    dialog = SignInDialog(None, AppSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "wangwu")
    qtbot.keyClicks(dialog.password, "wrong-pass1")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "用户名或密码不正确" in dialog.message.text()
    assert dialog.isVisible() and dialog.staff is None
    assert dialog.password.text() == ""  # cleared for the next try
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # Enter before typing: said, not tried
    assert dialog.message.text() == "请输入密码。" and dialog.isVisible()
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.staff is not None and dialog.staff.name == "王五"
    again = SignInDialog(None, AppSettings())  # the last user is remembered
    qtbot.addWidget(again)
    assert again.username.text() == "wangwu"


def test_sign_in_after_password_reset_asks_for_a_new_one(qtbot, sqlite_org):
    set_password(sqlite_org.clerk, "reset1234", actor_id=sqlite_org.admin)
    dialog = SignInDialog(None, AppSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("wangwu")
    dialog.password.setText("reset1234")
    dialog.ok_button.click()
    assert dialog.new_password.isVisible() and dialog.staff is None
    qtbot.keyClicks(dialog.new_password, "fresh1234")
    qtbot.keyClicks(dialog.new_password2, "fresh9999")
    dialog.ok_button.click()
    assert "不一致" in dialog.message.text()
    dialog.new_password2.setText("fresh1234")
    dialog.ok_button.click()
    assert dialog.staff is not None and dialog.result() == QDialog.DialogCode.Accepted


def test_sign_in_typed_while_the_register_opens_goes_ahead_once_it_is_open(qtbot, sqlite_org):
    """At start-up the window is up before the register: Enter waits for it, then signs in."""
    dialog = SignInDialog(None, AppSettings())
    dialog.set_ready(False)
    dialog.show()
    assert "正在打开登记簿" in dialog.message.text()
    dialog.username.setText("wangwu")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.staff is None and dialog.isVisible()  # nothing to check the password in yet
    dialog.set_ready(True)
    staff = dialog.answer()
    assert staff is not None and staff.name == "王五"


def test_quit_while_the_register_opens_is_not_asked_again(qtbot, sqlite_org):
    dialog = SignInDialog(None, AppSettings())
    dialog.set_ready(False)
    dialog.show()
    dialog.cancel_button.click()
    assert dialog.quit_early and not dialog.isVisible()
    dialog.set_ready(True)
    assert dialog.answer() is None  # returns at once: no second window to cancel


# ---- main window ---------------------------------------------------------------------------

def test_status_bar_shows_user_window_database_and_counts(window, sqlite_org):
    walk_in(sqlite_org.clerk)
    window.refresh_counts(background=False)
    bar = " · ".join(w.text() for w in (window.user_label, window.waiting_label,
                                        window.overdue_label))
    assert "王五" in bar and "1号窗口" in bar and "数据库: 本机" in bar
    assert "0 件待签收" in bar and "0 件超期" in bar
    assert window._items["mine"].text() == "我的事项 (1)"
    assert window._items["inbox"].text().startswith("我的待办 (1)")  # in progress with me
    # Qt adds the program's name (applicationDisplayName): the title says it once.
    assert window.windowTitle() == "测试市政务服务中心"


def test_menus_have_the_shortcuts_and_ctrl_f_focuses_search(window, qtbot):
    shortcuts = {a.text(): a.shortcut().toString() for a in window.actions()}
    assert shortcuts["退出"] == "Ctrl+Q"
    assert shortcuts["刷新"] == "F5"
    assert shortcuts["查找"] == "Ctrl+F"
    assert (shortcuts["我的待办"], shortcuts["我的事项"], shortcuts["全部事项"]) == (
        "Ctrl+1", "Ctrl+2", "Ctrl+3")
    next(a for a in window.actions() if a.text() == "全部事项").trigger()
    assert window.current_key() == "all"
    window.find_action.trigger()
    assert window.focusWidget() is window.lists["all"].search
    if "intake" in window._items:  # the intake and phone pages, once installed
        assert (shortcuts["新登记"], shortcuts["来电登记"]) == ("F2", "F3")
        next(a for a in window.actions() if a.text() == "新登记").trigger()
        assert window.current_key() == "intake"
        assert window._items["intake"].text() == "新登记    F2"


def test_a_number_scanned_while_the_navigation_has_focus_opens_the_case(window, qtbot,
                                                                       sqlite_org):
    ref = walk_in(sqlite_org.clerk)
    window.show_page("mine")
    window.nav.setFocus()
    qtbot.keyClicks(window.nav, ref.number[0])
    page = window.lists["mine"]
    assert window.current_key() == "mine" and page.search.text() == ref.number[0]
    qtbot.keyClicks(page.search, ref.number[1:])
    with qtbot.waitSignal(page.case_activated) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened.args == [ref.id]


def test_about_names_version_data_folder_log_and_database(window, messages, sqlite_target):
    window.about_action.trigger()
    title, text, _kind = messages[-1]
    assert title == "关于首问台"
    assert "0." in text and "数据文件夹" in text and "firstdesk.log" in text
    assert sqlite_target in text


def test_run_opens_the_register_signs_in_and_shows_the_window(qtbot, sqlite_org, sqlite_target,
                                                              monkeypatch, messages):
    from PySide6.QtCore import QTimer

    from gui import app as gui_app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    monkeypatch.setattr("core.infra.logsetup.setup_logging", lambda verbose=False: None)
    asked: list[bool] = []  # whether the register was open when the dialog waited

    def answer(dialog: object) -> object:
        asked.append(dialog.ready)
        dialog.deleteLater()
        return get_staff_info(sqlite_org.clerk)

    monkeypatch.setattr("gui.signin.SignInDialog.answer", answer)
    shown: list[MainWindow] = []

    def close_window() -> None:
        """Close the main window once it is up (opening the register runs its own event
        loop first, so this may be called before there is a window)."""
        shown.extend(w for w in QApplication.topLevelWidgets()
                     if isinstance(w, MainWindow) and w.isVisible())
        if not shown:
            QTimer.singleShot(50, close_window)
            return
        for w in shown:
            w.close()

    QTimer.singleShot(200, close_window)
    assert gui_app.run(["--db", sqlite_target]) == 0
    assert len(shown) == 1 and "王五" in shown[0].user_label.text()
    assert asked == [True]  # shown before the register was open, answered once it was
    assert sys.excepthook is gui_app.excepthook
    wait_idle()


def test_auditor_gets_no_registration_pages(qtbot, sqlite_org, messages):
    win = MainWindow(session_for(sqlite_org.auditor), AppSettings())
    qtbot.addWidget(win)
    try:
        assert "intake" not in win._items and "phone" not in win._items
        # Read-only pages only: the catalogue, statistics and the audit trail, no admin.
        assert [win.nav.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(win.nav.count())] == ["inbox", "mine", "all", "catalogue",
                                                     "supervision", "audit"]
        assert win.inbox.section_keys() == []  # nothing ever waits for the auditor
    finally:
        win.shutdown()
        wait_idle()


def test_waiting_count_and_notice_follow_a_transfer(window, qtbot, sqlite_org):
    window.refresh_counts()
    qtbot.waitUntil(lambda: window.counts is not None)
    assert window._items["inbox"].text() == "我的待办 (0)"
    ref = walk_in(sqlite_org.clerk2)
    wf.transfer(sqlite_org.clerk2, ref.id, sqlite_org.front, sqlite_org.clerk, "请协助办理")
    window.refresh_counts()
    qtbot.waitUntil(lambda: window._items["inbox"].text().startswith("我的待办 (1)"))
    assert "新的待办：待我签收 1 件" in window.statusBar().currentMessage()
    assert "1 件待签收" in window.waiting_label.text()
    window.show_page("inbox")
    window.inbox.show_section("to_accept")
    assert settle(window.lists["inbox"]).case_id_at(0) == ref.id


def test_a_storage_error_in_the_refresh_shows_one_dialog_and_the_window_stays(
        window, qtbot, messages, monkeypatch):
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.counts is not None)  # the first count, at start-up

    def broken(_staff_id: int) -> dict[str, int]:
        raise StorageError("locked", "register.db")

    monkeypatch.setattr("gui.desk.window_counts.load_counts", broken)
    window.refresh_counts()
    qtbot.waitUntil(lambda: len(messages) == 1)
    assert messages[0][0] == "数据库错误" and "占用" in messages[0][1]
    window.refresh_counts()  # the timer keeps trying, without a dialog every 30 s
    qtbot.waitUntil(lambda: not window._counts_busy)
    assert len(messages) == 1 and window.isVisible()

    def locked(*_args: object) -> list:
        raise pw.OperationalError("database is locked")

    monkeypatch.setattr("core.cases.paging.open_list", locked)
    window.lists["mine"].model.refresh()
    window.lists["mine"].model.line(0)
    qtbot.waitUntil(lambda: len(messages) == 2)
    assert "占用" in messages[1][1] and window.isVisible()


def test_a_registered_case_is_ready_in_my_work(window, sqlite_org):
    window.show_page("mine")
    walk_in(sqlite_org.clerk, name="甲")
    window.show_page("all")  # stands in for the intake page, which stays where it is
    ref = walk_in(sqlite_org.clerk, name="乙")
    window.case_registered(ref.id)
    assert window.current_key() == "all"
    assert settle(window.lists["all"]).rowCount() == 2  # the visible list is re-read at once
    settle(window.lists["mine"])
    assert window.lists["mine"].current_case_id() == ref.id
    window.show_page("mine")
    assert settle(window.lists["mine"]).rowCount() == 2


def test_window_geometry_is_saved_and_restored(qtbot, sqlite_org, messages):
    first = MainWindow(session_for(sqlite_org.clerk), AppSettings())
    qtbot.addWidget(first)
    first.resize(640, 480)
    first.close()
    wait_idle()
    assert not AppSettings().window_geometry().isEmpty()
    second = MainWindow(session_for(sqlite_org.clerk), AppSettings())
    qtbot.addWidget(second)
    try:
        assert (second.width(), second.height()) == (640, 480)
    finally:
        second.shutdown()
        wait_idle()


# ---- the table model -----------------------------------------------------------------------

def test_case_model_passes_the_model_tester(qtbot, qtmodeltester, sqlite_org, clock):
    generate_cases(300, end=clock.now)
    walk_in(sqlite_org.clerk, anonymous=True, kind="report", phone="", name="")
    model = CaseTableModel(CaseFilter(scope="all"), register=register.current())
    qtmodeltester.check(model)  # empty, while the first page is read
    assert settle(model).rowCount() == 301
    qtmodeltester.check(model)  # placeholders for the pages not read yet
    row_ids(model)
    qtmodeltester.check(model)


def test_model_reads_pages_never_all_rows(qapp, sqlite_org, clock):
    generate_cases(2000, end=clock.now)
    model = settle(CaseTableModel(CaseFilter(scope="all"), register=register.current()))
    assert model.rowCount() == 2000 and model.page_fetches == 1  # the count and first page
    assert model.case_id_at(1999) is None  # a placeholder, its page asked for
    settle(model)
    assert model.case_id_at(1999) is not None
    assert model.page_fetches == 2  # the last page, nothing between
    assert row_ids(model) == [r.id for r in fetch_rows(CaseFilter(scope="all"), 0, 2000)]
    assert model.page_fetches == -(-2000 // PAGE_SIZE)  # every page once
    assert len(model._pages.held) <= MAX_PAGES


def test_a_first_page_does_not_wait_behind_a_page_map(qapp, sqlite_org, clock, monkeypatch):
    """The page map (one pass over the whole list: half a second for the open list at a
    million cases) is read on a lane of its own: while it is being read, another filter's
    count and first page, and the page after one held, still arrive."""
    import threading

    from core.cases import paging
    from tests.gui_lists import TIMEOUT_MS

    generate_cases(2000, end=clock.now)
    mapping, release = threading.Event(), threading.Event()
    plain = paging.page_map

    def slow_map(*args: object, **kwargs: object) -> object:
        mapping.set()
        assert release.wait(TIMEOUT_MS / 1000)
        return plain(*args, **kwargs)

    monkeypatch.setattr(paging, "page_map", slow_map)
    model = CaseTableModel(CaseFilter(scope="all"), register=register.current())
    try:
        wait_for(lambda: mapping.is_set() and not model.loading)  # the first page is here
        assert model._pages.map is None and not model.is_idle()
        model.case_id_at(PAGE_SIZE + 3)  # the next page: read from the first one's last row
        wait_for(lambda: model.case_id_at(PAGE_SIZE + 3) is not None)
        model.set_filter(CaseFilter(scope="all", kind="complaint"))
        wait_for(lambda: not model.loading)
        assert model.rowCount() == count_cases(CaseFilter(scope="all", kind="complaint"))
        assert model._pages.map is None  # the first filter's map: still being read
    finally:
        release.set()
    settle(model)  # the stale map is dropped; the new filter's is read (or not needed)
    assert model._pages.map is None or model._pages.map.total == model.rowCount()


def wait_for(done: object, timeout: int = 15_000) -> None:
    from PySide6.QtTest import QTest

    deadline = datetime.now().timestamp() + timeout / 1000
    while not done():
        assert datetime.now().timestamp() < deadline, "never happened"
        QTest.qWait(5)


@pytest.mark.parametrize("sort", ["registered_at", "kind", "due_at"])
def test_a_jump_anywhere_reads_the_same_rows_as_scrolling_down(qapp, sqlite_org, clock, sort):
    """A page far from those read (a dragged scroll bar) comes from the list's page map; a
    page beside one read, from that page's last or first row: either way, the same rows."""
    generate_cases(900, end=clock.now)
    for descending in (True, False):
        f = CaseFilter(scope="all", sort=sort, descending=descending)
        expected = [r.id for r in fetch_rows(f, 0, 10_000)]
        model = settle(CaseTableModel(f, register=register.current()))
        middle = 2 * PAGE_SIZE + 5
        model.case_id_at(middle)
        settle(model)  # the page map first, then the page
        assert model._pages.map is not None and model._pages.map.total == len(expected)
        assert model.case_id_at(middle) == expected[middle]
        assert row_ids(model) == expected


def test_sorting_by_due_through_the_header_changes_the_first_row(qtbot, sqlite_org, clock):
    generate_cases(400, end=clock.now)
    page = list_page(qtbot, sqlite_org.clerk)
    model = page.model
    before = model.case_id_at(0)
    header = page.table.horizontalHeader()
    page.show()
    due = column(model, "due")
    page.table.scrollTo(model.index(0, due))
    x = header.sectionViewportPosition(due) + header.sectionSize(due) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert model.case_filter.sort == "due_at" and not model.case_filter.descending
    settle(model)
    earliest = (Case.select(Case.id).where(Case.status.in_(
        ("registered", "in_progress", "transferred", "escalated", "returned",
         "awaiting_materials", "resolved"))).order_by(Case.due_at, Case.id).first().id)
    assert model.case_id_at(0) == earliest != before
    phone = column(model, "phone")  # not sortable: the arrow stays on the due column
    x = header.sectionViewportPosition(phone) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == due and model.case_filter.sort == "due_at"


def test_filters_give_the_sql_count(qtbot, sqlite_org, clock):
    generate_cases(600, end=clock.now)
    clock.advance(days=3)
    page = list_page(qtbot, sqlite_org.clerk)
    assert page.model.rowCount() == count_cases(CaseFilter())
    page.overdue_check.setChecked(True)
    assert page.count_label.text() == "正在查找…"  # the rows come from the worker
    overdue = count_cases(CaseFilter(overdue=True))
    assert 0 < settle(page).rowCount() == overdue
    page.department_box.setCurrentIndex(page.department_box.findData(sqlite_org.market))
    expected = count_cases(CaseFilter(overdue=True, department_id=sqlite_org.market))
    assert settle(page).rowCount() == expected < overdue
    assert page.count_label.text() == f"共 {expected:,} 件"
    page.overdue_check.setChecked(False)
    page.mine_check.setChecked(True)
    assert settle(page).rowCount() == count_cases(
        CaseFilter(department_id=sqlite_org.market, mine=sqlite_org.clerk))
    page.status_box.setCurrentIndex(page.status_box.findData("all"))
    assert settle(page).rowCount() == count_cases(
        CaseFilter(scope="all", department_id=sqlite_org.market, mine=sqlite_org.clerk))
    page.clear_filters()
    assert settle(page).rowCount() == count_cases(CaseFilter())


def test_date_range_filter(qtbot, sqlite_org, clock):
    walk_in(sqlite_org.clerk)
    clock.advance(days=1)
    walk_in(sqlite_org.clerk)
    page = list_page(qtbot, sqlite_org.clerk)
    assert page.model.rowCount() == 2
    page.date_from.setDate(datetime(2026, 11, 27).date())
    page.date_to.setDate(datetime(2026, 11, 27).date())
    page.date_check.setChecked(True)
    assert settle(page).rowCount() == 1
    assert cell(page.model, 0, "number") == "20261127-0001"


# ---- search and scanner --------------------------------------------------------------------

def test_case_number_and_enter_opens_that_case(qtbot, sqlite_org):
    walk_in(sqlite_org.clerk)
    ref = walk_in(sqlite_org.clerk)
    page = list_page(qtbot, sqlite_org.clerk)
    qtbot.keyClicks(page.search, ref.number)
    with qtbot.waitSignal(page.case_activated) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened.args == [ref.id]
    assert page.model.rowCount() == 1 and page.search.selectedText() == ref.number
    page.search.setText("20261126-0999")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "找不到事项 20261126-0999" in page.search_message.text()


def test_a_scanner_typing_into_the_table_lands_in_the_search_box(qtbot, sqlite_org):
    ref = walk_in(sqlite_org.clerk)
    page = list_page(qtbot, sqlite_org.clerk)
    page.show()
    page.table.setFocus()
    qtbot.keyClicks(page.table, ref.number[0])
    assert page.search.text() == ref.number[0] and page.focusWidget() is page.search
    qtbot.keyClicks(page.search, ref.number[1:])
    with qtbot.waitSignal(page.case_activated) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Enter)
    assert opened.args == [ref.id]


def test_search_by_phone_narrows_to_that_visitor(qtbot, sqlite_org):
    walk_in(sqlite_org.clerk)
    walk_in(sqlite_org.clerk, phone="13912345678", name="李雷")
    walk_in(sqlite_org.clerk, phone="13700001111", name="韩梅梅")
    page = list_page(qtbot, sqlite_org.clerk)
    assert page.model.rowCount() == 3
    qtbot.keyClicks(page.search, "13912345678")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # after the typing pause
    settle(page)
    assert cell(page.model, 0, "visitor") == "李雷"
    assert cell(page.model, 0, "phone") == "139****5678"


def test_a_chinese_name_typed_through_the_input_method_finds_the_visitor(qtbot, sqlite_org):
    walk_in(sqlite_org.clerk)
    walk_in(sqlite_org.clerk, phone="13912345678", name="李雷")
    page = list_page(qtbot, sqlite_org.clerk)
    page.show()
    page.search.setFocus()
    commit = QInputMethodEvent()
    commit.setCommitString("李雷")  # what a pinyin IME delivers (keyClicks cannot type Chinese)
    QApplication.sendEvent(page.search, commit)
    assert page.search.text() == "李雷"
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    settle(page)
    assert cell(page.model, 0, "visitor") == "李雷"


def test_refresh_keeps_the_selected_case_when_rows_move(qtbot, sqlite_org, clock):
    first = walk_in(sqlite_org.clerk, name="甲")
    page = list_page(qtbot, sqlite_org.clerk)
    page.show()
    page.table.selectRow(0)
    clock.advance(minutes=5)
    newer = walk_in(sqlite_org.clerk, name="乙")  # newest first: it takes row 0
    with qtbot.assertNotEmitted(page.case_selected):
        page.refresh()
        settle(page)
    assert page.model.case_id_at(0) == newer.id
    assert page.current_case_id() == first.id
    assert page.table.selectionModel().isRowSelected(1)


def test_enter_on_a_row_opens_the_case(qtbot, sqlite_org):
    ref = walk_in(sqlite_org.clerk)
    page = list_page(qtbot, sqlite_org.clerk)
    page.show()
    with qtbot.waitSignal(page.case_selected) as selected:
        page.table.selectRow(0)
    assert selected.args == [ref.id]
    with qtbot.waitSignal(page.case_activated) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [ref.id]


# ---- due cells -----------------------------------------------------------------------------

def test_due_cells_say_it_in_words_and_colour(qapp, sqlite_org, clock):
    late = walk_in(sqlite_org.clerk, kind="inquiry", name="甲")  # 1 working day
    clock.advance(days=4)  # Monday 30 Nov
    instant = make_item(sqlite_org.front, instant=True)
    today = walk_in(sqlite_org.clerk, item_id=instant.id, name="乙")  # due at today's close
    later = walk_in(sqlite_org.clerk, kind="complaint", name="丙")  # 5 working days
    model = settle(CaseTableModel(CaseFilter(), register=register.current()))
    rows = {model.case_id_at(r): r for r in range(model.rowCount())}
    text = cell(model, rows[late.id], "due")
    assert text == "超期 30 分钟"  # due Friday 17:30: half an office hour by Monday 09:30
    red = cell(model, rows[late.id], "due", Qt.ItemDataRole.BackgroundRole).color()
    assert red.hslHue() >= 340 or red.hslHue() <= 10  # red-ish
    assert cell(model, rows[late.id], "due", Qt.ItemDataRole.ForegroundRole).color().red() > 100
    assert cell(model, rows[today.id], "due").startswith("今日 17:30 到期")
    amber = cell(model, rows[today.id], "due", Qt.ItemDataRole.BackgroundRole).color()
    assert 35 <= amber.hslHue() <= 55 and amber.hslSaturation() > 100  # amber
    assert cell(model, rows[later.id], "due").startswith("剩 5 个工作日")
    assert cell(model, rows[later.id], "due", Qt.ItemDataRole.BackgroundRole) is None
    assert cell(model, rows[later.id], "number", Qt.ItemDataRole.UserRole) == later.id


def test_paused_and_anonymous_rows(qapp, sqlite_org, clock):
    anon = walk_in(sqlite_org.clerk, kind="report", anonymous=True, phone="", name="")
    paused = walk_in(sqlite_org.clerk)
    wf.request_materials(sqlite_org.clerk, paused.id, ["身份证复印件"])
    model = settle(CaseTableModel(CaseFilter(), register=register.current()))
    rows = {model.case_id_at(r): r for r in range(model.rowCount())}
    assert cell(model, rows[paused.id], "due") == "暂停（待补正）"
    assert (cell(model, rows[anon.id], "visitor"), cell(model, rows[anon.id], "phone")) == (
        "(匿名)", "—")


# ---- settings, first start, crash hook -----------------------------------------------------

def test_settings_round_trip_in_the_data_folder(home):
    s = AppSettings()
    s.last_user, s.language, s.slip_format, s.database_target = "lisi", "en", "80mm", "/x/y.db"
    s.sync()
    again = AppSettings()
    assert (again.last_user, again.language, again.slip_format, again.database_target) == (
        "lisi", "en", "80mm", "/x/y.db")
    assert again.file_name().startswith(str(home))
    with pytest.raises(ValueError):
        again.slip_format = "a3"


def test_settings_dialog_tests_the_connection(qtbot, sqlite_org, sqlite_target, tmp_path, messages):
    dialog = SettingsDialog(session_for(sqlite_org.clerk), AppSettings())
    qtbot.addWidget(dialog)
    assert dialog.path_edit.text() == sqlite_target
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "连接成功" in dialog.test_result.text())
    dialog.path_edit.setText(str(tmp_path / "nowhere.db"))
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "不存在" in dialog.test_result.text())
    assert not dialog.org_name_edit.isEnabled()  # a clerk sees, an administrator edits
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
    dialog.save()
    assert AppSettings().language == "en" and "重新启动" in messages[-1][1]
    wait_idle()


def test_an_administrator_changes_the_organisation_profile(qtbot, sqlite_org, messages):
    dialog = SettingsDialog(session_for(sqlite_org.admin), AppSettings())
    qtbot.addWidget(dialog)
    assert dialog.org_name_edit.isEnabled() and not dialog.org_name_edit.isReadOnly()
    dialog.org_name_edit.setText("测试市民之家")
    dialog.enquiry_edit.setText("0571-12345")
    dialog.save()
    assert org_info().name == "测试市民之家"
    assert org_info().settings.enquiry_phone == "0571-12345"


def test_first_start_creates_the_organisation_and_administrator(qtbot, sqlite_target):
    assert not is_initialised()
    dialog = FirstStartDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("某某区便民服务中心")
    dialog.admin_name.setText("管理员")
    dialog.username.setText("")
    qtbot.keyClicks(dialog.username, "boss")
    qtbot.keyClicks(dialog.password, "abc12345")
    qtbot.keyClicks(dialog.password2, "abc12399")
    dialog.submit()
    assert "不一致" in dialog.message.text() and not is_initialised()
    dialog.password2.setText("abc12345")
    dialog.submit()
    assert dialog.choice == "created" and dialog.admin is not None
    assert dialog.admin.username == "boss" and org_info().name == "某某区便民服务中心"


def test_the_demo_is_built_in_the_background_behind_a_progress_dialog(qtbot, sqlite_target,
                                                                      messages):
    from gui.app import build_demo_with_progress

    assert build_demo_with_progress(None, cases=60)
    assert is_initialised() and count_cases(CaseFilter(scope="all")) == 60
    assert messages == []


def test_a_broken_database_offers_another(tmp_path, monkeypatch, messages):

    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    good = str(tmp_path / "good.db")
    seen: list[str] = []

    def choose(_parent, exc, target):
        seen.append(exc.code)
        return good

    monkeypatch.setattr("gui.app.ask_other_database", choose)
    try:
        assert open_database(str(broken), AppSettings()).target == good
    finally:
        register.close_register()
    assert seen == ["not_a_database"] and AppSettings().database_target == good


@pytest.mark.slow  # a whole register swept, or pages decoded, or a wait across windows
def test_a_slow_open_says_what_is_happening_and_keeps_the_program_responsive(qtbot):
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from gui.app import open_in_background

    seen: list[str] = []
    looked = threading.Event()

    def slow(target: str) -> str:
        # an upgrade of a large register takes a minute: this one lasts until the window is seen
        assert looked.wait(30), "no progress window within 30 s"
        return target

    def look() -> None:
        seen.extend(w.labelText() for w in QApplication.topLevelWidgets()
                    if isinstance(w, QProgressDialog) and w.isVisible())
        if seen:
            looked.set()

    watch = QTimer()
    watch.timeout.connect(look)  # the GUI thread keeps running while the worker opens
    watch.start(50)
    assert open_in_background(slow, "x.db") == "x.db"
    watch.stop()
    assert seen and seen[0].startswith("正在打开登记簿")
    assert not any(isinstance(w, QProgressDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())
    seen.clear()
    late: list[bool] = []
    QTimer.singleShot(900, lambda: (look(), late.append(True)))  # after a dialog's delay
    assert open_in_background(lambda t: t, "fast.db") == "fast.db"
    qtbot.waitUntil(lambda: bool(late), timeout=5000)
    assert seen == []  # a quick open shows nothing


def test_an_open_that_fails_on_the_worker_raises_here():
    from gui.app import open_in_background

    def refuse(target: str) -> str:
        raise StorageError("locked", target)

    with pytest.raises(StorageError) as exc:
        open_in_background(refuse, "busy.db")
    assert exc.value.code == "locked"


def test_unhandled_exceptions_are_logged_and_shown(qtbot, messages, caplog):
    try:
        raise ValueError("boom")
    except ValueError:
        excepthook(*sys.exc_info())
    assert messages and messages[-1][0] == "程序错误"
    assert "boom" in messages[-1][1] and "firstdesk.log" in messages[-1][1]
    assert any("unhandled exception" in r.message and r.exc_info for r in caplog.records)


def test_english_translation_loads(qtbot, sqlite_org, messages):
    from gui.i18n import build_translations, install_translator

    walk_in(sqlite_org.clerk, kind="complaint")
    build_translations()
    app = QApplication.instance()
    assert install_translator(app, "en")
    try:
        win = MainWindow(session_for(sqlite_org.clerk, "en"), AppSettings())
        qtbot.addWidget(win)
        menus = [a.text() for a in win.menuBar().actions()]
        assert menus[0] == "&File" and "&Help" in menus
        assert win._items["all"].text() == "All cases"
        win.lists["all"].ensure_loaded()
        model = settle(win.lists["all"])
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Case number"
        assert cell(model, 0, "due") == "5 working days 6 hours left"
        assert cell(model, 0, "status") == "In progress"  # core's own English terms
        win.shutdown()
        wait_idle()
    finally:
        install_translator(app, "zh")


# ---- the PySide6 6.12 none_dealloc regression (docs/architecture.md, "Qt") ----

def test_twenty_thousand_setter_calls_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(20_000):
        label.setText(str(i & 7))
    assert before - sys.getrefcount(None) < 1_000
