"""Pieces of the detail pane: the case header, coloured chips, time-left wording and a wrapping
row of buttons."""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMargins, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from core.admin.catalogue import ItemInfo
from core.cases.detail import CaseDetail
from core.cases.due import DueInfo, due_words
from core.cases.privacy import Identity
from core.vocab import CHANNELS, EVALUATIONS, KINDS, STATUSES
from gui.forms.intake_widgets import HINT_STYLE, WARN_STYLE

if TYPE_CHECKING:
    from core.register import Register


log = logging.getLogger(__name__)

# due_state -> (foreground, background); the text always says the same as the colour.
DUE_COLOURS: dict[str, tuple[str, str]] = {
    "overdue": ("#ffffff", "#c62828"),
    "due_soon": ("#3d2a00", "#ffc94d"),
    "paused": ("#27323f", "#cfd8e3"),
    "ok": ("#1b4d1e", "#d7efd8"),
    "none": ("#27323f", "#e6e9ee"),
}
STATUS_COLOURS = ("#0d3c61", "#dbe9f6")


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


class Span(QObject):
    """Counted units with plural forms: lupdate marks only tr() in a class as numerus, never
    QCoreApplication.translate(..., n)."""

    def working_days(self, n: int) -> str:
        return self.tr("%n 个工作日", "", n)

    def calendar_days(self, n: int) -> str:
        return self.tr("%n 个自然日", "", n)

    def days(self, n: int, unit: str) -> str:
        """Working or calendar days (core.admin.guide_values units)."""
        return self.calendar_days(n) if unit == "calendar" else self.working_days(n)

    def hours(self, n: int) -> str:
        return self.tr("%n 小时", "", n)

    def minutes(self, n: int) -> str:
        return self.tr("%n 分钟", "", n)


def days_text(item: ItemInfo) -> str:
    """即办件, the promise, or the statutory limit (法定) when the guide promises nothing."""
    if item.instant:
        return QCoreApplication.translate("ItemBrowser", "即办件")
    if item.promised_days:
        return Span().working_days(item.promised_days)
    if item.legal_days:
        return QCoreApplication.translate("ItemBrowser", "法定 {days}").format(
            days=Span().days(item.legal_days, item.legal_unit))
    return QCoreApplication.translate("ItemBrowser", "未规定")


def duration_text(minutes: int) -> str:
    """An acceptance delay: 47 分钟 / 2 小时 5 分钟."""
    if minutes < 60:
        return Span().minutes(minutes)
    hours, rest = divmod(minutes, 60)
    text = Span().hours(hours)
    return text + " " + Span().minutes(rest) if rest else text


def time_left_text(d: CaseDetail, minutes_per_day: int, lang: str = "zh") -> str:
    """剩 1 个工作日 / 超期 3 小时 / 暂停（待补正） / 已办结 — for the header chip, in the words
    of core's one due-state rule (the list's due cell says the same)."""
    if d.due_state == "none":
        if d.status in ("resolved", "notified", "closed"):
            return STATUSES[d.status].text(lang)
        if d.status == "referred":
            return translate("DetailPane", "已结束")
        return translate("DetailPane", "无时限")
    return due_words(DueInfo(d.due_state, d.remaining_minutes, d.due_at), minutes_per_day, lang)


class Chip(QLabel):
    """A rounded label with a background colour (always alongside the words)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def set_chip(self, text: str, fg: str, bg: str, state: str = "") -> None:
        self.setText(text)
        self.setProperty("state", state)
        self.setStyleSheet(f"QLabel {{ color: {fg}; background: {bg}; border-radius: 4px; "
                           "padding: 2px 8px; font-weight: bold; }")


class FlowLayout(QLayout):
    """Widgets left to right, wrapping to a new line when the row is full (Qt's flow example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._do_layout(QRect(0, 0, width, 0), test_only=True)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._do_layout(rect, test_only=False)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m: QMargins = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _do_layout(self, rect: QRect, *, test_only: bool) -> int:
        """Place the items line by line; each line's items are centred on it vertically (a
        check box beside a combo box lines up)."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x, y, line_height, heights = area.x(), area.y(), 0, []
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            gap = self._spacing if self._spacing >= 0 else (widget.style().pixelMetric(
                QStyle.PixelMetric.PM_LayoutHorizontalSpacing) if widget else 6)
            if x + hint.width() > area.right() + 1 and line_height > 0:
                heights.append(line_height)
                lines.append([])
                x = area.x()
                y += line_height + gap
                line_height = 0
            lines[-1].append((item, hint))
            x += hint.width() + gap
            line_height = max(line_height, hint.height())
        heights.append(line_height)
        if not test_only:
            top = area.y()
            for line, height in zip(lines, heights, strict=True):
                left = area.x()
                for item, hint in line:
                    item.setGeometry(QRect(QPoint(left, top + (height - hint.height()) // 2),
                                           hint))
                    left += hint.width() + (self._spacing if self._spacing >= 0 else 6)
                top += height + (self._spacing if self._spacing >= 0 else 6)
        return y + line_height - rect.y() + m.bottom()


def flow_bar(parent: QWidget, items: list[QWidget | tuple[QWidget, ...]],
             spacing: int = 6) -> QWidget:
    """A row of controls that wraps onto a second line in a narrow window instead of making
    the window wider; a tuple stays together (a caption and its field, two dates)."""
    bar = QWidget(parent)
    flow = FlowLayout(bar, spacing)
    for item in items:
        if isinstance(item, tuple):
            group = QWidget(bar)
            row = QHBoxLayout(group)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            for w in item:
                row.addWidget(w)
            flow.addWidget(group)
        else:
            flow.addWidget(item)
    return bar


class CaseHeader(QWidget):
    """Number, status and time left (colour and words), then visitor, item, people, materials."""

    def __init__(self, lang: str, register: Register, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.register = register
        header = self._header()
        grid = self._field_grid()
        self._returned_banner()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(header)
        outer.addWidget(self.returned_banner)
        outer.addLayout(grid)

    def _header(self) -> QHBoxLayout:
        """The case number, its status and due chips, and a warning on the right."""
        self.number_label = QLabel(self)
        self.number_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_chip = Chip(self)
        self.due_chip = Chip(self)
        self.due_chip.setObjectName("due_chip")
        self.due_label = QLabel(self)
        self.warning_label = QLabel(self)
        self.warning_label.setStyleSheet(WARN_STYLE)
        self.fields: dict[str, QLabel] = {}
        self.reveal_button = QPushButton(self.tr("显示完整信息"), self)
        self.reveal_button.setObjectName("reveal_identity")
        self.reveal_button.setFlat(True)
        self.reveal_button.setStyleSheet("QPushButton { color: #0d5aa7; padding: 0 4px; }")
        self.reveal_button.setToolTip(self.tr("完整电话和证件号码；每次查看记入审计日志"))
        self.reveal_button.hide()
        header = QHBoxLayout()
        header.setSpacing(10)
        for w in (self.number_label, self.status_chip, self.due_chip, self.due_label):
            header.addWidget(w)
        header.addStretch(1)
        header.addWidget(self.warning_label)
        return header

    def _field_grid(self) -> QGridLayout:
        """Caption and value for each field; the visitor's with its "show in full" button."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        rows = [
            [("visitor", self.tr("来访人")), ("unit", self.tr("单位"))],
            [("kind", self.tr("渠道/类型")), ("item", self.tr("办事事项"))],
            [("first_owner", self.tr("首问责任人")), ("handler", self.tr("承办"))],
            [("subject", self.tr("事项"))],
            [("materials", self.tr("材料"))],
            [("result", self.tr("办理结果"))],
        ]
        for r, pairs in enumerate(rows):
            for c, (key, caption) in enumerate(pairs):
                label = QLabel(caption, self)
                label.setStyleSheet(HINT_STYLE)
                value = QLabel(self)
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.fields[key] = value
                self.fields["caption_" + key] = label
                span = 1 if len(pairs) > 1 else 3
                grid.addWidget(label, r, c * 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                if key == "visitor":  # the name and masked phone, then "show in full"
                    cell = QHBoxLayout()
                    cell.setSpacing(6)
                    cell.addWidget(value)
                    cell.addWidget(self.reveal_button)
                    cell.addStretch(1)
                    grid.addLayout(cell, r, c * 2 + 1, 1, span)
                else:
                    grid.addWidget(value, r, c * 2 + 1, 1, span)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return grid

    def _returned_banner(self) -> None:
        """退回: the receiver's reason, where the first owner reads it before deciding again."""
        self.returned_banner = QLabel(self)
        self.returned_banner.setObjectName("returned_banner")
        self.returned_banner.setWordWrap(True)
        self.returned_banner.setStyleSheet(
            "QLabel { color: #7a1f1f; background: #fdecea; border: 1px solid #f5c2c0; "
            "border-radius: 4px; padding: 4px 8px; }")
        self.returned_banner.hide()

    def fill(self, d: CaseDetail) -> None:
        lang = self.lang
        self.number_label.setText(d.number)
        status = STATUSES[d.status].text(lang) if d.status in STATUSES else d.status
        self.status_chip.set_chip(status, *STATUS_COLOURS, state=d.status)
        per_day = self.register.calendar().hours.minutes_per_day
        self.due_chip.set_chip(time_left_text(d, per_day, self.lang), *DUE_COLOURS.get(
                               "due_soon" if d.due_state == "due_today" else d.due_state,
                               DUE_COLOURS["none"]), state=d.due_state)
        self.due_label.setText(self.tr("到期 {due}").format(due=d.due_at.strftime("%Y-%m-%d %H:%M"))
                               + (self.tr("（已延期）") if d.extended else "") if d.due_at else "")
        self.warning_label.setText(self.tr("⚠ 到期年份缺少官方节假日安排") if d.calendar_warning else "")
        returned_by = next((e for e in reversed(d.timeline) if e.type == "returned"), None)
        if d.status == "returned" and returned_by is not None:
            self.returned_banner.setText(self.tr("已被 {who} 退回：{reason}").format(
                who=returned_by.from_name or returned_by.actor, reason=d.returned_reason or "—"))
        self.returned_banner.setVisible(d.status == "returned" and returned_by is not None)
        f = self.fields
        if d.anonymous:
            f["visitor"].setText(self.tr("匿名"))
        else:
            f["visitor"].setText(" ".join(x for x in (d.visitor_name, d.visitor_phone_masked) if x)
                                 or "—")
        f["unit"].setText(d.visitor_unit or "—")
        channel = CHANNELS[d.channel].text(lang) if d.channel in CHANNELS else d.channel
        kind = KINDS[d.kind].text(lang) if d.kind in KINDS else d.kind
        visits = self.tr(" · 来访 %n 次", "", d.visit_count) if d.visit_count > 1 else ""
        f["kind"].setText(f"{channel} · {kind}{visits}")
        f["item"].setText(self.tr("{name}（v{version}）· {department}").format(
            name=d.item.name, version=d.item.version, department=d.item.department)
                          if d.item else "—")
        f["first_owner"].setText(d.first_owner)
        handler = d.handler or "—"
        if d.status == "transferred" and d.pending:
            handler = self.tr("待签收：{who}").format(who=d.pending)
        elif d.department:
            handler = self.tr("{handler}（{department}）").format(handler=handler,
                                                                 department=d.department)
        f["handler"].setText(handler)
        f["subject"].setText(d.subject + (f" — {d.description}" if d.description else ""))
        f["subject"].setToolTip(d.description)
        f["materials"].setText(self.materials_html(d))
        result = d.result
        if d.referral_place:
            result = self.tr("去向：{place}").format(place=d.referral_place) + (
                self.tr("（{contact}）").format(contact=d.referral_contact)
                if d.referral_contact else "")
        if d.evaluation in EVALUATIONS:
            result += ("；" if result else "") + self.tr("评价：{level}").format(
                level=EVALUATIONS[d.evaluation].text(lang))
        f["result"].setText(result)
        for key in ("result",):
            f[key].setVisible(bool(result))
            f["caption_" + key].setVisible(bool(result))

    def show_identity(self, identity: Identity) -> None:
        """After an audited reveal: the full name, phone and ID number until the next case."""
        parts = [identity.name, identity.phone]
        if identity.id_number:
            parts.append(self.tr("证件号 {number}").format(number=identity.id_number))
        self.fields["visitor"].setText(" ".join(x for x in parts if x) or "—")
        self.reveal_button.hide()

    def materials_html(self, d: CaseDetail) -> str:
        if not d.materials:
            return "—"
        parts = []
        for m in d.materials:
            kind = self.tr("原件") if m.original else self.tr("复印件")
            text = (self.tr("{name} {kind}{copies}份 {pages}页") if m.pages
                    else self.tr("{name} {kind}{copies}份")).format(
                name=m.name, kind=kind, copies=m.copies, pages=m.pages)
            mark = ('<span style="color:#2e7d32">✓</span>' if m.received
                    else '<span style="color:#c62828"><b>' + html.escape(self.tr("缺")) + "</b></span>")
            parts.append(f'<span style="white-space:nowrap">{html.escape(text)} {mark}</span>')
        return " · ".join(parts)
