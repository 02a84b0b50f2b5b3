"""Watching the open register for the main window: a damaged SQLite file (found at start-up,
or by the full check that runs in the background after the window shows when the file is
too large for the start-up budget) turns the window read-only with a banner and the offer
to restore the newest verified backup; a lost PostgreSQL connection shows
"服务器连接中断，正在重连…" and is retried every few seconds until the server answers — and where
the window has a local copy, it goes on registering offline meanwhile (gui/offline/desk.py)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer

from core.infra.storage import StorageError
from core.offline import mode as offline_mode
from gui.desk.notice_bar import NoticeBar
from gui.offline.desk import OfflineDeskUi
from gui.ops import run_in_background

log = logging.getLogger(__name__)

RETRY_MS = 3000
CONNECTION_CODES = ("unreachable", "disconnected", "commit_unknown")


def is_connection_problem(exc: BaseException) -> bool:
    return isinstance(exc, StorageError) and exc.code in CONNECTION_CODES


class RegisterWatch(QObject):
    def __init__(self, window: Any, notice: NoticeBar) -> None:
        super().__init__(window)
        self.window = window
        self.notice = notice
        self.lost = False
        self._pinging = False
        self.timer = QTimer(self, interval=RETRY_MS)
        self.timer.timeout.connect(self._try_again)
        self.offline = None
        if OfflineDeskUi.wanted(window.session.register):
            self.offline = OfflineDeskUi(window, notice)
            self.offline.switched.connect(self._offline_switched)

    def _alive(self) -> bool:
        return shiboken6.isValid(self) and shiboken6.isValid(self.window)

    # ---- a damaged file ---------------------------------------------------------------------
    def check_register(self) -> None:
        """After the window shows: say what start-up found, or finish the check it skipped."""
        health = self.window.session.register.health()
        if health is None:
            return
        if not health.ok:
            self.show_damaged()
        elif not health.thorough:
            from core.infra.integrity import check_file

            path = self.window.session.register.target
            run_in_background(lambda: check_file(path), self._checked, self._check_failed,
                              lane="slow")

    def _checked(self, problems: list[str]) -> None:
        if problems and self._alive():
            self.window.session.register.mark_damaged(problems)
            self.show_damaged()

    def _check_failed(self, exc: BaseException) -> None:
        log.warning("background check of the register failed: %s", exc)
        if self._alive() and "malformed" in str(exc).lower():
            self.window.session.register.mark_damaged([str(exc)])
            self.show_damaged()

    def show_damaged(self) -> None:
        health = self.window.session.register.health()
        lang = self.window.session.lang
        text = health.message(lang) if health is not None else ""
        actions: list[tuple[str, Any]] = []
        controller = getattr(self.window, "backup_controller", None)
        if controller is not None and self.window.session.can("backup"):
            newest = self.newest_backup()
            if newest is not None:
                actions.append((self.tr("从最新的备份恢复（{name}）…").format(name=newest.name),
                                lambda: controller.restore_from(newest)))
            actions.append((self.tr("从备份恢复…"), controller.restore_from))
        else:
            text += self.tr("　请联系管理员从备份恢复。")
        self.notice.show_notice("damaged", text, "error", tuple(actions))

    def newest_backup(self) -> Path | None:
        from core import audit_anchor
        from core.infra.backup import newest_verified

        try:
            return newest_verified(audit_anchor.backup_folders(self.window.session.register.target))
        except Exception as exc:  # noqa: BLE001 — the offer is a convenience
            log.warning("no backup offered: %s", exc)
            return None

    # ---- a lost server connection -----------------------------------------------------------
    def connection_lost(self, exc: BaseException) -> None:
        if not self._alive():
            return
        log.warning("database connection lost: %s", exc)
        self.lost = True
        # With a local copy the window registers offline meanwhile (its own notice).
        if self.offline is None or not self.offline.go_offline():
            self.notice.show_notice("connection", self.tr("服务器连接中断，正在重连…"), "warning")
        if not self.timer.isActive():
            self.timer.start()

    def _offline_switched(self, offline: bool) -> None:
        """A save found the server gone and went offline by itself: retry from here."""
        if offline and self._alive():
            self.lost = True
            if not self.timer.isActive():
                self.timer.start()

    def _try_again(self) -> None:
        if self._pinging:
            return
        self._pinging = True
        # Offline the window reads its copy: ask the server itself, not the binding.
        run_in_background(offline_mode.ping_server if offline_mode.is_offline()
                          else self.window.session.register.ping,
                          self._back, self._still_down)

    def _back(self, _result: object) -> None:
        self._pinging = False
        if not self._alive():
            return
        self.timer.stop()
        self.lost = False
        self.notice.clear("connection")
        self.window.statusBar().showMessage(self.tr("已重新连接数据库服务器。"), 10_000)
        if self.offline is not None:
            self.offline.server_back()  # replays the journal, shows what was synced
        self.window.refresh_all()

    def _still_down(self, exc: BaseException) -> None:
        self._pinging = False
        log.info("server still unreachable: %s", exc)
