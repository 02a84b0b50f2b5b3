"""Backups never destroy the last good one, never overwrite another program's file, and a
restore takes only a whole FirstDesk register of a version this program reads."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from core import audit_anchor, register
from core.dto import Scope
from core.infra import backup as backups
from models.database import db
from models.migrations import SCHEMA_VERSION
from models.tables import AuditLog, Case
from tests.helpers import walk_in


def test_a_backup_that_fails_leaves_no_file_and_rotation_keeps_the_good_ones(
        sqlite_org, clock, tmp_path, monkeypatch):
    folder = tmp_path / "daily"
    folder.mkdir()
    for day in (23, 24, 25):
        clock.set(datetime(2026, 11, day, 18, 0))
        backups.backup(folder, actor_id=None)
    good = sorted(folder.glob("*.db"))

    def disk_full(source, partial, progress):
        partial.write_bytes(b"")  # what a full disk leaves: a file with nothing in it
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "_copy_sqlite", disk_full)
    clock.set(datetime(2026, 11, 26, 18, 0))
    with pytest.raises(OSError):
        backups.backup(folder, actor_id=None)
    assert sorted(folder.glob("*.db")) == good and not list(folder.glob("*.partial"))
    # An empty file from an older program version is not a backup and never counts.
    (folder / "firstdesk-20261126-120000.db").write_bytes(b"")
    monkeypatch.undo()
    clock.set(datetime(2026, 11, 27, 18, 0))
    backups.backup(folder, actor_id=None)
    removed = backups.prune(folder, keep=3)
    assert [p.name for p in removed] == ["firstdesk-20261123-180000.db"]
    kept = {p.name for p in folder.glob("*.db") if backups.is_verified(p)}
    assert kept == {"firstdesk-20261124-180000.db", "firstdesk-20261125-180000.db",
                    "firstdesk-20261127-180000.db"}


def test_backup_refuses_to_overwrite_a_file_that_is_not_a_backup(sqlite_org, tmp_path):
    other = tmp_path / "accounts.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE ledger (amount)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(backups.BackupError, match="不是首问台的备份"):
        backups.backup(other, actor_id=None)
    notes = tmp_path / "notes.db"
    notes.write_text("meeting notes")
    with pytest.raises(backups.BackupError):
        backups.backup(notes, actor_id=None)
    assert other.read_bytes() == before and notes.read_text() == "meeting notes"
    first = backups.backup(tmp_path / "mine.db", actor_id=None)
    assert backups.backup(first, actor_id=None) == first  # its own earlier backup may be replaced


def test_manifest_records_the_audit_head_and_checks(sqlite_org, tmp_path):
    walk_in(sqlite_org.clerk, Scope("own"))
    path = backups.backup(tmp_path / "b.db", actor_id=None)
    data = json.loads(backups.manifest_path(path).read_text(encoding="utf-8"))
    head = audit_anchor.head()
    assert data["audit_head"] == {"id": head[0], "hash": head[1]}
    assert data["verified"] and data["schema"] == SCHEMA_VERSION and data["cases"] == 1
    assert data["bytes"] == path.stat().st_size


def _foreign_register(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute('CREATE TABLE "case" (id INTEGER PRIMARY KEY, number TEXT)')
    conn.commit()
    conn.close()


def test_restore_refuses_foreign_and_newer_files(sqlite_org, sqlite_target, tmp_path):
    walk_in(sqlite_org.clerk, Scope("own"))
    foreign = tmp_path / "foreign.db"
    _foreign_register(foreign)
    with pytest.raises(backups.BackupError, match="不是首问台"):
        backups.restore(foreign, sqlite_target)
    newer = backups.backup(tmp_path / "newer.db", actor_id=None)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(backups.BackupError, match="较新"):
        backups.restore(newer, sqlite_target)
    assert Case.select().count() == 1


def test_restore_puts_back_the_append_only_guards(sqlite_org, sqlite_target, tmp_path):
    walk_in(sqlite_org.clerk, Scope("own"))
    copy = backups.backup(tmp_path / "b.db", actor_id=None)
    conn = sqlite3.connect(copy)
    for name in ("case_event_no_delete", "audit_log_no_delete", "audit_log_no_update"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.commit()
    conn.close()
    backups.restore(copy, sqlite_target)
    with pytest.raises(Exception, match="append-only"):
        db.execute_sql("DELETE FROM audit_log")
    with pytest.raises(Exception, match="append-only"):
        db.execute_sql("DELETE FROM case_event")


def test_insert_or_replace_cannot_rewrite_history_or_audit(sqlite_org, sqlite_target):
    walk_in(sqlite_org.clerk, Scope("own"))
    row = AuditLog.select().order_by(AuditLog.id).first()
    with pytest.raises(Exception, match="append-only"):
        db.execute_sql("INSERT OR REPLACE INTO audit_log (id, at, actor_id, action, target, detail,"
                       " prev_hash, hash) VALUES (?, ?, NULL, 'x', '', '', ?, ?)",
                       (row.id, str(row.at), row.prev_hash, row.hash))
    event = db.execute_sql("SELECT id, case_id, at FROM case_event LIMIT 1").fetchone()
    with pytest.raises(Exception, match="append-only"):
        db.execute_sql("REPLACE INTO case_event (id, case_id, type, status_after, note, data, at)"
                       " VALUES (?, ?, 'forged', 'closed', '', '', ?)", event)
    # From outside the program too (no recursive_triggers on that connection).
    register.close_register()
    conn = sqlite3.connect(sqlite_target)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("INSERT OR REPLACE INTO audit_log (id, at, actor_id, action, target, detail,"
                     " prev_hash, hash) VALUES (?, ?, NULL, 'x', '', '', ?, ?)",
                     (row.id, str(row.at), row.prev_hash, row.hash))
    conn.close()
    register.open_register(sqlite_target)


def test_guards_dropped_in_the_file_are_back_after_the_next_open(sqlite_org, sqlite_target):
    register.close_register()
    conn = sqlite3.connect(sqlite_target)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DROP TRIGGER audit_log_only_head")
    conn.commit()
    conn.close()
    register.open_register(sqlite_target)
    with pytest.raises(Exception, match="append-only"):
        db.execute_sql("DELETE FROM audit_log")


def test_restore_over_a_register_another_window_holds_says_so(sqlite_org, sqlite_target,
                                                              tmp_path, monkeypatch):
    """On Windows a register still open elsewhere cannot be replaced (a sharing violation):
    the clerk is told to close the other windows, and nothing is changed."""
    walk_in(sqlite_org.clerk, Scope("own"))
    copy = backups.backup(tmp_path / "b.db", actor_id=None)
    walk_in(sqlite_org.clerk, Scope("own"))

    def held(_src: object, _dst: object) -> None:
        raise PermissionError(32, "The process cannot access the file")

    monkeypatch.setattr(backups.os, "replace", held)
    with pytest.raises(backups.BackupError, match="请先关闭所有使用该登记簿的窗口"):
        backups.restore(copy, sqlite_target)
    monkeypatch.undo()
    register.open_register(sqlite_target, create=False)
    assert Case.select().count() == 2  # the register is as it was
    assert not list(tmp_path.glob("*.restoring"))
