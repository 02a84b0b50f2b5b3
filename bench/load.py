"""How far one register goes: N simulated windows (processes), each doing a clerk's mix,
against one PostgreSQL server or one SQLite file on this machine.

    python bench/load.py --db postgresql://u:p@127.0.0.1/db --windows 4 16 64 --seconds 60
    python bench/load.py --db /tmp/load.db --windows 1 2 4 --seconds 60
    ... --json bench/load-results.json

Each window signs in as a demo clerk or handler and loops: register a walk-in with three
materials and hand it to another department (30 %), look a case up by phone or number (40 %),
accept a hand-over waiting for its department (10 %), read a case with the receipt's data
(10 %), open its inbox counts (10 %). Reported per N: completed operations a second, P50 and
P99 latency per operation, errors (anything but a lost race), and races lost (two windows
accepting the same case: one wins by design).
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
    from core.demo import build_demo
    from models.tables import Case, Organisation

    register.open_register(db)
    if not Organisation.select().exists():
        build_demo(cases, seed=3)
    print(f"register ready: {Case.select().count():,} cases", flush=True)
    register.close_register()


def _window(db: str, slot: int, seconds: float, start_at: float, out: Any) -> None:
    """One window's loop; sends back {op: [latency ms …]}, errors and lost races."""
    from core import register
    from core import workflow as wf
    from core.cases import inbox
    from core.dto import IntakeForm, MaterialInput, Scope
    from core.errors import ConflictError, DomainError
    from core.intake import register_case
    from core.queries import CaseFilter, first_page
    from core.slips import document_for
    from core.staff import list_departments, list_staff
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
    while time.time() < start_at:
        time.sleep(0.01)
    end = time.time() + seconds
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
    out.put({"lat": lat, "errors": errors, "lost": lost})


def run(db: str, windows: int, seconds: float) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    start_at = time.time() + 3 + windows * 0.15  # every window signed in before the clock
    procs = [ctx.Process(target=_window, args=(db, i, seconds, start_at, out))
             for i in range(windows)]
    for p in procs:
        p.start()
    results = [out.get(timeout=seconds + 300) for _ in procs]
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
    done = sum(len(v) for v in lat.values())

    def pct(values: list[float], q: float) -> float | None:
        if not values:
            return None
        ordered = sorted(values)
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    every = [x for v in lat.values() for x in v]
    return {
        "windows": windows, "seconds": seconds, "operations": done,
        "per_second": round(done / seconds, 1),
        "registrations_per_second": round(len(lat.get("register", [])) / seconds, 1),
        "p50_ms": pct(every, 0.5), "p99_ms": pct(every, 0.99),
        "by_operation": {op: {"n": len(v), "p50_ms": pct(v, 0.5), "p99_ms": pct(v, 0.99),
                              "median_ms": round(statistics.median(v), 1) if v else None}
                         for op, v in lat.items()},
        "errors": len(errors), "error_samples": errors[:5], "lost_races": lost,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True, help="postgresql:// URL or a SQLite file")
    p.add_argument("--windows", type=int, nargs="+", default=[4, 16, 64])
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--cases", type=int, default=20_000, help="demo cases to start from")
    p.add_argument("--json", help="write the results here")
    args = p.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _prepare(args.db, args.cases)
    backend = "postgresql" if args.db.startswith("postgres") else "sqlite"
    rows = []
    for n in args.windows:
        r = run(args.db, n, args.seconds)
        r["backend"] = backend
        rows.append(r)
        print(f"{backend}\t{n} windows\t{r['per_second']} ops/s\t"
              f"{r['registrations_per_second']} registrations/s\tP50 {r['p50_ms']} ms\t"
              f"P99 {r['p99_ms']} ms\terrors {r['errors']}\tlost races {r['lost_races']}",
              flush=True)
        for op, s in r["by_operation"].items():
            print(f"\t{op}\tn={s['n']}\tP50 {s['p50_ms']} ms\tP99 {s['p99_ms']} ms")
        if r["error_samples"]:
            print("\t" + "\n\t".join(r["error_samples"]))
    if args.json:
        previous = json.loads(Path(args.json).read_text()) if Path(args.json).exists() else []
        keep = [x for x in previous if x.get("backend") != backend]
        Path(args.json).write_text(json.dumps(keep + rows, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
