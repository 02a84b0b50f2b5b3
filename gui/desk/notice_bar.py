"""A bar across the top of the main window for what the clerk must know before working on:
a damaged register open read-only (with the offer to restore), a lost server connection
being re-established."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

STYLES = {
    "error": "QFrame#notice { background: #f8d7da; border-bottom: 1px solid #b02a37; }"
             " QLabel { color: #58151c; font-weight: bold; }",
    "warning": "QFrame#notice { background: #fff3cd; border-bottom: 1px solid #997404; }"
               " QLabel { color: #664d03; font-weight: bold; }",
}


class NoticeBar(QFrame):
    """One notice at a time; `kind` is "error" or "warning"; `show_notice` replaces it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.key = ""
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(12, 8, 12, 8)
        self.row.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        self.hide()

    def show_notice(self, key: str, text: str, kind: str = "warning",
                    actions: tuple[tuple[str, Callable[[], object]], ...] = ()) -> None:
        self.key = key
        self.label.setText(text)
        self.setStyleSheet(STYLES.get(kind, STYLES["warning"]))
        for b in self.buttons:
            self.row.removeWidget(b)
            b.deleteLater()
        self.buttons = []
        for title, slot in actions:
            b = QPushButton(title, self)
            b.clicked.connect(lambda _checked=False, slot=slot: slot())
            self.row.addWidget(b)
            self.buttons.append(b)
        self.show()

    def clear(self, key: str | None = None) -> None:
        """Hide the notice (only if it is still the one named `key`, when given)."""
        if key is None or key == self.key:
            self.key = ""
            self.hide()
