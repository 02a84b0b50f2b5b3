"""事项办理记录: the full, never-edited timeline of one case, printed for audits."""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable

from core.errors import Term
from core.printing.paper import HistoryData
from documents.blocks import DocumentRenderer
from documents.layout import esc, fmt_datetime

AUDIT_NOTE = Term("本记录由系统根据事项办理过程自动生成，记录一经写入不可修改。",
                  "The program wrote this record as the case was handled; no entry can be "
                  "changed once written.")


class HistoryRenderer(DocumentRenderer[HistoryData]):
    """Renders a `HistoryData` as a 事项办理记录."""

    title = "事项办理记录"
    title_en = "Case history"

    def story(self, data: HistoryData) -> list[Flowable]:
        say = self.say
        story: list[Flowable] = [*self.header(data.org)]
        story.append(
            self.field_grid(
                [
                    (say("事项编号", "Case number"), data.case_number),
                    (say("当前状态", "Status"), data.status),
                    (say("办事人", "Visitor"), data.visitor_name or say("（匿名）", "(anonymous)")),
                    (say("打印时间", "Printed"), fmt_datetime(data.printed_at)),
                    (say("事项", "Matter"), data.subject, True),
                ]
            )
        )
        story.append(self.p(say(f"办理过程（共 {len(data.events)} 条）",
                                f"History ({len(data.events)} entries)"), "section"))
        if data.events:
            story.append(self._events_table(data))
        else:
            story.append(self.p(say("（暂无记录）", "(nothing recorded)")))
        story.append(self.spacer(2))
        story.append(self.p(AUDIT_NOTE.text(self.lang), "small"))
        story.append(self.signatures((say("核对人签名", "Checked by"),)))
        return story

    def _events_table(self, data: HistoryData) -> Flowable:
        rows: list[list[str | Flowable]] = []
        if self.page.roll:
            for number, event in enumerate(data.events, 1):
                when = f"{fmt_datetime(event.at)}<br/>{esc(event.actor)}"
                what = f"{esc(event.action)}"
                if event.detail:
                    what += (
                        f"<br/><font size='{self.page.font_size - 1}'>{esc(event.detail)}</font>"
                    )
                rows.append(
                    [
                        str(number),
                        self.p(when, "cell", markup=True),
                        self.p(what, "cell", markup=True),
                    ]
                )
            return self.data_table(
                (self.say("序号", "No."), self.say("时间 / 操作人", "When / who"),
                 self.say("操作 / 说明", "Step / details")), rows, (0.1, 0.36, 0.54), centered=(0,)
            )
        for number, event in enumerate(data.events, 1):
            rows.append(
                [str(number), fmt_datetime(event.at), event.actor, event.action, event.detail]
            )
        return self.data_table(
            (self.say("序号", "No."), self.say("时间", "When"), self.say("操作人", "Who"),
             self.say("操作", "Step"), self.say("说明", "Details")),
            rows,
            (0.07, 0.2, 0.14, 0.1, 0.49),
            centered=(0, 3),
        )


def render(data: HistoryData, fmt: str = "a4", *, created: datetime | None = None) -> bytes:
    """The 事项办理记录 for `data` as PDF bytes in format `fmt`."""
    return HistoryRenderer(fmt, data.lang).generate(data, created)
