"""Small widgets of the intake form: the message beside a field, the service item field with
completion as you type, and a repeat visitor's earlier cases."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.admin.catalogue import ItemInfo, search_items
from core.cases.intake import preview_due
from core.cases.queries import CaseRow
from core.vocab import STATUSES
from gui.widgets.field_limits import LimitedLineEdit, LimitedTextEdit, refusal_text

if TYPE_CHECKING:
    from core.register import Register


log = logging.getLogger(__name__)

ERROR_STYLE = "color: #c62828;"
OK_STYLE = "color: #2e7d32; font-weight: bold;"
WARN_STYLE = "color: #a15c00;"
HINT_STYLE = "color: #5f6b7a;"
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class FieldMessage(QLabel):
    """A red message under a field; hidden while there is nothing to say, or (`reserve`) an
    always-present line, so that a message appearing never moves the fields below it."""

    def __init__(self, parent: QWidget | None = None, *, reserve: bool = False) -> None:
        super().__init__(parent)
        self.reserve = reserve
        self.setObjectName("field_message")
        self.setStyleSheet(ERROR_STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        if reserve:  # one line, as wide as the field; the whole text is in the tooltip
            self.setWordWrap(False)
            self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            self.setFixedHeight(self.fontMetrics().height() + 2)
        else:
            self.setWordWrap(True)
        self.setVisible(reserve)

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setToolTip(text)
        self.setVisible(self.reserve or bool(text))

    def clear_message(self) -> None:
        self.clear()
        self.setToolTip("")
        self.setVisible(self.reserve)


def show_focus_ring(widget: QWidget) -> None:
    """Focus moved by a shortcut (F2) rather than Tab: tell the window it is keyboard work, so
    the style draws the focus frame from the first key, not only after the first Tab. (Call it
    after setFocus: a focus change can clear the flag.)"""
    widget.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)


_LINE_HEIGHT: list[int] = []


def _line_height() -> int:
    """The height of a single-line input in the current style (measured once)."""
    if not _LINE_HEIGHT:
        probe = QLineEdit()
        _LINE_HEIGHT.append(probe.sizeHint().height())
        probe.deleteLater()
    return _LINE_HEIGHT[0]


def add_field(grid: QGridLayout, row: int, col: int, label: str, widget: QWidget,
              span: int = 1, *, reserve: bool = False) -> FieldMessage:
    """A caption, its input and the red message under the input; returns the message label.
    A field that refuses an overlong text (gui.widgets.field_limits) says so on that line."""
    parent = grid.parentWidget()
    caption = QLabel(label, parent)
    caption.setBuddy(widget)
    # As tall as one input line, text centred: captions line up with single-line inputs.
    caption.setMinimumHeight(widget.sizeHint().height() if isinstance(widget, QLineEdit)
                             else _line_height())
    caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    grid.addWidget(caption, row, col, Qt.AlignmentFlag.AlignTop)
    box = QVBoxLayout()
    box.setSpacing(2)
    box.addWidget(widget)
    message = FieldMessage(parent, reserve=reserve)
    box.addWidget(message)
    grid.addLayout(box, row, col + 1, 1, span)
    limit = getattr(widget, "limit", None)
    if isinstance(widget, LimitedLineEdit | LimitedTextEdit) and limit is not None:
        widget.refused.connect(lambda: message.show_message(refusal_text(limit)))
    return message


class ItemField(QLineEdit):
    """Type part of a service item's name or code; the catalogue completes as you type.

    Enter takes the highlighted entry of the list, or the best (first) match when none is
    highlighted or no list is open, so `SC-T01` + Enter is enough — one Enter, never two.
    """

    item_chosen = Signal(int)
    item_cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item_id: int | None = None
        self.model = QStandardItemModel(self)
        self.completer_ = QCompleter(self.model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.setCompletionRole(NAME_ROLE)  # the field shows the bare name
        self.setCompleter(self.completer_)
        self.setClearButtonEnabled(True)
        self.textEdited.connect(self._edited)
        self.completer_.activated[QModelIndex].connect(self._activated)
        self.returnPressed.connect(self._take_best)
        # Installed after QCompleter's own filter, so it sees Enter first: QCompleter would
        # only close the list when nothing is highlighted.
        self.completer_.popup().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        popup = self.completer_.popup()
        if (watched is popup and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
                and popup.isVisible()):
            index = popup.currentIndex()
            if not index.isValid():
                index = self.completer_.completionModel().index(0, 0)
            if index.isValid():
                self._activated(index)
                return True
        return super().eventFilter(watched, event)

    def item_id(self) -> int | None:
        return self._item_id

    def _edited(self, text: str) -> None:
        if self._item_id is not None:
            self._item_id = None
            self.item_cleared.emit()
        self.refresh(text)

    def refresh(self, text: str) -> None:
        """Fill the completion list from the catalogue (SQL does the matching)."""
        self.model.clear()
        if not text.strip():
            return
        for item_id, code, name in search_items(text, limit=20):
            row = QStandardItem(f"{name}（{code}）")
            row.setData(item_id, Qt.ItemDataRole.UserRole)
            row.setData(name, NAME_ROLE)
            self.model.appendRow(row)

    def _activated(self, index: QModelIndex) -> None:
        item_id = index.data(Qt.ItemDataRole.UserRole)
        if item_id is not None:
            self.choose(int(item_id), str(index.data(NAME_ROLE)))

    def _take_best(self) -> None:
        if self._item_id is not None or not self.text().strip():
            return
        if self.completer_.popup().isVisible():
            return
        found = search_items(self.text(), limit=1)
        if found:
            self.choose(found[0][0], found[0][2])

    def choose(self, item_id: int, name: str) -> None:
        self._item_id = item_id
        self.setText(name)
        self.completer_.popup().hide()
        self.item_chosen.emit(item_id)

    def clear_item(self) -> None:
        self._item_id = None
        self.clear()
        self.model.clear()


class HistoryList(QTreeWidget):
    """A repeat visitor's earlier cases: number, date, subject, status (double-click opens)."""

    case_activated = Signal(int)

    def __init__(self, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setHeaderLabels([self.tr("编号"), self.tr("日期"), self.tr("事项"), self.tr("状态")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # not in the Tab chain of the form
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col in (0, 1, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.itemActivated.connect(self._activated)

    def set_rows(self, rows: list[CaseRow]) -> None:
        self.clear()
        for r in rows:
            status = STATUSES[r.status].text(self.lang) if r.status in STATUSES else r.status
            item = QTreeWidgetItem([r.number, r.registered_at.strftime("%Y-%m-%d"),
                                    r.subject, status])
            item.setData(0, Qt.ItemDataRole.UserRole, r.id)
            item.setToolTip(2, r.subject)
            self.addTopLevelItem(item)

    def case_numbers(self) -> list[str]:
        return [self.topLevelItem(i).text(0) for i in range(self.topLevelItemCount())]

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.case_activated.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))


class DueView(QWidget):
    """承诺办结: the due time the case would get, live from the calendar; a visible warning when
    that year lacks the official holiday schedule."""

    def __init__(self, register: Register, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.register = register
        self.label = QLabel(self)
        self.label.setObjectName("due_label")
        self.label.setStyleSheet("font-weight: bold;")
        self.warning = QLabel(self)
        self.warning.setStyleSheet(WARN_STYLE)
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.label)
        lay.addWidget(self.warning)

    def show_due(self, kind: str | None, item: ItemInfo | None) -> None:
        item_id = item.id if item else None
        due = preview_due(kind, item_id) if kind else None
        if due is None:
            self.label.clear()
            self.warning.setVisible(False)
            return
        settings = self.register.org_settings()
        if kind == "hazard":
            span = self.tr("%n 小时内核实", "", settings.hazard_verify_hours)
        elif kind == "accident":
            span = self.tr("立即上报安全管理部门")
        elif item is not None and item.instant:
            span = self.tr("即办")
        elif item is not None and item.time_limit()[1]:
            from gui.desk.detail_widgets import Span  # detail_widgets imports this module

            days, unit = item.time_limit()
            span = Span().days(days, unit)
        else:
            span = self.tr("%n 个工作日", "", settings.days_for_kind(kind))
        self.label.setText(self.tr("承诺办结：{due}（{span}）").format(
            due=due.strftime("%Y-%m-%d %H:%M"), span=span))
        official = self.register.calendar().has_official_data(due.year)
        self.warning.setVisible(not official)
        if not official:
            self.warning.setText(self.tr("⚠ {year} 年的法定节假日安排尚未录入，到期时间暂按周一至周五计算，请管理员补录工作日历。").format(year=due.year))
