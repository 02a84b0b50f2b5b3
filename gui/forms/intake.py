"""The intake form (F2): keyboard-first registration of a walk-in, call, letter or online contact."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from core.admin.catalogue import ItemInfo, get_item
from core.cases.detail import case_detail
from core.cases.queries import CaseRow, visitor_history
from core.dto import CaseRef, IntakeForm
from core.errors import DomainError
from core.vocab import CHANNELS
from gui.desk.detail_widgets import days_text
from gui.errors import confirm
from gui.forms.form_feedback import RegistrationForm, SavedBanner
from gui.forms.intake_scope import ScopePicker
from gui.forms.intake_widgets import (
    HINT_STYLE,
    DueView,
    FieldMessage,
    HistoryList,
    ItemField,
)
from gui.forms.materials_table import MaterialsTable
from gui.session import Session
from gui.widgets.field_limits import LimitedLineEdit, LimitedTextEdit, limit_for

log = logging.getLogger(__name__)

SCOPE_FIELDS = ("scope", "result", "place", "contact")
MATERIAL_FIELDS = ("materials", "material", "copies", "pages")


class IntakePage(RegistrationForm):
    """Fields in the order a clerk asks (docs/keyboard.md); Ctrl+Enter saves, Ctrl+P prints.
    `open_case_requested`: an earlier case of a repeat visitor, or the number just saved."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._item: ItemInfo | None = None
        self._auto_subject = ""
        self._build()
        for keys, receipt in (("Ctrl+Return", False), ("Ctrl+Enter", False), ("Ctrl+P", True)):
            self._shortcut(keys, lambda receipt=receipt: self.save(print_receipt=receipt))
        self.reset()

    # ---- building ---------------------------------------------------------------------

    def _build(self) -> None:
        boxes = (self._visitor_box(), self._matter_box(), self._decision_box())
        bar = self._bottom_bar()
        body = QWidget(self)
        column = QVBoxLayout(body)
        for box in boxes:
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addLayout(bar)
        self._tab_chain([
            self.channel_box, self.kind_box, self.phone_edit, self.name_edit, self.unit_edit,
            self.anonymous_box, self.item_edit, self.subject_edit, self.description_edit,
            self.location_edit, self.materials, self.all_received_button, self.add_material_button,
            self.remove_material_button, *self.scope_picker.focus_targets(), self.note_edit,
            self.save_button, self.print_button, self.clear_button,
        ])
        self._connect()

    def _visitor_box(self) -> QGroupBox:
        """Visitor: channel, kind, phone, name, unit, anonymous — and earlier cases beside them."""
        settings = self.session.register.org_settings()
        lang = self.session.lang
        self.channel_box = QComboBox(self)
        for code in settings.channels:
            self.channel_box.addItem(CHANNELS[code].text(lang), code)
        self.kind_box = self._kind_box(settings.kinds)
        self.phone_edit = LimitedLineEdit(limit_for("visitor_phone"), self)
        self.phone_edit.setPlaceholderText(self.tr("手机或带区号的固话"))
        self.name_edit = LimitedLineEdit(limit_for("visitor_name"), self)
        self.unit_edit = LimitedLineEdit(limit_for("visitor_unit"), self)
        self.anonymous_box = QCheckBox(self.tr("匿名（不记录身份，不答复结果）"), self)
        self.history_title = QLabel(self)
        self.history_title.setStyleSheet(HINT_STYLE)
        self.history = HistoryList(lang, self)
        self.history.setMaximumHeight(118)
        visitor = QGroupBox(self.tr("来访人"), self)
        grid = QGridLayout(visitor)
        grid.setHorizontalSpacing(8)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self._field(grid, 0, 0, self.tr("渠道"), self.channel_box, "channel")
        self._field(grid, 0, 2, self.tr("类型"), self.kind_box, "kind")
        # The fields a clerk most often leaves wrong keep a message line, so nothing moves.
        self._field(grid, 1, 0, self.tr("电话"), self.phone_edit, "visitor_phone", reserve=True)
        self._field(grid, 1, 2, self.tr("姓名"), self.name_edit, "visitor_name", reserve=True)
        self._field(grid, 2, 0, self.tr("单位"), self.unit_edit, "visitor_unit")
        grid.addWidget(self.anonymous_box, 2, 3)
        side = QVBoxLayout()
        side.addWidget(self.history_title)
        side.addWidget(self.history)
        side.addStretch(1)
        grid.addLayout(side, 0, 4, 3, 1)
        self.visitor_grid = grid  # the earlier-cases column takes room only when shown
        return visitor

    def _matter_box(self) -> QGroupBox:
        """The matter: service item, subject, description, materials, a hazard's location."""
        self.item_edit = ItemField(self)
        self.item_edit.setPlaceholderText(self.tr("输入事项名称或编码，自动补全"))
        self.item_info = QLabel(self)
        self.item_info.setStyleSheet(HINT_STYLE)
        self.subject_edit = LimitedLineEdit(limit_for("subject"), self)
        self.description_edit = LimitedTextEdit(limit_for("description"), self)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(64)
        self.location_edit = LimitedLineEdit(limit_for("location"), self)
        self.location_edit.setPlaceholderText(self.tr("隐患或事故所在的具体位置，如：二楼东侧楼梯"))
        self.materials = MaterialsTable(self)
        self.all_received_button = QPushButton(self.tr("全部收齐"), self)
        self.add_material_button = QPushButton(self.tr("添加材料"), self)
        self.remove_material_button = QPushButton(self.tr("删除材料"), self)
        matter = QGroupBox(self.tr("事项"), self)
        mgrid = QGridLayout(matter)
        mgrid.setHorizontalSpacing(8)
        mgrid.setColumnStretch(1, 1)
        self._field(mgrid, 0, 0, self.tr("办事事项"), self.item_edit, "service_item")
        mgrid.addWidget(self.item_info, 1, 1)
        self._field(mgrid, 2, 0, self.tr("事项摘要"), self.subject_edit, "subject", reserve=True)
        self._field(mgrid, 3, 0, self.tr("情况说明"), self.description_edit, "description")
        self._field(mgrid, 4, 0, self.tr("收取材料"), self.materials, "materials", reserve=True)
        buttons = QHBoxLayout()
        for b in (self.all_received_button, self.add_material_button, self.remove_material_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        mgrid.addLayout(buttons, 5, 1)
        # 隐患地点: only hazards and accidents ask where (the 安全隐患报告单 prints it).
        self._field(mgrid, 6, 0, self.tr("地点"), self.location_edit, "location")
        self.location_caption = mgrid.itemAtPosition(6, 0).widget()
        return matter

    def _decision_box(self) -> QGroupBox:
        """Scope decision and note."""
        self.scope_picker = ScopePicker(self.session, self)
        self.messages["scope"] = self.scope_picker.message
        self.note_edit = LimitedLineEdit(limit_for("note"), self)
        decide = QGroupBox(self.tr("处理方式"), self)
        dgrid = QGridLayout(decide)
        dgrid.setColumnStretch(1, 1)
        dgrid.addWidget(self.scope_picker, 0, 0, 1, 2)
        self._field(dgrid, 1, 0, self.tr("备注"), self.note_edit, "note")
        return decide

    def _bottom_bar(self) -> QGridLayout:
        """Due time, confirmation, buttons."""
        self.due = DueView(self.session.register, self)
        self.due_label, self.calendar_warning = self.due.label, self.due.warning
        self.confirmation = SavedBanner(self.session.lang, self)
        self.confirmation.open_requested.connect(self.open_case_requested)
        self.confirmation.print_requested.connect(self.print_requested)
        self.messages["general"] = FieldMessage(self)
        self.clear_button = QPushButton(self.tr("清空"), self)
        self.save_button = QPushButton(self.tr("保存登记 (Ctrl+Enter)"), self)
        self.save_button.setDefault(True)
        self.print_button = QPushButton(self.tr("保存并打印回执 (Ctrl+P)"), self)
        self.save_buttons += [self.save_button, self.print_button, self.clear_button]
        bar = QGridLayout()
        bar.addWidget(self.due, 0, 0, 2, 1)
        bar.addWidget(self.confirmation, 2, 0)
        bar.addWidget(self.messages["general"], 3, 0)
        bar.setColumnStretch(0, 1)
        for i, b in enumerate((self.clear_button, self.save_button, self.print_button)):
            bar.addWidget(b, 0, 1 + i, 3, 1, Qt.AlignmentFlag.AlignBottom)
        return bar

    def _connect(self) -> None:
        self.kind_box.currentIndexChanged.connect(lambda _i: self.update_due())
        self.kind_box.currentIndexChanged.connect(lambda _i: self._show_location())
        self._show_location()
        self.phone_edit.editingFinished.connect(self.phone_finished)
        self.anonymous_box.toggled.connect(self._anonymous_toggled)
        self.item_edit.item_chosen.connect(self.choose_item)
        self.item_edit.item_cleared.connect(self._item_cleared)
        self.history.case_activated.connect(self.open_case_requested)
        self.all_received_button.clicked.connect(lambda: self.materials.set_all_received(True))
        self.add_material_button.clicked.connect(self.materials.add_blank_row)
        self.remove_material_button.clicked.connect(self.materials.remove_current_row)
        self.clear_button.clicked.connect(self.clear_form)
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        self.print_button.clicked.connect(lambda _checked=False: self.save(print_receipt=True))

    # ---- behaviour --------------------------------------------------------------------

    def first_field(self) -> QWidget:
        return self.kind_box

    def reset(self) -> None:
        """Empty the form for the next visitor; the channel stays as it was."""
        self.kind_box.setCurrentIndex(0)
        for w in (self.phone_edit, self.name_edit, self.unit_edit, self.subject_edit,
                  self.note_edit, self.location_edit):
            w.clear()
        self.description_edit.clear()
        self.anonymous_box.setChecked(False)
        self.item_edit.clear_item()
        self._item = None
        self._auto_subject = ""
        self.item_info.clear()
        self.materials.setRowCount(0)
        self.scope_picker.reset()
        self._show_history([])
        self.clear_errors()
        self.update_due()
        self.mark_blank()

    def clear_form(self) -> None:
        """清空: a filled form asks first; either way the cursor goes back to the first field."""
        if self.has_unsaved() and not confirm(
                self, self.tr("清空登记表"), self.tr("清空已填写的内容？未保存的内容将丢失。"),
                self.tr("清空"), self.tr("不清空")):
            return
        self.reset()
        self.focus_first()

    def phone_finished(self) -> None:
        """Normalize the number; a known visitor fills name and unit and shows earlier cases."""
        phone = self._normalized_phone(self.phone_edit)
        if phone is None:
            self._show_history([])
            return
        rows = visitor_history(phone, viewer=self.session.staff.id) if phone else []
        self._show_history(rows)
        known = next((r for r in rows if not r.anonymous and r.visitor_name), None)
        if known is not None:
            if not self.name_edit.text().strip():
                self.name_edit.setText(known.visitor_name)
            if not self.unit_edit.text().strip():
                self.unit_edit.setText(case_detail(known.id).visitor_unit)

    def _show_history(self, rows: list[CaseRow]) -> None:
        self.history.set_rows(rows)
        self.visitor_grid.setColumnStretch(4, 2 if rows else 0)
        self.history.setVisible(bool(rows))
        self.history_title.setVisible(bool(rows))
        self.history_title.setText(self.tr("该号码的既往事项（%n 件）", "", len(rows)))

    def _anonymous_toggled(self, anonymous: bool) -> None:
        self._set_anonymous(anonymous, (self.phone_edit, self.name_edit, self.unit_edit))
        for key in ("visitor_phone", "visitor_name", "visitor_unit"):
            self.messages[key].clear_message()
        if anonymous:
            self._show_history([])

    def choose_item(self, item_id: int) -> None:
        """A service item was picked: materials checklist, subject, due time, scope hint."""
        try:
            item = get_item(item_id)
        except DomainError as exc:
            self.messages["service_item"].show_message(exc.message(self.session.lang))
            return
        self._item = item
        self.messages["service_item"].clear_message()
        self.item_info.setText(f"{item.department} · {days_text(item)} · v{item.version}"
                               + (f" · {item.fees}" if item.fees else ""))
        subject = self.subject_edit.text().strip()
        if not subject or subject == self._auto_subject:
            self.subject_edit.setText(item.name)
            self._auto_subject = item.name
        self.materials.set_specs(item.materials)
        self.scope_picker.suggest_department(item.department_id, item.department)
        self.update_due()

    def _asks_location(self) -> bool:
        return self.kind_box.currentData() in ("hazard", "accident")

    def _show_location(self) -> None:
        for w in (self.location_caption, self.location_edit):
            w.setVisible(self._asks_location())

    def _item_cleared(self) -> None:
        self._item = None
        self.item_info.clear()
        self.update_due()

    def update_due(self) -> None:
        """The promised completion time, live from the working-day calendar."""
        self.due.show_due(self.kind_box.currentData(), self._item)

    # ---- saving -----------------------------------------------------------------------

    def form(self) -> IntakeForm:
        return IntakeForm(
            channel=self.channel_box.currentData(), kind=self.kind_box.currentData(),
            subject=self.subject_edit.text(), visitor_name=self.name_edit.text(),
            visitor_phone=self.phone_edit.text(), visitor_unit=self.unit_edit.text(),
            anonymous=self.anonymous_box.isChecked(),
            description=self.description_edit.toPlainText(),
            service_item_id=self._item.id if self._item else None,
            materials=self.materials.materials(), scope=self.scope_picker.scope(),
            note=self.note_edit.text(),
            location=self.location_edit.text() if self._asks_location() else "",
        )

    def field_widget(self, field: str) -> QWidget:
        if field in SCOPE_FIELDS:
            return self.scope_picker.field_widget(field)
        return {
            "channel": self.channel_box, "kind": self.kind_box, "visitor_phone": self.phone_edit,
            "visitor_name": self.name_edit, "visitor_unit": self.unit_edit,
            "subject": self.subject_edit, "description": self.description_edit,
            "note": self.note_edit, "service_item": self.item_edit,
            "location": self.location_edit,
        }.get(field, self.materials if field in MATERIAL_FIELDS else self.save_button)

    def message_key(self, field: str) -> str:
        return ("scope" if field in SCOPE_FIELDS else "materials" if field in MATERIAL_FIELDS
                else super().message_key(field))

    def caption(self, field: str) -> str:
        scope_captions = {"result": self.tr("答复内容"), "place": self.tr("去向"),
                          "contact": self.tr("联系方式")}
        return scope_captions.get(field) or super().caption(field)

    def save(self, *, print_receipt: bool = False) -> bool:
        """Validate at the fields, then register in the background; False if refused here or
        if the press must do nothing (RegistrationForm.save_blocked)."""
        if self.save_blocked():
            return False
        self.materials.commit_pending()
        return self._register(self.scope_picker,
                              lambda ref, form: self._saved(ref, form, print_receipt))

    def _saved(self, ref: CaseRef, form: IntakeForm, print_receipt: bool) -> None:
        self._set_saving(False)
        missing = sum(not m.received for m in form.materials)
        self.confirmation.show_saved(ref, missing_materials=bool(missing))
        self._ready_for_next(ref)
        if print_receipt:
            self.print_requested.emit(ref.id, "receipt")
        # 一次性告知: what is still missing goes home with the visitor on paper.
        if missing and confirm(
                self, self.tr("材料未收齐"),
                self.tr("{number}：{n} 项材料未收到。打印一次性告知单交给办事人？").format(
                    number=ref.number, n=missing),
                self.tr("打印告知单"), self.tr("不打印"), default_yes=True):
            self.print_requested.emit(ref.id, "notice")
