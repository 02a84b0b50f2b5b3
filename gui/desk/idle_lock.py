"""Idle lock: after 15 minutes without keyboard or mouse the window hides every case and
visitor behind a lock screen; the same clerk unlocks with their password (audited sign-in)."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.admin.staff import sign_in
from core.errors import DomainError
from gui.session import Session

log = logging.getLogger(__name__)

IDLE_MINUTES = 15
_INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                 QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class LockScreen(QWidget):
    """Covers the whole window: nothing personal stays visible while it is up."""

    unlocked = Signal()
    switch_user = Signal()

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.setAutoFillBackground(True)
        self.setStyleSheet("LockScreen { background: #f3f5f8; }")
        box = QVBoxLayout(self)
        box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("已锁定"), self)
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        who = QLabel(self.tr("{name} · {window}　长时间未操作，屏幕已锁定以保护办事人信息。").format(
            name=session.staff.name, window=session.window_no or "—"), self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("输入密码解锁"))
        self.password.setMaximumWidth(320)
        self.password.returnPressed.connect(self.try_unlock)
        self.message = QLabel("", self)
        self.message.setStyleSheet("color: #b02a37;")
        unlock = QPushButton(self.tr("解锁"), self)
        unlock.clicked.connect(self.try_unlock)
        other = QPushButton(self.tr("切换用户"), self)
        other.clicked.connect(self.switch_user.emit)
        for w in (title, who, self.password, self.message, unlock, other):
            box.addWidget(w, 0, Qt.AlignmentFlag.AlignHCenter)

    def try_unlock(self) -> None:
        try:
            sign_in(self.session.staff.username, self.password.text())
        except DomainError as exc:
            self.message.setText(exc.message(self.session.lang))
            self.password.selectAll()
            return
        self.password.clear()
        self.message.clear()
        self.unlocked.emit()


class IdleLock(QObject):
    """Watches the application's input; locks `window` after `minutes` of silence."""

    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, session: Session, minutes: float = IDLE_MINUTES) -> None:
        super().__init__(window)
        self.window = window
        self.limit = minutes * 60
        self.last_input = time.monotonic()
        self.screen = LockScreen(session, window)
        self.screen.hide()
        self.screen.unlocked.connect(self.unlock)
        self.timer = QTimer(self, interval=15_000)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.screen.isVisible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in _INPUT_EVENTS and not self.locked:
            self.last_input = time.monotonic()
        return False

    def check(self) -> None:
        if not self.locked and time.monotonic() - self.last_input >= self.limit:
            self.lock()

    def _hide_other_windows(self) -> None:
        """Every other top-level window (a print preview, a dialog) goes too: one it can
        hide is hidden and comes back on unlock; a modal dialog (hiding would end it and
        lose what was typed) is covered by a lock screen of its own."""
        self._hidden: list[QWidget] = []
        self._covers: list[LockScreen] = []
        for w in QApplication.topLevelWidgets():
            if w is self.window or not w.isVisible() or not w.isWindow() or w.inherits("QMenu"):
                continue
            if w.isModal() or w.windowModality() != Qt.WindowModality.NonModal:
                cover = LockScreen(self.screen.session, w)
                cover.setGeometry(w.rect())
                cover.unlocked.connect(self.unlock)
                cover.switch_user.connect(self.screen.switch_user.emit)
                cover.show()
                cover.raise_()
                cover.password.setFocus()
                self._covers.append(cover)
            else:
                w.hide()
                self._hidden.append(w)

    def lock(self) -> None:
        self._hide_other_windows()
        central = self.window.centralWidget()
        if central is not None:
            central.hide()
        self.window.menuBar().setEnabled(False)
        self.screen.setGeometry(self.window.rect())
        self.screen.show()
        self.screen.raise_()
        self.screen.password.setFocus()
        log.info("window locked after %.0f minutes idle", self.limit / 60)
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        self.screen.hide()
        for cover in getattr(self, "_covers", []):
            cover.hide()
            cover.deleteLater()
        for w in getattr(self, "_hidden", []):
            w.show()
        self._covers, self._hidden = [], []
        central = self.window.centralWidget()
        if central is not None:
            central.show()
        self.window.menuBar().setEnabled(True)
        self.last_input = time.monotonic()
        self.locked_changed.emit(False)

    def resize_to_window(self) -> None:
        if self.locked:
            self.screen.setGeometry(self.window.rect())
