"""What both PDF previews share (a case's slip, a supervision report): the document loaded
from bytes, its view, the printer picker and the file name a saved copy gets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QWidget

from gui.printing.printer import preferred_printer


def load_pdf(document: QPdfDocument, pdf: bytes, parent: QObject) -> tuple[QBuffer, QByteArray]:
    """Load `pdf` into `document`; the buffer and its bytes must be kept as long as it shows."""
    data = QByteArray(pdf)
    buffer = QBuffer(parent)
    buffer.setData(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer, data


def pdf_view(parent: QWidget, document: QPdfDocument, zoom: QPdfView.ZoomMode) -> QPdfView:
    """The pages one below the other, `zoom` to fit."""
    view = QPdfView(parent)
    view.setPageMode(QPdfView.PageMode.MultiPage)
    view.setZoomMode(zoom)
    view.setPageSpacing(12)
    view.setDocument(document)
    return view


def fill_printers(box: QComboBox, names: list[str], remembered: str) -> None:
    """The installed printers `names` (or a line saying there are none), the remembered one
    chosen while it is installed, else the system's default."""
    chosen = preferred_printer(remembered, names)
    if not names:
        box.addItem(QCoreApplication.translate("PrintPreviewDialog", "（本机没有安装打印机）"), "")
    for name in names:
        box.addItem(name, name)
    box.setCurrentIndex(max(0, box.findData(chosen)))


def with_suffix(path: str, suffix: str) -> Path:
    """`path` ending in `suffix` (".pdf"), added when the user left it off."""
    target = Path(path)
    return target if target.suffix.lower() == suffix else target.with_name(target.name + suffix)
