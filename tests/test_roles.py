"""Nobody where they don't belong: every role × every action of the matrix, by calling the core
function that performs it (the auditor changes nothing), plus sign-in lock-out and Argon2id."""

from __future__ import annotations

import importlib.util
import inspect
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bench.reliability_workers import fast_dir, remove_fast_dir
from core import audit, register
from core.cases import workflow as wf
from core.dto import IntakeForm, Scope
from core.errors import DomainError
from core.permissions import ACTIONS, allowed
from core.vocab import ROLES
from models.tables import ALL_TABLES, AuditLog, Case, Rectification, Staff
from tests.conftest import BACKENDS, PASSWORD, Clock, Org

Thunk = Callable[[], Any]

# Cells where the core does not enforce the matrix (none left; kept so a new gap is named).
KNOWN_GAPS: frozenset[tuple[str, str]] = frozenset()


@dataclass
class World:
    """One register for the whole matrix: the test organisation plus one fresh member per role,
    all in the market department, so that only the role differs between them."""

    org: Org
    actors: dict[str, int]
    folder: Path
    clock: Clock
    serial: list[int] = field(default_factory=lambda: [0])

    def next(self) -> int:
        self.serial[0] += 1
        return self.serial[0]

    def case(self, scope: Scope | None = None, kind: str = "application") -> int:
        return _register(self.org.clerk, scope or Scope("later"), kind)

    def own(self) -> int:
        return self.case(Scope("own"))


def _register(actor: int, scope: Scope, kind: str = "application") -> int:
    return register_case_ref(actor, scope, kind).id


def register_case_ref(actor: int, scope: Scope, kind: str = "application") -> Any:
    from core.cases.intake import register_case

    return register_case(actor, IntakeForm(
        channel="visit", kind=kind, subject="营业执照变更", visitor_name="张三",
        visitor_phone="13800138000", visitor_unit="杭州某某科技有限公司", scope=scope))


def relate(case_id: int, **columns: Any) -> None:
    """Set-up only: make the acting member the case's first owner, handler …"""
    Case.update(**columns).where(Case.id == case_id).execute()


# ---- one scenario per action: set up, then return the call that performs it ---------------


def _s_register(w: World, a: int) -> Thunk:
    return lambda: register_case_ref(a, Scope("later"))


def _owned(w: World, a: int, scope: Scope | None = None) -> int:
    cid = w.case(scope)
    relate(cid, first_owner=a)
    return cid


def _handled(w: World, a: int) -> int:
    cid = w.own()
    relate(cid, handler=a)
    return cid


def _s_take(w: World, a: int) -> Thunk:
    cid = _owned(w, a)
    return lambda: wf.take(a, cid)


def _s_assign(w: World, a: int) -> Thunk:
    cid = _owned(w, a)
    return lambda: wf.assign(a, cid, w.org.handler2)


def _s_transfer(w: World, a: int) -> Thunk:
    cid = _owned(w, a)
    return lambda: wf.transfer(a, cid, w.org.tax)


def _s_accept(w: World, a: int) -> Thunk:
    cid = w.case(Scope("transfer", staff_id=a))
    return lambda: wf.accept(a, cid)


def _s_return(w: World, a: int) -> Thunk:
    cid = w.case(Scope("transfer", staff_id=a))
    return lambda: wf.return_case(a, cid, "不属本部门职责")


def _s_escalate(w: World, a: int) -> Thunk:
    cid = _owned(w, a)
    return lambda: wf.escalate(a, cid, "职责不清")


def _s_leader_assign(w: World, a: int) -> Thunk:
    cid = w.case(Scope("escalate"))
    return lambda: wf.leader_assign(a, cid, w.org.market)


def _s_request_materials(w: World, a: int) -> Thunk:
    cid = _handled(w, a)
    return lambda: wf.request_materials(a, cid, ["身份证复印件"])


def _s_supply_materials(w: World, a: int) -> Thunk:
    cid = _handled(w, a)
    wf.request_materials(w.org.leader, cid, ["身份证复印件"])
    return lambda: wf.supply_materials(a, cid)


def _s_urge(w: World, a: int) -> Thunk:
    cid = w.own()
    relate(cid, first_owner=a)
    return lambda: wf.urge(a, cid, "请尽快办理")


def _s_request_extension(w: World, a: int) -> Thunk:
    cid = _handled(w, a)
    due = Case.get_by_id(cid).due_at
    return lambda: wf.request_extension(a, cid, due + timedelta(days=10), "需现场核验")


def _s_decide_extension(w: World, a: int) -> Thunk:
    cid = w.own()
    due = Case.get_by_id(cid).due_at
    wf.request_extension(w.org.clerk, cid, due + timedelta(days=10), "需现场核验")
    return lambda: wf.decide_extension(a, cid, True)


def _s_record_visit(w: World, a: int) -> Thunk:
    cid = w.own()
    return lambda: wf.record_visit(a, cid)


def _s_contact(w: World, a: int) -> Thunk:
    cid = w.own()
    relate(cid, first_owner=a)
    return lambda: wf.contact_visitor(a, cid, "phone", "告知进度")


def _s_resolve(w: World, a: int) -> Thunk:
    cid = _handled(w, a)
    return lambda: wf.resolve(a, cid, "已办结")


def _resolved(w: World) -> int:
    cid = w.own()
    wf.resolve(w.org.clerk, cid, "已办结")
    return cid


def _s_notify(w: World, a: int) -> Thunk:
    cid = _resolved(w)
    relate(cid, first_owner=a)
    return lambda: wf.notify_result(a, cid, "phone")


def _s_close(w: World, a: int) -> Thunk:
    cid = _resolved(w)
    wf.notify_result(w.org.clerk, cid, "phone")
    relate(cid, first_owner=a)
    return lambda: wf.close(a, cid)


def _s_evaluate(w: World, a: int) -> Thunk:
    from core.cases.evaluation import evaluate

    cid = _resolved(w)
    return lambda: evaluate(a, cid, 5)


def _s_follow_up(w: World, a: int) -> Thunk:
    from core.cases.evaluation import evaluate, follow_up

    cid = _resolved(w)
    evaluate(w.org.clerk, cid, 1, "态度不好")
    rect = Rectification.select().where(Rectification.case == cid).get().id
    relate(cid, first_owner=a)  # the follow-up call is the first owner's (or a supervisor's)
    return lambda: follow_up(a, rect, "已回访，整改完成")


def _s_refer(w: World, a: int) -> Thunk:
    cid = _owned(w, a)
    return lambda: wf.refer(a, cid, "市民政局", "0571-12345")


def _s_verify_hazard(w: World, a: int) -> Thunk:
    cid = w.case(kind="hazard")
    relate(cid, department=Staff.get_by_id(a).department_id)
    return lambda: wf.verify_hazard(a, cid, "已现场核实")


def _s_print(w: World, a: int) -> Thunk:
    from tests.helpers import render_case

    cid = w.own()
    return lambda: render_case(cid, "receipt", "a5", actor_id=a)


def _s_view_cases(w: World, a: int) -> Thunk:
    from core.cases.privacy import visible_identity

    cid = w.own()
    return lambda: visible_identity(a, cid)


def _s_review_violations(w: World, a: int) -> Thunk:
    from core.supervision.accountability import record_complaint

    return lambda: record_complaint(a, w.org.handler, "shirking", "推诿办事群众", "education")


def _s_record_commendation(w: World, a: int) -> Thunk:
    from core.supervision.accountability import commend

    return lambda: commend(a, w.org.handler, "服务热情周到")


def _s_view_statistics(w: World, a: int) -> Thunk:
    from core.supervision.statistics import Period, department_stats

    return lambda: department_stats(Period.month("2026-11"), actor_id=a)


def _s_view_audit(w: World, a: int) -> Thunk:
    from core.supervision.audit_view import audit_events

    return lambda: audit_events(actor_id=a)


def _s_export(w: World, a: int) -> Thunk:
    from core.exports import export_register
    from core.supervision.statistics import Period

    path = w.folder / f"register-{w.next()}.xlsx"
    return lambda: export_register(Period.month("2026-11"), path, actor_id=a)


def _s_reveal_identity(w: World, a: int) -> Thunk:
    from core.cases.privacy import reveal_identity

    cid = w.own()
    return lambda: reveal_identity(a, cid, "核查需回电")


def _s_manage_catalogue(w: World, a: int) -> Thunk:
    from core.admin.catalogue import ItemInfo, save_item

    info = ItemInfo(None, f"RT-{w.next()}", "测试事项", w.org.market, "", False, 3)
    return lambda: save_item(info, actor_id=a)


def _s_manage_staff(w: World, a: int) -> Thunk:
    from core.admin.staff import create_staff

    name = f"new{w.next()}"
    return lambda: create_staff(name, "新同事", "clerk", PASSWORD, w.org.front, actor_id=a)


def _s_manage_settings(w: World, a: int) -> Thunk:
    from core.admin.organisation import save_settings

    return lambda: save_settings(a, register.org_settings())


def _s_manage_calendar(w: World, a: int) -> Thunk:
    from core.admin.organisation import set_calendar_day

    day = date(2030, 1, 1) + timedelta(days=w.next())
    return lambda: set_calendar_day(a, day, True, "调休")


def _s_backup(w: World, a: int) -> Thunk:
    from core.infra import backup

    dest = w.folder / f"backup-{w.next()}.db"
    if "actor_id" not in inspect.signature(backup.backup).parameters:
        return lambda: _unenforced("core.infra.backup.backup() takes no actor")
    return lambda: backup.backup(dest, actor_id=a)  # type: ignore[call-arg]


def _unenforced(why: str) -> str:
    return f"unenforced: {why}"


SCENARIOS: dict[str, Callable[[World, int], Thunk]] = {
    name.removeprefix("_s_"): fn for name, fn in globals().items() if name.startswith("_s_")}


def fingerprint() -> tuple[Any, ...]:
    """Rows in every table except the audit log, and the sum of case versions."""
    counts = tuple(t.select().count() for t in ALL_TABLES if t is not AuditLog)
    versions = Case.select(Case.version).tuples()
    settings = register.org_settings().to_json()
    return (*counts, sum(v for (v,) in versions), settings)


def attempt(world: World, role: str, action: str) -> str:
    """Set up a fresh situation, perform the action as `role`: "ok", "role_forbidden", …"""
    thunk = SCENARIOS[action](world, world.actors[role])
    before = fingerprint()
    try:
        result = thunk()
    except DomainError as exc:
        if exc.code == "role_forbidden" and fingerprint() != before:
            return "role_forbidden but something changed"
        return exc.code
    if isinstance(result, str) and result.startswith("unenforced"):
        return result
    return "ok"


def run_matrix(world: World) -> dict[str, Any]:
    """Every role × every action; returns the cells, mismatches and what each cell did."""
    cells: dict[tuple[str, str], str] = {}
    for action in ACTIONS:
        for role in ROLES:
            cells[(role, action)] = attempt(world, role, action)
    mismatches = {cell: got for cell, got in cells.items()
                  if got != ("ok" if allowed(*cell) else "role_forbidden")}
    called = sum(1 for got in cells.values() if not got.startswith("unenforced"))
    return {"roles": len(ROLES), "actions": len(ACTIONS), "cells": len(cells),
            "called": called, "allowed": sum(1 for c in cells if allowed(*c)),
            "mismatches": mismatches, "outcomes": cells}


def make_world(backend: str, folder: Path) -> World:
    from tests.conftest import make_org, open_backend

    clock = Clock(datetime(2026, 11, 26, 9, 30))
    register.set_clock(clock)
    open_backend(backend, folder)
    org = make_org()
    from core.admin.staff import create_staff

    actors = {role: create_staff(f"role_{role}", f"角色{role}", role, PASSWORD, org.market).id
              for role in ROLES}
    return World(org, actors, folder, clock)


@pytest.fixture(scope="module", params=BACKENDS)
def world(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = fast_dir(tmp_path_factory.mktemp("roles"))
    w = make_world(request.param, folder)
    yield w
    register.close_register()
    register.set_clock(None)
    remove_fast_dir(folder)


# ---- the tests -----------------------------------------------------------------------------------


def test_every_action_in_the_matrix_has_a_scenario():
    assert set(SCENARIOS) == set(ACTIONS)


@pytest.mark.pg_dump
def test_every_role_times_every_action_is_refused_exactly_when_the_matrix_says(world):
    result = run_matrix(world)
    assert result["cells"] == len(ROLES) * len(ACTIONS) == 7 * 35
    assert result["called"] == result["cells"]  # every cell goes through a core function
    unexpected = {c: got for c, got in result["mismatches"].items() if c not in KNOWN_GAPS}
    assert unexpected == {}


def test_the_auditor_can_change_nothing(world):
    auditor = world.actors["auditor"]
    may = {a for a in ACTIONS if allowed("auditor", a)}
    assert may == {"view_cases", "view_statistics", "view_audit"}
    for action in ACTIONS:
        thunk = SCENARIOS[action](world, auditor)
        before = fingerprint()
        try:
            thunk()
        except DomainError as exc:
            assert exc.code == "role_forbidden", (action, exc.code)
            assert "审计员" in exc.message()
        assert fingerprint() == before, f"the auditor changed something with {action}"


def test_the_auditor_may_not_print(world):
    assert attempt(world, "auditor", "print") == "role_forbidden"


@pytest.mark.pg_dump
def test_only_the_administrator_may_back_up(world):
    assert {role: attempt(world, role, "backup") for role in ROLES} == {
        role: "ok" if role == "admin" else "role_forbidden" for role in ROLES}


# ---- signing in ------------------------------------------------------------------------------------


def test_stored_password_hashes_are_argon2id(world):
    hashes = [h for (h,) in Staff.select(Staff.password_hash).tuples()]
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)


def test_the_program_hashes_with_argon2id_above_owasp_minimum():
    """conftest swaps in a cheap hasher; load core/admin/staff.py afresh to see the real one."""
    import core.admin.staff

    spec = importlib.util.spec_from_file_location("staff_as_shipped", core.admin.staff.__file__)
    assert spec and spec.loader
    shipped = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = shipped  # dataclasses look their module up while being built
    try:
        spec.loader.exec_module(shipped)
    finally:
        del sys.modules[spec.name]
    hasher = shipped._hasher
    from argon2 import Type

    assert hasher.type is Type.ID
    assert hasher.memory_cost >= 19 * 1024 and hasher.time_cost >= 2
    assert hasher.hash("x1234567").startswith("$argon2id$")


def _fail(username: str, times: int) -> None:
    from core.admin.staff import sign_in

    for _ in range(times):
        with pytest.raises(DomainError) as e:
            sign_in(username, "wrong-password9")
        assert e.value.code == "bad_password"


def test_five_failures_lock_for_exactly_thirty_minutes_and_are_audited(world):
    from core.admin.staff import sign_in

    world.clock.set(datetime(2026, 11, 26, 10, 0))
    _fail("zhaoliu", 4)
    assert sign_in("zhaoliu", PASSWORD).username == "zhaoliu"  # success resets the count
    _fail("zhaoliu", 4)
    assert sign_in("zhaoliu", PASSWORD).username == "zhaoliu"
    _fail("zhaoliu", 5)
    world.clock.advance(minutes=29, seconds=59)
    with pytest.raises(DomainError) as e:
        sign_in("zhaoliu", PASSWORD)
    assert e.value.code == "locked_out" and "10:30" in e.value.message()
    world.clock.advance(seconds=1)
    assert sign_in("zhaoliu", PASSWORD).username == "zhaoliu"
    rows = [r for r in audit.rows(limit=100) if r.target == "zhaoliu" or r.detail == "zhaoliu"]
    actions = [r.action for r in rows]
    assert actions.count("account_locked") == 1 and actions.count("sign_in_refused") == 1
    assert audit.verify().ok


def test_a_deactivated_member_cannot_sign_in_and_learns_nothing(world):
    from core.admin.staff import set_active, sign_in

    set_active(world.org.admin, world.org.tax_handler, False)
    with pytest.raises(DomainError) as e:
        sign_in("wujiu", PASSWORD)
    assert e.value.message() == "用户名或密码不正确。"
    set_active(world.org.admin, world.org.tax_handler, True)


def test_actions_by_a_deactivated_member_are_refused(world):
    from core.admin.staff import set_active

    set_active(world.org.admin, world.actors["clerk"], False)
    try:
        with pytest.raises(DomainError) as e:
            register_case_ref(world.actors["clerk"], Scope("later"))
        assert e.value.code == "inactive_staff"
    finally:
        set_active(world.org.admin, world.actors["clerk"], True)
