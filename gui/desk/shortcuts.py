"""The keys of a clerk's day, in one table: what the menus carry, what the detail pane's
buttons mention and what the 快捷键 help page lists (docs/keyboard.md).

Function keys for the steps done dozens of times a day (签收 F6, 退回 F7, 办结 F8, 打印回执 F9),
Ctrl+Shift+letter for the rest; none collides with a page's own keys (Ctrl+Enter and Ctrl+P
save the intake form while it has the focus)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

# Case actions (core.cases.lifecycle names): the key that triggers each on the selected case.
CASE_ACTION_KEYS: dict[str, str] = {
    "accept": "F6",
    "return": "F7",
    "resolve": "F8",
    "take": "Ctrl+Shift+H",
    "transfer": "Ctrl+Shift+T",
    "assign": "Ctrl+Shift+D",
    "escalate": "Ctrl+Shift+E",
    "notify": "Ctrl+Shift+N",
    "close": "Ctrl+Shift+J",
    "contact": "Ctrl+Shift+L",
    "urge": "Ctrl+Shift+U",
    "request_materials": "Ctrl+Shift+M",
    "supply_materials": "Ctrl+Shift+S",
    "record_visit": "Ctrl+Shift+V",
    "evaluate": "Ctrl+Shift+K",
    "refer": "Ctrl+Shift+R",
    "leader_assign": "Ctrl+Shift+G",
}
# Slips printed for the selected case.
PRINT_KEYS: dict[str, str] = {"receipt": "F9", "notice": "Shift+F9", "history": "Ctrl+Shift+P"}

# Keys that belong to a page, not to a menu action (listed on the help page all the same).
PAGE_KEYS: tuple[tuple[str, str], ...] = (
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("Shortcuts", "保存登记（新登记、来电登记）")),
    ("Ctrl+P", QT_TRANSLATE_NOOP("Shortcuts", "保存并打印回执（新登记）")),
    ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "办事事项列表中：选定高亮（或第一个）事项")),
    ("Space", QT_TRANSLATE_NOOP("Shortcuts", "材料清单中：收到 / 未收到")),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("Shortcuts", "下一项 / 上一项")),
    ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "事项列表中：打开选中的事项")),
    (QT_TRANSLATE_NOOP("Shortcuts", "扫码枪"),
     QT_TRANSLATE_NOOP("Shortcuts", "在任何页面扫描回执上的条码：打开该事项（正在填写的登记表保留）")),
)


def page_keys() -> list[tuple[str, str]]:
    """PAGE_KEYS in the current language."""
    return [(translate("Shortcuts", key), translate("Shortcuts", what)) for key, what in PAGE_KEYS]
