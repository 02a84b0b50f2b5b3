"""Small dialogs for the detail pane's actions; each `ask(...)` returns the input or None, and
tests replace `ask` (STYLE habit 8) so no dialog ever blocks them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QWidget,
)

from core.vocab import EVALUATIONS, NOTIFY_METHODS
from gui.desk.action_widgets import ActionDialog, DepartmentStaffPicker, StaffCombo
from gui.session import Session
from gui.widgets.field_limits import LimitedLineEdit, limit_for, refusal_text

log = logging.getLogger(__name__)


class TextDialog(ActionDialog):
    """One text: a reason, a result, a note. Subclasses set the wording and whether it is required."""

    REQUIRED = False
    FIELD = "note"  # whose length limit applies (core.cases.validation.LIMITS)

    def texts(self) -> tuple[str, str]:
        return self.tr("备注"), self.tr("备注")

    def title(self) -> str:
        return self.texts()[0]

    def __init__(self, parent: QWidget | None, initial: str = "") -> None:
        super().__init__(parent)
        label = self.texts()[1]
        self.edit = self._note_edit(self.tr("必填") if self.REQUIRED else self.tr("可不填"),
                                    self.FIELD)
        self.edit.setPlainText(initial)
        self.form.addRow(label, self.edit)
        self.finish_layout()

    def problem(self) -> str:
        return self.tr("请填写内容。") if self.REQUIRED and not self.edit.toPlainText().strip() else ""

    @classmethod
    def ask(cls, parent: QWidget | None, initial: str = "") -> str | None:
        dlg = cls(parent, initial)
        return dlg.edit.toPlainText().strip() if dlg.exec() == QDialog.DialogCode.Accepted else None


class ReturnDialog(TextDialog):
    REQUIRED = True
    FIELD = "reason"

    def texts(self) -> tuple[str, str]:
        return self.tr("退回（非本部门职责）"), self.tr("退回理由")


class ResolveDialog(TextDialog):
    REQUIRED = True
    FIELD = "result"

    def texts(self) -> tuple[str, str]:
        return self.tr("办结"), self.tr("办理结果")


class EscalateDialog(TextDialog):
    def texts(self) -> tuple[str, str]:
        return self.tr("请示领导"), self.tr("请示事由")


class UrgeDialog(TextDialog):
    def texts(self) -> tuple[str, str]:
        return self.tr("催办"), self.tr("催办说明")


class VisitDialog(TextDialog):
    def texts(self) -> tuple[str, str]:
        return self.tr("登记再次来访"), self.tr("来访说明")


class VerifyHazardDialog(TextDialog):
    REQUIRED = True

    def texts(self) -> tuple[str, str]:
        return self.tr("核实隐患"), self.tr("核实情况")


class RevealDialog(TextDialog):
    """Why the full phone and ID number are needed: the reason goes into the audit log."""

    REQUIRED = True
    FIELD = "reason"

    def texts(self) -> tuple[str, str]:
        return self.tr("查看完整身份信息"), self.tr("查看理由（记入审计日志）")


@dataclass(frozen=True)
class HandOver:
    department_id: int | None
    staff_id: int | None
    note: str


class TransferDialog(ActionDialog):
    """Transfer: a department (required) and optionally one of its staff, with a note."""

    def title(self) -> str:
        return self.tr("转办")

    def __init__(self, parent: QWidget | None, session: Session,
                 department_id: int | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.picker = DepartmentStaffPicker(session, self)
        self.picker.select(department_id)
        self.form.addRow(self.picker)
        self.note = self._note_edit(self.tr("转办说明，如“需现场核验”"))
        self.form.addRow(self.tr("说明"), self.note)
        self.finish_layout()

    def problem(self) -> str:
        return self.tr("请选择承办部门。") if self.picker.department_id() is None else ""

    def value(self) -> HandOver:
        return HandOver(self.picker.department_id(), self.picker.staff_id(),
                        self.note.toPlainText().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, session: Session,
            department_id: int | None = None) -> HandOver | None:
        dlg = cls(parent, session, department_id)
        return dlg.value() if dlg.exec() == QDialog.DialogCode.Accepted else None


class LeaderAssignDialog(TransferDialog):
    def title(self) -> str:
        return self.tr("领导指派")


class AssignDialog(ActionDialog):
    """Assign within my department: a colleague (required) and a note."""

    def title(self) -> str:
        return self.tr("指派本部门他人")

    def __init__(self, parent: QWidget | None, session: Session) -> None:
        super().__init__(parent)
        self.session = session
        self.staff_box = StaffCombo(self)
        self.staff_box.load()
        self.staff_box.set_department(session.staff.department_id or -1, exclude=session.staff.id)
        self.form.addRow(self.tr("承办人"), self.staff_box)
        self.note = self._note_edit()
        self.form.addRow(self.tr("说明"), self.note)
        self.finish_layout()

    def problem(self) -> str:
        return self.tr("请选择承办人。") if self.staff_box.staff_id() is None else ""

    @classmethod
    def ask(cls, parent: QWidget | None, session: Session) -> HandOver | None:
        dlg = cls(parent, session)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return HandOver(session.staff.department_id, dlg.staff_box.staff_id(),
                        dlg.note.toPlainText().strip())


class MaterialsRequestDialog(ActionDialog):
    """补正告知: tick what is missing (not-received ones come ticked), add others by name."""

    def title(self) -> str:
        return self.tr("补正告知（暂停计时）")

    def __init__(self, parent: QWidget | None, candidates: list[str], ticked: set[str]) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        for name in candidates:
            item = QListWidgetItem(name, self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in ticked else Qt.CheckState.Unchecked)
        self.list.setMaximumHeight(150)
        self.form.addRow(self.tr("缺少的材料"), self.list)
        self.other = QLineEdit(self)
        self.other.setPlaceholderText(self.tr("其他材料，多个用“、”分隔"))
        self.form.addRow(self.tr("其他"), self.other)
        self.note = self._note_edit()
        self.form.addRow(self.tr("说明"), self.note)
        self.finish_layout()

    def missing(self) -> list[str]:
        names = [self.list.item(i).text() for i in range(self.list.count())
                 if self.list.item(i).checkState() == Qt.CheckState.Checked]
        extra = self.other.text().replace("，", "、").replace(",", "、").split("、")
        return names + [x.strip() for x in extra if x.strip()]

    def problem(self) -> str:
        return self.tr("请至少列出一项缺少的材料。") if not self.missing() else ""

    @classmethod
    def ask(cls, parent: QWidget | None, candidates: list[str],
            ticked: set[str]) -> tuple[list[str], str] | None:
        dlg = cls(parent, candidates, ticked)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return dlg.missing(), dlg.note.toPlainText().strip()


class NotifyDialog(ActionDialog):
    """答复结果: how the visitor was told, and a note."""

    def title(self) -> str:
        return self.tr("答复办理结果")

    def __init__(self, parent: QWidget | None, lang: str = "zh") -> None:
        super().__init__(parent)
        self.method = QComboBox(self)
        for code, term in NOTIFY_METHODS.items():
            self.method.addItem(term.text(lang), code)
        self.form.addRow(self.tr("方式"), self.method)
        self.note = self._note_edit()
        self.form.addRow(self.tr("说明"), self.note)
        self.finish_layout()

    @classmethod
    def ask(cls, parent: QWidget | None, lang: str = "zh") -> tuple[str, str] | None:
        dlg = cls(parent, lang)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return str(dlg.method.currentData()), dlg.note.toPlainText().strip()


class ContactDialog(NotifyDialog):
    def title(self) -> str:
        return self.tr("联系办事人")


class ReferDialog(ActionDialog):
    """告知去向: where the visitor was sent (required) and how to reach them."""

    def title(self) -> str:
        return self.tr("告知去向（非本单位职责）")

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.place = LimitedLineEdit(limit_for("place"), self)
        self.place.setPlaceholderText(self.tr("单位名称、地址"))
        self.contact = LimitedLineEdit(limit_for("contact"), self)
        for edit in (self.place, self.contact):
            edit.refused.connect(lambda e=edit: self.message.show_message(refusal_text(e.limit)))
        self.note = self._note_edit()
        self.form.addRow(self.tr("去向"), self.place)
        self.form.addRow(self.tr("联系方式"), self.contact)
        self.form.addRow(self.tr("说明"), self.note)
        self.finish_layout()

    def problem(self) -> str:
        return self.tr("请填写去向。") if not self.place.text().strip() else ""

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[str, str, str] | None:
        dlg = cls(parent)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return dlg.place.text().strip(), dlg.contact.text().strip(), dlg.note.toPlainText().strip()


class ExtensionDialog(ActionDialog):
    """申请延期: a later due time and the reason; a leader decides."""

    def title(self) -> str:
        return self.tr("申请延期")

    def __init__(self, parent: QWidget | None, current_due: datetime | None) -> None:
        super().__init__(parent)
        self.current_due = current_due
        base = (current_due or datetime.now()) + timedelta(days=3)
        self.when = QDateTimeEdit(QDateTime(base.replace(second=0, microsecond=0)), self)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.reason = self._note_edit(self.tr("必填"), "reason")
        if current_due is not None:
            self.form.addRow(self.tr("原到期"), QLabel(current_due.strftime("%Y-%m-%d %H:%M"), self))
        self.form.addRow(self.tr("延期至"), self.when)
        self.form.addRow(self.tr("理由"), self.reason)
        self.finish_layout()

    def new_due(self) -> datetime:
        return self.when.dateTime().toPython().replace(second=0, microsecond=0)

    def problem(self) -> str:
        if self.current_due is not None and self.new_due() <= self.current_due:
            return self.tr("延期后的时间必须晚于原到期时间。")
        return self.tr("请填写延期理由。") if not self.reason.toPlainText().strip() else ""

    @classmethod
    def ask(cls, parent: QWidget | None,
            current_due: datetime | None) -> tuple[datetime, str] | None:
        dlg = cls(parent, current_due)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return dlg.new_due(), dlg.reason.toPlainText().strip()


class _Choice(ActionDialog):
    """Radio buttons in a row (arrow keys move), then a note."""

    def add_choices(self, label: str, choices: list[tuple[object, str]]) -> None:
        self.group = QButtonGroup(self)
        self.values = [value for value, _ in choices]
        row = QHBoxLayout()
        for i, (_value, text) in enumerate(choices):
            radio = QRadioButton(text, self)
            self.group.addButton(radio, i)
            row.addWidget(radio)
        self.group.button(0).setChecked(True)
        self.form.addRow(label, row)
        self.note = self._note_edit()
        self.form.addRow(self.tr("说明"), self.note)
        self.finish_layout()

    def chosen(self) -> object:
        return self.values[max(self.group.checkedId(), 0)]


class ExtensionDecisionDialog(_Choice):
    """A leader approves or rejects the open extension request."""

    def title(self) -> str:
        return self.tr("审批延期")

    def __init__(self, parent: QWidget | None, requested: datetime | None, reason: str) -> None:
        super().__init__(parent)
        if requested is not None:
            self.form.addRow(self.tr("申请延至"), QLabel(requested.strftime("%Y-%m-%d %H:%M"), self))
        self.form.addRow(self.tr("理由"), QLabel(reason or "—", self))
        self.add_choices(self.tr("决定"), [(True, self.tr("批准")), (False, self.tr("不批准"))])

    @classmethod
    def ask(cls, parent: QWidget | None, requested: datetime | None,
            reason: str) -> tuple[bool, str] | None:
        dlg = cls(parent, requested, reason)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return bool(dlg.chosen()), dlg.note.toPlainText().strip()


class EvaluateDialog(_Choice):
    """好差评: five levels (GB/T 39734); two lowest open a rectification."""

    def title(self) -> str:
        return self.tr("登记评价")

    def __init__(self, parent: QWidget | None, lang: str = "zh") -> None:
        super().__init__(parent)
        self.add_choices(self.tr("评价"), [(level, EVALUATIONS[level].text(lang))
                                          for level in sorted(EVALUATIONS, reverse=True)])

    @classmethod
    def ask(cls, parent: QWidget | None, lang: str = "zh") -> tuple[int, str] | None:
        dlg = cls(parent, lang)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return int(dlg.chosen()), dlg.note.toPlainText().strip()  # type: ignore[call-overload]


class FollowUpDialog(_Choice):
    """回访 on a poor evaluation's rectification: was it put right, and what the visitor said."""

    def title(self) -> str:
        return self.tr("回访")

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.add_choices(self.tr("整改"), [(True, self.tr("已完成")), (False, self.tr("尚未完成"))])

    def problem(self) -> str:
        return self.tr("请填写回访情况。") if not self.note.toPlainText().strip() else ""

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[bool, str] | None:
        dlg = cls(parent)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return bool(dlg.chosen()), dlg.note.toPlainText().strip()
