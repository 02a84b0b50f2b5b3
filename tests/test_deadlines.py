"""Time-limited completion (rule 4) and safety first-inquiry (rule 8) as a clerk sees them."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.admin.organisation import set_calendar_day
from core.cases import workflow as wf
from core.cases.detail import case_detail
from core.cases.queries import CaseFilter, count_cases, overdue_cases
from core.dto import Scope
from core.errors import DomainError
from core.vocab import TRANSFERRED
from tests.helpers import make_item, walk_in


def test_due_time_from_promised_working_days_over_spring_festival(org, clock):
    clock.set(datetime(2026, 2, 13, 10, 0))  # Friday before the 2026 Spring Festival
    item = make_item(org.market, days=3)
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id)
    # Sat 14 Feb is a make-up working day (1); 15–23 Feb holiday; 24 (2), 25 (3).
    assert ref.due_at == datetime(2026, 2, 25, 17, 30)


def test_due_time_over_national_day_2026(org, clock):
    clock.set(datetime(2026, 9, 30, 15, 0))  # Wednesday before National Day
    item = make_item(org.market, days=2)
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id)
    # 1–7 Oct holiday; Thu 8 Oct (1), Fri 9 Oct (2).
    assert ref.due_at == datetime(2026, 10, 9, 17, 30)
    clock.set(datetime(2026, 10, 9, 16, 0))
    ref2 = walk_in(org.clerk, Scope("own"), item_id=item.id)
    # Sat 10 Oct is a make-up working day (1); Mon 12 Oct (2).
    assert ref2.due_at == datetime(2026, 10, 12, 17, 30)


def test_instant_item_due_at_close_today(org, clock):
    item = make_item(org.market, instant=True, code="SC-T02", name="婚姻登记")
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id)
    assert ref.due_at == datetime(2026, 11, 26, 17, 30)


def test_kind_default_when_no_item(org, clock):
    ref = walk_in(org.clerk, Scope("own"), kind="complaint")  # 5 working days
    assert ref.due_at == datetime(2026, 12, 3, 17, 30)


def test_clock_pauses_while_awaiting_materials(org, clock):
    item = make_item(org.market, days=3)
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id)
    assert ref.due_at == datetime(2026, 12, 1, 17, 30)  # Thu 26 Nov + 3 working days
    clock.set(datetime(2026, 11, 27, 9, 0))  # Friday morning: 3 working days + 0 left
    wf.request_materials(org.clerk, ref.id, ["股东会决议原件"], "缺股东会决议")
    d = case_detail(ref.id)
    assert d.due_state == "paused"
    assert [m.name for m in d.materials if not m.received] == ["股东会决议原件"]
    clock.set(datetime(2026, 12, 7, 9, 0))  # the visitor returns a week later
    assert count_cases(CaseFilter(overdue=True)) == 0
    ref = wf.supply_materials(org.clerk, ref.id, "已补交")
    # Friday 09:00 had Fri + Mon + Tue = 3 working days left; resume Mon 7 Dec → Wed 9 Dec.
    assert ref.due_at == datetime(2026, 12, 9, 17, 30)
    assert all(m.received for m in case_detail(ref.id).materials)


def test_overdue_and_due_soon_are_visible(org, clock):
    item = make_item(org.market, instant=True, code="SC-T03", name="即办件")
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id)
    assert count_cases(CaseFilter(due_today=True)) == 1
    clock.set(datetime(2026, 11, 26, 15, 0))
    assert case_detail(ref.id).due_state == "due_today"  # the list says the same (one rule)
    clock.set(datetime(2026, 11, 26, 18, 0))
    assert case_detail(ref.id).due_state == "overdue"
    assert [r.number for r in overdue_cases()] == [ref.number]
    assert count_cases(CaseFilter(due_today=True)) == 0


def test_administrator_override_moves_due_dates(org, clock):
    set_calendar_day(org.admin, datetime(2026, 11, 27).date(), False, "临时停电闭厅")
    item = make_item(org.market, days=1)
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id)
    assert ref.due_at == datetime(2026, 11, 30, 17, 30)  # Friday closed: Monday
    with pytest.raises(DomainError):
        set_calendar_day(org.clerk, datetime(2026, 11, 28).date(), True)


def test_due_date_in_a_year_without_schedule_is_flagged(org, clock):
    clock.set(datetime(2026, 12, 30, 10, 0))
    item = make_item(org.market, days=5)
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id)
    d = case_detail(ref.id)
    assert d.due_at.year == 2027
    assert d.calendar_warning


def test_hazard_must_be_verified_within_24_hours(org, clock):
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market), kind="hazard",
                  subject="二楼楼梯扶手松动")
    assert ref.due_at == datetime(2026, 11, 27, 9, 30)
    with pytest.raises(DomainError) as e:
        wf.verify_hazard(org.clerk, ref.id, "已核实")
    assert e.value.code == "role_forbidden"
    clock.advance(hours=3)
    ref = wf.verify_hazard(org.head, ref.id, "已现场核实，已设置警示标志")
    assert ref.due_at > datetime(2026, 11, 27, 9, 30)
    with pytest.raises(DomainError) as e:
        wf.verify_hazard(org.safety, ref.id, "再次核实")
    assert e.value.code == "already_verified"


def test_accident_goes_to_the_safety_department_at_once(org, clock):
    ref = walk_in(org.clerk, Scope("own"), kind="accident", subject="大厅一名群众摔倒受伤")
    assert ref.status == TRANSFERRED
    d = case_detail(ref.id)
    assert d.pending == "安全管理办公室"
    assert d.timeline[-1].type == "safety_escalated"
    assert wf.accept(org.safety, ref.id).status == "in_progress"
