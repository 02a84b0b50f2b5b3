"""数据保留: how many years each kind of finished case keeps the visitor's identity, how many
cases are past that now, and the audited anonymisation that blanks them."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.admin.retention import (
    DEFAULT_RETENTION_YEARS,
    FALLBACK_YEARS,
    MAX_YEARS,
    anonymise_expired,
    configured_years,
    count_expired,
    save_retention_years,
)
from core.errors import DomainError
from core.infra.storage import StorageError
from core.vocab import KINDS
from gui.admin.page import Prompts, button
from gui.errors import notify, show_error
from gui.forms.intake_widgets import HINT_STYLE, OK_STYLE
from gui.ops import run_in_background
from gui.session import Session

log = logging.getLogger(__name__)


class RetentionTab(QWidget):
    """One row per kind: years kept (editable), the default, and cases past it now."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kinds = list(KINDS)
        self.spins: dict[str, QSpinBox] = {}
        self.expired: dict[str, int] = {}
        intro = QLabel(self.tr(
            "办结（或已告知去向）的事项超过保存年限后，来访人的姓名、电话、单位和证件号码将被清除；"
            "事项编号、办理记录和统计数字保留。每次清除都记入审计日志，不可撤销。"), self)
        intro.setWordWrap(True)
        intro.setStyleSheet(HINT_STYLE)
        self.table = QTableWidget(len(self.kinds), 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("事项类型"), self.tr("保存年限（年）"), self.tr("已超期且仍含身份信息")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, kind in enumerate(self.kinds):
            name = QTableWidgetItem(KINDS[kind].text(session.lang))
            self.table.setItem(row, 0, name)
            spin = QSpinBox(self.table)
            spin.setRange(1, MAX_YEARS)
            spin.setToolTip(self.tr("默认 {years} 年").format(
                years=DEFAULT_RETENTION_YEARS.get(kind, FALLBACK_YEARS)))
            self.spins[kind] = spin
            self.table.setCellWidget(row, 1, spin)
            count = QTableWidgetItem("…")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 2, count)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 140)
        self.table.setColumnWidth(2, 220)
        self.table.setMaximumWidth(760)
        self.status = QLabel(self)
        self.save_button = button(self.tr("保存年限"), self, self.save)
        self.run_button = button(self.tr("清除超期身份信息…"), self, self.anonymise,
                                 self.tr("按上表年限清除，分批进行，每批记入审计日志"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.run_button)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Periods from the settings now; the counts (a scan of finished cases) in the background."""
        try:
            years = configured_years()
        except (DomainError, StorageError) as exc:
            show_error(self, exc, self.session.lang)
            return
        for kind, spin in self.spins.items():
            spin.setValue(years[kind])
        self.count()

    def count(self) -> None:
        self.run_button.setEnabled(False)
        self.status.setStyleSheet(HINT_STYLE)
        self.status.setText(self.tr("正在统计…"))
        run_in_background(count_expired, self._counted, self._failed)

    def _counted(self, counts: dict[str, int]) -> None:
        self.expired = counts
        for row, kind in enumerate(self.kinds):
            self.table.item(row, 2).setText(f"{counts.get(kind, 0):,}")
        total = sum(counts.values())
        self.run_button.setEnabled(total > 0)
        self.status.setText(self.tr("共 {n} 件超期").format(n=f"{total:,}") if total
                            else self.tr("没有超期事项"))

    def _failed(self, exc: BaseException) -> None:
        self.status.clear()
        show_error(self, exc, self.session.lang)

    def years(self) -> dict[str, int]:
        return {kind: spin.value() for kind, spin in self.spins.items()}

    def save(self) -> bool:
        try:
            save_retention_years(self.session.staff.id, self.years())
        except (DomainError, StorageError) as exc:
            show_error(self, exc, self.session.lang)
            return False
        self.reload()
        self.status.setStyleSheet(OK_STYLE)
        self.status.setText(self.tr("保存年限已保存"))
        return True

    def anonymise(self) -> None:
        if self.years() != configured_years() and not self.save():
            return  # the table shows what will be applied: save it first
        total = sum(self.expired.values())
        text = self.tr("将清除 {n} 件超期事项的来访人身份信息（姓名、电话、单位、证件号码）。"
                       "事项和办理记录保留，清除不可撤销。\n\n确定清除吗？").format(n=f"{total:,}")
        if not Prompts.confirm(self, self.tr("清除超期身份信息"), text):
            return
        self.run_button.setEnabled(False)
        self.save_button.setEnabled(False)
        me = self.session.staff.id
        run_in_background(lambda: anonymise_expired(me), self._done, self._run_failed)

    def _done(self, count: int) -> None:
        self.save_button.setEnabled(True)
        notify(self, self.tr("清除超期身份信息"),
               self.tr("已清除 {n} 件事项的来访人身份信息。").format(n=f"{count:,}"))
        self.reload()

    def _run_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        show_error(self, exc, self.session.lang)
        self.reload()
