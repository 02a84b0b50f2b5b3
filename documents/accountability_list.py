"""首问责任制责任追究清单: one month's violations and commendations, department by department."""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether

from core.errors import Term
from core.printing.report_paper import (
    CONFIRMED,
    PENDING,
    AccountabilityListData,
    DepartmentAccountability,
    ReportTable,
)
from documents.layout import fmt_datetime
from documents.monthly_report import ReportTables

TITLE = "首问责任制责任追究清单"
TITLE_TERM = Term(TITLE, "First-inquiry responsibility: accountability list")
PENDING_NOTE = Term("“待审核”为系统根据办理记录自动发现、尚待部门负责人或分管领导审核的情形，"
                    "审核确认前不作为处理依据{listed}；经审核撤销的情形不列入本清单。",
                    "\"Pending review\" marks what the program found in the case records and a "
                    "department head or the leader in charge has not reviewed yet; it is no "
                    "ground for any sanction until confirmed{listed}. What a review dismissed "
                    "is not listed.")
ONLY_COUNTED = Term("，本清单只列出条数", " (this list gives their number only)")


def _short(value: datetime | None) -> str:
    """`11-26 09:30`: the year is the report's."""
    return fmt_datetime(value)[5:] if value else "—"


class AccountabilityListRenderer(ReportTables[AccountabilityListData]):
    """Renders an `AccountabilityListData`; each department starts a section of its own."""

    title = TITLE
    title_en = TITLE_TERM.en

    def document_title(self, data: AccountabilityListData) -> str:
        return self.say(f"{data.period}{TITLE}", f"{TITLE_TERM.en}, {data.period}")

    def counts(self, confirmed: int, pending: int, praised: int) -> str:
        return self.say(f"已确认 {confirmed} 条，待审核 {pending} 条，表扬 {praised} 条",
                        f"{confirmed} confirmed, {pending} pending review, {praised} commended")

    def story(self, data: AccountabilityListData) -> list[Flowable]:
        say = self.say
        story: list[Flowable] = [*self.header(data.org, say(f"{TITLE}（{data.period}）",
                                                             f"{TITLE_TERM.en} ({data.period})"))]
        confirmed = sum(d.confirmed for d in data.departments)
        pending = sum(d.pending for d in data.departments)
        praised = sum(len(d.commendations) for d in data.departments)
        story.append(self.field_grid([
            (say("统计期间", "Period"), data.period),
            (say("统计范围", "Scope"), data.scope),
            (say("生成时间", "Made"), fmt_datetime(data.generated_at)),
            (say("汇总", "Summary"), self.counts(confirmed, pending, praised)),
        ]))
        story += self.numbered_section(1, say("汇总", "Summary"))
        story += self.report_table(self._summary(data), titled=False)
        for number, dep in enumerate(data.departments, start=2):
            counts = self.counts(dep.confirmed, dep.pending, len(dep.commendations))
            story += self.numbered_section(number, say(f"{dep.department}（{counts}）",
                                              f"{dep.department} ({counts})"))
            story += self.report_table(self._violations(dep))
            story += self.report_table(self._commendations(dep))
        listed = "" if data.lists_pending else ONLY_COUNTED.text(self.lang)
        story.append(self.p(PENDING_NOTE.text(self.lang).format(listed=listed), "small"))
        if data.dismissed:
            story.append(self.p(say(f"本期另有 {data.dismissed} 条经审核撤销的情形未列入。",
                                    f"{data.dismissed} more dismissed on review are not listed."),
                                "small"))
        story.append(KeepTogether([self.signatures((say("部门负责人", "Department head"),
                                                    say("分管领导", "Leader in charge")))]))
        return story

    def _summary(self, data: AccountabilityListData) -> ReportTable:
        say = self.say
        rows = [(d.department, str(d.confirmed), str(d.pending), str(len(d.commendations)))
                for d in data.departments]
        total = ((say("合计", "Total"), str(sum(d.confirmed for d in data.departments)),
                  str(sum(d.pending for d in data.departments)),
                  str(sum(len(d.commendations) for d in data.departments))),)
        return ReportTable(say("汇总", "Summary"),
                           (say("部门", "Department"), CONFIRMED.text(self.lang),
                            PENDING.text(self.lang), say("表扬", "Commended")),
                           tuple(rows) + total, (0.46, 0.18, 0.18, 0.18), centered=(1, 2, 3),
                           total_row=True)

    def _violations(self, dep: DepartmentAccountability) -> ReportTable:
        say = self.say
        rows = tuple(
            (str(n), v.staff, v.rule, v.case_number or "—", _short(v.occurred_at), v.evidence,
             v.sanction if v.status in CONFIRMED else PENDING.text(self.lang))
            for n, v in enumerate(dep.violations, 1))
        empty = say("本期无已确认的责任追究记录。", "No confirmed violations in the period.")
        if dep.pending and not dep.violations:
            empty += say(f"另有 {dep.pending} 条待审核。", f" {dep.pending} pending review.")
        return ReportTable(say("责任追究", "Violations"),
                           (say("序号", "No."), say("责任人", "Staff"), say("情形", "What"),
                            say("事项编号", "Case"), say("发生时间", "When"),
                            say("情况", "Evidence"), say("处理", "Sanction")),
                           rows, (0.06, 0.09, 0.16, 0.16, 0.14, 0.28, 0.11), centered=(0, 4),
                           empty_text=empty)

    def _commendations(self, dep: DepartmentAccountability) -> ReportTable:
        say = self.say
        rows = tuple((str(n), c.staff, c.case_number or "—", _short(c.at), c.note)
                     for n, c in enumerate(dep.commendations, 1))
        return ReportTable(say("表扬", "Commendations"),
                           (say("序号", "No."), say("受表扬人", "Staff"), say("事项编号", "Case"),
                            say("时间", "When"), say("事迹", "For")), rows,
                           (0.06, 0.12, 0.18, 0.14, 0.5), centered=(0, 3),
                           empty_text=say("本期无表扬记录。", "No commendations in the period."))


def render(data: AccountabilityListData, fmt: str = "a4", *, created: datetime | None = None) -> bytes:
    """The accountability list for `data` as PDF bytes."""
    return AccountabilityListRenderer(fmt, data.lang).generate(data, created)
