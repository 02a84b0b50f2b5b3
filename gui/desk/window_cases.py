"""The main window's cases: the one shown under the list, a case opened from anywhere (a scan,
another screen), after a change, printing, and the selected case's steps (办理, F6 …)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from core.cases.detail import case_detail
from core.cases.queries import find_by_number
from core.errors import DomainError
from core.infra.storage import StorageError
from gui.desk.case_list import CaseListPage
from gui.errors import show_error
from gui.printing.printer import print_case

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # the strings keep MainWindow's translation context


class CasesMixin:
    """For MainWindow (which provides session, lists, detail, case_actions, pages …)."""

    session: Any
    lists: dict[str, CaseListPage]
    _last_list: str
    _dirty: set[str]

    def _show_in_detail(self, case_id: int | None) -> None:
        if self.detail is not None:
            self.detail.show_case(case_id)

    def open_case(self, case_id: int) -> None:
        """A case opened by double-click, Enter or a scanned number."""
        page = self.current_list()
        if page is not None:
            page.select_case(case_id, emit=False)
        self._show_in_detail(case_id)

    def _list_cleared(self, page: CaseListPage) -> None:
        if page is self.current_list():
            self._show_in_detail(None)

    def show_case(self, case_id: int) -> None:
        """Open a case from anywhere (an earlier case of a repeat visitor, the overdue list,
        a scan): selected in the list on screen if that list holds it, otherwise 全部事项
        shows just that case — the detail pane never shows a case its list does not."""
        page = self.current_list() or self.lists[self._last_list]
        if page.model.find_row(case_id) is not None:
            self.show_page(self._last_list if self.current_list() is None else
                           self.current_key())
            self.open_case(case_id)
            return
        try:
            number = case_detail(case_id).number
        except (DomainError, StorageError) as exc:
            show_error(self, exc, self.session.lang)
            return
        self._show_number(number)

    def open_number(self, number: str) -> None:
        """A scanned (or typed) case number, from any screen; a form being filled in keeps
        everything typed so far (F2 goes back to it)."""
        try:
            case_id = find_by_number(number)
        except StorageError as exc:
            show_error(self, exc, self.session.lang)
            return
        if case_id is None:
            self.statusBar().showMessage(translate("MainWindow", "找不到事项 {number}").format(number=number),
                                         10_000)
            QApplication.beep()
            return
        unsaved = self.unsaved_forms()
        self._show_number(number)
        if unsaved:
            self.statusBar().showMessage(translate("MainWindow", "登记表中的内容已保留，按 {key} 返回继续填写。")
                                         .format(key=self._titles[unsaved[0]][1]), 15_000)

    def _show_number(self, number: str) -> None:
        self.show_page("all")
        case_id = self.lists["all"].show_number(number)
        self._show_in_detail(case_id)

    def case_registered(self, case_id: int) -> None:
        """The intake and phone pages stay put (next visitor); My cases has the case ready."""
        self.case_changed(case_id)
        mine = self.lists["mine"]
        if "mine" in self._dirty:
            self._dirty.discard("mine")
            mine.refresh()
        mine.select_case(case_id, emit=False)
        self._last_list = "inbox"
        self._show_in_detail(case_id)

    def case_changed(self, _case_id: int) -> None:
        """After any change: the visible list now, the others when next shown, the counts."""
        current = self.current_key()
        for key, page in self.lists.items():
            if key == current:
                page.refresh()
            else:
                self._dirty.add(key)
        self.refresh_counts()

    def refresh_all(self) -> None:
        page = self.current_list()
        if page is not None:
            page.refresh()
            self._show_in_detail(page.current_case_id())
        self._dirty.update(k for k in self.lists if k != self.current_key())
        self.refresh_counts()

    def print_case(self, case_id: int, doc: str) -> None:
        try:
            print_case(self, self.session, case_id, doc)
        except (DomainError, StorageError) as exc:
            show_error(self, exc, self.session.lang)

    def _offer_actions(self, actions: list[str], slips: list[str]) -> None:
        on_screen = self.current_list() is not None
        self.case_actions.offer(actions if on_screen else [], slips if on_screen else [])

    def trigger_action(self, action: str) -> None:
        """签收 F6, 退回 F7, 办结 F8 …: the step on the case shown below the list."""
        if self.current_list() is not None and action in self.detail.action_buttons:
            self.detail.trigger(action)

    def print_selected(self, kind: str) -> None:
        if (self.current_list() is not None and self.detail.case_id is not None
                and kind in self.detail.print_buttons):
            self.print_case(self.detail.case_id, kind)
