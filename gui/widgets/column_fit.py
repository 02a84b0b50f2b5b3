"""Column priorities for a narrow window: the case list hides its least needed columns (来访,
电话, 登记时间 …) rather than scroll sideways or squeeze 事项 to "企业名称变…", and never
makes a column narrower than its header's words (docs/keyboard.md, "Small screens")."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

log = logging.getLogger(__name__)

# Kept longest first; the last ones go first when the window is narrow.
PRIORITY = ("number", "due", "item", "status", "visitor", "handler", "department", "kind",
            "registered", "phone", "visits")
STRETCH_MIN = 150  # the column that takes the rest (事项) keeps at least this much


class ColumnFitter(QObject):
    """Watches the table's width; shows as many columns as fit, in PRIORITY order."""

    def __init__(self, table: QTableView, keys: list[str], stretch: str = "item") -> None:
        super().__init__(table)
        self.table = table
        self.keys = keys
        self.stretch = stretch
        self._fitting = False
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._resized_by_hand)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _resized_by_hand(self, _index: int, _old: int, _new: int) -> None:
        if not self._fitting:
            self.fit()

    def header_width(self, column: int) -> int:
        """The width a header needs to show its words whole, with the sort arrow."""
        header = self.table.horizontalHeader()
        title = str(self.table.model().headerData(column, header.orientation()) or "")
        style = header.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        return header.fontMetrics().horizontalAdvance(title) + 2 * margin + arrow + 6

    def wanted(self, column: int) -> int:
        """A column's width when shown: what it has (or had), never below its header."""
        header = self.table.horizontalHeader()
        if self.keys[column] == self.stretch:
            return max(STRETCH_MIN, self.header_width(column))
        current = header.sectionSize(column) if not header.isSectionHidden(column) else 0
        remembered = self.table.property(f"width_{column}") or 0
        return max(current or int(remembered), self.header_width(column))

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        available = self.table.viewport().width()
        if available <= 0:
            return
        self._fitting = True
        try:
            order = [self.keys.index(k) for k in PRIORITY if k in self.keys]
            order += [i for i in range(len(self.keys)) if i not in order]
            widths = {i: self.wanted(i) for i in order}
            shown: list[int] = []
            used = 0
            for i in order:  # the most needed first, until one does not fit
                if used + widths[i] > available and shown:
                    break
                shown.append(i)
                used += widths[i]
            for i in order:
                hide = i not in shown
                if hide and not header.isSectionHidden(i):
                    self.table.setProperty(f"width_{i}", header.sectionSize(i))
                header.setSectionHidden(i, hide)
                if not hide and self.keys[i] != self.stretch and header.sectionSize(i) < widths[i]:
                    header.resizeSection(i, widths[i])
                if self.keys[i] == self.stretch:
                    header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        finally:
            self._fitting = False

    def hidden_keys(self) -> list[str]:
        header = self.table.horizontalHeader()
        return [k for i, k in enumerate(self.keys) if header.isSectionHidden(i)]
