"""Pieces of the supervision screens: period picker, KPI tiles, a model over a StatTable, charts."""

from __future__ import annotations

import logging
from calendar import monthrange
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core import register
from core.reports import StatTable, fmt_cell
from core.statistics import Period, PeriodStats

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
NUMERIC = frozenset({"int", "decimal", "percent"})
TONES = {"normal": "#1d2733", "bad": "#b02a37", "good": "#2e7d32", "muted": "#5f6b7a"}
OUTCOME_COLOURS = ("#2e7d32", "#c62828", "#1f6fb2", "#9aa5b1")  # on time, late, open, other
EVALUATION_COLOURS = {"5": "#2e7d32", "4": "#7cb342", "3": "#c0ca33", "2": "#fb8c00",
                      "1": "#c62828"}
MAX_BARS = 12


def _tr(text: str) -> str:
    return QCoreApplication.translate("SupervisionWidgets", text)


class FileDialogs:
    """The system save dialog behind one hook (STYLE habit 8): tests replace `save_path`."""

    @classmethod
    def save_path(cls, parent: QWidget | None, title: str, suggested: str, pattern: str) -> str:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
        return path


def suggested_path(name: str) -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return str(Path(folder or Path.home()) / name.replace(" ", ""))


def ask_save_path(parent: QWidget, title: str, name: str, suffix: str) -> Path | None:
    """Where to save an .xlsx or .pdf (the suffix is added when the user left it off)."""
    pattern = _tr("Excel 工作簿 (*.xlsx)") if suffix == ".xlsx" else _tr("PDF 文件 (*.pdf)")
    path = FileDialogs.save_path(parent, title, suggested_path(name), pattern)
    if not path:
        return None
    target = Path(path)
    return target if target.suffix.lower() == suffix else target.with_name(target.name + suffix)


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
    """A read-only, row-selecting table in the house style (see gui/case_list.py)."""
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


class PeriodPicker(QWidget):
    """本月 / 上月 / 自定义 with two dates; `changed` fires when the period really changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QComboBox(self)
        self.mode.addItem(self.tr("本月"), "this")
        self.mode.addItem(self.tr("上月"), "last")
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
            today = register.now().date()
            first = today.replace(day=1)
            if key == "last":
                first = (first - timedelta(days=1)).replace(day=1)
            last = first.replace(day=monthrange(first.year, first.month)[1])
            self.set_dates(first, last)
        self._dates_changed()

    def set_dates(self, first: date, last: date) -> None:
        for edit, value in ((self.date_from, first), (self.date_to, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)

    def set_custom(self, first: date, last: date) -> None:
        """Choose 自定义 with these dates (tests and the screenshot script use it)."""
        self.mode.blockSignals(True)
        self.mode.setCurrentIndex(self.mode.findData("custom"))
        self.mode.blockSignals(False)
        self.date_from.setEnabled(True)
        self.date_to.setEnabled(True)
        self.set_dates(first, last)
        self._dates_changed()

    def _dates_changed(self, _value: QDate | None = None) -> None:
        if self.date_to.date() < self.date_from.date():  # never an empty range
            self.set_dates(self.date_from.date().toPython(), self.date_from.date().toPython())
        period = self.period()
        if period != self._last:
            self._last = period
            self.changed.emit()

    def period(self) -> Period:
        return Period(self.date_from.date().toPython(), self.date_to.date().toPython())


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
        self.setToolTip(f"{self.caption.text()}：{value}" + (f"（{detail}）" if detail else ""))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class StatTableModel(QAbstractTableModel):
    """A StatTable from core.reports: the same cells the .xlsx and the PDF get; sorted in
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

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.table is None else len(self.table.head)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self.table.head):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.table.head[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if self.table.formats[section] in NUMERIC else LEFT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or not index.isValid():
            return None
        row, case_id = self._row(index.row())
        fmt = self.table.formats[index.column()]
        value = row[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return fmt_cell(value, fmt)
        if role == Qt.ItemDataRole.UserRole:
            return case_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if fmt in NUMERIC else LEFT
        if role == Qt.ItemDataRole.ToolTipRole and fmt in ("wide", "text") and value:
            return str(value)
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


# ---- charts -------------------------------------------------------------------------------

class ChartPanel(QChartView):
    """A chart view that owns one chart at a time (the previous one is deleted)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(280, 220)
        self.setFrameShape(QFrame.Shape.StyledPanel)

    def show_chart(self, chart: QChart) -> None:
        old = self.chart()
        self.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()


def _base_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont()
    font.setPixelSize(14)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def department_chart(stats: PeriodStats) -> QChart:
    """Per department: resolved on time, resolved late, still open, other (referred …)."""
    chart = _base_chart(_tr("各部门办理情况（件）"))
    deps = list(stats.departments[:MAX_BARS])[::-1]  # the busiest at the top
    names = (_tr("按时办结"), _tr("超期办结"), _tr("在办"), _tr("其他"))
    sets = [QBarSet(name) for name in names]
    for bar_set, colour in zip(sets, OUTCOME_COLOURS, strict=True):
        bar_set.setColor(QColor(colour))
        bar_set.setBorderColor(QColor(colour))
    for d in deps:
        o = d.outcome
        other = max(0, o.registered - o.on_time - o.late - o.open)
        for bar_set, n in zip(sets, (o.on_time, o.late, o.open, other), strict=True):
            bar_set.append(n)
    series = QHorizontalStackedBarSeries()
    series.setBarWidth(0.6)
    for bar_set in sets:
        series.append(bar_set)
    chart.addSeries(series)
    axis_y = QBarCategoryAxis()
    axis_y.append([d.name for d in deps] or [_tr("（无）")])
    axis_x = QValueAxis()
    axis_x.setLabelFormat("%d")
    top = max((d.outcome.registered for d in deps), default=0)
    axis_x.setRange(0, max(4, top))
    axis_x.applyNiceNumbers()
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_y)
    series.attachAxis(axis_x)
    return chart


def evaluation_chart(stats: PeriodStats) -> QChart:
    """好差评 as a pie; the legend carries the words and counts (colour is not the only signal)."""
    ev = stats.evaluations
    rate = fmt_cell(ev.satisfaction_rate, "percent")
    chart = _base_chart(_tr("好差评（满意率 {rate}，参评 {n} 件）").format(rate=rate, n=ev.evaluated)
                        if ev.evaluated else _tr("好差评（本期无评价）"))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    series = QPieSeries()
    series.setPieSize(0.8)
    for level in ev.levels:
        share = fmt_cell(level.share, "percent")
        pie_slice = series.append(f"{level.label} {level.count}（{share}）", max(level.count, 0))
        pie_slice.setColor(QColor(EVALUATION_COLOURS.get(level.key, "#9aa5b1")))
        pie_slice.setBorderColor(QColor("#ffffff"))
        pie_slice.setLabelVisible(False)
    if not ev.evaluated:
        series.append(_tr("无评价"), 1).setBrush(QBrush(QColor("#e6e9ee")))
    chart.addSeries(series)
    return chart
