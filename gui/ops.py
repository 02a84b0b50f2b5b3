"""Background work that a user could notice as a pause: one worker thread, results and errors
delivered back on the GUI thread (compare Anki's aqt/taskman.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

_pools: dict[str, QThreadPool] = {}
_live: set[_Relay] = set()


def pool(lane: str = "main") -> QThreadPool:
    """One thread per lane: "main" for the window's work (one writer at a time; peewee gives
    the thread its own connection), "slow" for long jobs — a backup, the background file
    check — that must not hold the window's lane for minutes."""
    if lane not in _pools:
        _pools[lane] = QThreadPool()
        _pools[lane].setMaxThreadCount(1)
    return _pools[lane]


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    @Slot()
    def run(self) -> None:
        from core.storage import run_retrying

        try:
            result = run_retrying(self.fn)  # once more if the server dropped us before a commit
        except Exception as exc:  # noqa: BLE001 — handed to the GUI thread's error handler
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)
        finally:
            from core.storage import close_thread_connection

            close_thread_connection()


def run_in_background(fn: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None], *, lane: str = "main") -> None:
    """Run `fn` on the lane's worker; `on_done(result)` or `on_error(exc)` runs on the GUI
    thread."""
    relay = _Relay()
    _live.add(relay)

    def finish(cb: Callable[[Any], None], value: Any) -> None:
        _live.discard(relay)
        cb(value)

    relay.done.connect(lambda r: finish(on_done, r))
    relay.failed.connect(lambda e: finish(on_error, e))
    pool(lane).start(_Task(fn, relay))


def wait_idle(ms: int = 5000, lane: str = "main") -> bool:
    """Wait until the lane's worker has nothing left to do (tests, and before a restore)."""
    return pool(lane).waitForDone(ms)
