"""Shared pieces of the intake scope, the phone log and the action dialogs: department and staff
pickers, and the base of every action dialog."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from core.admin.staff import DepartmentInfo, StaffInfo, list_departments, list_staff
from gui.forms.intake_widgets import FieldMessage
from gui.session import Session
from gui.widgets.field_limits import LimitedTextEdit, limit_for, refusal_text

log = logging.getLogger(__name__)


class IdCombo(QComboBox):
    """A combo box whose entries carry ids; a leading prompt carries None."""

    def __init__(self, parent: QWidget | None, min_chars: int) -> None:
        super().__init__(parent)
        self.setMinimumContentsLength(min_chars)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def current_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def select_id(self, item_id: int | None) -> bool:
        """Select the entry of `item_id`, else the first; False when it is not listed."""
        index = self.findData(item_id) if item_id is not None else -1
        self.setCurrentIndex(index if index >= 0 else 0 if self.count() else -1)
        return index >= 0

    def refill(self, prompt: str | None, entries: Iterable[tuple[str, int]]) -> None:
        """New entries (label, id) after `prompt`; the chosen id stays chosen while listed,
        and no signal is sent for the entries coming and going."""
        keep = self.current_id()
        self.blockSignals(True)
        self.clear()
        if prompt is not None:
            self.addItem(prompt, None)
        for label, item_id in entries:
            self.addItem(label, item_id)
        self.blockSignals(False)
        self.select_id(keep)


class StaffCombo(IdCombo):
    """Staff of one department; the first entry may mean "nobody in particular"."""

    def __init__(self, parent: QWidget | None = None, *, none_text: str | None = None) -> None:
        super().__init__(parent, 8)
        self._none_text = none_text
        self._all: list[StaffInfo] = []

    def load(self, staff: list[StaffInfo] | None = None) -> None:
        """Remember the active staff (all departments); `set_department` filters them."""
        self._all = list_staff() if staff is None else staff

    def set_department(self, department_id: int | None, exclude: int | None = None) -> None:
        self.refill(self._none_text, (
            (self.tr("{name}（{window}）").format(name=s.name, window=s.window_no)
             if s.window_no else s.name, s.id)
            for s in self._all
            if (department_id is None or s.department_id == department_id)
            and s.id != exclude and s.role != "auditor"))

    staff_id = IdCombo.current_id
    select_staff = IdCombo.select_id


class DepartmentCombo(IdCombo):
    """Active departments, with a leading "please choose" entry."""

    def __init__(self, parent: QWidget | None = None, *, prompt: str = "") -> None:
        super().__init__(parent, 10)
        self._prompt = prompt

    def load(self, departments: list[DepartmentInfo] | None = None,
             exclude: int | None = None) -> None:
        self.refill(self._prompt or None, (
            (d.name, d.id) for d in (list_departments() if departments is None else departments)
            if d.id != exclude))

    department_id = IdCombo.current_id
    select_department = IdCombo.select_id


class DepartmentStaffPicker(QWidget):
    """A department, then optionally one of its staff (blank: the department accepts)."""

    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 staff_label: str | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.department_box = DepartmentCombo(self, prompt=self.tr("请选择部门"))
        self.staff_box = StaffCombo(self, none_text=self.tr("（不指定，由部门签收）"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(self.tr("部门"), self))
        lay.addWidget(self.department_box, 2)
        lay.addSpacing(8)
        lay.addWidget(QLabel(staff_label or self.tr("承办人"), self))
        lay.addWidget(self.staff_box, 2)
        self.setFocusProxy(self.department_box)
        self.department_box.currentIndexChanged.connect(self._department_changed)
        self.staff_box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.reload()

    def reload(self) -> None:
        self.department_box.load()
        self.staff_box.load()
        self._department_changed()

    def _department_changed(self, _index: int = -1) -> None:
        self.staff_box.set_department(self.department_box.department_id() or -1,
                                      exclude=self.session.staff.id)
        self.staff_box.setEnabled(self.department_box.department_id() is not None)
        self.changed.emit()

    def department_id(self) -> int | None:
        return self.department_box.department_id()

    def staff_id(self) -> int | None:
        return self.staff_box.staff_id() if self.department_id() is not None else None

    def select(self, department_id: int | None, staff_id: int | None = None) -> None:
        self.department_box.select_department(department_id)
        self.staff_box.select_staff(staff_id)

    def reset(self) -> None:
        self.select(None)


class ActionDialog(QDialog):
    """A form, a red message line and OK / Cancel; `problem()` blocks OK with a message."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.title())
        self.setMinimumWidth(420)
        self.form = QFormLayout(self)
        self.message = FieldMessage(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)

    def title(self) -> str:
        return ""

    def finish_layout(self) -> None:
        self.form.addRow(self.message)
        self.form.addRow(self.buttons)

    def problem(self) -> str:
        return ""

    def _try_accept(self) -> None:
        text = self.problem()
        if text:
            self.message.show_message(text)
            return
        self.accept()

    def _note_edit(self, placeholder: str = "", field: str = "note") -> LimitedTextEdit:
        """A note of at most core's limit for `field` (note, reason, result), with a counter;
        an overlong paste is refused and said on the dialog's message line."""
        edit = LimitedTextEdit(limit_for(field), self)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(72)
        edit.setPlaceholderText(placeholder)
        edit.refused.connect(lambda: self.message.show_message(refusal_text(edit.limit)))
        return edit
