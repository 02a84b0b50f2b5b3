"""The phone log (F3): a quick form for calls that registers cases of channel "phone"."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.cases.queries import visitor_history
from core.cases.validation import mask_phone, normalize_phone
from core.dto import CaseRef, IntakeForm
from core.vocab import STATUSES
from gui.forms.form_feedback import RegistrationForm, SavedBanner
from gui.forms.intake_scope import ScopePicker
from gui.forms.intake_widgets import FieldMessage
from gui.session import Session
from gui.widgets.field_limits import LimitedLineEdit, LimitedTextEdit, limit_for

log = logging.getLogger(__name__)

OUTCOMES = ("answered", "transfer", "escalate")


class PhoneLogPage(RegistrationForm):
    """Caller, number, kind, matter and what was done: answered, passed on, or escalated."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._build()
        self._tab_chain([self.phone_edit, self.name_edit, self.anonymous_box, self.kind_box,
                         self.subject_edit, self.description_edit,
                         *self.outcome.focus_targets(), self.save_button])
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            self._shortcut(keys, self.save)
        self.save_button.clicked.connect(self.save)
        self.phone_edit.editingFinished.connect(self.phone_finished)
        self.anonymous_box.toggled.connect(self._anonymous_toggled)
        self.reset()

    def _build(self) -> None:
        self.phone_edit = LimitedLineEdit(limit_for("visitor_phone"), self)
        self.phone_edit.setPlaceholderText(self.tr("来电号码"))
        self.name_edit = LimitedLineEdit(limit_for("visitor_name"), self)
        self.anonymous_box = QCheckBox(self.tr("匿名来电"), self)
        settings = self.session.register.org_settings()
        self.kind_box = self._kind_box(settings.kinds)
        self.subject_edit = LimitedLineEdit(limit_for("subject"), self)
        self.subject_edit.setPlaceholderText(self.tr("一句话概括来电事项"))
        self.description_edit = LimitedTextEdit(limit_for("description"), self)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(60)
        self.outcome = ScopePicker(self.session, self, kinds=OUTCOMES, default="answered", labels={
            "answered": self.tr("已答复"), "transfer": self.tr("转办"),
            "escalate": self.tr("请示领导")})
        self.messages["scope"] = self.outcome.message
        self.save_button = QPushButton(self.tr("保存来电 (Ctrl+Enter)"), self)
        self.save_button.setDefault(True)
        self.save_buttons.append(self.save_button)
        self.confirmation = SavedBanner(self.session.lang, self)
        self.confirmation.reprint_button.hide()  # a call gets no receipt slip
        self.confirmation.reprint_button.setEnabled(False)
        self.confirmation.open_requested.connect(self.open_case_requested)
        self.messages["general"] = FieldMessage(self)

        box = QGroupBox(self.tr("来电登记"), self)
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self._field(grid, 0, 0, self.tr("来电号码"), self.phone_edit, "visitor_phone", reserve=True)
        self._field(grid, 0, 2, self.tr("来电人"), self.name_edit, "visitor_name", reserve=True)
        grid.addWidget(self.anonymous_box, 0, 4, Qt.AlignmentFlag.AlignTop)
        self._field(grid, 1, 0, self.tr("类型"), self.kind_box, "kind")
        self._field(grid, 2, 0, self.tr("来电事项"), self.subject_edit, "subject", span=4,
                    reserve=True)
        self._field(grid, 3, 0, self.tr("详细内容"), self.description_edit, "description", span=4)
        grid.addWidget(QLabel(self.tr("处理结果"), self), 4, 0,
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.outcome, 4, 1, 1, 4)
        bar = QHBoxLayout()
        bar.addWidget(self.confirmation, 1)
        bar.addWidget(self.messages["general"], 1)
        bar.addWidget(self.save_button)
        grid.addLayout(bar, 5, 0, 1, 5)
        outer = QVBoxLayout(self)
        outer.addWidget(box)
        outer.addWidget(self._recent_box(), 1)

    def _recent_box(self) -> QGroupBox:
        """The calls logged since signing in, newest first."""
        self.recent = QTreeWidget(self)
        self.recent.setHeaderLabels([self.tr("时间"), self.tr("号码"), self.tr("来电人"),
                                     self.tr("事项"), self.tr("处理"), self.tr("编号")])
        self.recent.setRootIsDecorated(False)
        self.recent.setAlternatingRowColors(True)
        header = self.recent.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        recent_box = QGroupBox(self.tr("本次登录的来电"), self)
        QVBoxLayout(recent_box).addWidget(self.recent)
        return recent_box

    def first_field(self) -> QWidget:
        return self.phone_edit

    def phone_finished(self) -> None:
        phone = self._normalized_phone(self.phone_edit)
        if phone and not self.name_edit.text().strip():
            known = next((r for r in visitor_history(phone, 5, self.session.staff.id) if r.visitor_name), None)
            if known is not None:
                self.name_edit.setText(known.visitor_name)

    def _anonymous_toggled(self, anonymous: bool) -> None:
        self._set_anonymous(anonymous, (self.phone_edit, self.name_edit))

    def form(self) -> IntakeForm:
        return IntakeForm(
            channel="phone", kind=self.kind_box.currentData(), subject=self.subject_edit.text(),
            visitor_name=self.name_edit.text(), visitor_phone=self.phone_edit.text(),
            anonymous=self.anonymous_box.isChecked(),
            description=self.description_edit.toPlainText(), scope=self.outcome.scope(),
        )

    def reset(self) -> None:
        for w in (self.phone_edit, self.name_edit, self.subject_edit):
            w.clear()
        self.description_edit.clear()
        self.anonymous_box.setChecked(False)
        self.kind_box.setCurrentIndex(0)
        self.outcome.reset()
        self.clear_errors()
        self.mark_blank()

    def message_key(self, field: str) -> str:
        return "scope" if field in ("scope", "result") else super().message_key(field)

    def caption(self, field: str) -> str:
        return self.tr("答复内容") if field == "result" else super().caption(field)

    def field_widget(self, field: str) -> QWidget:
        if field in ("scope", "result"):
            return self.outcome.field_widget(field)
        return {"visitor_phone": self.phone_edit, "visitor_name": self.name_edit,
                "kind": self.kind_box, "subject": self.subject_edit,
                "description": self.description_edit}.get(field, self.save_button)

    def save(self) -> bool:
        """Like the intake's save: a second press while saving or on the form just emptied
        by a save does nothing."""
        if self.save_blocked():
            return False
        return self._register(self.outcome, self._saved)

    def _saved(self, ref: CaseRef, form: IntakeForm) -> None:
        self._set_saving(False)
        status = STATUSES[ref.status].text(self.session.lang)
        row = QTreeWidgetItem([
            self.session.register.now().strftime("%H:%M"),
            self.tr("匿名") if form.anonymous else mask_phone(normalize_phone(form.visitor_phone)),
            "" if form.anonymous else form.visitor_name.strip(), form.subject.strip(), status,
            ref.number,
        ])
        row.setData(0, Qt.ItemDataRole.UserRole, ref.id)
        self.recent.insertTopLevelItem(0, row)
        self.confirmation.show_saved(ref)
        self.confirmation.reprint_button.hide()
        self._ready_for_next(ref)
