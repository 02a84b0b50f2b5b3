"""Text fields that show their limit and refuse more: a live counter inside the field, and a
typed or pasted text that would not fit is refused as a whole and said so — never cut short
silently. The limits are core's (core.cases.validation.LIMITS); see docs/forms.md."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QResizeEvent, QValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from core.cases.validation import LIMITS

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

COUNTER_STYLE = "color: #8a94a3; font-size: 11px; background: transparent;"
NEAR_STYLE = "color: #a15c00; font-size: 11px; background: transparent;"
FULL_STYLE = "color: #c62828; font-size: 11px; font-weight: bold; background: transparent;"


def limit_for(field: str, default: int = 200) -> int:
    """The length core accepts for a field (the same number core's validation checks)."""
    return LIMITS.get(field, default)


class _Counter(QLabel):
    """"12/200" in the field's corner: grey, amber from 90 %, red at the limit."""

    def __init__(self, limit: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.limit = limit
        self.setObjectName("length_counter")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.show_count(0)

    def show_count(self, n: int) -> None:
        self.setText(f"{n}/{self.limit}")
        self.setStyleSheet(FULL_STYLE if n >= self.limit else
                           NEAR_STYLE if n >= self.limit * 0.9 else COUNTER_STYLE)
        self.adjustSize()


class _LengthValidator(QValidator):
    """Invalid past the limit: QLineEdit then refuses the whole key press or paste (and says
    inputRejected) instead of keeping the first `limit` characters as setMaxLength would."""

    def __init__(self, limit: int, parent: QObject) -> None:
        super().__init__(parent)
        self.limit = limit

    def validate(self, text: str, pos: int) -> object:
        state = (QValidator.State.Acceptable if len(text) <= self.limit
                 else QValidator.State.Invalid)
        return state, text, pos


class LimitedLineEdit(QLineEdit):
    """A one-line field of at most `limit` characters with its counter inside on the right."""

    refused = Signal()  # something typed or pasted would not fit and was not taken

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.setValidator(_LengthValidator(limit, self))
        self.counter = _Counter(limit, self)
        self.inputRejected.connect(self.refused)
        self.textChanged.connect(self._changed)
        self._place_counter()

    def _changed(self, text: str) -> None:
        self.counter.show_count(len(text))
        self._place_counter()

    def _place_counter(self) -> None:
        width = self.counter.sizeHint().width()
        self.setTextMargins(0, 0, width + 6, 0)
        self.counter.move(self.width() - width - 6 - (18 if self.isClearButtonEnabled() else 0),
                          (self.height() - self.counter.sizeHint().height()) // 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_counter()


class LimitedTextEdit(QPlainTextEdit):
    """A multi-line field of at most `limit` characters; the counter sits under the text."""

    refused = Signal()

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.counter = _Counter(limit, self)
        self.setViewportMargins(0, 0, 0, self.counter.sizeHint().height())
        self.textChanged.connect(self._changed)

    def length(self) -> int:
        return len(self.toPlainText())

    def _fits(self, inserted: str) -> bool:
        cursor = self.textCursor()
        selected = abs(cursor.selectionEnd() - cursor.selectionStart())
        if self.length() - selected + len(inserted) <= self.limit:
            return True
        self.refused.emit()
        return False

    def _changed(self) -> None:
        self.counter.show_count(self.length())
        self._place_counter()

    def _place_counter(self) -> None:
        hint = self.counter.sizeHint()
        frame = self.frameWidth()
        self.counter.move(self.width() - hint.width() - frame - 4,
                          self.height() - hint.height() - frame)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_counter()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        typing = bool(text) and (text.isprintable() or text in "\r\n\t") and not (
            event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                 | Qt.KeyboardModifier.AltModifier))
        if typing and not self._fits("\n" if text == "\r" else text):
            event.accept()
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        if event.commitString() and not self._fits(event.commitString()):
            event.accept()
            return
        super().inputMethodEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText() and not self._fits(source.text().replace("\r\n", "\n")):
            return
        super().insertFromMimeData(source)


def refusal_text(limit: int) -> str:
    """What a refused paste or key says at the field."""
    return translate("FieldLimits", "最多 {limit} 个字：超出的内容没有输入，请先删减。").format(
        limit=limit)
