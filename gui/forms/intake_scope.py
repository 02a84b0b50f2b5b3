"""The scope decision at the desk (rule 2): answered, own, assign, transfer, escalate, refer,
later — radio buttons (arrow keys move between them) and the fields each choice needs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.cases.intake import form_errors
from core.dto import CaseRef, IntakeForm, Scope
from core.errors import ValidationError
from core.offline.desk import register_at_desk
from gui.desk.action_widgets import DepartmentStaffPicker, StaffCombo
from gui.desk.detail_widgets import FlowLayout
from gui.forms.intake_widgets import HINT_STYLE, WARN_STYLE, FieldMessage
from gui.ops import run_in_background
from gui.session import Session
from gui.widgets.field_limits import LimitedLineEdit, limit_for, refusal_text

log = logging.getLogger(__name__)

SCOPE_ORDER: tuple[str, ...] = ("answered", "own", "assign", "transfer", "escalate", "refer", "later")


class _ScopeRadio(QRadioButton):
    """Tab into the group lands on the chosen option, not the first one (arrows still move)."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        group = self.group()
        if (event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
                and group is not None and not self.isChecked()):
            checked = group.checkedButton()
            if checked is not None and checked is not self:
                checked.setFocus(event.reason())


class ScopePicker(QWidget):
    """One scope at a time; `scope()` gives the core Scope, `touched` tells a user choice."""

    changed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 kinds: Sequence[str] = SCOPE_ORDER, labels: dict[str, str] | None = None,
                 default: str = "own") -> None:
        super().__init__(parent)
        self.session = session
        self.kinds = tuple(kinds)
        self.default = default
        self.touched = False
        self._quiet = False
        names = {**self.default_labels(), **(labels or {})}
        choices = self._choices(names)
        self.stack = QStackedWidget(self)
        self.pages: dict[str, QWidget] = {}
        self._inputs(session)
        self._fill_pages()
        self.message = FieldMessage(self, reserve=True)
        for edit in (self.result_edit, self.place_edit, self.contact_edit):
            edit.refused.connect(lambda e=edit: self.message.show_message(refusal_text(e.limit)))
        self._notice_label()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        outer.addWidget(choices)
        outer.addWidget(self.notice)
        outer.addWidget(self.stack)
        outer.addWidget(self.message)
        self.group.idToggled.connect(self._toggled)
        self.set_kind(default)

    def _choices(self, names: dict[str, str]) -> QWidget:
        """One radio button per way the matter can go, wrapping on a narrow window."""
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        choices = QWidget(self)
        row = FlowLayout(choices, spacing=14)  # wraps on a narrow window (English is long)
        for i, kind in enumerate(self.kinds):
            radio = _ScopeRadio(names[kind], choices)
            radio.setObjectName(f"scope_{kind}")
            self.group.addButton(radio, i)
            self.radios[kind] = radio
            row.addWidget(radio)
        return choices

    def _inputs(self, session: Session) -> None:
        """The fields the choices need: the answer, a colleague, a department, a referral."""
        self.result_edit = LimitedLineEdit(limit_for("result"), self)
        self.result_edit.setPlaceholderText(self.tr("当场答复的内容（必填）"))
        self.assign_box = StaffCombo(self)
        self.assign_box.load()
        self.assign_box.set_department(session.staff.department_id or -1, exclude=session.staff.id)
        self.transfer_picker = DepartmentStaffPicker(session, self)
        self.place_edit = LimitedLineEdit(limit_for("place"), self)
        self.place_edit.setPlaceholderText(self.tr("告知去向：单位、地址（必填）"))
        self.contact_edit = LimitedLineEdit(limit_for("contact"), self)
        self.contact_edit.setPlaceholderText(self.tr("对方联系方式"))

    def _fill_pages(self) -> None:
        """A page under the choices for each of them; fields no choice shows stay hidden."""
        builders = {
            "answered": lambda: [QLabel(self.tr("答复内容"), self), self.result_edit],
            "own": lambda: [self._hint(self.tr("由我本人办理，按承诺时限办结。"))],
            "assign": lambda: [QLabel(self.tr("本部门承办人"), self), self.assign_box,
                               self._hint(self.tr("对方须签收或退回。"))],
            "transfer": lambda: [self.transfer_picker],
            "escalate": lambda: [self._hint(self.tr("职责不清或责任人联系不上：报分管领导指派。"))],
            "refer": lambda: [QLabel(self.tr("去向"), self), self.place_edit,
                              QLabel(self.tr("联系方式"), self), self.contact_edit],
            "later": lambda: [self._hint(self.tr("责任人暂时联系不上：先登记暂存，稍后移交，仍由我负责跟进。"))],
        }
        for kind in self.kinds:
            page = QWidget(self.stack)
            lay = QHBoxLayout(page)
            lay.setContentsMargins(22, 0, 0, 0)
            for w in builders[kind]():
                w.setParent(page)
                lay.addWidget(w, 1 if isinstance(w, QLineEdit | DepartmentStaffPicker) else 0)
            if kind not in ("answered", "refer", "transfer"):
                lay.addStretch(1)
            self.pages[kind] = page
            self.stack.addWidget(page)
        for unused in (self.result_edit, self.assign_box, self.transfer_picker, self.place_edit,
                       self.contact_edit):
            if unused.parent() is self:  # not on any page of this picker's choices
                unused.hide()

    def _notice_label(self) -> None:
        """Why the choice moved (or might): the item belongs to another department."""
        self.notice = QLabel(self)
        self.notice.setObjectName("scope_notice")
        self.notice.setStyleSheet(WARN_STYLE)
        self.notice.setWordWrap(True)
        self.notice.hide()

    def default_labels(self) -> dict[str, str]:
        return {
            "answered": self.tr("当场答复"), "own": self.tr("本人办理"),
            "assign": self.tr("本部门他人"), "transfer": self.tr("转其他部门"),
            "escalate": self.tr("请示领导"), "refer": self.tr("告知去向"),
            "later": self.tr("暂存稍后移交"),
        }

    def _hint(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setStyleSheet(HINT_STYLE)
        return label

    # ---- state ------------------------------------------------------------------------

    def kind(self) -> str:
        checked = self.group.checkedId()
        return self.kinds[checked] if checked >= 0 else self.default

    def set_kind(self, kind: str) -> None:
        """Programmatic choice (a suggestion); does not count as the user's decision."""
        if kind not in self.radios:
            return
        self._quiet = True
        self.radios[kind].setChecked(True)
        self._quiet = False
        self.stack.setCurrentWidget(self.pages[kind])

    def _toggled(self, button_id: int, checked: bool) -> None:
        if not checked:
            return
        kind = self.kinds[button_id]
        self.stack.setCurrentWidget(self.pages[kind])
        self.message.clear_message()
        if not self._quiet:
            self.touched = True
            self.notice.hide()  # the clerk decided; the hint has done its work
        self.changed.emit(kind)

    def scope(self) -> Scope:
        kind = self.kind()
        if kind == "answered":
            return Scope("answered", result=self.result_edit.text())
        if kind == "assign":
            return Scope("assign", department_id=self.session.staff.department_id,
                         staff_id=self.assign_box.staff_id())
        if kind == "transfer":
            return Scope("transfer", department_id=self.transfer_picker.department_id(),
                         staff_id=self.transfer_picker.staff_id())
        if kind == "refer":
            return Scope("refer", place=self.place_edit.text(), contact=self.contact_edit.text())
        return Scope(kind)

    def missing_target(self) -> str:
        """A message when the chosen scope lacks its receiver (core would refuse it)."""
        kind = self.kind()
        if kind == "assign" and self.assign_box.staff_id() is None:
            return self.tr("请选择本部门的承办人。")
        if kind == "transfer" and self.transfer_picker.department_id() is None:
            return self.tr("请选择承办部门。")
        return ""

    def field_widget(self, field: str) -> QWidget:
        """The input to focus for an error at `field` (scope, result, place, contact)."""
        kind = self.kind()
        return {
            "result": self.result_edit, "place": self.place_edit, "contact": self.contact_edit,
        }.get(field) or {
            "answered": self.result_edit, "assign": self.assign_box,
            "transfer": self.transfer_picker.department_box, "refer": self.place_edit,
        }.get(kind, self.radios[kind])

    def focus_targets(self) -> list[QWidget]:
        """Every input of this picker in visual order (for the form's Tab chain)."""
        return [*self.radios.values(), self.result_edit, self.assign_box,
                self.transfer_picker.department_box, self.transfer_picker.staff_box,
                self.place_edit, self.contact_edit]

    def suggest_department(self, department_id: int | None, department: str = "") -> None:
        """After a service item is chosen: offer its department. An untouched choice follows
        the item, and the form says so; a choice the clerk made stays, with a hint."""
        self.notice.hide()
        if department_id is None:
            return
        mine = department_id == self.session.staff.department_id
        if not mine:
            self.transfer_picker.select(department_id)
        wanted = "own" if mine else "transfer"
        if wanted not in self.radios or self.kind() == wanted:
            return
        label = self.radios[wanted].text()
        if self.touched:
            if not mine:
                self.notice.setText(self.tr("所选事项由“{department}”办理；如需转办，请选“{choice}”"
                                            "（已预选该部门）。").format(department=department,
                                                                 choice=label))
                self.notice.show()
            return
        before = self.radios[self.kind()].text()
        self.set_kind(wanted)
        if mine:
            self.notice.setText(self.tr("所选事项由本部门办理，处理方式已改回“{choice}”。")
                                .format(choice=label))
        else:
            self.notice.setText(self.tr("所选事项由“{department}”办理，处理方式已由“{before}”改为"
                                        "“{choice}”，可改回。").format(
                department=department, before=before, choice=label))
        self.notice.show()

    def reset(self) -> None:
        self.result_edit.clear()
        self.place_edit.clear()
        self.contact_edit.clear()
        self.transfer_picker.reset()
        self.assign_box.select_staff(None)
        self.message.clear_message()
        self.set_kind(self.default)
        self.notice.hide()
        self.touched = False


def register_in_background(form: IntakeForm, picker: ScopePicker, actor_id: int, *,
                           refused: Callable[[list[ValidationError]], None],
                           starting: Callable[[], None],
                           saved: Callable[[CaseRef], None],
                           failed: Callable[[BaseException], None]) -> bool:
    """The desk's save (walk-in intake and phone log): check every field and that the chosen
    scope has its receiver, then register on the worker. False when refused here, with every
    problem already at its field; nothing is written then."""
    errors = form_errors(form)
    missing = picker.missing_target()
    if errors:
        refused(errors)
    if missing:
        picker.message.show_message(" ".join(filter(None, (picker.message.text(), missing))))
        if not errors:
            picker.field_widget("scope").setFocus()
    if errors or missing:
        return False
    starting()
    # On the server, or — when it cannot be reached — into this PC's journal (core/offline).
    run_in_background(lambda: register_at_desk(actor_id, form), saved, failed)
    return True
