"""系统管理 (Ctrl+8): the administrator's tabs, plus what they share — prompts tests can replace,
a read-only table of rows (its model is gui/widgets/tables.py), and a form dialog that shows
core's messages at the field."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.calendar.calendar_admin import CalendarReminder, calendar_reminder
from core.errors import DomainError
from core.infra.storage import StorageError
from gui.errors import show_error
from gui.forms.intake_widgets import FieldMessage, add_field
from gui.session import Session

log = logging.getLogger(__name__)

CENTER = Qt.AlignmentFlag.AlignCenter
BANNER_STYLE = ("QLabel { background: #fff3cd; color: #664d03; border: 1px solid #ffe69c;"
                " border-radius: 4px; padding: 6px 10px; }")
MUTED = QColor("#6c757d")
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def reminder_text(reminder: CalendarReminder) -> str:
    """CalendarReminder.message() in the session's language (core words it in Chinese only)."""
    if not reminder.missing_years:
        return ""
    years = translate("AdminPage", "、").join(
        translate("AdminPage", "{y}年").format(y=y) for y in reminder.missing_years)
    text = translate("AdminPage", "{years}的法定节假日安排尚未录入，期间的到期时间暂按周一至周五计算。"
                     "国务院办公厅公布放假安排后，请在“工作日历”中导入。").format(years=years)
    if reminder.open_cases_affected:
        text += translate("AdminPage", "（受影响的在办事项 {n} 件）").format(
            n=reminder.open_cases_affected)
    return text


# ---- prompts (tests replace these classmethods) ---------------------------------------------

class Prompts:
    """Every question and file dialog of the administration screens goes through here."""

    @classmethod
    def confirm(cls, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def open_path(cls, parent: QWidget | None, title: str, filters: str, start: str = "") -> str:
        path, _ = QFileDialog.getOpenFileName(parent, title, start, filters)
        return path

    @classmethod
    def save_path(cls, parent: QWidget | None, title: str, suggested: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return path

    @classmethod
    def folder(cls, parent: QWidget | None, title: str, start: str = "") -> str:
        return QFileDialog.getExistingDirectory(parent, title, start)


# ---- a form dialog with messages at the fields ----------------------------------------------

class FormDialog(QDialog):
    """A captioned grid of fields; `submit()` calls core and returns the result, or raises a
    DomainError that is shown beside its field (or under the form)."""

    def __init__(self, session: Session, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.messages: dict[str, FieldMessage] = {}
        self.fields: dict[str, QWidget] = {}
        self.general = FieldMessage(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addWidget(self.general)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def add(self, label: str, widget: QWidget, *keys: str) -> QWidget:
        row = self.grid.rowCount()
        message = add_field(self.grid, row, 0, label, widget)
        for key in keys:
            self.messages[key] = message
            self.fields[key] = widget
        return widget

    def submit(self) -> Any:
        raise NotImplementedError

    def show_field_error(self, exc: DomainError) -> None:
        message = self.messages.get(exc.field or "", self.general)
        message.show_message(exc.message(self.session.lang))
        widget = self.fields.get(exc.field or "")
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        for m in (*self.messages.values(), self.general):
            m.clear_message()
        try:
            self.result_value = self.submit()
        except DomainError as exc:
            self.show_field_error(exc)
            return
        except StorageError as exc:
            show_error(self, exc, self.session.lang)
            return
        self.accept()

    @classmethod
    def run(cls, dialog: FormDialog) -> Any:
        """Show `dialog`; the saved result, or None when cancelled."""
        try:
            return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def button(text: str, parent: QWidget, slot: Callable[[], None], tip: str = "") -> QPushButton:
    b = QPushButton(text, parent)
    b.clicked.connect(lambda _checked=False: slot())
    if tip:
        b.setToolTip(tip)
    return b


def row_widget(parent: QWidget, *widgets: QWidget, stretch: int | None = -1) -> QWidget:
    """Widgets side by side as one field (the last one, or `stretch`, or none takes the room)."""
    holder = QWidget(parent)
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for i, w in enumerate(widgets):
        row.addWidget(w, 1 if stretch is not None and i == stretch % len(widgets) else 0)
    return holder


def make_table(model: QAbstractTableModel, parent: QWidget, stretch: int) -> QTableView:
    """A read-only table of whole rows, one selected at a time, column `stretch` widest."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def banner(parent: QWidget) -> QLabel:
    label = QLabel(parent, wordWrap=True, styleSheet=BANNER_STYLE, visible=False)
    return label


# ---- editable rows ------------------------------------------------------------------------

class RowEditor(QTableWidget):
    """A small editable table whose rows are added, removed and reordered with buttons; the
    row numbers down the side are the order that prints."""

    def __init__(self, heads: list[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(heads), parent)
        self.setHorizontalHeaderLabels(heads)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(26)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def add_row(self, *values: object) -> int:
        raise NotImplementedError

    def buttons(self) -> QHBoxLayout:
        """添加 / 删除 / 上移 / 下移 under the table."""
        row = QHBoxLayout()
        for text, slot in ((self.tr("添加"), self.add_blank), (self.tr("删除"), self.remove_current),
                           (self.tr("上移"), lambda: self.move_current(-1)),
                           (self.tr("下移"), lambda: self.move_current(1))):
            row.addWidget(button(text, self.parentWidget() or self, slot))
        row.addStretch(1)
        return row

    def add_blank(self) -> None:
        row = self.add_row()
        self.setCurrentCell(row, 0)
        self.editItem(self.item(row, 0))

    def remove_current(self) -> None:
        if self.currentRow() >= 0:
            self.removeRow(self.currentRow())

    def move_current(self, delta: int) -> None:
        row, col = self.currentRow(), max(0, self.currentColumn())
        if row < 0 or not 0 <= row + delta < self.rowCount():
            return
        taken = [self.takeItem(row, c) for c in range(self.columnCount())]
        self.removeRow(row)
        self.insertRow(row + delta)
        for c, item in enumerate(taken):
            self.setItem(row + delta, c, item)
        self.setCurrentCell(row + delta, col)

    def text(self, row: int, col: int) -> str:
        """The cell's text; an editor still open is committed first."""
        editor = QApplication.focusWidget()
        if (self.state() == QAbstractItemView.State.EditingState and editor is not None
                and self.isAncestorOf(editor)):
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        item = self.item(row, col)
        return item.text() if item is not None else ""


class ListEditor(RowEditor):
    """One text a row: the steps of a service item, the windows of the organisation."""

    def __init__(self, head: str, parent: QWidget | None = None) -> None:
        super().__init__([head], parent)

    def set_values(self, values: Sequence[str]) -> None:
        self.setRowCount(0)
        for value in values:
            self.add_row(value)

    def add_row(self, *values: object) -> int:
        row = self.rowCount()
        self.insertRow(row)
        self.setItem(row, 0, QTableWidgetItem(str(values[0]) if values else ""))
        return row

    def values(self) -> tuple[str, ...]:
        return tuple(t for t in (self.text(r, 0).strip() for r in range(self.rowCount())) if t)


# ---- the page ------------------------------------------------------------------------------

class AdminPage(QWidget):
    """Tabs: 人员与部门, 事项清单维护, 工作日历 (marked ⚠ while a year lacks its schedule), 机构设置,
    数据保留."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from gui.admin.calendar import CalendarTab
        from gui.admin.catalogue import CatalogueEditor
        from gui.admin.organisation import OrgSettingsTab
        from gui.admin.retention import RetentionTab
        from gui.admin.staff import StaffTab

        self.session = session
        self._generation = -1
        self.reminder = ""
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.staff_tab = StaffTab(session, self)
        self.catalogue_tab = CatalogueEditor(session, self)
        self.calendar_tab = CalendarTab(session, self)
        self.org_tab = OrgSettingsTab(session, self)
        self.retention_tab = RetentionTab(session, self)
        for widget, title, action in (
                (self.staff_tab, self.tr("人员与部门"), "manage_staff"),
                (self.catalogue_tab, self.tr("事项清单维护"), "manage_catalogue"),
                (self.calendar_tab, self.tr("工作日历"), "manage_calendar"),
                (self.org_tab, self.tr("机构设置"), "manage_settings"),
                (self.retention_tab, self.tr("数据保留"), "manage_settings")):
            index = self.tabs.addTab(widget, title)
            self.tabs.setTabEnabled(index, session.can(action))
        self.calendar_tab.calendar_changed.connect(self.refresh_reminder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        self.refresh_reminder()

    def refresh_reminder(self) -> None:
        """The calendar tab says ⚠ while a year in use lacks the official holiday schedule."""
        try:
            self.reminder = reminder_text(calendar_reminder())
        except (DomainError, StorageError) as exc:
            log.warning("calendar reminder unavailable: %s", exc)
            self.reminder = ""
        index = self.tabs.indexOf(self.calendar_tab)
        self.tabs.setTabText(index, self.tr("工作日历") + (" ⚠" if self.reminder else ""))
        self.tabs.setTabToolTip(index, self.reminder)
        self._generation = self.session.register.generation()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.session.register.generation() != self._generation:
            self.refresh_reminder()
            self.calendar_tab.reload()


def register_pages(window: Any) -> None:
    """Add 系统管理 (Ctrl+8) for those who may change settings; nothing for anyone else."""
    session: Session = window.session
    if not session.can("manage_settings"):
        return
    page = AdminPage(session, window)
    window.add_page("admin", translate("AdminPage", "系统管理"), page, "Ctrl+8")
    window.admin_page = page
    if page.reminder:  # the administrator is told at sign-in, too
        window.statusBar().showMessage("⚠ " + page.reminder, 60_000)
