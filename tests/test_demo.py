"""The demo organisation: realistic, consistent, and every state present."""

from __future__ import annotations

from core.admin.catalogue import list_items
from core.admin.demo import build_demo
from core.admin.staff import list_departments, list_staff, sign_in
from core.cases.detail import case_detail
from models.tables import Case, CaseEvent


def test_demo_has_departments_staff_catalogue_and_consistent_cases(db_target, clock):
    assert build_demo(300, seed=3) == 300
    assert len(list_items()) >= 30
    assert len(list_departments()) >= 5
    roles = {s.role for s in list_staff()}
    assert {"clerk", "handler", "dept_head", "leader", "safety_officer", "admin"} <= roles
    assert sign_in("wangwu", "demo1234").name == "王五"
    last = {}
    for e in CaseEvent.select().order_by(CaseEvent.at, CaseEvent.id):
        last[e.case_id] = e.status_after
    for case in Case.select():
        assert last[case.id] == case.status, case.number
        if case.status == "in_progress":
            assert case.handler_id is not None
        if case.status == "transferred":
            assert case.pending_department_id is not None
    assert Case.select(Case.status).distinct().count() == 10
    # The timeline of a demo case reads like a real one.
    transferred = Case.select().where(Case.status == "transferred").first()
    d = case_detail(transferred.id)
    assert d.timeline[0].label == "登记" and d.timeline[-1].label == "转办"


def test_demo_numbers_continue_from_the_registers_counters(db_target, clock):
    build_demo(50, seed=1)
    from core.dto import Scope
    from tests.helpers import walk_in

    admin_clerk = next(s.id for s in list_staff() if s.username == "wangwu")
    ref = walk_in(admin_clerk, Scope("own"))
    numbers = {n for (n,) in Case.select(Case.number).tuples()}
    assert len(numbers) == 51 and ref.number in numbers
