"""首问责任制落实情况月报: headline figures and the supervision tables of one month."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table

from core.errors import Term
from core.printing.report_paper import (
    AccountabilityListData,
    Figure,
    MonthlyReportData,
    ReportTable,
)
from documents.blocks import DocumentRenderer
from documents.layout import BOX_SHADE, fmt_datetime
from documents.tables import Field

TITLE = "首问责任制落实情况月报"
TITLE_TERM = Term(TITLE, "First-inquiry responsibility: monthly report")
SECTION_ROOM = 45 * mm
"""Room a section heading needs below it (a table's title, head and a few rows)."""
TABLE_ROOM = 30 * mm
"""Room a table's title needs below it; less than SECTION_ROOM, so a heading keeps its table."""
DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """一 … 九十九, as section numbers are written (十一, 二十, 二十三)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")

R = TypeVar("R", MonthlyReportData, AccountabilityListData)


class ReportTables(DocumentRenderer[R], Generic[R]):
    """Shared by both reports: a numbered section heading and a `ReportTable`."""

    def numbered_section(self, number: int, title: str) -> list[Flowable]:
        """A numbered heading; it starts a new page rather than end one with no room below."""
        heading = self.say(f"{chinese_number(number)}、{title}", f"{number}. {title}")
        return [CondPageBreak(SECTION_ROOM), self.p(heading, "section")]

    def report_table(self, table: ReportTable, *, titled: bool = True) -> list[Flowable]:
        """The table with its title and note; a title never ends a page alone."""
        flow: list[Flowable] = []
        if titled and table.title:
            flow += [CondPageBreak(TABLE_ROOM if table.rows else 12 * mm),
                     self.p(table.title, "label")]
        if not table.rows:
            flow.append(self.p(table.empty_text, "body"))
        else:
            grid = self.data_table(table.head, [list(r) for r in table.rows], table.fractions,
                                   centered=table.centered)
            if table.total_row:
                last = len(table.rows)
                grid.setStyle([("BACKGROUND", (0, last), (-1, last), BOX_SHADE)])
            flow.append(grid)
        if table.note:
            flow.append(self.p(table.note, "small"))
        flow.append(self.spacer(2))
        return flow


class MonthlyReportRenderer(ReportTables[MonthlyReportData]):
    """Renders a `MonthlyReportData` as the monthly supervision report."""

    title = TITLE
    title_en = TITLE_TERM.en

    def document_title(self, data: MonthlyReportData) -> str:
        return self.say(f"{data.period}{TITLE}", f"{TITLE_TERM.en}, {data.period}")

    def story(self, data: MonthlyReportData) -> list[Flowable]:
        say = self.say
        story: list[Flowable] = [*self.header(data.org, say(f"{TITLE}（{data.period}）",
                                                             f"{TITLE_TERM.en} ({data.period})"))]
        at = fmt_datetime(data.generated_at)
        story.append(self.field_grid([
            (say("统计期间", "Period"), data.period),
            (say("统计范围", "Scope"), data.scope),
            (say("生成时间", "Made"), at),
            (say("统计对象", "Counts"), say(f"本期登记的事项（状态截至 {at}）",
                                          f"cases registered in the period (status as of {at})")),
        ]))
        if data.audit_head:  # kept on paper, so the audit log can be checked against it
            story.append(self.p(self.colon(say("审计日志链头", "Audit log head")) + data.audit_head,
                                "small"))
        for warning in data.warnings:
            story.append(self.boxed(f"※ {warning}"))
        story += self.numbered_section(1, say(f"本期主要指标（统计期间 {data.period}）",
                                     f"Figures of the period ({data.period})"))
        story.append(self._figures(data.figures))
        number = 2
        for table in data.tables:
            story += self.numbered_section(number, table.title)
            story += self.report_table(table, titled=False)
            number += 1
        if data.current or data.current_tables:
            story += self.numbered_section(number, say(f"截至 {at} 的当前情况（不限登记期间）",
                                              f"As of {at} (all open cases, whenever registered)"))
            if data.current:
                story.append(self._figures(data.current))
            for table in data.current_tables:
                story += self.report_table(table)
        if data.definitions:
            block: list[Flowable] = [self.p(say("统计口径", "Definitions"), "section")]
            block += [self.p(f"{n}. {text}", "small") for n, text in
                      enumerate(data.definitions, 1)]
            story.append(KeepTogether(block))
        story.append(self.signatures((say("填报人", "Prepared by"), say("审核人", "Checked by"))))
        return story

    def _figures(self, figures: tuple[Figure, ...]) -> Table:
        items: list[Field] = [
            (f.label, self.say(f"{f.value}（{f.note}）", f"{f.value} ({f.note})") if f.note
             else f.value) for f in figures
        ]
        return self.field_grid(items)


def render(data: MonthlyReportData, fmt: str = "a4", *, created: datetime | None = None) -> bytes:
    """The monthly report for `data` as PDF bytes (A4 or A5; tables wrap onto more pages)."""
    return MonthlyReportRenderer(fmt, data.lang).generate(data, created)
