"""The window at 1024×768 (issue 16): it fits, in Chinese and in English; no main screen
scrolls sideways, nor any administration tab; the case list shows the columns that fit, most needed first, each at least as
wide as its header's words; long texts are elided with the whole in the tooltip; the navigation
folds away for more room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea

from core.admin.organisation import org_info
from core.admin.staff import get_staff_info
from gui.desk.main_window import MainWindow
from gui.ops import wait_idle
from gui.session import Session
from gui.settings import AppSettings
from tests.gui_lists import settle
from tests.helpers import make_item, walk_in

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("home"), pytest.mark.usefixtures("home"),
              pytest.mark.qt_log_ignore(r"This plugin does not support")]

MAIN = ("inbox", "mine", "all", "intake", "phone", "catalogue", "supervision",
        "accountability", "audit")
LONG = "企业名称变更登记（含分支机构及跨区迁移，需现场核验原件并同步更新税务和社保登记信息）"


def open_window(qtbot, staff_id: int, lang: str) -> MainWindow:
    staff = get_staff_info(staff_id)
    win = MainWindow(Session(staff, org_info().name, staff.window_no, lang, "local"),
                     AppSettings())
    qtbot.addWidget(win)
    win.resize(1024, 768)
    with qtbot.waitExposed(win):
        win.show()
    return win


@pytest.mark.parametrize("who", ["clerk", "leader"])
def test_the_window_fits_1024_by_768_and_no_main_screen_scrolls_sideways(qtbot, sqlite_org,
                                                                        clock, lang, who,
                                                                        messages):
    make_item(sqlite_org.market)
    walk_in(sqlite_org.clerk, subject=LONG)
    win = open_window(qtbot, getattr(sqlite_org, who), lang)
    assert win.minimumSizeHint().width() <= 1024 and win.minimumSizeHint().height() <= 768
    assert (win.width(), win.height()) == (1024, 768)
    for key in MAIN:
        if key not in win.pages:
            continue
        win.show_page(key)
        QApplication.processEvents()
        assert (win.width(), win.height()) == (1024, 768), key
        frame = win._frames[key]
        if isinstance(frame, QAbstractScrollArea):
            assert frame.horizontalScrollBar().maximum() == 0, key
            assert frame.verticalScrollBar().maximum() == 0, key
        for inner in win.pages[key].findChildren(QScrollArea):
            if inner.isVisible():
                assert inner.horizontalScrollBar().maximum() == 0, (key, inner.objectName())
    win.shutdown()
    wait_idle()


def test_every_administration_tab_fits_1024_by_768(qtbot, sqlite_org, lang, messages):
    """An administrator's page is as wide as its widest tab: the working calendar (its year
    and the chosen day's panel side by side) and, in English, the staff buttons made the whole
    page scroll sideways, its right-hand fields cut off. Every tab now fits, in both
    languages; the year shows three months across when that leaves its days more room."""
    win = open_window(qtbot, sqlite_org.admin, lang)
    win.show_page("admin")
    page, frame = win.pages["admin"], win._frames["admin"]
    for i in range(page.tabs.count()):
        if not page.tabs.isTabEnabled(i):
            continue
        page.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        assert (win.width(), win.height()) == (1024, 768)
        assert frame.horizontalScrollBar().maximum() == 0, page.tabs.tabText(i)
    grid = page.calendar_tab.grid
    across, w, h = grid._shape()
    assert (across, w >= 22, h >= 15) == (3, True, True)  # a day with its 休 mark fits
    win.shutdown()
    wait_idle()


def test_the_case_list_shows_what_fits_and_never_clips_a_header(qtbot, sqlite_org, clock, lang,
                                                                 messages):
    ref = walk_in(sqlite_org.clerk, subject=LONG)
    win = open_window(qtbot, sqlite_org.clerk, lang)
    win.show_page("mine")
    page = win.lists["mine"]
    page.select_case(ref.id)  # the detail pane shows the long matter: it wraps, never widens
    settle(page)
    QApplication.processEvents()
    assert win.detail.scroll.horizontalScrollBar().maximum() == 0
    table, header = page.table, page.table.horizontalHeader()
    assert table.horizontalScrollBar().maximum() == 0  # no sideways scrolling
    hidden = page.fitter.hidden_keys()
    keys = [c.key for c in page.model.columns]
    shown = [k for k in keys if k not in hidden]
    assert {"number", "due", "item", "status", "visitor"} <= set(shown)
    assert set(hidden) <= {"visits", "phone", "registered", "kind", "department", "handler"}
    for i, key in enumerate(keys):
        if key not in hidden:
            assert header.sectionSize(i) >= page.fitter.header_width(i), (key, lang)
    item = keys.index("item")
    assert header.sectionSize(item) >= 150  # 事项 is never squeezed to a few characters
    row = page.model.find_row(ref.id)
    index = page.model.index(row, item)
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole) == LONG  # elided: tip has all
    # Wider (navigation folded, Ctrl+B): columns come back, most needed first.
    before = len(hidden)
    win.nav_action.trigger()
    assert win.nav_panel.collapsed and win.nav.isHidden()
    QApplication.processEvents()
    assert len(page.fitter.hidden_keys()) <= before
    win.resize(1920, 1080)
    QApplication.processEvents()
    assert page.fitter.hidden_keys() == []
    win.nav_action.trigger()  # and back
    assert not win.nav_panel.collapsed
    assert AppSettings().nav_collapsed is False
    win.shutdown()
    wait_idle()


def test_the_navigation_remembers_being_folded(qtbot, sqlite_org, messages):
    win = open_window(qtbot, sqlite_org.clerk, "zh")
    win.nav_action.trigger()
    win.shutdown()
    again = open_window(qtbot, sqlite_org.clerk, "zh")
    assert again.nav_panel.collapsed and again.nav_panel.width() <= 30
    again.shutdown()
    wait_idle()
