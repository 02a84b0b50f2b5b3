"""A barcode scanner anywhere in the window: a scanner "types" the case number on the receipt
slip much faster than any hand, then Enter. Seen application-wide, such a burst opens the case
from any screen — in the middle of an intake too — and whatever field the digits fell into gets
its text back, so no form loses a character (docs/keyboard.md)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from core.cases.queries import NUMBER_RE

log = logging.getLogger(__name__)

SCANNER_KEYS = frozenset("0123456789-W")  # W: a provisional number (20261204-W03-0007)
_MODIFIER_KEYS = frozenset((Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta))
# Scanners send a character every 2–20 ms; the fastest typists need 80 ms or more.
MAX_GAP_S = 0.04
MIN_LENGTH = 13  # 20261204-0012
SCANNER_AWARE = "scanner_aware"  # a widget property: this widget handles a number itself


@dataclass
class _Burst:
    chars: list[str] = field(default_factory=list)
    last: float = 0.0
    fast: bool = True  # every gap so far was scanner-fast
    # Text fields the burst typed into, with what they held before it.
    before: dict[int, tuple[QWidget, str, int]] = field(default_factory=dict)


class ScannerDetector(QObject):
    """Watches every key press of the application; `scanned(number)` for a scanned number.

    `clock` is replaceable (tests make the keys as fast or as slow as they wish)."""

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.clock = clock
        self._burst = _Burst()
        self._installed = False

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if watched is not QApplication.focusWidget():  # once per key, not per propagation
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        if _scanner_aware(watched):
            self._burst = _Burst()
            return False
        if key_event.key() in _MODIFIER_KEYS:
            return False  # Shift pressed for a capital W: part of the burst, not a break
        now = self.clock()
        text = key_event.text()
        extra = key_event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if text in ("W", "w") and extra & Qt.KeyboardModifier.ShiftModifier:
            # A scanner types the W of a provisional number with Shift held, as a keyboard
            # does (20261204-W03-0007: core/offline/numbers.py).
            text = "W"
            extra &= ~Qt.KeyboardModifier.ShiftModifier
        if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not extra:
            return self._enter(now)
        if text and text in SCANNER_KEYS and not extra:
            self._key(watched, text, now)
        else:
            self._burst = _Burst()
        return False

    def _key(self, widget: QWidget, char: str, now: float) -> None:
        burst = self._burst
        if burst.chars and now - burst.last > MAX_GAP_S:
            burst = self._burst = _Burst()  # a pause: whatever came before was a hand
        if burst.chars:
            burst.fast = burst.fast and now - burst.last <= MAX_GAP_S
        burst.chars.append(char)
        burst.last = now
        if id(widget) not in burst.before and isinstance(widget, QLineEdit | QPlainTextEdit):
            if isinstance(widget, QLineEdit):
                burst.before[id(widget)] = (widget, widget.text(), widget.cursorPosition())
            else:
                burst.before[id(widget)] = (widget, widget.toPlainText(),
                                            widget.textCursor().position())

    def _enter(self, now: float) -> bool:
        burst, self._burst = self._burst, _Burst()
        number = "".join(burst.chars)
        if (not burst.fast or now - burst.last > MAX_GAP_S or len(number) < MIN_LENGTH
                or not NUMBER_RE.match(number)):
            return False
        for widget, text, position in burst.before.values():
            _restore(widget, text, position)
        log.info("scanned %s", number)
        self.scanned.emit(number)
        return True  # the Enter was the scanner's, not the form's


def _scanner_aware(widget: QWidget) -> bool:
    """A case list's search box and table take a scanned number themselves."""
    w: QWidget | None = widget
    while w is not None:
        if w.property(SCANNER_AWARE):
            return True
        w = w.parentWidget()
    return False


def _restore(widget: QWidget, text: str, position: int) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(text)
        widget.setCursorPosition(position)
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)
        cursor = widget.textCursor()
        cursor.setPosition(min(position, len(text)))
        widget.setTextCursor(cursor)
