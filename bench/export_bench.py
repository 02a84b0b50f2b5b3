"""A month's register export at scale, three ways (issue 17.3: "measure both, keep the faster"):

- openpyxl's write-only mode (what the register export used before),
- XlsxWriter in constant-memory mode through its per-cell API (write_string / write_number /
  write_datetime with formats),
- core.infra.xlsx_book: XlsxWriter in constant-memory mode, table rows rendered as sheet XML in one
  pass and handed to the worksheet's row stream (what the program uses).

The same rows (read once, in memory) go to each writer; the program's whole export
(query + writing + formatting) is timed too. Median of N runs, wall and CPU time.

    python bench/export_bench.py --db /path/to/1m.db --month 2026-11 --runs 5 --json out.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def openpyxl_write_only(rows: list[tuple[Any, ...]], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from core.exports import REGISTER_COLUMNS
    from core.infra.xlsx_book import NUMBER_FORMATS

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("事项登记簿")
    ws.append([c.head for c in REGISTER_COLUMNS])
    fmts = [NUMBER_FORMATS.get(c.fmt) for c in REGISTER_COLUMNS]
    for row in rows:
        out = []
        for value, fmt in zip(row, fmts, strict=True):
            if fmt and value is not None:
                cell = WriteOnlyCell(ws, value)
                cell.number_format = fmt
                out.append(cell)
            else:
                out.append(value)
        ws.append(out)
    wb.save(str(path))


def xlsxwriter_api(rows: list[tuple[Any, ...]], path: Path) -> None:
    import xlsxwriter

    from core.exports import REGISTER_COLUMNS
    from core.infra.xlsx_book import NUMBER_FORMATS

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("事项登记簿")
    fmts = [wb.add_format({"num_format": NUMBER_FORMATS[c.fmt]}) if c.fmt in NUMBER_FORMATS
            else None for c in REGISTER_COLUMNS]
    for c, col in enumerate(REGISTER_COLUMNS):
        ws.write_string(0, c, col.head)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                ws.write_string(r, c, value)
            elif isinstance(value, datetime | date):
                ws.write_datetime(r, c, value, fmts[c])
            else:
                ws.write_number(r, c, value, fmts[c])
    wb.close()


def xlsx_book(rows: list[tuple[Any, ...]], path: Path) -> None:
    from core.exports import REGISTER_COLUMNS
    from core.infra.xlsx_book import Book

    with Book(path, title="事项登记簿", org="bench", period="bench") as book:
        book.table("事项登记簿", REGISTER_COLUMNS, rows, caption=("事项登记簿",))


def timed(fn: Any, runs: int) -> dict[str, float]:
    walls, cpus = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return {"wall_s": round(statistics.median(walls), 3), "cpu_s": round(statistics.median(cpus), 3),
            "runs": runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--month", default="2026-11")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    from core import register
    from core.exports import _register_rows, export_register
    from core.supervision.statistics import Period

    register.open_register(args.db, create=False)
    period = Period.month(args.month)
    rows = list(_register_rows(period, False))
    out = Path(tempfile.mkdtemp(prefix="firstdesk-export-bench-"))
    results: dict[str, Any] = {"month": args.month, "rows": len(rows),
                               "columns": len(rows[0]) if rows else 0}
    results["query"] = timed(lambda: list(_register_rows(period, False)), args.runs)
    for name, writer in (("openpyxl_write_only", openpyxl_write_only),
                         ("xlsxwriter_constant_memory_api", xlsxwriter_api),
                         ("xlsx_book_streamed", xlsx_book)):
        results[name] = timed(lambda w=writer, n=name: w(rows, out / f"{n}.xlsx"), args.runs)
        results[name]["bytes"] = (out / f"{name}.xlsx").stat().st_size
        print(name, results[name], flush=True)
    results["export_register_total"] = timed(
        lambda: export_register(period, out / "register.xlsx", actor_id=None), args.runs)
    print("export_register_total", results["export_register_total"])
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
