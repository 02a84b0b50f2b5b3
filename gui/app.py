"""Starting the window: translator, crash hook, the sign-in window, the register, first start,
main window. The sign-in window is on screen first: the register opens behind it while the
clerk types, and the main window's modules load then too (docs/architecture.md, "Start-up")."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import DomainError, Term
from core.infra.options import split_common
from core.infra.paths import APP_NAME, default_database_path, resource_path
from gui.i18n import install_translator
from gui.settings import AppSettings

if TYPE_CHECKING:  # the register's modules load after the sign-in window is shown
    from core.admin.staff import StaffInfo
    from core.infra.storage import StorageError
    from core.register import Register
    from gui.session import Session
    from gui.signin import SignInDialog

log = logging.getLogger(__name__)

DEMO_CASES = 2000
_lang = "zh"
_in_hook = False


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


# ---- crash hook ---------------------------------------------------------------------------

def excepthook(exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
    """Log an unhandled exception to the data folder and say so; the window stays open."""
    global _in_hook
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.critical("unhandled exception", exc_info=(exc_type, exc, tb))
    if _in_hook or QApplication.instance() is None:
        return
    _in_hook = True
    try:
        from core.infra.storage import StorageError
        from gui.errors import notify, show_error

        parent = QApplication.activeWindow()
        if isinstance(exc, DomainError | StorageError):
            show_error(parent, exc, _lang)
            return
        from core.infra.logsetup import log_file

        text = translate("App", "发生意外错误：{error}\n详细信息已记录到日志文件：\n{path}\n"
                         "您可以继续工作；如问题反复出现，请把日志文件发给管理员。")
        notify(parent, translate("App", "程序错误"),
               text.format(error=str(exc) or exc_type.__name__, path=log_file()), "error")
    finally:
        _in_hook = False


# ---- opening the register ------------------------------------------------------------------

def ask_other_database(parent: QWidget | None, exc: StorageError, target: str) -> str | None:
    """A database that cannot be opened: choose another file, retry, or quit (None)."""
    from core.infra.storage import redact

    box = QMessageBox(QMessageBox.Icon.Critical, translate("App", "无法打开数据库"),
                      exc.message(_lang), QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(translate("App", "数据库：{target}").format(
        target=redact(target)))
    choose = box.addButton(translate("App", "选择其他数据库…"), QMessageBox.ButtonRole.AcceptRole)
    retry = box.addButton(translate("App", "重试"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(translate("App", "退出"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is retry:
        return target
    if box.clickedButton() is choose:
        path, _ = QFileDialog.getSaveFileName(
            parent, translate("App", "选择数据文件"), str(default_database_path()),
            translate("App", "数据文件 (*.db);;所有文件 (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        return path or None
    return None


def open_database(explicit: str | None, settings: AppSettings) -> Register | None:
    """Open --db, else the saved target, else the default file; None when the clerk quits."""
    from core.infra.storage import StorageError, redact
    from core.register import open_register
    from gui.credentials import fill, needs_password, remember

    target = fill(explicit or settings.database_target or str(default_database_path()))
    chosen = False
    while True:
        if needs_password(target):
            password = ask_password(target)
            if password is None:
                return None
            target = fill(remember(_with_password(target, password)))
        try:
            opened = open_in_background(
                lambda t: open_register(t, damaged="read_only"), target)
        except StorageError as exc:
            log.warning("cannot open %s: %s", redact(target), exc)
            other = ask_other_database(None, exc, target)
            if other is None:
                return None
            chosen = chosen or other != target
            target = other
            continue
        if chosen:
            settings.database_target = opened.target
            settings.sync()
        return opened


def _with_password(url: str, password: str) -> str:
    from urllib.parse import quote, urlsplit, urlunsplit

    p = urlsplit(url)
    user, host = p.netloc.rsplit("@", 1) if "@" in p.netloc else ("", p.netloc)
    user = user.split(":", 1)[0]
    return urlunsplit(p._replace(netloc=f"{user}:{quote(password, safe='')}@{host}"))


def ask_password(target: str) -> str | None:
    """The database password, typed (None: the clerk quits)."""
    from core.infra.storage import redact
    from gui.credentials import store_available

    text = translate("App", "数据库服务器 {target} 的密码：").format(target=redact(target))
    if not store_available():
        text += "\n" + translate("App", "本机没有系统凭据存储，密码不会保存在本机，每次启动时需要输入。")
    password, ok = QInputDialog.getText(None, translate("App", "连接数据库"), text,
                                        QLineEdit.EchoMode.Password)
    return password if ok else None


# ---- first start ---------------------------------------------------------------------------

class FirstStartDialog(QDialog):
    """An empty register: open the demo, or create the organisation and its administrator."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from core.admin.presets import preset_names

        super().__init__(parent)
        self.choice = ""
        self.admin: StaffInfo | None = None
        self.setWindowTitle(self.tr("首次使用 · 首问台"))
        self.setMinimumWidth(460)
        self.demo_radio = QRadioButton(self.tr("打开演示机构（示例数据，所有账号密码 demo1234）"), self)
        self.create_radio = QRadioButton(self.tr("创建本机构和第一个管理员"), self)
        group = QButtonGroup(self)
        group.addButton(self.demo_radio)
        group.addButton(self.create_radio)
        self.create_radio.setChecked(True)
        self.name = QLineEdit(self)
        self.preset = QComboBox(self)
        for key, zh, en in preset_names():
            self.preset.addItem(Term(zh, en).text(_lang), key)
        self.username = QLineEdit("admin", self)
        self.admin_name = QLineEdit(self)
        self.password = QLineEdit(self, echoMode=QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit(self, echoMode=QLineEdit.EchoMode.Password)
        self.message = QLabel(self, wordWrap=True)
        self.message.setStyleSheet("color: #b02a37;")
        form = QFormLayout()
        form.addRow(self.tr("机构名称"), self.name)
        form.addRow(self.tr("机构类型"), self.preset)
        form.addRow(self.tr("管理员用户名"), self.username)
        form.addRow(self.tr("管理员姓名"), self.admin_name)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("再次输入密码"), self.password2)
        self.create_radio.toggled.connect(lambda on: [form.itemAt(i).widget().setEnabled(on)
                                                      for i in range(form.count())])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("这个数据库还没有机构。请选择："), self))
        layout.addWidget(self.demo_radio)
        layout.addWidget(self.create_radio)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def submit(self) -> None:
        from core.admin.organisation import init_organisation
        from core.infra.storage import StorageError

        if self.demo_radio.isChecked():
            self.choice = "demo"
            self.accept()
            return
        if self.password.text() != self.password2.text():
            self.message.setText(self.tr("两次输入的密码不一致。"))
            self.password2.setFocus()
            return
        try:
            self.admin = init_organisation(self.name.text(), self.preset.currentData(),
                                           self.username.text(), self.admin_name.text(),
                                           self.password.text())
        except (DomainError, StorageError) as exc:
            self.message.setText(exc.message(_lang))
            field = getattr(exc, "field", None)
            widget = {"name": self.name, "username": self.username,
                      "visitor_name": self.admin_name, "password": self.password}.get(field or "")
            if widget is not None:
                widget.setFocus()
            return
        self.choice = "created"
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> tuple[str, str]:
        """('demo' | 'created' | '' to quit, the new administrator's user name)."""
        dialog = cls(parent)
        dialog.exec()
        return dialog.choice, dialog.admin.username if dialog.admin else ""


def _wait_behind(dialog: QProgressDialog, work: Callable[[], object],
                 show_after_ms: int = 0) -> object:
    """Run `work` on the worker thread while the GUI keeps painting; `dialog` shows after
    `show_after_ms` if it is still running. Returns its result, or the exception it raised."""
    from gui.ops import run_in_background

    dialog.setCancelButton(None)
    dialog.setModal(True)  # application-modal, without the Qt namespace (see gui/signin.py)
    loop = QEventLoop()
    outcome: list[object] = []

    def finished(value: object) -> None:
        outcome.append(value)
        loop.quit()

    run_in_background(work, finished, finished)
    if not outcome:
        QTimer.singleShot(show_after_ms, lambda: None if outcome else dialog.show())
        loop.exec()
    dialog.close()
    return outcome[0]


def open_in_background(opener: Callable[[str], Register], target: str) -> Register:
    """Open the register on the worker thread. Usually instant; when it takes longer (the
    first start of a new version upgrades a large register: about a minute at a million
    cases) a small window says so, and the program is never "not responding"."""
    dialog = QProgressDialog(translate(
        "App", "正在打开登记簿…\n首次使用新版本时需要整理数据，可能需要一两分钟，请勿关闭程序。"),
        "", 0, 0)
    dialog.setWindowTitle(translate("App", "首问台"))
    result = _wait_behind(dialog, lambda: opener(target), show_after_ms=600)
    if isinstance(result, BaseException):
        raise result
    return result  # type: ignore[return-value]  # the opener's Register


class _Progress(QObject):
    advanced = Signal(int)  # emitted on the worker thread, delivered on the GUI thread


def build_demo_with_progress(parent: QWidget | None = None, cases: int = DEMO_CASES) -> bool:
    """Generate the demo on the worker thread behind a progress dialog."""
    from core.admin.demo import build_demo

    dialog = QProgressDialog(translate("App", "正在生成演示数据…"), "", 0, cases, parent)
    relay = _Progress()
    relay.advanced.connect(dialog.setValue)
    result = _wait_behind(dialog, lambda: build_demo(cases, progress=relay.advanced.emit))
    if isinstance(result, BaseException):
        from gui.errors import show_error

        show_error(parent, result, _lang)
        return False
    return True


# ---- signing in and the window -------------------------------------------------------------

def make_session(staff: StaffInfo, lang: str, register: Register) -> Session:
    from core.admin.organisation import org_info
    from gui.session import Session

    where = ((urlparse(register.target).hostname or "") if register.is_shared
             else translate("App", "本机"))
    return Session(staff, org_info().name, staff.window_no, lang, where, register)


class Desk(QObject):
    """Signs a clerk in and keeps one main window; 切换用户 replaces it."""

    def __init__(self, settings: AppSettings, lang: str, register: Register) -> None:
        super().__init__()
        self.settings = settings
        self.lang = lang
        self.register = register  # handed to each window's session
        self.window: QWidget | None = None

    def sign_in(self, parent: QWidget | None = None,
                dialog: SignInDialog | None = None) -> StaffInfo | None:
        """Who signs in: in `dialog` when it is on screen already (start-up), else a new one."""
        from core.admin.organisation import org_info
        from gui.signin import SignInDialog

        if dialog is None:
            return SignInDialog.ask(parent, self.settings, self.lang, org_info().name)
        dialog.set_org_name(org_info().name)
        dialog.set_ready(True)
        return dialog.answer()

    def open_window(self, staff: StaffInfo) -> QWidget:
        from gui.desk.main_window import MainWindow

        old = self.window
        if old is not None:
            old.shutdown()  # type: ignore[attr-defined]  # saves its place for the new one
            self.register = old.session.register  # type: ignore[attr-defined]  # (a restore reopens it)
        window = MainWindow(make_session(staff, self.lang, self.register), self.settings)
        window.switch_user_requested.connect(self.switch_user)
        window.language_requested.connect(self.change_language)
        if old is not None:  # the same place on the screen, whoever signs in next
            window.restoreGeometry(old.saveGeometry())
            if not old.isMaximized():
                window.setGeometry(old.geometry())
        window.show()
        self.window = window
        if old is not None:
            old.close()
            old.deleteLater()
        return window

    def switch_user(self) -> None:
        """The window is already locked (MainWindow.request_switch_user): nothing of the
        previous clerk shows behind the sign-in; cancelled, it stays locked for them."""
        staff = self.sign_in(self.window)
        if staff is not None:
            self.open_window(staff)

    def change_language(self, lang: str) -> None:
        """Another language at once, no restart: the window is rebuilt in it, same clerk."""
        global _lang
        window = self.window
        app = QApplication.instance()
        if window is None or not isinstance(app, QApplication):
            return
        install_translator(app, lang)
        _lang = self.lang = self.settings.language = lang
        self.settings.sync()
        app.setApplicationDisplayName(translate("App", "首问台"))
        self.open_window(window.session.staff)  # type: ignore[attr-defined]


def _ensure_chinese_font() -> None:
    """A PC without any Chinese font still shows Chinese: use the bundled one."""
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        font = resource_path("fonts", "wqy-microhei.ttc")
        if QFontDatabase.addApplicationFont(str(font)) < 0:
            log.warning("no Chinese font available")


def run(argv: list[str]) -> int:
    """The GUI entry point (main.py calls it when no subcommand is given)."""
    global _lang
    args, qt_args = split_common(argv)
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    from core.infra.version import __version__

    app.setApplicationVersion(__version__)
    from core.infra.logsetup import setup_logging

    setup_logging()
    sys.excepthook = excepthook
    settings = AppSettings()
    _lang = args.lang or settings.language
    install_translator(app, _lang)
    app.setApplicationDisplayName(translate("App", "首问台"))
    _ensure_chinese_font()
    from gui.app_icon import app_icon
    from gui.signin import SignInDialog

    app.setWindowIcon(app_icon())
    # The sign-in window first: the register opens behind it (the clerk is typing).
    signin = SignInDialog(None, settings, _lang)
    signin.set_ready(False)
    signin.show()
    opened = open_database(args.db, settings)
    if opened is None:
        return 1
    if signin.quit_early:  # 退出 while the register was opening
        return 0
    from core.admin.organisation import is_initialised

    if not is_initialised():
        signin.hide()
        choice, admin = FirstStartDialog.ask()
        if not choice:
            return 0
        if choice == "demo" and not build_demo_with_progress():
            return 1
        settings.last_user = admin or settings.last_user or "wangwu"
        signin.remember_user(settings.last_user)
        signin.show()
    _load_the_window_meanwhile()
    desk = Desk(settings, _lang, opened)
    staff = desk.sign_in(dialog=signin)
    if staff is None:
        from gui.ops import wait_idle

        wait_idle()  # the window's modules may still be loading: let that end before exit
        return 0
    desk.open_window(staff)
    return app.exec()


def _load_the_window_meanwhile() -> None:
    """While the clerk types the password, the main window's modules load on the worker:
    after Enter only the password check and the window itself remain."""
    import importlib

    from gui.ops import run_in_background

    run_in_background(lambda: importlib.import_module("gui.desk.main_window"), lambda _m: None,
                      lambda exc: log.warning("loading the window early failed: %s", exc))
