"""The navigation on the left of the main window: one entry per page with its count and key,
collapsible to a narrow strip (« / », Ctrl+B) so the lists get the width on a 1024-pixel
screen; and the frame each page sits in (docs/keyboard.md, "Small screens")."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

MIN_WIDTH, MAX_WIDTH = 150, 240


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


class PageFrame(QAbstractScrollArea):
    """Holds one page at the window's size; a page that cannot shrink that far (an
    administrator's editor on a 1024-pixel screen) scrolls inside the frame instead of
    widening the window. Unlike QScrollArea's resizable mode it never grows a page to its
    preferred height (that would scroll a page that fits)."""

    def __init__(self, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.setFrameShape(QAbstractScrollArea.Shape.NoFrame)
        page.setParent(self.viewport())
        page.installEventFilter(self)  # its minimum size may change with its contents
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self._place())
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._place())

    def _place(self) -> None:
        view = self.viewport().size()
        need = self.page.minimumSizeHint().expandedTo(self.page.minimumSize())
        width, height = max(view.width(), need.width()), max(view.height(), need.height())
        self.horizontalScrollBar().setRange(0, width - view.width())
        self.horizontalScrollBar().setPageStep(view.width())
        self.verticalScrollBar().setRange(0, height - view.height())
        self.verticalScrollBar().setPageStep(view.height())
        self.page.setGeometry(-self.horizontalScrollBar().value(),
                              -self.verticalScrollBar().value(), width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.page and event.type() == QEvent.Type.LayoutRequest:
            self._place()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self._place()

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 120)

    def sizeHint(self) -> QSize:
        return self.page.sizeHint()
