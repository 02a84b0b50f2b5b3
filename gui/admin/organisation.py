"""机构设置: name and contacts, the preset, the time limits, office hours, windows and the slip's
wording — checked in core and saved to the database (the command line sees them too)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from core.admin.organisation import OrgInfo, org_info, save_settings
from core.admin.presets import preset_names
from core.admin.settings import OrgSettings
from core.admin.staff_admin import LIMITS, apply_preset, check_org_info, check_settings
from core.errors import DomainError, Term
from core.infra.storage import StorageError
from core.vocab import KINDS
from gui.admin.page import ListEditor, Prompts, button, row_widget
from gui.errors import notify, show_error
from gui.forms.intake_widgets import HINT_STYLE, OK_STYLE, FieldMessage, add_field
from gui.session import Session

log = logging.getLogger(__name__)

HOURS = ("transfer_within_hours", "accept_within_hours", "warn_hours")  # fractional limits
OFFICE = ("office_start", "lunch_start", "lunch_end", "office_end")
FORMATS = ("a4", "a5", "80mm")


class OrgSettingsTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.messages: dict[str, FieldMessage] = {}
        self.limit_spins: dict[str, QSpinBox | QDoubleSpinBox] = {}
        self.kind_spins: dict[str, QSpinBox] = {}
        self.time_edits: dict[str, QTimeEdit] = {}
        self.info: OrgInfo | None = None
        self._build()
        self.reload()

    # ---- layout ----------------------------------------------------------------------------
    def _group(self, title: str, *, compact: bool = False) -> tuple[QGroupBox, QGridLayout]:
        """Text fields stretch; a compact group keeps its short number boxes to the left."""
        box = QGroupBox(title, self)
        grid = QGridLayout(box)
        grid.setColumnStretch(4 if compact else 1, 1)
        return box, grid

    def _field(self, grid: QGridLayout, label: str, widget: QWidget, key: str,
               col: int = 0) -> Any:
        row = grid.rowCount() if col == 0 else grid.rowCount() - 1
        if isinstance(widget, QSpinBox | QDoubleSpinBox | QTimeEdit):
            widget.setFixedWidth(96)  # a number, not a sentence: keep the box short
        self.messages[key] = add_field(grid, row, col, label, widget)
        return widget

    def _build(self) -> None:
        org, preset, limits, kinds, hours, windows, slip = (
            self._org_box(), self._preset_box(), self._limits_box(), self._kinds_box(),
            self._hours_box(), self._windows_box(), self._slip_box())
        self.messages["general"] = FieldMessage(self)
        self.saved_label = QLabel(self)
        self.saved_label.setStyleSheet(OK_STYLE)
        body = QWidget(self)
        columns = QHBoxLayout(body)
        for boxes in ((org, preset, slip, windows), (limits, hours, kinds)):
            column = QVBoxLayout()
            for box in boxes:
                column.addWidget(box)
            column.addStretch(1)
            columns.addLayout(column, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        bar = QHBoxLayout()
        bar.addWidget(self.messages["general"])
        bar.addWidget(self.saved_label)
        bar.addStretch(1)
        bar.addWidget(button(self.tr("撤销修改"), self, self.reload))
        self.save_button = button(self.tr("保存设置"), self, self.save)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bar)

    def _org_box(self) -> QGroupBox:
        """The group of name, address and telephone."""
        org, g = self._group(self.tr("机构信息"))
        self.name_edit = self._field(g, self.tr("机构名称"), QLineEdit(self), "org_name")
        self.address_edit = self._field(g, self.tr("地址"), QLineEdit(self), "address")
        self.phone_edit = self._field(g, self.tr("电话"), QLineEdit(self), "phone")
        return org

    def _preset_box(self) -> QGroupBox:
        """The group of the organisation's type and applying a preset."""
        lang = self.session.lang
        preset, g = self._group(self.tr("机构类型与预设"))
        self.profile_label = QLabel(self)
        self.preset_box = QComboBox(self)
        for key, zh, en in preset_names():
            self.preset_box.addItem(Term(zh, en).text(lang), key)
        self._field(g, self.tr("当前类型"), self.profile_label, "profile")
        self._field(g, self.tr("改用预设"), row_widget(
            self, self.preset_box, button(self.tr("应用预设…"), self, self.apply_preset), stretch=0),
            "preset")
        hint = QLabel(self.tr("预设包含时限、事项类型、渠道、用语和窗口列表；机构名称和单据文字保持不变。"), self)
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        g.addWidget(hint, g.rowCount(), 1)
        return preset

    def _limits_box(self) -> QGroupBox:
        """The group of the time limits and rules."""
        lang = self.session.lang
        limits, g = self._group(self.tr("时限与规则"), compact=True)
        for key, (term, low, high) in LIMITS.items():
            spin: QSpinBox | QDoubleSpinBox = QDoubleSpinBox(self) if key in HOURS else QSpinBox(self)
            if isinstance(spin, QDoubleSpinBox):
                spin.setDecimals(1)
                spin.setSingleStep(0.5)
            spin.setRange(low, high)  # type: ignore[arg-type]
            self.limit_spins[key] = self._field(g, term.text(lang), spin, key)
        return limits

    def _kinds_box(self) -> QGroupBox:
        """The group of each kind of matter's default time limit."""
        lang = self.session.lang
        kinds, g = self._group(self.tr("各类事项默认办理时限（工作日）"), compact=True)
        for i, (code, term) in enumerate(KINDS.items()):
            spin = QSpinBox(self)
            spin.setRange(0, 365)
            spin.setSpecialValueText(self.tr("立即"))
            self.kind_spins[code] = self._field(g, term.text(lang), spin, f"kind_days.{code}",
                                                2 * (i % 2))
        return kinds

    def _hours_box(self) -> QGroupBox:
        """The group of office hours (working time limits count them)."""
        hours, g = self._group(self.tr("办公时间（计算工作时限）"), compact=True)
        for key, label in zip(OFFICE, (self.tr("上班"), self.tr("午休开始"), self.tr("午休结束"),
                                       self.tr("下班")), strict=True):
            edit = QTimeEdit(self)
            edit.setDisplayFormat("HH:mm")
            self.time_edits[key] = self._field(g, label, edit, key, 2 if key in OFFICE[1::2] else 0)
        return hours

    def _windows_box(self) -> QGroupBox:
        """The group of the service windows."""
        windows, g = self._group(self.tr("窗口"))
        self.windows_edit = self._field(g, self.tr("窗口列表"), ListEditor(self.tr("窗口名称"), self),
                                        "windows")
        self.windows_edit.setFixedHeight(150)
        g.addLayout(self.windows_edit.buttons(), g.rowCount(), 1)
        return windows

    def _slip_box(self) -> QGroupBox:
        """The group of the slips' paper and words."""
        slip, g = self._group(self.tr("单据格式与文字"))
        self.enquiry_edit = self._field(g, self.tr("咨询电话"), QLineEdit(self), "enquiry_phone")
        self.pickup_edit = self._field(g, self.tr("取件地点"), QLineEdit(self), "pickup_place")
        self.footer_edit = self._field(g, self.tr("页脚文字"), QPlainTextEdit(self), "slip_footer")
        self.footer_edit.setFixedHeight(56)
        self.logo_edit = QLineEdit(self)
        self._field(g, self.tr("标志图片"), row_widget(
            self, self.logo_edit, button(self.tr("浏览…"), self, self._browse_logo), stretch=0),
            "logo_path")
        self.format_box = QComboBox(self)
        for fmt, text in zip(FORMATS, (self.tr("A4 纸"), self.tr("A5 纸"), self.tr("80 毫米小票")),
                             strict=True):
            self.format_box.addItem(text, fmt)
        self._field(g, self.tr("默认格式"), self.format_box, "slip_format")
        return slip

    def _browse_logo(self) -> None:
        path = Prompts.open_path(self, self.tr("选择标志图片"), self.tr("图片 (*.png *.jpg *.jpeg)"),
                                 self.logo_edit.text())
        if path:
            self.logo_edit.setText(path)

    # ---- loading and saving ----------------------------------------------------------------
    def reload(self) -> None:
        try:
            info = self.info = org_info()
        except (DomainError, StorageError) as exc:
            show_error(self, exc, self.session.lang)
            return
        s = info.settings
        for m in self.messages.values():
            m.clear_message()
        self.saved_label.clear()
        self.name_edit.setText(info.name)
        self.address_edit.setText(info.address)
        self.phone_edit.setText(info.phone)
        names = {key: (zh, en) for key, zh, en in preset_names()}
        self.profile_label.setText(
            self.session.text(names.get(info.profile, (info.profile, info.profile))))
        self.preset_box.setCurrentIndex(max(0, self.preset_box.findData(info.profile)))
        for key, spin in self.limit_spins.items():
            spin.setValue(getattr(s, key) if isinstance(spin, QDoubleSpinBox)
                          else int(getattr(s, key)))
        for code, spin in self.kind_spins.items():
            spin.setValue(s.days_for_kind(code))
        for key, edit in self.time_edits.items():
            edit.setTime(QTime.fromString(getattr(s, key), "HH:mm"))
        self.windows_edit.set_values(s.windows)
        self.enquiry_edit.setText(s.enquiry_phone)
        self.pickup_edit.setText(s.pickup_place)
        self.footer_edit.setPlainText(s.slip_footer)
        self.logo_edit.setText(s.logo_path)
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(s.slip_format)))

    def form_settings(self) -> OrgSettings:
        current = self.session.register.org_settings()
        limits: dict[str, Any] = {k: (round(s.value(), 1) if isinstance(s, QDoubleSpinBox)
                                      else s.value()) for k, s in self.limit_spins.items()}
        times = {k: e.time().toString("HH:mm") for k, e in self.time_edits.items()}
        return current.with_changes(
            **limits, **times,
            kind_days={**current.kind_days, **{k: s.value() for k, s in self.kind_spins.items()}},
            windows=self.windows_edit.values(),
            enquiry_phone=self.enquiry_edit.text(), pickup_place=self.pickup_edit.text(),
            slip_footer=self.footer_edit.toPlainText(), logo_path=self.logo_edit.text(),
            slip_format=self.format_box.currentData())

    def save(self) -> bool:
        for m in self.messages.values():
            m.clear_message()
        self.saved_label.clear()
        try:
            name, address, phone = check_org_info(self.name_edit.text(), self.address_edit.text(),
                                                  self.phone_edit.text())
            settings = check_settings(self.form_settings())
            self.info = save_settings(self.session.staff.id, settings, name=name, address=address,
                                      phone=phone)
        except DomainError as exc:
            field = exc.field or "general"
            self.messages.get(field, self.messages["general"]).show_message(
                exc.message(self.session.lang))
            return False
        except StorageError as exc:
            show_error(self, exc, self.session.lang)
            return False
        self.reload()
        self.saved_label.setText(self.tr("设置已保存，新登记的事项按新设置计算。"))
        return True

    def apply_preset(self) -> None:
        key = self.preset_box.currentData()
        text = self.tr("将按“{name}”预设替换时限、事项类型、渠道、用语和窗口列表，未保存的修改将丢失。"
                       "机构名称、地址和单据文字保持不变。\n\n确定应用吗？").format(
            name=self.preset_box.currentText())
        if not Prompts.confirm(self, self.tr("应用预设"), text):
            return
        try:
            apply_preset(self.session.staff.id, key)
        except (DomainError, StorageError) as exc:
            show_error(self, exc, self.session.lang)
            return
        self.reload()
        notify(self, self.tr("应用预设"), self.tr("已应用“{name}”预设。").format(
            name=self.preset_box.currentText()))
