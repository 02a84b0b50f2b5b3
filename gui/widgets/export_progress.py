"""A long export (a month's register) on the worker, with a progress dialog and 取消: core's
progress callback raises ExportCancelled once the clerk cancels, and core leaves no file."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from core.infra.xlsx_book import ExportCancelled
from gui.errors import show_error
from gui.ops import run_in_background

Progress = Callable[[int, int], None]


class _Relay(QObject):
    """Lives on the GUI thread; the worker's emits arrive queued."""

    moved = Signal(int, int)


class ExportProgress(QProgressDialog):
    """Shown while `job(progress)` runs; `done(result)` on success, nothing on cancel."""

    def __init__(self, parent: QWidget, title: str, label: str, lang: str = "zh") -> None:
        super().__init__(label, self.tr("取消"), 0, 0, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(400)  # a small export finishes before the dialog shows
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.lang = lang
        self.cancelled = threading.Event()
        self.canceled.connect(self.cancelled.set)  # the 取消 button (and Esc)
        self.last = (0, 0)  # the latest (rows written, rows in all)
        self._relay = _Relay(self)
        self._relay.moved.connect(self._moved)

    def _moved(self, done: int, total: int) -> None:
        self.last = (done, total)
        if total and self.maximum() != total:
            self.setMaximum(total)
        self.setValue(min(done, total) if total else 0)
        if total:
            self.setLabelText(self.tr("已写入 {done} / {total} 行").format(
                done=f"{done:,}", total=f"{total:,}"))

    def progress(self, done: int, total: int) -> None:
        """Called on the worker: stop if cancelled, else move the bar."""
        if self.cancelled.is_set():
            raise ExportCancelled
        self._relay.moved.emit(done, total)

    def start(self, job: Callable[[Progress], Any], done: Callable[[Any], None]) -> None:
        def finished(result: Any) -> None:
            if shiboken6.isValid(self):
                self.close()
            done(result)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self.close()
            if not isinstance(exc, ExportCancelled):
                show_error(self.parentWidget(), exc, self.lang)

        run_in_background(lambda: job(self.progress), finished, failed)


def run_export(parent: QWidget, title: str, label: str, job: Callable[[Progress], Any],
               done: Callable[[Any], None], lang: str = "zh") -> ExportProgress:
    """Start `job` with a progress dialog; keep the returned dialog while it runs."""
    dialog = ExportProgress(parent, title, label, lang)
    dialog.start(job, done)
    return dialog


__all__ = ["ExportProgress", "run_export"]
