"""The main window's menus: 文件, 事项 (with every page), 办理 (the steps the selected case
allows, each with its key), 视图 (navigation, language) and 帮助 (使用说明 F1, 快捷键, 关于)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from core.cases import lifecycle
from gui.desk.shortcuts import CASE_ACTION_KEYS, PRINT_KEYS

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

LANGUAGES = (("zh", "中文"), ("en", "English"))  # each named in its own language


def add_action(window: QMainWindow, menu: QMenu | None, text: str, slot: Callable[[], Any],
               shortcut: Any = None) -> QAction:
    """An action on the window itself, so its key works wherever the focus is."""
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    if menu is not None:
        menu.addAction(action)
    return action


class CaseActions(QObject):
    """办理: one action per lifecycle step and slip, enabled while the detail pane offers it
    for the case on screen. `trigger(name)` / `print_slip(kind)` do what the buttons do."""

    def __init__(self, window: QMainWindow, menu: QMenu, lang: str,
                 trigger: Callable[[str], None], print_slip: Callable[[str], None]) -> None:
        super().__init__(window)
        self.menu = menu
        self.actions: dict[str, QAction] = {}
        self.prints: dict[str, QAction] = {}
        for step in lifecycle.TABLE:
            key = CASE_ACTION_KEYS.get(step.name)
            text = step.label.text(lang)
            action = add_action(window, menu, text[:1].upper() + text[1:],
                                lambda n=step.name: trigger(n), key)
            self.actions[step.name] = action
        menu.addSeparator()
        slips = {"receipt": translate("CaseActions", "打印回执"),
                 "notice": translate("CaseActions", "打印一次性告知单"),
                 "history": translate("CaseActions", "打印办理记录")}
        for kind, text in slips.items():
            self.prints[kind] = add_action(window, menu, text, lambda k=kind: print_slip(k),
                                           PRINT_KEYS.get(kind))
        self.offer([], [])

    def offer(self, actions: list[str], slips: list[str]) -> None:
        """Enable what the case on screen allows now; the rest stays visible but grey."""
        for name, action in self.actions.items():
            action.setEnabled(name in actions)
        for kind, action in self.prints.items():
            action.setEnabled(kind in slips)

    def key_text(self, name: str) -> str:
        """The key of a step, as the platform writes it ("" if it has none)."""
        action = self.actions.get(name) or self.prints.get(name)
        if action is None:
            return ""
        return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def language_menu(window: QMainWindow, menu: QMenu, current: str,
                  choose: Callable[[str], None]) -> QActionGroup:
    """语言 / Language: the other language at once, without a restart."""
    group = QActionGroup(window)
    sub = menu.addMenu(translate("MainWindow", "语言 / Language"))
    sub.setObjectName("language_menu")
    for code, name in LANGUAGES:
        action = QAction(name, window, checkable=True, checked=code == current)
        action.setData(code)
        action.triggered.connect(lambda _c=False, c=code: choose(c))
        group.addAction(action)
        sub.addAction(action)
    return group
