"""Supervision statistics on a hand-made month (tests/month_data.py) whose answers were
worked out by hand: counts, on-time rate, times to accept and resolve, visits, evaluations,
overdue and due-soon lists, per department and per person."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import peewee as pw
import pytest

from core.errors import DomainError, ValidationError
from core.supervision.audit_view import AuditFilter, audit_events, count_events
from core.supervision.statistics import Period, department_stats, nearest_rank
from core.supervision.timeliness import due_soon_list, overdue_list
from models.database import db
from models.tables import CaseEvent
from tests.month_data import NOW, build_month

NOVEMBER = Period.month("2026-11")


@pytest.fixture
def month(org, clock):
    return build_month(org, clock)


def counts(rows) -> dict[str, int]:
    return {r.key: r.count for r in rows if r.count}


def test_period_month_and_labels():
    p = Period.month("2026-11")
    assert (p.start, p.end) == (date(2026, 11, 1), date(2026, 11, 30))
    assert (p.since, p.until) == (datetime(2026, 11, 1), datetime(2026, 12, 1))
    assert p.label == "2026年11月" and p.is_month
    assert Period.month("2028年2月").end == date(2028, 2, 29)  # leap year
    assert Period(date(2026, 11, 2), date(2026, 11, 8)).label == "2026-11-02 至 2026-11-08"
    for bad in ("2026-13", "11/2026", ""):
        with pytest.raises(ValidationError):
            Period.month(bad)
    with pytest.raises(ValidationError):
        Period(date(2026, 11, 30), date(2026, 11, 1))


def test_nearest_rank_percentile():
    assert nearest_rank(list(range(1, 11))) == 9  # ceil(0.9 * 10) = 9th value
    assert nearest_rank([60, 90, 240]) == 240  # ceil(2.7) = 3rd
    assert nearest_rank([7]) == 7
    assert nearest_rank([]) is None


def test_counts_by_status_kind_and_channel_only_count_the_period(month):
    s = department_stats(NOVEMBER, actor_id=None)
    assert s.total.registered == 8  # A–G and J; H (October) and I (December) are outside
    assert counts(s.by_status) == {"closed": 3, "notified": 1, "returned": 1, "in_progress": 1,
                                   "awaiting_materials": 1, "referred": 1}
    assert counts(s.by_kind) == {"application": 3, "inquiry": 2, "complaint": 1,
                                 "service_request": 1, "report": 1}
    assert counts(s.by_channel) == {"visit": 6, "phone": 1, "letter": 1}
    assert [r.label for r in s.by_status][:3] == ["已登记", "办理中", "待签收"]  # every status shown
    assert next(r for r in s.by_kind if r.key == "application").share == pytest.approx(3 / 8)
    assert s.referred == 1


def test_on_time_rate_is_resolved_by_due_over_resolved(month):
    t = department_stats(NOVEMBER, actor_id=None).total
    assert (t.resolved, t.on_time, t.late) == (4, 3, 1)  # A, C, F on time; B a day late
    assert t.on_time_rate == pytest.approx(0.75)
    assert t.open == 3  # D returned, E in progress, G awaiting materials
    assert t.overdue_open == 1  # E; G is paused, D is not due until 17:30


def test_time_to_accept_in_working_minutes(month):
    acc = department_stats(NOVEMBER, actor_id=None).accept_minutes
    # A 09:00→10:00 = 60; B 11:00→14:00 less lunch = 90; G 14:00→09:30 next day = 240.
    # D was returned, not accepted: no sample.
    assert acc.count == 3
    assert acc.mean == pytest.approx(130)
    assert acc.p90 == 240


def test_time_to_resolve_in_calendar_hours(month):
    res = department_stats(NOVEMBER, actor_id=None).resolve_hours
    assert res.count == 4
    assert res.mean == pytest.approx((54 + 95 + 0 + 2) / 4)  # A, B, C, F
    assert res.p90 == pytest.approx(95)


def test_visits_per_case_and_at_most_one_trip(month):
    v = department_stats(NOVEMBER, actor_id=None).visits
    assert (v.cases, v.visits, v.at_most_once) == (8, 9, 7)  # B came twice
    assert v.mean == pytest.approx(9 / 8)
    assert v.once_rate == pytest.approx(7 / 8)


def test_evaluation_distribution_and_satisfaction(month):
    ev = department_stats(NOVEMBER, actor_id=None).evaluations
    assert {r.label: r.count for r in ev.levels} == {
        "非常满意": 1, "满意": 1, "基本满意": 0, "不满意": 1, "非常不满意": 0}
    assert (ev.evaluated, ev.satisfied, ev.resolved) == (3, 2, 4)
    assert ev.satisfaction_rate == pytest.approx(2 / 3)
    assert ev.participation_rate == pytest.approx(3 / 4)


def test_by_department(month, org):
    deps = {d.name: d for d in department_stats(NOVEMBER, actor_id=None).departments}
    market, front = deps["市场监管窗口"], deps["综合受理窗口"]
    assert list(deps) == ["综合受理窗口", "市场监管窗口"]  # busiest first
    assert (market.outcome.registered, market.outcome.resolved, market.outcome.on_time,
            market.outcome.late, market.outcome.open) == (3, 2, 1, 1, 1)
    assert market.outcome.on_time_rate == pytest.approx(0.5)
    assert market.resolve_hours_mean == pytest.approx((54 + 95) / 2)
    assert (market.accept.count, market.accept.p90) == (3, 240)
    assert (front.outcome.registered, front.outcome.on_time, front.outcome.overdue_open) == (5, 2, 1)
    assert front.accept.count == 0 and front.accept.mean is None


def test_by_staff_first_owner_and_handler_views(month):
    staff = {s.name: s for s in department_stats(NOVEMBER, actor_id=None).staff}
    assert staff["王五"].first_owner == 6  # A B C D F G
    assert (staff["王五"].handled.registered, staff["王五"].handled.on_time) == (2, 2)  # C, F
    assert staff["赵六"].first_owner == 2  # E, J
    assert (staff["赵六"].handled.registered, staff["赵六"].handled.overdue_open) == (1, 1)
    assert (staff["李四"].first_owner, staff["李四"].handled.registered,
            staff["李四"].handled.on_time) == (0, 2, 1)  # A on time, G open
    assert (staff["孙七"].handled.resolved, staff["孙七"].handled.late) == (1, 1)
    assert "吴九" not in staff  # returned D: handles nothing


def test_one_department_only(month, org):
    s = department_stats(NOVEMBER, org.market, actor_id=None)
    assert s.scope == "市场监管窗口"
    assert s.total.registered == 3
    assert counts(s.by_kind) == {"application": 3}
    assert s.accept_minutes.count == 3 and s.resolve_hours.count == 2
    assert s.overdue.total == 0


def test_overdue_and_due_soon_lists_are_as_of_now(month):
    overdue = overdue_list(now=NOW)
    assert overdue.total == 2
    assert [r.number for r in overdue.rows] == [month["H"].number, month["E"].number]
    assert [r.minutes for r in overdue.rows] == [8610, 210]  # 20 working days + 210 min; 210
    assert overdue.rows[1].responsible == "赵六"
    soon = due_soon_list(now=NOW)
    assert [(r.number, r.minutes) for r in soon.rows] == [(month["D"].number, 210)]
    assert soon.rows[0].responsible == "王五"  # returned to the first owner
    assert overdue_list(limit=1, now=NOW).total == 2  # total counts beyond the page
    assert len(overdue_list(limit=1, now=NOW).rows) == 1


def test_department_head_sees_only_own_department(month, org):
    assert department_stats(NOVEMBER, actor_id=org.head).total.registered == 3
    with pytest.raises(DomainError) as e:
        department_stats(NOVEMBER, org.front, actor_id=org.head)
    assert e.value.code == "not_your_case"
    with pytest.raises(DomainError) as e:
        department_stats(NOVEMBER, actor_id=org.clerk)
    assert e.value.code == "role_forbidden"
    assert department_stats(NOVEMBER, actor_id=org.leader).total.registered == 8


def test_an_empty_period_has_zeros_not_errors(org, clock):
    s = department_stats(Period.month("2026-01"), actor_id=None)
    assert s.total.registered == 0 and s.total.on_time_rate is None
    assert s.accept_minutes.mean is None and s.resolve_hours.p90 is None
    assert s.visits.once_rate is None and s.evaluations.satisfaction_rate is None
    assert all(r.count == 0 for r in s.by_status)


# ---- the audit view ---------------------------------------------------------------------

def test_audit_view_filters_by_staff_date_type_and_case(month, org):
    mine = AuditFilter(staff_id=org.clerk)
    # 王五 acted 23 times: registering and handing over 8 cases (H, A, B, C, D, F, G, I), taking
    # H, F, I, answering C, resolving and closing F, B's second visit, three evaluations and
    # the rectification B's poor one opened.
    assert count_events(mine) == 23
    assert count_events(replace(mine, date_from=date(2026, 11, 1),
                                date_to=date(2026, 11, 30))) == 19  # not H (Oct) or I (Dec)
    assert count_events(AuditFilter(types=("accepted",))) == 3  # A, B, G
    page = audit_events(AuditFilter(case_number=month["A"].number, newest_first=False), actor_id=None)
    assert [r.type for r in page.rows] == ["registered", "transferred", "accepted", "resolved",
                                           "notified", "closed", "evaluated"]
    accepted = page.rows[2]
    assert (accepted.actor, accepted.to_name, accepted.label) == ("李四", "市场监管窗口 / 李四", "签收")
    assert page.rows[1].to_name == "市场监管窗口" and page.rows[6].data["level"] == 5
    assert count_events(AuditFilter(case_number="20261123")) == 7 + 8  # A and B by day prefix


def test_audit_view_pages_newest_first(month, org):
    first = audit_events(AuditFilter(staff_id=org.clerk), 0, 10, actor_id=None)
    last = audit_events(AuditFilter(staff_id=org.clerk), 20, 10, actor_id=None)
    assert (first.total, len(first.rows), first.has_more) == (23, 10, True)
    assert (len(last.rows), last.has_more) == (3, False)
    assert first.rows[0].case_number == month["I"].number  # 12-01, the newest
    assert last.rows[-1].case_number == month["H"].number  # 10-30, the oldest
    ats = [r.at for r in first.rows]
    assert ats == sorted(ats, reverse=True)
    cheap = audit_events(AuditFilter(staff_id=org.clerk), 10, 10, with_total=False, actor_id=None)
    assert (cheap.total, cheap.has_more, len(cheap.rows)) == (None, True, 10)
    assert cheap.rows[0].at <= first.rows[-1].at  # page 2 carries on where page 1 stopped
    assert not audit_events(AuditFilter(staff_id=org.clerk), 13, 10, with_total=False, actor_id=None).has_more


def test_audit_view_is_read_only_for_every_role(month, org):
    from core.supervision import audit_view

    writers = [n for n in dir(audit_view) if n.startswith(("update", "delete", "edit", "set",
                                                           "save", "remove"))]
    assert writers == []
    with pytest.raises(pw.DatabaseError):
        with db.atomic():
            CaseEvent.update(note="改过").where(CaseEvent.case == month["A"].id).execute()
    with pytest.raises(pw.DatabaseError):
        with db.atomic():
            CaseEvent.delete().where(CaseEvent.case == month["A"].id).execute()
    # H 2, A 7, B 8 (visit, rectification), C 3, D 3, E 2, F 4, G 4, J 2, I 2 events
    assert audit_events(AuditFilter(), actor_id=org.auditor).total == 37
    with pytest.raises(DomainError) as e:
        audit_events(AuditFilter(), actor_id=org.clerk)
    assert e.value.code == "role_forbidden"
    with pytest.raises(ValidationError):
        count_events(AuditFilter(types=("hacked",)))
