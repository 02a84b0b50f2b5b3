"""责任追究: detected violation candidates with their evidence and the case's history, confirm
or dismiss, complaints and commendations by hand, and the monthly accountability list."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core import accountability as acc
from core.accountability import RULES, SANCTIONS, ViolationInfo
from core.detail import case_detail
from core.excel_io import export_tables
from core.queries import find_by_number
from core.reports import (
    StatTable,
    accountability_data,
    accountability_tables,
    render_accountability_list,
)
from core.staff import list_departments, list_staff
from gui.accountability_dialogs import (
    CommendDialog,
    ComplaintDialog,
    ConfirmDialog,
    DismissDialog,
    PdfPreviewDialog,
)
from gui.action_widgets import StaffCombo
from gui.detail_widgets import Chip
from gui.errors import show_error
from gui.intake_widgets import HINT_STYLE
from gui.ops import run_in_background
from gui.session import Session
from gui.supervision_widgets import (
    PeriodPicker,
    StatTableModel,
    ask_save_path,
    menu_button,
    suggested_path,
    table_view,
)
from gui.timeline_view import TimelineView

log = logging.getLogger(__name__)

STATUS_COLOURS = {"candidate": ("#664d03", "#ffe69c"), "confirmed": ("#842029", "#f8d7da"),
                  "dismissed": ("#4a5563", "#e6e9ee")}
# The events a rule is about: highlighted in the case's history beside the evidence.
RULE_EVENTS = {
    "late_transfer": ("registered", "taken", "answered", "transferred", "assigned", "escalated",
                      "referred"),
    "late_accept": ("transferred", "assigned", "safety_escalated", "accepted", "returned",
                    "auto_escalated"),
    "late_contact": ("accepted", "contacted", "notified", "resolved"),
    "overdue": ("registered", "extension_approved", "resolved"),
    "missing_notify": ("resolved", "notified"),
    "hazard_unverified": ("registered", "hazard_verified"),
}
HIGHLIGHT = QColor("#fff3c4")


def status_text(status: str) -> str:
    return {"candidate": _tr("待审核"), "confirmed": _tr("已确认"),
            "dismissed": _tr("已驳回")}.get(status, status)


def _tr(text: str) -> str:
    return QCoreApplication.translate("AccountabilityPage", text)


class ViolationPanel(QWidget):
    """One violation: who, what, the evidence, the decision, and the case's history."""

    confirm_requested = Signal()
    dismiss_requested = Signal()
    case_activated = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id: int | None = None
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.chip = Chip(self)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.chip)
        head.addStretch(1)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        for key, label in (("department", self.tr("部门")), ("case", self.tr("事项编号")),
                           ("at", self.tr("发生时间")), ("source", self.tr("来源")),
                           ("decision", self.tr("处理"))):
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        self.open_button = QPushButton(self.tr("打开事项"), self)
        self.open_button.setFlat(True)
        self.open_button.setStyleSheet("QPushButton { color: #0d5aa7; padding: 2px 6px; }")
        self.open_button.clicked.connect(lambda: self.case_id and self.case_activated.emit(self.case_id))
        self.evidence = QLabel(self)
        self.evidence.setWordWrap(True)
        self.evidence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.evidence.setStyleSheet("QLabel { background: #fff8e1; border: 1px solid #f0d58c;"
                                    " border-radius: 4px; padding: 8px; font-size: 13px; }")
        self.confirm_button = QPushButton(self.tr("确认并处理…"), self)
        self.confirm_button.setStyleSheet("font-weight: bold;")
        self.confirm_button.clicked.connect(self.confirm_requested)
        self.dismiss_button = QPushButton(self.tr("驳回…"), self)
        self.dismiss_button.clicked.connect(self.dismiss_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        self.history_caption = QLabel(self)
        self.history_caption.setStyleSheet(HINT_STYLE)
        self.timeline = TimelineView(session.lang, self)
        content = QWidget(self)
        col = QVBoxLayout(content)
        col.setContentsMargins(8, 0, 0, 0)
        col.addLayout(head)
        col.addLayout(form)
        col.addWidget(QLabel(self.tr("证据"), self))
        col.addWidget(self.evidence)
        col.addLayout(buttons)
        col.addWidget(self.history_caption)
        col.addWidget(self.timeline, 1)
        self.placeholder = QLabel(self.tr("在左侧列表中选择一条记录查看证据"), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(HINT_STYLE)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    def show_violation(self, v: ViolationInfo | None, department: str = "") -> None:
        if v is None:
            self.stack.setCurrentWidget(self.placeholder)
            self.timeline.set_case(None)
            return
        lang = self.session.lang
        self.title.setText(f"{v.staff} · {RULES[v.rule].text(lang) if v.rule in RULES else v.rule}")
        self.chip.set_chip(status_text(v.status), *STATUS_COLOURS.get(v.status, ("#000", "#eee")))
        sanction = SANCTIONS[v.sanction].text(lang) if v.sanction in SANCTIONS else ""
        decision = {"confirmed": sanction + (f"；{v.reason}" if v.reason else ""),
                    "dismissed": self.tr("驳回：{reason}").format(reason=v.reason)}
        for key, text in (("department", department or "—"), ("case", v.case_number or "—"),
                          ("at", f"{v.occurred_at:%Y-%m-%d %H:%M}"),
                          ("source", self.tr("投诉查实") if v.source == "complaint"
                           else self.tr("系统检测")),
                          ("decision", decision.get(v.status, self.tr("尚未审核")))):
            self.fields[key].setText(text)
        self.evidence.setText(v.evidence)
        pending = v.status == "candidate"
        self.confirm_button.setVisible(pending)
        self.dismiss_button.setVisible(pending)
        self.case_id = find_by_number(v.case_number) if v.case_number else None
        self.open_button.setVisible(self.case_id is not None)
        detail = case_detail(self.case_id) if self.case_id is not None else None
        self.timeline.set_case(detail)
        self.timeline.setVisible(detail is not None)
        self.history_caption.setText(self.tr("事项办理记录（相关环节已标出）") if detail
                                     else self.tr("无关联事项"))
        wanted = RULE_EVENTS.get(v.rule, ())
        for i in range(self.timeline.topLevelItemCount()):
            item = self.timeline.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) in wanted:
                for c in range(self.timeline.columnCount()):
                    item.setBackground(c, HIGHLIGHT)
        self.stack.setCurrentIndex(1)


class AccountabilityPage(QWidget):
    """The review desk for supervisors; every write goes through core.accountability."""

    case_activated = Signal(int)
    violations_loaded = Signal(int)  # rows shown (tests wait for it)
    detected = Signal(int)  # candidates added by 检测
    exported = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.staff = list_staff(active_only=False)
        deps = {d.id: d.name for d in list_departments(active_only=False)}
        self.dept_of = {s.id: s.department_id for s in self.staff}
        self.dept_name = {s.id: deps.get(s.department_id or 0, "") for s in self.staff}
        self.model = StatTableModel(self)
        self.rows: dict[int, ViolationInfo] = {}
        self._generation = 0
        self._loaded = False
        self._keep: int | None = None
        self._detected_note = ""
        self.preview: PdfPreviewDialog | None = None
        self._build(deps)

    def _build(self, deps: dict[int, str]) -> None:
        self.period_picker = PeriodPicker(self)
        self.department_box = QComboBox(self)
        self.department_box.addItem(self.tr("全部部门"), None)
        for dep_id, name in deps.items():
            self.department_box.addItem(name, dep_id)
        me = self.session.staff
        if me.role == "dept_head":
            self.department_box.setCurrentIndex(max(0, self.department_box.findData(me.department_id)))
            self.department_box.setEnabled(False)
            self.department_box.setToolTip(self.tr("部门负责人只能审核本部门人员"))
        self.status_box = QComboBox(self)
        for text, key in ((self.tr("待审核"), "candidate"), (self.tr("已确认"), "confirmed"),
                          (self.tr("已驳回"), "dismissed"), (self.tr("全部状态"), None)):
            self.status_box.addItem(text, key)
        self.staff_box = StaffCombo(self, none_text=self.tr("全部人员"))
        self.staff_box.load(self.staff)
        self.staff_box.set_department(self.department_id())
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setFixedWidth(90)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self.state_label = QLabel(self)
        self.state_label.setStyleSheet("color: #5f6b7a;")
        filters = QHBoxLayout()
        filters.addWidget(self.period_picker)
        for label, widget in ((self.tr("部门"), self.department_box),
                              (self.tr("状态"), self.status_box), (self.tr("人员"), self.staff_box)):
            filters.addSpacing(8)
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addWidget(self.busy)
        filters.addWidget(self.state_label, 1)

        self.detect_button = QPushButton(self.tr("检测违规"), self)
        self.detect_button.setToolTip(self.tr("从办理记录中找出本期的超时移交、超时签收、超期未办结等情形"))
        self.detect_button.setStyleSheet("font-weight: bold;")
        self.detect_button.clicked.connect(self.detect)
        self.complaint_button = QPushButton(self.tr("登记投诉…"), self)
        self.complaint_button.clicked.connect(self.record_complaint)
        self.commend_button = QPushButton(self.tr("登记表扬…"), self)
        self.commend_button.clicked.connect(self.record_commendation)
        self.commend_button.setEnabled(self.session.can("record_commendation"))
        self.pending_check = QCheckBox(self.tr("清单列出待审核"), self)
        self.list_button = menu_button(self, self.tr("问责清单 PDF"), (
            (self.tr("预览并打印…"), self.preview_list), (self.tr("另存为 PDF…"), self.save_list)))
        self.export_button = QPushButton(self.tr("导出 Excel…"), self)
        self.export_button.clicked.connect(self.export_list)
        for button in (self.list_button, self.export_button):
            button.setEnabled(self.session.can("export"))
        actions = QHBoxLayout()
        for w in (self.detect_button, self.complaint_button, self.commend_button):
            actions.addWidget(w)
        actions.addStretch(1)
        for w in (self.pending_check, self.list_button, self.export_button):
            actions.addWidget(w)

        self.table = table_view(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        header = self.table.horizontalHeader()
        for col, width in enumerate((64, 70, 110, 150, 116, 130, 260, 120)):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.panel = ViolationPanel(self.session, self)
        self.panel.confirm_requested.connect(self.confirm_current)
        self.panel.dismiss_requested.connect(self.dismiss_current)
        self.panel.case_activated.connect(self.case_activated)
        self.body = QSplitter(Qt.Orientation.Horizontal, self)
        self.body.addWidget(self.table)
        self.body.addWidget(self.panel)
        self.body.setStretchFactor(0, 3)
        self.body.setStretchFactor(1, 2)
        self.body.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.body, 1)
        self.period_picker.changed.connect(self.reload)
        self.department_box.currentIndexChanged.connect(self._department_changed)
        self.status_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.staff_box.currentIndexChanged.connect(lambda _i: self.reload())

    # ---- loading -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def department_id(self) -> int | None:
        value = self.department_box.currentData()
        return int(value) if value is not None else None

    def _department_changed(self, _index: int) -> None:
        self.staff_box.blockSignals(True)
        self.staff_box.set_department(self.department_id())
        self.staff_box.blockSignals(False)
        self.reload()

    def _run(self, message: str, job: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Work on the worker thread with the busy bar; errors go to show_error."""
        self.busy.setVisible(True)
        self.state_label.setText(message)
        for b in (self.detect_button, self.complaint_button):
            b.setEnabled(False)

        def finish(result: Any, exc: BaseException | None) -> None:
            if not shiboken6.isValid(self):
                return
            self.busy.setVisible(False)
            for b in (self.detect_button, self.complaint_button):
                b.setEnabled(True)
            if exc is not None:
                self.state_label.setText("")
                show_error(self, exc, self.session.lang)
                return
            done(result)

        run_in_background(job, lambda r: finish(r, None), lambda e: finish(None, e))

    def reload(self, keep: int | None = None) -> None:
        self._loaded = True
        self._generation += 1
        generation, period = self._generation, self.period_picker.period()
        status, staff_id, dep = self.status_box.currentData(), self.staff_box.staff_id(), \
            self.department_id()
        self._keep = keep if keep is not None else self.current_id()

        def job() -> list[ViolationInfo]:
            rows = acc.list_violations(status, staff_id, period.since, period.until)
            return [v for v in rows if dep is None or self.dept_of.get(v.staff_id) == dep]

        self._run(self.tr("正在读取…"), job, lambda rows: self._loaded_rows(generation, rows))

    def _loaded_rows(self, generation: int, rows: list[ViolationInfo]) -> None:
        if generation != self._generation:
            return
        self.rows = {v.id: v for v in rows}
        self.model.set_table(self.as_table(rows), tuple(v.id for v in rows),
                             {status_text(k): c for k, c in STATUS_COLOURS.items()})
        pending = sum(v.status == "candidate" for v in rows)
        self.state_label.setText(self._detected_note + self.tr("共 {n} 条，其中待审核 {p} 条").format(
            n=len(rows), p=pending))
        self._detected_note = ""
        row = self.model.row_of(self._keep) if self._keep is not None else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._show_current()
        self.violations_loaded.emit(len(rows))

    def as_table(self, rows: list[ViolationInfo]) -> StatTable:
        """The rows as a StatTable: the screen, and the same cells wherever they are copied."""
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
                                v.case_number, v.occurred_at, v.evidence, done(v)) for v in rows))

    def current(self) -> ViolationInfo | None:
        row_id = self.model.id_at(self.table.currentIndex().row())
        return self.rows.get(row_id) if row_id is not None else None

    def current_id(self) -> int | None:
        v = self.current()
        return v.id if v else None

    def _show_current(self) -> None:
        v = self.current()
        self.panel.show_violation(v, self.dept_name.get(v.staff_id, "") if v else "")

    # ---- acting --------------------------------------------------------------------------
    def detect(self) -> None:
        period = self.period_picker.period()
        self._run(self.tr("正在检测 {period}…").format(period=period.label),
                  lambda: acc.sync_candidates(period.since, period.until), self._detected)

    def _detected(self, added: int) -> None:
        self.status_box.blockSignals(True)
        self.status_box.setCurrentIndex(self.status_box.findData("candidate"))
        self.status_box.blockSignals(False)
        self.reload()
        self.detected.emit(added)
        self._detected_note = self.tr("检测完成：新增 {n} 条待审核。").format(n=added)

    def confirm_current(self) -> None:
        v = self.current()
        if v is None or v.status != "candidate":
            return
        decision = ConfirmDialog.ask(self, self.session, v)
        if decision is not None:
            me = self.session.staff.id
            self._run(self.tr("正在保存…"),
                      lambda: acc.confirm(me, v.id, decision.sanction, decision.note),
                      lambda info: self.reload(keep=info.id))

    def dismiss_current(self) -> None:
        v = self.current()
        if v is None or v.status != "candidate":
            return
        reason = DismissDialog.ask(self, self.session, v)
        if reason:
            me = self.session.staff.id
            self._run(self.tr("正在保存…"), lambda: acc.dismiss(me, v.id, reason),
                      lambda info: self.reload(keep=info.id))

    def record_complaint(self) -> None:
        c = ComplaintDialog.ask(self, self.session)
        if c is not None:
            me = self.session.staff.id
            self._run(self.tr("正在保存…"), lambda: acc.record_complaint(
                me, c.staff_id, c.behaviour, c.evidence, c.sanction, c.case_id),
                lambda info: self._show_new(info.id))

    def _show_new(self, violation_id: int) -> None:
        self.status_box.blockSignals(True)
        self.status_box.setCurrentIndex(self.status_box.findData(None))
        self.status_box.blockSignals(False)
        self.reload(keep=violation_id)

    def record_commendation(self) -> None:
        c = CommendDialog.ask(self, self.session)
        if c is not None:
            me = self.session.staff.id
            self._run(self.tr("正在保存…"), lambda: acc.commend(me, c.staff_id, c.note, c.case_id),
                      lambda _id: self.state_label.setText(self.tr("表扬已登记，将列入本月问责清单")))

    # ---- the accountability list ---------------------------------------------------------
    def _list_job(self) -> tuple[str, Callable[[], bytes]]:
        period, dep, me = self.period_picker.period(), self.department_id(), self.session.staff.id
        pending = self.pending_check.isChecked()
        name = f"问责清单-{period.label}-{self.department_box.currentText()}"
        return name, lambda: render_accountability_list(period, dep, "a4", include_pending=pending,
                                                        actor_id=me)

    def preview_list(self) -> None:
        name, job = self._list_job()
        self._run(self.tr("正在生成问责清单…"), job, lambda pdf: self._preview(pdf, name))

    def _preview(self, pdf: bytes, name: str) -> None:
        self.state_label.setText(self.tr("问责清单已生成"))
        self.preview = PdfPreviewDialog.open_pdf(self, pdf, self.tr("问责清单"),
                                                 suggested_path(name + ".pdf"))

    def save_list(self) -> None:
        name, job = self._list_job()
        target = ask_save_path(self, self.tr("问责清单另存为 PDF"), name, ".pdf")
        if target is not None:
            self._run(self.tr("正在生成问责清单…"), lambda: target.write_bytes(job()),
                      lambda _n: self._saved(str(target)))

    def export_list(self) -> None:
        period, dep, me = self.period_picker.period(), self.department_id(), self.session.staff.id
        pending = self.pending_check.isChecked()
        name = f"问责清单-{period.label}-{self.department_box.currentText()}"
        target = ask_save_path(self, self.tr("导出问责清单"), name, ".xlsx")
        if target is None:
            return

        def job() -> None:
            data = accountability_data(period, dep, include_pending=pending, actor_id=me)
            export_tables(accountability_tables(data), target, actor_id=me)

        self._run(self.tr("正在导出…"), job, lambda _r: self._saved(str(target)))

    def _saved(self, path: str) -> None:
        self.state_label.setText(self.tr("已保存：{path}").format(path=path))
        self.exported.emit(path)


def register_pages(window: Any) -> None:
    """Add 责任追究 (Ctrl+5) when the signed-in role may review violations."""
    if not window.session.can("review_violations"):
        return
    page = AccountabilityPage(window.session, window)
    page.case_activated.connect(window.show_case)
    window.add_page("accountability", page.tr("责任追究"), page, "Ctrl+5")
