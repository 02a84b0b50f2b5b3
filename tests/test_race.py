"""Many clerks at once (≥ 8 processes on SQLite, 16 clients on PostgreSQL): unique case
numbers, no double accept, no lost update — and a naive control that shows the test bites."""

from __future__ import annotations

import pytest

from bench.race_workers import (
    add_staff,
    allow_many_handovers,
    naive_control,
    race_accept,
    race_register,
    race_update,
    setup_cases,
)
from bench.reliability_workers import CLEAR_MESSAGES
from core.dto import Scope
from models import tally
from models.tables import AcceptWait

pytestmark = [pytest.mark.slow, pytest.mark.processes]

# (processes, registrations per process, cases to accept, cases to update)
SIZES = {"sqlite": (8, 200, 200, 200), "postgres": (16, 50, 200, 100)}


def sizes(target: str) -> tuple[int, int, int, int]:
    return SIZES["postgres" if target.startswith("postgres") else "sqlite"]


def test_racing_registrations_get_unique_numbers_and_none_is_lost(org, db_target):
    procs, per_process, _, _ = sizes(db_target)
    clerks = add_staff("reg", "clerk", org.front, procs)
    figures = race_register(db_target, clerks, per_process)
    assert figures["errors"] == []
    assert figures["acknowledged"] == procs * per_process
    assert figures["duplicate_numbers"] == 0 and figures["unique"] == procs * per_process
    assert figures["lost"] == 0 and figures["stored"] == procs * per_process
    assert figures["gaps"] == 0 and figures["without_registered_event"] == 0
    assert tally.differences() == []  # the triggers' tallies kept up with every window


def test_racing_accepts_never_double_accept(org, db_target):
    procs, _, cases, _ = sizes(db_target)
    handlers = add_staff("acc", "handler", org.market, procs)
    ids = setup_cases(org.clerk, cases, Scope("transfer", department_id=org.market), "accept")
    figures = race_accept(db_target, handlers, ids)
    assert figures["double_accepts"] == 0
    assert figures["accepted"] == cases and figures["never_accepted"] == 0
    assert figures["handler_mismatch"] == 0
    assert AcceptWait.select().count() == cases  # one wait per accepted hand-over, none twice
    assert tally.differences() == []
    # Every loser was told plainly why: someone was first (conflict) or it is already accepted.
    assert set(figures["refusals"]) <= {"conflict", "bad_state"}
    assert sum(figures["refusals"].values()) == procs * cases - cases
    bad_state = CLEAR_MESSAGES["bad_state"].format(status="办理中", action="签收")
    assert set(figures["messages"]) <= {CLEAR_MESSAGES["conflict"], bad_state}


def test_racing_transfers_and_updates_lose_no_update(org, db_target):
    procs, _, _, cases = sizes(db_target)
    allow_many_handovers(org.admin)
    leaders = add_staff("upd", "leader", org.market, procs)
    ids = setup_cases(org.clerk, cases, Scope("later"), "update")
    figures = race_update(db_target, leaders, ids, rounds=1, department=org.market)
    assert figures["succeeded"] >= cases  # every case moved at least once
    assert figures["lost_updates"] == 0
    assert figures["version_mismatches"] == 0  # final version = 1 + successful changes
    assert tally.differences() == []  # cases moving between tally rows in both directions
    assert set(figures["refusals"]) <= {"conflict"}
    assert set(figures["messages"]) <= {CLEAR_MESSAGES["conflict"]}


def test_naive_read_then_write_control_double_accepts_and_loses_updates(org, db_target):
    """Without the conditional UPDATE the same race goes wrong: the tests above can fail."""
    procs, _, cases, _ = sizes(db_target)
    handlers = add_staff("naive", "handler", org.market, procs)
    accept_ids = setup_cases(org.clerk, cases, Scope("transfer", department_id=org.market), "naive")
    visit_ids = setup_cases(org.clerk, 50, Scope("own"), "visits")
    figures = naive_control(db_target, handlers, accept_ids, visit_ids)
    assert figures["double_accepts"] > 0
    assert figures["lost_updates"] > 0
