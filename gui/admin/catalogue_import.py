"""The catalogue import's preview: what the file would add and change, the departments it names
that do not exist yet (created only when ticked), and every problem by sheet, row and column —
import all, only the clean items, or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from core.errors import Term
from gui.admin.page import make_table
from gui.forms.intake_widgets import ERROR_STYLE, HINT_STYLE
from gui.widgets.tables import Col, RowsModel

if TYPE_CHECKING:  # openpyxl stays unloaded until a file is read
    from core.admin.catalogue_xlsx import CataloguePlan
    from core.admin.sheet_reader import Problem


@dataclass(frozen=True)
class ImportChoice:
    go: bool
    create_departments: bool = False
    partial: bool = False


class ImportPreview(QDialog):
    """Shown before anything is written; `ask` is what the editor calls (tests replace it)."""

    def __init__(self, plan: CataloguePlan, file_name: str, lang: str = "zh",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("导入事项清单 — {name}").format(name=file_name))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        summary = QLabel(self.tr("可导入：新增 {new} 项，更新 {changed} 项（版本加 1），未变 {same} 项。")
                         .format(new=plan.count("new"), changed=plan.count("changed"),
                                 same=plan.count("unchanged")), self)
        layout.addWidget(summary)
        self.create_box = QCheckBox(self)
        if plan.missing_departments:
            self.create_box.setText(self.tr("系统中没有以下部门，导入时一并创建：{names}").format(
                names="、".join(plan.missing_departments)))
            layout.addWidget(self.create_box)
        self.create_box.setVisible(bool(plan.missing_departments))
        self.partial_box = QCheckBox(self)
        if plan.problems:
            head = QLabel(self.tr("文件中有 {n} 处问题（涉及 {items} 个事项）：").format(
                n=len(plan.problems), items=len(plan.rejected)), self)
            head.setStyleSheet(ERROR_STYLE)
            layout.addWidget(head)
            model = RowsModel([
                Col(self.tr("工作表"), lambda p: p.sheet),
                Col(self.tr("行"), lambda p: str(p.row or "")),
                Col(self.tr("列"), lambda p: p.column or ""),
                Col(self.tr("问题"), lambda p: Term(p.reason, p.reason_en or p.reason).text(lang)),
            ], self)
            model.set_rows(plan.problems)
            self.table = make_table(model, self, 3)
            layout.addWidget(self.table, 1)
            self.partial_box.setText(self.tr("只导入无误的事项（有问题的 {n} 个事项不导入）").format(
                n=len(plan.rejected)))
            layout.addWidget(self.partial_box)
        self.partial_box.setVisible(bool(plan.problems))
        hint = QLabel(self.tr("未勾选时，有任何问题都不导入；请在 Excel 中改正后重新导入。"), self)
        hint.setStyleSheet(HINT_STYLE)
        hint.setVisible(bool(plan.problems or plan.missing_departments))
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(self.tr("导入"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for box in (self.create_box, self.partial_box):
            box.toggled.connect(lambda _on: self.update_button())
        self.update_button()

    def blocked(self) -> bool:
        """Importing now would still refuse: problems unticked, or departments not confirmed
        for items that are to be imported."""
        partial = self.partial_box.isChecked()
        if self.plan.problems and not partial:
            return True
        needs_new = any(p.info.department_id == 0 for p in self.plan.items)
        return needs_new and not self.create_box.isChecked() and not partial

    def update_button(self) -> None:
        self.import_button.setEnabled(not self.blocked() and bool(self.plan.items))

    def choice(self) -> ImportChoice:
        return ImportChoice(True, self.create_box.isChecked(), self.partial_box.isChecked())

    @classmethod
    def ask(cls, parent: QWidget, plan: CataloguePlan, file_name: str,
            lang: str = "zh") -> ImportChoice:
        dialog = cls(plan, file_name, lang, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return ImportChoice(False)
        return dialog.choice()


def problems_text(problems: tuple[Problem, ...], lang: str = "zh", shown: int = 5) -> str:
    """The first few problems, one a line, for the editor's status line."""
    lines = [p.message(lang) for p in problems[:shown]]
    if len(problems) > shown:
        more = len(problems) - shown
        lines.append(Term(f"……另有 {more} 处", f"… and {more} more").text(lang))
    return "\n".join(lines)
