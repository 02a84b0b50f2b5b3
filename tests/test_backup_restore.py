"""Backups taken while another process keeps registering cases are whole and consistent;
a restore replaces the register, and the command line asks before it does."""

from __future__ import annotations

import multiprocessing as mp
import re
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from core import register
from core.dto import Scope
from core.infra import backup as backups
from models.database import is_sqlite
from models.tables import Case
from tests.helpers import ORG_ADMIN, walk_in
from tests.subprocesses import OUTPUT_ENCODING, program_env
from tests.workers import register_many

ROOT = Path(__file__).resolve().parent.parent
WRITES = 120


def sqlite_counts(path: Path) -> tuple[int, int, int, int]:
    """(cases, 'registered' events, sum of the per-day number counters, integrity ok)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        cases = conn.execute('SELECT COUNT(*) FROM "case"').fetchone()[0]
        events = conn.execute(
            "SELECT COUNT(*) FROM case_event WHERE type = 'registered'").fetchone()[0]
        numbers = conn.execute("SELECT COALESCE(SUM(last), 0) FROM case_counter").fetchone()[0]
    finally:
        conn.close()
    return cases, events, numbers, int(ok)


def dump_counts(path: Path) -> tuple[int, int]:
    """(cases, 'registered' events) in a pg_dump plain-text file."""
    text = path.read_text(encoding="utf-8")

    def block(table: str) -> list[str]:
        match = re.search(rf'^COPY public\.{table} \((.*?)\) FROM stdin;\n(.*?)^\\\.$', text,
                          re.S | re.M)
        assert match, f"no data for {table} in the dump"
        return [line for line in match.group(2).splitlines() if line]

    events = block("case_event")
    type_col = None
    header = re.search(r"^COPY public\.case_event \((.*?)\)", text, re.M).group(1)
    type_col = [c.strip() for c in header.split(",")].index("type")
    registered = sum(1 for line in events if line.split("\t")[type_col] == "registered")
    return len(block('"case"')), registered


@pytest.mark.processes
def test_backup_while_another_process_registers_is_whole_and_consistent(org, db_target,
                                                                         tmp_path):
    for _ in range(3):
        walk_in(org.clerk, Scope("own"))
    before = Case.select().count()
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        writer = pool.apply_async(register_many, (db_target, org.clerk, WRITES, "bk"))
        deadline = time.monotonic() + 120
        while Case.select().count() == before and time.monotonic() < deadline:
            time.sleep(0.05)  # wait until the writer is really writing
        taken = []
        while not writer.ready() and len(taken) < 8:
            taken.append(backups.backup(tmp_path / f"copy{len(taken)}.{'db' if is_sqlite() else 'sql'}", actor_id=None))
        numbers = writer.get(timeout=300)
    after = Case.select().count()
    assert len(numbers) == WRITES and after == before + WRITES
    assert taken, "the writer finished before a backup could start"
    seen = []
    for path in taken:
        if is_sqlite():
            cases, registered, allocated, ok = sqlite_counts(path)
            assert ok, f"{path} fails integrity_check"
            assert cases == registered == allocated  # no half-written case in the copy
        else:
            cases, registered = dump_counts(path)
            assert cases == registered
        assert before <= cases <= after
        seen.append(cases)
    assert any(before < n < after for n in seen), f"no backup was taken mid-write: {seen}"


def test_restore_replaces_the_register(sqlite_org, sqlite_target, tmp_path):
    for _ in range(3):
        walk_in(sqlite_org.clerk, Scope("own"))
    copy = backups.backup(tmp_path / "three.db", actor_id=None)
    for _ in range(2):
        walk_in(sqlite_org.clerk, Scope("own"))
    assert sqlite_counts(Path(sqlite_target))[0] == 5
    backups.restore(copy, sqlite_target)
    assert sqlite_counts(Path(sqlite_target))[:3] == (3, 3, 3)
    walk_in(sqlite_org.clerk, Scope("own"))  # the restored register keeps working
    assert sqlite_counts(Path(sqlite_target))[0] == 4


def test_restore_refuses_a_file_that_is_not_a_backup(sqlite_org, sqlite_target, tmp_path):
    walk_in(sqlite_org.clerk, Scope("own"))
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"not a database at all" * 100)
    with pytest.raises(backups.BackupError):
        backups.restore(bogus, sqlite_target)
    assert sqlite_counts(Path(sqlite_target))[0] == 1


def test_dated_backups_in_a_folder_keep_the_last_n(sqlite_org, clock, tmp_path):
    folder = tmp_path / "daily"
    folder.mkdir()
    for day in (23, 24, 25, 26):
        clock.set(datetime(2026, 11, day, 18, 0))
        backups.backup(folder, actor_id=None)
    removed = backups.prune(folder, keep=2)
    assert [p.name for p in removed] == ["firstdesk-20261123-180000.db",
                                         "firstdesk-20261124-180000.db"]
    assert sorted(p.name for p in folder.glob("*.db")) == ["firstdesk-20261125-180000.db",
                                                           "firstdesk-20261126-180000.db"]
    assert len(list(folder.glob("*.manifest.json"))) == 2  # each kept one with its manifest


def test_postgres_without_pg_dump_gets_a_clear_message(pg_org, pg_target, tmp_path,
                                                       monkeypatch):
    monkeypatch.setattr(backups.shutil, "which", lambda name: None)
    with pytest.raises(backups.BackupError) as e:
        backups.backup(tmp_path / "x.sql", actor_id=None)
    assert "未找到 pg_dump" in str(e.value)


def cli(*args: str, home: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          encoding=OUTPUT_ENCODING, env=program_env(home, **ORG_ADMIN),
                          input=stdin, timeout=120, check=False)


@pytest.mark.slow
def test_cli_restore_asks_for_confirmation_unless_yes(sqlite_org, sqlite_target, tmp_path):
    for _ in range(3):
        walk_in(sqlite_org.clerk, Scope("own"))
    copy = backups.backup(tmp_path / "three.db", actor_id=None)
    for _ in range(2):
        walk_in(sqlite_org.clerk, Scope("own"))
    db = ["--db", sqlite_target]
    # As a clerk would: no window has the register open while it is restored (on Windows an
    # open -wal file cannot be replaced).
    register.close_register()

    r = cli(*db, "restore", str(copy), home=tmp_path, stdin="no\n")
    assert r.returncode == 1 and "已取消" in r.stderr
    assert "5 件事项" in r.stdout and "3 件事项" in r.stdout  # the prompt names both
    assert sqlite_counts(Path(sqlite_target))[0] == 5
    r = cli(*db, "restore", str(copy), home=tmp_path, stdin="")  # no terminal, no answer
    assert r.returncode == 1 and sqlite_counts(Path(sqlite_target))[0] == 5

    r = cli(*db, "restore", str(copy), home=tmp_path, stdin="yes\n")
    assert r.returncode == 0, r.stderr
    assert sqlite_counts(Path(sqlite_target))[0] == 3
    kept = list(tmp_path.glob("register.before-restore-*.db"))
    assert len(kept) == 1 and sqlite_counts(kept[0])[0] == 5  # the replaced register is kept

    register.open_register(sqlite_target)
    walk_in(sqlite_org.clerk, Scope("own"))
    register.close_register()
    r = cli(*db, "restore", str(copy), "--yes", home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sqlite_counts(Path(sqlite_target))[0] == 3
    r = cli(*db, "restore", str(tmp_path / "missing.db"), "--yes", home=tmp_path)
    assert r.returncode == 1 and "备份文件不存在" in r.stderr
