"""One lifecycle table: what a screen offers is exactly what core accepts, for every status ×
role × relation; every open case is on someone's to-do list; the diagram is the table's."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import register
from core.admin.staff import get_staff_info, list_staff
from core.cases import inbox, lifecycle
from core.cases.availability import available_actions
from core.cases.detail import case_detail
from core.cases.guard import facts_of
from core.dto import Scope
from core.errors import DomainError
from core.vocab import OPEN_STATUSES, STATUSES
from models.database import db
from models.tables import Case, CaseEvent, Rectification
from tests.helpers import walk_in
from tests.lifecycle_calls import call_for

ROOT = Path(__file__).resolve().parent.parent
# Actions anyone may take on any open case (a visit, an evaluation at the window): they make
# no case "someone's to act on".
ANYONE = {"record_visit", "evaluate"}


class _Rollback(Exception):
    pass


def accepted(action: str, actor_id: int, case_id: int) -> bool | None:
    """Would core accept the action now? Tried for real, then rolled back."""
    call = call_for(action, actor_id, case_id)
    if call is None:
        return None
    ok = False
    try:
        with db.atomic():
            call()
            ok = True
            raise _Rollback
    except _Rollback:
        pass
    except DomainError:
        ok = False
    return ok


MEMBERS = ("clerk", "clerk2", "handler", "handler2", "head", "tax_handler", "leader", "safety",
           "auditor", "admin")


@st.composite
def case_states(draw: st.DrawFn) -> dict:
    return {
        "status": draw(st.sampled_from(list(STATUSES))),
        "kind": draw(st.sampled_from(["application", "complaint", "hazard", "accident"])),
        "anonymous": draw(st.booleans()),
        "actor": draw(st.sampled_from(MEMBERS)),
        "first_owner": draw(st.sampled_from(["actor", "clerk"])),
        "handler": draw(st.sampled_from([None, "actor", "handler"])),
        "department": draw(st.sampled_from([None, "market", "tax"])),
        "pending_staff": draw(st.sampled_from([None, "actor", "handler2"])),
        "pending_department": draw(st.sampled_from([None, "market", "tax", "safety_dep"])),
        "due": draw(st.booleans()),
        "evaluation": draw(st.sampled_from([None, 1, 5])),
        "extension": draw(st.booleans()),
        "verified": draw(st.booleans()),
        "rectification": draw(st.booleans()),
    }


def _shape_case(org, state: dict) -> tuple[int, int]:
    """A case put into `state` directly (the rules must hold for any state, even odd ones)."""
    actor = getattr(org, state["actor"])
    who = {"actor": actor, "clerk": org.clerk, "handler": org.handler, "handler2": org.handler2,
           None: None}
    dep = {None: None, "market": org.market, "tax": org.tax, "safety_dep": org.safety_dep}
    ref = walk_in(org.clerk, Scope("later"), kind=state["kind"], anonymous=state["anonymous"],
                  phone="" if state["anonymous"] else "13800138000",
                  name="" if state["anonymous"] else "张三")
    now = register.now()
    Case.update(
        status=state["status"], first_owner=who[state["first_owner"]],
        handler=who[state["handler"]], department=dep[state["department"]],
        pending_staff=who[state["pending_staff"]],
        pending_department=dep[state["pending_department"]],
        due_at=now + timedelta(days=3) if state["due"] else None,
        evaluation=state["evaluation"],
        extension_due=now + timedelta(days=9) if state["extension"] else None,
    ).where(Case.id == ref.id).execute()
    if state["verified"]:
        CaseEvent.create(case=ref.id, type="hazard_verified", actor=org.safety,
                         status_after=state["status"], at=now)
    if state["rectification"]:
        Rectification.create(case=ref.id, opened_at=now, due_at=now + timedelta(days=20))
    return ref.id, actor


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(state=case_states())
def test_offered_actions_are_exactly_the_accepted_ones(sqlite_org, state):
    """status × role × relation: the detail pane's buttons equal what core accepts."""
    case_id, actor = _shape_case(sqlite_org, state)
    offered = set(available_actions(case_detail(case_id), get_staff_info(actor)))
    tried = {a: accepted(a, actor, case_id) for a in lifecycle.ACTION_ORDER}
    accepted_set = {a for a, ok in tried.items() if ok}
    untestable = {a for a, ok in tried.items() if ok is None}
    assert offered - untestable == accepted_set - untestable, state


def test_control_a_screen_that_forgets_a_rule_is_caught(sqlite_org, monkeypatch):
    """The comparison above can fail: a pane that does not know about the open extension
    request (the old disagreement) offers an action core refuses."""
    from dataclasses import replace

    from core.cases import availability

    real = availability.facts_of_detail
    monkeypatch.setattr(availability, "facts_of_detail",
                        lambda d: replace(real(d), extension_due=None))
    state = {"status": "in_progress", "kind": "application", "anonymous": False,
             "actor": "handler", "first_owner": "clerk", "handler": "actor",
             "department": "market", "pending_staff": None, "pending_department": None,
             "due": True, "evaluation": None, "extension": True, "verified": False,
             "rectification": False}
    case_id, actor = _shape_case(sqlite_org, state)
    offered = set(available_actions(case_detail(case_id), get_staff_info(actor)))
    accepted_set = {a for a in lifecycle.ACTION_ORDER if accepted(a, actor, case_id)}
    assert offered - accepted_set == {"request_extension"}


def test_a_second_extension_request_is_refused_and_not_offered(sqlite_org, clock):
    """It was hidden by the screen but accepted by the workflow: now both say no."""
    from core.cases import workflow as wf

    ref = walk_in(sqlite_org.clerk, Scope("own"))
    wf.request_extension(sqlite_org.clerk, ref.id, ref.due_at + timedelta(days=5), "需核查")
    assert "request_extension" not in available_actions(case_detail(ref.id),
                                                        get_staff_info(sqlite_org.clerk))
    with pytest.raises(DomainError) as e:
        wf.request_extension(sqlite_org.clerk, ref.id, ref.due_at + timedelta(days=6), "再延")
    assert e.value.code == "extension_pending"


def test_the_command_line_runs_actions_through_the_same_table(sqlite_org):
    """The role matrix is the lifecycle table's: no second list to drift."""
    from core.permissions import ACTIONS

    for spec in lifecycle.TABLE:
        assert ACTIONS[spec.name] == (spec.label, spec.roles)


# ---- every open case is on someone's list -------------------------------------------------

def _walk(rng: random.Random, steps: int) -> int:
    """Random people take random offered actions on random open cases; returns how many
    steps were taken (every offered action must be accepted)."""
    staff = list_staff(active_only=True)
    open_ids = [c.id for c in Case.select(Case.id).where(Case.status.in_(OPEN_STATUSES))]
    taken = 0
    for _ in range(steps):
        cid = rng.choice(open_ids)
        d = case_detail(cid)
        able = [(p, acts) for p in staff
                if (acts := [a for a in available_actions(d, p) if a not in ANYONE])]
        if not able:
            continue
        person, choices = rng.choice(able)
        action = rng.choice(choices)
        call = call_for(action, person.id, cid)
        if call is None:
            continue
        call()  # offered, so core must accept it
        taken += 1
    return taken


def check_inboxes() -> dict[str, int]:
    """Every open case is in some active person's inbox; each inbox holds only cases its owner
    can act on; the sections that name who acts next agree with the lifecycle's rule."""
    staff = list_staff(active_only=True)
    where: dict[int, set[tuple[int, str]]] = {}
    for s in staff:
        for key, ids in inbox.case_ids(s).items():
            for cid in ids:
                where.setdefault(cid, set()).add((s.id, key))
    by_id = {s.id: s for s in staff}
    open_ids = {c.id for c in Case.select(Case.id).where(Case.status.in_(OPEN_STATUSES))}
    orphans = open_ids - set(where)
    assert not orphans, f"open cases in nobody's inbox: {sorted(orphans)[:20]}"
    for cid, entries in where.items():
        facts = facts_of(Case.get_by_id(cid))
        for staff_id, key in entries:
            can = set(lifecycle.offered(facts, by_id[staff_id])) - ANYONE
            assert can, (cid, facts.status, by_id[staff_id].role, key)
        expected = {(s.id, r.task) for r in lifecycle.next_actors(facts) for s in staff
                    if r.covers(s) and r.task in inbox.SECTION_BY_KEY}
        mirrored = {(sid, key) for sid, key in entries if inbox.SECTION_BY_KEY[key].next_actor}
        missing = expected - mirrored
        assert not missing, (cid, facts.status, missing)
    return {"open": len(open_ids), "orphans": len(orphans)}


@pytest.mark.slow  # a whole register swept, or pages decoded, or a wait across windows
def test_a_register_in_every_state_has_no_orphans(db_target, clock):
    from core.admin.demo import build_demo

    clock.set(datetime(2026, 12, 4, 10, 0))
    build_demo(150, seed=11)
    assert check_inboxes()["open"] > 50
    assert _walk(random.Random(5), 300) > 100
    assert check_inboxes()["orphans"] == 0


def test_the_diagram_in_the_docs_is_the_tables():
    doc = (ROOT / "docs" / "lifecycle.md").read_text(encoding="utf-8")
    assert lifecycle.mermaid("zh") in doc, "regenerate: python main.py lifecycle --mermaid"


@pytest.mark.slow
def test_lifecycle_command_prints_the_diagram():
    r = subprocess.run([sys.executable, "main.py", "lifecycle", "--mermaid"], cwd=ROOT,
                       capture_output=True, text=True, encoding="utf-8", check=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == lifecycle.mermaid("zh")
