"""责任追究: violation candidates detected in the background as the register changes (no
button to press), their evidence and the case's history, confirm or dismiss one or many at once
with a reason, complaints and commendations by hand, and the monthly accountability list."""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.admin.staff import list_departments, list_staff
from core.supervision import accountability as acc
from core.supervision.accountability import RULES, SANCTIONS, ViolationInfo, evidence_text
from core.supervision.reports import (
    StatTable,
    accountability_data,
    accountability_paper,
    accountability_tables,
)
from gui.desk.action_widgets import StaffCombo
from gui.desk.detail_widgets import flow_bar
from gui.ops import run_in_background
from gui.session import Session
from gui.supervision.accountability_dialogs import (
    CommendDialog,
    ComplaintDialog,
    ConfirmDialog,
    DismissDialog,
)
from gui.supervision.violation_panel import STATUS_COLOURS, ViolationPanel, status_text
from gui.supervision.widgets import (
    ReportPage,
    StatTableModel,
    add_page_if_allowed,
    menu_button,
    table_view,
)

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

SWEEP_MS = 60_000  # detect at least this often: deadlines pass with nobody acting
SWEEP_GAP_S = 15.0  # and soon after a change, but not more often than this






def _draw(args: dict[str, Any]) -> bytes:
    from documents.render import render  # ReportLab loads when a list is drawn

    return render(accountability_paper(fmt="a4", **args))

class AccountabilityPage(ReportPage):
    """The review desk for supervisors; every write goes through core.supervision.accountability."""

    case_activated = Signal(int)
    violations_loaded = Signal(int)  # rows shown (tests wait for it)
    detected = Signal(int)  # candidates added by a background sweep

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.staff = list_staff(active_only=False)
        deps = {d.id: d.name for d in list_departments(active_only=False)}
        self.dept_of = {s.id: s.department_id for s in self.staff}
        self.dept_name = {s.id: deps.get(s.department_id or 0, "") for s in self.staff}
        self.model = StatTableModel(self)
        self.rows: dict[int, ViolationInfo] = {}
        self._generation = 0
        self._keep: int | None = None
        self._note = ""
        self._sweeping = False
        self._stopped = False
        self._last_sweep = float("-inf")
        self.swept_at: datetime | None = None
        self._build()
        # Detection runs by itself: now, every minute (deadlines pass with nobody acting),
        # and soon after anything changes in the register (MainWindow calls sweep_soon).
        self.sweep_timer = QTimer(self, interval=SWEEP_MS)
        self.sweep_timer.timeout.connect(self.sweep)
        self.sweep_timer.start()
        self._soon = QTimer(self, singleShot=True)
        self._soon.timeout.connect(self.sweep)
        QTimer.singleShot(0, self.sweep)

    def _build(self) -> None:
        filters = self._filters()
        actions = self._actions()
        body = self._panes()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.addWidget(filters)
        layout.addWidget(actions)
        layout.addWidget(self.state_label)
        layout.addWidget(body, 1)
        self.period_picker.changed.connect(self.load)
        self.department_box.currentIndexChanged.connect(self._department_changed)
        self.status_box.currentIndexChanged.connect(lambda _i: self.load())
        self.staff_box.currentIndexChanged.connect(lambda _i: self.load())

    def _filters(self) -> QWidget:
        """Period, department, status and person."""
        self.status_box = QComboBox(self)
        for text, key in ((self.tr("待审核"), "candidate"), (self.tr("已确认"), "confirmed"),
                          (self.tr("已驳回"), "dismissed"), (self.tr("全部状态"), None)):
            self.status_box.addItem(text, key)
        self.staff_box = StaffCombo(self, none_text=self.tr("全部人员"))
        self.staff_box.load(self.staff)
        self.staff_box.set_department(self.department_id())
        filters = flow_bar(self, [self.period_picker, *(
            (QLabel(label, self), widget) for label, widget in (
                (self.tr("部门"), self.department_box), (self.tr("状态"), self.status_box),
                (self.tr("人员"), self.staff_box)))], spacing=10)
        return filters

    def _actions(self) -> QWidget:
        """Deciding several at once, complaints and commendations, the list as PDF or Excel."""
        self.confirm_many_button = QPushButton(self.tr("确认所选…"), self)
        self.confirm_many_button.setStyleSheet("font-weight: bold;")
        self.confirm_many_button.clicked.connect(self.confirm_selected)
        self.dismiss_many_button = QPushButton(self.tr("驳回所选…"), self)
        self.dismiss_many_button.clicked.connect(self.dismiss_selected)
        for b in (self.confirm_many_button, self.dismiss_many_button):
            b.setToolTip(self.tr("在列表中按住 Ctrl 或 Shift 选择多条待审核记录，一次确认或驳回"))
        self.complaint_button = QPushButton(self.tr("登记投诉…"), self)
        self.complaint_button.clicked.connect(self.record_complaint)
        self.commend_button = QPushButton(self.tr("登记表扬…"), self)
        self.commend_button.clicked.connect(self.record_commendation)
        self.commend_button.setEnabled(self.session.can("record_commendation"))
        self.busy_buttons += [self.complaint_button]
        self.pending_check = QCheckBox(self.tr("清单列出待审核"), self)
        self.list_button = menu_button(self, self.tr("问责清单 PDF"), (
            (self.tr("预览并打印…"), self.preview_list), (self.tr("另存为 PDF…"), self.save_list)))
        self.export_button = QPushButton(self.tr("导出 Excel…"), self)
        self.export_button.clicked.connect(self.export_list)
        for w in (self.pending_check, self.list_button, self.export_button):
            w.setEnabled(self.session.can("export"))
        actions = flow_bar(self, [self.confirm_many_button, self.dismiss_many_button,
                                  self.complaint_button, self.commend_button,
                                  self.busy, self.pending_check, self.list_button,
                                  self.export_button])
        return actions

    def _panes(self) -> QSplitter:
        """The candidates beside the chosen one's evidence."""
        self.table = table_view(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.model.modelReset.connect(self._fit_columns)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.panel = ViolationPanel(self.session, self)
        self.panel.confirm_requested.connect(self.confirm_current)
        self.panel.dismiss_requested.connect(self.dismiss_current)
        self.panel.case_activated.connect(self.case_activated)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        for w in (self.table, self.panel):
            body.addWidget(w)
        body.setChildrenCollapsible(False)
        body.setStretchFactor(0, 3)  # the list keeps the larger share on a narrow screen
        body.setStretchFactor(1, 2)
        body.setSizes([800, 420])
        return body

    def _fit_columns(self) -> None:
        for col, width in enumerate((56, 56, 100, 100, 116, 84, 200, 84)):
            self.table.setColumnWidth(col, width)
        if self.model.columnCount() > 6:
            self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)

    # ---- loading -------------------------------------------------------------------------
    def _department_changed(self, _index: int) -> None:
        self.staff_box.blockSignals(True)
        self.staff_box.set_department(self.department_id())
        self.staff_box.blockSignals(False)
        self.load()

    def load(self, keep: int | None = None) -> None:
        self._loaded = True
        self._generation += 1
        generation, period, dep = self._generation, self.period_picker.period(), self.department_id()
        status, staff_id = self.status_box.currentData(), self.staff_box.staff_id()
        self._keep = keep if keep is not None else self.current_id()

        def job() -> list[ViolationInfo]:
            rows = acc.list_violations(status, staff_id, period.since, period.until)
            return [v for v in rows if dep is None or self.dept_of.get(v.staff_id) == dep]

        self.run_job(self.tr("正在读取…"), job, lambda rows: self._show(generation, rows))
        self._selection_changed()

    def _show(self, generation: int, rows: list[ViolationInfo]) -> None:
        if generation != self._generation:
            return
        self.rows = {v.id: v for v in rows}
        self.model.set_table(self.as_table(rows), tuple(v.id for v in rows),
                             {status_text(k): c for k, c in STATUS_COLOURS.items()})
        pending = sum(v.status == "candidate" for v in rows)
        swept = (self.tr("（自动检测于 {at}）").format(at=f"{self.swept_at:%H:%M}")
                 if self.swept_at else "")
        self.state_label.setText(self._note + self.tr("共 {n} 条，其中待审核 {p} 条").format(
            n=len(rows), p=pending) + swept)
        self._note = ""
        if rows:  # the row looked at before, else the first
            self.table.selectRow(self.model.row_of(self._keep or -1) or 0)
        self._show_current()
        self.violations_loaded.emit(len(rows))

    def as_table(self, rows: list[ViolationInfo]) -> StatTable:
        """The rows as a StatTable, so the screen shows the cells the way every table does."""
        lang = self.session.lang

        def done(v: ViolationInfo) -> str:
            if v.status == "dismissed":
                return self.tr("驳回：{reason}").format(reason=v.reason)
            return SANCTIONS[v.sanction].text(lang) if v.sanction in SANCTIONS else ""

        head = (self.tr("状态"), self.tr("责任人"), self.tr("部门"), self.tr("情形"),
                self.tr("事项编号"), self.tr("发生时间"), self.tr("情况"), self.tr("处理"))
        return StatTable("责任追究", self.tr("责任追究"), head,
                         ("text", "text", "text", "text", "text", "datetime", "wide", "text"),
                         tuple((status_text(v.status), v.staff, self.dept_name.get(v.staff_id, ""),
                                RULES[v.rule].text(lang) if v.rule in RULES else v.rule,
                                v.case_number, v.occurred_at, evidence_text(v.evidence, lang),
                                done(v)) for v in rows))

    def current(self) -> ViolationInfo | None:
        row_id = self.model.id_at(self.table.currentIndex().row())
        return self.rows.get(row_id) if row_id is not None else None

    def current_id(self) -> int | None:
        return v.id if (v := self.current()) else None

    def _show_current(self) -> None:
        v = self.current()
        self.panel.show_violation(v, self.dept_name.get(v.staff_id, "") if v else "")

    def _set_status(self, status: str | None) -> None:
        self.status_box.blockSignals(True)
        self.status_box.setCurrentIndex(self.status_box.findData(status))
        self.status_box.blockSignals(False)

    # ---- acting --------------------------------------------------------------------------
    def sweep_soon(self) -> None:
        """Something changed in the register: detect again shortly (at most every
        SWEEP_GAP_S seconds, however busy the register is)."""
        wait = max(0.0, self._last_sweep + SWEEP_GAP_S - time.monotonic())
        if not self._soon.isActive():
            self._soon.start(int(wait * 1000))

    def stop(self) -> None:
        """The window is closing: no more sweeps."""
        self.sweep_timer.stop()
        self._soon.stop()
        self._stopped = True

    def sweep(self) -> None:
        """Find new candidates on the worker thread; the list shows them when any arrive."""
        if self._sweeping or self._stopped or not shiboken6.isValid(self):
            return
        self._sweeping = True
        self._last_sweep = time.monotonic()
        run_in_background(acc.sync_recent, self._swept, self._sweep_failed)

    def _swept(self, added: int) -> None:
        if not shiboken6.isValid(self):
            return
        self._sweeping = False
        self.swept_at = self.session.register.now()
        if added:
            self._note = self.tr("自动检测新增 {n} 条待审核。").format(n=added)
            if self._loaded:
                self.load()
        self.detected.emit(added)

    def _sweep_failed(self, exc: BaseException) -> None:
        self._sweeping = False
        log.warning("background detection failed: %s", exc)

    def selected(self) -> list[ViolationInfo]:
        """The candidates among the selected rows (confirmed or dismissed ones are left)."""
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        found = [self.rows.get(self.model.id_at(r) or -1) for r in sorted(rows)]
        return [v for v in found if v is not None and v.status == "candidate"]

    def _selection_changed(self) -> None:
        n = len(self.selected())
        self.confirm_many_button.setText(self.tr("确认所选 ({n})…").format(n=n) if n > 1
                                         else self.tr("确认所选…"))
        self.dismiss_many_button.setText(self.tr("驳回所选 ({n})…").format(n=n) if n > 1
                                         else self.tr("驳回所选…"))
        for b in (self.confirm_many_button, self.dismiss_many_button):
            b.setEnabled(n > 0)

    def confirm_selected(self) -> None:
        chosen, me = self.selected(), self.session.staff.id
        decision = ConfirmDialog.ask(self, self.session, chosen) if chosen else None
        if decision is not None:
            ids = [v.id for v in chosen]
            self.run_job(self.tr("正在保存…"),
                         lambda: acc.confirm_many(me, ids, decision.sanction, decision.note),
                         lambda infos: self._reviewed(len(infos)))

    def dismiss_selected(self) -> None:
        chosen, me = self.selected(), self.session.staff.id
        reason = DismissDialog.ask(self, self.session, chosen) if chosen else None
        if reason:
            ids = [v.id for v in chosen]
            self.run_job(self.tr("正在保存…"), lambda: acc.dismiss_many(me, ids, reason),
                         lambda infos: self._reviewed(len(infos)))

    def _reviewed(self, n: int) -> None:
        self._note = self.tr("已处理 {n} 条。").format(n=n)
        self.load()

    def confirm_current(self) -> None:
        v, me = self.current(), self.session.staff.id
        decision = ConfirmDialog.ask(self, self.session, v) if v and v.status == "candidate" else None
        if v is not None and decision is not None:
            self.run_job(self.tr("正在保存…"),
                         lambda: acc.confirm(me, v.id, decision.sanction, decision.note),
                         lambda info: self.load(keep=info.id))

    def dismiss_current(self) -> None:
        v, me = self.current(), self.session.staff.id
        reason = DismissDialog.ask(self, self.session, v) if v and v.status == "candidate" else None
        if v is not None and reason:
            self.run_job(self.tr("正在保存…"), lambda: acc.dismiss(me, v.id, reason),
                         lambda info: self.load(keep=info.id))

    def record_complaint(self) -> None:
        c, me = ComplaintDialog.ask(self, self.session), self.session.staff.id
        if c is not None:
            self._set_status(None)  # a complaint is confirmed at once: show every status
            self.run_job(self.tr("正在保存…"), lambda: acc.record_complaint(
                me, c.staff_id, c.behaviour, c.evidence, c.sanction, c.case_id),
                lambda info: self.load(keep=info.id))

    def record_commendation(self) -> None:
        c, me = CommendDialog.ask(self, self.session), self.session.staff.id
        if c is not None:
            self.run_job(self.tr("正在保存…"), lambda: acc.commend(me, c.staff_id, c.note, c.case_id),
                         lambda _id: self.state_label.setText(self.tr("表扬已登记，将列入本月问责清单")))

    # ---- the accountability list ---------------------------------------------------------
    def _list_args(self) -> tuple[str, dict[str, Any]]:
        period = self.period_picker.period()
        lang = self.session.lang
        name = self.tr("问责清单") + f"-{period.label_for(lang)}-{self.department_box.currentText()}"
        return name, {"period": period, "department_id": self.department_id(),
                      "include_pending": self.pending_check.isChecked(),
                      "actor_id": self.session.staff.id, "lang": lang}

    def preview_list(self) -> None:
        name, args = self._list_args()
        self.preview_pdf(self.tr("问责清单"), name + ".pdf",
                         lambda: _draw(args))

    def save_list(self) -> None:
        name, args = self._list_args()
        self.save_file(self.tr("问责清单另存为 PDF"), name, ".pdf",
                       lambda path: path.write_bytes(_draw(args)))

    def export_list(self) -> None:
        from core.exports import export_tables  # openpyxl: loaded when exporting

        name, args = self._list_args()
        self.save_file(self.tr("导出问责清单"), name, ".xlsx", lambda path: export_tables(
            accountability_tables(accountability_data(**args)), path, actor_id=args["actor_id"]))


def register_pages(window: Any) -> None:
    """Add 责任追究 (Ctrl+5) when the signed-in role may review violations."""
    add_page_if_allowed(window, "accountability", "review_violations", AccountabilityPage,
                        translate("AccountabilityPage", "责任追究"), "Ctrl+5")
