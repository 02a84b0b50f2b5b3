"""Tells the window when someone else changed the register, so a case handed to this person in
another window reaches their inbox within seconds: on SQLite a cheap poll of the file's change
counter, on PostgreSQL a LISTEN (core/infra/storage.py). Nothing here blocks the window."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from core.infra.storage import PgListener, SqliteProbe, listen_for_changes

log = logging.getLogger(__name__)

POLL_MS = 2_000  # SQLite: the probe is one pragma on a connection of its own (microseconds)
SETTLE_MS = 300  # a burst of commits (a batch, a sync) becomes one refresh


class ChangeWatcher(QObject):
    changed = Signal()
    _heard = Signal()  # from the listener thread; delivered on the GUI thread

    def __init__(self, target: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._probe: SqliteProbe | None = None
        self._listener: PgListener | None = None
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.changed.emit)
        self._heard.connect(self._settle.start)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._check)
        try:
            source = listen_for_changes(target, self._heard.emit)
            if isinstance(source, PgListener):
                self._listener = source
            elif isinstance(source, SqliteProbe):
                self._probe = source
                self._poll.start()
        except Exception as exc:  # noqa: BLE001 — without it the 30-second count still runs
            log.warning("change watch unavailable: %s", exc)

    def _check(self) -> None:
        if self._probe is not None and self._probe.changed():
            self._settle.start()

    def stop(self) -> None:
        self._poll.stop()
        self._settle.stop()
        if self._probe is not None:
            self._probe.close()
            self._probe = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
