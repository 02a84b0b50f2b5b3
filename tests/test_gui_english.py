"""English without a Chinese character left (issue 16): every main screen of a leader's and a
clerk's window, shown in English over an organisation whose own data is English too, is walked
widget by widget — labels, buttons, fields and their hints, combo entries, tabs, table headers
and cells, menus, charts (titles, legends, axes), tooltips — and no Han character may remain.
Qt's own words load in both languages; the language changes without a restart."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QChartView
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextBrowser,
    QWidget,
)

from core import register
from core.admin.catalogue import ItemInfo, MaterialSpec, save_item
from core.admin.organisation import init_organisation, org_info
from core.admin.staff import create_staff, get_staff_info
from core.cases import workflow as wf
from core.cases.intake import register_case
from core.dto import IntakeForm, MaterialInput, Scope
from core.supervision import accountability as acc
from gui.app import Desk
from gui.desk.main_window import MainWindow
from gui.i18n import build_translations, install_translator
from gui.ops import wait_idle
from gui.session import Session
from gui.settings import AppSettings
from models.tables import Department
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("home"),
              pytest.mark.qt_log_ignore(r"This plugin does not support")]

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")
PAGES = ("inbox", "mine", "all", "intake", "phone", "catalogue", "supervision",
         "accountability", "audit")


@pytest.fixture
def english():
    app = QApplication.instance()
    build_translations()
    assert install_translator(app, "en")
    yield
    install_translator(app, "zh")


@pytest.fixture
def riverside(sqlite_target, clock):
    """An organisation whose own words are English, with cases in every state worth seeing:
    returned, transferred, overdue, resolved and evaluated, late hand-overs under review."""
    admin = init_organisation("Riverside Service Centre", "service_centre", "admin", "Ada Admin",
                              PASSWORD, with_departments=False)
    front = Department.create(name="Front desk").id
    market = Department.create(name="Market office").id
    Department.create(name="Safety office", is_safety=True)
    clerk = create_staff("wang", "Wang Wu", "clerk", PASSWORD, front, "Window 1").id
    handler = create_staff("li", "Li Si", "handler", PASSWORD, market).id
    leader = create_staff("zheng", "Zheng Shi", "leader", PASSWORD, None).id
    item = save_item(ItemInfo(
        id=None, code="RS-01", name="Business name change", department_id=market, department="",
        instant=False, promised_days=3, legal_days=15, fees="free", steps=("apply", "decide"),
        legal_basis="Regulation 1", location="Hall B",
        materials=(MaterialSpec("Application form", True, 1), MaterialSpec("ID copy", False, 1))), actor_id=None)

    def walk_in(subject: str, scope: Scope, kind: str = "application") -> int:
        return register_case(clerk, IntakeForm(
            channel="visit", kind=kind, subject=subject, visitor_name="Zhang San",
            visitor_phone="13800138000", visitor_unit="Acme Ltd", service_item_id=item.id,
            materials=(MaterialInput("Application form"),
                       MaterialInput("ID copy", received=False)),
            description="Asked at the window", scope=scope)).id

    returned = walk_in("Name change", Scope("transfer", department_id=market))
    wf.accept(handler, walk_in("Licence renewal", Scope("transfer", department_id=market)))
    wf.return_case(handler, returned, "Not our office")
    waiting = walk_in("Permit question", Scope("later"), kind="inquiry")
    clock.advance(hours=3)
    wf.transfer(clerk, waiting, market, handler, "Please help")
    done = walk_in("Noise complaint", Scope("own"), kind="complaint")
    wf.resolve(clerk, done, "Fixed")
    clock.advance(days=9)
    walk_in("Fresh matter", Scope("own"))
    acc.sync_recent()
    return {"admin": admin.id, "clerk": clerk, "handler": handler, "leader": leader}


def session_for(staff_id: int, lang: str = "en") -> Session:
    staff = get_staff_info(staff_id)
    return Session(staff, org_info().name, staff.window_no, lang, "local")


def texts_of(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a widget shows, tooltips included."""
    name = type(widget).__name__
    if widget.toolTip():
        yield f"{name} tooltip", widget.toolTip()
    if isinstance(widget, QLabel | QAbstractButton):
        yield name, widget.text()
    if isinstance(widget, QLineEdit):
        yield f"{name} text", widget.text()
        yield f"{name} placeholder", widget.placeholderText()
    if isinstance(widget, QPlainTextEdit):
        yield f"{name} placeholder", widget.placeholderText()
    if isinstance(widget, QTextBrowser):
        yield name, widget.toPlainText()
    if isinstance(widget, QGroupBox):
        yield name, widget.title()
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield f"{name} item", widget.itemText(i)
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield f"{name} tab", widget.tabText(i)
            yield f"{name} tab tip", widget.tabToolTip(i)
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        root = QModelIndex()
        try:
            columns = model.columnCount(root)
        except TypeError:  # a list model whose columnCount PySide keeps private
            columns = 1
        for c in range(columns):
            yield f"{name} header", str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        for r in range(min(model.rowCount(root), 30)):
            for c in range(columns):
                index = model.index(r, c, root)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield f"{name} cell", value
    if isinstance(widget, QChartView) and widget.chart() is not None:
        chart = widget.chart()
        yield "chart title", chart.title()
        for marker in chart.legend().markers():
            yield "chart legend", marker.label()
        for axis in chart.axes():
            if isinstance(axis, QBarCategoryAxis):
                for category in axis.categories():
                    yield "chart axis", category


def han_left(window: MainWindow) -> list[tuple[str, str, str]]:
    found = [("window", "title", window.windowTitle())]
    for menu in window.menuBar().findChildren(QMenu):
        if menu.objectName() == "language_menu":
            # Each language is named in itself (中文), so that its readers find it.
            found += [("menu", "language", a.text()) for a in menu.actions()
                      if a.data() != "zh"]
            continue
        found += [("menu", menu.title(), a.text()) for a in menu.actions()]
        found.append(("menu", "title", menu.title()))
    for key in PAGES:
        if key not in window.pages:
            continue
        window.show_page(key)
        page = window.pages[key]
        QApplication.processEvents()
        wait_idle()
        QApplication.processEvents()
        scope = window.centralWidget()
        for widget in scope.findChildren(QWidget):
            if widget.isVisible() or isinstance(widget, QComboBox):
                found += [(key, where, text) for where, text in texts_of(widget)]
        del page
    found += [("status bar", type(w).__name__, w.text())
              for w in window.statusBar().findChildren(QLabel)]
    return [(key, where, text) for key, where, text in found if text and HAN.search(text)]


@pytest.mark.parametrize("who", ["leader", "clerk"])
def test_no_chinese_is_left_on_any_main_screen_in_english(qtbot, english, riverside, who,
                                                          messages):
    win = MainWindow(session_for(riverside[who]), AppSettings())
    qtbot.addWidget(win)
    win.resize(1024, 768)
    with qtbot.waitExposed(win):
        win.show()
    qtbot.waitUntil(lambda: win.counts is not None)
    if "supervision" in win.pages:
        win.show_page("supervision")
        qtbot.waitUntil(lambda: win.pages["supervision"].stats is not None, timeout=10_000)
    if "accountability" in win.pages:
        page = win.pages["accountability"]
        qtbot.waitUntil(lambda: page.swept_at is not None, timeout=10_000)
        win.show_page("accountability")
        qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    win.lists["all"].ensure_loaded()
    win.show_page("all")
    win.lists["all"].table.selectRow(0)
    win.show_help(0)
    left = han_left(win)
    left += [("help", "guide", t) for _w, t in texts_of(win.help.guide) if HAN.search(t)]
    left += [("help", "keys", t) for w in win.help.findChildren(QWidget)
             for _where, t in texts_of(w) if HAN.search(t)]
    assert not left, "\n".join(map(str, left))
    win.shutdown()
    wait_idle()


def test_the_walk_finds_chinese_where_there_is_some(qtbot, riverside, messages):
    """A test of the test: the same walk over the Chinese window finds Chinese on every
    page it visits (menus, tabs, headers, buttons)."""
    win = MainWindow(session_for(riverside["leader"], "zh"), AppSettings())
    qtbot.addWidget(win)
    win.resize(1024, 768)
    with qtbot.waitExposed(win):
        win.show()
    left = han_left(win)
    assert {key for key, _where, _text in left} >= {"menu", *PAGES} - {"intake", "phone"}
    assert any(where.endswith("header") for _key, where, _text in left)
    win.shutdown()
    wait_idle()


def test_qt_own_words_load_in_both_languages(qtbot):
    app = QApplication.instance()
    assert install_translator(app, "zh")
    assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"  # 查找范围：
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert install_translator(app, "en")
    try:
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"
        from gui import i18n

        assert any(t.language().startswith("en") for t in i18n._installed if t.language())
    finally:
        install_translator(app, "zh")


def test_the_language_changes_without_a_restart(qtbot, riverside, messages):
    build_translations()
    settings = AppSettings()
    desk = Desk(settings, "zh", register.current())
    first = desk.open_window(get_staff_info(riverside["clerk"]))
    qtbot.addWidget(first)
    assert first.menuBar().actions()[0].text() == "文件(&F)"
    english = next(a for a in first.language_group.actions() if a.data() == "en")
    try:
        english.trigger()
        second = desk.window
        qtbot.addWidget(second)
        assert second is not first and second.session.lang == "en"
        assert second.session.staff.id == riverside["clerk"]  # no sign-in again
        assert second.menuBar().actions()[0].text() == "&File"
        assert settings.language == "en"
        chinese = next(a for a in second.language_group.actions() if a.data() == "zh")
        chinese.trigger()
        third = desk.window
        qtbot.addWidget(third)
        assert third.menuBar().actions()[0].text() == "文件(&F)"
        third.shutdown()
    finally:
        install_translator(QApplication.instance(), "zh")
        wait_idle()
