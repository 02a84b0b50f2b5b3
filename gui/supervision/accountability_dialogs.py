"""Dialogs of the accountability and supervision screens (confirm, dismiss, complaint,
commendation, PDF preview); each `ask(...)` returns the input or None, and tests replace it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.admin.staff import list_departments
from core.cases.detail import case_detail
from core.cases.queries import NUMBER_RE, find_by_number
from core.errors import DomainError
from core.supervision.accountability import (
    BEHAVIOURS,
    RULES,
    SANCTIONS,
    ViolationInfo,
    evidence_text,
)
from gui.desk.action_widgets import ActionDialog, DepartmentCombo, StaffCombo
from gui.errors import notify, show_error
from gui.forms.intake_widgets import HINT_STYLE, OK_STYLE
from gui.printing.pdf_view import fill_printers, load_pdf, pdf_view, with_suffix
from gui.printing.printer import (
    PrintProblem,
    busy_cursor,
    check_printer,
    print_document,
    printer_names,
)
from gui.session import Session
from gui.widgets.screen_fit import fit_to_screen

log = logging.getLogger(__name__)


class FileDialogs:
    """The system save dialog behind one hook (STYLE habit 8): tests replace `save_path`."""

    @classmethod
    def save_path(cls, parent: QWidget | None, title: str, suggested: str, pattern: str) -> str:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
        return path


def suggested_path(name: str) -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return str(Path(folder or Path.home()) / name.replace(" ", ""))


def ask_save_path(parent: QWidget, title: str, name: str, suffix: str) -> Path | None:
    """Where to save an .xlsx or .pdf (the suffix is added when the user left it off)."""
    pattern = (QCoreApplication.translate("FileDialogs", "Excel 工作簿 (*.xlsx)") if suffix == ".xlsx"
               else QCoreApplication.translate("FileDialogs", "PDF 文件 (*.pdf)"))
    name = name if name.endswith(suffix) else name + suffix
    path = FileDialogs.save_path(parent, title, suggested_path(name), pattern)
    if not path:
        return None
    return with_suffix(path, suffix)


@dataclass(frozen=True)
class Decision:
    sanction: str
    note: str


@dataclass(frozen=True)
class ComplaintInput:
    staff_id: int
    behaviour: str
    evidence: str
    sanction: str
    case_id: int | None


@dataclass(frozen=True)
class CommendInput:
    staff_id: int
    note: str
    case_id: int | None


def choice_box(parent: QWidget, prompt: str, terms: dict, lang: str) -> QComboBox:
    box = QComboBox(parent)
    box.addItem(prompt, None)
    for key, term in terms.items():
        box.addItem(term.text(lang), key)
    return box


def summary(v: ViolationInfo | list[ViolationInfo], lang: str) -> str:
    """One record with its evidence, or several (the first few, then how many in all)."""
    if isinstance(v, list):
        if len(v) == 1:
            return summary(v[0], lang)
        lines = [summary(x, lang).split("\n")[0] for x in v[:6]]
        more = (QCoreApplication.translate("ConfirmDialog", "…共 {n} 条").format(n=len(v))
                if len(v) > 6
                else QCoreApplication.translate("ConfirmDialog", "共 {n} 条").format(n=len(v)))
        return "\n".join([*lines, more])
    rule = RULES[v.rule].text(lang) if v.rule in RULES else v.rule
    case = f" · {v.case_number}" if v.case_number else ""
    return f"{v.staff} · {rule}{case}\n{evidence_text(v.evidence, lang)}"


class ReviewDialog(ActionDialog):
    """Base: a decision on one record or several, shown first (情况)."""

    def __init__(self, parent: QWidget | None, session: Session,
                 v: ViolationInfo | list[ViolationInfo]) -> None:
        super().__init__(parent)
        about = QLabel(summary(v, session.lang), self)
        about.setWordWrap(True)
        self.form.addRow(self.tr("情况"), about)


class ConfirmDialog(ReviewDialog):
    """确认违规: a sanction (required) and a note."""

    def title(self) -> str:
        return self.tr("确认违规并处理")

    def __init__(self, parent: QWidget | None, session: Session,
                 v: ViolationInfo | list[ViolationInfo]) -> None:
        super().__init__(parent, session, v)
        self.sanction = choice_box(self, self.tr("请选择处理方式"), SANCTIONS, session.lang)
        self.form.addRow(self.tr("处理"), self.sanction)
        self.note = self._note_edit(self.tr("处理意见，可不填"))
        self.form.addRow(self.tr("意见"), self.note)
        self.finish_layout()

    def problem(self) -> str:
        return self.tr("请选择处理方式。") if self.sanction.currentData() is None else ""

    def value(self) -> Decision:
        return Decision(str(self.sanction.currentData()), self.note.toPlainText().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, session: Session,
            v: ViolationInfo | list[ViolationInfo]) -> Decision | None:
        dlg = cls(parent, session, v)
        return dlg.value() if dlg.exec() == QDialog.DialogCode.Accepted else None


class DismissDialog(ReviewDialog):
    """驳回: the reason is required and said at the field."""

    def title(self) -> str:
        return self.tr("驳回（不予追究）")

    def __init__(self, parent: QWidget | None, session: Session,
                 v: ViolationInfo | list[ViolationInfo]) -> None:
        super().__init__(parent, session, v)
        self.reason = self._note_edit(self.tr("必填，如“系统停电，情有可原”"), "reason")
        self.form.addRow(self.tr("驳回理由"), self.reason)
        self.finish_layout()

    def problem(self) -> str:
        return self.tr("请填写驳回理由。") if not self.reason.toPlainText().strip() else ""

    @classmethod
    def ask(cls, parent: QWidget | None, session: Session,
            v: ViolationInfo | list[ViolationInfo]) -> str | None:
        dlg = cls(parent, session, v)
        ok = dlg.exec() == QDialog.DialogCode.Accepted
        return dlg.reason.toPlainText().strip() if ok else None


class StaffDialog(ActionDialog):
    """Base: a department and a person (a head only sees their own), plus a case number."""

    def __init__(self, parent: QWidget | None, session: Session) -> None:
        super().__init__(parent)
        self.session = session
        self.department = DepartmentCombo(self, prompt=self.tr("全部部门"))
        self.department.load(list_departments())
        self.staff = StaffCombo(self, none_text=self.tr("请选择工作人员"))
        self.staff.load()
        if session.staff.role == "dept_head":
            self.department.select_department(session.staff.department_id)
            self.department.setEnabled(False)
        self.department.currentIndexChanged.connect(self._department_changed)
        self._department_changed()
        row = QHBoxLayout()
        row.addWidget(self.department, 1)
        row.addWidget(self.staff, 1)
        self.form.addRow(self.tr("工作人员"), row)
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("可不填，如 20261126-0007"))
        self.number.editingFinished.connect(self.look_up)
        self.found = QLabel(self)
        self.found.setStyleSheet(HINT_STYLE)
        self.case_id: int | None = None

    def _department_changed(self, _index: int = -1) -> None:
        self.staff.set_department(self.department.department_id())

    def add_case_row(self) -> None:
        box = QVBoxLayout()
        box.addWidget(self.number)
        box.addWidget(self.found)
        self.form.addRow(self.tr("事项编号"), box)

    def look_up(self) -> str:
        """Find the case by its number; returns a problem text ("" when fine or empty)."""
        text = self.number.text().strip()
        self.case_id = None
        if not text:
            self.found.setText("")
            return ""
        if not NUMBER_RE.match(text):
            problem = self.tr("事项编号格式不对，应如 20261126-0007。")
        else:
            self.case_id = find_by_number(text)
            problem = "" if self.case_id else self.tr("找不到事项 {number}。").format(number=text)
        if problem:
            self.found.setStyleSheet("color: #c62828;")
            self.found.setText(problem)
            return problem
        d = case_detail(self.case_id)  # type: ignore[arg-type]
        self.found.setStyleSheet(OK_STYLE)
        self.found.setText(self.tr("已找到：{subject}（首问 {owner}）").format(
            subject=d.subject, owner=d.first_owner))
        return ""

    def staff_problem(self) -> str:
        if self.staff.staff_id() is None:
            return self.tr("请选择工作人员。")
        return self.look_up()


class ComplaintDialog(StaffDialog):
    """登记投诉: who, which behaviour, the evidence, the sanction, optionally the case."""

    def title(self) -> str:
        return self.tr("登记投诉查实的违规")

    def __init__(self, parent: QWidget | None, session: Session) -> None:
        super().__init__(parent, session)
        self.behaviour = choice_box(self, self.tr("请选择情形"), BEHAVIOURS, session.lang)
        self.form.addRow(self.tr("情形"), self.behaviour)
        self.evidence = self._note_edit(self.tr("必填：投诉内容、核实经过"), "reason")
        self.form.addRow(self.tr("查实情况"), self.evidence)
        self.sanction = choice_box(self, self.tr("请选择处理方式"), SANCTIONS, session.lang)
        self.form.addRow(self.tr("处理"), self.sanction)
        self.add_case_row()
        self.finish_layout()

    def problem(self) -> str:
        if self.behaviour.currentData() is None:
            return self.tr("请选择情形。")
        if not self.evidence.toPlainText().strip():
            return self.tr("请填写查实情况。")
        if self.sanction.currentData() is None:
            return self.tr("请选择处理方式。")
        return self.staff_problem()

    def value(self) -> ComplaintInput:
        return ComplaintInput(int(self.staff.staff_id() or 0), str(self.behaviour.currentData()),
                              self.evidence.toPlainText().strip(),
                              str(self.sanction.currentData()), self.case_id)

    @classmethod
    def ask(cls, parent: QWidget | None, session: Session) -> ComplaintInput | None:
        dlg = cls(parent, session)
        return dlg.value() if dlg.exec() == QDialog.DialogCode.Accepted else None


class CommendDialog(StaffDialog):
    """登记表扬: who, what they did, optionally the case."""

    def title(self) -> str:
        return self.tr("登记表扬")

    def __init__(self, parent: QWidget | None, session: Session) -> None:
        super().__init__(parent, session)
        self.note = self._note_edit(self.tr("必填：表扬事迹，如“主动延时服务，群众送锦旗”"))
        self.form.addRow(self.tr("事迹"), self.note)
        self.add_case_row()
        self.finish_layout()

    def problem(self) -> str:
        if not self.note.toPlainText().strip():
            return self.tr("请填写表扬事迹。")
        return self.staff_problem()

    def value(self) -> CommendInput:
        return CommendInput(int(self.staff.staff_id() or 0), self.note.toPlainText().strip(),
                            self.case_id)

    @classmethod
    def ask(cls, parent: QWidget | None, session: Session) -> CommendInput | None:
        dlg = cls(parent, session)
        return dlg.value() if dlg.exec() == QDialog.DialogCode.Accepted else None


class PdfPreviewDialog(QDialog):
    """A generated report on screen: 打印 to a chosen printer, 另存为 PDF, 关闭 (non-modal)."""

    def __init__(self, pdf: bytes, title: str, suggested: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf, self.title, self.suggested = pdf, title, suggested
        self.setWindowTitle(self.tr("预览 — {title}").format(title=title))
        fit_to_screen(self, 820, 900)
        self.document = QPdfDocument(self)
        self._buffer, self._bytes = load_pdf(self.document, pdf, self)
        self.view = pdf_view(self, self.document, QPdfView.ZoomMode.FitToWidth)
        self.printer_box = QComboBox(self)
        window = parent.window() if parent is not None else None
        remembered = getattr(getattr(window, "settings", None), "printer_name", "")
        fill_printers(self.printer_box, printer_names(), str(remembered or ""))
        self.status = QLabel(self.tr("共 {n} 页").format(n=self.document.pageCount()), self)
        self.print_button = QPushButton(self.tr("打印"), self)
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.clicked.connect(self.print_now)
        self.save_button = QPushButton(self.tr("另存为 PDF…"), self)
        self.save_button.clicked.connect(self.save_as)
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("打印机"), self))
        bottom.addWidget(self.printer_box, 1)
        bottom.addWidget(self.status, 1)
        for button in (self.print_button, self.save_button, close):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

    @classmethod
    def open_pdf(cls, parent: QWidget | None, pdf: bytes, title: str,
                 suggested: str) -> PdfPreviewDialog:
        """Show without blocking (tests replace this hook to look at the bytes)."""
        dialog = cls(pdf, title, suggested, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def print_now(self) -> None:
        name = str(self.printer_box.currentData() or "")
        try:
            with busy_cursor():
                check_printer(name)
                printer = QPrinter(QPrinter.PrinterMode.HighResolution)
                printer.setPrinterName(name)
                pages = print_document(self.document, printer, "a4", self.title)
        except PrintProblem as problem:
            log.warning("report not printed: %s", problem)
            notify(self, self.tr("无法打印"), self.tr(
                "没有打印（{problem}）。请检查打印机，或先“另存为 PDF”。").format(problem=problem),
                "warning")
            return
        except (DomainError, OSError, RuntimeError) as exc:
            show_error(self, exc)
            return
        self.status.setText(self.tr("已发送到打印机“{name}”，共 {n} 页。").format(name=name, n=pages))

    def save_as(self) -> None:
        path = FileDialogs.save_path(self, self.tr("另存为 PDF"), self.suggested,
                                     self.tr("PDF 文件 (*.pdf)"))
        if not path:
            return
        target = with_suffix(path, ".pdf")
        try:
            target.write_bytes(self.pdf)
        except OSError as exc:
            notify(self, self.tr("无法保存"), self.tr("无法保存文件“{path}”：{reason}").format(
                path=str(target), reason=exc.strerror or str(exc)), "error")
            return
        self.status.setText(self.tr("已保存：{path}").format(path=str(target)))
