"""A case's history as a timeline: time, actor, action, from → to, acceptance, note."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from core.cases.detail import CaseDetail, TimelineEntry
from core.vocab import EVALUATIONS, EVENT_TYPES, NOTIFY_METHODS, TRANSFERRED
from gui.desk.detail_widgets import duration_text

log = logging.getLogger(__name__)

TIME, ACTOR, ACTION, ROUTE, ACCEPTED, NOTE = range(6)
HANDOVERS = ("transferred", "assigned", "safety_escalated")
NEXT_STEP = ("accepted", "returned", "transferred", "assigned", "auto_escalated")
PENDING_COLOUR = "#a15c00"
EVENT_COLOURS = {"returned": "#c62828", "auto_escalated": "#c62828", "accepted": "#2e7d32",
                 "resolved": "#2e7d32", "urged": "#a15c00"}


class TimelineView(QTreeWidget):
    """Read-only, newest last (the order things happened); hover a row for the full note."""

    def __init__(self, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setHeaderLabels([self.tr("时间"), self.tr("办理人"), self.tr("环节"),
                              self.tr("从 → 至"), self.tr("签收"), self.tr("说明")])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(True)
        for col in (TIME, ACTOR, ACTION, ROUTE, ACCEPTED):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

    def set_case(self, d: CaseDetail | None) -> None:
        self.clear()
        if d is None:
            return
        entries = d.timeline
        for i, e in enumerate(entries):
            route = " → ".join(x for x in (e.from_name, e.to_name) if x)
            if e.from_name and not e.to_name:
                route = e.from_name + " →"
            item = QTreeWidgetItem([
                e.at.strftime("%m-%d %H:%M"), e.actor, self._label(e), route,
                self._acceptance(e, entries[i + 1:], d.status), self.note_text(e),
            ])
            item.setToolTip(TIME, e.at.strftime("%Y-%m-%d %H:%M:%S"))
            item.setToolTip(NOTE, self.note_text(e))
            item.setData(0, Qt.ItemDataRole.UserRole, e.type)
            colour = EVENT_COLOURS.get(e.type)
            if colour:
                item.setForeground(ACTION, QBrush(QColor(colour)))
            bold = QFont(item.font(ACTION))
            bold.setBold(True)
            item.setFont(ACTION, bold)
            if item.text(ACCEPTED) == self.tr("尚未签收"):
                item.setForeground(ACCEPTED, QBrush(QColor(PENDING_COLOUR)))
            self.addTopLevelItem(item)
        if entries:
            self.scrollToItem(self.topLevelItem(len(entries) - 1))

    def _label(self, e: TimelineEntry) -> str:
        term = EVENT_TYPES.get(e.type)
        return term.text(self.lang) if term else e.label

    def _acceptance(self, e: TimelineEntry, later: tuple[TimelineEntry, ...], status: str) -> str:
        """For hand-overs: 签收于 10:02（47 分钟）, 尚未签收, or what happened instead."""
        if e.type not in HANDOVERS:
            return ""
        if e.accepted_at is not None:
            when = e.accepted_at.strftime("%H:%M" if e.accepted_at.date() == e.at.date()
                                          else "%m-%d %H:%M")
            after = (self.tr("（{span}）").format(span=duration_text(e.accepted_after_minutes))
                     if e.accepted_after_minutes is not None else "")
            return self.tr("签收于 {when}").format(when=when) + after
        nxt = next((x for x in later if x.type in NEXT_STEP), None)
        if nxt is None:
            return self.tr("尚未签收") if status == TRANSFERRED else ""
        if nxt.type == "returned":
            return self.tr("被退回 {when}").format(when=nxt.at.strftime("%H:%M"))
        if nxt.type == "auto_escalated":
            return self.tr("未签收，已自动上报")
        return self.tr("未签收，已改派")

    def note_text(self, e: TimelineEntry) -> str:
        """The note, with what the event's data adds (missing materials, method, place …)."""
        parts = [e.note] if e.note else []
        data = e.data or {}
        if e.type == "awaiting_materials" and data.get("missing"):
            parts.append(self.tr("缺：{names}").format(names="、".join(data["missing"])))
        if e.type in ("notified", "contacted") and data.get("method") in NOTIFY_METHODS:
            parts.append(self.tr("方式：{method}").format(
                method=NOTIFY_METHODS[data["method"]].text(self.lang)))
        if e.type == "referred" and data.get("place"):
            contact = data.get("contact") or ""
            parts.append(self.tr("去向：{place}").format(place=data["place"])
                         + (self.tr("（联系：{contact}）").format(contact=contact) if contact else ""))
        if e.type == "extension_requested" and data.get("new_due"):
            parts.append(self.tr("申请延至 {due}").format(due=_short(data["new_due"])))
        if e.type == "extension_approved" and data.get("new_due"):
            parts.append(self.tr("新到期 {due}").format(due=_short(str(data["new_due"]))))
        if e.type == "materials_supplied" and data.get("new_due"):
            parts.append(self.tr("计时恢复，到期 {due}").format(due=_short(str(data["new_due"]))))
        if e.type == "hazard_verified" and data.get("new_due"):
            parts.append(self.tr("整改期限 {due}").format(due=_short(str(data["new_due"]))))
        if e.type == "evaluated" and data.get("level") in EVALUATIONS:
            parts.append(EVALUATIONS[data["level"]].text(self.lang))
        return "；".join(p for p in parts if p)

    def rows(self) -> list[list[str]]:
        """The visible text, row by row (tests and copying read it)."""
        return [[self.topLevelItem(r).text(c) for c in range(self.columnCount())]
                for r in range(self.topLevelItemCount())]


def _short(value: str) -> str:
    try:
        return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value
