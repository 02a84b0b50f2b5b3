"""Rule 7: late hand-over, late acceptance, late contact, overdue and unnotified cases are found
in the history and put to a supervisor; complaints and commendations are recorded."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.cases import workflow as wf
from core.dto import Scope
from core.errors import DomainError
from core.supervision import accountability as acc
from models.tables import Commendation
from tests.helpers import make_item, walk_in

START = datetime(2026, 11, 1)


def rules_for(staff_id: int) -> set[str]:
    return {c.rule for c in acc.detect(START) if c.staff_id == staff_id}


def test_prompt_handling_has_no_violations(org, clock):
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market))
    clock.advance(minutes=30)
    wf.accept(org.handler, ref.id)
    wf.contact_visitor(org.handler, ref.id, "phone", "已联系")
    wf.resolve(org.handler, ref.id, "已办结")
    wf.notify_result(org.handler, ref.id, "phone")
    assert acc.detect(START) == []


def test_late_handover_by_first_owner(org, clock):
    ref = walk_in(org.clerk, Scope("later"))
    clock.advance(hours=3)  # 09:30 → 12:30: 2.5 working hours (lunch excluded)
    wf.transfer(org.clerk, ref.id, org.market)
    found = [c for c in acc.detect(START) if c.rule == "late_transfer"]
    assert [(c.staff_id, c.case_number) for c in found] == [(org.clerk, ref.number)]
    assert "2 个工作小时" in found[0].evidence


def test_late_acceptance_is_charged_to_who_accepted(org, clock):
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market))
    clock.set(datetime(2026, 11, 26, 14, 30))  # 3.5 working hours later
    wf.accept(org.handler2, ref.id)
    assert "late_accept" in rules_for(org.handler2)
    assert "late_accept" not in rules_for(org.clerk)


def test_unaccepted_department_transfer_is_charged_to_the_department_head(org, clock):
    walk_in(org.clerk, Scope("transfer", department_id=org.market))
    clock.set(datetime(2026, 11, 27, 10, 0))
    assert "late_accept" in rules_for(org.head)


def test_overdue_and_missing_notification(org, clock):
    item = make_item(org.market, instant=True, code="SC-T09", name="即办")
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id)
    clock.set(datetime(2026, 11, 27, 10, 0))
    wf.resolve(org.clerk, ref.id, "次日才办结")
    clock.set(datetime(2026, 11, 30, 17, 0))  # still not told after a working day
    rules = rules_for(org.clerk)
    assert {"overdue", "missing_notify"} <= rules


def test_anonymous_case_is_never_charged_for_missing_notification(org, clock):
    ref = walk_in(org.clerk, Scope("own"), kind="report", anonymous=True, name="", phone="")
    wf.resolve(org.clerk, ref.id, "已查处")
    clock.advance(days=7)
    assert "missing_notify" not in rules_for(org.clerk)


def test_hazard_not_verified_in_24_hours(org, clock):
    walk_in(org.clerk, Scope("transfer", department_id=org.market), kind="hazard")
    clock.advance(hours=25)
    assert "hazard_unverified" in rules_for(org.head)


def test_supervisor_confirms_or_dismisses_candidates_once(org, clock):
    walk_in(org.clerk, Scope("later"))
    clock.advance(days=1)
    assert acc.sync_candidates(START) == 1
    assert acc.sync_candidates(START) == 0  # not duplicated
    [v] = acc.list_violations(status="candidate")
    with pytest.raises(DomainError) as e:
        acc.confirm(org.clerk2, v.id, "education")
    assert e.value.code == "role_forbidden"
    with pytest.raises(DomainError):
        acc.confirm(org.leader, v.id, "no_such_sanction")
    done = acc.confirm(org.leader, v.id, "education", "首次，批评教育")
    assert done.status == "confirmed" and done.sanction == "education"


def test_dismissal_needs_a_reason(org, clock):
    walk_in(org.clerk, Scope("later"))
    clock.advance(days=1)
    acc.sync_candidates(START)
    [v] = acc.list_violations(status="candidate")
    with pytest.raises(DomainError):
        acc.dismiss(org.leader, v.id, "")
    assert acc.dismiss(org.leader, v.id, "系统停电，情有可原").status == "dismissed"


def test_department_head_reviews_only_own_department(org, clock):
    with pytest.raises(DomainError):
        acc.record_complaint(org.head, org.clerk, "forbidden_phrase", "对办事人说“不归我管”", "circular")
    v = acc.record_complaint(org.head, org.handler, "forbidden_phrase", "对办事人说“不知道”", "education")
    assert v.source == "complaint" and v.status == "confirmed"
    assert "服务忌语" in v.evidence


def test_commendation_recorded(org, clock):
    ref = walk_in(org.clerk, Scope("own"))
    acc.commend(org.leader, org.clerk, "主动延时服务，群众送锦旗", ref.id)
    assert Commendation.select().where(Commendation.staff == org.clerk).count() == 1
    with pytest.raises(DomainError):
        acc.commend(org.clerk2, org.clerk, "自己人表扬")
