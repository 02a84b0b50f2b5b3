"""Pieces of the supervision screens: a page base, period and date pickers, KPI tiles, table models."""

from __future__ import annotations

import logging
from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.admin.staff import list_departments
from core.supervision.reports import StatTable, fmt_cell
from core.supervision.statistics import Period
from gui.errors import show_error
from gui.ops import run_in_background
from gui.session import Session
from gui.supervision.accountability_dialogs import PdfPreviewDialog, ask_save_path, suggested_path
from gui.widgets.tables import LEFT, Index, ReadOnlyModel

if TYPE_CHECKING:
    from core.register import Register


log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
NUMERIC = frozenset({"int", "decimal", "percent"})
TONES = {"normal": "#1d2733", "bad": "#b02a37", "good": "#2e7d32"}


def menu_button(parent: QWidget, text: str, entries: tuple[tuple[str, Any], ...]) -> QToolButton:
    """A button that drops down a menu of (label, slot) entries."""
    button = QToolButton(parent)
    button.setText(text)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    for label, slot in entries:
        action = QAction(label, menu)
        action.triggered.connect(lambda _c=False, s=slot: s())
        menu.addAction(action)
    button.setMenu(menu)
    return button


def table_view(parent: QWidget) -> QTableView:
    """A read-only, row-selecting table in the house style (see gui/desk/case_list.py)."""
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setCornerButtonEnabled(False)
    rows = view.verticalHeader()
    rows.setVisible(False)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
    return view


def date_range(parent: QWidget) -> tuple[QCheckBox, QDateEdit, QDateEdit]:
    """□日期 [from] — [to]: the dates apply only while the box is ticked."""
    check = QCheckBox(translate("ReportPage", "日期"), parent)
    today = QDate.currentDate()
    edits = (QDateEdit(today.addDays(-30), parent, calendarPopup=True),
             QDateEdit(today, parent, calendarPopup=True))
    for edit in edits:
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        check.toggled.connect(edit.setEnabled)
    edits[0].dateChanged.connect(edits[1].setMinimumDate)  # never a range that ends first
    return check, edits[0], edits[1]


def preset_period(key: str, today: date) -> tuple[date, date]:
    """The first and last day of this month ("this"), last month, this quarter, this year or
    last year, around `today`."""
    if key == "year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if key == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if key == "quarter":
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        end_month = first.month + 2
        return first, date(first.year, end_month, monthrange(first.year, end_month)[1])
    first = today.replace(day=1)
    if key == "last":
        first = (first - timedelta(days=1)).replace(day=1)
    return first, first.replace(day=monthrange(first.year, first.month)[1])


def add_page_if_allowed(window: Any, key: str, permission: str,
                        page_type: Callable[[Session, QWidget], QWidget], title: str,
                        shortcut: str) -> None:
    """Add a supervision page to the main window when the signed-in role has `permission`;
    a case the page points at opens in the window's detail pane."""
    if not window.session.can(permission):
        return
    page = page_type(window.session, window)
    page.case_activated.connect(window.show_case)  # type: ignore[attr-defined]
    window.add_page(key, title, page, shortcut)


class PeriodPicker(QWidget):
    """本月 / 上月 / 本季度 / 本年 / 上年 / 自定义 with two dates; `changed` fires when the
    period really changes."""

    changed = Signal()

    def __init__(self, register: Register, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.register = register  # its clock says which month "this month" is
        self.mode = QComboBox(self)
        self.mode.addItem(self.tr("本月"), "this")
        self.mode.addItem(self.tr("上月"), "last")
        self.mode.addItem(self.tr("本季度"), "quarter")
        self.mode.addItem(self.tr("本年"), "year")
        self.mode.addItem(self.tr("上年"), "last_year")
        self.mode.addItem(self.tr("自定义"), "custom")
        self.date_from = QDateEdit(self, calendarPopup=True)
        self.date_to = QDateEdit(self, calendarPopup=True)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("yyyy-MM-dd")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("统计期间"), self))
        row.addWidget(self.mode)
        row.addWidget(self.date_from)
        row.addWidget(QLabel("—", self))
        row.addWidget(self.date_to)
        self._last: Period | None = None
        self._apply_mode()
        self.mode.currentIndexChanged.connect(lambda _i: self._apply_mode())
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)

    def _apply_mode(self) -> None:
        key = self.mode.currentData()
        custom = key == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        if not custom:
            self.set_dates(*preset_period(key, self.register.now().date()))
        self._dates_changed()

    def set_dates(self, first: date, last: date) -> None:
        for edit, value in ((self.date_from, first), (self.date_to, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)

    def _dates_changed(self, _value: QDate | None = None) -> None:
        if self.date_to.date() < self.date_from.date():  # never an empty range
            self.set_dates(self.date_from.date().toPython(), self.date_from.date().toPython())
        period = self.period()
        if period != self._last:
            self._last = period
            self.changed.emit()

    def period(self) -> Period:
        return Period(self.date_from.date().toPython(), self.date_to.date().toPython())


class ReportPage(QWidget):
    """What 监督统计 and 责任追究 share: the period, the department (a head sees only their
    own; core enforces it, the page shows it), a busy bar and status line, work on the worker
    thread, and files saved or previewed. Subclasses build the rest and implement `load()`."""

    exported = Signal(str)  # path of a written .xlsx or .pdf

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._loaded, self._running = False, 0
        self.preview: QWidget | None = None
        self.busy_buttons: list[QWidget] = []
        self.period_picker = PeriodPicker(session.register, self)
        self.department_box = QComboBox(self)
        self.department_box.addItem(self.tr("全部部门"), None)
        for dep in list_departments():
            self.department_box.addItem(dep.name, dep.id)
        if session.staff.role == "dept_head":
            self.department_box.setCurrentIndex(
                max(0, self.department_box.findData(session.staff.department_id)))
            self.department_box.setEnabled(False)
            self.department_box.setToolTip(self.tr("部门负责人只能查看本部门"))
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate: a big register takes a moment
        self.busy.setFixedWidth(90)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self.state_label = QLabel(self)
        self.state_label.setStyleSheet("color: #5f6b7a;")
        self.state_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def load(self) -> None:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:  # the first look loads; later looks keep what is shown
            self._loaded = True
            self.load()

    def department_id(self) -> int | None:
        value = self.department_box.currentData()
        return int(value) if value is not None else None

    def run_job(self, message: str, job: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """`job` on the worker with the busy bar showing; `done(result)` or show_error after."""
        self._running += 1
        self.busy.setVisible(True)
        self.state_label.setText(message)
        for w in self.busy_buttons:
            w.setEnabled(False)

        def finish(result: Any, exc: BaseException | None) -> None:
            if not shiboken6.isValid(self):
                return
            self._running -= 1  # jobs run one after another; the bar stays while any is left
            self.busy.setVisible(self._running > 0)
            for w in self.busy_buttons:
                w.setEnabled(self._running == 0)
            if exc is not None:
                self.state_label.setText(self.tr("未完成"))
                show_error(self, exc, self.session.lang)
            else:
                done(result)

        run_in_background(job, lambda r: finish(r, None), lambda e: finish(None, e))

    def save_file(self, title: str, name: str, suffix: str, write: Callable[[Path], Any]) -> None:
        """Ask where (the hook tests replace), then write on the worker and say where it went."""
        target = ask_save_path(self, title, name, suffix)
        if target is not None:
            self.run_job(self.tr("正在保存…"), lambda: write(target),
                         lambda _r: self._saved(str(target)))

    def _saved(self, path: str) -> None:
        self.state_label.setText(self.tr("已保存：{path}").format(path=path))
        self.exported.emit(path)

    def preview_pdf(self, title: str, name: str, render: Callable[[], bytes]) -> None:
        """Render on the worker, then show the PDF in a preview with 打印 and 另存为."""
        self.run_job(self.tr("正在生成{title}…").format(title=title), render,
                     lambda pdf: self._show_pdf(pdf, title, name))

    def _show_pdf(self, pdf: bytes, title: str, name: str) -> None:
        self.state_label.setText(self.tr("{title}已生成").format(title=title))
        self.preview = PdfPreviewDialog.open_pdf(self, pdf, title, suggested_path(name))


class KpiTile(QFrame):
    """One figure: a caption, the value in large type and a line of detail; click to follow."""

    clicked = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiTile")
        self.setStyleSheet("QFrame#kpiTile { background: #ffffff; border: 1px solid #d5dbe3;"
                           " border-radius: 6px; }")
        self.caption = QLabel(caption, self)
        self.caption.setStyleSheet("color: #5f6b7a; font-size: 12px;")
        self.value = QLabel("—", self)
        self.detail = QLabel("", self)
        self.detail.setStyleSheet("color: #5f6b7a; font-size: 11px;")
        for label in (self.caption, self.value, self.detail):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        for label in (self.caption, self.detail):  # narrow screens clip these; the tip has all
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        col = QVBoxLayout(self)
        col.setContentsMargins(12, 8, 12, 8)
        col.setSpacing(2)
        col.addWidget(self.caption)
        col.addWidget(self.value)
        col.addWidget(self.detail)
        self.set_value("—")

    def set_value(self, value: str, detail: str = "", tone: str = "normal") -> None:
        self.value.setText(value)
        self.value.setStyleSheet(f"color: {TONES.get(tone, TONES['normal'])};"
                                 " font-size: 22px; font-weight: bold;")
        self.detail.setText(detail)
        tip = self.tr("{caption}：{value}").format(caption=self.caption.text(), value=value)
        self.setToolTip(tip + (self.tr("（{detail}）").format(detail=detail) if detail else ""))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class StatTableModel(ReadOnlyModel):
    """A StatTable from core.supervision.reports: the same cells the .xlsx and the PDF get; sorted in
    Python (a few hundred rows at most), a total row always last; UserRole gives the row's id
    (a case, a violation) if known; `tones` colours the first cell by its text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table: StatTable | None = None
        self._rows: list[tuple[tuple[Any, ...], int | None]] = []
        self._total: tuple[tuple[Any, ...], int | None] | None = None
        self.tones: dict[str, tuple[str, str]] = {}

    def set_table(self, table: StatTable, ids: tuple[int, ...] = (),
                  tones: dict[str, tuple[str, str]] | None = None) -> None:
        self.beginResetModel()
        self.table = table
        self.tones = tones or {}
        rows = [(row, ids[i] if i < len(ids) else None) for i, row in enumerate(table.rows)]
        self._total = rows.pop() if table.total_row and rows else None
        self._rows = rows
        self.endResetModel()

    def _row(self, r: int) -> tuple[tuple[Any, ...], int | None]:
        if r < len(self._rows):
            return self._rows[r]
        assert self._total is not None
        return self._total

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows) + (1 if self._total else 0)

    def head(self) -> tuple[str, ...]:
        return self.table.head if self.table is not None else ()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or not index.isValid():
            return None
        row, case_id = self._row(index.row())
        fmt = self.table.formats[index.column()]
        value = row[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return fmt_cell(value, fmt, self.table.lang)
        if role == Qt.ItemDataRole.UserRole:
            return case_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if fmt in NUMERIC else LEFT
        if role == Qt.ItemDataRole.ToolTipRole and value is not None and value != "":
            return fmt_cell(value, fmt, self.table.lang)  # whole, where the cell is cut
        tone = self.tones.get(str(value)) if index.column() == 0 else None
        if tone and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            return QBrush(QColor(tone[0] if role == Qt.ItemDataRole.ForegroundRole else tone[1]))
        if role == Qt.ItemDataRole.FontRole and self._total is not None \
                and index.row() == len(self._rows):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.table is None or not 0 <= column < len(self.table.head):
            return
        numeric = self.table.formats[column] not in ("text", "wide")

        def key(item: tuple[tuple[Any, ...], int | None]) -> tuple[bool, Any]:
            value = item[0][column]
            if value is None:
                return (True, 0 if numeric else "")
            return (False, value if numeric else str(value))

        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def id_at(self, row: int) -> int | None:
        return self._row(row)[1] if 0 <= row < self.rowCount() else None

    def row_of(self, row_id: int) -> int | None:
        return next((i for i, (_r, rid) in enumerate(self._rows) if rid == row_id), None)
