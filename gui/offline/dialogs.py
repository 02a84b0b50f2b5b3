"""What offline registration shows in lists: the replay's result (what was synced, under
which final number, and anything refused with the reason), and the whole journal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.cases.validation import mask_phone
from core.offline import sync
from core.offline.journal import PENDING, REFUSED, SYNCED, Entry, Journal
from gui.widgets.screen_fit import fit_to_screen

REFUSED_BRUSH = QBrush(QColor("#b02a37"))
MOVED_BRUSH = QBrush(QColor("#a15c00"))


def _visitor(entry: Entry) -> str:
    form = entry.form
    if form.anonymous:
        return "（匿名）"
    phone = mask_phone(form.visitor_phone) if form.visitor_phone else ""
    return " ".join(x for x in (form.visitor_name, phone) if x)


class _EntryTable(QTreeWidget):
    """临时编号 | 正式编号 | 登记时间 | 来访人 | 事项 | 结果; a synced row opens its case."""

    def __init__(self, parent: QWidget, open_case: Callable[[int], None] | None) -> None:
        super().__init__(parent)
        self.open_case = open_case
        self.setHeaderLabels([self.tr("临时编号"), self.tr("正式编号"), self.tr("登记时间"),
                              self.tr("来访人"), self.tr("事项"), self.tr("结果")])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        header = self.header()
        header.setStretchLastSection(True)
        for col in (0, 1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(3, 150)
        self.setColumnWidth(4, 180)
        self.itemActivated.connect(self._activated)

    def add(self, entry: Entry, number: str, case_id: int | None, result: str,
            brush: QBrush | None = None) -> QTreeWidgetItem:
        row = QTreeWidgetItem([entry.provisional, number or "—",
                               entry.entered_at.strftime("%m-%d %H:%M"), _visitor(entry),
                               entry.form.subject, result])
        row.setData(0, Qt.ItemDataRole.UserRole, case_id)
        row.setData(1, Qt.ItemDataRole.UserRole, entry.key)
        row.setToolTip(5, result)
        if brush is not None:
            row.setForeground(5, brush)
        self.addTopLevelItem(row)
        return row

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        case_id = item.data(0, Qt.ItemDataRole.UserRole)
        if case_id and self.open_case is not None:
            self.open_case(int(case_id))


class _RowText(QLabel):
    """The chosen row's whole result under the table (a refusal's reason is long)."""

    def __init__(self, table: _EntryTable, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("row_text")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        table.currentItemChanged.connect(self._show)

    def _show(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        self.setText(f"{item.text(0)}：{item.text(5)}" if item is not None else "")


def _select_first_refused(table: _EntryTable) -> None:
    for i in range(table.topLevelItemCount()):
        item = table.topLevelItem(i)
        if item.foreground(5) == REFUSED_BRUSH:
            table.setCurrentItem(item)
            return
    if table.topLevelItemCount():
        table.setCurrentItem(table.topLevelItem(0))


class SyncResultDialog(QDialog):
    """After a replay: every entry it handled, synced or refused (with the reason)."""

    def __init__(self, report: sync.SyncReport, parent: QWidget | None = None, *,
                 open_case: Callable[[int], None] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("离线登记同步结果"))
        fit_to_screen(self, 900, 420)
        synced, refused = report.synced, report.refused
        summary = self.tr("已同步 {n} 件，临时编号已转为正式编号（扫描临时编号也能打开该事项）。").format(
            n=len(synced))
        if refused:
            summary += self.tr("　{m} 件未能同步，原因见下；已保留在离线登记记录中，处理后可重新同步。").format(
                m=len(refused))
        if report.left:
            summary += self.tr("　同步中断，还有 {n} 件待同步。").format(n=report.left)
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.table = _EntryTable(self, open_case)
        for o in report.outcomes:
            if o.state == sync.REFUSED:
                self.table.add(o.entry, "", None, self.tr("未同步：{reason}").format(reason=o.reason),
                               REFUSED_BRUSH)
                continue
            text = self.tr("已同步") if o.state == sync.SYNCED else self.tr("已同步（此前已由其他窗口同步）")
            brush = None
            if o.due_moved and o.due_at is not None:
                text += self.tr("；承诺办结改为 {due}，请告知办事人").format(
                    due=o.due_at.strftime("%Y-%m-%d %H:%M"))
                brush = MOVED_BRUSH
            self.table.add(o.entry, o.number, o.case_id, text, brush)
        self.row_text = _RowText(self.table, self)
        _select_first_refused(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.row_text)
        layout.addWidget(QLabel(self.tr("双击已同步的一行打开该事项。"), self))
        layout.addWidget(buttons)


class JournalDialog(QDialog):
    """Every offline registration of this PC for this register: waiting, synced, refused."""

    def __init__(self, journal: Journal, parent: QWidget | None = None, *,
                 sync_now: Callable[[], None] | None = None,
                 open_case: Callable[[int], None] | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.sync_now = sync_now
        self.setWindowTitle(self.tr("离线登记记录（本机 {station}）").format(
            station=journal.station() or "—"))
        fit_to_screen(self, 900, 460)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = _EntryTable(self, open_case)
        self.retry_button = QPushButton(self.tr("重新同步所选"), self)
        self.retry_button.clicked.connect(self._retry)
        self.sync_button = QPushButton(self.tr("立即同步"), self)
        self.sync_button.clicked.connect(self._sync)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.sync_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.row_text = _RowText(self.table, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.row_text)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._selection)
        self.load()

    def load(self) -> None:
        self.table.clear()
        entries = list(reversed(self.journal.entries()))
        counts = {PENDING: 0, SYNCED: 0, REFUSED: 0}
        for e in entries:
            counts[e.state] = counts.get(e.state, 0) + 1
            if e.state == SYNCED:
                self.table.add(e, e.final_number, e.case_id, self.tr("已同步 {time}").format(
                    time=e.synced_at.strftime("%m-%d %H:%M") if e.synced_at else ""))
            elif e.state == REFUSED:
                self.table.add(e, "", None, self.tr("未同步：{reason}").format(reason=e.reason),
                               REFUSED_BRUSH)
            else:
                self.table.add(e, "", None, self.tr("待同步"))
        self.summary.setText(self.tr("待同步 {p} 件 · 已同步 {s} 件 · 未能同步 {r} 件。本记录保存在本机，"
                                     "不会删除；未能同步的处理后（例如管理员恢复了事项）可重新同步。")
                             .format(p=counts[PENDING], s=counts[SYNCED], r=counts[REFUSED]))
        self.sync_button.setEnabled(bool(counts[PENDING]) and self.sync_now is not None)
        _select_first_refused(self.table)
        self._selection()

    def _selected_refused(self) -> list[str]:
        keys = []
        for item in self.table.selectedItems():
            key = item.data(1, Qt.ItemDataRole.UserRole)
            entry = self.journal.entry(key)
            if entry is not None and entry.state == REFUSED:
                keys.append(key)
        return keys

    def _selection(self) -> None:
        self.retry_button.setEnabled(bool(self._selected_refused()) and self.sync_now is not None)

    def _retry(self) -> None:
        for key in self._selected_refused():
            self.journal.retry(key)
        self._sync()

    def _sync(self) -> None:
        if self.sync_now is not None:
            self.sync_now()
        self.load()
