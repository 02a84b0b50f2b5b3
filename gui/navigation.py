"""The navigation on the left of the main window: one entry per page with its count and key,
collapsible to a narrow strip (« / », Ctrl+B) so the lists get the width on a 1024-pixel
screen (docs/keyboard.md)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

MIN_WIDTH, MAX_WIDTH = 150, 220


class NavPanel(QWidget):
    """Entries by key; `chosen(key)` when the current entry changes."""

    chosen = Signal(str)
    collapsed_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nav_panel")
        self.list = QListWidget(self)
        self.list.setObjectName("nav")
        self.list.setIconSize(QSize(0, 0))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setStyleSheet("QListWidget { font-size: 15px; }"
                                " QListWidget::item { padding: 8px 10px; }")
        self.list.currentItemChanged.connect(self._changed)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("nav_toggle")
        self.toggle.setAutoRaise(True)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.toggle.clicked.connect(lambda: self.set_collapsed(not self.collapsed))
        self.toggle.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.items: dict[str, QListWidgetItem] = {}
        self.titles: dict[str, tuple[str, str]] = {}
        self.collapsed = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.list, 1)
        self._show_toggle()

    # ---- entries -----------------------------------------------------------------------
    def add_entry(self, key: str, title: str, shortcut: str = "", *,
                  counted: bool = False) -> None:
        item = QListWidgetItem(self.list)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.items[key] = item
        self.titles[key] = (title, shortcut)
        item.setData(Qt.ItemDataRole.UserRole + 1, counted)
        self.set_count(key, None)

    def set_count(self, key: str, count: int | None, new: int = 0, new_tip: str = "") -> None:
        """`title (count)`, bold while there is anything; a dot when some of it is new."""
        title, shortcut = self.titles[key]
        counted = bool(self.items[key].data(Qt.ItemDataRole.UserRole + 1))
        text = f"{title} ({count})" if count is not None else title
        if new:
            text += " ●"
        item = self.items[key]
        item.setText(f"{text}    {shortcut}" if shortcut and not counted else text)
        native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        tip = f"{title}  {native}" if shortcut else title
        item.setToolTip(tip + (f"\n{new_tip}" if new_tip else ""))
        font = item.font()
        font.setBold(bool(count))
        item.setFont(font)

    def fit(self) -> None:
        """Wide enough for the longest entry with a four-digit count, in either language
        (a longer one is elided, its tooltip has all of it)."""
        font = self.list.font()
        font.setPixelSize(15)
        font.setBold(True)
        metrics = QFontMetrics(font)
        counted = {k for k, item in self.items.items()
                   if item.data(Qt.ItemDataRole.UserRole + 1)}
        texts = [f"{title} (8888) ●" if key in counted else f"{title}    {key_seq}"
                 for key, (title, key_seq) in self.titles.items()]
        widest = max(map(metrics.horizontalAdvance, texts), default=0)
        self.list.setFixedWidth(min(MAX_WIDTH, max(MIN_WIDTH, widest + 30)))
        self._show_toggle()

    # ---- current -----------------------------------------------------------------------
    def current_key(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def set_current(self, key: str) -> bool:
        """Make `key` current; False if it already was (nothing emitted then)."""
        item = self.items.get(key)
        if item is None or self.list.currentItem() is item:
            return False
        self.list.setCurrentItem(item)
        return True

    def _changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.chosen.emit(str(current.data(Qt.ItemDataRole.UserRole)))

    # ---- collapsing --------------------------------------------------------------------
    def set_collapsed(self, collapsed: bool) -> None:
        if collapsed == self.collapsed:
            return
        self.collapsed = collapsed
        self.list.setVisible(not collapsed)
        self._show_toggle()
        self.collapsed_changed.emit(collapsed)

    def _show_toggle(self) -> None:
        self.toggle.setText("»" if self.collapsed else self.tr("« 收起导航"))
        self.toggle.setToolTip(self.tr("展开导航栏 (Ctrl+B)") if self.collapsed
                               else self.tr("收起导航栏，让列表更宽 (Ctrl+B)"))
        listed = self.list.maximumWidth()
        self.setFixedWidth(28 if self.collapsed else min(listed, MAX_WIDTH))
