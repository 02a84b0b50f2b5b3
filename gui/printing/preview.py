"""The print preview dialog: the rendered document, format and printer pickers, print and save."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QPointF,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.cases.detail import case_detail
from core.errors import DomainError
from core.infra.storage import StorageError
from core.printing.slips import KINDS, case_paper, preview_paper, record_printed
from gui.errors import notify, show_error
from gui.ops import run_in_background
from gui.printing.pdf_view import fill_printers, load_pdf, pdf_view, with_suffix
from gui.printing.printer import (
    FORMATS,
    PrintProblem,
    busy_cursor,
    check_printer,
    print_document,
    printer_names,
)
from gui.session import Session
from gui.settings import AppSettings
from gui.widgets.screen_fit import fit_to_screen

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def render_job(case_id: int, kind: str, fmt: str, want_number: bool,
               viewer_id: int | None = None, lang: str = "zh") -> tuple[bytes, str]:
    """Worker thread: the PDF bytes (masked for `viewer_id` as on screen, the document's
    own words in `lang`, the window's language) and (the first time) the case number for
    file names."""
    from documents.render import render  # ReportLab loads when the first slip is drawn

    paper = (case_paper(case_id, kind, fmt, actor_id=None, lang=lang) if viewer_id is None
             else preview_paper(case_id, kind, fmt, viewer_id, lang))
    pdf = render(paper)
    return pdf, case_detail(case_id).number if want_number else ""


class PrintPreviewDialog(QDialog):
    """Preview of one document of a case; 打印 (Ctrl+P), 另存为 PDF, 关闭 (Esc)."""

    preview_ready = Signal()  # a rendered document is on screen (tests wait for it)
    render_failed = Signal(str)
    printed = Signal(int)  # pages sent to the printer
    saved = Signal(str)  # path written

    def __init__(self, session: Session, case_id: int, kind: str, settings: AppSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id = case_id
        self.kind = kind
        self.settings = settings
        self.number = ""
        self.pdf: bytes = b""
        self.fmt = settings.slip_format if settings.slip_format in FORMATS else FORMATS[1]
        self.render_ms = 0.0
        self._generation = 0
        self._asked_at = 0.0
        self._closed = False
        self._printer: QPrinter | None = None
        self._buffer: QBuffer | None = None
        self._bytes = QByteArray()
        self.document = QPdfDocument(self)
        self.setWindowTitle(self.tr("打印预览 — {doc}").format(doc=self._kind_label()))
        fit_to_screen(self, 760, 860)
        self._build()
        self._fill_printers()

    # ---- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.format_box = QComboBox(self)
        labels = {"a4": self.tr("A4 纸"), "a5": self.tr("A5 纸"), "80mm": self.tr("80mm 热敏小票")}
        for fmt in FORMATS:
            self.format_box.addItem(labels[fmt], fmt)
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(self.fmt)))
        self.format_box.currentIndexChanged.connect(self._format_picked)
        self.printer_box = QComboBox(self)
        self.printer_box.setMinimumContentsLength(16)
        self.printer_box.currentIndexChanged.connect(self._printer_picked)
        self.setup_button = QPushButton(self.tr("打印设置…"), self)
        self.setup_button.setToolTip(self.tr("份数、双面、页码范围"))
        self.setup_button.clicked.connect(self.open_print_settings)
        self.page_label = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("格式"), self))
        top.addWidget(self.format_box)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("打印机"), self))
        top.addWidget(self.printer_box, 1)
        top.addWidget(self.setup_button)
        top.addSpacing(12)
        top.addWidget(self.page_label)

        self.view = pdf_view(self, self.document, QPdfView.ZoomMode.FitInView)
        self.state_label = QLabel(self)
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_label.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.state_label)
        self.stack.addWidget(self.view)

        self.status_label = QLabel(self)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(self.tr("打印"), self)
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.setToolTip(self.tr("打印 (Ctrl+P)"))
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_now)
        self.save_button = QPushButton(self.tr("另存为 PDF…"), self)
        self.save_button.clicked.connect(self.save_as_pdf)
        close = QPushButton(self.tr("关闭"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)  # Esc does the same
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)
        self._set_busy(True)

    def _kind_label(self) -> str:
        term = KINDS.get(self.kind)
        return self.session.text(term) if term else self.kind

    def _fill_printers(self) -> None:
        self.printer_box.blockSignals(True)
        self.printer_box.clear()
        fill_printers(self.printer_box, printer_names(), self.settings.printer_name)
        self.printer_box.blockSignals(False)

    def printer_name(self) -> str:
        return str(self.printer_box.currentData() or "")

    def _set_busy(self, busy: bool) -> None:
        ready = not busy and bool(self.pdf)
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        if busy:
            self.page_label.setText(self.tr("正在生成…"))
            if not self.pdf:
                self.state_label.setText(self.tr("正在生成…"))
                self.stack.setCurrentWidget(self.state_label)

    # ---- rendering ----------------------------------------------------------------------
    def start(self) -> None:
        """Render in the current format on the worker thread; the window never freezes."""
        self._generation += 1
        generation, fmt = self._generation, self.fmt
        self._asked_at = time.perf_counter()
        self._set_busy(True)
        want_number = not self.number
        run_in_background(lambda: render_job(self.case_id, self.kind, fmt, want_number,
                                              self.session.staff.id, self.session.lang),
                          lambda result: self._rendered(generation, fmt, result),
                          lambda exc: self._render_error(generation, exc))

    def _alive(self, generation: int) -> bool:
        return not self._closed and shiboken6.isValid(self) and generation == self._generation

    def _rendered(self, generation: int, fmt: str, result: tuple[bytes, str]) -> None:
        if not self._alive(generation):
            return
        pdf, number = result
        self.number = self.number or number
        self.document.close()
        buffer, data = load_pdf(self.document, pdf, self)
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() < 1:
            buffer.deleteLater()
            self._render_error(generation, RuntimeError(
                self.tr("生成的 PDF 无法打开（{error}）").format(error=self.document.error().name)))
            return
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer, self._bytes, self.pdf = buffer, data, pdf
        pages = self.document.pageCount()
        single = pages == 1  # one page fits the view: no scroll bar
        self.view.setPageMode(QPdfView.PageMode.SinglePage if single
                              else QPdfView.PageMode.MultiPage)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if single
                                             else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.stack.setCurrentWidget(self.view)
        self.view.pageNavigator().jump(0, QPointF(), 0)  # page 1 of the new document
        if self.number:
            self.setWindowTitle(self.tr("打印预览 — {doc} {number}").format(
                doc=self._kind_label(), number=self.number))
        self._set_busy(False)
        self.page_label.setText(self.tr("共 {n} 页").format(n=pages))
        self.render_ms = (time.perf_counter() - self._asked_at) * 1000
        log.info("preview of %s for case %s in %s: %d page(s), %.0f ms", self.kind, self.case_id,
                 fmt, pages, self.render_ms)
        self.preview_ready.emit()

    def _render_error(self, generation: int, exc: BaseException) -> None:
        if not self._alive(generation):
            return
        log.warning("could not render %s for case %s: %s", self.kind, self.case_id, exc)
        self.pdf = b""
        self.document.close()
        self.state_label.setText(self.tr("无法生成{doc}。请检查后重试，或换一种格式。").format(
            doc=self._kind_label()))
        self.stack.setCurrentWidget(self.state_label)
        self.page_label.setText("")
        self._set_busy(False)
        self.render_failed.emit(str(exc))
        show_error(self, exc, self.session.lang)

    def _format_picked(self, _index: int) -> None:
        fmt = str(self.format_box.currentData())
        if fmt == self.fmt:
            return
        self.fmt = fmt
        self.settings.slip_format = fmt
        self.settings.sync()
        self.start()

    def _printer_picked(self, _index: int) -> None:
        name = self.printer_name()
        if name:
            self.settings.printer_name = name
            self.settings.sync()
            if self._printer is not None:
                self._printer.setPrinterName(name)

    # ---- printing -----------------------------------------------------------------------
    def printer(self) -> QPrinter:
        """The QPrinter for the chosen printer, made on first use (drivers can be slow)."""
        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self._printer.setCopyCount(1)
        name = self.printer_name()
        if name and self._printer.printerName() != name:
            self._printer.setPrinterName(name)
        return self._printer

    @classmethod
    def ask_print_settings(cls, parent: QWidget, printer: QPrinter) -> bool:
        """The system print dialog (copies, duplex, pages); tests replace this hook."""
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(translate("PrintPreviewDialog", "打印设置"))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)  # 另存为 PDF
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str:
        """A file name from the system save dialog, or "" when cancelled; tests replace this."""
        path, _ = QFileDialog.getSaveFileName(
            parent, translate("PrintPreviewDialog", "另存为 PDF"), suggested,
            translate("PrintPreviewDialog", "PDF 文件 (*.pdf)"))
        return path

    def open_print_settings(self) -> None:
        if not printer_names():
            self._explain(PrintProblem("no_printer"))
            return
        printer = self.printer()
        if type(self).ask_print_settings(self, printer):
            name = printer.printerName()  # the system dialog may have switched printers
            if not name:
                return
            if self.printer_box.findData(name) < 0:
                self.printer_box.addItem(name, name)
            self.printer_box.setCurrentIndex(self.printer_box.findData(name))

    def send_to_printer(self, printer: QPrinter) -> int:
        """Print every page of the previewed document; raises PrintProblem."""
        doc_name = f"{self.number} {self._kind_label()}".strip()
        return print_document(self.document, printer, self.fmt, doc_name)

    def print_now(self) -> None:
        if not self.pdf:
            return
        name = self.printer_name()
        try:
            with busy_cursor():  # ~0.3 s a page at 300 dpi
                check_printer(name)
                pages = self.send_to_printer(self.printer())
        except PrintProblem as problem:
            self._explain(problem)
            return
        except Exception as exc:  # noqa: BLE001 — a driver failure must not close the window
            self.status_label.setText(self.tr("打印失败。"))
            show_error(self, exc, self.session.lang)
            return
        self._audit("printer")
        self.settings.printer_name = name
        self.settings.slip_format = self.fmt
        self.settings.sync()
        self.status_label.setText(self.tr("已发送到打印机“{name}”，共 {n} 页。").format(
            name=name, n=pages))
        self.printed.emit(pages)

    def _audit(self, how: str) -> None:
        """Prints and saved copies are on record (the audit log), like every case action."""
        try:
            record_printed(self.session.staff.id, self.case_id, self.kind, self.fmt, how)
        except (DomainError, StorageError) as exc:
            show_error(self, exc, self.session.lang)

    def _explain(self, problem: PrintProblem) -> None:
        name = problem.printer or self.printer_name()
        save = self.tr("也可以先“另存为 PDF”，到有打印机的电脑上打印。")
        texts = {
            "no_printer": self.tr("本机没有安装打印机，无法打印。"),
            "unknown_printer": self.tr("找不到打印机“{name}”，它可能已被删除或改名。请在列表中另选一台。"),
            "offline": self.tr("打印机“{name}”脱机或出错，文档没有打印。请检查电源、连接线和纸张后重试。"),
            "cannot_start": self.tr("无法连接打印机“{name}”，文档没有打印。请检查打印机后重试。"),
            "page_failed": self.tr("打印机“{name}”换页失败，文档可能没有打印完整。"),
            "failed": self.tr("打印机“{name}”报告错误，文档可能没有打印完整。"),
            "empty": self.tr("没有可打印的内容：文档尚未生成。"),
        }
        text = texts.get(problem.code, self.tr("打印失败。")).format(name=name)
        self.status_label.setText(self.tr("没有打印。"))
        log.warning("print of %s for case %s not done: %s", self.kind, self.case_id, problem)
        notify(self, self.tr("无法打印"), f"{text}\n{save}", "warning")

    # ---- saving -------------------------------------------------------------------------
    def suggested_path(self) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        label = KINDS[self.kind].zh if self.kind in KINDS else self.kind
        name = "-".join(x for x in (self.number, label, self.fmt) if x) + ".pdf"
        return str(Path(folder or Path.home()) / name)

    def save_as_pdf(self) -> None:
        if not self.pdf:
            return
        path = type(self).ask_save_path(self, self.suggested_path())
        if not path:
            return
        target = with_suffix(path, ".pdf")
        try:
            target.write_bytes(self.pdf)
            self._audit("pdf")
        except OSError as exc:
            log.warning("could not write %s: %s", target, exc)
            notify(self, self.tr("无法保存"), self.tr(
                "无法保存文件“{path}”：{reason}\n请换一个文件夹或文件名再试。").format(
                    path=str(target), reason=exc.strerror or str(exc)), "error")
            return
        self.status_label.setText(self.tr("已保存：{path}").format(path=str(target)))
        self.saved.emit(str(target))

    # ---- closing ------------------------------------------------------------------------
    def done(self, code: int) -> None:
        self._closed = True
        super().done(code)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        super().closeEvent(event)
