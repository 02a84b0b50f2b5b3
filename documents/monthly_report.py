"""首问责任制落实情况月报: headline figures and the supervision tables of one month."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table

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

    def document_title(self, data: R) -> str:
        return f"{data.period}{self.title}"

    def report_opening(self, data: R, *fields: Field) -> list[Flowable]:
        """The header titled with the period, then the period, the scope, when the report was
        made and `fields` in a grid."""
        return [*self.header(data.org, f"{self.title}（{data.period}）"), self.field_grid([
            ("统计期间", data.period),
            ("统计范围", data.scope),
            ("生成时间", fmt_datetime(data.generated_at)),
            *fields,
        ])]

    def section(self, number: int, title: str) -> list[Flowable]:
        """A numbered heading; it starts a new page rather than end one with no room below."""
        heading = f"{chinese_number(number)}、{title}"
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

    def story(self, data: MonthlyReportData) -> list[Flowable]:
        at = fmt_datetime(data.generated_at)
        story = self.report_opening(data, ("统计对象", f"本期登记的事项（状态截至 {at}）"))
        if data.audit_head:  # kept on paper, so the audit log can be checked against it
            story.append(self.p(f"审计日志链头：{data.audit_head}", "small"))
        for warning in data.warnings:
            story.append(self.boxed(f"※ {warning}"))
        story += self.section(1, f"本期主要指标（统计期间 {data.period}）")
        story.append(self._figures(data.figures))
        number = 2
        for table in data.tables:
            story += self.section(number, table.title)
            story += self.report_table(table, titled=False)
            number += 1
        if data.current or data.current_tables:
            story += self.section(number, f"截至 {at} 的当前情况（不限登记期间）")
            if data.current:
                story.append(self._figures(data.current))
            for table in data.current_tables:
                story += self.report_table(table)
        if data.definitions:
            block: list[Flowable] = [self.p("统计口径", "section")]
            block += [self.p(f"{n}. {text}", "small") for n, text in
                      enumerate(data.definitions, 1)]
            story.append(KeepTogether(block))
        story.append(self.signatures(("填报人", "审核人")))
        return story

    def _figures(self, figures: tuple[Figure, ...]) -> Table:
        items: list[Field] = [
            (f.label, f"{f.value}（{f.note}）" if f.note else f.value) for f in figures
        ]
        return self.field_grid(items)


def render(data: MonthlyReportData, fmt: str = "a4", *, created: datetime | None = None) -> bytes:
    """The monthly report for `data` as PDF bytes (A4 or A5; tables wrap onto more pages)."""
    return MonthlyReportRenderer(fmt).generate(data, created)
