"""FirstDesk benchmarks at the scale of a large centre, each next to its floor.

    python bench/run.py [--cases N] [--db PATH] [--json FILE] [--markdown FILE]
                        [--repeat R] [--cold-repeat C] [--no-gui]

Generates (or reuses) a register of N cases through the project's own demo code, then
measures each operation as the median of R runs in this process, beside its floor measured
in the same run: the fastest raw way to produce the same result (bench/floors.py — mostly
the program's own statements sent through a bare sqlite3 connection; for a slip, a ReportLab
canvas with the same CJK font and text; for the window, an empty one or a bare table).
Query figures are also taken cold: the page cache dropped (`/proc/sys/vm/drop_caches`,
else the register's pages evicted) and both connections opened afresh before each run.
Start-up, backup and export rows come from their own benchmarks' results files.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from bench import floors  # noqa: E402
from core import register  # noqa: E402
from core.admin.demo import build_demo  # noqa: E402
from core.cases import paging  # noqa: E402
from core.cases import workflow as wf  # noqa: E402
from core.cases.intake import register_case  # noqa: E402
from core.cases.queries import CaseFilter, count_cases, where_sql  # noqa: E402
from core.dto import IntakeForm, MaterialInput, Scope  # noqa: E402
from models.database import db  # noqa: E402
from models.tables import Case  # noqa: E402

PAGE = paging.PAGE_SIZE


@dataclass
class Result:
    operation: str
    median_ms: float
    floor_ms: float | None
    floor: str  # what the floor is
    cases: int
    cold_ms: float | None = None
    cold_floor_ms: float | None = None

    @property
    def ratio(self) -> float | None:
        return round(self.median_ms / self.floor_ms, 2) if self.floor_ms else None

    @property
    def cold_ratio(self) -> float | None:
        return (round(self.cold_ms / self.cold_floor_ms, 2)
                if self.cold_ms and self.cold_floor_ms else None)


# ---- timing ---------------------------------------------------------------------------------

def timed(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm caches the way a clerk's second look would
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(samples), 3)


def fastest_of(candidates: list[Callable[[], object]], repeat: int) -> float:
    return min(timed(fn, repeat) for fn in candidates)


class Cold:
    """Each run starts cold: the page cache dropped, the program's and the floor's
    connections opened afresh (SQLite's own cache goes with them)."""

    def __init__(self, path: str, raw: list[sqlite3.Connection]) -> None:
        self.path, self.raw, self.method = path, raw, ""

    def drop(self) -> None:
        db.close()
        self.raw[0].close()
        os.sync()
        try:
            Path("/proc/sys/vm/drop_caches").write_text("1\n")
            self.method = "drop_caches"
        except OSError:
            for suffix in ("", "-wal"):
                with contextlib.suppress(OSError):
                    fd = os.open(self.path + suffix, os.O_RDONLY)
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                    os.close(fd)
            self.method = "posix_fadvise(DONTNEED) on the register"
        self.raw[0] = raw_connection(self.path)

    def timed(self, fn: Callable[[], object], repeat: int) -> float:
        samples = []
        for _ in range(repeat):
            self.drop()
            t = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - t) * 1000)
        return round(statistics.median(samples), 3)


def raw_connection(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=wal", "synchronous=2", "foreign_keys=1", "busy_timeout=5000",
                   "cache_size=-32000", "recursive_triggers=1"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


# ---- the rows -----------------------------------------------------------------------------------

def query_rows(raw: list[sqlite3.Connection], cold: Cold | None, n: int, repeat: int,
               cold_repeat: int) -> list[Result]:
    sample = (Case.select().where((Case.visitor_phone != "") & (Case.visitor_phone != "13800001111")
                                  & ~Case.number.startswith("F"))
              .order_by(Case.id.desc()).first())
    dep = sample.department_id
    lists = [
        ("open cases: count and first page", CaseFilter(), "the same page and tally SUM"),
        ("department + overdue: count and first page",
         CaseFilter(department_id=dep, overdue=True), "the same page and COUNT"),
        ("search by phone", CaseFilter(scope="all", text=sample.visitor_phone), "the same page"),
        ("search by case number", CaseFilter(scope="all", text=sample.number), "the same page"),
        ("search by visitor name (all matches)",
         CaseFilter(scope="all", text=sample.visitor_name[:1]), "fastest raw page + exact count"),
        ("search by a word of the matter (all matches)", CaseFilter(scope="all", text="漏水"),
         "fastest raw page + exact count"),
        ("search by a long word (all matches)", CaseFilter(scope="all", text="营业执照"),
         "fastest raw page + exact count"),
    ]
    out = []
    for name, f, what in lists:
        def program(f: CaseFilter = f) -> object:
            return paging.open_list(f, PAGE)

        total = program()[0]
        out.append(measure(f"{name} [{total:,}]", program, raw, cold, n, repeat, cold_repeat,
                           what, alternatives=_word_search_alternatives(raw, f)
                           if "all matches" in name else ()))
    for name, f in (("overdue count", CaseFilter(overdue=True)),
                    ("due-today count", CaseFilter(due_today=True))):
        out.append(measure(name, lambda f=f: count_cases(f), raw, cold, n, repeat, cold_repeat,
                           "the same COUNT"))
    out += page_rows(raw, cold, n, repeat, cold_repeat)
    out += statistics_rows(raw, cold, n, repeat, cold_repeat)
    return out


def _word_search_alternatives(raw: list[sqlite3.Connection],
                              f: CaseFilter) -> tuple[Callable[[], object], ...]:
    """Another raw way to a word search's first page and exact count: COUNT over the
    matches, and the page straight from them (no list of every match kept)."""
    where, params = where_sql(f)
    cols = paging.ROW_COLUMNS
    page = (f'SELECT {cols} FROM "case" WHERE {where} ORDER BY registered_at DESC, id DESC '
            f"LIMIT {PAGE}")
    count = f'SELECT COUNT(*) FROM "case" WHERE {where}'

    def run() -> None:
        raw[0].execute(count, params).fetchone()
        raw[0].execute(page, params).fetchall()
    return (run,)


def measure(name: str, program: Callable[[], object], raw: list[sqlite3.Connection],
            cold: Cold | None, n: int, repeat: int, cold_repeat: int, what: str,
            alternatives: tuple[Callable[[], object], ...] = ()) -> Result:
    """The program, and its floor: its own statements replayed raw (or a faster raw way)."""
    program()
    _, statements = floors.record(program)

    def replay() -> None:
        floors.replay_reads(raw[0], statements)()

    candidates = [replay, *alternatives]
    result = Result(name, timed(program, repeat), fastest_of(candidates, repeat),
                    f"raw sqlite3: {what}", n)
    if cold is not None:
        result.cold_ms = cold.timed(program, cold_repeat)
        result.cold_floor_ms = min(cold.timed(c, cold_repeat) for c in candidates)
    return result


def page_rows(raw: list[sqlite3.Connection], cold: Cold | None, n: int, repeat: int,
              cold_repeat: int) -> list[Result]:
    """What the list's worker does when the view jumps: the page map once per order, then
    any page by a seek from where it starts."""
    out = []
    for label, f in (("by registration", CaseFilter()),
                     ("sorted by visitor", CaseFilter(sort="visitor", descending=False))):
        pages = paging.page_map(f, PAGE)
        out.append(measure(f"open list {label}: page map [{pages.total:,} rows]",
                           lambda f=f: paging.page_map(f, PAGE), raw, cold, n,
                           max(3, repeat // 3), cold_repeat, "the same ordered pass"))
        middle = pages.pages // 2
        out.append(measure(f"open list {label}: the middle page (worker)",
                           lambda f=f, pages=pages, m=middle: paging.read_page(f, pages, m),
                           raw, cold, n, repeat, cold_repeat, "the same seek"))
    return out


def statistics_rows(raw: list[sqlite3.Connection], cold: Cold | None, n: int, repeat: int,
                    cold_repeat: int) -> list[Result]:
    from core.supervision.statistics import Period, department_stats

    today = register.now().date()
    last_month_end = today.replace(day=1) - timedelta(days=1)
    month = Period.month(f"{last_month_end:%Y-%m}")
    year = Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    return [
        measure(f"statistics, a full past month ({month.label_for('en')})",
                lambda: department_stats(month, actor_id=None), raw, cold, n, repeat, cold_repeat,
                "the same tally reads"),
        measure(f"statistics, a full past year ({year.start.year})",
                lambda: department_stats(year, actor_id=None), raw, cold, n, max(3, repeat // 3), cold_repeat,
                "the same tally reads"),
    ]


def write_rows(raw: list[sqlite3.Connection], n: int, repeat: int) -> list[Result]:
    """Registration and transfer + accept, beside the same statements sent raw."""
    from core.admin.staff import list_departments, list_staff

    staff = list_staff()
    clerk = next(s for s in staff if s.role == "clerk")
    dep = next(d for d in list_departments() if d.id != clerk.department_id)
    handler = next(s for s in staff if s.department_id == dep.id
                   and s.role in ("handler", "dept_head", "clerk"))
    materials = tuple(MaterialInput(f"材料{i}", i % 2 == 0, 1, 2) for i in range(5))
    form = IntakeForm(channel="visit", kind="application", subject="营业执照变更登记",
                      visitor_name="测试", visitor_phone="13800001111", materials=materials,
                      scope=Scope("own"))
    created: list[int] = []

    def reg() -> None:
        created.append(register_case(clerk.id, form).id)

    def transfer_accept(case_id: int) -> None:
        wf.transfer(clerk.id, case_id, dep.id, note="请协助办理")
        wf.accept(handler.id, case_id)

    reg_ms = timed(reg, repeat)
    ta_ms = timed(lambda: transfer_accept(created.pop()), min(repeat, len(created) - 2))
    # The floors: one registration and one transfer + accept recorded, then sent again raw.
    ref, statements = floors.record(lambda: register_case(clerk.id, form))
    registration = floors.WriteReplay(statements, ref.id, ref.number)
    _, handing = floors.record(lambda: transfer_accept(ref.id))
    hand_over = floors.WriteReplay(handing, ref.id, ref.number)
    counter = [time.time_ns()]

    def fresh_number() -> str:
        counter[0] += 1
        return f"F{counter[0]}"

    raw_reg = floors.replay_writes(raw[0], registration, fresh_number)
    raw_hand = floors.replay_writes(raw[0], hand_over, fresh_number)
    made: list[int] = []
    floor_reg = timed(lambda: made.append(raw_reg()), repeat)
    floor_hand = timed(lambda: raw_hand(made.pop()), min(repeat, len(made) - 2))
    return [Result("register a case with 5 materials", reg_ms, floor_reg,
                   f"raw sqlite3: the same {len(statements)} statements in one transaction", n),
            Result("transfer + accept", ta_ms, floor_hand,
                   f"raw sqlite3: the same {len(handing)} statements in two transactions", n)]


def receipt_row(n: int, repeat: int) -> Result:
    from reportlab.pdfgen import canvas

    from core.printing.slips import case_paper, document_for
    from documents.fonts import FONT_NAME, register_fonts
    from documents.render import render

    register_fonts()
    case_id = Case.select(Case.id).where(Case.service_item.is_null(False)).order_by(Case.id.desc()).scalar()
    out = Path(tempfile.mkdtemp()) / "receipt.pdf"
    texts = _strings(document_for(case_id, "receipt", None))

    def receipt() -> None:
        out.write_bytes(render(case_paper(case_id, "receipt", "a5", actor_id=None)))

    def floor() -> None:  # the receipt's words on a canvas, in the same embedded CJK font
        c = canvas.Canvas(str(out))
        c.setFont(FONT_NAME, 9)
        for i, text in enumerate(texts):
            c.drawString(36, 800 - 12 * (i % 60), text)
        c.save()

    return Result("receipt PDF from a saved case", timed(receipt, repeat), timed(floor, repeat),
                  f"ReportLab canvas, same CJK font, the receipt's {len(texts)} texts", n)


def _strings(value: object) -> list[str]:
    """Every text a document dataclass holds (its fields, nested ones, lists)."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    if hasattr(value, "__dataclass_fields__"):
        return [s for name in value.__dataclass_fields__ for s in _strings(getattr(value, name))]
    return []


def file_rows(n: int) -> list[Result]:
    """Start-up, backup and export come from their own benchmarks' results files."""
    out = []
    startup = ROOT / "bench" / "startup-results.json"
    if startup.exists():
        s = json.loads(startup.read_text(encoding="utf-8"))
        fd, fl = s["firstdesk"], s["floor"]
        for kind in ("cold", "warm"):
            out.append(Result(f"start-up: sign-in window shown ({kind}, packaged)",
                              fd[f"{kind}_first_window_median_s"] * 1000,
                              fl[f"{kind}_first_window_median_s"] * 1000,
                              "a bare PySide6 window packaged the same way (bench/startup.py)", n))
        typed = s.get("firstdesk_typed_at_pace", {})
        for kind in ("cold", "warm"):
            for label, data in (("typed at once", fd),
                                (f"Return {s.get('typing_pace_s')} s after the window", typed)):
                after = data.get(f"{kind}_after_sign_in_median_s")
                if after is not None:
                    out.append(Result(f"start-up: main window after Return, {label} "
                                      f"({kind}, packaged)", after * 1000, None,
                                      "— (target 600 ms; the password check included)", n))
    backup = ROOT / "bench" / "backup-results-1m.json"
    if backup.exists():
        b = json.loads(backup.read_text(encoding="utf-8"))
        out.append(Result("backup of the register, checked (one write a second meanwhile)",
                          b["total_s"] * 1000, b.get("floor_s", b["copy_s"]) * 1000
                          if b.get("floor_s") or b.get("copy_s") else None,
                          "the copy alone (bench/backup_bench.py)", n))
    export = ROOT / "bench" / "export-results-1m.json"
    if export.exists():
        out.append(_export_row(json.loads(export.read_text(encoding="utf-8")), n))
    return out


WRITERS = {"openpyxl_write_only": "openpyxl write-only",
           "xlsxwriter_constant_memory_api": "XlsxWriter constant-memory",
           "xlsx_book_streamed": "the streamed rows"}


def _export_row(e: dict, n: int) -> Result:
    """bench/export_bench.py's figures: the program's whole export of a month, beside the
    month's rows read raw plus the fastest of the writers it measured over the same rows."""
    writers = {k: e[k]["wall_s"] for k in WRITERS if k in e}
    best = min(writers, key=writers.__getitem__)
    return Result(f"Excel export of a month [{e['rows']:,} rows]",
                  e["export_register_total"]["wall_s"] * 1000,
                  (e["query"]["wall_s"] + writers[best]) * 1000,
                  f"the month's rows read + the fastest writer of {len(writers)} "
                  f"({WRITERS[best]}; bench/export_bench.py)", n)


def gui_rows(n: int, repeat: int) -> list[Result]:
    from bench.gui_bench import measure_window

    out = []
    for name, ms, floor, what, *cold in measure_window(repeat):
        out.append(Result(name, ms, floor, what, n, *cold))
    return out


def ensure_register(path: str, cases: int) -> int:
    register.open_register(path)
    have = Case.select().count()
    if have < cases:
        print(f"generating {cases - have:,} cases into {path} …", flush=True)
        t = time.perf_counter()
        build_demo(cases - have, extend=True)
        print(f"  done in {time.perf_counter() - t:.0f} s", flush=True)
    return Case.select().count()


def markdown(results: list[Result]) -> str:
    """The README's table: each row with its floor and what the floor is."""
    lines = ["| operation | ms | floor ms | ratio | cold ms | cold floor ms | cold ratio | floor |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]

    def f(v: float | None) -> str:
        if v is None:
            return "—"
        return f"{v:,.0f}" if v >= 100 else f"{v:.1f}" if v >= 1 else f"{v:.3f}"

    for r in results:
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "—"
        cold_ratio = f"{r.cold_ratio:.2f}" if r.cold_ratio is not None else "—"
        lines.append(f"| {r.operation} | {f(r.median_ms)} | {f(r.floor_ms)} | {ratio} | "
                     f"{f(r.cold_ms)} | {f(r.cold_floor_ms)} | {cold_ratio} | {r.floor} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cases", type=int, default=1_000_000)
    p.add_argument("--db", help="register to use (default: a file per size in the temp folder)")
    p.add_argument("--json", help="write the results here as JSON")
    p.add_argument("--markdown", help="write the README's table here")
    p.add_argument("--repeat", type=int, default=15)
    p.add_argument("--cold-repeat", type=int, default=5)
    p.add_argument("--no-cold", action="store_true")
    p.add_argument("--no-gui", action="store_true")
    args = p.parse_args(argv)
    path = args.db or str(Path(tempfile.gettempdir()) / f"firstdesk-bench-{args.cases}.db")
    n = ensure_register(path, args.cases)
    load = [os.getloadavg()[0]]
    raw = [raw_connection(path)]
    cold = None if args.no_cold else Cold(path, raw)
    results = query_rows(raw, cold, n, args.repeat, args.cold_repeat)
    load.append(os.getloadavg()[0])
    results += write_rows(raw, n, args.repeat)
    results.append(receipt_row(n, args.repeat))
    if not args.no_gui:
        results += gui_rows(n, max(5, args.repeat // 2))
    load.append(os.getloadavg()[0])
    results += file_rows(n)
    head = (f"FirstDesk benchmarks — {n:,} cases, {platform.platform()}, {os.cpu_count()} cores, "
            + (f"median of {args.repeat} warm / {args.cold_repeat} cold ({cold.method})"
               if cold else f"median of {args.repeat} runs (no cold runs)")
            + "; load average "
            f"{' → '.join(f'{x:.1f}' for x in load)}")
    table = markdown(results)
    print(f"\n{head}\n\n{table}")
    if args.markdown:
        Path(args.markdown).write_text(f"{head}\n\n{table}", encoding="utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "machine": head, "date": time.strftime("%Y-%m-%d %H:%M"), "load_average": load,
            "results": [{**asdict(r), "ratio": r.ratio, "cold_ratio": r.cold_ratio}
                        for r in results]}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
