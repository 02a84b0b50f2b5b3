"""Renders of the exported workbooks as an office prints them: a fresh demo register, the
statistics workbook and the register of its last full month exported by the program, printed
to PDF by LibreOffice headless and rasterised by pdftoppm into docs/documents/.

    python bench/workbook_renders.py [--cases 2000] [--out docs/documents]

The statistics workbook's first nine pages at 60 dpi (each table readable), the register's
first page at 120 dpi (21 columns on one landscape page: readable when zoomed in).

Needs soffice (Debian: libreoffice-calc) and pdftoppm (poppler-utils)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "documents")
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--register-dpi", type=int, default=120)
    args = parser.parse_args(argv)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None or shutil.which("pdftoppm") is None:
        print("needs soffice (libreoffice-calc) and pdftoppm (poppler-utils)", file=sys.stderr)
        return 2

    from core import register
    from core.admin.demo import build_demo
    from core.exports import export_register, export_tables
    from core.supervision import reports
    from core.supervision.statistics import Period, department_stats

    work = Path(tempfile.mkdtemp(prefix="firstdesk-renders-"))
    register.open_register(str(work / "demo.db"))
    build_demo(args.cases)
    first = date.today().replace(day=1)
    month = Period.month(f"{(first - timedelta(days=1)):%Y-%m}")
    stats = department_stats(month, list_limit=500, actor_id=None)
    books = {"statistics-xlsx": work / "statistics.xlsx", "register-xlsx": work / "register.xlsx"}
    export_tables(reports.stat_tables(stats), books["statistics-xlsx"],
                  title=f"监督统计 {month.label}", period=month.label, actor_id=None)
    export_register(month, books["register-xlsx"], actor_id=None)
    register.close_register()
    subprocess.run([office, f"-env:UserInstallation={(work / 'lo').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work), *map(str, books.values())],
                   check=True, capture_output=True, timeout=300)
    args.out.mkdir(parents=True, exist_ok=True)
    for stem, book in books.items():
        for old in args.out.glob(f"{stem}-p*.png"):
            old.unlink()
        pdf = book.with_suffix(".pdf")
        last, dpi = (9, args.dpi) if stem.startswith("statistics") else (1, args.register_dpi)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", str(last),
                        str(pdf), str(args.out / f"{stem}-p")], check=True)
        print(stem, sorted(p.name for p in args.out.glob(f"{stem}-p*.png")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
