"""The detail pane under the case list: header, visitor, materials, actions and the timeline."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.cases import lifecycle, workflow
from core.cases.availability import available_actions, open_extension_request, print_kinds
from core.cases.detail import CaseDetail, case_detail
from core.cases.evaluation import evaluate, follow_up_case
from core.cases.privacy import Identity, reveal_identity
from core.errors import ConflictError, DomainError
from gui.desk import action_dialogs as dialogs
from gui.desk.detail_widgets import CaseHeader, FlowLayout
from gui.desk.timeline_view import TimelineView
from gui.errors import show_error
from gui.forms.intake_widgets import HINT_STYLE
from gui.ops import run_in_background
from gui.session import Session

log = logging.getLogger(__name__)

Call = Callable[[], Any]


class DetailPane(QWidget):
    """Shows one case; offers only the actions this user may take now, each checked by core."""

    case_changed = Signal(int)
    print_requested = Signal(int, str)
    actions_offered = Signal(list, list)  # the steps and slips offered now (the 办理 menu)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: CaseDetail | None = None
        self.case_id: int | None = None
        self.action_buttons: dict[str, QPushButton] = {}
        self.print_buttons: dict[str, QPushButton] = {}
        self._busy = False
        self.key_text: Callable[[str], str] = lambda _name: ""  # the window names the keys
        self.placeholder = QLabel(self.tr("在上方列表中选择一个事项查看详情"), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(HINT_STYLE)
        self.header = CaseHeader(session.lang, session.register, self)
        self.status_chip, self.due_chip = self.header.status_chip, self.header.due_chip
        self.fields = self.header.fields
        self.actions_box = QWidget(self)
        self.actions_flow = FlowLayout(self.actions_box)
        self.print_box = QWidget(self)
        self.print_flow = FlowLayout(self.print_box, spacing=4)
        self.timeline = TimelineView(session.lang, self)
        self.header.reveal_button.clicked.connect(self.reveal_identity)
        self._build()
        self.show_case(None)

    def _build(self) -> None:
        self.print_caption = QLabel(self.tr("打印"), self)
        self.print_caption.setStyleSheet(HINT_STYLE)
        content = QWidget(self)
        col = QVBoxLayout(content)
        col.setContentsMargins(8, 6, 8, 4)
        col.addWidget(self.header)
        col.addWidget(self.actions_box)
        printing = QHBoxLayout()
        printing.addWidget(self.print_caption)
        printing.addWidget(self.print_box, 1)
        col.addLayout(printing)
        col.addWidget(self.timeline, 1)
        # A long 情况说明 (up to 4,000 characters) scrolls instead of being cut off.
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)
        self.timeline.setMinimumHeight(120)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    def action_labels(self) -> dict[str, str]:
        """Button texts from the lifecycle table (the same words the command line prints)."""
        lang = self.session.lang
        return {a.name: _capitalised(a.label.text(lang)) for a in lifecycle.TABLE}

    def print_labels(self) -> dict[str, str]:
        return {"receipt": self.tr("回执"), "notice": self.tr("告知单"),
                "transfer": self.tr("转办单"), "referral": self.tr("告知去向单"),
                "hazard": self.tr("隐患报告单"), "history": self.tr("办理记录")}

    # ---- showing ----------------------------------------------------------------------

    def show_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.detail = None
        if case_id is not None:
            try:
                self.detail = case_detail(case_id, self.session.staff.id)
            except DomainError as exc:
                self.placeholder.setText(exc.message(self.session.lang))
        else:
            self.placeholder.setText(self.tr("在上方列表中选择一个事项查看详情"))
        if self.detail is None:
            self.stack.setCurrentWidget(self.placeholder)
            self.timeline.set_case(None)
            self._set_buttons([], [])
            return
        self._fill(self.detail)
        self.stack.setCurrentIndex(1)

    def reload(self) -> None:
        self.show_case(self.case_id)

    def _fill(self, d: CaseDetail) -> None:
        self.header.fill(d)
        self.header.reveal_button.setVisible(
            self.session.can("reveal_identity") and not d.anonymous
            and bool(d.visitor_phone or d.visitor_name))
        self.timeline.set_case(d)
        self._set_buttons(available_actions(d, self.session.staff),
                          print_kinds(d) if self.session.can("print") else [])

    def _set_buttons(self, actions: list[str], kinds: list[str]) -> None:
        for flow, buttons in ((self.actions_flow, self.action_buttons),
                              (self.print_flow, self.print_buttons)):
            while flow.count():
                item = flow.takeAt(0)
                if item is not None and item.widget() is not None:
                    item.widget().deleteLater()
            buttons.clear()
        labels = self.action_labels()
        for action in actions:
            button = QPushButton(labels[action], self.actions_box)
            button.setObjectName(f"action_{action}")
            if lifecycle.ACTIONS[action].primary:
                button.setStyleSheet("font-weight: bold;")
            button.clicked.connect(lambda _c=False, a=action: self.trigger(a))
            key = self.key_text(action)
            button.setToolTip(f"{labels[action]} ({key})" if key else labels[action])
            self.actions_flow.addWidget(button)
            button.show()  # the pane may already be visible
            self.action_buttons[action] = button
        self.actions_box.setVisible(bool(actions))
        plabels = self.print_labels()
        for kind in kinds:
            button = QPushButton(plabels[kind], self.print_box)
            button.setObjectName(f"print_{kind}")
            button.setFlat(True)
            button.setStyleSheet("QPushButton { color: #0d5aa7; padding: 2px 6px; }")
            button.clicked.connect(lambda _c=False, k=kind: self._print(k))
            key = self.key_text(kind)
            button.setToolTip(f"{plabels[kind]} ({key})" if key else plabels[kind])
            self.print_flow.addWidget(button)
            button.show()
            self.print_buttons[kind] = button
        self.print_caption.setVisible(bool(kinds))
        self.actions_box.updateGeometry()
        self.actions_offered.emit(list(actions), list(kinds))

    def _print(self, kind: str) -> None:
        if self.case_id is not None:
            self.print_requested.emit(self.case_id, kind)

    # ---- acting -----------------------------------------------------------------------

    def trigger(self, action: str) -> None:
        """Ask for what the action needs, then call core with the version this pane shows."""
        d = self.detail
        if d is None or self._busy:
            return
        call = self._call(action, d, self.session.staff.id)
        if call is not None:
            self._run(call)

    def _run(self, call: Call) -> None:
        self._busy = True
        for b in self.action_buttons.values():
            b.setEnabled(False)
        case_id = self.case_id
        run_in_background(call, lambda _ref: self._finished(case_id, None),
                          lambda exc: self._finished(case_id, exc))

    def _finished(self, case_id: int | None, exc: BaseException | None) -> None:
        self._busy = False
        if exc is not None:
            show_error(self, exc, self.session.lang)
        if self.case_id == case_id:
            self.reload()
        if case_id is not None and (exc is None or isinstance(exc, ConflictError)):
            self.case_changed.emit(case_id)

    def reveal_identity(self) -> None:
        """The full phone and ID number, for a leader or head who states why (audited)."""
        d = self.detail
        if d is None:
            return
        reason = dialogs.RevealDialog.ask(self)
        if reason is None:
            return
        me = self.session.staff.id

        def shown(identity: Identity) -> None:
            if self.case_id == d.id:
                self.header.show_identity(identity)

        run_in_background(lambda: reveal_identity(me, d.id, reason), shown,
                          lambda exc: show_error(self, exc, self.session.lang))

    # What each action asks for: None means the user cancelled its dialog.

    def _call(self, action: str, d: CaseDetail, me: int) -> Call | None:
        if action in PLAIN_STEPS:
            return _step(d, me, PLAIN_STEPS[action])
        if action in NOTE_STEPS:
            dialog, step = NOTE_STEPS[action]
            note = dialog.ask(self)
            return None if note is None else _step(d, me, step, note)
        return getattr(self, "_call_" + action)(d, me)

    def _call_transfer(self, d: CaseDetail, me: int) -> Call | None:
        h = dialogs.TransferDialog.ask(self, self.session)
        return None if h is None else _step(d, me, workflow.transfer, h.department_id,
                                            h.staff_id, h.note)

    def _call_assign(self, d: CaseDetail, me: int) -> Call | None:
        h = dialogs.AssignDialog.ask(self, self.session)
        return None if h is None or h.staff_id is None else _step(
            d, me, workflow.assign, h.staff_id, h.note)

    def _call_leader_assign(self, d: CaseDetail, me: int) -> Call | None:
        h = dialogs.LeaderAssignDialog.ask(self, self.session, d.department_id)
        return None if h is None else _step(d, me, workflow.leader_assign, h.department_id,
                                            h.staff_id, h.note)

    def _call_request_materials(self, d: CaseDetail, me: int) -> Call | None:
        missing = [m.name for m in d.materials if not m.received]
        names = list(dict.fromkeys([*missing, *(m.name for m in d.item.materials)] if d.item
                                   else missing))
        answer = dialogs.MaterialsRequestDialog.ask(self, names, set(missing))
        return None if answer is None else _step(d, me, workflow.request_materials, *answer)

    def _call_contact(self, d: CaseDetail, me: int) -> Call | None:
        answer = dialogs.ContactDialog.ask(self, self.session.lang)
        return None if answer is None else _step(d, me, workflow.contact_visitor, *answer)

    def _call_request_extension(self, d: CaseDetail, me: int) -> Call | None:
        answer = dialogs.ExtensionDialog.ask(self, d.due_at)
        return None if answer is None else _step(d, me, workflow.request_extension, *answer)

    def _call_decide_extension(self, d: CaseDetail, me: int) -> Call | None:
        requested, reason = open_extension_request(d) or (None, "")
        answer = dialogs.ExtensionDecisionDialog.ask(self, requested, reason)
        return None if answer is None else _step(d, me, workflow.decide_extension, *answer)

    def _call_resolve(self, d: CaseDetail, me: int) -> Call | None:
        result = dialogs.ResolveDialog.ask(self, d.result)
        return None if result is None else _step(d, me, workflow.resolve, result)

    def _call_notify(self, d: CaseDetail, me: int) -> Call | None:
        answer = dialogs.NotifyDialog.ask(self, self.session.lang)
        return None if answer is None else _step(d, me, workflow.notify_result, *answer)

    def _call_evaluate(self, d: CaseDetail, me: int) -> Call | None:
        answer = dialogs.EvaluateDialog.ask(self, self.session.lang)
        return None if answer is None else _step(d, me, evaluate, *answer)

    def _call_refer(self, d: CaseDetail, me: int) -> Call | None:
        answer = dialogs.ReferDialog.ask(self)
        return None if answer is None else _step(d, me, workflow.refer, *answer)

    def _call_follow_up(self, d: CaseDetail, me: int) -> Call | None:
        answer = dialogs.FollowUpDialog.ask(self)
        return None if answer is None else _step(d, me, follow_up_case, answer[1], answer[0])


# The steps that need nothing more, and those that ask one text (a reason, a note) first.
PLAIN_STEPS: dict[str, Callable[..., Any]] = {
    "accept": workflow.accept, "take": workflow.take,
    "supply_materials": workflow.supply_materials, "close": workflow.close,
}
NOTE_STEPS: dict[str, tuple[type[dialogs.TextDialog], Callable[..., Any]]] = {
    "return": (dialogs.ReturnDialog, workflow.return_case),
    "escalate": (dialogs.EscalateDialog, workflow.escalate),
    "urge": (dialogs.UrgeDialog, workflow.urge),
    "record_visit": (dialogs.VisitDialog, workflow.record_visit),
    "verify_hazard": (dialogs.VerifyHazardDialog, workflow.verify_hazard),
}


def _step(d: CaseDetail, me: int, step: Callable[..., Any], *args: Any) -> Call:
    """`step` by `me` on the case as this pane shows it (core refuses it if the case changed)."""
    return lambda: step(me, d.id, *args, expected_version=d.version)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
