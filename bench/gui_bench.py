"""Window figures for bench/run.py, each beside its floor: the main window shown with its list
filled, a filter change and searches through the real list page, scrolling anywhere in the
open list in every order it offers (warm, and with the register's pages evicted from the
operating system's cache before each jump), and the memory of a window's own process.

The list reads on its worker thread: a figure runs from the clerk's action to the paint that
shows the real rows, waiting in a Qt event loop (the GUI thread idle, as it is for a clerk).
The scroll figures are taken once the window's background check of the register file (a few
seconds after it shows, on its own thread) has finished."""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

FLOOR_SCRIPT = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1400, 900); w.show(); app.processEvents()
print(int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024)
"""
# A window's own process: signed in as a clerk, the open list shown and scrolled to a few
# places in two orders; prints its resident memory in MB.
WINDOW_SCRIPT = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, sys.argv[2])
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from dataclasses import replace
from bench.gui_bench import settle, visible_rows_loaded, wait_until
from core import register
from core.admin.staff import list_staff
from gui.app import make_session
from gui.desk.main_window import MainWindow
register.open_register(sys.argv[1])
clerk = next(s for s in list_staff() if s.role == "clerk")
w = MainWindow(make_session(clerk, "zh", register.current())); w.resize(1400, 900); w.show()
settle(w.lists["inbox"]); w.show_page("all"); page = w.lists["all"]; settle(page)
bar = page.table.verticalScrollBar()
for sort, descending in (("registered_at", True), ("visitor", False)):
    page.model.set_filter(replace(page.model.case_filter, sort=sort, descending=descending))
    wait_until(page.model, lambda: not page.model.loading)
    wait_until(page.model, lambda: page.model._pages.map is not None)
    for spot in (0.5, 0.1, 0.9, 0.3, 0.7):
        bar.setValue(int(bar.maximum() * spot)); page.table.viewport().repaint()
        wait_until(page.model, lambda: visible_rows_loaded(page))
print(int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024, flush=True)
os._exit(0)  # not waiting for the window's background check of the file
"""
TIMEOUT_MS = 60_000

# name, ms, floor ms, what the floor is[, cold ms, cold floor ms]
Row = tuple[str, float, float | None, str] | tuple[str, float, float | None, str, float, float]


def _median(fn: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
            ) -> float:
    fn()
    samples = []
    for _ in range(repeat):
        if before is not None:
            before()
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(samples), 2)


def wait_until(model: Any, done: Callable[[], bool]) -> None:
    """Run Qt's event loop until `done()` holds, checking whenever the model hears back."""
    from PySide6.QtCore import QEventLoop, QTimer

    if done():
        return
    loop = QEventLoop()

    def check(*_args: object) -> None:
        if done():
            loop.quit()

    signals = (model.loaded, model.dataChanged, model.rowsInserted, model.modelReset)
    for s in signals:
        s.connect(check)
    poll = QTimer(interval=2)  # a page map's arrival emits nothing when the count is the same
    poll.timeout.connect(check)
    poll.start()
    guard = QTimer(singleShot=True, interval=TIMEOUT_MS)
    guard.timeout.connect(loop.quit)
    guard.start()
    loop.exec()
    poll.stop()
    for s in signals:
        s.disconnect(check)
    if not done():
        raise RuntimeError("the list never finished")


def visible_rows_loaded(page: Any) -> bool:
    table, model = page.table, page.model
    top = table.rowAt(0)
    if top < 0:
        return not model.loading
    bottom = table.rowAt(table.viewport().height() - 1)
    bottom = model.rowCount() - 1 if bottom < 0 else bottom
    return all(model.case_id_at(r) is not None for r in range(top, bottom + 1))


def settle(page: Any) -> None:
    """The list's first page is here and painted."""
    wait_until(page.model, lambda: not page.model.loading and visible_rows_loaded(page))
    page.table.viewport().repaint()


def _dispose(windows: list) -> None:
    """Close and really delete earlier windows (deferred deletes run now)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    while windows:
        old = windows.pop()
        old.shutdown()
        old.close()
        old.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def bare_table(page: Any) -> Any:
    """The floor of a paint: a QTableView over a QStandardItemModel holding the same texts
    as the rows on screen, the same size, columns and row height."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    model, table = page.model, page.table
    top = max(0, table.rowAt(0))
    shown = 60
    items = QStandardItemModel(shown, model.columnCount())
    for r in range(shown):
        for c in range(model.columnCount()):
            items.setItem(r, c, QStandardItem(str(model.data(model.index(top + r, c)) or "")))
    view = QTableView()
    view.setModel(items)
    view.resize(table.size())
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
    view.setAlternatingRowColors(True)
    for c in range(model.columnCount()):
        view.setColumnWidth(c, table.columnWidth(c))
    view.show()
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # exposed: a repaint then really paints
    return view


def measure_window(repeat: int) -> list[Row]:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from bench import floors
    from core import register
    from core.admin.staff import list_staff
    from core.cases import paging
    from core.cases.queries import CaseFilter
    from gui.app import make_session
    from gui.desk.main_window import MainWindow
    from models.tables import Case

    app = QApplication.instance() or QApplication(sys.argv)
    clerk = next(s for s in list_staff() if s.role == "clerk")
    session = make_session(clerk, "zh", register.current())
    windows: list[MainWindow] = []

    def open_window() -> None:
        w = MainWindow(session)
        w.resize(1400, 900)
        w.show()
        settle(w.lists["inbox"])
        windows.append(w)

    def bare() -> None:
        w = QMainWindow()
        w.resize(1400, 900)
        w.show()
        app.processEvents()
        w.close()
        w.deleteLater()

    shown = _median(open_window, repeat, before=lambda: _dispose(windows))
    out: list[Row] = [("main window shown, its list filled", shown, _median(bare, repeat),
                       "an empty QMainWindow shown")]
    w = windows[-1]
    w.show_page("all")
    page = w.lists["all"]
    settle(page)
    model = page.model

    view = bare_table(page)

    def reads_floor(f: CaseFilter) -> Callable[[], None]:
        """The list's reads sent raw, and a bare table's paint of as many rows."""
        _, statements = floors.record(lambda: paging.open_list(f, paging.PAGE_SIZE))
        read = floors.replay_reads(_raw(), statements)

        def run() -> None:
            read()
            view.viewport().repaint()
        return run

    flags = [False]

    def toggle_overdue() -> None:
        flags[0] = not flags[0]
        page.overdue_check.setChecked(flags[0])
        settle(page)

    overdue_floor = reads_floor(CaseFilter(viewer=clerk.id, overdue=True))
    painted = "the list's reads sent raw + a bare QTableView painting as many rows"
    out.append(("window: filter change (overdue), rows painted", _median(toggle_overdue, repeat),
                _median(overdue_floor, repeat), painted))
    page.overdue_check.setChecked(False)
    settle(page)
    sample = (Case.select().where((Case.visitor_phone != "") & (Case.status != "closed")
                                  & (Case.visitor_phone != "13800001111")
                                  & ~Case.number.startswith("F"))
              .order_by(Case.id.desc()).first())
    for label, text in (("phone", sample.visitor_phone), ("case number", sample.number)):
        def search(text: str = text) -> None:
            page.search.setText(text)
            page.apply_filters()
            settle(page)

        def clear() -> None:
            page.search.setText("")
            page.apply_filters()
            settle(page)

        floor = reads_floor(CaseFilter(viewer=clerk.id, text=text))
        out.append((f"window: search by {label}, rows painted",
                    _median(search, repeat, before=clear), _median(floor, repeat), painted))
    clear()
    view.close()
    from gui.ops import pool

    # Each window shown checks the register file once on its "slow" lane (seconds at a
    # million cases): the scroll figures are what a clerk feels after that.
    pool("slow").waitForDone(600_000)
    out += scroll_rows(page, repeat)
    del model
    _dispose(windows)
    out.append(window_memory())
    return out


def window_memory() -> Row:
    """The resident memory of a window's own process (not this benchmark's, which holds its
    floors' connections and tables too), beside an empty QMainWindow process."""
    from core import register

    def run(script: str, *args: str) -> float:
        return float(subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                                    text=True, check=True).stdout.strip().splitlines()[-1])

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    mb = run(WINDOW_SCRIPT, str(register.current_target()), root)
    return ("a window's process: open list shown and scrolled in two orders (MB)", mb,
            run(FLOOR_SCRIPT), "an empty QMainWindow process")


def _raw() -> Any:
    from bench.run import raw_connection
    from core import register

    return raw_connection(register.current_target())


# Every order the list offers (its sortable columns), as a clerk's click on a header sets it.
SCROLL_ORDERS = (("by registration", "registered_at", True), ("sorted by visitor", "visitor", False),
                 ("by number", "number", True), ("by type", "kind", False),
                 ("by department", "department", False), ("by handler", "handler", False),
                 ("by status", "status", False), ("by due time", "due_at", False),
                 ("by visits", "visit_count", True))
SPOTS = (0.5, 0.13, 0.77, 0.31, 0.92, 0.45, 0.63, 0.21, 0.84, 0.37, 0.58, 0.07, 0.71, 0.26, 0.96,
         0.41, 0.67, 0.18, 0.88, 0.52, 0.34, 0.81, 0.11, 0.59, 0.74, 0.29, 0.47, 0.03, 0.66, 0.9)


def evict(path: str) -> None:
    """The register's pages out of the operating system's cache (this file only: the
    machine's other work keeps its cache). SQLite's own cache of the connections stays, as
    in a window that has been open a while."""
    for suffix in ("", "-wal"):
        with contextlib.suppress(OSError):
            fd = os.open(path + suffix, os.O_RDONLY)
            try:
                os.fdatasync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def scroll_rows(page: Any, repeat: int, cold_repeat: int | None = None) -> list[Row]:
    """Dragging the scroll bar anywhere: from the jump to the paint of the real rows, in
    every order the list offers. The page map is read once per order (the open list's two
    main orders have their own rows in bench/run.py); every jump goes to a place not read
    before, so its page comes fresh from the worker. Cold: the register file evicted from
    the page cache before each jump (the program's and the floor's alike)."""
    from dataclasses import replace

    from bench import floors
    from core import register
    from core.cases import paging
    from core.cases.queries import where_sql

    cold_repeat = cold_repeat or repeat
    path = str(register.current_target())
    out: list[Row] = []
    model, bar = page.model, page.table.verticalScrollBar()
    for label, sort, descending in SCROLL_ORDERS:
        model.set_filter(replace(model.case_filter, sort=sort, descending=descending))
        wait_until(model, lambda: not model.loading)
        wait_until(model, lambda: model._pages.map is not None)  # read after the first page
        spots = iter(SPOTS * 8)

        def jump(spots: Any = spots) -> None:
            bar.setValue(int(bar.maximum() * next(spots)))
            page.table.viewport().repaint()  # placeholders, and the pages asked for
            wait_until(model, lambda: visible_rows_loaded(page))
            page.table.viewport().repaint()

        program = _median(jump, repeat)
        program_cold = _median(jump, cold_repeat, before=lambda: evict(path))
        # The floor jumps to places neither has read, as the program did: the middle page's
        # seek, moved to each place's start in the page map, sent raw; then a bare table
        # paints as many rows.
        # (Pages starting at a NULL key seek another way: the floor uses the others.)
        f, pages = model.case_filter, model._pages.map
        keyed = [n for n, start in enumerate(pages.starts) if start[0] is not None]
        middle = keyed[len(keyed) // 2]
        _, statements = floors.record(lambda f=f, p=pages, m=middle: paging.read_page(f, p, m))
        base, raw = len(where_sql(f)[1]), _raw()
        places = iter([keyed[int((x + 0.0125) * len(keyed))] for x in SPOTS] * 8)
        bar.setValue(int(bar.maximum() * 0.5))
        wait_until(model, lambda: visible_rows_loaded(page))
        view = bare_table(page)

        def floor(statements: Any = statements, pages: Any = pages, base: int = base,
                  at: Any = pages.starts[middle], raw: Any = raw, view: Any = view,
                  places: Any = places) -> None:
            start = pages.starts[next(places)]
            moved = floors.seek_from(statements, base, at, start)
            floors.replay_reads(raw, moved)()
            view.viewport().repaint()

        out.append((f"window: scroll anywhere, {label}, rows painted", program,
                    _median(floor, repeat),
                    "the same seek from a place not read before, raw + a bare QTableView "
                    "painting as many rows", program_cold,
                    _median(floor, cold_repeat, before=lambda: evict(path))))
        view.close()
    return out
