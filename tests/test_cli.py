"""The command line an administrator types: demo, overdue, backup, init, help."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import DEMO_ADMIN
from tests.subprocesses import OUTPUT_ENCODING, program_env

pytestmark = pytest.mark.slow  # each test starts the program as a process

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          encoding=OUTPUT_ENCODING, env=program_env(home, **DEMO_ADMIN),
                          timeout=300, check=False)


def test_demo_then_overdue_lists_case_numbers(tmp_path):
    db = tmp_path / "x.db"
    r = run("--db", str(db), "demo", "--cases", "200", home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "200 cases" in r.stdout
    r = run("--db", str(db), "overdue", home=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines, "the demo has overdue cases"
    conn = sqlite3.connect(db)
    numbers = {n for (n,) in conn.execute('SELECT number FROM "case"')}
    assert all(line.split("\t")[0] in numbers for line in lines)
    statuses = {s for (s,) in conn.execute('SELECT DISTINCT status FROM "case"')}
    assert statuses == {"registered", "in_progress", "transferred", "escalated", "returned",
                        "awaiting_materials", "resolved", "notified", "closed", "referred"}


def test_backup_copies_the_register(tmp_path):
    db = tmp_path / "x.db"
    assert run("--db", str(db), "demo", "--cases", "30", home=tmp_path).returncode == 0
    r = run("--db", str(db), "backup", str(tmp_path / "copy.db"), home=tmp_path)
    assert r.returncode == 0, r.stderr
    n = sqlite3.connect(tmp_path / "copy.db").execute('SELECT COUNT(*) FROM "case"').fetchone()[0]
    assert n == 30


def test_overdue_on_missing_database_is_a_clear_error(tmp_path):
    r = run("--db", str(tmp_path / "none.db"), "overdue", home=tmp_path)
    assert r.returncode == 1
    assert "数据库文件不存在" in r.stderr
    assert not (tmp_path / "none.db").exists()


def test_init_with_weak_password_is_refused(tmp_path):
    db = tmp_path / "x.db"
    r = run("--db", str(db), "init", "--name", "某市政务服务中心", "--password", "123", home=tmp_path)
    assert r.returncode == 1
    assert "密码至少 8 位" in r.stderr
    r = run("--db", str(db), "init", "--name", "某市政务服务中心", "--password", "good1234",
            home=tmp_path)
    assert r.returncode == 0, r.stderr


def test_help_lists_the_commands(tmp_path):
    r = run("--help", home=tmp_path)
    assert r.returncode == 0
    for name in ("init", "demo", "overdue", "backup"):
        assert name in r.stdout


def test_audit_verify_reports_intact_then_an_altered_row(tmp_path):
    db = tmp_path / "x.db"
    assert run("--db", str(db), "demo", "--cases", "10", home=tmp_path).returncode == 0
    r = run("--db", str(db), "audit-verify", home=tmp_path)
    assert r.returncode == 0 and "intact" in r.stdout
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER audit_log_no_update")  # someone edits the file behind our back
    conn.execute("UPDATE audit_log SET detail = 'x' WHERE id = 1")
    conn.commit()
    conn.close()
    r = run("--db", str(db), "audit-verify", home=tmp_path)
    assert r.returncode == 1 and "ALTERED" in r.stdout and "[1]" in r.stdout


def test_inbox_of_one_person_and_of_everyone(tmp_path):
    """`inbox --all` covers every open case of a demo register (orphans 0); `inbox --user`
    lists a person's cases, the case number first on each line."""
    import json

    db = tmp_path / "x.db"
    assert run("--db", str(db), "demo", "--cases", "300", home=tmp_path).returncode == 0
    out = tmp_path / "inbox.json"
    r = run("--db", str(db), "inbox", "--all", "--json", str(out), home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == "orphans 0"
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["orphans"] == [] and report["open"] > 100
    leaders = [u for u, e in report["users"].items() if e["role"] == "leader"]
    assert any(report["users"][u]["sections"].get("to_assign") for u in leaders)
    conn = sqlite3.connect(db)
    numbers = {n for (n,) in conn.execute('SELECT number FROM "case"')}
    r = run("--db", str(db), "inbox", "--user", "wangwu", home=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines and all(line.split("\t")[0] in numbers for line in lines)
    r = run("--db", str(db), "inbox", "--all", "--user", "wangwu", home=tmp_path)
    assert r.returncode == 1 and "不能执行" in r.stderr  # a clerk may not see everyone's
