"""One violation under review: who, what, the evidence (in the screen's language), the
decision, and the case's history with the steps the rule is about highlighted."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.cases.detail import case_detail
from core.cases.queries import find_by_number
from core.supervision.accountability import RULES, SANCTIONS, ViolationInfo, evidence_text
from gui.desk.detail_widgets import Chip, flow_bar
from gui.desk.timeline_view import TimelineView
from gui.forms.intake_widgets import HINT_STYLE
from gui.session import Session

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
        self.title.setWordWrap(True)  # a long rule name wraps on a narrow screen
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
        buttons = flow_bar(self, [self.confirm_button, self.dismiss_button, self.open_button])
        self.history_caption = QLabel(self)
        self.history_caption.setStyleSheet(HINT_STYLE)
        self.timeline = TimelineView(session.lang, self)
        content = QWidget(self)
        col = QVBoxLayout(content)
        col.setContentsMargins(8, 0, 0, 0)
        col.addLayout(head)
        col.addLayout(form)
        col.addWidget(buttons)
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
                ("at", f"{v.occurred_at:%Y-%m-%d %H:%M}"),
                ("evidence", evidence_text(v.evidence, lang)),
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
