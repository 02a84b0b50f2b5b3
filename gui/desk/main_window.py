"""The main window: navigation with counts, the pages, menus, the status bar and notices."""

from __future__ import annotations

import logging
import zlib
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from core.cases.queries import CaseFilter
from core.infra.version import __version__
from gui.admin import backup as backup_ui
from gui.admin import catalogue_page
from gui.admin import page as admin_page
from gui.app_icon import app_icon
from gui.desk.case_list import CaseListPage, is_scanner_key
from gui.desk.case_model import COLUMN_KEYS
from gui.desk.change_watch import ChangeWatcher
from gui.desk.detail_pane import DetailPane
from gui.desk.help_pages import HelpDialog
from gui.desk.idle_lock import IdleLock
from gui.desk.inbox_page import InboxPage
from gui.desk.navigation import NavPanel, PageFrame
from gui.desk.notice_bar import NoticeBar
from gui.desk.register_watch import RegisterWatch
from gui.desk.scanner import ScannerDetector
from gui.desk.window_cases import CasesMixin
from gui.desk.window_counts import REFRESH_MS, CountsMixin, load_counts
from gui.desk.window_menus import CaseActions, add_action, language_menu
from gui.errors import confirm, notify
from gui.forms.intake import IntakePage
from gui.forms.phone_log import PhoneLogPage
from gui.session import Session
from gui.settings import AppSettings
from gui.supervision import accountability_page, audit_page
from gui.supervision import page as supervision
from gui.widgets.screen_fit import fit_to_screen

log = logging.getLogger(__name__)

__all__ = ["MainWindow", "app_icon", "load_counts"]


class MainWindow(CasesMixin, CountsMixin, QMainWindow):
    """One signed-in clerk's desk; pages are added with add_page / add_list_page."""

    switch_user_requested = Signal()  # the window is locked already (request_switch_user)
    language_requested = Signal(str)  # rebuild the window in this language (gui.app.Desk)
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
        self._frames: dict[str, QWidget] = {}  # what the stack holds for each page
        self.lists: dict[str, CaseListPage] = {}
        self._dirty: set[str] = set()
        self._last_list = "inbox"
        self.help: HelpDialog | None = None
        # The organisation only: Qt adds the program's name (applicationDisplayName) itself.
        self.setWindowTitle(session.org_name)
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
        self.watcher = ChangeWatcher(self.session.register.target, self)
        self.watcher.changed.connect(self.refresh_counts)
        QTimer.singleShot(0, self.watch.check_register)
        # Pages that follow the register (责任追究's background detection) hear of each change.
        for page in self._pages.values():
            if hasattr(page, "sweep_soon"):
                self.watcher.changed.connect(page.sweep_soon)
                self.detail.case_changed.connect(lambda _id, p=page: p.sweep_soon())
        self.idle_lock = IdleLock(self, session)
        self.idle_lock.screen.switch_user.connect(self.request_switch_user)
        self.scanner = ScannerDetector(self)
        self.scanner.scanned.connect(self.open_number)
        self.scanner.install()

    # ---- layout ------------------------------------------------------------------------
    def _build_centre(self) -> None:
        self.nav_panel = NavPanel(self)
        self.nav_panel.chosen.connect(self.show_page)
        self.nav_panel.set_collapsed(self.settings.nav_collapsed)
        self.nav_panel.collapsed_changed.connect(self._nav_collapsed)
        self.nav = self.nav_panel.list
        self._items = self.nav_panel.items
        self._titles = self.nav_panel.titles
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
        row.addWidget(self.nav_panel)
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
        self.action_menu = bar.addMenu(self.tr("办理(&A)"))
        self.view_menu = bar.addMenu(self.tr("视图(&V)"))
        self.help_menu = bar.addMenu(self.tr("帮助(&H)"))
        self.settings_action = self._action(self.file_menu, self.tr("设置…"), self.open_settings,
                                            QKeySequence.StandardKey.Preferences)
        self.switch_action = self._action(self.file_menu, self.tr("切换用户"),
                                          self.request_switch_user)
        self.file_menu.addSeparator()
        self.quit_action = self._action(self.file_menu, self.tr("退出"), self.close, "Ctrl+Q")
        self.find_action = self._action(None, self.tr("查找"), self.focus_search, "Ctrl+F")
        self.refresh_action = self._action(None, self.tr("刷新"), self.refresh_all, "F5")
        self.case_actions = CaseActions(self, self.action_menu, self.session.lang,
                                        self.trigger_action, self.print_selected)
        self.detail.actions_offered.connect(self._offer_actions)
        self.detail.key_text = self.case_actions.key_text  # the buttons' tooltips name the keys
        self.nav_action = self._action(self.view_menu, self.tr("收起 / 展开导航栏"),
                                       lambda: self.nav_panel.set_collapsed(
                                           not self.nav_panel.collapsed), "Ctrl+B")
        self.language_group = language_menu(self, self.view_menu, self.session.lang,
                                            self.choose_language)
        self.view_menu.addSeparator()
        self.guide_action = self._action(self.help_menu, self.tr("使用说明"),
                                         lambda: self.show_help(0), QKeySequence.StandardKey.HelpContents)
        self.keys_action = self._action(self.help_menu, self.tr("快捷键"), lambda: self.show_help(1))
        self.help_menu.addSeparator()
        self.about_action = self._action(self.help_menu, self.tr("关于首问台"), self.show_about)

    def _action(self, menu: Any, text: str, slot: Any, shortcut: Any = None) -> QAction:
        return add_action(self, menu, text, slot, shortcut)

    def _build_pages(self) -> None:
        me = self.session.staff.id
        self.inbox = InboxPage(self.session, self)
        self.add_list_page("inbox", self.tr("我的待办"), self.inbox.model.case_filter, "Ctrl+1",
                           page=self.inbox)
        # viewer: searches keep complainants from those who may not see them (core/cases/privacy.py)
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
        self.nav_panel.fit()

    def add_page(self, key: str, title: str, widget: QWidget, shortcut: str | None = None,
                 *, menu: Any = None) -> QAction:
        """Add a page: a navigation entry, a stacked widget and an action with its shortcut.
        A page wider than a 1024-pixel screen allows scrolls inside its frame rather than
        widening the window (the clerk's own pages fit; see docs/keyboard.md)."""
        frame: QWidget = widget
        if widget is not self.splitter:
            frame = PageFrame(widget, self.stack)
            frame.setObjectName(f"frame_{key}")
            self.stack.addWidget(frame)
        self._pages[key] = widget
        self._frames[key] = frame
        self.nav_panel.add_entry(key, title, shortcut or "", counted=widget is self.splitter)
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
        page.case_elsewhere.connect(self.show_case)
        page.selection_cleared.connect(lambda p=page: self._list_cleared(p))
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
        return self.nav_panel.current_key()

    def current_list(self) -> CaseListPage | None:
        return self.lists.get(self.current_key())

    def show_page(self, key: str) -> None:
        if key not in self._pages:
            return
        if self.nav_panel.set_current(key):
            return  # comes back through NavPanel.chosen
        self.stack.setCurrentWidget(self._frames[key])
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
        if page is None:
            self.case_actions.offer([], [])  # F6 … act on a case on screen only
        else:
            self._offer_actions(list(self.detail.action_buttons), list(self.detail.print_buttons))

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

    # ---- dialogs -----------------------------------------------------------------------
    def show_help(self, tab: int = 0) -> None:
        """使用说明 (F1) or 快捷键: one non-modal window beside the desk."""
        if self.help is None:
            self.help = HelpDialog(self.session.lang, self.actions(), self)
        self.help.show_tab(tab)

    def request_switch_user(self) -> None:
        """切换用户: a filled form asks first; then the window locks (nothing of this clerk's
        stays visible behind the sign-in) and the desk asks who signs in."""
        if not self.may_discard_forms():
            return
        if not self.idle_lock.locked:
            self.idle_lock.lock()
        self.switch_user_requested.emit()

    def choose_language(self, lang: str) -> None:
        """Another language without a restart: the desk rebuilds the window in it."""
        if lang == self.session.lang:
            return
        if not self.may_discard_forms():
            for action in self.language_group.actions():
                action.setChecked(action.data() == self.session.lang)
            return
        self.language_requested.emit(lang)

    def _nav_collapsed(self, collapsed: bool) -> None:
        self.settings.nav_collapsed = collapsed

    def open_settings(self) -> None:
        from gui.admin.settings_dialog import SettingsDialog

        SettingsDialog.ask(self, self.session, self.settings)

    def show_about(self) -> None:
        from core.infra.logsetup import log_file
        from core.infra.paths import data_dir

        text = self.tr("首问台 FirstDesk {version}\n首问责任制事项登记与跟踪\n\n"
                       "数据文件夹：{data}\n日志文件：{log}\n数据库：{db}").format(
            version=__version__, data=data_dir(), log=log_file(),
            db=self.session.register.describe())
        notify(self, self.tr("关于首问台"), text, "info")

    # ---- closing -----------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        if not self.restoreGeometry(self.settings.window_geometry()):
            fit_to_screen(self, 1360, 860)
        self.restoreState(self.settings.window_state())
        splitter = self.settings.splitter_state()
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def shutdown(self) -> None:
        """Stop the timer and save the window; safe to call twice."""
        if not self._alive:
            return
        self._alive = False
        self.scanner.remove()
        for page in self._pages.values():
            if hasattr(page, "stop"):
                page.stop()
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

    def unsaved_forms(self) -> list[str]:
        """Keys of registration pages holding something not yet saved."""
        return [key for key in ("intake", "phone") if key in self._pages
                and self._pages[key].has_unsaved()]  # type: ignore[attr-defined]

    def may_discard_forms(self) -> bool:
        """Before the window goes (退出, 切换用户, another language): a filled form asks."""
        unsaved = self.unsaved_forms()
        if not unsaved or not self._alive:
            return True
        title = self._titles[unsaved[0]][0]
        if confirm(self, self.tr("尚未保存"),
                   self.tr("“{page}”中有尚未保存的内容，关闭后将丢失。仍要继续吗？").format(page=title),
                   self.tr("放弃并继续"), self.tr("返回登记")):
            return True
        self.show_page(unsaved[0])
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_discard_forms():
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)
