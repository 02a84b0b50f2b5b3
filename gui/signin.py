"""Sign-in: user name (remembered), password, the refusal shown beside the field, never a crash."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from core.errors import DomainError
from gui.settings import AppSettings

if TYPE_CHECKING:  # the register's modules: loaded behind the window (gui/app.py)
    from core.admin.staff import StaffInfo

log = logging.getLogger(__name__)


class SignInDialog(QDialog):
    """Asks for a user name and password; `staff` holds who signed in after accept()."""

    def __init__(self, parent: QWidget | None = None, settings: AppSettings | None = None,
                 lang: str = "zh", org_name: str = "") -> None:
        super().__init__(parent)
        self.settings = settings or AppSettings()
        self.lang = lang
        self.staff: StaffInfo | None = None
        self._pending: StaffInfo | None = None  # signed in, but must choose a new password
        self.ready = True  # False while the register opens behind the window (start-up)
        self._enter_early = False  # Enter pressed before it was open
        self.quit_early = False  # 退出 before it was open
        self.setWindowTitle(self.tr("登录 · 首问台"))
        self.setMinimumWidth(380)
        self.title = title = QLabel(org_name or self.tr("首问台"), self)
        # Centred by the style sheet: PySide6 builds the whole Qt namespace on first use,
        # 13 ms, a tenth of a bare window's start (docs/architecture.md, "Start-up").
        title.setStyleSheet("font-size: 18px; font-weight: bold; qproperty-alignment: AlignCenter;")
        self.username = QLineEdit(self.settings.last_user, self)
        self.username.setPlaceholderText(self.tr("用户名"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.new_password = QLineEdit(self)
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password2 = QLineEdit(self)
        self.new_password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b02a37;")
        self.message.setAccessibleName(self.tr("登录提示"))
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        self._new_label = QLabel(self.tr("新密码"), self)
        self._new_label2 = QLabel(self.tr("再次输入"), self)
        form.addRow(self._new_label, self.new_password)
        form.addRow(self._new_label2, self.new_password2)
        form.addRow("", self.message)
        self.buttons = QDialogButtonBox(parent=self)  # by keyword: no overload with a Qt.Orientation
        role = QDialogButtonBox.ButtonRole
        self.ok_button = self.buttons.addButton(self.tr("登录"), role.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr("退出"), role.RejectRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._show_new_password(False)
        (self.password if self.username.text() else self.username).setFocus()

    def _show_new_password(self, visible: bool) -> None:
        for w in (self._new_label, self.new_password, self._new_label2, self.new_password2):
            w.setVisible(visible)
        self.username.setEnabled(not visible)
        self.password.setEnabled(not visible)

    def try_sign_in(self) -> None:
        """Enter or the button: sign in, or say why not beside the fields."""
        if not self.ready:  # the register is still being opened: signing in follows it
            self._enter_early = True
            self.message.setText(self.tr("正在打开登记簿，打开后即登录…"))
            return
        if self._pending is not None:
            self._change_password()
            return
        username = self.username.text().strip()
        if not username:
            self.message.setText(self.tr("请输入用户名。"))
            self.username.setFocus()
            return
        from core.admin.staff import sign_in
        from core.infra.storage import StorageError

        try:
            staff = sign_in(username, self.password.text())
        except DomainError as exc:
            self._refused(exc.message(self.lang))
            return
        except StorageError as exc:
            self._refused(exc.message(self.lang))
            return
        self.settings.last_user = staff.username
        self.settings.sync()
        if staff.must_change_password:
            self._pending = staff
            self.message.setText(self.tr("管理员重置了您的密码，请设置新密码后继续。"))
            self._show_new_password(True)
            self.new_password.setFocus()
            return
        self._done(staff)

    def _change_password(self) -> None:
        staff = self._pending
        assert staff is not None
        if self.new_password.text() != self.new_password2.text():
            self.message.setText(self.tr("两次输入的新密码不一致。"))
            self.new_password2.selectAll()
            self.new_password2.setFocus()
            return
        from core.admin.staff import set_password
        from core.infra.storage import StorageError

        try:
            set_password(staff.id, self.new_password.text())
        except (DomainError, StorageError) as exc:
            self.message.setText(exc.message(self.lang))
            self.new_password.setFocus()
            return
        self._done(staff)

    def _refused(self, text: str) -> None:
        log.info("sign-in refused for %s: %s", self.username.text().strip(), text)
        self.message.setText(text)
        self.password.clear()
        self.password.setFocus()

    def _done(self, staff: StaffInfo) -> None:
        log.info("signed in: %s", staff.username)
        self.staff = staff
        self.accept()

    def set_org_name(self, name: str) -> None:
        self.title.setText(name or self.tr("首问台"))

    def set_ready(self, ready: bool) -> None:
        """At start-up the window shows before the register is open: typing is fine, and
        Enter pressed meanwhile signs in as soon as the register is open (answer())."""
        self.ready = ready
        if not ready:
            self.message.setText(self.tr("正在打开登记簿…"))
        elif self.message.text() in (self.tr("正在打开登记簿…"),
                                     self.tr("正在打开登记簿，打开后即登录…")):
            self.message.clear()

    def reject(self) -> None:
        if not self.ready:
            self.quit_early = True  # 退出 before the register was open: answer() says None
        super().reject()

    def remember_user(self, username: str) -> None:
        if username and not self.username.text():
            self.username.setText(username)
            self.password.setFocus()

    def answer(self) -> StaffInfo | None:
        """Wait for the clerk: who signed in, or None if cancelled (the dialog is then gone)."""
        try:
            if self.quit_early:
                return None
            if self._enter_early:  # typed and confirmed while the register was opening
                QTimer.singleShot(0, self.try_sign_in)
            return self.staff if self.exec() == QDialog.DialogCode.Accepted else None
        finally:
            self.deleteLater()

    @classmethod
    def ask(cls, parent: QWidget | None = None, settings: AppSettings | None = None,
            lang: str = "zh", org_name: str = "") -> StaffInfo | None:
        """Show the dialog; the staff member who signed in, or None if cancelled."""
        return cls(parent, settings, lang, org_name).answer()
