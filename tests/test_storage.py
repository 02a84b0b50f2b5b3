"""The register on disk: pragmas on every connection, upgrades in place, and clear errors for a
missing, locked, read-only, corrupt or network-share database."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from core import register
from core.dto import Scope
from models.database import StorageError, db, looks_like_network_share, make_database
from models.migrations import SCHEMA_VERSION, current_version
from models.tables import Case
from tests.helpers import walk_in


def pragmas() -> tuple:
    c = db.connection()
    return (c.execute("PRAGMA journal_mode").fetchone()[0], c.execute("PRAGMA synchronous").fetchone()[0],
            c.execute("PRAGMA foreign_keys").fetchone()[0], c.execute("PRAGMA busy_timeout").fetchone()[0])


def test_every_connection_has_wal_full_sync_foreign_keys_busy_timeout(sqlite_org):
    assert pragmas() == ("wal", 2, 1, 5000)
    db.close()
    db.connect()  # a reconnect gets them again
    assert pragmas() == ("wal", 2, 1, 5000)


def test_worker_thread_connection_has_the_pragmas_too(sqlite_org):
    import threading

    seen = []

    def work() -> None:
        seen.append(pragmas())
        db.close()

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert seen == [("wal", 2, 1, 5000)]


def test_older_file_is_upgraded_in_place(tmp_path, clock):
    path = str(tmp_path / "old.db")
    register.open_register(path)
    db.execute_sql("DROP INDEX case_event_type_at")
    db.execute_sql("UPDATE schema_version SET version = 1")
    register.close_register()
    register.open_register(path)
    assert current_version() == SCHEMA_VERSION >= 2
    names = [r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type='index'")]
    assert "case_event_type_at" in names


def test_a_v10_register_gains_the_case_location(sqlite_org, sqlite_target, clock):
    """v10 (the offline desk's stations and aliases) → v11: the cases already registered
    get an empty 隐患地点 and keep everything else."""
    number = walk_in(sqlite_org.clerk, Scope("own")).number
    db.execute_sql('ALTER TABLE "case" DROP COLUMN location')
    db.execute_sql("UPDATE schema_version SET version = 10")
    register.close_register()
    register.open_register(sqlite_target)
    assert current_version() == SCHEMA_VERSION >= 11  # and the steps after it
    case = Case.get(Case.number == number)
    assert case.location == "" and case.subject
    tables = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"offline_station", "case_alias"} <= tables
    register.close_register()


def test_newer_file_is_refused(tmp_path, clock):
    path = str(tmp_path / "new.db")
    register.open_register(path)
    db.execute_sql("UPDATE schema_version SET version = 99")
    register.close_register()
    with pytest.raises(StorageError) as e:
        register.open_register(path)
    assert e.value.code == "newer"
    assert "升级" in e.value.message()


def test_missing_file_is_not_created_when_asked_not_to(tmp_path):
    with pytest.raises(StorageError) as e:
        register.open_register(str(tmp_path / "nope.db"), create=False)
    assert e.value.code == "missing"
    assert not (tmp_path / "nope.db").exists()


def test_a_file_that_is_not_a_database_gets_a_clear_error(tmp_path):
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StorageError) as e:
        register.open_register(str(path))
    assert e.value.code == "not_a_database"
    assert "不是首问台的数据库文件" in e.value.message()
    assert path.read_bytes() == b"this is not a database at all" * 100


def test_read_only_database_refuses_to_save_and_keeps_data(sqlite_org, sqlite_target, clock):
    walk_in(sqlite_org.clerk, Scope("own"))
    register.close_register()
    # A read-only connection: writes fail with the readonly message, data stays.
    conn = sqlite3.connect(f"file:{sqlite_target}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("INSERT INTO department (name, code, phone, location, is_safety, active) "
                     "VALUES ('x', '', '', '', 0, 1)")
    from models.database import translate_error

    try:
        conn.execute("DELETE FROM department")
    except sqlite3.OperationalError as exc:
        err = translate_error(exc, sqlite_target)
    assert err is not None and err.code == "readonly"
    assert conn.execute('SELECT COUNT(*) FROM "case"').fetchone()[0] == 1
    conn.close()
    register.open_register(sqlite_target)


def test_locked_database_gives_locked_error_not_a_hang(sqlite_org, sqlite_target, clock):
    other = sqlite3.connect(sqlite_target, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    db.execute_sql("PRAGMA busy_timeout = 200")  # keep the test short
    try:
        with pytest.raises(StorageError) as e:
            walk_in(sqlite_org.clerk, Scope("own"))
        assert e.value.code == "locked"
        assert "稍后重试" in e.value.message()
    finally:
        other.rollback()
        other.close()
    assert Case.select().count() == 0
    assert walk_in(sqlite_org.clerk, Scope("own")).number.endswith("-0001")  # retry works


def test_network_share_is_refused_with_a_pointer_to_postgresql():
    assert looks_like_network_share(r"\\fileserver\share\firstdesk.db")
    with pytest.raises(StorageError) as e:
        make_database(r"\\fileserver\share\firstdesk.db")
    assert e.value.code == "network_share"
    assert "PostgreSQL" in e.value.message()


def test_unreachable_postgres_server_is_a_clear_error():
    with pytest.raises(StorageError) as e:
        register.open_register("postgresql://nobody:x@127.0.0.1:1/none")
    assert e.value.code == "unreachable"


def test_data_folder_is_created(tmp_path, monkeypatch):
    from core.infra.paths import data_dir, default_database_path

    monkeypatch.setenv("FIRSTDESK_HOME", str(tmp_path / "home"))
    assert data_dir().is_dir()
    assert default_database_path() == Path(tmp_path / "home" / "firstdesk.db")
    assert stat.S_ISDIR(os.stat(tmp_path / "home").st_mode)
