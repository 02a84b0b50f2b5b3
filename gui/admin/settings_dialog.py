"""Settings: the database (with a connection test), language, slip format, organisation profile."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.admin.organisation import org_info, save_settings
from core.admin.presets import preset_names
from core.errors import DomainError
from core.infra import storage
from core.infra.paths import default_database_path
from core.infra.storage import StorageError, is_postgres
from gui.errors import error_text, notify, show_error
from gui.ops import run_in_background
from gui.session import Session
from gui.settings import SLIP_FORMATS, AppSettings

log = logging.getLogger(__name__)


def check_connection(target: str) -> str:
    """Open `target` without creating anything and run one query; raises StorageError."""
    return storage.check_connection(target, storage.describe_target(target))


class SettingsDialog(QDialog):
    """Per-PC settings (QSettings) and, for administrators, the organisation's profile."""

    def __init__(self, session: Session, settings: AppSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.restart_needed = False
        self.setWindowTitle(self.tr("设置"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(self._database_box())
        layout.addWidget(self._general_box())
        layout.addWidget(self._organisation_box())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    # ---- sections ----------------------------------------------------------------------
    def _database_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("数据库"), self)
        from gui.credentials import without_password

        target = without_password(self.settings.database_target or self.session.register.target)
        self.sqlite_radio = QRadioButton(self.tr("本机数据文件（SQLite）"), box)
        self.pg_radio = QRadioButton(self.tr("共享服务器（PostgreSQL）"), box)
        group = QButtonGroup(box)
        group.addButton(self.sqlite_radio)
        group.addButton(self.pg_radio)
        self.path_edit = QLineEdit(box)
        self.path_edit.setPlaceholderText(str(default_database_path()))
        browse = QPushButton(self.tr("浏览…"), box)
        browse.clicked.connect(self._browse)
        self.url_edit = QLineEdit(box)
        self.url_edit.setPlaceholderText("postgresql://user:password@server/firstdesk")
        if is_postgres(target):
            self.pg_radio.setChecked(True)
            self.url_edit.setText(target)
        else:
            self.sqlite_radio.setChecked(True)
            self.path_edit.setText(target)
        self.test_button = QPushButton(self.tr("测试连接"), box)
        self.test_button.clicked.connect(self.run_test)
        self.test_result = QLabel(box)
        self.test_result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        form = QFormLayout(box)
        form.addRow(self.sqlite_radio)
        form.addRow(self.tr("文件"), row)
        form.addRow(self.pg_radio)
        form.addRow(self.tr("地址"), self.url_edit)
        form.addRow(test_row)
        form.addRow(QLabel(self.tr("更换数据库在重新启动程序后生效。"), box))
        self._original_target = self.database_target()
        return box

    def _general_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("界面与打印"), self)
        self.language_box = QComboBox(box)
        self.language_box.addItem("中文", "zh")
        self.language_box.addItem("English", "en")
        current = self.language_box.findData(self.settings.language)
        self.language_box.setCurrentIndex(max(0, current))
        self.slip_box = QComboBox(box)
        names = {"a4": self.tr("A4 纸"), "a5": self.tr("A5 纸"), "80mm": self.tr("80 毫米小票")}
        for fmt in SLIP_FORMATS:
            self.slip_box.addItem(names[fmt], fmt)
        self.slip_box.setCurrentIndex(max(0, self.slip_box.findData(self.settings.slip_format)))
        self.printer_edit = QLineEdit(self.settings.printer_name, box)
        self.printer_edit.setPlaceholderText(self.tr("留空使用系统默认打印机"))
        form = QFormLayout(box)
        form.addRow(self.tr("语言"), self.language_box)
        form.addRow(self.tr("回执单格式"), self.slip_box)
        form.addRow(self.tr("打印机"), self.printer_edit)
        form.addRow(QLabel(self.tr("更换语言在重新启动程序后生效。"), box))
        return box

    def _organisation_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("机构信息"), self)
        info = org_info()
        self.org_name_edit = QLineEdit(info.name, box)
        presets = {key: (zh, en) for key, zh, en in preset_names()}
        self.preset_label = QLabel(
            self.session.text(presets.get(info.profile, (info.profile, info.profile))), box)
        self.enquiry_edit = QLineEdit(info.settings.enquiry_phone, box)
        self.pickup_edit = QLineEdit(info.settings.pickup_place, box)
        self.can_edit_org = self.session.can("manage_settings")
        for edit in (self.org_name_edit, self.enquiry_edit, self.pickup_edit):
            edit.setReadOnly(not self.can_edit_org)
            edit.setEnabled(self.can_edit_org)  # greyed, so it does not look editable
        form = QFormLayout(box)
        form.addRow(self.tr("机构名称"), self.org_name_edit)
        form.addRow(self.tr("机构类型"), self.preset_label)
        form.addRow(self.tr("咨询电话"), self.enquiry_edit)
        form.addRow(self.tr("取件地点"), self.pickup_edit)
        if not self.can_edit_org:
            form.addRow(QLabel(self.tr("只有系统管理员可以修改机构信息。"), box))
        self._org_original = (info.name, info.settings.enquiry_phone, info.settings.pickup_place)
        return box

    # ---- actions -----------------------------------------------------------------------
    def database_target(self) -> str:
        if self.pg_radio.isChecked():
            return self.url_edit.text().strip()
        return self.path_edit.text().strip() or str(default_database_path())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("选择数据文件"), self.path_edit.text() or str(default_database_path()),
            self.tr("数据文件 (*.db);;所有文件 (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.path_edit.setText(path)
            self.sqlite_radio.setChecked(True)

    def run_test(self) -> None:
        """Try the connection on the worker thread (a server may take seconds to answer)."""
        target = self.database_target()
        if not target:
            self.test_result.setText(self.tr("请填写数据库地址。"))
            return
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("正在连接…"))
        run_in_background(lambda: check_connection(target), self._test_ok, self._test_failed)

    def _test_ok(self, target: str) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setStyleSheet("color: #146c43;")
        self.test_result.setText(self.tr("连接成功：{target}").format(
            target=storage.describe_target(target)))

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setStyleSheet("color: #b02a37;")
        self.test_result.setText(error_text(exc, self.session.lang))

    def save(self) -> None:
        target = self.database_target()
        self.restart_needed = (target != self._original_target
                               or self.language_box.currentData() != self.settings.language)
        org_values = (self.org_name_edit.text().strip(), self.enquiry_edit.text().strip(),
                      self.pickup_edit.text().strip())
        if self.can_edit_org and org_values != self._org_original:
            try:
                current = self.session.register.org_settings()
                save_settings(self.session.staff.id, current.with_changes(
                    enquiry_phone=org_values[1], pickup_place=org_values[2]), name=org_values[0])
            except (DomainError, StorageError) as exc:
                show_error(self, exc, self.session.lang)
                return
        self.settings.database_target = "" if target == str(default_database_path()) else target
        self.settings.language = self.language_box.currentData()
        self.settings.slip_format = self.slip_box.currentData()
        self.settings.printer_name = self.printer_edit.text().strip()
        self.settings.sync()
        if self.restart_needed:
            notify(self, self.tr("设置"), self.tr("设置已保存。更换的数据库或语言在重新启动程序后生效。"))
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, session: Session, settings: AppSettings) -> bool:
        """Show the dialog; True when the settings were saved."""
        dialog = cls(session, settings, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
