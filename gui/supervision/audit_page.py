"""审计记录: every case event (paged from SQL) and the hash-chained system log — read-only."""

from __future__ import annotations

import logging
import sqlite3
from collections import OrderedDict
from dataclasses import replace
from typing import Any

import peewee as pw
import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import audit
from core.admin.staff import list_staff
from core.errors import DomainError, english
from core.infra.storage import StorageError
from core.supervision.audit_view import (
    AuditFilter,
    AuditRow,
    audit_events,
    count_events,
    event_types,
)
from core.vocab import EVENT_TYPES, STATUSES
from gui.desk.action_widgets import StaffCombo
from gui.desk.detail_widgets import flow_bar
from gui.errors import show_error
from gui.ops import run_in_background
from gui.session import Session
from gui.supervision.widgets import add_page_if_allowed, date_range, table_view
from gui.widgets.tables import Index, ReadOnlyModel

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

PAGE_SIZE = 200
MAX_PAGES = 16
DB_ERRORS = (StorageError, pw.PeeweeException, sqlite3.Error)
ACTIONS = ("sign_in sign_in_failed sign_in_refused account_locked export.register identity.revealed "
           "printed violation.confirmed violation.dismissed violation.recorded "
           "commendation.recorded settings.changed staff.created staff.activated staff.deactivated "
           "staff.deleted catalogue.saved catalogue.imported calendar.changed calendar.imported "
           "calendar.confirmed calendar.due_recalculated department.created department.changed "
           "staff.changed staff.imported retention.anonymised").split()


class CaseEventModel(ReadOnlyModel):
    """Case events in pages of 200 (an LRU of 16); the first page at once, the total counted
    on the worker (counting millions of events takes a second); past the middle a page is
    read from the other end, so OFFSET stays small (as in gui/desk/case_model.py)."""

    counted = Signal(int)

    def __init__(self, lang: str = "zh", parent: Any = None, *, background: bool = True,
                 viewer_id: int | None = None) -> None:
        super().__init__(parent)
        self.lang, self.background = lang, background
        self.viewer_id = viewer_id  # core checks the view_audit permission on every page
        self.filter = AuditFilter()
        self._pages: OrderedDict[int, tuple[AuditRow, ...]] = OrderedDict()
        self._rows = 0
        self._total: int | None = None
        self._more = False
        self._generation = 0

    def head(self) -> tuple[str, ...]:
        return (self.tr("时间"), self.tr("事项编号"), self.tr("环节"), self.tr("办理人"),
                self.tr("从"), self.tr("至"), self.tr("之后状态"), self.tr("说明"))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def set_filter(self, f: AuditFilter) -> None:
        self.beginResetModel()
        self._generation += 1
        self.filter, self._total = f, None
        self._pages.clear()
        first = self._page(0)
        self._rows = len(first or ())
        self.endResetModel()
        generation = self._generation
        if self.background:
            run_in_background(lambda: count_events(f), lambda n: self._counted(generation, n),
                              self.report)
        else:
            self._counted(generation, count_events(f))

    def total(self) -> int | None:
        return self._total

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        self._total, self._more = total, False
        if total > self._rows:  # history is append-only: never fewer than the rows read
            self.beginInsertRows(QModelIndex(), self._rows, total - 1)
            self._rows = total
            self.endInsertRows()
        self.counted.emit(total)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._total is None and self._more

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        rows = self._page(self._rows // PAGE_SIZE) or ()
        if rows:
            self.beginInsertRows(QModelIndex(), self._rows, self._rows + len(rows) - 1)
            self._rows += len(rows)
            self.endInsertRows()

    def _page(self, number: int) -> tuple[AuditRow, ...] | None:
        if number in self._pages:
            self._pages.move_to_end(number)
            return self._pages[number]
        start, total = number * PAGE_SIZE, self._total
        try:
            if total is not None and start > total // 2:
                end = min(start + PAGE_SIZE, total)
                back = replace(self.filter, newest_first=not self.filter.newest_first)
                rows = audit_events(back, total - end, end - start, actor_id=self.viewer_id,
                                    with_total=False).rows[::-1]
            else:
                page = audit_events(self.filter, start, PAGE_SIZE, actor_id=self.viewer_id,
                                    with_total=False)
                rows, self._more = page.rows, page.has_more if total is None else False
        except (*DB_ERRORS, DomainError) as exc:  # DomainError: dates the wrong way round
            self.report(exc)
            return None
        self._pages[number] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return rows

    def row(self, r: int) -> AuditRow | None:
        page = self._page(r // PAGE_SIZE) if 0 <= r < self._rows else None
        return page[r % PAGE_SIZE] if page and r % PAGE_SIZE < len(page) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        e = self.row(index.row()) if index.isValid() else None
        if e is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return e.case_id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        status = STATUSES[e.status_after].text(self.lang) if e.status_after in STATUSES else ""
        label = EVENT_TYPES[e.type].text(self.lang) if e.type in EVENT_TYPES else e.label
        texts = (f"{e.at:%Y-%m-%d %H:%M:%S}", e.case_number, label, e.actor, e.from_name,
                 e.to_name, status, e.note)
        text = texts[index.column()]
        return text if role == Qt.ItemDataRole.DisplayRole else (text or None)


class SystemLogModel(ReadOnlyModel):
    """core.audit rows, newest first, 200 at a time as the view scrolls; flagged ids in red."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.query: dict[str, Any] = {}
        self.rows: list[audit.AuditRow] = []
        self.flagged: frozenset[int] = frozenset()
        self._more = False

    def head(self) -> tuple[str, ...]:
        return (self.tr("序号"), self.tr("时间"), self.tr("操作人"), self.tr("操作"),
                self.tr("对象"), self.tr("详情"))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def set_query(self, **query: Any) -> None:
        self.beginResetModel()
        self.query, self.rows, self._more = query, [], True
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        try:
            more = audit.rows(offset=len(self.rows), limit=PAGE_SIZE, **self.query)
        except DB_ERRORS as exc:
            more = []
            self.report(exc)
        self._more = len(more) == PAGE_SIZE
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def set_flagged(self, ids: frozenset[int]) -> None:
        self.layoutAboutToBeChanged.emit()
        self.flagged = ids
        self.layoutChanged.emit()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and r.id in self.flagged:
            return QBrush(QColor("#c62828"))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = (str(r.id), f"{r.at:%Y-%m-%d %H:%M:%S}", r.actor, r.action, r.target,
                r.detail)[index.column()]
        return text if role == Qt.ItemDataRole.DisplayRole else (text or None)


def filter_row(parent: QWidget, widgets: tuple[QWidget | tuple[QWidget, ...], ...],
               changed: Any) -> QWidget:
    """The filter widgets in a row that wraps on a narrow window (a tuple stays together);
    any change to one of them calls `changed()`."""
    row = flow_bar(parent, list(widgets))
    flat = [w for item in widgets for w in (item if isinstance(item, tuple) else (item,))]
    for w in flat:
        if isinstance(w, QComboBox):
            w.currentIndexChanged.connect(lambda _i: changed())
        elif isinstance(w, QCheckBox):
            w.toggled.connect(lambda _on: changed())
        elif isinstance(w, QDateEdit):
            w.dateChanged.connect(lambda _d: changed())
    return row


def combo(parent: QWidget, items: list[tuple[str, Any]]) -> QComboBox:
    """A drop-down of (text, data) entries."""
    box = QComboBox(parent)
    for text, data in items:
        box.addItem(text, data)
    return box


class AuditPage(QWidget):
    """Two read-only tabs: 事项记录 (case events) and 系统审计 (the chained log, 校验)."""

    case_activated = Signal(int)
    verified = Signal(object)  # core.audit.VerifyReport

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.staff = list_staff(active_only=False)
        self.events = CaseEventModel(session.lang, self, viewer_id=session.staff.id)
        self.log_model = SystemLogModel(self)
        for model in (self.events, self.log_model):
            model.failed.connect(lambda exc: show_error(self, exc, self.session.lang))
        self.events.counted.connect(lambda n: self.count_label.setText(
            self.tr("共 {n} 条").format(n=f"{n:,}")))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._events_tab(), self.tr("事项记录"))
        self.tabs.addTab(self._log_tab(), self.tr("系统审计"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        note = QLabel(self.tr("审计记录只能查看，任何角色都不能修改或删除。"), self)
        note.setStyleSheet("color: #5f6b7a; padding-right: 6px;")
        self.tabs.setCornerWidget(note)
        layout.addWidget(self.tabs, 1)
        self._loaded = False

    def _staff_box(self) -> StaffCombo:
        box = StaffCombo(self, none_text=self.tr("全部人员"))
        box.load(self.staff)
        box.set_department(None)
        return box

    def _view(self, model: ReadOnlyModel, widths: tuple[int, ...]) -> QTableView:
        view = table_view(self)
        view.setModel(model)
        for col, width in enumerate(widths):
            view.setColumnWidth(col, width)
        view.horizontalHeader().setSectionResizeMode(len(widths), QHeaderView.ResizeMode.Stretch)
        return view

    def _events_tab(self) -> QWidget:
        tab = QWidget(self)
        self.event_staff = self._staff_box()
        self.involving = QCheckBox(self.tr("含转给/转自此人"), tab)
        self.event_dates = date_range(tab)
        self.type_box = combo(tab, [(self.tr("全部环节"), None),
                                    *((EVENT_TYPES[code].text(self.session.lang), code)
                                      for code, _label in event_types())])
        self.number_edit = QLineEdit(tab, placeholderText=self.tr("事项编号或日期前缀"),
                                     clearButtonEnabled=True)
        self.order_box = combo(tab, [(self.tr("最新在前"), True), (self.tr("最早在前"), False)])
        self.count_label = QLabel(tab)
        check, first, last = self.event_dates
        row = filter_row(tab, ((QLabel(self.tr("人员"), tab), self.event_staff), self.involving,
                               (check, first, QLabel("—", tab), last),
                               (QLabel(self.tr("环节"), tab), self.type_box),
                               self.number_edit, self.order_box, self.count_label),
                         self.apply_events)
        wide = english(self.session.lang)  # English step and status names are longer
        self.event_view = self._view(self.events, (150, 116, 140 if wide else 80, 70, 110, 150,
                                                   140 if wide else 80))
        self.event_view.activated.connect(self._open_case)
        self.event_view.setToolTip(self.tr("双击打开事项"))
        self.number_edit.returnPressed.connect(self.apply_events)
        self.number_edit.textChanged.connect(lambda t: t or self.apply_events())
        col = QVBoxLayout(tab)
        col.setContentsMargins(0, 6, 0, 0)
        col.addWidget(row)
        col.addWidget(self.event_view, 1)
        return tab

    def _log_tab(self) -> QWidget:
        tab = QWidget(self)
        self.log_staff = self._staff_box()
        self.action_box = combo(tab, [(self.tr("全部操作"), None), *((a, a) for a in ACTIONS)])
        self.log_dates = date_range(tab)
        self.verify_button = QPushButton(self.tr("校验完整性"), tab)
        self.verify_button.setToolTip(self.tr("逐条核对哈希链，找出被改动或删除的记录"))
        self.verify_button.clicked.connect(self.verify)
        self.verify_label = QLabel(tab)
        self.verify_label.setWordWrap(True)
        check, first, last = self.log_dates
        row = filter_row(tab, ((QLabel(self.tr("操作人"), tab), self.log_staff),
                               (QLabel(self.tr("操作"), tab), self.action_box),
                               (check, first, QLabel("—", tab), last), self.verify_button),
                         self.apply_log)
        self.log_view = self._view(self.log_model, (70, 150, 80, 170, 150))
        col = QVBoxLayout(tab)
        col.setContentsMargins(0, 6, 0, 0)
        col.addWidget(row)
        col.addWidget(self.verify_label)
        col.addWidget(self.log_view, 1)
        return tab

    # ---- filters -------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.apply_events()
            self.apply_log()

    def event_filter(self) -> AuditFilter:
        check, first, last = self.event_dates
        code = self.type_box.currentData()
        return AuditFilter(
            staff_id=self.event_staff.staff_id(), involving=self.involving.isChecked(),
            date_from=first.date().toPython() if check.isChecked() else None,
            date_to=last.date().toPython() if check.isChecked() else None,
            types=(code,) if code else (), case_number=self.number_edit.text().strip(),
            newest_first=bool(self.order_box.currentData()))

    def apply_events(self) -> None:
        self.count_label.setText(self.tr("正在计数…"))
        self.events.set_filter(self.event_filter())

    def apply_log(self) -> None:
        check, first, last = self.log_dates
        on = check.isChecked()
        self.log_model.set_query(
            actor_id=self.log_staff.staff_id(), action=self.action_box.currentData(),
            since=first.date().startOfDay().toPython() if on else None,
            until=last.date().addDays(1).startOfDay().toPython() if on else None)

    def _open_case(self, index: QModelIndex) -> None:
        case_id = self.events.data(index, Qt.ItemDataRole.UserRole)
        if case_id is not None:
            self.case_activated.emit(int(case_id))

    # ---- verification --------------------------------------------------------------------
    def verify(self) -> None:
        """Walk the whole hash chain on the worker; say "intact" or list the rows in red."""
        self.verify_button.setEnabled(False)
        self.verify_label.setStyleSheet("color: #5f6b7a;")
        self.verify_label.setText(self.tr("正在校验…"))
        run_in_background(audit.verify, lambda r: self._verified(r, None),
                          lambda e: self._verified(None, e))

    def _verified(self, report: audit.VerifyReport | None, exc: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        self.verify_button.setEnabled(True)
        if report is None:
            self.verify_label.setText("")
            show_error(self, exc or RuntimeError(), self.session.lang)
            return
        bad = sorted(set(report.altered) | set(report.broken_links))
        self.verify_label.setStyleSheet(f"color: {'#c62828' if bad else '#2e7d32'}; font-weight: bold;")
        self.verify_label.setText(self.tr(
            "共 {n} 条，发现 {k} 条被改动或删除的痕迹，序号：{ids}").format(
                n=f"{report.rows:,}", k=len(bad), ids="、".join(map(str, bad[:50]))) if bad
            else self.tr("共 {n} 条，全部完整").format(n=f"{report.rows:,}"))
        self.log_model.set_flagged(frozenset(bad))
        self.verified.emit(report)


def register_pages(window: Any) -> None:
    """Add 审计记录 (Ctrl+6) when the signed-in role may view the audit log."""
    add_page_if_allowed(window, "audit", "view_audit", AuditPage,
                        translate("AuditPage", "审计记录"), "Ctrl+6")
