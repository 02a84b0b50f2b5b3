"""安全隐患报告单: a reported hazard, with the supervisor's 24-hour verification section."""

from __future__ import annotations

from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from core.printing.paper import HazardData
from documents.blocks import DocumentRenderer
from documents.layout import LINE, fmt_datetime
from documents.tables import FILL_IN

VERIFY_RULE = "安全首问：直接主管须在接报后24小时内到场核实，并记录核实结果和处置措施。"
BLANK_LINES = 3


class HazardRenderer(DocumentRenderer[HazardData]):
    """Renders a `HazardData` as a 安全隐患报告单."""

    title = "安全隐患报告单"

    def story(self, data: HazardData) -> list[Flowable]:
        story = self.case_opening(data.org, data.case_number)
        story.append(self.p("一、报告情况", "section"))
        story.append(
            self.field_grid(
                [
                    ("报告人", data.reporter or "（匿名）"),
                    ("联系电话", data.reporter_phone_masked or "—"),
                    ("报告时间", fmt_datetime(data.reported_at, weekday=True)),
                    ("直接主管", data.supervisor),
                    ("隐患地点", data.location, True),
                ]
            )
        )
        story.append(self.spacer(1))
        story.append(self.p("隐患描述：", "label"))
        story.append(self.p(data.description or "—"))
        deadline = fmt_datetime(data.verify_by, weekday=True)
        story.append(self.boxed(f"※ 24小时内核实：请于 {deadline} 前完成核实"))
        story.append(self.p(VERIFY_RULE, "small"))
        story.append(
            KeepTogether(
                [
                    self.p("二、核实情况（直接主管填写）", "section"),
                    self._verify_lines(),
                ]
            )
        )
        story.append(
            KeepTogether(
                [
                    self.p("三、处置措施", "section"),
                    self._blank_lines(BLANK_LINES),
                    self.signatures(("核实人签名", "报告人确认")),
                ]
            )
        )
        return story

    def _verify_lines(self) -> Flowable:
        """核实人 / 核实时间 / 核实结果 with lines to write on."""
        roll = self.page.roll
        label_w = self.page.label_width + 4 * mm
        rows: list[list[object]] = []
        if roll:
            for label in ("核实人", "核实时间"):
                rows.append([self.p(f"{label}：", "cell"), ""])
        else:
            rows.append([self.p("核实人：", "cell"), "", self.p("核实时间：", "cell"), ""])
        rows.append(
            [self.p(self.checkboxes("情况属实", "已当场消除", "不属实"), "cell", markup=True)]
        )
        rows[-1] += [""] * (len(rows[0]) - 1)
        rows.append([self.p("核实结果：", "cell")] + [""] * (len(rows[0]) - 1))
        if roll:
            widths = [label_w, self.width - label_w]
        else:
            half = self.width / 2
            widths = [label_w, half - label_w, label_w, half - label_w]
        last = len(widths) - 1
        style: list[tuple[object, ...]] = [
            *FILL_IN,
            ("SPAN", (0, -2), (-1, -2)),
            ("SPAN", (1, -1), (-1, -1)),
            ("LINEBELOW", (1, -1), (-1, -1), LINE, colors.black),
        ]
        for r in range(len(rows) - 2):
            for c in range(1, last + 1, 2):
                style.append(("LINEBELOW", (c, r), (c, r), LINE, colors.black))
        return self.table(rows, widths, style, hAlign="LEFT")

    def _blank_lines(self, count: int) -> Flowable:
        rows: list[list[object]] = [[""] for _ in range(count)]
        return self.table(
            rows,
            [self.width],
            [
                ("LINEBELOW", (0, 0), (-1, -1), LINE, colors.black),
            ],
            rowHeights=[7 * mm] * count,
            hAlign="LEFT",
        )


def render(data: HazardData, fmt: str = "a4", *, created: datetime | None = None) -> bytes:
    """The 安全隐患报告单 for `data` as PDF bytes in format `fmt`."""
    return HazardRenderer(fmt).generate(data, created)
