"""What a registration form says back: every problem at once in the words of the field's own
caption, and the "✓ 已登记" line that stays after a save — the number opens the case, 重打回执
prints the receipt again (docs/forms.md)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from core.cases.validation import normalize_phone
from core.dto import CaseRef, IntakeForm
from core.errors import DomainError, Term, ValidationError
from core.offline.numbers import is_provisional
from core.vocab import KINDS, STATUSES
from gui.errors import show_error
from gui.forms.intake_scope import ScopePicker, register_in_background
from gui.forms.intake_widgets import OK_STYLE, FieldMessage, add_field, show_focus_ring
from gui.session import Session

log = logging.getLogger(__name__)

LINK_STYLE = "QPushButton { color: #0d5aa7; padding: 0 6px; }"


def own_words(exc: DomainError, caption: str, lang: str) -> str:
    """The message with the field named as the form labels it ("请填写事项摘要。", not core's
    generic "请填写事项。")."""
    if caption and "field" in exc.fields:
        exc = DomainError(exc.code, exc.field, **{**exc.fields, "field": Term(caption, caption)})
    return exc.message(lang)


def messages_by_key(errors: Iterable[ValidationError], key_of: Callable[[str], str],
                    caption_of: Callable[[str], str], lang: str) -> dict[str, str]:
    """One message line per place on the form (several problems in one place are joined),
    in the order the problems were found (the form's order)."""
    out: dict[str, list[str]] = {}
    for exc in errors:
        field = exc.field or "general"
        text = own_words(exc, caption_of(field), lang)
        lines = out.setdefault(key_of(field), [])
        if text not in lines:
            lines.append(text)
    return {key: " ".join(lines) for key, lines in out.items()}


class SavedBanner(QWidget):
    """✓ 已登记 <number>（status） [重打回执] [一次性告知单]: stays until the next save."""

    open_requested = Signal(int)
    print_requested = Signal(int, str)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.case_id: int | None = None
        self.number = ""
        self.label = QLabel(self)
        self.label.setObjectName("saved_line")
        self.label.setStyleSheet(OK_STYLE)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.label.linkActivated.connect(lambda _link: self._open())
        self.label.setToolTip(self.tr("点击编号打开该事项"))
        self.reprint_button = QPushButton(self.tr("重打回执"), self)
        self.notice_button = QPushButton(self.tr("一次性告知单"), self)
        for button, doc in ((self.reprint_button, "receipt"), (self.notice_button, "notice")):
            button.setFlat(True)
            button.setStyleSheet(LINK_STYLE)
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # not in the form's Tab chain
            button.clicked.connect(lambda _c=False, d=doc: self._print(d))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.label)
        row.addWidget(self.reprint_button)
        row.addWidget(self.notice_button)
        row.addStretch(1)
        self.clear_saved()

    def show_saved(self, ref: CaseRef, *, missing_materials: bool = False) -> None:
        self.case_id, self.number = ref.id, ref.number
        status = STATUSES[ref.status].text(self.lang) if ref.status in STATUSES else ref.status
        text = (self.tr("✓ 已离线登记，临时编号 {number}（{status}；恢复连接后自动同步）")
                if is_provisional(ref.number) else self.tr("✓ 已登记 {number}（{status}）"))
        self.label.setText(text.format(number=f'<a href="case:{ref.id}">{ref.number}</a>',
                                       status=status))
        self.reprint_button.setVisible(True)
        self.notice_button.setVisible(missing_materials)
        self.setVisible(True)

    def clear_saved(self) -> None:
        self.case_id, self.number = None, ""
        self.label.clear()
        self.reprint_button.setVisible(False)
        self.notice_button.setVisible(False)

    def text(self) -> str:
        """The line as plain text (what a clerk reads)."""
        return self.label.text().replace(f'<a href="case:{self.case_id}">', "").replace("</a>", "")

    def _open(self) -> None:
        if self.case_id is not None:
            self.open_requested.emit(self.case_id)

    def _print(self, doc: str) -> None:
        if self.case_id is not None:
            self.print_requested.emit(self.case_id, doc)


class RegistrationForm(QWidget):
    """What the intake (F2) and the phone log (F3) share: the kind list, the save shortcuts and
    the tab chain, captions and message lines per field, the visitor's phone and anonymity,
    every problem shown at once, and a save that is idempotent — a second press while saving,
    or on the form a save has just emptied, does nothing (the "✓ 已登记" line stays)."""

    case_registered = Signal(int)
    print_requested = Signal(int, str)
    open_case_requested = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._saving = False
        self._blank: IntakeForm | None = None  # the form as reset() leaves it
        self._just_saved = False  # the blank form on screen is the one just saved
        self.messages: dict[str, FieldMessage] = {}
        self.captions: dict[str, str] = {}
        self.save_buttons: list[QWidget] = []  # disabled while a save runs

    # ---- building ----------------------------------------------------------------------

    def _kind_box(self, kinds: Sequence[str]) -> QComboBox:
        """The organisation's `kinds`, then hazard and accident: the desk always takes those."""
        box = QComboBox(self)
        for code in (*kinds, *(k for k in ("hazard", "accident") if k not in kinds)):
            box.addItem(KINDS[code].text(self.session.lang), code)
        return box

    def _shortcut(self, keys: str, slot: Callable[[], object]) -> None:
        """`keys` anywhere on the form (Ctrl+Enter saves, Ctrl+P prints)."""
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    @staticmethod
    def _tab_chain(chain: Sequence[QWidget]) -> None:
        """Tab goes through `chain` in its order."""
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def first_field(self) -> QWidget:
        """The field the cursor goes to when the form is opened (F2/F3) or emptied."""
        raise NotImplementedError

    def focus_first(self) -> None:
        self.first_field().setFocus(Qt.FocusReason.ShortcutFocusReason)
        show_focus_ring(self)

    def showEvent(self, event: QShowEvent) -> None:
        """Coming to this page (F2/F3) puts the cursor in the first field to fill."""
        super().showEvent(event)
        if not self.isAncestorOf(QApplication.focusWidget()):
            self.focus_first()

    def _field(self, grid: QGridLayout, row: int, col: int, label: str, widget: QWidget,
               key: str, span: int = 1, *, reserve: bool = False) -> None:
        self.messages[key] = add_field(grid, row, col, label, widget, span, reserve=reserve)
        self.captions[key] = label

    # ---- the form's state --------------------------------------------------------------

    def form(self) -> IntakeForm:
        raise NotImplementedError

    def mark_blank(self) -> None:
        """Called at the end of reset(): this is what an empty form looks like."""
        self._blank = self.form()
        self._just_saved = False

    def is_blank(self) -> bool:
        """Nothing typed or chosen since the form was last emptied (the channel may differ:
        it stays from one visitor to the next)."""
        return self._blank is not None and replace(
            self.form(), channel=self._blank.channel) == self._blank

    def has_unsaved(self) -> bool:
        """Something is on the form that closing the window would lose."""
        return not self.is_blank()

    def save_blocked(self) -> bool:
        """A press that must do nothing: saving already, or the form a save just emptied."""
        return self._saving or (self._just_saved and self.is_blank())

    def clear_errors(self) -> None:
        for m in self.messages.values():
            m.clear_message()

    def reset(self) -> None:
        """Empty the form for the next visitor; ends with mark_blank()."""
        raise NotImplementedError

    # ---- the visitor -------------------------------------------------------------------

    def _normalized_phone(self, edit: QLineEdit) -> str | None:
        """The number in `edit` normalized (and written back so); None, said at the field,
        when it is not a phone number."""
        self.messages["visitor_phone"].clear_message()
        try:
            phone = normalize_phone(edit.text())
        except ValidationError as exc:
            self.messages["visitor_phone"].show_message(exc.message(self.session.lang))
            return None
        if phone != edit.text():
            edit.setText(phone)
        return phone

    @staticmethod
    def _set_anonymous(anonymous: bool, identity: Iterable[QLineEdit]) -> None:
        """An anonymous visitor's identity fields are emptied and closed."""
        for w in identity:
            if anonymous:
                w.clear()
            w.setEnabled(not anonymous)

    # ---- saving ------------------------------------------------------------------------

    def _register(self, picker: ScopePicker,
                  saved: Callable[[CaseRef, IntakeForm], None]) -> bool:
        """Check every field and register the form in the background; False if refused."""
        self.clear_errors()
        form = self.form()
        return register_in_background(
            form, picker, self.session.staff.id, refused=self.show_field_errors,
            starting=lambda: self._set_saving(True), saved=lambda ref: saved(ref, form),
            failed=self._failed)

    def _ready_for_next(self, ref: CaseRef) -> None:
        """After a save: the form emptied, the cursor in its first field, the case announced."""
        self.reset()
        self._just_saved = True
        self.focus_first()
        self.case_registered.emit(ref.id)

    # ---- problems ----------------------------------------------------------------------

    def message_key(self, field: str) -> str:
        """Where on the form a problem with `field` is said."""
        return field if field in self.messages else "general"

    def caption(self, field: str) -> str:
        """The field's own caption, for messages in its words (事项摘要, not 事项)."""
        return self.captions.get(field, "")

    def field_widget(self, field: str) -> QWidget:
        raise NotImplementedError

    def show_field_errors(self, errors: list[ValidationError]) -> None:
        """Every problem beside its field at once; focus goes to the first."""
        texts = messages_by_key(errors, self.message_key, self.caption, self.session.lang)
        for key, text in texts.items():
            self.messages[key].show_message(text)
        if errors:
            self.field_widget(errors[0].field or "general").setFocus(
                Qt.FocusReason.OtherFocusReason)

    def show_field_error(self, exc: DomainError) -> None:
        """One problem (found by core while saving) beside its field."""
        if isinstance(exc, ValidationError):
            self.show_field_errors([exc])
        else:
            self.messages["general"].show_message(exc.message(self.session.lang))

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        for button in self.save_buttons:
            button.setEnabled(not saving)

    def _failed(self, exc: BaseException) -> None:
        self._set_saving(False)
        if isinstance(exc, ValidationError) and exc.field:
            self.show_field_errors([exc])
        else:
            show_error(self, exc, self.session.lang)
