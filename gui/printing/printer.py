"""Printing a case's documents: printers, page sizes, QPdfDocument pages → QPrinter, the entry point."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

import shiboken6
from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QApplication, QWidget

from core.printing.slips import KINDS
from gui.errors import notify
from gui.session import Session
from gui.settings import SLIP_FORMATS, AppSettings

log = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = SLIP_FORMATS  # "a4", "a5", "80mm" — the same keys as documents/
ROLL_WIDTH_MM = 80.0
MAX_DPI = 300  # a page image at 1200 dpi (A4) would need 557 MB; 300 dpi is print quality
MM_PER_POINT = 25.4 / 72.0

_keep: set[QWidget] = set()  # dialogs opened without a parent stay alive until closed


class PrintProblem(Exception):
    """Why a print did not happen; the dialog turns `code` into a sentence."""

    # no_printer | unknown_printer | offline | cannot_start | page_failed | failed | empty
    def __init__(self, code: str, printer: str = "") -> None:
        super().__init__(code, printer)
        self.code = code
        self.printer = printer

    def __str__(self) -> str:
        return f"{self.code} ({self.printer})" if self.printer else self.code


# ---- printers -----------------------------------------------------------------------------

def printer_names() -> list[str]:
    """Printers installed on this PC, as the system lists them."""
    return [p.printerName() for p in QPrinterInfo.availablePrinters()]


def preferred_printer(remembered: str, names: list[str] | None = None) -> str:
    """The remembered printer while it still exists, else the system default, else the first."""
    names = printer_names() if names is None else names
    if remembered and remembered in names:
        return remembered
    default = QPrinterInfo.defaultPrinterName()
    if default and default in names:
        return default
    return names[0] if names else ""


def check_printer(name: str) -> QPrinterInfo:
    """The printer's info, or PrintProblem when none is installed, it vanished or is in error."""
    if not name:
        raise PrintProblem("no_printer")
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        raise PrintProblem("unknown_printer", name)
    if info.state() == QPrinter.PrinterState.Error:
        raise PrintProblem("offline", name)
    return info


@contextmanager
def busy_cursor() -> Iterator[None]:
    """A wait cursor while the GUI thread paints pages for the printer."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


# ---- pages --------------------------------------------------------------------------------

def page_size_for(fmt: str, document: QPdfDocument) -> QPageSize:
    """A4 / A5 paper, or the 80 mm roll cut to the document's longest page."""
    if fmt == "a4":
        return QPageSize(QPageSize.PageSizeId.A4)
    if fmt == "a5":
        return QPageSize(QPageSize.PageSizeId.A5)
    tallest = max((document.pagePointSize(i).height() for i in range(document.pageCount())),
                  default=0.0)
    height_mm = max(tallest * MM_PER_POINT, ROLL_WIDTH_MM)
    return QPageSize(QSizeF(ROLL_WIDTH_MM, round(height_mm, 1)), QPageSize.Unit.Millimeter,
                     "80mm", QPageSize.SizeMatchPolicy.ExactMatch)


def render_page(document: QPdfDocument, page: int, dpi: float) -> QImage:
    """One page as an opaque image: QtPdf renders onto transparency, printers need white paper."""
    points = document.pagePointSize(page)
    size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, document.render(page, size))
    painter.end()
    return image


def fitted(image_size: QSizeF, target: QRectF) -> QRectF:
    """`image_size` scaled into `target` keeping its aspect, centred across and from the top."""
    if image_size.isEmpty():
        return QRectF(target)
    scale = min(target.width() / image_size.width(), target.height() / image_size.height())
    w, h = image_size.width() * scale, image_size.height() * scale
    return QRectF(target.left() + (target.width() - w) / 2, target.top(), w, h)


def print_document(document: QPdfDocument, printer: QPrinter, fmt: str, doc_name: str = "") -> int:
    """Every page (or the range chosen in 打印设置…) through `printer`; the pages sent."""
    count = document.pageCount()
    if document.status() != QPdfDocument.Status.Ready or count < 1:
        raise PrintProblem("empty")
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(1, printer.fromPage()), min(count, printer.toPage() or count)
    name = printer.printerName()
    if doc_name:
        printer.setDocName(doc_name)
    printer.setFullPage(True)  # the PDF carries its own margins
    layout = QPageLayout(page_size_for(fmt, document), QPageLayout.Orientation.Portrait,
                         QMarginsF(0, 0, 0, 0))
    if not printer.setPageLayout(layout):
        log.warning("printer %s refused the page layout %s", name, layout.pageSize().name())
    dpi = min(max(printer.resolution(), 72), MAX_DPI)
    started = time.perf_counter()
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintProblem("cannot_start", name)
    try:
        target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        for page in range(first - 1, last):
            if page > first - 1 and not printer.newPage():
                raise PrintProblem("page_failed", name)
            image = render_page(document, page, dpi)
            painter.drawImage(fitted(QSizeF(image.size()), target), image)
    except BaseException:
        printer.abort()
        raise
    finally:
        painter.end()
    if printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PrintProblem("failed", name)
    sent = last - first + 1
    log.info("printed %s: %d page(s) of %s to %s at %d dpi in %.0f ms", doc_name or "document",
             sent, fmt, name, dpi, (time.perf_counter() - started) * 1000)
    return sent


# ---- entry point --------------------------------------------------------------------------

def _settings_of(parent: QWidget | None) -> AppSettings:
    """The main window's settings wrapper when there is one, else a fresh one (same store)."""
    window = parent.window() if parent is not None else None
    found = getattr(window, "settings", None)
    return found if isinstance(found, AppSettings) else AppSettings()


def open_preview(parent: QWidget | None, session: Session, case_id: int, kind: str,
                 settings: AppSettings | None = None) -> QWidget | None:
    """Show the preview for one document of a case (non-blocking); None for an unknown kind."""
    if not session.can("print"):
        notify(parent, QCoreApplication.translate("printing", "打印"),
               QCoreApplication.translate("printing", "您的角色不能打印事项单据。"), "warning")
        return None
    if kind not in KINDS:
        notify(parent, QCoreApplication.translate("printing", "打印"),
               QCoreApplication.translate("printing", "不认识的单据类型：{kind}").format(kind=kind),
               "warning")
        return None
    from gui.printing.preview import PrintPreviewDialog

    dialog = PrintPreviewDialog(session, case_id, kind, settings or _settings_of(parent), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:
        _keep.add(dialog)
        dialog.finished.connect(lambda _code: _keep.discard(dialog))
    dialog.show()
    dialog.activateWindow()
    dialog.start()
    return dialog if shiboken6.isValid(dialog) else None


def print_case(parent: QWidget | None, session: Session, case_id: int, kind: str) -> None:
    """What the main window calls on print_requested(case_id, kind): opens the preview dialog."""
    open_preview(parent, session, case_id, kind)
