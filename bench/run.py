"""FirstDesk benchmarks at the scale of a large centre, each next to its floor.

    python bench/run.py [--cases N] [--db PATH] [--json FILE] [--repeat R] [--no-gui]

Generates (or reuses) a register of N cases through the project's own demo code, then
measures each operation as the median of R runs in this process, beside a floor measured
in the same run (raw sqlite3 with the same indexes, a bare ReportLab canvas, an empty
QMainWindow), and prints operation, median ms, floor ms and ratio; --json writes the same.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from core import register  # noqa: E402
from core import workflow as wf  # noqa: E402
from core.demo import build_demo  # noqa: E402
from core.dto import IntakeForm, MaterialInput, Scope  # noqa: E402
from core.intake import register_case  # noqa: E402
from core.queries import CaseFilter, count_cases, first_page, where_sql  # noqa: E402
from core.vocab import OPEN_STATUSES, RUNNING_STATUSES  # noqa: E402
from models.tables import Case  # noqa: E402

PAGE = 256
ROW_SQL = ("SELECT id, number, registered_at, channel, kind, anonymous, visitor_name, visitor_phone,"
           " subject, service_item_id, department_id, handler_id, first_owner_id, status, due_at,"
           ' visit_count, pending_staff_id, pending_department_id, version FROM "case"')


@dataclass
class Result:
    operation: str
    median_ms: float
    floor_ms: float | None
    cases: int

    @property
    def ratio(self) -> float | None:
        return round(self.median_ms / self.floor_ms, 2) if self.floor_ms else None


def timed(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm caches the way a clerk's second look would
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(samples), 3)


def raw_connection(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=wal", "synchronous=2", "foreign_keys=1", "busy_timeout=5000",
                   "cache_size=-32000"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def compiled(f: CaseFilter) -> tuple[str, tuple]:
    """The WHERE clause core builds for `f`, run raw: a floor of the same query and indexes
    without the program around it (for the word searches, whose UNION has no simpler form)."""
    sql, params = where_sql(f)
    return sql, tuple(params)


def query_benchmarks(raw: sqlite3.Connection, n: int, repeat: int) -> list[Result]:
    now = register.now()
    # A demo case, not one the write benchmarks below added on an earlier run.
    sample = (Case.select().where((Case.visitor_phone != "") & (Case.visitor_phone != "13800001111")
                                  & ~Case.number.startswith("F"))
              .order_by(Case.id.desc()).first())
    dep = sample.department_id
    open_in, run_in = _in(OPEN_STATUSES), _in(RUNNING_STATUSES)
    order = " ORDER BY registered_at DESC, id DESC LIMIT 256"
    now_s = now.isoformat(sep=" ")
    end_s = datetime.combine(now.date() + timedelta(days=1), dtime.min).isoformat(sep=" ")

    def pair(f: CaseFilter) -> Callable[[], object]:
        return lambda: first_page(f, PAGE)

    def raw_pair(where: str, params: tuple = ()) -> Callable[[], object]:
        """The same algorithm as core.queries.first_page: the page, then a COUNT if it is full."""
        def run() -> object:
            rows = raw.execute(f"{ROW_SQL} WHERE {where}{order}", params).fetchall()
            if len(rows) < PAGE:
                return len(rows), rows
            return raw.execute(f'SELECT COUNT(*) FROM "case" WHERE {where}', params).fetchone(), rows
        return run

    cases = [
        ("open cases, first page", CaseFilter(), f"status IN {open_in}", ()),
        ("filter department + overdue", CaseFilter(department_id=dep, overdue=True),
         f"department_id = ? AND status IN {run_in} AND due_at < ?", (dep, now_s)),
        ("search by phone", CaseFilter(scope="all", text=sample.visitor_phone),
         "visitor_phone = ?", (sample.visitor_phone,)),
        ("search by visitor name", CaseFilter(scope="all", text=sample.visitor_name),
         *compiled(CaseFilter(scope="all", text=sample.visitor_name))),
        ("search by case number", CaseFilter(scope="all", text=sample.number),
         "number = ?", (sample.number,)),
        ("search by a word of the matter", CaseFilter(scope="all", text="漏水"),
         *compiled(CaseFilter(scope="all", text="漏水"))),
    ]
    out = []
    for name, flt, where, params in cases:
        out.append(Result(name, timed(pair(flt), repeat), timed(raw_pair(where, params), repeat), n))
    out.append(Result("overdue count", timed(lambda: count_cases(CaseFilter(overdue=True)), repeat),
                      timed(lambda: raw.execute(f'SELECT COUNT(*) FROM "case" WHERE status IN {run_in} '
                                                "AND due_at < ?", (now_s,)).fetchone(), repeat), n))
    out.append(Result("due-today count", timed(lambda: count_cases(CaseFilter(due_today=True)), repeat),
                      timed(lambda: raw.execute(f'SELECT COUNT(*) FROM "case" WHERE status IN {run_in} '
                                                "AND due_at >= ? AND due_at < ?", (now_s, end_s)).fetchone(),
                            repeat), n))
    out.extend(statistics_benchmarks(raw, n, repeat))
    return out


def statistics_benchmarks(raw: sqlite3.Connection, n: int, repeat: int) -> list[Result]:
    try:
        from core import statistics as stats_mod
    except ImportError:
        return []
    month_fn = getattr(stats_mod, "department_stats", None)
    period_cls = getattr(stats_mod, "Period", None)
    if month_fn is None or period_cls is None:
        return []
    period = period_cls.month(register.now().strftime("%Y-%m"))
    start = period.start.isoformat()
    end = (period.end + timedelta(days=1)).isoformat()
    floor = timed(lambda: raw.execute(
        'SELECT department_id, status, COUNT(*) FROM "case" WHERE registered_at >= ? '
        "AND registered_at < ? GROUP BY department_id, status", (start, end)).fetchall(), repeat)
    return [Result("monthly statistics per department", timed(lambda: month_fn(period), repeat),
                   floor, n)]


def write_benchmarks(raw: sqlite3.Connection, n: int, repeat: int) -> list[Result]:
    from core.staff import list_departments, list_staff

    staff = list_staff()
    clerk = next(s for s in staff if s.role == "clerk")
    dep = next(d for d in list_departments() if d.id != clerk.department_id)
    handler = next(s for s in staff if s.department_id == dep.id and s.role in ("handler", "dept_head", "clerk"))
    materials = tuple(MaterialInput(f"材料{i}", i % 2 == 0, 1, 2) for i in range(5))
    created: list[int] = []

    def reg() -> None:
        ref = register_case(clerk.id, IntakeForm(
            channel="visit", kind="application", subject="营业执照变更登记", visitor_name="测试",
            visitor_phone="13800001111", materials=materials,
            scope=Scope("own")))
        created.append(ref.id)

    def transfer_accept() -> None:
        cid = created.pop()
        wf.transfer(clerk.id, cid, dep.id, note="请协助办理")
        wf.accept(handler.id, cid)

    reg_ms = timed(reg, repeat)
    ta_ms = timed(transfer_accept, min(repeat, len(created) - 1))
    counter = [time.time_ns()]  # floor case numbers unique across runs on the same register

    def raw_reg() -> None:
        counter[0] += 1
        now = datetime.now().isoformat(sep=" ", timespec="seconds")
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO case_counter (day, last) VALUES ('19990101', 1) ON CONFLICT (day) "
                    "DO UPDATE SET last = case_counter.last + 1 RETURNING last").fetchone()
        cur = raw.execute(
            'INSERT INTO "case" (number, channel, kind, anonymous, visitor_name, visitor_phone, '
            "visitor_unit, subject, description, first_owner_id, status, registered_at, due_at, "
            "extended, visit_count, handover_count, result, version, updated_at) VALUES "
            "(?, 'visit', 'application', 0, '测试', '13800001111', '', '营业执照变更登记', '', ?, "
            "'registered', ?, ?, 0, 1, 0, '', 1, ?)", (f"F{counter[0]}", clerk.id, now, now, now))
        cid = cur.lastrowid
        raw.executemany("INSERT INTO received_material (case_id, position, name, original, copies, "
                        "pages, received) VALUES (?, ?, ?, 1, 1, 2, 1)",
                        [(cid, i, f"材料{i}") for i in range(5)])
        raw.execute("INSERT INTO case_event (case_id, type, actor_id, status_after, note, data, at) "
                    "VALUES (?, 'registered', ?, 'registered', '', '', ?)", (cid, clerk.id, now))
        raw.execute("INSERT INTO case_text (rowid, grams) VALUES (?, '营业 业执 执照')", (cid,))
        raw.execute("COMMIT")

    floor_reg = timed(raw_reg, repeat)
    last = [raw.execute('SELECT MAX(id) FROM "case"').fetchone()[0]]

    def raw_accept() -> None:
        now = datetime.now().isoformat(sep=" ", timespec="seconds")
        raw.execute("BEGIN IMMEDIATE")
        raw.execute('UPDATE "case" SET status = ?, pending_department_id = ?, version = version + 1 '
                    "WHERE id = ? AND version = version", ("transferred", dep.id, last[0]))
        raw.execute("INSERT INTO case_event (case_id, type, actor_id, status_after, note, data, at) "
                    "VALUES (?, 'transferred', ?, 'transferred', '', '', ?)", (last[0], clerk.id, now))
        raw.execute("COMMIT")
        raw.execute("BEGIN IMMEDIATE")
        raw.execute('UPDATE "case" SET status = ?, handler_id = ?, version = version + 1 '
                    "WHERE id = ? AND version = version", ("in_progress", handler.id, last[0]))
        raw.execute("INSERT INTO case_event (case_id, type, actor_id, status_after, note, data, at) "
                    "VALUES (?, 'accepted', ?, 'in_progress', '', '', ?)", (last[0], handler.id, now))
        raw.execute("COMMIT")

    floor_ta = timed(raw_accept, repeat)
    return [Result("register a case with 5 materials", reg_ms, floor_reg, n),
            Result("transfer + accept", ta_ms, floor_ta, n)]


def receipt_benchmark(n: int, repeat: int) -> list[Result]:
    from reportlab.pdfgen import canvas

    from core.slips import case_paper
    from documents.fonts import register_fonts
    from documents.render import render

    register_fonts()
    case_id = Case.select(Case.id).where(Case.service_item.is_null(False)).order_by(Case.id.desc()).scalar()
    out = Path(tempfile.mkdtemp()) / "receipt.pdf"

    def receipt() -> None:
        out.write_bytes(render(case_paper(case_id, "receipt", "a5", actor_id=None)))

    def floor() -> None:
        c = canvas.Canvas(str(out))
        c.drawString(72, 720, "20261126-0007")
        c.save()

    return [Result("receipt PDF from a saved case", timed(receipt, repeat), timed(floor, repeat), n)]


def gui_benchmarks(n: int, repeat: int) -> list[Result]:
    from bench.gui_bench import measure_window

    return [Result(name, ms, floor, n) for name, ms, floor in measure_window(repeat)]


def ensure_register(path: str, cases: int) -> int:
    register.open_register(path)
    have = Case.select().count()
    if have < cases:
        print(f"generating {cases - have:,} cases into {path} …", flush=True)
        t = time.perf_counter()
        build_demo(cases - have, extend=True)
        print(f"  done in {time.perf_counter() - t:.0f} s", flush=True)
    return Case.select().count()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cases", type=int, default=1_000_000)
    p.add_argument("--db", help="register to use (default: a file per size in the temp folder)")
    p.add_argument("--json", help="write the results here as JSON")
    p.add_argument("--repeat", type=int, default=15)
    p.add_argument("--no-gui", action="store_true")
    args = p.parse_args(argv)
    path = args.db or str(Path(tempfile.gettempdir()) / f"firstdesk-bench-{args.cases}.db")
    n = ensure_register(path, args.cases)
    raw = raw_connection(path)
    results = query_benchmarks(raw, n, args.repeat)
    results += write_benchmarks(raw, n, args.repeat)
    results += receipt_benchmark(n, args.repeat)
    if not args.no_gui:
        results += gui_benchmarks(n, max(3, args.repeat // 3))
    print(f"\nFirstDesk benchmarks — {n:,} cases, {os.cpu_count()} cores, median of {args.repeat}\n")
    print(f"| {'operation':<38} | {'median ms':>10} | {'floor ms':>9} | {'ratio':>6} |")
    print(f"|{'-' * 40}|{'-' * 12}|{'-' * 11}|{'-' * 8}|")
    for r in results:
        floor = f"{r.floor_ms:.2f}" if r.floor_ms is not None else "—"
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "—"
        print(f"| {r.operation:<38} | {r.median_ms:>10.2f} | {floor:>9} | {ratio:>6} |")
    if args.json:
        Path(args.json).write_text(json.dumps(
            [{"operation": r.operation, "median_ms": r.median_ms, "floor_ms": r.floor_ms,
              "ratio": r.ratio, "cases": r.cases} for r in results], ensure_ascii=False, indent=2),
            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
