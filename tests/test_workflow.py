"""The case lifecycle under the first-inquiry rules (docs/rules.md, rules 1–3 and 6): every transition
a clerk makes, and every transition the program must refuse."""

from __future__ import annotations

import pytest

from core.cases import workflow as wf
from core.cases.detail import case_detail
from core.cases.evaluation import evaluate, follow_up, open_rectifications
from core.cases.queries import CaseFilter, count_cases, fetch_rows
from core.dto import MaterialInput, Scope
from core.errors import ConflictError, DomainError
from core.vocab import (
    AWAITING,
    CLOSED,
    ESCALATED,
    IN_PROGRESS,
    NOTIFIED,
    REFERRED,
    REGISTERED,
    RESOLVED,
    RETURNED,
    TRANSFERRED,
)
from models.tables import Case, CaseEvent
from tests.helpers import make_item, walk_in


def events(case_id: int) -> list[str]:
    return [e.type for e in CaseEvent.select().where(CaseEvent.case == case_id).order_by(CaseEvent.id)]


def test_register_walk_in_gets_number_owner_and_history(org, clock):
    item = make_item(org.market)
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market), item_id=item.id,
                  materials=(MaterialInput("《变更登记申请书》", True, 1, 2),))
    assert ref.number == "20261126-0001"
    assert ref.status == TRANSFERRED
    d = case_detail(ref.id)
    assert d.first_owner == "王五"
    assert d.visitor_phone_masked == "138****8000"
    assert d.item is not None and d.item.version == 1
    assert [m.name for m in d.materials] == ["《变更登记申请书》"]
    assert events(ref.id) == ["registered", "transferred"]
    assert d.timeline[1].to_name == "市场监管窗口"


def test_case_numbers_run_per_day(org, clock):
    a = walk_in(org.clerk)
    b = walk_in(org.clerk)
    clock.advance(days=1)
    c = walk_in(org.clerk)
    assert (a.number, b.number, c.number) == ("20261126-0001", "20261126-0002", "20261127-0001")


def test_full_journey_transfer_accept_resolve_notify_close(org, clock):
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market))
    clock.advance(minutes=47)
    ref = wf.accept(org.handler, ref.id)
    assert ref.status == IN_PROGRESS
    d = case_detail(ref.id)
    assert d.handler == "李四" and d.department == "市场监管窗口"
    assert d.timeline[1].accepted_after_minutes == 47
    wf.contact_visitor(org.handler, ref.id, "phone", "已约定周五取件")
    wf.resolve(org.handler, ref.id, "已完成变更登记，新执照已打印")
    wf.notify_result(org.clerk, ref.id, "phone")  # the first owner may tell the visitor
    ref = wf.close(org.clerk, ref.id)
    assert ref.status == CLOSED
    assert events(ref.id) == ["registered", "transferred", "accepted", "contacted", "resolved",
                              "notified", "closed"]


def test_first_owner_keeps_seeing_and_can_urge_after_handover(org, clock):
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market))
    mine = fetch_rows(CaseFilter(mine=org.clerk), 0, 10)
    assert [r.id for r in mine] == [ref.id]
    wf.urge(org.clerk, ref.id, "请尽快签收")
    assert events(ref.id)[-1] == "urged"
    with pytest.raises(DomainError) as e:
        wf.urge(org.tax_handler, ref.id)
    assert e.value.code == "not_your_case"


def test_only_the_receiver_may_accept_and_others_are_refused(org, clock):
    ref = walk_in(org.clerk, Scope("assign", staff_id=org.clerk2))
    with pytest.raises(DomainError) as e:
        wf.accept(org.handler, ref.id)
    assert e.value.code == "not_your_case"
    assert "签收" in e.value.message()
    wf.accept(org.clerk2, ref.id)
    with pytest.raises(DomainError) as e:
        wf.accept(org.clerk2, ref.id)
    assert e.value.code == "bad_state"
    assert "办理中" in e.value.message() and "in progress" in e.value.message("en").lower()


def test_return_as_misrouted_goes_back_to_first_owner_with_reason(org, clock):
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.tax))
    with pytest.raises(DomainError) as e:
        wf.return_case(org.tax_handler, ref.id, "  ")
    assert e.value.code == "required"
    ref = wf.return_case(org.tax_handler, ref.id, "属市场监管窗口职责")
    assert ref.status == RETURNED
    assert fetch_rows(CaseFilter(mine=org.clerk), 0, 5)[0].status == RETURNED
    ref = wf.take(org.clerk, ref.id, "首问责任人自行办理")
    assert ref.status == IN_PROGRESS


def test_third_handover_goes_to_a_leader_automatically(org, clock):
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.tax))  # 1
    wf.return_case(org.tax_handler, ref.id, "不属本窗口")  # 2
    ref = wf.transfer(org.clerk, ref.id, org.market)  # 3 > limit 2 → leader
    assert ref.status == ESCALATED
    assert events(ref.id)[-1] == "auto_escalated"
    with pytest.raises(DomainError):
        wf.leader_assign(org.clerk, ref.id, org.market)
    ref = wf.leader_assign(org.leader, ref.id, org.market, org.handler, "由李四办理")
    assert ref.status == TRANSFERRED
    assert wf.accept(org.handler, ref.id).status == IN_PROGRESS


def test_escalate_unclear_scope_and_leader_assigns(org, clock):
    ref = walk_in(org.clerk, Scope("escalate"))
    assert ref.status == ESCALATED
    assert count_cases(CaseFilter(statuses=(ESCALATED,))) == 1
    ref = wf.leader_assign(org.leader, ref.id, org.tax)
    ref = wf.accept(org.tax_handler, ref.id)
    assert case_detail(ref.id).handler == "吴九"


def test_department_head_assigns_within_own_department_only(org, clock):
    ref = walk_in(org.clerk, Scope("escalate"))
    with pytest.raises(DomainError) as e:
        wf.leader_assign(org.head, ref.id, org.tax)
    assert e.value.code == "not_your_case"
    assert wf.leader_assign(org.head, ref.id, org.market, org.handler2).status == TRANSFERRED


def test_refer_outside_the_organisation_closes_with_the_place(org, clock):
    ref = walk_in(org.clerk, Scope("refer", place="市出入境管理局办证大厅", contact="0571-87654321"))
    assert ref.status == REFERRED
    d = case_detail(ref.id)
    assert d.referral_place == "市出入境管理局办证大厅"
    assert count_cases(CaseFilter()) == 0  # not in the open list
    with pytest.raises(DomainError):
        walk_in(org.clerk, Scope("refer", place=""))


def test_answered_on_the_spot_closes_at_once(org, clock):
    ref = walk_in(org.clerk, Scope("answered", result="告知需携带身份证原件到2号窗口"), kind="inquiry")
    assert ref.status == CLOSED
    assert case_detail(ref.id).result.startswith("告知需携带")


def test_register_later_when_responsible_person_unreachable(org, clock):
    ref = walk_in(org.clerk, Scope("later"))
    assert ref.status == REGISTERED
    assert wf.transfer(org.clerk, ref.id, org.market).status == TRANSFERRED


def test_anonymous_case_is_never_notified_and_closes_after_resolving(org, clock):
    ref = walk_in(org.clerk, Scope("own"), kind="report", anonymous=True, name="", phone="")
    d = case_detail(ref.id)
    assert d.anonymous and d.visitor_name == "" and d.visitor_phone == ""
    wf.resolve(org.clerk, ref.id, "已核查处理")
    with pytest.raises(DomainError) as e:
        wf.notify_result(org.clerk, ref.id, "phone")
    assert e.value.code == "anonymous_no_notify"
    assert wf.close(org.clerk, ref.id).status == CLOSED


def test_named_case_cannot_close_before_the_visitor_is_told(org, clock):
    ref = walk_in(org.clerk, Scope("own"))
    wf.resolve(org.clerk, ref.id, "已办结")
    with pytest.raises(DomainError) as e:
        wf.close(org.clerk, ref.id)
    assert e.value.code == "notify_first"
    wf.notify_result(org.clerk, ref.id, "sms")
    assert wf.close(org.clerk, ref.id).status == CLOSED


def test_refused_transitions_change_nothing(org, clock):
    ref = walk_in(org.clerk, Scope("own"))
    before = Case.get_by_id(ref.id).version
    refusals = [
        lambda: wf.accept(org.clerk, ref.id),
        lambda: wf.return_case(org.clerk, ref.id, "x"),
        lambda: wf.leader_assign(org.leader, ref.id, org.tax),
        lambda: wf.supply_materials(org.clerk, ref.id),
        lambda: wf.notify_result(org.clerk, ref.id, "phone"),
        lambda: wf.close(org.clerk, ref.id),
        lambda: wf.take(org.clerk, ref.id),
        lambda: wf.resolve(org.handler, ref.id, "不是我的"),
        lambda: wf.decide_extension(org.leader, ref.id, True),
        lambda: evaluate(org.clerk, ref.id, 5),
        lambda: wf.verify_hazard(org.safety, ref.id, "x"),
        lambda: wf.resolve(org.auditor, ref.id, "审计员不办理"),
    ]
    for attempt in refusals:
        with pytest.raises(DomainError):
            attempt()
    assert Case.get_by_id(ref.id).version == before
    assert events(ref.id) == ["registered", "taken"]


def test_stale_version_gets_conflict_not_overwrite(org, clock):
    ref = walk_in(org.clerk, Scope("own"))
    seen = ref.version
    wf.resolve(org.clerk, ref.id, "第一位办结", expected_version=seen)
    with pytest.raises(ConflictError) as e:
        wf.request_materials(org.clerk, ref.id, ["户口本"], expected_version=seen)
    assert "其他人修改" in e.value.message()
    assert case_detail(ref.id).result == "第一位办结"


def test_record_repeat_visit_counts_trips(org, clock):
    ref = walk_in(org.clerk, Scope("own"))
    wf.record_visit(org.clerk2, ref.id, "补交材料")
    assert case_detail(ref.id).visit_count == 2


def test_extension_needs_a_leader_and_moves_the_due_time(org, clock):
    item = make_item(org.market, days=3)
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id)
    old_due = case_detail(ref.id).due_at
    new_due = old_due.replace(day=old_due.day + 5)
    with pytest.raises(DomainError):
        wf.request_extension(org.clerk, ref.id, old_due, "需现场核验")  # not later
    wf.request_extension(org.clerk, ref.id, new_due, "需现场核验")
    with pytest.raises(DomainError) as e:
        wf.decide_extension(org.clerk, ref.id, True)
    assert e.value.code == "role_forbidden"
    wf.decide_extension(org.leader, ref.id, True, "同意")
    d = case_detail(ref.id)
    assert d.due_at == new_due and d.extended
    with pytest.raises(DomainError):
        wf.decide_extension(org.leader, ref.id, True)  # nothing left to decide


def test_poor_evaluation_opens_rectification_with_follow_up(org, clock):
    ref = walk_in(org.clerk, Scope("own"))
    wf.resolve(org.clerk, ref.id, "已办结")
    evaluate(org.clerk, ref.id, 2, "等待时间过长")
    with pytest.raises(DomainError) as e:
        evaluate(org.clerk, ref.id, 5)
    assert e.value.code == "already_evaluated"
    [rect] = open_rectifications()
    assert rect.case_number == ref.number
    # 15 working days from Thursday 2026-11-26: Thursday 2026-12-17, at office close.
    assert rect.due_at.date().isoformat() == "2026-12-17"
    follow_up(org.clerk, rect.id, "回访：已致歉并说明改进措施")
    assert open_rectifications() == []
    assert events(ref.id)[-2:] == ["rectification_opened", "follow_up"]


def test_good_evaluation_opens_nothing(org, clock):
    ref = walk_in(org.clerk, Scope("own"))
    wf.resolve(org.clerk, ref.id, "已办结")
    evaluate(org.clerk, ref.id, 5)
    assert open_rectifications() == []
    with pytest.raises(DomainError):
        evaluate(org.clerk, walk_in(org.clerk).id, 0)


def test_history_is_append_only(org, clock):
    ref = walk_in(org.clerk, Scope("own"))
    with pytest.raises(Exception, match="append-only"):
        CaseEvent.update(note="改写").where(CaseEvent.case == ref.id).execute()
    with pytest.raises(Exception, match="append-only"):
        CaseEvent.delete().where(CaseEvent.case == ref.id).execute()


def test_deactivated_staff_cannot_act(org, clock):
    from core.admin.staff import set_active

    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market))
    set_active(org.admin, org.handler, False)
    with pytest.raises(DomainError) as e:
        wf.accept(org.handler, ref.id)
    assert e.value.code == "inactive_staff"


def test_awaiting_status_is_listed_but_not_overdue(org, clock):
    ref = walk_in(org.clerk, Scope("own"), kind="inquiry")
    wf.request_materials(org.clerk, ref.id, ["营业执照副本"])
    assert case_detail(ref.id).status == AWAITING
    clock.advance(days=30)
    assert count_cases(CaseFilter(overdue=True)) == 0
    assert count_cases(CaseFilter()) == 1


def test_resolved_then_notified_statuses(org, clock):
    ref = walk_in(org.clerk, Scope("own"))
    assert wf.resolve(org.clerk, ref.id, "完成").status == RESOLVED
    assert wf.notify_result(org.clerk, ref.id, "in_person").status == NOTIFIED


def test_search_finds_cases_by_number_phone_name_unit_and_words(org, clock):
    a = walk_in(org.clerk, subject="营业执照变更登记", phone="13800138000", name="张三")
    b = walk_in(org.clerk, subject="投诉窗口排队时间过长", phone="13912345678", name="李小红",
                kind="complaint")

    def found(text: str) -> list[int]:
        return sorted(r.id for r in fetch_rows(CaseFilter(scope="all", text=text), 0, 50))

    assert found(a.number) == [a.id]
    assert found("13912345678") == [b.id]
    assert found("1391234") == [b.id]
    assert found("李小") == [b.id]
    assert found("杭州某某") == sorted([a.id, b.id])
    assert found("执照") == [a.id]
    assert found("排队时间") == [b.id]
    assert found("李") == [b.id]  # one character: a surname
    assert found("队时") == [b.id]
    assert found("不存在的事") == []
