"""The read-only table models every screen uses: `ReadOnlyModel`, the base (a header, cells
nobody edits, a database error reported after the paint), and `RowsModel`, plain rows from core
shown through a declarative list of columns (`Col`)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class ReadOnlyModel(QAbstractTableModel):
    """A table nobody edits: no flag ever says editable, and setData is Qt's (it refuses).
    Subclasses give `head()`, `rowCount()` and `data()`."""

    failed = Signal(object)  # a database error while reading (reported once, after the paint)

    def head(self) -> tuple[str, ...]:
        return ()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.head())

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        head = self.head()
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(head)):
            return head[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def report(self, exc: BaseException) -> None:
        log.warning("%s: query failed: %s", type(self).__name__, exc)
        QTimer.singleShot(0, lambda: self.failed.emit(exc))


@dataclass(frozen=True)
class Col:
    """One column: header, the cell text of a row, alignment, and an optional look
    (foreground colour or None, bold) that never carries meaning the text does not."""

    title: str
    text: Callable[[Any], str]
    align: Qt.AlignmentFlag = LEFT
    look: Callable[[Any], tuple[QColor | None, bool]] | None = None


class RowsModel(ReadOnlyModel):
    """Read-only rows (frozen dataclasses from core) shown through a declarative column list."""

    def __init__(self, columns: Sequence[Col], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def head(self) -> tuple[str, ...]:
        return tuple(col.title for col in self.columns)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, col = self.rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return col.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align.value)
        if col.look is not None and role in (Qt.ItemDataRole.ForegroundRole,
                                             Qt.ItemDataRole.FontRole):
            colour, bold = col.look(row)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(colour) if colour is not None else None
            if bold:
                font = QFont()
                font.setBold(True)
                return font
        return None
