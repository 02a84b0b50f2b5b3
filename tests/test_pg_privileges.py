"""`init --db postgresql://OWNER…` sets up least privilege: the windows' application role
registers cases but cannot TRUNCATE, ALTER, DISABLE TRIGGER, or change history and audit
rows; even the owner cannot TRUNCATE them. Runs a server of its own (tests/pg_private.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core import register
from core.admin.staff import list_staff
from core.dto import Scope
from models.database import db
from tests.helpers import walk_in
from tests.pg_private import private_server
from tests.subprocesses import OUTPUT_ENCODING, program_env

pytestmark = [pytest.mark.slow, pytest.mark.own_pg_server]
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with private_server(tmp_path_factory.mktemp("pgpriv")) as srv:
        srv.psql("CREATE ROLE fd_owner LOGIN CREATEROLE PASSWORD 'owner-pw'")
        srv.psql("CREATE DATABASE fd_priv OWNER fd_owner")
        yield srv


def test_init_as_owner_gives_the_windows_a_least_privilege_role(server, tmp_path, clock):
    owner = server.url("fd_owner", "owner-pw", "fd_priv")
    r = subprocess.run([sys.executable, "main.py", "--db", owner, "init", "--name", "测试中心",
                        "--password", "secret123", "--app-password", "app-pw-1"], cwd=ROOT,
                       capture_output=True, encoding=OUTPUT_ENCODING, timeout=180, check=False,
                       env=program_env(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "firstdesk_app" in r.stdout and "owner-pw" not in r.stdout + r.stderr
    register.open_register(server.url("firstdesk_app", "app-pw-1", "fd_priv"))
    try:
        admin = next(s for s in list_staff() if s.role == "admin")
        walk_in(admin.id, Scope("own"), kind="inquiry")  # the program works as the app role
        _offline_round_trip(admin.id, tmp_path)  # offline registration and its replay too
        for sql in ("UPDATE case_alias SET alias = 'x'", "DELETE FROM case_alias",
                    "DELETE FROM offline_station", "TRUNCATE audit_log", "TRUNCATE case_event", "TRUNCATE \"case\"",
                    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
                    "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
                    "UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_log",
                    "UPDATE case_event SET note = 'x'", "DELETE FROM case_event",
                    "DROP TRIGGER audit_log_append_only ON audit_log"):
            with pytest.raises(Exception, match="permission denied|must be owner|append-only"):
                with db.atomic():
                    db.execute_sql(sql)
    finally:
        register.close_register()
    register.open_register(owner)
    try:  # the owner's own TRUNCATE meets the statement-level guard
        for table in ("audit_log", "case_event"):
            with pytest.raises(Exception, match="append-only"):
                with db.atomic():
                    db.execute_sql(f"TRUNCATE {table} CASCADE")
    finally:
        register.close_register()


def _offline_round_trip(actor: int, home: Path) -> None:
    """As the application role: a station handed out, an entry journaled and replayed."""
    import os

    from core.dto import IntakeForm
    from core.offline import mode, sync
    from core.offline.desk import register_offline

    before = os.environ.get("FIRSTDESK_HOME")
    os.environ["FIRSTDESK_HOME"] = str(home / "offline")
    try:
        d = mode.prepare(actor)
        mode.refresh_copy()
        assert mode.go_offline()
        ref = register_offline(actor, IntakeForm("visit", "inquiry", "离线咨询", "张三",
                                                 "13800138000"))
        mode.go_online()
        report = sync.sync_journal(d.journal, d.server)
        assert [o.entry.provisional for o in report.synced] == [ref.number]
    finally:
        mode.go_online()
        mode.forget()
        if before is None:
            del os.environ["FIRSTDESK_HOME"]
        else:
            os.environ["FIRSTDESK_HOME"] = before
