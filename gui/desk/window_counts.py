"""The main window's numbers: navigation and status-bar counts, the inbox section tabs and the
notice when something new arrives — counted on the worker thread, never freezing the window."""

from __future__ import annotations

import logging
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QSystemTrayIcon

from core.admin.staff import get_staff_info
from core.cases import inbox
from core.cases.queries import counts_for
from core.errors import DomainError
from core.infra.storage import StorageError
from gui.desk.register_watch import is_connection_problem
from gui.errors import show_error
from gui.ops import run_in_background

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # the strings keep MainWindow's translation context

REFRESH_MS = 30_000


def load_counts(staff_id: int) -> dict[str, Any]:
    """Navigation and status-bar numbers and the inbox sections (runs on the worker thread)."""
    counts: dict[str, Any] = dict(counts_for(staff_id))
    sections = inbox.counts(get_staff_info(staff_id))
    counts["inbox"] = sections
    counts["inbox_total"] = sum(c.total for c in sections)
    counts["waiting"] = next((c.total for c in sections if c.key == "to_accept"), 0)
    return counts


class CountsMixin:
    """Counting for MainWindow (which provides session, nav_panel, inbox, lists, tray …)."""

    session: Any
    counts: dict[str, Any] | None
    _counts_busy: bool
    _counts_again: bool
    _counts_failing: bool
    _alive: bool

    def refresh_counts(self, background: bool = True) -> None:
        """Re-count in the background (never freezing); `background=False` for tests."""
        if not background:
            try:
                self._counts_loaded(load_counts(self.session.staff.id))
            except (DomainError, StorageError) as exc:
                self._counts_failed(exc)
            return
        if not self._alive:
            return
        if self._counts_busy:  # count again when the running one is done: it may be stale
            self._counts_again = True
            return
        self._counts_busy = True
        self._counts_again = False
        staff_id = self.session.staff.id
        run_in_background(lambda: load_counts(staff_id), self._counts_loaded, self._counts_failed)

    def _counts_loaded(self, counts: dict[str, int]) -> None:
        if not self._alive or not shiboken6.isValid(self):
            return
        self._counts_busy = False
        self._counts_failing = False
        previous, self.counts = self.counts, counts
        if self._counts_again:
            QTimer.singleShot(0, self.refresh_counts)
        self.nav_panel.set_count("mine", counts["mine"])
        self._show_inbox_counts(previous, counts)
        self.waiting_label.setText(translate("MainWindow", "{n} 件待签收").format(n=counts["waiting"]))
        self.overdue_label.setText(translate("MainWindow", "{n} 件超期").format(n=counts["my_overdue"]))
        self.overdue_label.setStyleSheet("color: #b02a37; font-weight: bold;"
                                         if counts["my_overdue"] else "")
        self.overdue_label.setToolTip(translate("MainWindow", "我的事项中超期 {mine} 件；全部超期 {all} 件")
                                      .format(mine=counts["my_overdue"], all=counts["overdue"]))
        if previous is not None and _comparable(previous) != _comparable(counts):
            self._dirty.update(self.lists)
            page = self.current_list()
            if page is not None:
                self._dirty.discard(self.current_key())
                page.refresh()
        self.counts_changed.emit(counts)

    def _counts_failed(self, exc: BaseException) -> None:
        if not self._alive or not shiboken6.isValid(self):
            return
        self._counts_busy = False
        self._counts_again = False
        if is_connection_problem(exc):
            self.watch.connection_lost(exc)  # a banner and retries, not a dialog every 30 s
            return
        log.warning("refreshing counts failed: %s", exc)
        self.statusBar().showMessage(translate("MainWindow", "无法读取数据库，稍后自动重试。"),
                                     REFRESH_MS)
        if not self._counts_failing:  # one dialog per failure streak, not one every 30 s
            self._counts_failing = True
            show_error(self, exc, self.session.lang)

    def show_storage_problem(self, exc: BaseException) -> None:
        if is_connection_problem(exc):
            self.watch.connection_lost(exc)
            return
        show_error(self, exc, self.session.lang)

    def _show_inbox_counts(self, previous: dict[str, Any] | None,
                           counts: dict[str, Any]) -> None:
        """我的待办 (N · 新 M) in the navigation, the section tabs, and a notice for arrivals."""
        sections = counts["inbox"]
        self.inbox.set_counts(sections)
        new = self.inbox.new_total()  # marked, the number of new arrivals in the tooltip
        self.nav_panel.set_count("inbox", counts["inbox_total"], new, translate(
            "MainWindow", "其中 {n} 件是您上次查看后新到的").format(n=new) if new else "")
        if previous is None:
            return
        before = {c.key: c.total for c in previous["inbox"]}
        arrived = [(c.label.text(self.session.lang), c.total - before.get(c.key, 0))
                   for c in sections if c.total > before.get(c.key, 0)]
        if arrived:
            self._announce(arrived)

    def _announce(self, arrived: list[tuple[str, int]]) -> None:
        """A status-bar notice and a tray message: what just arrived in this person's inbox."""
        parts = translate("MainWindow", "，").join(
            translate("MainWindow", "{section} {n} 件").format(section=s, n=n) for s, n in arrived)
        text = translate("MainWindow", "新的待办：{parts}").format(parts=parts)
        self.statusBar().showMessage(text, 15_000)
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(translate("MainWindow", "首问台"), text,
                                  QSystemTrayIcon.MessageIcon.Information)


def _comparable(counts: dict[str, Any]) -> dict[str, Any]:
    """Counts with the inbox sections as plain totals (to tell whether anything moved)."""
    return {**counts, "inbox": [(c.key, c.total) for c in counts["inbox"]]}
