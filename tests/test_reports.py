"""The monthly report and the monthly accountability list: the plain data built from the
hand-made month, the PDFs (text, pages, font) and the accountability list's .xlsx export."""

from __future__ import annotations

import io
import re
from datetime import datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bench import report_samples
from core.errors import DomainError
from core.exports import export_tables
from core.supervision import accountability as acc
from core.supervision.reports import (
    accountability_data,
    accountability_paper,
    accountability_tables,
    monthly_report_data,
    monthly_report_paper,
)
from core.supervision.statistics import Period, department_stats
from documents import accountability_list, monthly_report
from documents.render import render
from models.tables import Violation
from tests.month_data import NOW, build_month

NOVEMBER = Period.month("2026-11")


def pdf_text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))


def pages(pdf: bytes) -> list[tuple[float, float]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def month(org, clock):
    return build_month(org, clock)


@pytest.fixture
def reviewed(month, org, clock):
    """Three candidates (one confirmed, one pending, one dismissed), an upheld complaint and a
    commendation in November, and one violation in October that must not appear."""
    refs = month

    def candidate(staff: int, case: str, rule: str, when: datetime) -> int:
        return Violation.create(staff=staff, case=refs[case].id, rule=rule, source="detected",
                                status="candidate", evidence=f"{rule} 证据",
                                occurred_at=when).id

    confirmed = candidate(org.handler2, "B", "overdue", datetime(2026, 11, 26, 17, 30))
    candidate(org.clerk, "D", "late_transfer", datetime(2026, 11, 24, 12, 0))
    dismissed = candidate(org.clerk2, "E", "overdue", datetime(2026, 11, 30, 17, 30))
    candidate(org.handler, "A", "late_accept", datetime(2026, 10, 15, 10, 0))
    acc.confirm(org.head, confirmed, "education", "首次超期")
    acc.dismiss(org.leader, dismissed, "空调配件缺货，情有可原")
    clock.set(datetime(2026, 11, 30, 16, 0))
    acc.record_complaint(org.leader, org.clerk, "forbidden_phrase", "对办事人说“不归我管”",
                         "circular", refs["C"].id)
    acc.commend(org.leader, org.handler, "主动延时服务，群众送锦旗", refs["A"].id)
    clock.set(NOW)
    return refs


def test_monthly_report_data_carries_the_hand_computed_figures(month):
    data = monthly_report_data(department_stats(NOVEMBER, actor_id=None))
    figures = {f.label: (f.value, f.note) for f in data.figures}
    assert figures["登记事项"] == ("8 件", "")
    assert figures["按时办结率"] == ("75.0%", "3/4")
    # The period's block counts November's cases only (E); the current block every open
    # case as of now (E and H, registered in October) — never in one table.
    assert figures["本期登记·当前超期"] == ("1 件", "未办结 3 件")
    assert "当前超期" not in figures
    current = {f.label: f.value for f in data.current}
    assert current == {"当前超期": "2 件", "即将到期": "1 件"}
    assert figures["平均签收用时"] == ("130.0 工作分钟", "P90 240")
    assert figures["最多跑一次率"] == ("87.5%", "平均 1.12 次")
    assert figures["满意率"] == ("66.7%", "参评 3 件")
    titles = [t.title for t in data.tables]
    assert titles[:3] == ["按承办部门", "办理时效", "按类型"]
    deps = data.tables[0]
    assert deps.rows[-1] == ("合计", "8", "3", "4", "3", "1", "75.0%", "1")
    assert deps.total_row  # its last column agrees with the period's headline figure
    assert [t.title for t in data.current_tables] == [
        "截至 2026-12-01 14:00 的超期事项（不限登记期间）",
        "截至 2026-12-01 14:00 即将到期的事项（不限登记期间）"]
    assert {r[0] for r in data.current_tables[0].rows} == {month["E"].number, month["H"].number}
    assert any("2027年" in w for w in data.warnings)  # next year's schedule is not in yet


def test_monthly_report_pdf(month, org):
    pdf = render(monthly_report_paper(NOVEMBER, actor_id=org.leader))
    assert pdf.startswith(b"%PDF") and b"FontFile2" in pdf  # the CJK font is embedded
    assert set(pages(pdf)) == {(595, 842)}
    text = pdf_text(pdf)
    for expected in ("首问责任制落实情况月报（2026年11月）", "全部部门", "按时办结率", "75.0%",
                     "综合受理窗口", "市场监管窗口", month["H"].number, month["E"].number,
                     month["D"].number, "统计口径", "填报人", "第1页"):
        assert expected in text, expected
    a5 = render(monthly_report_paper(NOVEMBER, org.market, "a5", actor_id=None))
    assert set(pages(a5)) == {(420, 595)}
    assert "市场监管窗口" in pdf_text(a5) and month["H"].number not in pdf_text(a5)


def test_accountability_list_groups_by_department(reviewed, org):
    data = accountability_data(NOVEMBER, actor_id=None)
    assert [d.department for d in data.departments] == ["综合受理窗口", "市场监管窗口"]
    front, market = data.departments
    assert (front.confirmed, front.pending, len(front.commendations)) == (1, 1, 0)
    assert [(v.staff, v.rule, v.sanction) for v in front.violations] == [
        ("王五", "被投诉查实", "通报批评")]  # the pending one is counted, not listed
    assert [(v.staff, v.rule, v.sanction, v.case_number) for v in market.violations] == [
        ("孙七", "超期未办结", "批评教育", reviewed["B"].number)]
    assert [(c.staff, c.case_number) for c in market.commendations] == [
        ("李四", reviewed["A"].number)]
    assert data.dismissed == 1
    listed = accountability_data(NOVEMBER, include_pending=True, actor_id=None).departments[0]
    assert [(v.staff, v.status) for v in listed.violations] == [("王五", "待审核"),
                                                                ("王五", "已确认")]


def test_accountability_list_per_department_and_scope(reviewed, org):
    market = accountability_data(NOVEMBER, org.market, actor_id=None)
    assert [d.department for d in market.departments] == ["市场监管窗口"]
    assert market.scope == "市场监管窗口"
    assert accountability_data(NOVEMBER, actor_id=org.head).scope == "市场监管窗口"
    with pytest.raises(DomainError):
        accountability_data(NOVEMBER, org.front, actor_id=org.head)
    empty = accountability_data(NOVEMBER, org.tax, actor_id=None)
    assert [(d.department, d.violations, d.commendations) for d in empty.departments] == [
        ("税务窗口", (), ())]


def test_accountability_list_pdf(reviewed, org):
    pdf = render(accountability_paper(NOVEMBER, actor_id=None))
    text = pdf_text(pdf)
    for expected in ("首问责任制责任追究清单（2026年11月）", "已确认2条，待审核1条，表扬1条",
                     "孙七", "超期未办结", "批评教育", "通报批评", "不归我管", "主动延时服务",
                     "部门负责人", "分管领导", "另有1条经审核撤销"):
        assert expected in text, expected
    assert "空调配件缺货" not in text  # dismissed: not listed
    assert set(pages(pdf)) == {(595, 842)}


def test_accountability_list_export(reviewed, tmp_path):
    data = accountability_data(NOVEMBER, include_pending=True, actor_id=None)
    path = export_tables(accountability_tables(data), tmp_path / "acc.xlsx", actor_id=None)
    wb = load_workbook(path)
    assert wb.sheetnames == ["责任追究", "表扬"]
    rows = list(wb["责任追究"].iter_rows(min_row=4, values_only=True))
    assert [(r[0], r[1], r[6], r[7]) for r in rows] == [
        ("综合受理窗口", "王五", "待审核", None), ("综合受理窗口", "王五", "已确认", "通报批评"),
        ("市场监管窗口", "孙七", "已确认", "批评教育")]
    assert [c.value for c in wb["表扬"][3]] == ["部门", "受表扬人", "事项编号", "时间", "事迹"]


@pytest.mark.parametrize("fmt", ["a4", "a5"])
def test_renderers_on_sample_data_without_a_database(fmt):
    report = monthly_report.render(report_samples.sample_monthly_report(), fmt)
    listing = accountability_list.render(report_samples.sample_accountability_list(), fmt)
    assert len(pages(report)) >= 2  # long tables continue overleaf, headers repeated
    text = pdf_text(listing)
    assert "本期无已确认的责任追究记录。另有2条待审核。" in text
    assert text.count("序号") >= 3
