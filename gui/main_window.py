"""The main window: navigation with counts, the pages, menus, the status bar and notices."""

from __future__ import annotations

import logging
import zlib
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFontMetrics, QIcon, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from core.cases import inbox
from core.errors import DomainError
from core.paths import resource_path
from core.queries import CaseFilter, counts_for
from core.staff import get_staff_info
from core.version import __version__
from gui import accountability_page, admin_page, audit_page, backup_ui, catalogue_page, supervision
from gui.case_list import CaseListPage, is_scanner_key
from gui.case_model import COLUMN_KEYS
from gui.change_watch import ChangeWatcher
from gui.detail_pane import DetailPane
from gui.errors import notify, show_error
from gui.idle_lock import IdleLock
from gui.inbox_page import InboxPage
from gui.intake import IntakePage
from gui.notice_bar import NoticeBar
from gui.ops import run_in_background
from gui.phone_log import PhoneLogPage
from gui.printing import print_case
from gui.register_watch import RegisterWatch, is_connection_problem
from gui.session import Session
from gui.settings import AppSettings
from models.database import StorageError

log = logging.getLogger(__name__)

REFRESH_MS = 30_000


def load_counts(staff_id: int) -> dict[str, Any]:
    """Navigation and status-bar numbers and the inbox sections (runs on the worker thread)."""
    counts: dict[str, Any] = dict(counts_for(staff_id))
    sections = inbox.counts(get_staff_info(staff_id))
    counts["inbox"] = sections
    counts["inbox_total"] = sum(c.total for c in sections)
    counts["waiting"] = next((c.total for c in sections if c.key == "to_accept"), 0)
    return counts


def app_icon() -> QIcon:
    """The program icon (resources/icons); a null icon if the file is missing."""
    return QIcon(str(resource_path("icons", "firstdesk.png")))


class MainWindow(QMainWindow):
    """One signed-in clerk's desk; pages are added with add_page / add_list_page."""

    switch_user_requested = Signal()
    counts_changed = Signal(dict)

    def __init__(self, session: Session, settings: AppSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings or AppSettings()
        self.counts: dict[str, Any] | None = None
        self._counts_busy = False
        self._counts_again = False
        self._counts_failing = False
        self._alive = True
        self._pages: dict[str, QWidget] = {}
        self._titles: dict[str, tuple[str, str]] = {}
        self._items: dict[str, QListWidgetItem] = {}
        self.lists: dict[str, CaseListPage] = {}
        self._dirty: set[str] = set()
        self._last_list = "inbox"
        self.setWindowTitle(self.tr("首问台 · {org}").format(org=session.org_name))
        self.setWindowIcon(app_icon())
        self._build_centre()
        self._build_menus()
        self._build_pages()
        self._build_status_bar()
        self.tray = self._make_tray()
        self._restore_geometry()
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh_counts)
        self.timer.start()
        self.show_page("inbox")  # what waits for this person comes first
        QTimer.singleShot(0, self.refresh_counts)
        # Another window's change shows within seconds (data_version / LISTEN), not at the
        # next 30-second count.
        self.watcher = ChangeWatcher(self)
        self.watcher.changed.connect(self.refresh_counts)
        QTimer.singleShot(0, self.watch.check_register)
        self.idle_lock = IdleLock(self, session)
        self.idle_lock.screen.switch_user.connect(self.switch_user_requested.emit)

    # ---- layout ------------------------------------------------------------------------
    def _build_centre(self) -> None:
        self.nav = QListWidget(self)
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet("QListWidget { font-size: 15px; }"
                               " QListWidget::item { padding: 8px 10px; }")
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.nav.installEventFilter(self)  # a scanned number while the navigation has focus
        self.stack = QStackedWidget(self)
        self.list_stack = QStackedWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.list_stack)
        self.detail = DetailPane(self.session, self)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.detail.case_changed.connect(self.case_changed)
        self.detail.print_requested.connect(self.print_case)
        self.stack.addWidget(self.splitter)
        body = QWidget(self)
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.notice = NoticeBar(central)
        column.addWidget(self.notice)
        column.addWidget(body, 1)
        self.watch = RegisterWatch(self, self.notice)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("文件(&F)"))
        self.case_menu = bar.addMenu(self.tr("事项(&C)"))
        self.view_menu = bar.addMenu(self.tr("视图(&V)"))
        self.help_menu = bar.addMenu(self.tr("帮助(&H)"))
        self.settings_action = self._action(self.file_menu, self.tr("设置…"), self.open_settings,
                                            QKeySequence.StandardKey.Preferences)
        self.switch_action = self._action(self.file_menu, self.tr("切换用户"),
                                          self.switch_user_requested.emit)
        self.file_menu.addSeparator()
        self.quit_action = self._action(self.file_menu, self.tr("退出"), self.close, "Ctrl+Q")
        self.find_action = self._action(None, self.tr("查找"), self.focus_search, "Ctrl+F")
        self.refresh_action = self._action(None, self.tr("刷新"), self.refresh_all, "F5")
        self.about_action = self._action(self.help_menu, self.tr("关于首问台"), self.show_about)

    def _action(self, menu: Any, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work wherever the focus is
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_pages(self) -> None:
        me = self.session.staff.id
        self.inbox = InboxPage(self.session, self)
        self.add_list_page("inbox", self.tr("我的待办"), self.inbox.model.case_filter, "Ctrl+1",
                           page=self.inbox)
        # viewer: searches keep complainants from those who may not see them (core/privacy.py)
        self.add_list_page("mine", self.tr("我的事项"), CaseFilter(mine=me, viewer=me), "Ctrl+2")
        self.add_list_page("all", self.tr("全部事项"), CaseFilter(viewer=me), "Ctrl+3")
        if self.session.can("register"):
            intake = IntakePage(self.session, self)
            phone = PhoneLogPage(self.session, self)
            for key, page, title, key_seq in (("intake", intake, self.tr("新登记"), "F2"),
                                              ("phone", phone, self.tr("来电登记"), "F3")):
                page.case_registered.connect(self.case_registered)
                page.print_requested.connect(self.print_case)
                page.open_case_requested.connect(self.show_case)
                self.add_page(key, title, page, key_seq, menu=self.case_menu)
        # Each page decides from the session's role whether it belongs on this desk.
        for module in (catalogue_page, supervision, accountability_page, audit_page, admin_page):
            module.register_pages(self)
        backup_ui.install_backup_menu(self)
        self.case_menu.addSeparator()
        self.case_menu.addAction(self.find_action)
        self.case_menu.addAction(self.refresh_action)
        self._fit_nav()

    def _fit_nav(self) -> None:
        """Wide enough for the longest entry with a five-digit count, in either language."""
        font = self.nav.font()
        font.setPixelSize(15)
        font.setBold(True)
        metrics = QFontMetrics(font)
        texts = [f"{title} (8888) ●" if key in self.lists else f"{title}    {key_seq}"
                 for key, (title, key_seq) in self._titles.items()]
        widest = max(map(metrics.horizontalAdvance, texts), default=0)
        self.nav.setFixedWidth(min(240, max(168, widest + 36)))

    def add_page(self, key: str, title: str, widget: QWidget, shortcut: str | None = None,
                 *, menu: Any = None) -> QAction:
        """Add a page: a navigation entry, a stacked widget and an action with its shortcut."""
        if widget is not self.splitter:
            self.stack.addWidget(widget)
        self._pages[key] = widget
        self._titles[key] = (title, shortcut or "")
        item = QListWidgetItem(self.nav)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self._items[key] = item
        self._set_nav_text(key, None)
        action = self._action(menu if menu is not None else self.view_menu, title,
                              lambda: self.show_page(key), shortcut)
        return action

    def add_list_page(self, key: str, title: str, base: CaseFilter,
                      shortcut: str | None = None, *,
                      page: CaseListPage | None = None) -> CaseListPage:
        page = page or CaseListPage(self.session, base, self)
        self.list_stack.addWidget(page)
        self.lists[key] = page
        page.case_selected.connect(self._show_in_detail)
        page.case_activated.connect(self.open_case)
        page.model.failed.connect(self.show_storage_problem)
        state = self.settings.header_state(self._header_key(key))
        if not state.isEmpty():
            page.table.horizontalHeader().restoreState(state)
        self.add_page(key, title, self.splitter, shortcut)
        return page

    def _header_key(self, key: str) -> str:
        """Saved column widths belong to one column layout and language."""
        layout = zlib.crc32(",".join(COLUMN_KEYS).encode())
        return f"{key}-{self.session.lang}-{layout:08x}"

    def _build_status_bar(self) -> None:
        s = self.session
        parts = [s.staff.name, s.window_no or s.staff.department,
                 self.tr("数据库: {where}").format(where=s.db_label or self.tr("本机"))]
        self.user_label = QLabel(" · ".join(p for p in parts if p), self)
        self.waiting_label = QLabel(self)
        self.overdue_label = QLabel(self)
        bar = self.statusBar()
        for w in (self.user_label, self.waiting_label, self.overdue_label):
            w.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(w)

    def _make_tray(self) -> QSystemTrayIcon | None:
        icon = app_icon()
        if icon.isNull() or not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip(self.windowTitle())
        tray.activated.connect(lambda _reason: (self.showNormal(), self.activateWindow()))
        tray.show()
        return tray

    # ---- pages -------------------------------------------------------------------------
    @property
    def pages(self) -> dict[str, QWidget]:
        """Every page by key (the list pages share one splitter)."""
        return dict(self._pages)

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def current_list(self) -> CaseListPage | None:
        return self.lists.get(self.current_key())

    def show_page(self, key: str) -> None:
        if key not in self._pages:
            return
        if self.nav.currentItem() is not self._items[key]:
            self.nav.setCurrentItem(self._items[key])  # comes back through _nav_changed
            return
        self.stack.setCurrentWidget(self._pages[key])
        page = self.lists.get(key)
        if page is not None:
            self._last_list = key
            self.list_stack.setCurrentWidget(page)
            page.ensure_loaded()
            if key in self._dirty:
                self._dirty.discard(key)
                page.refresh()
            self._show_in_detail(page.current_case_id())
        elif hasattr(self._pages[key], "focus_first"):
            self._pages[key].focus_first()  # F2 / F3: ready to type at once

    def _nav_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.show_page(str(current.data(Qt.ItemDataRole.UserRole)))

    def _set_nav_text(self, key: str, count: int | None) -> None:
        title, shortcut = self._titles[key]
        text = f"{title} ({count})" if count is not None else title
        item = self._items[key]
        item.setText(f"{text}    {shortcut}" if shortcut and key not in self.lists else text)
        native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        item.setToolTip(f"{title}  {native}" if shortcut else title)
        font = item.font()
        font.setBold(bool(count))
        item.setFont(font)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.nav and is_scanner_key(event):
            self.show_page(self._last_list)
            text = event.text()  # type: ignore[attr-defined]
            self.lists[self._last_list].start_typed_search(text)
            return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        if self.current_list() is None:
            self.show_page("all")
        page = self.current_list()
        if page is not None:
            page.focus_search()

    # ---- cases -------------------------------------------------------------------------
    def _show_in_detail(self, case_id: int | None) -> None:
        if self.detail is not None:
            self.detail.show_case(case_id)

    def open_case(self, case_id: int) -> None:
        """A case opened by double-click, Enter or a scanned number."""
        page = self.current_list()
        if page is not None:
            page.select_case(case_id, emit=False)
        self._show_in_detail(case_id)

    def show_case(self, case_id: int) -> None:
        """Open a case from another page (an earlier case of a repeat visitor, say)."""
        self.show_page(self._last_list)
        self.open_case(case_id)

    def case_registered(self, case_id: int) -> None:
        """The intake and phone pages stay put (next visitor); My cases has the case ready."""
        self.case_changed(case_id)
        mine = self.lists["mine"]
        if "mine" in self._dirty:
            self._dirty.discard("mine")
            mine.refresh()
        mine.select_case(case_id, emit=False)
        self._last_list = "inbox"
        self._show_in_detail(case_id)

    def case_changed(self, _case_id: int) -> None:
        """After any change: the visible list now, the others when next shown, the counts."""
        current = self.current_key()
        for key, page in self.lists.items():
            if key == current:
                page.refresh()
            else:
                self._dirty.add(key)
        self.refresh_counts()

    def refresh_all(self) -> None:
        page = self.current_list()
        if page is not None:
            page.refresh()
            self._show_in_detail(page.current_case_id())
        self._dirty.update(k for k in self.lists if k != self.current_key())
        self.refresh_counts()

    def print_case(self, case_id: int, doc: str) -> None:
        try:
            print_case(self, self.session, case_id, doc)
        except (DomainError, StorageError) as exc:
            show_error(self, exc, self.session.lang)

    # ---- counts and notices ------------------------------------------------------------
    def refresh_counts(self, background: bool = True) -> None:
        """Re-count in the background (never freezing); `background=False` for tests."""
        if not background:
            try:
                self._counts_loaded(load_counts(self.session.staff.id))
            except (DomainError, StorageError) as exc:
                self._counts_failed(exc)
            return
        if not self._alive:
            return
        if self._counts_busy:  # count again when the running one is done: it may be stale
            self._counts_again = True
            return
        self._counts_busy = True
        self._counts_again = False
        staff_id = self.session.staff.id
        run_in_background(lambda: load_counts(staff_id), self._counts_loaded, self._counts_failed)

    def _counts_loaded(self, counts: dict[str, int]) -> None:
        if not self._alive or not shiboken6.isValid(self):
            return
        self._counts_busy = False
        self._counts_failing = False
        previous, self.counts = self.counts, counts
        if self._counts_again:
            QTimer.singleShot(0, self.refresh_counts)
        self._set_nav_text("mine", counts["mine"])
        self._show_inbox_counts(previous, counts)
        self.waiting_label.setText(self.tr("{n} 件待签收").format(n=counts["waiting"]))
        self.overdue_label.setText(self.tr("{n} 件超期").format(n=counts["my_overdue"]))
        self.overdue_label.setStyleSheet("color: #b02a37; font-weight: bold;"
                                         if counts["my_overdue"] else "")
        self.overdue_label.setToolTip(self.tr("我的事项中超期 {mine} 件；全部超期 {all} 件")
                                      .format(mine=counts["my_overdue"], all=counts["overdue"]))
        if previous is not None and _comparable(previous) != _comparable(counts):
            self._dirty.update(self.lists)
            page = self.current_list()
            if page is not None:
                self._dirty.discard(self.current_key())
                page.refresh()
        self.counts_changed.emit(counts)

    def _counts_failed(self, exc: BaseException) -> None:
        if not self._alive or not shiboken6.isValid(self):
            return
        self._counts_busy = False
        self._counts_again = False
        if is_connection_problem(exc):
            self.watch.connection_lost(exc)  # a banner and retries, not a dialog every 30 s
            return
        log.warning("refreshing counts failed: %s", exc)
        self.statusBar().showMessage(self.tr("无法读取数据库，稍后自动重试。"), REFRESH_MS)
        if not self._counts_failing:  # one dialog per failure streak, not one every 30 s
            self._counts_failing = True
            show_error(self, exc, self.session.lang)

    def show_storage_problem(self, exc: BaseException) -> None:
        if is_connection_problem(exc):
            self.watch.connection_lost(exc)
            return
        show_error(self, exc, self.session.lang)

    def _show_inbox_counts(self, previous: dict[str, Any] | None,
                           counts: dict[str, Any]) -> None:
        """我的待办 (N · 新 M) in the navigation, the section tabs, and a notice for arrivals."""
        sections = counts["inbox"]
        self.inbox.set_counts(sections)
        new = self.inbox.new_total()
        title = self.tr("我的待办")
        self._titles["inbox"] = (title, self._titles["inbox"][1])
        self._set_nav_text("inbox", counts["inbox_total"])
        if new:  # marked, the number of new arrivals in the tooltip and on the tabs
            item = self._items["inbox"]
            item.setText(item.text() + " ●")
            item.setToolTip(item.toolTip() + "\n" + self.tr("其中 {n} 件是您上次查看后新到的")
                            .format(n=new))
        if previous is None:
            return
        before = {c.key: c.total for c in previous["inbox"]}
        arrived = [(c.label.text(self.session.lang), c.total - before.get(c.key, 0))
                   for c in sections if c.total > before.get(c.key, 0)]
        if arrived:
            self._announce(arrived)

    def _announce(self, arrived: list[tuple[str, int]]) -> None:
        """A status-bar notice and a tray message: what just arrived in this person's inbox."""
        parts = self.tr("，").join(self.tr("{section} {n} 件").format(section=s, n=n)
                                  for s, n in arrived)
        text = self.tr("新的待办：{parts}").format(parts=parts)
        self.statusBar().showMessage(text, 15_000)
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(self.tr("首问台"), text, QSystemTrayIcon.MessageIcon.Information)

    # ---- dialogs -----------------------------------------------------------------------
    def open_settings(self) -> None:
        from gui.settings_dialog import SettingsDialog

        SettingsDialog.ask(self, self.session, self.settings)

    def show_about(self) -> None:
        from core.logsetup import log_file
        from core.paths import data_dir
        from core.register import current_target, describe_target

        text = self.tr("首问台 FirstDesk {version}\n首问责任制事项登记与跟踪\n\n"
                       "数据文件夹：{data}\n日志文件：{log}\n数据库：{db}").format(
            version=__version__, data=data_dir(), log=log_file(),
            db=describe_target(current_target()))
        notify(self, self.tr("关于首问台"), text, "info")

    # ---- closing -----------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        if not self.restoreGeometry(self.settings.window_geometry()):
            self.resize(1360, 860)
        self.restoreState(self.settings.window_state())
        splitter = self.settings.splitter_state()
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def shutdown(self) -> None:
        """Stop the timer and save the window; safe to call twice."""
        if not self._alive:
            return
        self._alive = False
        self.timer.stop()
        self.watcher.stop()
        self.settings.save_window(self.saveGeometry(), self.saveState(), self.splitter.saveState())
        for key, page in self.lists.items():
            self.settings.save_header(self._header_key(key),
                                      page.table.horizontalHeader().saveState())
        self.settings.sync()
        if self.tray is not None:
            self.tray.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.idle_lock.resize_to_window()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)


def _comparable(counts: dict[str, Any]) -> dict[str, Any]:
    """Counts with the inbox sections as plain totals (to tell whether anything moved)."""
    return {**counts, "inbox": [(c.key, c.total) for c in counts["inbox"]]}
