"""Backup of a large register while another window writes once a second (issue 17).

    python bench/backup_bench.py --db REGISTER [--dest FOLDER] [--json FILE]

Runs core.infra.backup.backup (one pass of SQLite's online backup, then quick_check of the copy)
while a second connection commits a change every second, and prints the copy and check
times, the writes that went through meanwhile and the backup's size.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from core import register
    from core.infra.backup import backup

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", required=True)
    p.add_argument("--dest", default=tempfile.gettempdir())
    p.add_argument("--json")
    args = p.parse_args(argv)
    register.open_register(args.db, create=False)
    stop = threading.Event()
    writes = [0]

    def writer() -> None:  # another window: one small commit a second
        conn = sqlite3.connect(args.db, timeout=30)
        while not stop.wait(1.0):
            conn.execute("INSERT INTO calendar_override (day, workday, name) VALUES "
                         "('2099-01-01', 1, 'bench') ON CONFLICT (day) DO UPDATE SET "
                         "name = excluded.name || ''")
            conn.commit()
            writes[0] += 1
        conn.execute("DELETE FROM calendar_override WHERE day = '2099-01-01'")
        conn.commit()
        conn.close()

    phases: dict[str, float] = {}
    started = time.perf_counter()

    def progress(phase: str, _fraction: float | None) -> None:
        phases.setdefault(phase, time.perf_counter() - started)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        path = backup(Path(args.dest), progress=progress, actor_id=None)
    finally:
        stop.set()
        thread.join()
    total = time.perf_counter() - started
    copy = phases.get("verify", total)
    result = {"register_bytes": Path(args.db).stat().st_size, "backup_bytes": path.stat().st_size,
              "copy_s": round(copy, 1), "check_s": round(total - copy, 1),
              "total_s": round(total, 1), "writes_during": writes[0]}
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    path.unlink()
    Path(f"{path}.manifest.json").unlink(missing_ok=True)
    register.close_register()
    return 0


if __name__ == "__main__":
    sys.exit(main())
