"""申请材料 in the catalogue editor: name, form (原件 / 复印件 / 原件及复印件 / 原件（查验）/ 未注明),
copies (未注明 allowed), required / optional / conditional / 未注明, the condition and a note —
the guide's own values, with "not stated" kept as such (core.admin.guide_values)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidgetItem,
    QWidget,
)

from core.admin.catalogue import MaterialSpec
from core.admin.guide_values import FORMS, REQUIREMENTS
from gui.admin.page import RowEditor

NAME, FORM, COPIES, NEED, CONDITION, NOTE = range(6)
NOT_STATED = -1  # the copies spin box's "未注明"
AnyIndex = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of (label, key); the item keeps the key in the user role."""

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: AnyIndex) -> QWidget:
        box = QComboBox(parent)
        for label, key in self.choices:
            box.addItem(label, key)
        return box

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.UserRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.UserRole)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class CopiesDelegate(QStyledItemDelegate):
    """0–99 copies, or 未注明 (the guide gives no count)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: AnyIndex) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(NOT_STATED, 99)
        spin.setSpecialValueText(self.tr("未注明"))
        spin.setFrame(False)
        return spin

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QSpinBox)
        value = index.data(Qt.ItemDataRole.UserRole)
        editor.setValue(NOT_STATED if value is None else int(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QSpinBox)
        value = editor.value()
        model.setData(index, None if value == NOT_STATED else value, Qt.ItemDataRole.UserRole)
        model.setData(index, editor.text(), Qt.ItemDataRole.DisplayRole)


class MaterialEditor(RowEditor):
    """申请材料: name, form, copies, required, condition, note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([self.tr("材料名称"), self.tr("原件/复印件"), self.tr("份数"),
                          self.tr("是否必需"), self.tr("提交条件"), self.tr("备注")], parent)
        self.forms = [(self.form_label(k), k) for k in FORMS]
        self.needs = [(self.need_label(k), k) for k in REQUIREMENTS]
        self.setItemDelegateForColumn(FORM, ChoiceDelegate(self.forms, self))
        self.setItemDelegateForColumn(COPIES, CopiesDelegate(self))
        self.setItemDelegateForColumn(NEED, ChoiceDelegate(self.needs, self))
        for col, width in ((FORM, 104), (COPIES, 62), (NEED, 70), (CONDITION, 150), (NOTE, 150)):
            self.setColumnWidth(col, width)
        self.setMinimumHeight(190)

    def form_label(self, key: str) -> str:
        return {"original": self.tr("原件"), "copy": self.tr("复印件"),
                "original_and_copy": self.tr("原件及复印件"),
                "original_check": self.tr("原件（查验）")}.get(key, self.tr("未注明"))

    def need_label(self, key: str) -> str:
        return {"required": self.tr("必需"), "optional": self.tr("非必需"),
                "conditional": self.tr("有条件")}.get(key, self.tr("未注明"))

    def set_specs(self, specs: tuple[MaterialSpec, ...]) -> None:
        self.setRowCount(0)
        for spec in specs:
            self.add_row(spec)

    def add_row(self, *values: object) -> int:
        spec = values[0] if values and isinstance(values[0], MaterialSpec) else MaterialSpec(
            "", "original", 1)
        row = self.rowCount()
        self.insertRow(row)
        form = QTableWidgetItem(self.form_label(str(spec.form)))
        form.setData(Qt.ItemDataRole.UserRole, spec.form)
        copies = QTableWidgetItem(self.tr("未注明") if spec.copies is None else str(spec.copies))
        copies.setData(Qt.ItemDataRole.UserRole, spec.copies)
        copies.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        need = QTableWidgetItem(self.need_label(str(spec.requirement)))
        need.setData(Qt.ItemDataRole.UserRole, spec.requirement)
        for col, item in enumerate((QTableWidgetItem(spec.name), form, copies, need,
                                    QTableWidgetItem(spec.condition), QTableWidgetItem(spec.note))):
            self.setItem(row, col, item)
        return row

    def specs(self) -> tuple[MaterialSpec, ...]:
        """The rows as core input; rows with neither a name nor a note are left out. A
        condition written down makes the material conditional."""
        out = []
        for row in range(self.rowCount()):
            name, note, condition = (self.text(row, c) for c in (NAME, NOTE, CONDITION))
            if not (name.strip() or note.strip()):
                continue
            need = str(self.item(row, NEED).data(Qt.ItemDataRole.UserRole) or "")
            if condition.strip() and need in ("required", ""):
                need = "conditional"
            out.append(MaterialSpec(name, str(self.item(row, FORM).data(Qt.ItemDataRole.UserRole)
                                              or ""),
                                    self.item(row, COPIES).data(Qt.ItemDataRole.UserRole), need,
                                    note, condition))
        return tuple(out)
