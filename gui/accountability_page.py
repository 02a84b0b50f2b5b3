"""责任追究: detected violation candidates with their evidence and the case's history, confirm
or dismiss, complaints and commendations by hand, and the monthly accountability list."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
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
from gui.accountability_dialogs import CommendDialog, ComplaintDialog, ConfirmDialog, DismissDialog
from gui.action_widgets import StaffCombo
from gui.detail_widgets import Chip
from gui.intake_widgets import HINT_STYLE
from gui.session import Session
from gui.supervision_widgets import ReportPage, StatTableModel, menu_button, table_view
from gui.timeline_view import TimelineView

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

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
    return {"candidate": translate("AccountabilityPage", "待审核"),
            "confirmed": translate("AccountabilityPage", "已确认"),
            "dismissed": translate("AccountabilityPage", "已驳回")}.get(status, status)



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
        for w in (self.title, self.chip):
            head.addWidget(w)
        head.addStretch(1)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (("department", self.tr("部门")), ("case", self.tr("事项编号")),
                           ("at", self.tr("发生时间")), ("source", self.tr("来源")),
                           ("decision", self.tr("处理")), ("evidence", self.tr("证据"))):
            self.fields[key] = QLabel(self)
            self.fields[key].setWordWrap(True)
            self.fields[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, self.fields[key])
        self.fields["evidence"].setStyleSheet(
            "QLabel { background: #fff8e1; border: 1px solid #f0d58c; border-radius: 4px;"
            " padding: 6px 8px; font-size: 13px; }")
        self.confirm_button = QPushButton(self.tr("确认并处理…"), self)
        self.confirm_button.setStyleSheet("font-weight: bold;")
        self.confirm_button.clicked.connect(self.confirm_requested)
        self.dismiss_button = QPushButton(self.tr("驳回…"), self)
        self.dismiss_button.clicked.connect(self.dismiss_requested)
        self.open_button = QPushButton(self.tr("打开事项"), self)
        self.open_button.setFlat(True)
        self.open_button.setStyleSheet("QPushButton { color: #0d5aa7; padding: 2px 6px; }")
        self.open_button.clicked.connect(lambda: self.case_id and self.case_activated.emit(self.case_id))
        buttons = QHBoxLayout()
        for w in (self.confirm_button, self.dismiss_button):
            buttons.addWidget(w)
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
        for key, text in (
                ("department", department or "—"), ("case", v.case_number or "—"),
                ("at", f"{v.occurred_at:%Y-%m-%d %H:%M}"), ("evidence", v.evidence),
                ("source", self.tr("投诉查实") if v.source == "complaint" else self.tr("系统检测")),
                ("decision", decision.get(v.status, self.tr("尚未审核")))):
            self.fields[key].setText(text)
        for button in (self.confirm_button, self.dismiss_button):
            button.setVisible(v.status == "candidate")
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


class AccountabilityPage(ReportPage):
    """The review desk for supervisors; every write goes through core.accountability."""

    case_activated = Signal(int)
    violations_loaded = Signal(int)  # rows shown (tests wait for it)
    detected = Signal(int)  # candidates added by 检测

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
        self._build()

    def _build(self) -> None:
        self.status_box = QComboBox(self)
        for text, key in ((self.tr("待审核"), "candidate"), (self.tr("已确认"), "confirmed"),
                          (self.tr("已驳回"), "dismissed"), (self.tr("全部状态"), None)):
            self.status_box.addItem(text, key)
        self.staff_box = StaffCombo(self, none_text=self.tr("全部人员"))
        self.staff_box.load(self.staff)
        self.staff_box.set_department(self.department_id())
        filters = QHBoxLayout()
        filters.addWidget(self.period_picker)
        for label, widget in ((self.tr("部门"), self.department_box),
                              (self.tr("状态"), self.status_box), (self.tr("人员"), self.staff_box)):
            filters.addSpacing(8)
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addStretch(1)
        self.detect_button = QPushButton(self.tr("检测违规"), self)
        self.detect_button.setToolTip(self.tr("从办理记录中找出本期的超时移交、超时签收、超期未办结等情形"))
        self.detect_button.setStyleSheet("font-weight: bold;")
        self.detect_button.clicked.connect(self.detect)
        self.complaint_button = QPushButton(self.tr("登记投诉…"), self)
        self.complaint_button.clicked.connect(self.record_complaint)
        self.commend_button = QPushButton(self.tr("登记表扬…"), self)
        self.commend_button.clicked.connect(self.record_commendation)
        self.commend_button.setEnabled(self.session.can("record_commendation"))
        self.busy_buttons += [self.detect_button, self.complaint_button]
        self.pending_check = QCheckBox(self.tr("清单列出待审核"), self)
        self.list_button = menu_button(self, self.tr("问责清单 PDF"), (
            (self.tr("预览并打印…"), self.preview_list), (self.tr("另存为 PDF…"), self.save_list)))
        self.export_button = QPushButton(self.tr("导出 Excel…"), self)
        self.export_button.clicked.connect(self.export_list)
        actions = QHBoxLayout()
        for w in (self.detect_button, self.complaint_button, self.commend_button, self.busy):
            actions.addWidget(w)
        actions.addWidget(self.state_label, 1)
        for w in (self.pending_check, self.list_button, self.export_button):
            w.setEnabled(self.session.can("export"))
            actions.addWidget(w)
        self.table = table_view(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.model.modelReset.connect(self._fit_columns)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.panel = ViolationPanel(self.session, self)
        self.panel.confirm_requested.connect(self.confirm_current)
        self.panel.dismiss_requested.connect(self.dismiss_current)
        self.panel.case_activated.connect(self.case_activated)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        for w in (self.table, self.panel):
            body.addWidget(w)
        body.setChildrenCollapsible(False)
        body.setSizes([800, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(body, 1)
        self.period_picker.changed.connect(self.load)
        self.department_box.currentIndexChanged.connect(self._department_changed)
        self.status_box.currentIndexChanged.connect(lambda _i: self.load())
        self.staff_box.currentIndexChanged.connect(lambda _i: self.load())

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

    def _show(self, generation: int, rows: list[ViolationInfo]) -> None:
        if generation != self._generation:
            return
        self.rows = {v.id: v for v in rows}
        self.model.set_table(self.as_table(rows), tuple(v.id for v in rows),
                             {status_text(k): c for k, c in STATUS_COLOURS.items()})
        pending = sum(v.status == "candidate" for v in rows)
        self.state_label.setText(self._note + self.tr("共 {n} 条，其中待审核 {p} 条").format(
            n=len(rows), p=pending))
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
                                v.case_number, v.occurred_at, v.evidence, done(v)) for v in rows))

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
    def detect(self) -> None:
        period = self.period_picker.period()
        self.run_job(self.tr("正在检测 {period}…").format(period=period.label),
                     lambda: acc.sync_candidates(period.since, period.until), self._detected)

    def _detected(self, added: int) -> None:
        self._set_status("candidate")
        self._note = self.tr("检测完成：新增 {n} 条待审核。").format(n=added)
        self.load()
        self.detected.emit(added)

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
        name = self.tr("问责清单") + f"-{period.label}-{self.department_box.currentText()}"
        return name, {"period": period, "department_id": self.department_id(),
                      "include_pending": self.pending_check.isChecked(),
                      "actor_id": self.session.staff.id}

    def preview_list(self) -> None:
        name, args = self._list_args()
        self.preview_pdf(self.tr("问责清单"), name + ".pdf",
                         lambda: render_accountability_list(fmt="a4", **args))

    def save_list(self) -> None:
        name, args = self._list_args()
        self.save_file(self.tr("问责清单另存为 PDF"), name, ".pdf",
                       lambda path: path.write_bytes(render_accountability_list(fmt="a4", **args)))

    def export_list(self) -> None:
        name, args = self._list_args()
        self.save_file(self.tr("导出问责清单"), name, ".xlsx", lambda path: export_tables(
            accountability_tables(accountability_data(**args)), path, actor_id=args["actor_id"]))


def register_pages(window: Any) -> None:
    """Add 责任追究 (Ctrl+5) when the signed-in role may review violations."""
    if not window.session.can("review_violations"):
        return
    page = AccountabilityPage(window.session, window)
    page.case_activated.connect(window.show_case)
    window.add_page("accountability", translate("AccountabilityPage", "责任追究"), page, "Ctrl+5")
