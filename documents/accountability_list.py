"""首问责任制责任追究清单: one month's violations and commendations, department by department."""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether

from core.printing.report_paper import AccountabilityListData, DepartmentAccountability, ReportTable
from documents.layout import fmt_datetime
from documents.monthly_report import ReportTables

TITLE = "首问责任制责任追究清单"
PENDING_NOTE = ("“待审核”为系统根据办理记录自动发现、尚待部门负责人或分管领导审核的情形，"
                "审核确认前不作为处理依据{listed}；经审核撤销的情形不列入本清单。")


def _short(value: datetime | None) -> str:
    """`11-26 09:30`: the year is the report's."""
    return fmt_datetime(value)[5:] if value else "—"


class AccountabilityListRenderer(ReportTables[AccountabilityListData]):
    """Renders an `AccountabilityListData`; each department starts a section of its own."""

    title = TITLE

    def story(self, data: AccountabilityListData) -> list[Flowable]:
        confirmed = sum(d.confirmed for d in data.departments)
        pending = sum(d.pending for d in data.departments)
        praised = sum(len(d.commendations) for d in data.departments)
        story = self.report_opening(
            data, ("汇总", f"已确认 {confirmed} 条，待审核 {pending} 条，表扬 {praised} 条"))
        story += self.section(1, "汇总")
        story += self.report_table(self._summary(data), titled=False)
        for number, dep in enumerate(data.departments, start=2):
            story += self.section(
                number, f"{dep.department}（已确认 {dep.confirmed} 条，待审核 {dep.pending} 条，"
                        f"表扬 {len(dep.commendations)} 条）")
            story += self.report_table(self._violations(dep))
            story += self.report_table(self._commendations(dep))
        listed = "" if data.lists_pending else "，本清单只列出条数"
        story.append(self.p(PENDING_NOTE.format(listed=listed), "small"))
        if data.dismissed:
            story.append(self.p(f"本期另有 {data.dismissed} 条经审核撤销的情形未列入。", "small"))
        story.append(KeepTogether([self.signatures(("部门负责人", "分管领导"))]))
        return story

    def _summary(self, data: AccountabilityListData) -> ReportTable:
        rows = [(d.department, str(d.confirmed), str(d.pending), str(len(d.commendations)))
                for d in data.departments]
        total = (("合计", str(sum(d.confirmed for d in data.departments)),
                  str(sum(d.pending for d in data.departments)),
                  str(sum(len(d.commendations) for d in data.departments))),)
        return ReportTable("汇总", ("部门", "已确认", "待审核", "表扬"), tuple(rows) + total,
                           (0.46, 0.18, 0.18, 0.18), centered=(1, 2, 3), total_row=True)

    def _violations(self, dep: DepartmentAccountability) -> ReportTable:
        rows = tuple(
            (str(n), v.staff, v.rule, v.case_number or "—", _short(v.occurred_at), v.evidence,
             v.sanction if v.status == "已确认" else "待审核")
            for n, v in enumerate(dep.violations, 1))
        empty = "本期无已确认的责任追究记录。"
        if dep.pending and not dep.violations:
            empty += f"另有 {dep.pending} 条待审核。"
        return ReportTable("责任追究", ("序号", "责任人", "情形", "事项编号", "发生时间", "情况",
                                     "处理"),
                           rows, (0.06, 0.09, 0.16, 0.16, 0.14, 0.28, 0.11), centered=(0, 4),
                           empty_text=empty)

    def _commendations(self, dep: DepartmentAccountability) -> ReportTable:
        rows = tuple((str(n), c.staff, c.case_number or "—", _short(c.at), c.note)
                     for n, c in enumerate(dep.commendations, 1))
        return ReportTable("表扬", ("序号", "受表扬人", "事项编号", "时间", "事迹"), rows,
                           (0.06, 0.12, 0.18, 0.14, 0.5), centered=(0, 3),
                           empty_text="本期无表扬记录。")


def render(data: AccountabilityListData, fmt: str = "a4", *, created: datetime | None = None) -> bytes:
    """The accountability list for `data` as PDF bytes."""
    return AccountabilityListRenderer(fmt).generate(data, created)
