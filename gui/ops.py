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
# Lanes whose thread keeps its connection from one task to the next: the case lists read
# page after page (a new SQLite connection costs 1–5 ms and starts with a cold page cache),
# and their page maps.
KEEPS_CONNECTION = frozenset({"list", "map"})
_held: dict[str, Any] = {}  # lane -> the database object its thread holds a connection of


def pool(lane: str = "main") -> QThreadPool:
    """One thread per lane: "main" for the window's work (one writer at a time; peewee gives
    the thread its own connection), "slow" for long jobs — a backup, the background file
    check — that must not hold the window's lane for minutes, "list" for the case lists'
    pages (reads only; never queued behind a save or a count), "map" for their page maps
    (one long ordered read each, which a first page must not wait behind)."""
    if lane not in _pools:
        _pools[lane] = QThreadPool()
        _pools[lane].setMaxThreadCount(1)
        if lane in KEEPS_CONNECTION:
            _pools[lane].setExpiryTimeout(-1)  # the thread, and so its connection, stays
    return _pools[lane]


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, lane: str) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.lane = lane

    @Slot()
    def run(self) -> None:
        from core.infra.storage import run_retrying

        _drop_stale_connection(self.lane)
        try:
            try:
                result = run_retrying(self.fn)  # once more if the server dropped us before a commit
            except Exception as exc:  # noqa: BLE001 — handed to the GUI thread's error handler
                self.relay.failed.emit(exc)
            else:
                self.relay.done.emit(result)
        except RuntimeError:  # the relay went with the application (quitting): nobody to tell
            log.debug("background result dropped: the application is gone")
        finally:
            from core.infra import storage

            if self.lane in KEEPS_CONNECTION:
                _held[self.lane] = storage.kept_connection()
            else:
                storage.close_thread_connection()


def _drop_stale_connection(lane: str) -> None:
    """On a lane that keeps its connection: close the one it holds of a register that is no
    longer the open one (another file was opened, or this one reopened after a restore)."""
    from core.infra import storage

    held = _held.get(lane)
    if held is not None and not storage.is_open_register(held):
        storage.release_connection(held)
        _held.pop(lane, None)


class _Release(QRunnable):
    """Close the connection a lane's thread keeps (runs on that thread)."""

    def __init__(self, lane: str) -> None:
        super().__init__()
        self.lane = lane

    def run(self) -> None:
        from core.infra import storage

        storage.release_connection(_held.pop(self.lane, None))


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
    pool(lane).start(_Task(fn, relay, lane))


def wait_idle(ms: int = 5000, lane: str = "main") -> bool:
    """Wait until the lane's worker has nothing left to do (tests, and before a restore).
    For the main lane, the lanes that keep a connection are also drained and their
    connections closed: nothing in the background then holds the register file open."""
    done = pool(lane).waitForDone(ms)
    if lane == "main":
        for kept in KEEPS_CONNECTION:
            if kept in _pools:
                _pools[kept].start(_Release(kept))
                done = _pools[kept].waitForDone(ms) and done
    return done
