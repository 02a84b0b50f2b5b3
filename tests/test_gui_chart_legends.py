"""The supervision charts' legends are read whole at 1024×768 (issue 16), in Chinese and in
English: every entry ("非常满意 63%", "Very satisfied 63%", "Resolved late") fits the width the
legend is given on one line, and every line fits its height — nothing is cut at the edge, as
Qt's own legend cut "非常满意 132（63…" in a small panel. The control squeezes a legend and
sees the check fail."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from core.admin.organisation import org_info
from core.admin.staff import get_staff_info
from gui.desk.main_window import MainWindow
from gui.ops import wait_idle
from gui.session import Session
from gui.settings import AppSettings
from gui.supervision.charts import ChartPanel
from tests.month_data import build_month

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("home"), pytest.mark.qt_log_ignore(r"This plugin does not support")]


def entries(label: QLabel) -> list[str]:
    """The legend's entries as rich text, one per swatch."""
    text = label.text()
    return text.split("<br>") if "<br>" in text else text.split("&nbsp;&nbsp; ")


def natural_width(label: QLabel, html: str) -> int:
    """How wide `html` is on one line in the legend's own font and style."""
    probe = QLabel()
    probe.setStyleSheet(label.styleSheet())
    probe.setTextFormat(Qt.TextFormat.RichText)
    probe.setText(html)
    probe.ensurePolished()
    return probe.sizeHint().width()


def clipped(panel: ChartPanel) -> list[str]:
    """What of the legend does not fit the room its label has: an entry wider than the
    label (it would break or be cut), or lines that do not fit its height."""
    label = panel.legend
    if not label.isVisible() or not label.text():
        return []
    cut = [f"{entry!r}: {width} px > {label.width()} px" for entry in entries(label)
           if (width := natural_width(label, entry)) > label.width()]
    need = (label.heightForWidth(label.width()) if label.wordWrap()
            else label.sizeHint().height())
    if need > label.height():
        cut.append(f"{need} px of lines in {label.height()} px")
    if not label.wordWrap() and label.sizeHint().width() > label.width():
        cut.append(f"{label.sizeHint().width()} px of text in {label.width()} px")
    return cut


def leader_window(qtbot, org, lang: str) -> MainWindow:
    staff = get_staff_info(org.leader)
    win = MainWindow(Session(staff, org_info().name, staff.window_no, lang, "local"),
                     AppSettings())
    qtbot.addWidget(win)
    win.resize(1024, 768)
    with qtbot.waitExposed(win):
        win.show()
    return win


def test_every_chart_legend_is_read_whole_at_1024_by_768(qtbot, sqlite_org, clock, lang,
                                                        messages):
    build_month(sqlite_org, clock)  # November, with evaluations of every level
    win = leader_window(qtbot, sqlite_org, lang)
    win.show_page("supervision")
    page = win.pages["supervision"]
    with qtbot.waitSignal(page.stats_loaded, timeout=10_000):
        page.period_picker.mode.setCurrentIndex(page.period_picker.mode.findData("last"))
    QApplication.processEvents()
    assert (win.width(), win.height()) == (1024, 768)
    shown = [key for key, panel in page.charts.items() if panel.legend.isVisible()]
    assert {"department", "channel", "evaluation"} <= set(shown)
    assert {key: cut for key, panel in page.charts.items() if (cut := clipped(panel))} == {}
    evaluation = page.charts["evaluation"].legend.text()
    assert ("Very satisfied" if lang == "en" else "非常满意") in evaluation
    # The control: the same legend squeezed into a third of its width is found cut.
    panel = page.charts["evaluation"]
    panel.legend.setFixedWidth(max(30, panel.legend.width() // 3))
    QApplication.processEvents()
    assert clipped(panel)
    win.shutdown()
    wait_idle()
