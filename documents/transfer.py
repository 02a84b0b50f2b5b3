"""转办单: a case handed to another department, with lines for the receiver to sign (签收)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from core.printing.paper import TransferData
from documents.blocks import DocumentRenderer
from documents.layout import LINE, fmt_datetime
from documents.tables import FILL_IN

RULES = (
    "接收部门应在签收期限内签收，并在规定时间内与办事人取得联系；"
    "如认为不属本部门职责，应在签收期限内退回并写明理由，不得推诿。"
)


class TransferRenderer(DocumentRenderer[TransferData]):
    """Renders a `TransferData` as a 转办单."""

    title = "转办单"

    def story(self, data: TransferData) -> list[Flowable]:
        story = self.case_opening(data.org, data.case_number)
        story.append(self.p("一、事项情况", "section"))
        story.append(
            self.field_grid(
                [
                    ("登记时间", fmt_datetime(data.registered_at)),
                    ("办事人", data.visitor_name or "（匿名）"),
                    ("联系电话", data.visitor_phone_masked or "—"),
                    ("事项", data.subject, True),
                ]
            )
        )
        story.append(self.spacer(1))
        story.append(self.p("事项描述：", "label"))
        story.append(self.p(data.description or "—"))
        story.append(self.p("二、转办信息", "section"))
        story.append(
            self.field_grid(
                [
                    ("转出部门", data.from_department),
                    ("转出人", data.from_staff),
                    ("接收部门", data.to_department),
                    ("接收人", data.to_staff or "（部门负责人指定）"),
                    ("转办时间", fmt_datetime(data.transferred_at, weekday=True)),
                    ("签收期限", fmt_datetime(data.accept_by, weekday=True, empty="按规定时限")),
                    ("办结期限", fmt_datetime(data.due_at, weekday=True, empty="按规定时限"), True),
                    ("转办说明", data.note or "—", True),
                ]
            )
        )
        story.append(self.signatures(("转出人签名",), dated=False))
        story.append(self.spacer(1))
        story.append(self.p(RULES, "small"))
        story.append(
            KeepTogether(
                [
                    self.p("三、签收 / 退回（接收部门填写）", "section"),
                    *self._receiver_lines(),
                ]
            )
        )
        return story

    def _receiver_lines(self) -> list[Flowable]:
        """Tick boxes for accept/return, the reason line and the 签收 signature lines."""
        choice = self.p(
            self.checkboxes("签收，由本部门办理", "退回（不属本部门职责）"), markup=True
        )
        reason_rows: list[list[Any]] = [[self.p("退回理由：", "cell"), ""], ["", ""]]
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
        lines = ("签收人签名", "签收时间", "联系办事人时间", "联系方式")
        return [choice, reason, self.signatures(lines, dated=False)]


def render(data: TransferData, fmt: str = "a4", *, created: datetime | None = None) -> bytes:
    """The 转办单 for `data` as PDF bytes in format `fmt`."""
    return TransferRenderer(fmt).generate(data, created)
