"""The window's side of offline registration (docs/offline.md): keeps the local copy fresh
while the server answers, says so when the window registers offline and what waits for the
server, replays the journal when the server is back and shows what was synced and what was
refused. The rules and the storage are in core/offline/; this only shows and schedules."""

from __future__ import annotations

import logging
import weakref
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from core.offline import mode, sync
from gui.desk.notice_bar import NoticeBar
from gui.ops import run_in_background

if TYPE_CHECKING:
    from core.register import Register

log = logging.getLogger(__name__)

REFRESH_MS = 60_000  # the copy is at most about a minute behind the server
LANE = "offline"  # the copy's refresh and the replay never hold the window's own lane


class _Listener:
    """Core tells of a switch on whatever thread made it; the window hears it on its own
    (a queued signal), and a window already closed hears nothing."""

    def __init__(self, ui: OfflineDeskUi) -> None:
        self.ui = weakref.ref(ui)

    def alive(self) -> bool:
        ui = self.ui()
        return ui is not None and shiboken6.isValid(ui)

    def __call__(self, offline: bool) -> None:
        ui = self.ui()
        if ui is not None and shiboken6.isValid(ui):
            ui.switched.emit(offline)


class OfflineDeskUi(QObject):
    """Created by the register watch for a window on a PostgreSQL register."""

    switched = Signal(bool)  # from core's listener (any thread), delivered on the GUI thread
    synced = Signal(object)  # a SyncReport, after each replay

    def __init__(self, window: Any, notice: NoticeBar) -> None:
        super().__init__(window)
        self.window = window
        self.notice = notice
        self.ready = False
        self.syncing = False
        self.last_report: sync.SyncReport | None = None
        self.status = QLabel(window)
        self.status.setObjectName("offline_status")
        self.status.hide()
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh_copy)
        self.switched.connect(self._switched)
        self._refreshing = False
        QTimer.singleShot(0, self._start)

    @staticmethod
    def wanted(register: Register) -> bool:
        return register.is_shared

    def _alive(self) -> bool:
        return shiboken6.isValid(self) and shiboken6.isValid(self.window)

    # ---- while online: the copy ------------------------------------------------------
    def _start(self) -> None:
        if not self._alive():
            return
        self.window.statusBar().addPermanentWidget(self.status)
        self._add_menu()
        detail = getattr(self.window, "detail", None)
        if detail is not None:
            detail.actions_offered.connect(lambda *_a: self._hold_steps())
        for key in ("intake", "phone"):  # the count of what waits for the server
            page = self.window.pages.get(key)
            if page is not None and hasattr(page, "case_registered"):
                page.case_registered.connect(lambda _id: self.registered_offline())
        staff_id = self.window.session.staff.id
        run_in_background(lambda: mode.prepare(staff_id), self._prepared,
                          lambda exc: log.warning("offline registration not prepared: %s", exc),
                          lane=LANE)

    def _prepared(self, desk: mode.OfflineDesk | None) -> None:
        if desk is None or not self._alive():
            return
        desk.listeners[:] = [x for x in desk.listeners if not isinstance(x, _Listener) or x.alive()]
        desk.listeners.append(_Listener(self))
        self.ready = True
        if mode.is_offline():  # a window rebuilt (another language, user) while offline
            self.switched.emit(True)  # the register watch starts asking for the server too
        elif desk.journal.pending_count():
            self.sync_now()  # left from an earlier session: replay first
        else:
            self.refresh_copy()
        self.timer.start()

    def refresh_copy(self) -> None:
        if not self.ready or self._refreshing or self.syncing or mode.is_offline():
            return
        self._refreshing = True
        run_in_background(mode.refresh_copy, self._refreshed, self._refresh_failed, lane=LANE)

    def _refreshed(self, _stats: object) -> None:
        self._refreshing = False

    def _refresh_failed(self, exc: BaseException) -> None:
        self._refreshing = False
        log.warning("local copy not refreshed: %s", exc)

    # ---- going offline and back ------------------------------------------------------
    def go_offline(self) -> bool:
        """The server was found gone: read the copy and register into the journal."""
        return self.ready and mode.go_offline()

    def _switched(self, offline: bool) -> None:
        if not self._alive():
            return
        if offline:
            self._show_offline()
            self.window.refresh_all()  # lists and counts from the copy now
            self._hold_steps()
        else:
            self.status.hide()

    def _show_offline(self) -> None:
        at = mode.copy_time()
        when = at.strftime("%H:%M") if at else "—"
        text = self.tr(
            "服务器连接中断 · 离线登记：新登记（F2）和来电登记（F3）照常保存在本机，编号为临时编号，"
            "恢复连接后自动同步。签收、转办、办结等办理操作需等服务器恢复。列表是 {time} 的本机副本，只读。"
        ).format(time=when)
        self.notice.show_notice("connection", text, "warning",
                                ((self.tr("离线登记记录…"), self.show_journal),))
        pending = self._pending()
        self.status.setText(self.tr("离线 · 待同步 {n} 件").format(n=pending))
        self.status.setStyleSheet("color: #664d03; font-weight: bold;")
        self.status.show()

    def _hold_steps(self) -> None:
        """Offline, the case's step buttons stay visible but wait for the server (its
        slips still print: the copy has the case)."""
        detail = getattr(self.window, "detail", None)
        if detail is None or not mode.is_offline():
            return
        for button in detail.action_buttons.values():
            button.setEnabled(False)
            button.setToolTip(self.tr("离线：需等服务器恢复后办理"))

    def registered_offline(self) -> None:
        """After an offline save: the count of what waits for the server."""
        if mode.is_offline():
            self.status.setText(self.tr("离线 · 待同步 {n} 件").format(n=self._pending()))

    @staticmethod
    def _pending() -> int:
        d = mode.desk()
        return d.journal.pending_count() if d is not None else 0

    def server_back(self) -> None:
        """The server answers again: read it, then replay the journal."""
        was_offline = mode.is_offline()
        mode.go_online()
        if was_offline or self._pending():
            self.sync_now()

    def sync_now(self) -> None:
        d = mode.desk()
        if d is None or self.syncing or mode.is_offline():
            return
        n = d.journal.pending_count()
        if not n:
            self.refresh_copy()
            return
        self.syncing = True
        self.notice.show_notice("connection", self.tr("已重新连接服务器，正在同步离线登记（{n} 件）…")
                                .format(n=n), "warning")
        run_in_background(lambda: sync.sync_journal(d.journal, d.server), self._synced,
                          self._sync_failed, lane=LANE)

    def _synced(self, report: sync.SyncReport) -> None:
        self.syncing = False
        self.last_report = report
        if not self._alive():
            return
        self.notice.clear("connection")
        if report.left:
            self.notice.show_notice("connection", self.tr(
                "同步中断（{problem}），还有 {n} 件待同步，恢复后自动继续。").format(
                problem=report.problem, n=report.left), "warning",
                ((self.tr("离线登记记录…"), self.show_journal),))
        else:
            self.refresh_copy()  # the copy held offline cases of its own: made afresh
        self.window.statusBar().showMessage(self.tr("离线登记已同步 {n} 件，未能同步 {m} 件。").format(
            n=len(report.synced), m=len(report.refused)), 15_000)
        self.window.refresh_all()
        self.synced.emit(report)
        if report.outcomes:
            from gui.offline.dialogs import SyncResultDialog

            SyncResultDialog(report, self.window,
                             open_case=self.window.show_case).open()

    def _sync_failed(self, exc: BaseException) -> None:
        self.syncing = False
        log.error("offline replay failed: %s", exc)
        if self._alive():
            from gui.errors import show_error

            show_error(self.window, exc, self.window.session.lang)

    # ---- the journal -----------------------------------------------------------------
    def _add_menu(self) -> None:
        menu = getattr(self.window, "file_menu", None)
        if menu is None:
            return
        action = menu.addAction(self.tr("离线登记记录…"))
        action.triggered.connect(self.show_journal)
        # Before 退出 (the menu's last entries are a separator and 退出).
        actions = menu.actions()
        if len(actions) >= 3:
            menu.removeAction(action)
            menu.insertAction(actions[-3], action)

    def show_journal(self) -> None:
        from gui.offline.dialogs import JournalDialog

        d = mode.desk()
        if d is None:
            return
        JournalDialog(d.journal, self.window,
                      sync_now=self.sync_now, open_case=self.window.show_case).open()
