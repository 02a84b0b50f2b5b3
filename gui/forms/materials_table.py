"""The materials checklist of the intake form: received, name, original or copy, copies, pages."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QSizePolicy,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from core.admin.catalogue import MaterialSpec
from core.dto import MaterialInput
from gui.widgets.field_limits import LimitedLineEdit, limit_for

log = logging.getLogger(__name__)

RECEIVED, NAME, ORIGINAL, COPIES, PAGES = range(5)
AnyIndex = QModelIndex | QPersistentModelIndex


class _OriginalDelegate(QStyledItemDelegate):
    """原件 / 复印件 chosen from a combo box; the item keeps a bool in the user role."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: AnyIndex) -> QWidget:
        box = QComboBox(parent)
        box.addItem(self.tr("原件"), True)
        box.addItem(self.tr("复印件"), False)
        return box

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(0 if index.data(Qt.ItemDataRole.UserRole) else 1)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, bool(editor.currentData()), Qt.ItemDataRole.UserRole)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class _SpinDelegate(QStyledItemDelegate):
    def __init__(self, low: int, high: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.low, self.high = low, high

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: AnyIndex) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(self.low, self.high)
        spin.setFrame(False)
        return spin


class _NameDelegate(QStyledItemDelegate):
    """A material's name: at most core's limit, with the counter, never cut short."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: AnyIndex) -> QWidget:
        edit = LimitedLineEdit(limit_for("material"), parent)
        edit.setFrame(False)
        return edit


class MaterialsTable(QTableWidget):
    """Keyboard: Tab enters and leaves, arrows move, Space ticks, typing edits a cell."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setHorizontalHeaderLabels([self.tr("收到"), self.tr("材料名称"), self.tr("原件/复印件"),
                                        self.tr("份数"), self.tr("页数")])
        self.setTabKeyNavigation(False)  # Tab moves on through the form
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in ((RECEIVED, 46), (ORIGINAL, 84), (COPIES, 56), (PAGES, 56)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(col, width)
        self.setItemDelegateForColumn(NAME, _NameDelegate(self))
        self.setItemDelegateForColumn(ORIGINAL, _OriginalDelegate(self))
        self.setItemDelegateForColumn(COPIES, _SpinDelegate(0, 99, self))
        self.setItemDelegateForColumn(PAGES, _SpinDelegate(0, 9999, self))
        self.setAlternatingRowColors(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.model().rowsInserted.connect(self.updateGeometry)
        self.model().rowsRemoved.connect(self.updateGeometry)

    def _height_for(self, rows: int) -> int:
        return (self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth() + 2
                + rows * self.verticalHeader().defaultSectionSize())

    def sizeHint(self) -> QSize:
        """Tall enough for the item's materials (3 to 8 rows; more scroll)."""
        return QSize(super().sizeHint().width(), self._height_for(min(max(self.rowCount(), 3), 8)))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height_for(3))

    # ---- rows -------------------------------------------------------------------------

    def set_specs(self, specs: Iterable[MaterialSpec]) -> None:
        """Replace the rows with a service item's required materials, none ticked yet."""
        self.setRowCount(0)
        for spec in specs:  # a count the guide does not give starts at 1 for the clerk
            self.add_row(spec.name, spec.original, 1 if spec.copies is None else spec.copies, 1,
                         received=False, optional=not spec.required)

    def add_row(self, name: str = "", original: bool = True, copies: int = 1, pages: int = 1,
                *, received: bool = False, optional: bool = False) -> int:
        row = self.rowCount()
        self.insertRow(row)
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                       | Qt.ItemFlag.ItemIsUserCheckable)
        check.setCheckState(Qt.CheckState.Checked if received else Qt.CheckState.Unchecked)
        check.setToolTip(self.tr("空格键：收到 / 未收到"))
        self.setItem(row, RECEIVED, check)
        name_item = QTableWidgetItem(name)
        if optional:
            name_item.setToolTip(self.tr("非必需材料"))
        self.setItem(row, NAME, name_item)
        kind = QTableWidgetItem(self.tr("原件") if original else self.tr("复印件"))
        kind.setData(Qt.ItemDataRole.UserRole, bool(original))
        self.setItem(row, ORIGINAL, kind)
        for col, value in ((COPIES, copies), (PAGES, pages)):
            item = QTableWidgetItem()
            item.setData(Qt.ItemDataRole.EditRole, int(value))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setItem(row, col, item)
        return row

    def add_blank_row(self) -> None:
        """An extra material the item does not list: the name cell opens for typing."""
        row = self.add_row(received=True)
        self.setFocus()
        self.setCurrentCell(row, NAME)
        self.editItem(self.item(row, NAME))

    def remove_current_row(self) -> None:
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)

    def set_all_received(self, received: bool = True) -> None:
        state = Qt.CheckState.Checked if received else Qt.CheckState.Unchecked
        for row in range(self.rowCount()):
            self.item(row, RECEIVED).setCheckState(state)

    def set_received(self, row: int, received: bool) -> None:
        self.item(row, RECEIVED).setCheckState(
            Qt.CheckState.Checked if received else Qt.CheckState.Unchecked)

    def commit_pending(self) -> None:
        """Keep what is being typed in a cell when the form is saved from inside the table."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = QApplication.focusWidget()
        if editor is not None and self.isAncestorOf(editor):
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    # ---- reading ----------------------------------------------------------------------

    def materials(self) -> tuple[MaterialInput, ...]:
        """The rows as core input; rows left without a name are skipped."""
        out = []
        for row in range(self.rowCount()):
            name = (self.item(row, NAME).text() if self.item(row, NAME) else "").strip()
            if not name:
                continue
            out.append(MaterialInput(
                name=name,
                original=bool(self.item(row, ORIGINAL).data(Qt.ItemDataRole.UserRole)),
                copies=int(self.item(row, COPIES).data(Qt.ItemDataRole.EditRole) or 0),
                pages=int(self.item(row, PAGES).data(Qt.ItemDataRole.EditRole) or 0),
                received=self.item(row, RECEIVED).checkState() == Qt.CheckState.Checked,
            ))
        return tuple(out)

    def received_count(self) -> tuple[int, int]:
        mats = self.materials()
        return sum(m.received for m in mats), len(mats)

    # ---- keyboard ---------------------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.currentRow() < 0 and self.rowCount():
            self.setCurrentCell(0, RECEIVED)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space anywhere in a row ticks that row's material as received."""
        if event.key() == Qt.Key.Key_Space and self.state() != QAbstractItemView.State.EditingState:
            row = self.currentRow()
            if row >= 0:
                item = self.item(row, RECEIVED)
                item.setCheckState(Qt.CheckState.Unchecked
                                   if item.checkState() == Qt.CheckState.Checked
                                   else Qt.CheckState.Checked)
                return
        super().keyPressEvent(event)
