"""Two clerks at once: case numbers stay unique and a case is accepted exactly once,
with processes racing on one SQLite file (and on PostgreSQL when configured)."""

from __future__ import annotations

import multiprocessing as mp

import pytest

from core.dto import Scope
from models.tables import Case, CaseEvent
from tests.helpers import walk_in
from tests.workers import accept_all, register_many

pytestmark = pytest.mark.processes


def _pool(n: int):
    return mp.get_context("spawn").Pool(n)


def test_concurrent_registration_gives_unique_numbers(org, db_target):
    with _pool(4) as pool:
        results = pool.starmap(register_many, [(db_target, org.clerk, 25, str(i)) for i in range(4)])
    numbers = [n for chunk in results for n in chunk]
    assert len(numbers) == 100
    assert len(set(numbers)) == 100
    assert Case.select().count() == 100
    seqs = sorted(int(n.split("-")[1]) for n in numbers)
    assert seqs == list(range(1, 101))  # no gaps either


def test_concurrent_accept_by_two_processes_one_winner_per_case(org, db_target):
    ids = [walk_in(org.clerk, Scope("transfer", department_id=org.market)).id for _ in range(40)]
    with _pool(2) as pool:
        results = pool.starmap(accept_all, [(db_target, org.handler, ids),
                                            (db_target, org.handler2, ids)])
    won = [cid for w, _ in results for cid in w]
    refused = sum(r for _, r in results)
    assert sorted(won) == sorted(ids)  # each case accepted once, none lost
    assert refused == len(ids)
    accepted_events = CaseEvent.select().where(CaseEvent.type == "accepted").count()
    assert accepted_events == len(ids)
    for case in Case.select().where(Case.id.in_(ids)):
        assert case.status == "in_progress" and case.handler_id in (org.handler, org.handler2)
