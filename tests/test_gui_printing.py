"""Printing from the window: the preview renders a real case, re-renders per format, saves the exact
PDF, prints through a real CUPS queue (checked by decoding the barcode) and explains every failure."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QEvent, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

import gui.errors
import gui.printing.preview
from core.admin.organisation import org_info
from core.admin.staff import get_staff_info
from core.dto import MaterialInput, Scope
from gui.ops import wait_idle
from gui.printing.preview import PrintPreviewDialog
from gui.printing.printer import (
    PrintProblem,
    fitted,
    page_size_for,
    preferred_printer,
    print_case,
    printer_names,
    render_page,
)
from gui.session import Session
from gui.settings import AppSettings
from tests.gui_window import deliver_posted
from tests.helpers import make_item, walk_in

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("home"),
              pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")]

QUEUE = "PDF"
CUPS_PDF_PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
ROLL_POINTS = 80 / 25.4 * 72  # 226.77


# ---- fixtures -------------------------------------------------------------------------------

@pytest.fixture
def case(sqlite_org):
    """A walk-in application with an item and two materials, handed to 市场监管窗口."""
    item = make_item(sqlite_org.market, days=3)
    ref = walk_in(sqlite_org.clerk, Scope("transfer", department_id=sqlite_org.market),
                  item_id=item.id,
                  materials=(MaterialInput("《变更登记申请书》", True, 1, 3),
                             MaterialInput("法定代表人身份证复印件", False, 1, 1)))
    staff = get_staff_info(sqlite_org.clerk)
    session = Session(staff, org_info().name, staff.window_no, "zh", "本机")
    return ref, session


@pytest.fixture
def open_dialog(qtbot, case, messages) -> Iterator:
    """Opens a preview for the case (optionally another kind) and waits until it is shown."""
    ref, session = case
    opened: list[PrintPreviewDialog] = []

    def make(kind: str = "receipt", fmt: str = "a5", wait: bool = True) -> PrintPreviewDialog:
        settings = AppSettings()
        settings.slip_format = fmt
        dialog = PrintPreviewDialog(session, ref.id, kind, settings)
        qtbot.addWidget(dialog)
        opened.append(dialog)
        dialog.show()
        if wait:
            with qtbot.waitSignal(dialog.preview_ready, timeout=15_000):
                dialog.start()
        return dialog

    yield make
    for dialog in opened:
        dialog.close()
    wait_idle()


def _scheduler_running() -> bool:
    out = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, check=False)
    return "not running" not in out.stdout + out.stderr and out.returncode == 0


NO_PRINTER = "printing through a real print queue not tested"


def _queue_exists() -> bool:
    return subprocess.run(["lpstat", "-v", QUEUE], capture_output=True,
                          check=False).returncode == 0


@pytest.fixture(scope="session")
def cups_queue() -> Iterator[str]:
    """A real CUPS-PDF queue named PDF; started here (cupsd, lpadmin) when we may, as in CI."""
    if not shutil.which("lpstat"):
        pytest.skip(f"{NO_PRINTER}: CUPS is not installed (Debian: apt-get install cups "
                    "printer-driver-cups-pdf; Windows has no CUPS)")
    started: subprocess.Popen | None = None
    if not (_scheduler_running() and _queue_exists()):
        if not (shutil.which("cupsd") and shutil.which("lpadmin") and os.geteuid() == 0):
            pytest.skip(f"{NO_PRINTER}: no CUPS queue 'PDF', and only root may start cupsd "
                        "and add it (sudo lpadmin -p PDF -v cups-pdf:/ -E -m "
                        "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd)")
        if not Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd").exists():
            pytest.skip(f"{NO_PRINTER}: printer-driver-cups-pdf is not installed")
        if not _scheduler_running():
            started = subprocess.Popen(["cupsd", "-f"], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 15
            while not _scheduler_running():
                assert time.monotonic() < deadline, "cupsd did not start within 15 s"
                time.sleep(0.1)
        subprocess.run(["lpadmin", "-p", QUEUE, "-v", "cups-pdf:/", "-E", "-m", CUPS_PDF_PPD],
                       check=True, capture_output=True)
    subprocess.run(["cupsenable", QUEUE], check=False, capture_output=True)
    yield QUEUE
    if started is not None:
        started.terminate()
        started.wait(10)


def cups_pdf_outbox() -> Path:
    """Where CUPS-PDF writes this user's jobs: `Out ${HOME}/PDF`, HOME from the passwd entry."""
    import pwd  # POSIX only, like CUPS itself: imported here so Windows collects this module

    return Path(pwd.getpwuid(os.getuid()).pw_dir) / "PDF"


def decoded_barcodes(pdf: Path, tmp_path: Path) -> set[str]:
    import zxingcpp

    prefix = tmp_path / pdf.stem.replace(" ", "_")
    done = subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf),
                           str(prefix)], capture_output=True, check=False)
    pngs = sorted(tmp_path.glob(prefix.name + "*.png"))
    if done.returncode != 0 or not pngs:
        return set()
    return {r.text for r in zxingcpp.read_barcodes(Image.open(pngs[0]))}


def dark_pixels(image: QImage) -> int:
    """How many sampled pixels are clearly darker than paper (text, barcodes)."""
    step = 4
    return sum(1 for x in range(0, image.width(), step) for y in range(0, image.height(), step)
               if QColor(image.pixel(x, y)).lightness() < 100)


# ---- preview --------------------------------------------------------------------------------

def test_preview_shows_the_receipt_and_80mm_rerenders_on_a_roll(open_dialog, qtbot, case, home):
    ref, _session = case
    dialog = open_dialog("receipt", "a5")
    assert dialog.document.pageCount() >= 1
    assert "共 1 页" in dialog.page_label.text() or "页" in dialog.page_label.text()
    assert dialog.number == ref.number and ref.number in dialog.windowTitle()
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert abs(dialog.document.pagePointSize(0).width() - 419.5) < 1  # A5
    # QPdfView paints asynchronously: let the event loop run until the page is on screen.
    qtbot.waitUntil(lambda: dark_pixels(dialog.view.grab().toImage()) > 200, timeout=10_000)

    with qtbot.waitSignal(dialog.preview_ready, timeout=15_000):
        dialog.format_box.setCurrentIndex(dialog.format_box.findData("80mm"))
    assert dialog.fmt == "80mm"
    assert abs(dialog.document.pagePointSize(0).width() - ROLL_POINTS) < 0.5
    assert dialog.document.pageCount() >= 1
    assert AppSettings().slip_format == "80mm"  # remembered on this PC


def test_preview_opens_with_the_remembered_format(open_dialog):
    dialog = open_dialog("receipt", "a4")
    assert dialog.format_box.currentData() == "a4"
    assert abs(dialog.document.pagePointSize(0).width() - 595.3) < 1


def test_generating_state_shows_until_the_render_arrives(open_dialog, qtbot):
    dialog = open_dialog("receipt", "a5", wait=False)
    with qtbot.waitSignal(dialog.preview_ready, timeout=15_000):
        dialog.start()
        assert dialog.page_label.text() == "正在生成…"
        assert dialog.state_label.text() == "正在生成…"
        assert not dialog.print_button.isEnabled()
    assert dialog.stack.currentWidget() is dialog.view


def test_render_failure_is_explained_and_the_dialog_stays(open_dialog, qtbot, messages):
    dialog = open_dialog("hazard", "a5", wait=False)  # an application is no hazard report
    with qtbot.waitSignal(dialog.render_failed, timeout=15_000):
        dialog.start()
    assert dialog.isVisible() and not dialog.print_button.isEnabled()
    assert messages and messages[-1][2] == "warning"
    assert "无法生成" in dialog.state_label.text()


def test_print_case_opens_a_preview_under_the_window(qtbot, case, messages):
    ref, session = case
    window = QWidget()
    window.settings = AppSettings()  # type: ignore[attr-defined]  # as MainWindow carries it
    qtbot.addWidget(window)
    print_case(window, session, ref.id, "receipt")
    dialogs = window.findChildren(PrintPreviewDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialog = dialogs[0]
    qtbot.waitUntil(lambda: bool(dialog.pdf), timeout=15_000)
    assert dialog.settings is window.settings  # type: ignore[attr-defined]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc closes
    qtbot.waitUntil(lambda: not window.findChildren(PrintPreviewDialog), timeout=5_000)
    print_case(window, session, ref.id, "no-such-slip")
    assert messages and "不认识的单据类型" in messages[-1][1]
    wait_idle()


def test_late_renders_never_touch_a_closed_or_switched_dialog(open_dialog, qtbot, case, messages):
    ref, session = case
    dialog = open_dialog("receipt", "a5")
    with qtbot.waitSignal(dialog.preview_ready, timeout=15_000):
        dialog.format_box.setCurrentIndex(dialog.format_box.findData("a4"))
        dialog.format_box.setCurrentIndex(dialog.format_box.findData("80mm"))  # before a4 lands
    wait_idle()
    deliver_posted()  # the late answers, had they been used, would land now
    assert dialog.fmt == "80mm"
    assert abs(dialog.document.pagePointSize(0).width() - ROLL_POINTS) < 0.5  # a4 was dropped

    from gui.printing.printer import open_preview

    closing = open_preview(None, session, ref.id, "receipt", AppSettings())
    assert closing is not None
    closing.close()  # WA_DeleteOnClose: gone before the worker answers
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(closing)
    wait_idle()
    deliver_posted()  # the late answers, had they been used, would land now
    assert not messages


def test_the_main_window_opens_the_preview_on_print_requested(qtbot, case, messages):
    from gui.desk.main_window import MainWindow

    ref, session = case
    window = MainWindow(session, AppSettings())
    qtbot.addWidget(window)
    try:
        window.print_case(ref.id, "receipt")  # what detail pane / intake form signals reach
        dialogs = window.findChildren(PrintPreviewDialog)
        assert len(dialogs) == 1
        qtbot.waitUntil(lambda: bool(dialogs[0].pdf), timeout=15_000)
        assert dialogs[0].settings is window.settings and not messages
        dialogs[0].close()
    finally:
        window.shutdown()
        wait_idle()


# ---- save as PDF ----------------------------------------------------------------------------

def test_save_as_pdf_writes_the_exact_bytes(open_dialog, monkeypatch, tmp_path, case):
    ref, _session = case
    dialog = open_dialog("receipt", "a5")
    asked: list[str] = []

    def ask(cls, parent, suggested: str) -> str:
        asked.append(suggested)
        return str(tmp_path / "回执")  # no suffix: .pdf is added

    monkeypatch.setattr(PrintPreviewDialog, "ask_save_path", classmethod(ask))
    dialog.save_button.click()
    out = tmp_path / "回执.pdf"
    assert out.read_bytes() == dialog.pdf
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert ref.number in text and "收件回执单" in text
    assert asked and ref.number in Path(asked[0]).name and asked[0].endswith(".pdf")
    assert str(out) in dialog.status_label.text()


def test_save_failure_is_a_clear_message(open_dialog, monkeypatch, tmp_path, messages):
    dialog = open_dialog("receipt", "a5")
    monkeypatch.setattr(PrintPreviewDialog, "ask_save_path",
                        classmethod(lambda cls, p, s: str(tmp_path / "missing" / "x.pdf")))
    dialog.save_as_pdf()
    assert messages[-1][0] == "无法保存" and "missing" in messages[-1][1]
    assert dialog.isVisible()
    monkeypatch.setattr(PrintPreviewDialog, "ask_save_path", classmethod(lambda cls, p, s: ""))
    dialog.save_as_pdf()  # cancelled: nothing happens
    assert len(messages) == 1


# ---- printing: real spooler -------------------------------------------------------------------

@pytest.mark.parametrize(("fmt", "width_points"), [("a5", 419.5), ("80mm", ROLL_POINTS)])
def test_print_through_a_real_cups_queue(open_dialog, qtbot, cups_queue, case, tmp_path, fmt,
                                         width_points, messages):
    ref, _session = case
    assert cups_queue in printer_names()  # Qt lists the CUPS queue
    dialog = open_dialog("receipt", fmt)
    dialog.printer_box.setCurrentIndex(dialog.printer_box.findData(cups_queue))
    outbox = cups_pdf_outbox()
    before = set(outbox.glob("*.pdf")) if outbox.exists() else set()
    with qtbot.waitSignal(dialog.printed, timeout=10_000) as sent:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert sent.args == [1] and not messages
    assert "已发送到打印机" in dialog.status_label.text()
    assert AppSettings().printer_name == cups_queue

    found: set[str] = set()
    deadline = time.monotonic() + 30
    printed: Path | None = None
    while time.monotonic() < deadline and ref.number not in found:
        for pdf in (set(outbox.glob("*.pdf")) if outbox.exists() else set()) - before:
            found = decoded_barcodes(pdf, tmp_path)
            if ref.number in found:
                printed = pdf
                break
        else:
            time.sleep(0.25)
    assert printed is not None, f"no printed PDF with {ref.number} in {outbox} within 30 s"
    page = PdfReader(printed).pages[0]
    assert abs(float(page.mediabox.width) - width_points) < 2


def test_the_remembered_printer_is_preselected(open_dialog, cups_queue):
    AppSettings().printer_name = cups_queue
    dialog = open_dialog("receipt", "a5")
    assert dialog.printer_name() == cups_queue


def test_an_offline_printer_is_explained(open_dialog, cups_queue, messages):
    """A second, stopped queue (never the shared PDF one, which other runs may be printing to)."""
    if os.geteuid() != 0:
        pytest.skip(f"{NO_PRINTER}: adding a stopped CUPS queue needs root")
    offline = f"FirstDesk-Offline-{os.getpid()}"
    subprocess.run(["lpadmin", "-p", offline, "-v", "cups-pdf:/", "-m", CUPS_PDF_PPD],
                   check=True, capture_output=True)
    try:
        subprocess.run(["cupsdisable", offline], check=True, capture_output=True)
        dialog = open_dialog("receipt", "a5")
        assert offline in printer_names() and dialog.printer_box.findData(offline) >= 0
        dialog.printer_box.setCurrentIndex(dialog.printer_box.findData(offline))
        dialog.print_now()
    finally:
        subprocess.run(["lpadmin", "-x", offline], check=False, capture_output=True)
    assert messages and messages[-1][0] == "无法打印"
    assert f"打印机“{offline}”脱机或出错" in messages[-1][1]
    assert dialog.isVisible()


# ---- printing: failures -----------------------------------------------------------------------

def test_a_printer_that_vanished_is_explained(open_dialog, messages):
    dialog = open_dialog("receipt", "a5")
    dialog.printer_box.addItem("已删除的打印机", "Printer-That-Does-Not-Exist")
    dialog.printer_box.setCurrentIndex(dialog.printer_box.count() - 1)
    dialog.print_button.click()
    title, text, kind = messages[-1]
    assert title == "无法打印" and "找不到打印机“Printer-That-Does-Not-Exist”" in text
    assert "另存为 PDF" in text and kind == "warning"
    assert dialog.isVisible() and "没有打印" in dialog.status_label.text()


def test_no_printer_installed_suggests_saving_a_pdf(open_dialog, monkeypatch, messages):
    monkeypatch.setattr(gui.printing.preview, "printer_names", lambda: [])
    dialog = open_dialog("receipt", "a5")
    assert dialog.printer_box.currentText() == "（本机没有安装打印机）"
    dialog.print_now()
    assert "本机没有安装打印机" in messages[-1][1] and "另存为 PDF" in messages[-1][1]
    dialog.open_print_settings()  # the system dialog is not opened for nothing
    assert len(messages) == 2
    assert dialog.isVisible()


def test_a_driver_error_while_printing_keeps_the_dialog_open(open_dialog, monkeypatch, messages):
    dialog = open_dialog("receipt", "a5")
    monkeypatch.setattr(gui.printing.preview, "check_printer", lambda name: None)
    monkeypatch.setattr(dialog, "send_to_printer",
                        lambda printer: (_ for _ in ()).throw(PrintProblem("cannot_start", "HP-1")))
    dialog.print_now()
    assert "无法连接打印机“HP-1”" in messages[-1][1]
    monkeypatch.setattr(dialog, "send_to_printer",
                        lambda printer: (_ for _ in ()).throw(OSError("spooler crashed")))
    dialog.print_now()
    assert messages[-1][0] == "程序错误" and "spooler crashed" in messages[-1][1]
    assert dialog.isVisible() and dialog.status_label.text() == "打印失败。"


def test_print_settings_hook_replaces_the_system_dialog(open_dialog, monkeypatch, cups_queue):
    dialog = open_dialog("receipt", "a5")
    seen: list[QPrinter] = []

    def ask(cls, parent, printer: QPrinter) -> bool:
        seen.append(printer)
        printer.setCopyCount(2)
        return True

    monkeypatch.setattr(PrintPreviewDialog, "ask_print_settings", classmethod(ask))
    dialog.setup_button.click()
    assert seen and seen[0].copyCount() == 2 and dialog.printer_name() == seen[0].printerName()


# ---- helpers ----------------------------------------------------------------------------------

def test_pages_are_painted_on_white_and_fitted(open_dialog):
    dialog = open_dialog("receipt", "80mm")
    image = render_page(dialog.document, 0, 72)
    assert image.hasAlphaChannel() is False
    assert QColor(image.pixel(0, 0)) == QColor("white")  # QtPdf alone gives transparency
    roll = page_size_for("80mm", dialog.document)
    assert abs(roll.size(QPageSize.Unit.Millimeter).width() - 80) < 0.01
    assert page_size_for("a4", dialog.document).id() == QPageSize.PageSizeId.A4
    assert page_size_for("a5", dialog.document).id() == QPageSize.PageSizeId.A5
    box = fitted(QSizeF(100, 200), QRectF(0, 0, 400, 400))
    assert (box.width(), box.height(), box.left(), box.top()) == (200, 400, 100, 0)


def test_preferred_printer_order(monkeypatch):
    from PySide6.QtPrintSupport import QPrinterInfo

    monkeypatch.setattr(QPrinterInfo, "defaultPrinterName", staticmethod(lambda: "B"))
    assert preferred_printer("C", ["A", "B", "C"]) == "C"
    assert preferred_printer("gone", ["A", "B"]) == "B"
    assert preferred_printer("", ["A"]) == "A"
    assert preferred_printer("A", []) == ""


def test_every_page_of_a_long_document_is_printed(open_dialog, monkeypatch, tmp_path):
    """Print to Qt's own PDF output (no spooler): three A4 pages, then a page range of two."""
    from bench import document_samples as samples
    from documents.render import render_document

    long_pdf = render_document(samples.receipt(samples.material_lines(60)), "a4")
    monkeypatch.setattr(gui.printing.preview, "render_job",
                        lambda case_id, kind, fmt, want_number, viewer_id=None, lang="zh":
                        (long_pdf, "20261126-0007"))
    dialog = open_dialog("receipt", "a4")
    assert dialog.page_label.text() == "共 3 页"
    for name, pages, (first, last) in (("all.pdf", 3, (0, 0)), ("range.pdf", 2, (2, 3))):
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)  # 96 dpi: quick pages
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / name))
        if first:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(first, last)
        assert dialog.send_to_printer(printer) == pages
        reader = PdfReader(tmp_path / name)
        assert len(reader.pages) == pages
        assert all(abs(float(p.mediabox.width) - 595.3) < 1 for p in reader.pages)


def test_the_preview_and_the_first_main_window_fit_the_screen(open_dialog, qtbot, case):
    """A 1024×768 PC has about 728 pixels above its taskbar: the preview asked for 860 and
    its 打印 and 关闭 buttons fell below the screen's edge. Both windows now take their
    preferred size only where the screen's working area has room (here the test screen's
    800 pixels; the control: the preferred height alone would not fit)."""
    from PySide6.QtGui import QGuiApplication

    from gui.desk.main_window import MainWindow

    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.height() < 860  # the control: the preferred size would not fit here
    dialog = open_dialog("receipt", "a5")
    assert dialog.height() <= area.height() and dialog.width() <= area.width()
    bottom = dialog.print_button.mapTo(dialog, dialog.print_button.rect().bottomLeft()).y()
    assert bottom < dialog.height()  # the buttons are inside the window
    _, session = case
    first = MainWindow(session, AppSettings())  # no saved geometry: a first start
    qtbot.addWidget(first)
    assert first.height() <= area.height() and first.width() <= area.width()
    first.shutdown()
    wait_idle()
