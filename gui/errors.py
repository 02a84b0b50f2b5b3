"""One place that turns errors into dialogs and asks yes/no questions; tests replace
`show_message` and `ask_question` so that no box ever waits for a click."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from core.errors import DomainError, Term
from core.infra.storage import StorageError

log = logging.getLogger(__name__)

# (parent, title, text, kind) — kind is "error", "warning" or "info". Tests swap this out.
MessageSink = Callable[[QWidget | None, str, str, str], None]


def _box(parent: QWidget | None, title: str, text: str, kind: str) -> None:
    icon = {"error": QMessageBox.Icon.Critical, "warning": QMessageBox.Icon.Warning}.get(
        kind, QMessageBox.Icon.Information)
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


show_message: MessageSink = _box
last_messages: list[tuple[str, str, str]] = []  # what was shown, newest last (tests read it)

# (parent, title, text, yes, no, default_yes) -> True for yes. Tests swap this out
# (tests/conftest.py answers every question so that no box waits offscreen).
QuestionSink = Callable[[QWidget | None, str, str, str, str, bool], bool]


def _question(parent: QWidget | None, title: str, text: str, yes: str, no: str,
              default_yes: bool) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


ask_question: QuestionSink = _question
last_questions: list[tuple[str, str]] = []  # (title, text) asked, newest last


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str, *,
            default_yes: bool = False) -> bool:
    """A yes/no question; Esc answers no, and so does Enter unless `default_yes` (a question
    whose yes loses nothing, such as printing a notice)."""
    last_questions.append((title, text))
    del last_questions[:-50]
    return ask_question(parent, title, text, yes, no, default_yes)


def notify(parent: QWidget | None, title: str, text: str, kind: str = "info") -> None:
    last_messages.append((title, text, kind))
    del last_messages[:-50]
    show_message(parent, title, text, kind)


def error_text(exc: BaseException, lang: str = "zh") -> str:
    if isinstance(exc, DomainError | StorageError):
        return exc.message(lang)
    return str(exc) or exc.__class__.__name__


def show_error(parent: QWidget | None, exc: BaseException, lang: str = "zh") -> None:
    """A refused action or a database problem: a clear dialog, the window stays open."""
    if isinstance(exc, DomainError):
        title = Term("无法完成", "Not possible").text(lang)
        notify(parent, title, exc.message(lang), "warning")
        return
    if isinstance(exc, StorageError):
        title = Term("数据库错误", "Database problem").text(lang)
        notify(parent, title, exc.message(lang), "error")
        return
    log.error("unexpected error: %s", "".join(traceback.format_exception(exc)))
    from core.infra.logsetup import log_file

    title = Term("程序错误", "Program error").text(lang)
    text = Term(f"发生意外错误：{error_text(exc)}\n已记录到日志：{log_file()}",
                f"Unexpected error: {error_text(exc)}\nDetails were logged to {log_file()}").text(lang)
    notify(parent, title, text, "error")
