"""安全隐患报告单: a reported hazard, with the supervisor's 24-hour verification section."""

from __future__ import annotations

from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from core.errors import Term
from core.printing.paper import HazardData
from documents.blocks import DocumentRenderer
from documents.layout import LINE, fmt_datetime
from documents.tables import FILL_IN

VERIFY_RULE = Term("安全首问：直接主管须在接报后24小时内到场核实，并记录核实结果和处置措施。",
                   "Safety first inquiry: the direct supervisor checks on site within 24 hours "
                   "of the report and records what was found and what was done.")
BLANK_LINES = 3


class HazardRenderer(DocumentRenderer[HazardData]):
    """Renders a `HazardData` as a 安全隐患报告单."""

    title = "安全隐患报告单"
    title_en = "Hazard report"

    def story(self, data: HazardData) -> list[Flowable]:
        say = self.say
        story = self.case_opening(data.org, data.case_number)
        story.append(self.p(say("一、报告情况", "1. The report"), "section"))
        story.append(
            self.field_grid(
                [
                    (say("报告人", "Reported by"), data.reporter or say("（匿名）", "(anonymous)")),
                    (say("联系电话", "Phone"), data.reporter_phone_masked or "—"),
                    (say("报告时间", "Reported"),
                     fmt_datetime(data.reported_at, weekday=True, lang=self.lang)),
                    (say("直接主管", "Supervisor"), data.supervisor),
                    (say("隐患地点", "Location"), data.location, True),
                ]
            )
        )
        story.append(self.spacer(1))
        story.append(self.p(self.colon(say("隐患描述", "Description")), "label"))
        story.append(self.p(data.description or "—"))
        deadline = fmt_datetime(data.verify_by, weekday=True, lang=self.lang)
        story.append(self.boxed(say(f"※ 24小时内核实：请于 {deadline} 前完成核实",
                                    f"※ Check within 24 hours: by {deadline}")))
        story.append(self.p(VERIFY_RULE.text(self.lang), "small"))
        story.append(
            KeepTogether(
                [
                    self.p(say("二、核实情况（直接主管填写）",
                               "2. Check (the direct supervisor fills in)"), "section"),
                    self._verify_lines(),
                ]
            )
        )
        story.append(
            KeepTogether(
                [
                    self.p(say("三、处置措施", "3. Action taken"), "section"),
                    self._blank_lines(BLANK_LINES),
                    self.signatures((say("核实人签名", "Checked by"),
                                     say("报告人确认", "Reporter"))),
                ]
            )
        )
        return story

    def _verify_lines(self) -> Flowable:
        """核实人 / 核实时间 / 核实结果 with lines to write on."""
        roll, say = self.page.roll, self.say
        label_w = self.page.label_width + 4 * mm
        who, when = self.colon(say("核实人", "Checked by")), self.colon(say("核实时间", "Checked at"))
        label_w = max(label_w, self.text_width(who) + 4, self.text_width(when) + 4)
        rows: list[list[object]] = []
        if roll:
            for label in (who, when):
                rows.append([self.p(label, "cell"), ""])
        else:
            rows.append([self.p(who, "cell"), "", self.p(when, "cell"), ""])
        rows.append(
            [self.p(self.checkboxes(say("情况属实", "Confirmed"),
                                    say("已当场消除", "Removed on the spot"),
                                    say("不属实", "Not confirmed")), "cell", markup=True)]
        )
        rows[-1] += [""] * (len(rows[0]) - 1)
        rows.append([self.p(self.colon(say("核实结果", "Finding")), "cell")]
                    + [""] * (len(rows[0]) - 1))
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
    return HazardRenderer(fmt, data.lang).generate(data, created)
