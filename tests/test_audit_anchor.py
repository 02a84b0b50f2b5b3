"""The audit chain is checked against heads kept outside the database: cut-off tails, an
emptied log and a recomputed chain are reported, where the chain alone verified as intact."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from core import audit, audit_anchor, register
from core.dto import Scope
from core.infra import backup as backups
from models.tables import AuditLog
from tests.helpers import ORG_ADMIN, walk_in
from tests.subprocesses import OUTPUT_ENCODING, program_env

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          encoding=OUTPUT_ENCODING, env=program_env(home, **ORG_ADMIN),
                          timeout=120, check=False)


def attacker(path: str, *sql: str) -> None:
    """Someone with the file: drops the guards first, then does what they came to do."""
    conn = sqlite3.connect(path)
    for name in ("audit_log_no_delete", "audit_log_no_update", "audit_log_only_head"):
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.mark.slow
def test_deleted_tail_after_a_backup_is_named_by_audit_verify(sqlite_org, sqlite_target,
                                                              tmp_path):
    for _ in range(12):
        walk_in(sqlite_org.clerk, Scope("own"))
    register.close_register()
    r = cli("--db", sqlite_target, "backup", str(tmp_path / "b.db"), home=tmp_path)
    assert r.returncode == 0, r.stderr
    conn = sqlite3.connect(sqlite_target)
    (last,) = conn.execute("SELECT MAX(id) FROM audit_log").fetchone()
    conn.close()
    attacker(sqlite_target, f"DELETE FROM audit_log WHERE id > {last - 20}")
    r = cli("--db", sqlite_target, "audit-verify", home=tmp_path)
    assert r.returncode == 1, r.stdout
    assert f"第 {last - 19}–{last} 行已被删除" in r.stdout, r.stdout
    register.open_register(sqlite_target)


def test_the_chain_alone_could_not_tell(sqlite_org, sqlite_target):
    for _ in range(5):
        walk_in(sqlite_org.clerk, Scope("own"))
    register.close_register()  # anchors the head
    (last,) = sqlite3.connect(sqlite_target).execute("SELECT MAX(id) FROM audit_log").fetchone()
    attacker(sqlite_target, f"DELETE FROM audit_log WHERE id > {last - 3}")
    register.open_register(sqlite_target)
    assert audit.verify().ok  # what audit-verify used to report
    anchors, _ = audit_anchor.all_anchors(sqlite_target)
    kinds = {f.kind for f in audit_anchor.check(anchors)}
    assert kinds == {"tail_deleted"}
    # The open did not paper over it: the anchor file still holds the old head.
    assert max(a.id for a in audit_anchor.file_anchors(sqlite_target)[0]) == last


def test_emptied_log_and_recomputed_chain_are_reported(sqlite_org, sqlite_target):
    for _ in range(5):
        walk_in(sqlite_org.clerk, Scope("own"))
    register.close_register()
    # Rewrite row 3 and recompute every hash after it: the chain verifies again.
    conn = sqlite3.connect(sqlite_target)
    rows = conn.execute("SELECT id, at, actor_id, action, target, detail FROM audit_log "
                        "ORDER BY id").fetchall()
    conn.close()
    statements, prev = [], audit.GENESIS
    for rid, at, actor, action, target, original in rows:
        detail = "改写" if rid == 3 else original
        digest = audit._digest(prev, datetime.fromisoformat(at), actor, action, target, detail)
        statements.append(f"UPDATE audit_log SET detail = '{detail}', prev_hash = '{prev}', "
                          f"hash = '{digest}' WHERE id = {rid}")
        prev = digest
    attacker(sqlite_target, *statements)
    register.open_register(sqlite_target)
    assert audit.verify().ok
    findings = audit_anchor.check(audit_anchor.all_anchors(sqlite_target)[0])
    assert findings and {f.kind for f in findings} == {"rechained"}
    register.close_register()
    attacker(sqlite_target, "DELETE FROM audit_log")
    register.open_register(sqlite_target)
    assert audit.verify().ok and audit.verify().rows == 0
    findings = audit_anchor.check(audit_anchor.all_anchors(sqlite_target)[0])
    assert {f.kind for f in findings} == {"wiped"} and "整体删除" in findings[0].message()


def test_a_restore_is_not_mistaken_for_tampering(sqlite_org, sqlite_target, tmp_path):
    walk_in(sqlite_org.clerk, Scope("own"))
    copy = backups.backup(tmp_path / "early.db", actor_id=None)
    for _ in range(4):
        walk_in(sqlite_org.clerk, Scope("own"))
    register.close_register()
    register.open_register(sqlite_target)
    found = backups.restore(copy, sqlite_target)
    backups.record_restored(sqlite_org.admin, copy, found)
    anchors, marker = audit_anchor.all_anchors(sqlite_target)
    assert marker is not None and audit_anchor.check(anchors) == []
    assert AuditLog.select().where(AuditLog.action == "backup.restored").count() == 1


def test_the_monthly_report_carries_the_audit_head(org):
    from core.supervision.reports import monthly_report_data
    from core.supervision.statistics import Period, department_stats

    walk_in(org.clerk, Scope("own"))
    data = monthly_report_data(department_stats(Period.month("2026-11"), None, actor_id=None))
    last, digest = audit_anchor.head()
    assert data.audit_head == f"第 {last} 行 SHA-256 {digest}"
