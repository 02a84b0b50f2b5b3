"""我的待办: the signed-in person's inbox — one tab per section (returned to me, to accept,
to tell the visitor, to assign …) with counts and what is new since they last looked, over the
same paged case list as every other list. The sections are core's (core.cases.inbox)."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabBar, QWidget

from core.cases import inbox
from core.cases.inbox import SectionCount
from gui.desk.case_list import CaseListPage
from gui.forms.intake_widgets import HINT_STYLE
from gui.ops import run_in_background
from gui.session import Session

log = logging.getLogger(__name__)

# What each section asks of the person, shown under the tabs.
HINTS: dict[str, tuple[str, str]] = {
    "returned": ("承办部门认为不属其职责而退回，请重新判断：本人办理、改转其他部门或请示领导。"
                 "选中事项可见退回理由。",
                 "Sent back as misrouted: take it on, transfer it elsewhere or escalate. "
                 "Select a case to see why."),
    "to_accept": ("转给您或您所在部门的事项：请签收并尽快联系办事人，不属本部门的请退回并说明理由。",
                  "Handed to you or your department: accept and contact the visitor, or "
                  "return it with a reason."),
    "to_hand_over": ("已登记、待转交的事项：联系上承办人后转办，或本人办理。",
                     "Registered to hand over later: transfer it once you reach the "
                     "responsible person, or take it on."),
    "in_progress": ("您正在办理的事项，按到期时间排列。", "Cases you are handling, by due time."),
    "awaiting": ("等待办事人补正材料（时限暂停）；材料补齐后请点“材料已补齐”。",
                 "Waiting for the visitor's materials (clock paused)."),
    "to_notify": ("已办结，请将办理结果告知办事人并登记答复方式。",
                  "Resolved: tell the visitor the result and record how."),
    "to_close": ("已答复（或匿名已办结）：可登记评价，然后结案。",
                 "Told (or anonymous and resolved): record an evaluation, then close."),
    "follow_ups": ("差评整改：请回访办事人并登记整改情况。",
                   "Poor evaluations: call the visitor back and record the rectification."),
    "unclaimed": ("转给本部门、尚未签收的事项。", "Hand-overs to your department not yet accepted."),
    "dept_late": ("本部门已超期和今日到期的事项。", "Your department's overdue and due-today cases."),
    "dept_extensions": ("本部门等待领导审批的延期申请。",
                        "Your department's extension requests waiting for a leader."),
    "to_assign": ("请示领导或转办退回次数过多而自动上报的事项：请指派承办部门或人员。",
                  "Escalated by hand or automatically after too many hand-overs: assign them."),
    "extensions": ("待审批的延期申请。", "Extension requests to decide."),
    "rectifications": ("差评后的整改，督促按期回访。", "Rectifications after poor evaluations."),
    "overdue": ("全机构超期事项，可催办。", "Everything overdue in the organisation; urge."),
    "hazards": ("安全隐患报告：须在 24 小时内核实。", "Hazard reports: verify within 24 hours."),
    "accidents": ("安全事故：跟踪处置直至结案。", "Accidents: follow until closed."),
}


class InboxPage(CaseListPage):
    """A case list whose fixed filter is the chosen inbox section."""

    section_changed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        self.sections = inbox.sections_for(session.staff)
        self.current_section = self.sections[0].key if self.sections else ""
        first = (inbox.section_filter(self.current_section, session.staff)
                 if self.sections else None)
        super().__init__(session, first, parent)
        self.counts: dict[str, SectionCount] = {}
        self._chosen = False  # the person picked a tab: the counts no longer move them
        self._choosing = False
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("inbox_tabs")
        self.tabs.setExpanding(False)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabs.setDocumentMode(True)
        for section in self.sections:
            self.tabs.addTab(section.label.text(session.lang))
            self.tabs.setTabData(self.tabs.count() - 1, section.key)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.empty = QLabel(self.tr("没有等您处理的事项。"), self)
        self.empty.setStyleSheet(HINT_STYLE)
        self.empty.setVisible(not self.sections)  # the auditor: nothing ever waits
        row = QHBoxLayout()
        row.addWidget(self.tabs, 1)
        layout = self.layout()
        layout.insertLayout(0, row)  # type: ignore[attr-defined]
        layout.insertWidget(1, self.hint)  # type: ignore[attr-defined]
        layout.insertWidget(2, self.empty)  # type: ignore[attr-defined]
        self._show_hint()

    # ---- sections ----------------------------------------------------------------------
    def section_keys(self) -> list[str]:
        return [s.key for s in self.sections]

    def show_section(self, key: str) -> None:
        """Open a section from code (the person's own clicks mark their choice)."""
        if key in self.section_keys():
            self._choosing = True
            try:
                self.tabs.setCurrentIndex(self.section_keys().index(key))
            finally:
                self._choosing = False

    def _tab_changed(self, index: int) -> None:
        if not 0 <= index < len(self.sections):
            return
        key = self.sections[index].key
        if key == self.current_section:
            return
        self._chosen = self._chosen or not self._choosing
        self.current_section = key
        self._enter_section()
        self.section_changed.emit(key)

    def _enter_section(self) -> None:
        """Show the section; what arrived since the last look is marked, then it is seen."""
        key = self.current_section
        seen = inbox.last_seen(self.session.staff.id).get(key)
        self.model.new_since = seen if seen is not None else datetime.min
        self.set_base_filter(inbox.section_filter(key, self.session.staff))
        self._show_hint()
        self._mark_seen(key)

    def ensure_loaded(self) -> None:
        first = not self._loaded
        super().ensure_loaded()
        if first and self.current_section:
            seen = inbox.last_seen(self.session.staff.id).get(self.current_section)
            self.model.new_since = seen if seen is not None else datetime.min
            self._mark_seen(self.current_section)

    def _mark_seen(self, key: str) -> None:
        staff_id, at = self.session.staff.id, self.session.register.now()
        run_in_background(lambda: inbox.mark_seen(staff_id, key, at), lambda _r: None,
                          lambda exc: log.warning("inbox seen not saved: %s", exc))

    def _show_hint(self) -> None:
        self.hint.setText(self.session.text(HINTS.get(self.current_section, ("", ""))))
        self.hint.setVisible(bool(self.current_section))

    # ---- counts ------------------------------------------------------------------------
    def set_counts(self, counts: list[SectionCount]) -> None:
        """Tab texts with the section's size and its new arrivals (bold when any)."""
        self.counts = {c.key: c for c in counts}
        lang = self.session.lang
        current = self.counts.get(self.current_section)
        if not self._chosen and (current is None or not current.total):
            # Until the person picks a tab, open on the first section with something in it.
            first = next((s.key for s in self.sections
                          if self.counts.get(s.key) and self.counts[s.key].total), None)
            if first is not None:
                self.show_section(first)
        for i, section in enumerate(self.sections):
            c = self.counts.get(section.key)
            label = section.label.text(lang)
            if c is None:
                continue
            text = f"{label} {c.total}" if c.total else label
            if c.new and section.key != self.current_section:
                text += self.tr(" · 新 {n}").format(n=c.new)
            self.tabs.setTabText(i, text)
            # Empty sections step aside (a leader's desk would otherwise be all tabs).
            self.tabs.setTabVisible(i, bool(c.total) or section.key == self.current_section)
            self.tabs.setTabToolTip(i, self.session.text(HINTS.get(section.key, ("", ""))))
            self.tabs.setTabTextColor(i, self.palette().text().color() if c.total
                                      else self.palette().placeholderText().color())

    def total(self) -> int:
        return sum(c.total for c in self.counts.values())

    def new_total(self) -> int:
        return sum(c.new for k, c in self.counts.items() if k != self.current_section)
