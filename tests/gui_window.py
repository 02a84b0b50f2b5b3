"""The main window in GUI tests: a session for a staff member of the test organisation, the
window opened (and shown, at a clerk's size, when asked) and shut down after the test, and a
scanner's clock. QSettings stay in the test's own folder: conftest's `home` fixture."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager

from core import register
from core.admin.organisation import org_info
from core.admin.staff import get_staff_info
from core.offline import mode
from gui.desk.main_window import MainWindow
from gui.ops import wait_idle
from gui.session import Session
from gui.settings import AppSettings


def deliver_posted(rounds: int = 3) -> None:
    """What the workers posted to the GUI thread, delivered now: after `wait_idle` every
    answer is posted, so a test that checks nothing more happens needs no timed wait. A few
    rounds: a delivered answer may post a deferred delete or a timer of its own."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(rounds):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def session_for(staff_id: int, lang: str = "zh") -> Session:
    staff = get_staff_info(staff_id)
    return Session(staff, org_info().name, staff.window_no, lang, "本机")


@contextmanager
def open_window(qtbot, staff_id: int, *, shown: bool = False) -> Iterator[MainWindow]:
    """The main window of `staff_id`; `shown`: on screen at 1100×760 before the test starts."""
    win = MainWindow(session_for(staff_id), AppSettings())
    qtbot.addWidget(win)
    if shown:
        win.resize(1100, 760)
        with qtbot.waitExposed(win):
            win.show()
    yield win
    win.shutdown()
    wait_idle()


def close_offline_window(win: MainWindow) -> None:
    """Shut a window that may have worked offline: its workers done, back online, the
    offline desk and the register closed."""
    win.shutdown()
    for lane in ("main", "offline"):
        wait_idle(10000, lane)
    mode.go_online()
    mode.forget()
    register.close_register()


class FastClock:
    """A scanner's pace (5 ms a key) or a person's (200 ms), without waiting for either."""

    def __init__(self, step: float) -> None:
        self.ticks = itertools.count()
        self.step = step

    def __call__(self) -> float:
        return next(self.ticks) * self.step
