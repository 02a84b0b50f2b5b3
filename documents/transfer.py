"""转办单: a case handed to another department, with lines for the receiver to sign (签收)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from core.errors import Term
from core.printing.paper import TransferData
from documents.blocks import DocumentRenderer
from documents.layout import LINE, fmt_datetime
from documents.tables import FILL_IN

RULES = Term(
    "接收部门应在签收期限内签收，并在规定时间内与办事人取得联系；"
    "如认为不属本部门职责，应在签收期限内退回并写明理由，不得推诿。",
    "The receiving department accepts the case by the acceptance deadline and contacts the "
    "visitor in the time set. If the matter is not its duty, it returns the case by that "
    "deadline, giving the reason; it may not pass the visitor on.")


class TransferRenderer(DocumentRenderer[TransferData]):
    """Renders a `TransferData` as a 转办单."""

    title = "转办单"
    title_en = "Transfer slip"

    def story(self, data: TransferData) -> list[Flowable]:
        say, lang = self.say, self.lang
        by_rule = say("按规定时限", "Within the set time")
        story = self.case_opening(data.org, data.case_number)
        story.append(self.p(say("一、事项情况", "1. The case"), "section"))
        story.append(
            self.field_grid(
                [
                    (say("登记时间", "Registered"), fmt_datetime(data.registered_at)),
                    (say("办事人", "Visitor"), data.visitor_name or say("（匿名）", "(anonymous)")),
                    (say("联系电话", "Phone"), data.visitor_phone_masked or "—"),
                    (say("事项", "Matter"), data.subject, True),
                ]
            )
        )
        story.append(self.spacer(1))
        story.append(self.p(self.colon(say("事项描述", "Description")), "label"))
        story.append(self.p(data.description or "—"))
        story.append(self.p(say("二、转办信息", "2. The transfer"), "section"))
        story.append(
            self.field_grid(
                [
                    (say("转出部门", "From department"), data.from_department),
                    (say("转出人", "Sent by"), data.from_staff),
                    (say("接收部门", "To department"), data.to_department),
                    (say("接收人", "Receiver"),
                     data.to_staff or say("（部门负责人指定）", "(named by the head)")),
                    (say("转办时间", "Transferred"),
                     fmt_datetime(data.transferred_at, weekday=True, lang=lang)),
                    (say("签收期限", "Accept by"),
                     fmt_datetime(data.accept_by, weekday=True, empty=by_rule, lang=lang)),
                    (say("办结期限", "Resolve by"),
                     fmt_datetime(data.due_at, weekday=True, empty=by_rule, lang=lang), True),
                    (say("转办说明", "Note"), data.note or "—", True),
                ]
            )
        )
        story.append(self.signatures((say("转出人签名", "Sender"),), dated=False))
        story.append(self.spacer(1))
        story.append(self.p(RULES.text(lang), "small"))
        story.append(
            KeepTogether(
                [
                    self.p(say("三、签收 / 退回（接收部门填写）",
                               "3. Accept / return (the receiving department fills in)"),
                           "section"),
                    *self._receiver_lines(),
                ]
            )
        )
        return story

    def _receiver_lines(self) -> list[Flowable]:
        """Tick boxes for accept/return, the reason line and the 签收 signature lines."""
        say = self.say
        choice = self.p(
            self.checkboxes(say("签收，由本部门办理", "Accepted: this department handles it"),
                            say("退回（不属本部门职责）", "Returned (not this department's duty)")),
            markup=True,
        )
        reason_rows: list[list[Any]] = [[self.p(self.colon(say("退回理由", "Reason")), "cell"),
                                         ""], ["", ""]]
        label_w = self.page.label_width + 4 * mm
        reason = self.table(
            reason_rows,
            [label_w, self.width - label_w],
            [
                *FILL_IN,
                ("LINEBELOW", (1, 0), (1, 0), LINE, colors.black),
                ("LINEBELOW", (0, 1), (1, 1), LINE, colors.black),
            ],
            hAlign="LEFT",
        )
        lines = (say("签收人签名", "Accepted by"), say("签收时间", "Accepted at"),
                 say("联系办事人时间", "Visitor contacted"), say("联系方式", "Contacted how"))
        return [choice, reason, self.signatures(lines, dated=False)]


def render(data: TransferData, fmt: str = "a4", *, created: datetime | None = None) -> bytes:
    """The 转办单 for `data` as PDF bytes in format `fmt`."""
    return TransferRenderer(fmt, data.lang).generate(data, created)
