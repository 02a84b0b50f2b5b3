"""A list of cases: search box (and barcode scanner), filters, the paged table and a count."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.admin.staff import list_departments
from core.cases.queries import NUMBER_RE, CaseFilter, find_by_number
from core.vocab import CHANNELS, KINDS, STATUS_GROUPS, STATUSES
from gui.desk.case_model import STRETCH_COLUMN, CaseTableModel, placeholder_brush, placeholder_text
from gui.desk.detail_widgets import flow_bar
from gui.desk.scanner import SCANNER_AWARE, SCANNER_KEYS
from gui.session import Session
from gui.widgets.column_fit import ColumnFitter

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 300


class CaseTable(QTableView):
    """The list's table. Before each paint it tells the model which rows are on screen, so
    the pages a jump lacks are asked for at once, all in one read. A screen none of whose
    rows is here yet (a dragged scroll bar) paints its placeholder rows straight away —
    striped, ruled, 正在读取… in the first column — without asking the model cell by cell,
    so the worker's read is not kept waiting behind that paint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The scroll bar moved: the pages asked for now, before the paint that follows.
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._show_rows())

    def _show_rows(self) -> tuple[int, int, bool] | None:
        """Tell the model which rows are on screen: (top, bottom, some of them held)."""
        model = self.model()
        top = self.rowAt(0)
        if not isinstance(model, CaseTableModel) or top < 0:
            return None
        bottom = self.rowAt(self.viewport().height() - 1)
        bottom = model.rowCount() - 1 if bottom < 0 else bottom
        return top, bottom, model.show_rows(top, bottom)

    def paintEvent(self, event: QPaintEvent) -> None:
        shown = self._show_rows()
        if shown is not None and not shown[2]:
            self._paint_placeholders(shown[0], shown[1])
            return
        super().paintEvent(event)

    def _paint_placeholders(self, top: int, bottom: int) -> None:
        painter = QPainter(self.viewport())
        palette = self.palette()
        header = self.horizontalHeader()
        width = min(self.viewport().width(), header.length() - header.offset())
        grid = QColor(self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, None, self))
        first = header.logicalIndex(0) if header.count() else -1
        x0 = header.sectionViewportPosition(first) if first >= 0 else 0
        w0 = header.sectionSize(first) if first >= 0 else width
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        painter.setPen(placeholder_brush().color())
        text = placeholder_text()
        for row in range(top, bottom + 1):
            y, h = self.rowViewportPosition(row), self.rowHeight(row)
            if self.alternatingRowColors() and row % 2:
                painter.fillRect(0, y, width, h, palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawText(x0 + margin, y, max(0, w0 - 2 * margin), h,
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        if self.showGrid():
            painter.setPen(grid)
            end = self.rowViewportPosition(bottom) + self.rowHeight(bottom)
            for row in range(top, bottom + 1):
                y = self.rowViewportPosition(row) + self.rowHeight(row) - 1
                painter.drawLine(0, y, width - 1, y)
            for visual in range(header.count()):
                logical = header.logicalIndex(visual)
                if header.isSectionHidden(logical):
                    continue
                x = header.sectionViewportPosition(logical) + header.sectionSize(logical) - 1
                painter.drawLine(x, 0, x, end - 1)
        painter.end()


class CaseListPage(QWidget):
    """One list of cases; the same page serves My work, Waiting for me and All cases."""

    case_selected = Signal(int)
    case_activated = Signal(int)
    case_elsewhere = Signal(int)  # a number entered here whose case this list does not hold
    selection_cleared = Signal()  # the case shown below is no longer in this list
    count_changed = Signal(int)

    def __init__(self, session: Session, base: CaseFilter | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._base = base or CaseFilter()
        self._loaded = False
        self._quiet = False  # selecting from code: no case_selected
        self.model = CaseTableModel(self._base, session.lang, self, load=False,
                                    register=session.register)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self._build()
        self.setProperty(SCANNER_AWARE, True)  # a number scanned here is searched here
        self.set_base_filter(self._base)

    # ---- building ----------------------------------------------------------------------
    def _build(self) -> None:
        top = self._search_row()
        self.filter_bar = self._filter_bar()
        self.table = self._table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)

    def _search_row(self) -> QHBoxLayout:
        """The search field (a scanned number is searched too), its message and the count."""
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索：编号 / 姓名 / 电话 / 事项（扫码枪可直接扫编号）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._search_entered)
        self.search_message = QLabel(self)
        self.search_message.setStyleSheet("color: #b02a37;")
        # A long message never widens the window (the tooltip has all of it).
        self.search_message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.search_message, 1)
        top.addStretch(0)
        top.addWidget(self.count_label)
        return top

    def _filter_bar(self) -> QWidget:
        """Status, department, kind, channel, mine, overdue, due today, registration dates."""
        self.status_box = QComboBox(self)
        # The groups first, in the words the policies use (core.vocab.STATUS_GROUPS): a case
        # listed under 未办结 never reads 已办结.
        lang = self.session.lang
        for key, (label, _statuses) in STATUS_GROUPS.items():
            self.status_box.addItem(label.text(lang), "open" if key == "open" else f"group:{key}")
        for key in STATUSES:
            self.status_box.addItem("  " + STATUSES[key].text(lang), f"status:{key}")
        self.status_box.addItem(self.tr("全部（含已结案）"), "all")
        self.department_box = QComboBox(self)
        self.department_box.addItem(self.tr("全部部门"), None)
        for dep in list_departments():
            self.department_box.addItem(dep.name, dep.id)
        settings = self.session.register.org_settings()
        self.kind_box = QComboBox(self)
        self.kind_box.addItem(self.tr("全部类型"), None)
        for key in settings.kinds:
            if key in KINDS:
                self.kind_box.addItem(KINDS[key].text(self.session.lang), key)
        self.channel_box = QComboBox(self)
        self.channel_box.addItem(self.tr("全部渠道"), None)
        for key in settings.channels:
            if key in CHANNELS:
                self.channel_box.addItem(CHANNELS[key].text(self.session.lang), key)
        self.mine_check = QCheckBox(self.tr("我的"), self)
        self.overdue_check = QCheckBox(self.tr("超期"), self)
        self.due_today_check = QCheckBox(self.tr("今日到期"), self)
        self.date_check = QCheckBox(self.tr("登记日期"), self)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30), self, calendarPopup=True)
        self.date_to = QDateEdit(today, self, calendarPopup=True)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(self.apply_filters)
        self.date_check.toggled.connect(self.date_from.setEnabled)
        self.date_check.toggled.connect(self.date_to.setEnabled)
        self.clear_button = QPushButton(self.tr("清除筛选"), self)
        self.clear_button.clicked.connect(self.clear_filters)
        for box in (self.status_box, self.department_box, self.kind_box, self.channel_box):
            # Short on a 1366-pixel laptop; the list that drops down is as wide as it needs.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
            box.view().setMinimumWidth(box.view().sizeHintForColumn(0) + 24)
            box.currentIndexChanged.connect(self.apply_filters)
        for check in (self.mine_check, self.overdue_check, self.due_today_check, self.date_check):
            check.toggled.connect(self.apply_filters)
        # On a narrow screen the filters wrap onto a second line instead of widening it.
        return flow_bar(self, [
            self.status_box, self.department_box, self.kind_box, self.channel_box,
            self.mine_check, self.overdue_check, self.due_today_check,
            (self.date_check, self.date_from, QLabel("—", self), self.date_to),
            self.clear_button])

    def _table(self) -> QTableView:
        """The list: fixed row heights, sortable, the least needed columns hidden first."""
        self.table = CaseTable(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setCornerButtonEnabled(False)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for i, col in enumerate(self.model.columns):
            self.table.setColumnWidth(i, col.width_for(self.session.lang))
            if col.key == STRETCH_COLUMN:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        # A narrow window hides the least needed columns instead of scrolling sideways.
        self.fitter = ColumnFitter(self.table, [c.key for c in self.model.columns])
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        self.table.installEventFilter(self)
        self.model.loaded.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        return self.table

    # ---- filters -----------------------------------------------------------------------
    def set_base_filter(self, base: CaseFilter) -> None:
        """The fixed part of this page's filter (mine / waiting_for); the widgets add to it."""
        self._base = base
        fixed_person = base.mine is not None or base.waiting_for is not None
        self.mine_check.setVisible(not fixed_person)
        if self._loaded:
            self.apply_filters()

    def current_filter(self) -> CaseFilter:
        b = self._base
        mode, _, status = str(self.status_box.currentData() or "open").partition(":")
        current = self.model.case_filter
        first = last = None
        if self.date_check.isChecked():
            first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        return replace(
            b,
            scope="all" if mode == "all" else b.scope,
            statuses=((status,) if mode == "status" else STATUS_GROUPS[status][1]
                      if mode == "group" else b.statuses),
            department_id=self.department_box.currentData() or b.department_id,
            kind=self.kind_box.currentData() or b.kind,
            channel=self.channel_box.currentData() or b.channel,
            mine=(self.session.staff.id if self.mine_check.isChecked() and b.mine is None
                  else b.mine),
            overdue=self.overdue_check.isChecked() or b.overdue,
            due_today=self.due_today_check.isChecked() or b.due_today,
            date_from=first or b.date_from,
            date_to=last or b.date_to,
            text=self.search.text().strip() or b.text,
            sort=current.sort,
            descending=current.descending,
        )

    def apply_filters(self) -> None:
        """Show the filter's rows. The case selected before stays selected if the new list
        holds it; otherwise nothing is selected, and the detail pane is told (it must never
        show a case the list does not)."""
        self._search_timer.stop()
        if not self._loaded:
            return
        self.search_message.clear()
        selected = self.current_case_id()
        self.model.set_filter(self.current_filter())
        self._update_count()
        if selected is not None:
            self.model.when_loaded(lambda: self._keep_selected(selected))

    def _keep_selected(self, case_id: int) -> None:
        """After the list changed: the case stays selected if the list holds it."""
        if self.current_case_id() != case_id and not self.select_case(case_id, emit=False):
            self._clear_selection()

    def _clear_selection(self) -> None:
        self._quiet = True
        try:
            self.table.setCurrentIndex(QModelIndex())
            self.table.clearSelection()
        finally:
            self._quiet = False
        self.selection_cleared.emit()

    def show_number(self, number: str) -> int | None:
        """Only this case number, whatever its status (a scan, a case opened from another
        screen): the filters are cleared, the case is selected; its id, or None."""
        widgets = (self.status_box, self.department_box, self.kind_box, self.channel_box,
                   self.mine_check, self.overdue_check, self.due_today_check, self.date_check,
                   self.search)
        for w in widgets:
            w.blockSignals(True)
        try:
            for box in widgets[:4]:
                box.setCurrentIndex(0)
            self.status_box.setCurrentIndex(max(0, self.status_box.findData("all")))
            for check in widgets[4:8]:
                check.setChecked(False)
            self.search.setText(number)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.ensure_loaded()
        self.apply_filters()
        case_id = find_by_number(number)  # one look-up by a unique key
        if case_id is not None:
            self.model.when_loaded(lambda: self.select_case(case_id, emit=False))
        return case_id

    def clear_filters(self) -> None:
        widgets = (self.status_box, self.department_box, self.kind_box, self.channel_box,
                   self.mine_check, self.overdue_check, self.due_today_check, self.date_check,
                   self.search)
        for w in widgets:
            w.blockSignals(True)
        for box in widgets[:4]:
            box.setCurrentIndex(0)
        for check in widgets[4:8]:
            check.setChecked(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self.search.clear()
        for w in widgets:
            w.blockSignals(False)
        self.apply_filters()

    def ensure_loaded(self) -> None:
        """Count and read the first page only when the page is first shown."""
        if not self._loaded:
            self._loaded = True
            self.model.set_filter(self.current_filter(), force=True)

    def refresh(self) -> None:
        """Re-read the list, keeping the selected case selected if it is still there."""
        if not self._loaded:
            return
        row = self.table.currentIndex().row()
        selected = self.current_case_id()
        self.model.refresh()
        if selected is not None:
            self.model.when_loaded(lambda: self._after_refresh(row, selected))

    def _after_refresh(self, row: int, selected: int) -> None:
        if self.model.case_id_at(row) == selected:
            return  # the case is still on its row
        if not self.select_case(selected, emit=False):
            self._clear_selection()  # it moved out of reach: select nothing rather than another

    # ---- selection ---------------------------------------------------------------------
    def current_case_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.case_id_at(index.row()) if index.isValid() else None

    def select_case(self, case_id: int, emit: bool = True) -> bool:
        """Select a case if it is among the pages of the list read so far (once the list's
        first page is here: a list still being read selects it when it arrives)."""
        self.ensure_loaded()
        if self.model.loading:
            self.model.when_loaded(lambda: self.select_case(case_id, emit))
            return False
        row = self.model.find_row(case_id)
        if row is None:
            return False
        self._quiet = not emit
        try:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.selectRow(row)
        finally:
            self._quiet = False
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ---- slots -------------------------------------------------------------------------
    def _search_entered(self) -> None:
        text = self.search.text().strip()
        if NUMBER_RE.match(text):
            case_id = find_by_number(text)
            if case_id is None:
                self.search_message.setText(self.tr("找不到事项 {number}").format(number=text))
                self.search.selectAll()
                return
            self.apply_filters()  # the list shows that case (if this list holds it) …
            self.search.selectAll()  # … and the next scan replaces this number
            self.model.when_loaded(lambda: self._open_scanned(case_id))
            return
        self.apply_filters()
        self.model.when_loaded(self._to_first_row)

    def _open_scanned(self, case_id: int) -> None:
        if self.select_case(case_id, emit=False):
            self.case_activated.emit(case_id)
        else:
            self.case_elsewhere.emit(case_id)  # 全部事项 shows it, whatever its status

    def _to_first_row(self) -> None:
        if self.model.rowCount() > 0:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.selectRow(0)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        row = current.row() if current.isValid() else -1
        case_id = self.model.case_id_at(row) if row >= 0 else None
        if case_id is not None:
            self.case_selected.emit(case_id)

    def _activated(self, index: QModelIndex) -> None:
        case_id = self.model.case_id_at(index.row())
        if case_id is not None:
            self.case_activated.emit(case_id)

    def _sort_indicator_changed(self, section: int, order: Qt.SortOrder) -> None:
        if self.model.columns[section].sort is None:  # not sortable: put the arrow back
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            current = (Qt.SortOrder.DescendingOrder if self.model.case_filter.descending
                       else Qt.SortOrder.AscendingOrder)
            header.setSortIndicator(self.model.sort_column(), current)
            header.blockSignals(False)

    def _update_count(self) -> None:
        """共 N 件: every match, counted exactly (正在查找… while the list is read)."""
        if self.model.loading:
            self.count_label.setText(self.tr("正在查找…"))
            return
        n = self.model.rowCount()
        self.count_label.setText(self.tr("共 {n} 件").format(n=f"{n:,}"))
        self.count_changed.emit(n)

    def start_typed_search(self, text: str) -> None:
        """The first key of a scanned (or typed) number: the search box takes over."""
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search.setText(text)
        self._search_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A scanner (or a clerk) typing a number while the table has focus goes to search."""
        if watched is self.table and is_scanner_key(event):
            self.start_typed_search(event.text())  # type: ignore[attr-defined]
            return True
        return super().eventFilter(watched, event)


def is_scanner_key(event: QEvent) -> bool:
    """A digit or dash without Ctrl/Alt: what a barcode scanner types for a case number."""
    if event.type() != QEvent.Type.KeyPress:
        return False
    key_event: QKeyEvent = event  # type: ignore[assignment]
    text = key_event.text()
    extra = key_event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return bool(text) and text in SCANNER_KEYS and not extra
