"""Windows doing a clerk's mix at once on PostgreSQL (registrations handed to departments,
acceptances) never deadlock: every write transaction takes the audit chain's lock first. The
control takes it late, as the program once did, and deadlocks."""

from __future__ import annotations

import multiprocessing as mp

import pytest

from core.admin.staff import create_staff
from tests.conftest import PASSWORD
from tests.mix_workers import mixed_writer

pytestmark = pytest.mark.slow

PROCESSES, ROUNDS = 6, 40


def _race(org, target: str, late_lock: bool) -> list[str]:
    deps = [org.front, org.market, org.tax]
    actors = [create_staff(f"mix{late_lock:d}{i}", f"混合{i}", "handler", PASSWORD,
                           deps[i % len(deps)]).id for i in range(PROCESSES)]
    ctx = mp.get_context("spawn")
    with ctx.Pool(PROCESSES) as pool:
        runs = [pool.apply_async(mixed_writer, (target, a, deps, ROUNDS, i, late_lock))
                for i, a in enumerate(actors)]
        return [e for r in runs for e in r.get(timeout=600)]


def test_a_clerks_mix_in_many_windows_never_deadlocks(pg_org, pg_target):
    """PostgreSQL only: SQLite takes the write lock up front (IMMEDIATE), one writer at a time."""
    assert _race(pg_org, pg_target, late_lock=False) == []


def _two_writers(case_id: int, program: bool) -> list[str]:
    """The interleaving that deadlocked: one transaction holds a case row and then appends to
    the audit chain; the other holds the chain's lock and then wants the case row. In the
    program's own transactions the second cannot start until the first is done."""
    import threading

    from core import audit
    from models.database import db, write_transaction

    row_held, chain_held = threading.Event(), threading.Event()
    errors: list[str] = []

    def transaction():  # the program's, or a plain one (the control: the lock comes late)
        return write_transaction() if program else db.atomic()

    def first() -> None:
        try:
            with transaction():
                db.execute_sql('UPDATE "case" SET version = version WHERE id = %s', (case_id,))
                row_held.set()
                chain_held.wait(2)
                audit.record(None, "test.first", "row then chain")
        except Exception as exc:  # noqa: BLE001 — collected for the assertion
            errors.append(str(exc.__cause__ or exc))
        finally:
            db.close()

    def second() -> None:
        row_held.wait(5)
        try:
            with transaction():
                audit.record(None, "test.second", "chain then row")
                chain_held.set()
                db.execute_sql('UPDATE "case" SET version = version WHERE id = %s', (case_id,))
        except Exception as exc:  # noqa: BLE001
            errors.append(str(exc.__cause__ or exc))
        finally:
            db.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return errors


def test_the_lock_order_that_deadlocked_now_waits_instead(pg_org, pg_target):
    from tests.helpers import walk_in

    ref = walk_in(pg_org.clerk)
    assert _two_writers(ref.id, program=True) == []
    errors = _two_writers(ref.id, program=False)  # control: the same two, lock taken late
    assert any("deadlock" in e for e in errors), errors
