"""Every labelled box of a slip is filled where the case has the value (转出部门 from the
hand-over, 直接主管 from the department, 隐患地点 from the report's own field), and a demo
register prints every slip that applies to each of its cases, in every state; where a slip
does not apply, the refusal names what the case lacks."""

from __future__ import annotations

import io
import re
from collections import defaultdict

import pytest
from pypdf import PdfReader

import cli
from core.admin.demo import build_demo
from core.cases import workflow as wf
from core.cases.intake import register_case
from core.dto import IntakeForm, MaterialInput, Scope
from core.printing.slips import KINDS, SlipError, document_for
from core.vocab import REFERRED
from models.tables import Case, CaseEvent
from tests.helpers import DEMO_ADMIN, make_item, render_case, walk_in


def text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def boxes(case_id: int, kind: str, expected: dict[str, str], fmt: str = "a4") -> None:
    """Each label and the value it must show are both on the printed slip."""
    printed = text(render_case(case_id, kind, fmt))
    for label, value in expected.items():
        assert label in printed, (kind, label)
        assert re.sub(r"\s+", "", value) in printed, (kind, label, value)


@pytest.fixture
def item(org):
    return make_item(org.market, days=3)


def test_receipt_boxes(org, clock, item):
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id,
                  materials=(MaterialInput("《变更登记申请书》", True, 1, 3),))
    boxes(ref.id, "receipt", {"事项编号": ref.number, "办事人": "张三", "联系电话": "138****8000",
                              "单位": "杭州某某科技有限公司", "办理事项": "企业名称变更登记",
                              "经办人": "王五（1号窗口）", "收件时间": "2026-11-26",
                              "取件时间": "2026-12-02", "咨询电话": "0571-12345",
                              "承诺办结": "2026-12-01", "取件地点": "二楼B区",
                              "《变更登记申请书》": "3"})


def test_notice_and_supplement_boxes(org, clock, item):
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id)
    boxes(ref.id, "notice", {"办理事项": "企业名称变更登记", "承办部门": "市场监管窗口",
                             "办理地点": "二楼B区", "收费标准": "不收费",
                             "办理依据": "《市场主体登记管理条例》", "告知人": "王五"})
    wf.request_materials(org.clerk, ref.id, ["法定代表人身份证复印件"], "请补交复印件")
    boxes(ref.id, "supplement", {"法定代表人身份证复印件": "法定代表人身份证复印件",
                                 "请补交复印件": "请补交复印件", "告知人": "王五"})


def test_transfer_slip_names_the_sending_department(org, clock, item):
    """The clerk at 综合受理窗口 hands a 市场监管 item over: 转出部门 is the clerk's
    department (the case's department is already the receiver's)."""
    ref = walk_in(org.clerk, Scope("transfer", staff_id=org.handler), item_id=item.id)
    boxes(ref.id, "transfer", {"转出部门": "综合受理窗口", "转出人": "王五",
                               "接收部门": "市场监管窗口", "接收人": "李四",
                               "转办时间": "2026-11-26", "签收期限": "2026-11-2",
                               "办结期限": "2026-12-01", "办事人": "张三",
                               "联系电话": "138****8000"})
    [hand] = CaseEvent.select().where((CaseEvent.case == ref.id)
                                      & (CaseEvent.type == "transferred"))
    assert (hand.from_department_id, hand.to_department_id) == (org.front, org.market)


def test_referral_boxes(org, clock):
    ref = walk_in(org.clerk, Scope("refer", place="市出入境管理局办证大厅", contact="0571-87654321"))
    boxes(ref.id, "referral", {"承办单位及地点": "市出入境管理局办证大厅",
                               "联系方式": "0571-87654321", "首问责任人": "王五",
                               "受理窗口": "1号窗口", "告知时间": "2026-11-26"})


def hazard(org, scope: Scope, location: str = "主楼二楼东侧楼梯"):
    return register_case(org.clerk, IntakeForm(
        channel="visit", kind="hazard", subject="二楼楼梯扶手松动", visitor_name="张三",
        visitor_phone="13800138000", visitor_unit="杭州某某科技有限公司", location=location,
        scope=scope))


def test_hazard_report_location_and_direct_supervisor(org, clock):
    ref = hazard(org, Scope("transfer", department_id=org.market))
    boxes(ref.id, "hazard", {"隐患地点": "主楼二楼东侧楼梯", "直接主管": "周八",  # the head
                             "报告人": "张三", "报告时间": "2026-11-26"})
    assert "杭州某某科技有限公司" not in text(render_case(ref.id, "hazard", "a4"))
    # A safety office without a head: its safety officer verifies.
    office = hazard(org, Scope("transfer", department_id=org.safety_dep), "地下车库B区")
    boxes(office.id, "hazard", {"隐患地点": "地下车库B区", "直接主管": "钱安"})


def test_history_boxes(org, clock):
    ref = walk_in(org.clerk, Scope("own"))
    wf.resolve(org.clerk, ref.id, "已当场办结")
    boxes(ref.id, "history", {"事项编号": ref.number, "已当场办结": "已当场办结"})


@pytest.mark.parametrize(("kind", "scope", "words"), [
    ("transfer", Scope("own"), "没有转办或指派记录"),
    ("referral", Scope("own"), "没有登记告知去向"),
    ("hazard", Scope("own"), "不是安全隐患"),
    ("notice", Scope("own"), "没有选择办事事项"),
    ("supplement", Scope("own"), "没有补正告知记录"),
])
def test_a_slip_that_does_not_apply_says_what_the_case_lacks(org, clock, kind, scope, words):
    ref = walk_in(org.clerk, scope, kind="inquiry")
    with pytest.raises(SlipError) as e:
        render_case(ref.id, kind)
    message = e.value.message()
    assert words in message and ref.number in message
    assert "状态" not in message and "不能" not in message  # never blames the status
    assert e.value.message("en").startswith(f"Case {ref.number}")


def _applies(case: Case, types: set[str]) -> dict[str, bool]:
    return {"receipt": True, "history": True, "notice": case.service_item_id is not None,
            "supplement": "awaiting_materials" in types,
            "transfer": bool(types & {"transferred", "assigned", "safety_escalated"}),
            "referral": case.status == REFERRED, "hazard": case.kind == "hazard"}


@pytest.mark.slow  # a whole register swept, or pages decoded, or a wait across windows
def test_every_slip_prints_for_every_state_of_a_demo_register(db_target, clock):
    build_demo(400, seed=5)
    types: dict[int, set[str]] = defaultdict(set)
    for case_id, kind in CaseEvent.select(CaseEvent.case, CaseEvent.type).tuples():
        types[case_id].add(kind)
    sample: dict[tuple[str, str], int] = {}
    for case in Case.select():
        for kind, applies in _applies(case, types[case.id]).items():
            if applies:
                data = document_for(case.id, kind)  # never refused where the slip applies
                sample.setdefault((kind, case.status), case.id)
                if kind == "hazard":
                    assert data.location and data.supervisor, case.number
                if kind == "transfer":
                    assert data.from_department and data.to_department, case.number
                if kind == "referral":
                    assert data.place and data.contact, case.number
            else:
                with pytest.raises(SlipError):
                    document_for(case.id, kind)
    statuses = {status for _kind, status in sample}
    assert len(statuses) == 10  # every state is in the demo
    for kind in KINDS:
        assert any(k == kind for k, _s in sample), kind
    for (kind, _status), case_id in sample.items():  # and each renders on paper
        assert render_case(case_id, kind, "a5").startswith(b"%PDF")


@pytest.mark.slow  # a whole register swept, or pages decoded, or a wait across windows
def test_print_referral_works_for_every_referred_case_of_a_fresh_demo(db_target, clock,
                                                                     tmp_path, monkeypatch):
    for key, value in DEMO_ADMIN.items():
        monkeypatch.setenv(key, value)
    assert cli.main(["--db", db_target, "demo", "--cases", "600"]) == 0
    referred = [n for (n,) in Case.select(Case.number).where(Case.status == REFERRED).tuples()]
    assert len(referred) >= 5
    for number in referred:
        out = tmp_path / f"{number}.pdf"
        assert cli.main(["--db", db_target, "print", "referral", number, "--out", str(out)]) == 0
        printed = text(out.read_bytes())
        assert "告知去向单" in printed and number in printed and "联系方式：0" in printed
