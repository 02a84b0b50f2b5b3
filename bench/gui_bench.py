"""Window figures for bench/run.py: main window shown with the table filled, filter change and
searches through the real list page, and the process memory — each beside its floor."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

FLOOR_SCRIPT = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1400, 900); w.show(); app.processEvents()
print(int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024)
"""


def rss_mb() -> float:
    with open("/proc/self/status", encoding="utf-8") as fh:
        return int(fh.read().split("VmRSS:")[1].split()[0]) / 1024


def _median(fn: Callable[[], object], repeat: int) -> float:
    fn()
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(samples), 2)


def _dispose(windows: list) -> None:
    """Close and really delete earlier windows (deferred deletes run now)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    while windows:
        old = windows.pop()
        old.close()
        old.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def _median_excluding_cleanup(open_window: Callable[[], None], windows: list, app: object,
                              repeat: int) -> float:
    """Like _median, but the previous window is closed before the clock starts."""
    open_window()
    samples = []
    for _ in range(repeat):
        _dispose(windows)
        t = time.perf_counter()
        open_window()
        samples.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(samples), 2)


def measure_window(repeat: int) -> list[tuple[str, float, float | None]]:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from core.queries import CaseFilter, count_cases, fetch_rows
    from core.staff import list_staff
    from core.vocab import OPEN_STATUSES
    from gui.app import make_session
    from gui.main_window import MainWindow
    from models.tables import Case

    app = QApplication.instance() or QApplication(sys.argv)
    clerk = next(s for s in list_staff() if s.role == "clerk")
    session = make_session(clerk, "zh")
    windows: list[MainWindow] = []

    def settle(page: object) -> None:
        model = page.model  # type: ignore[attr-defined]
        for _ in range(200):
            app.processEvents()
            if model.rowCount() > 0:
                model.data(model.index(0, 0))
                model.data(model.index(min(30, model.rowCount() - 1), 0))
                return
        raise RuntimeError("the list never filled")

    def open_window() -> None:
        # One window at a time, as on a clerk's PC: the previous one is closed and deleted
        # outside the timed part (its idle-lock event filter would slow every event).
        _dispose(windows)
        w = MainWindow(session)
        w.resize(1400, 900)
        w.show()
        settle(w.lists["mine"])
        windows.append(w)

    def bare() -> None:
        w = QMainWindow()
        w.resize(1400, 900)
        w.show()
        app.processEvents()
        w.close()
        w.deleteLater()

    shown = _median_excluding_cleanup(open_window, windows, app, repeat)
    floor_shown = _median(bare, repeat)
    w = windows[-1]
    w.show_page("all")
    page = w.lists["all"]
    page.ensure_loaded()
    settle(page)
    sample = (Case.select().where((Case.visitor_phone != "") & Case.status.in_(OPEN_STATUSES)
                     & (Case.visitor_phone != "13800001111") & ~Case.number.startswith("F"))
              .order_by(Case.id.desc()).first())  # the list page shows open cases
    flags = [False]

    def toggle_overdue() -> None:
        flags[0] = not flags[0]
        page.overdue_check.setChecked(flags[0])
        page.apply_filters()
        settle(page)

    def floor_overdue() -> None:
        f = CaseFilter(overdue=flags[0])
        count_cases(f)
        fetch_rows(f, 0, 256)

    def search(text: str) -> Callable[[], None]:
        def run() -> None:
            page.search.setText("")
            page.apply_filters()
            page.search.setText(text)
            page.apply_filters()
            settle(page)
        return run

    def floor_search(text: str) -> Callable[[], None]:
        def run() -> None:
            f = CaseFilter(text=text)
            count_cases(f)
            fetch_rows(f, 0, 256)
        return run

    out = [("main window shown, table filled", shown, floor_shown),
           ("window: filter change (overdue)", _median(toggle_overdue, repeat),
            _median(floor_overdue, repeat))]
    page.overdue_check.setChecked(False)
    for label, text in (("phone", sample.visitor_phone), ("case number", sample.number)):
        out.append((f"window: search by {label}", _median(search(text), repeat),
                    _median(floor_search(text), repeat)))
    floor_rss = float(subprocess.run([sys.executable, "-c", FLOOR_SCRIPT], capture_output=True,
                                     text=True, check=True).stdout.strip())
    out.append(("process memory with the window open (MB)", round(rss_mb(), 1), floor_rss))
    return out
