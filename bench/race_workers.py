"""Worker processes that race one another on one register, and the parent side that starts them
and judges the result: the race tests and bench/reliability.py (split from reliability_workers)."""

from __future__ import annotations

import multiprocessing as mp
import queue as queue_module
import random
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.reliability_workers import (
    CLEAR_MESSAGES,
    EXPECTED_PRAGMAS,
    KillLoop,
    clean_verdict,
    disk_full_trial,
    disk_full_trials,
    durable_form,
    form_hash,
    kill_loop,
    number_gaps,
    pragma_survey,
    pw_exists,
    readonly_trial,
    table_counts,
    verify_register,
)
from core import audit, register
from core.cases import workflow as wf
from core.cases.intake import register_case
from core.dto import IntakeForm, Scope
from core.errors import DomainError
from models.database import StorageError, db
from models.tables import Case, CaseEvent

# ---- processes racing --------------------------------------------------------------------


def _entry(worker: str, index: int, args: tuple[Any, ...], barrier: Any, queue: Any) -> None:
    try:
        queue.put((index, True, globals()[worker](*args, barrier=barrier)))
    except BaseException:
        queue.put((index, False, traceback.format_exc()))


def run_processes(worker: str, arglists: Sequence[tuple[Any, ...]],
                  timeout: float = 600) -> list[dict[str, Any]]:
    """Start one spawned process per argument tuple; they pass a barrier together, then race."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(len(arglists))
    queue = ctx.Queue()
    procs = [ctx.Process(target=_entry, args=(worker, i, tuple(a), barrier, queue), daemon=True)
             for i, a in enumerate(arglists)]
    for p in procs:
        p.start()
    results: dict[int, dict[str, Any]] = {}
    deadline = time.monotonic() + timeout
    try:
        while len(results) < len(procs):
            try:
                index, ok, payload = queue.get(timeout=1.0)
            except queue_module.Empty:
                dead = [i for i, p in enumerate(procs) if i not in results and p.exitcode is not None]
                if dead or time.monotonic() > deadline:
                    raise RuntimeError(f"worker {worker} {dead or 'timed out'}: no result") from None
                continue
            if not ok:
                raise RuntimeError(f"worker {worker}[{index}] failed:\n{payload}")
            results[index] = payload
    finally:
        for p in procs:
            p.join(timeout=10)
            if p.is_alive():
                p.kill()
    return [results[i] for i in range(len(procs))]


def _refusal(exc: DomainError, refusals: Counter[str], messages: set[str]) -> None:
    refusals[exc.code] += 1
    messages.add(exc.message("zh"))


def w_register(target: str, actor: int, count: int, tag: str, *, barrier: Any) -> dict[str, Any]:
    register.open_register(target)
    barrier.wait(timeout=120)
    numbers: list[str] = []
    locked = 0
    errors: list[str] = []
    for i in range(count):
        for _attempt in range(50):
            try:
                ref = register_case(actor, IntakeForm(
                    channel="visit", kind="inquiry", subject=f"并发登记 {tag}-{i}",
                    visitor_name="并发", visitor_phone="13900000000", scope=Scope("later")))
                numbers.append(ref.number)
                break
            except StorageError as exc:
                if exc.code != "locked":
                    errors.append(f"{exc.code}: {exc.detail}")
                    break
                locked += 1
    register.close_register()
    return {"numbers": numbers, "locked_retries": locked, "errors": errors}


def w_accept(target: str, actor: int, case_ids: list[int], *, barrier: Any) -> dict[str, Any]:
    register.open_register(target)
    barrier.wait(timeout=120)
    won: list[int] = []
    refusals: Counter[str] = Counter()
    messages: set[str] = set()
    locked = 0
    for cid in case_ids:
        for _attempt in range(50):
            try:
                wf.accept(actor, cid)
                won.append(cid)
            except StorageError as exc:
                if exc.code == "locked":
                    locked += 1
                    continue
                refusals[f"storage:{exc.code}"] += 1
            except DomainError as exc:
                _refusal(exc, refusals, messages)
            break
    register.close_register()
    return {"won": won, "refusals": dict(refusals), "messages": sorted(messages),
            "locked_retries": locked, "actor": actor}


def _update_step(actor: int, cid: int, status: str, version: int, department: int,
                 rng: random.Random) -> str:
    """One version-checked action chosen by the status this process just read."""
    if status in ("registered", "returned"):
        wf.take(actor, cid, expected_version=version)
        return "taken"
    if status == "in_progress":
        if rng.random() < 0.5:
            wf.transfer(actor, cid, department, expected_version=version)
            return "transferred"
        wf.request_materials(actor, cid, ["补充材料"], expected_version=version)
        return "awaiting_materials"
    if status == "transferred":
        if rng.random() < 0.7:
            wf.accept(actor, cid, expected_version=version)
            return "accepted"
        wf.return_case(actor, cid, "不属本部门", expected_version=version)
        return "returned"
    if status == "awaiting_materials":
        wf.supply_materials(actor, cid, expected_version=version)
        return "materials_supplied"
    if status == "escalated":
        wf.leader_assign(actor, cid, department, expected_version=version)
        return "assigned"
    raise AssertionError(f"unexpected status {status}")


def w_update(target: str, actor: int, case_ids: list[int], rounds: int, department: int,
             seed: int, pause: float, *, barrier: Any) -> dict[str, Any]:
    register.open_register(target)
    rng = random.Random(seed)
    barrier.wait(timeout=120)
    successes: list[tuple[int, int, str, int]] = []
    refusals: Counter[str] = Counter()
    messages: set[str] = set()
    for _ in range(rounds):
        for cid in case_ids:
            status, version = Case.select(Case.status, Case.version).where(
                Case.id == cid).tuples().get()
            time.sleep(pause)  # the clerk looks at the case, then acts on what was shown
            try:
                event = _update_step(actor, cid, status, version, department, rng)
            except StorageError as exc:
                refusals[f"storage:{exc.code}"] += 1
                continue
            except DomainError as exc:
                _refusal(exc, refusals, messages)
                continue
            successes.append((cid, version, event, actor))
    register.close_register()
    return {"successes": successes, "refusals": dict(refusals), "messages": sorted(messages)}


def _now_text() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")


def w_naive_accept(target: str, actor: int, case_ids: list[int], pause: float, *,
                   barrier: Any) -> dict[str, Any]:
    """The control: read the status, pause a hair, then UPDATE without any condition."""
    register.open_register(target)
    p = db.param
    barrier.wait(timeout=120)
    won: list[int] = []
    for cid in case_ids:
        with db.atomic():
            (status,) = db.execute_sql(f'SELECT status FROM "case" WHERE id = {p}', (cid,)).fetchone()
        if status != "transferred":
            continue
        time.sleep(pause)
        with db.atomic():
            db.execute_sql(f'UPDATE "case" SET status = {p}, handler_id = {p}, version = version + 1 '
                           f"WHERE id = {p}", ("in_progress", actor, cid))
            db.execute_sql("INSERT INTO case_event (case_id, type, actor_id, status_after, note, "
                           f"data, at) VALUES ({p}, 'accepted', {p}, 'in_progress', 'naive', '', {p})",
                           (cid, actor, _now_text()))
        won.append(cid)
    register.close_register()
    return {"won": won}


def w_naive_visits(target: str, case_ids: list[int], pause: float, *,
                   barrier: Any) -> dict[str, Any]:
    """The control for lost updates: visit_count = (what I read) + 1, unconditionally."""
    register.open_register(target)
    p = db.param
    barrier.wait(timeout=120)
    done = 0
    for cid in case_ids:
        with db.atomic():
            (count,) = db.execute_sql(f'SELECT visit_count FROM "case" WHERE id = {p}',
                                      (cid,)).fetchone()
        time.sleep(pause)
        with db.atomic():
            db.execute_sql(f'UPDATE "case" SET visit_count = {p} WHERE id = {p}', (count + 1, cid))
        done += 1
    register.close_register()
    return {"increments": done}


def w_restart_client(target: str, actor: int, seconds: float, tag: str, *,
                     barrier: Any) -> dict[str, Any]:
    """A window registering in a loop while the server is stopped and started: each save
    runs as the window runs it (run_retrying); refused saves are counted, acknowledged ones
    kept as "NUMBER HASH". The client never reopens the register itself."""
    from models.database import run_retrying

    register.open_register(target)
    barrier.wait(timeout=120)
    acked: list[str] = []
    refused: Counter[str] = Counter()
    after_restart = 0
    saw_failure = False
    stop = time.monotonic() + seconds
    i = 0
    while time.monotonic() < stop:
        form = durable_form(f"{tag}-{i}")
        i += 1
        try:
            number = run_retrying(lambda form=form: register_case(actor, form).number)
        except StorageError as exc:
            refused[exc.code] += 1
            saw_failure = True
            time.sleep(0.2)
            continue
        acked.append(f"{number} {form_hash(form)}")
        after_restart += int(saw_failure)
    try:
        register.close_register()
    except Exception:  # noqa: BLE001 — the anchor at close may meet a server going away
        pass
    return {"acknowledged": acked, "refused": dict(refused), "after_restart": after_restart}


def w_fuzz(backend: str, folder: str, fields: list[str], examples: int, pg_url: str, *,
           barrier: Any) -> dict[str, Any]:
    """One fuzzing process with a register of its own (the bench runs one per core)."""
    from tests import conftest
    from tests.helpers import make_item
    from tests.test_fields_fuzz import FieldFuzzer

    conftest.PG_URL = pg_url
    register.set_clock(lambda: datetime(2026, 11, 26, 9, 30))
    conftest.open_backend(backend, Path(folder))
    org = conftest.make_org()
    make_item(org.market)
    barrier.wait(timeout=120)
    table = FieldFuzzer(org.clerk).fuzz_fields(fields, examples)
    audit_report = audit.verify()
    register.close_register()
    return {"table": table, "audit_rows": audit_report.rows, "audit_ok": audit_report.ok}


# ---- race orchestration (parent side) ----------------------------------------------------------


def add_staff(prefix: str, role: str, department_id: int | None, n: int) -> list[int]:
    """`n` active staff members of one role (racing processes act as different people)."""
    from core.admin.staff import create_staff

    return [create_staff(f"{prefix}{i}", f"{prefix}{i}", role, "secret123", department_id).id
            for i in range(n)]


def setup_cases(actor: int, n: int, scope: Scope, tag: str) -> list[int]:
    """`n` cases registered through the real intake, all with the same scope decision."""
    return [register_case(actor, IntakeForm(
        channel="visit", kind="application", subject=f"竞争 {tag}-{i}", visitor_name="张三",
        visitor_phone="13800138000", scope=scope)).id for i in range(n)]


def allow_many_handovers(admin: int) -> None:
    """The update race passes cases back and forth; keep the 踢皮球 guard out of its way."""
    # Beyond what an administrator may set (core.admin.settings.LIMITS): written directly.
    from models.tables import Organisation

    settings = register.org_settings().with_changes(max_handovers=1_000_000)
    Organisation.update(settings=settings.to_json()).execute()
    register.invalidate()


def race_register(target: str, actors: Sequence[int], per_process: int) -> dict[str, Any]:
    register.close_register()
    t0 = time.monotonic()
    results = run_processes("w_register", [(target, a, per_process, f"p{i}")
                                           for i, a in enumerate(actors)])
    seconds = time.monotonic() - t0
    register.open_register(target)
    numbers = [n for r in results for n in r["numbers"]]
    stored = {n for (n,) in Case.select(Case.number).where(Case.subject.startswith("并发登记"))
              .tuples()}
    without_event = Case.select().where(Case.subject.startswith("并发登记")
                                        & ~pw_exists("registered")).count()
    return {
        "processes": len(actors), "attempted": len(actors) * per_process,
        "acknowledged": len(numbers), "unique": len(set(numbers)),
        "duplicate_numbers": len(numbers) - len(set(numbers)),
        "lost": len(set(numbers) - stored), "stored": len(stored),
        "gaps": number_gaps(stored), "without_registered_event": without_event,
        "locked_retries": sum(r["locked_retries"] for r in results),
        "errors": [e for r in results for e in r["errors"]], "seconds": round(seconds, 2),
    }


def race_accept(target: str, actors: Sequence[int], case_ids: list[int]) -> dict[str, Any]:
    register.close_register()
    t0 = time.monotonic()
    results = run_processes("w_accept", [(target, a, case_ids) for a in actors])
    seconds = time.monotonic() - t0
    register.open_register(target)
    winners: dict[int, list[int]] = defaultdict(list)
    for r in results:
        for cid in r["won"]:
            winners[cid].append(r["actor"])
    events = Counter(cid for (cid,) in CaseEvent.select(CaseEvent.case).where(
        (CaseEvent.type == "accepted") & CaseEvent.case.in_(case_ids)).tuples())
    handlers = dict(Case.select(Case.id, Case.handler).where(Case.id.in_(case_ids)).tuples())
    refusals: Counter[str] = Counter()
    for r in results:
        refusals.update(r["refusals"])
    return {
        "processes": len(actors), "cases": len(case_ids),
        "attempts": len(actors) * len(case_ids),
        "accepted": sum(len(w) for w in winners.values()),
        "double_accepts": sum(1 for cid in case_ids if len(winners[cid]) > 1 or events[cid] > 1),
        "never_accepted": sum(1 for cid in case_ids if not winners[cid]),
        "handler_mismatch": sum(1 for cid in case_ids
                                if winners[cid] and handlers[cid] != winners[cid][0]),
        "refusals": dict(refusals),
        "messages": sorted({m for r in results for m in r["messages"]}),
        "locked_retries": sum(r["locked_retries"] for r in results),
        "seconds": round(seconds, 2),
    }


def race_update(target: str, actors: Sequence[int], case_ids: list[int], rounds: int,
                department: int, pause: float = 0.001) -> dict[str, Any]:
    """Version-checked transitions racing; each success must be exactly one event, in order."""
    register.close_register()
    t0 = time.monotonic()
    start = _versions(target, case_ids)
    results = run_processes("w_update", [(target, a, case_ids, rounds, department, i, pause)
                                         for i, a in enumerate(actors)])
    seconds = time.monotonic() - t0
    register.open_register(target)
    by_case: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for r in results:
        for cid, version, event, actor in r["successes"]:
            by_case[cid].append((version, event, actor))
    final = dict(Case.select(Case.id, Case.version).where(Case.id.in_(case_ids)).tuples())
    history: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for cid, kind, actor in (CaseEvent.select(CaseEvent.case, CaseEvent.type, CaseEvent.actor)
                             .where(CaseEvent.case.in_(case_ids)).order_by(CaseEvent.id).tuples()):
        history[cid].append((kind, actor))
    lost = version_mismatch = 0
    for cid in case_ids:
        claimed = sorted(by_case[cid])
        base = start[cid]
        later = history[cid][base:]  # events after the ones the start version counts
        recorded = Counter((base + k, kind, actor) for k, (kind, actor) in enumerate(later))
        lost += sum((Counter(claimed) - recorded).values())
        if final[cid] != base + len(claimed) or len(later) != len(claimed):
            version_mismatch += 1
    refusals: Counter[str] = Counter()
    for r in results:
        refusals.update(r["refusals"])
    succeeded = sum(len(v) for v in by_case.values())
    return {
        "processes": len(actors), "cases": len(case_ids), "rounds": rounds,
        "attempts": len(actors) * len(case_ids) * rounds, "succeeded": succeeded,
        "lost_updates": lost, "version_mismatches": version_mismatch,
        "refusals": dict(refusals),
        "messages": sorted({m for r in results for m in r["messages"]}),
        "seconds": round(seconds, 2),
    }


def _versions(target: str, case_ids: list[int]) -> dict[int, int]:
    register.open_register(target)
    try:
        return dict(Case.select(Case.id, Case.version).where(Case.id.in_(case_ids)).tuples())
    finally:
        register.close_register()


def naive_control(target: str, actors: Sequence[int], accept_ids: list[int],
                  visit_ids: list[int], pause: float = 0.002) -> dict[str, Any]:
    """The same races without the conditional UPDATE: must show double accepts and lost
    updates, or the real race tests could not fail."""
    register.close_register()
    results = run_processes("w_naive_accept", [(target, a, accept_ids, pause) for a in actors])
    visits = run_processes("w_naive_visits", [(target, visit_ids, pause) for _ in actors])
    register.open_register(target)
    events = Counter(cid for (cid,) in CaseEvent.select(CaseEvent.case).where(
        (CaseEvent.type == "accepted") & CaseEvent.case.in_(accept_ids)).tuples())
    counts = dict(Case.select(Case.id, Case.visit_count).where(Case.id.in_(visit_ids)).tuples())
    increments = sum(r["increments"] for r in visits)
    return {
        "processes": len(actors), "cases": len(accept_ids),
        "claimed_accepts": sum(len(r["won"]) for r in results),
        "double_accepts": sum(1 for cid in accept_ids if events[cid] > 1),
        "visit_increments": increments,
        "lost_updates": increments - sum(counts[c] - 1 for c in visit_ids),
    }


__all__ = ["CLEAR_MESSAGES", "EXPECTED_PRAGMAS", "KillLoop", "clean_verdict", "disk_full_trial",
           "disk_full_trials", "durable_form", "kill_loop", "naive_control", "pragma_survey", "race_accept",
           "race_register", "race_update", "readonly_trial", "run_processes", "table_counts",
           "verify_register"]
