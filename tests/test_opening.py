"""Opening a register is checked on every path: a damaged file is refused by the command line
and opened read-only by the window; an empty file, a folder, a read-only place, a missing
-wal and another program's database each get their own message — never a traceback, never a
silently new register."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core import register
from core.admin.demo import build_demo
from core.admin.staff import set_password, sign_in
from core.errors import DomainError
from models.database import StorageError
from models.tables import Case
from tests.helpers import DEMO_ADMIN
from tests.subprocesses import OUTPUT_ENCODING, program_env

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          encoding=OUTPUT_ENCODING, env=program_env(home, **DEMO_ADMIN),
                          timeout=120, check=False)


@pytest.fixture
def demo_file(tmp_path, clock) -> Path:
    path = tmp_path / "register.db"
    register.open_register(str(path))
    build_demo(600)
    register.close_register()
    return path


def overwrite_middle(path: Path, size: int = 8192) -> None:
    """8 KB of noise in the middle of the file, page-aligned (a bad sector, a torn copy)."""
    length = path.stat().st_size
    at = (length // 2) // 4096 * 4096
    with path.open("r+b") as fh:
        fh.seek(at)
        fh.write(os.urandom(size))


@pytest.mark.slow
def test_command_line_refuses_a_register_with_8kb_overwritten(demo_file, tmp_path):
    assert cli("--db", str(demo_file), "overdue", home=tmp_path).returncode == 0
    overwrite_middle(demo_file)
    r = cli("--db", str(demo_file), "overdue", home=tmp_path)
    assert r.returncode != 0
    assert "已损坏" in r.stderr and "备份恢复" in r.stderr and "Traceback" not in r.stderr
    r = cli("--lang", "en", "--db", str(demo_file), "audit-verify", home=tmp_path)
    assert r.returncode != 0 and "damaged" in r.stderr


def test_window_opens_a_damaged_register_read_only(demo_file, clock):
    overwrite_middle(demo_file)
    with pytest.raises(StorageError) as e:
        register.open_register(str(demo_file), create=False)
    assert e.value.code == "corrupt"
    before = demo_file.read_bytes()
    register.open_register(str(demo_file), create=False, damaged="read_only")
    try:
        health = register.health()
        assert health is not None and not health.ok and health.read_only_recommended
        assert register.is_read_only()
        me = sign_in("shishuo", "demo1234")  # signing in only reads
        assert me.username == "shishuo"
        with pytest.raises(DomainError) as e:
            sign_in("shishuo", "wrong-pass1")
        assert e.value.code == "bad_password"
        with pytest.raises(StorageError) as s:
            set_password(me.id, "another1pass")
        assert s.value.code == "damaged_read_only" and "只读" in s.value.message()
    finally:
        register.close_register()
    assert demo_file.read_bytes() == before  # nothing was written to the damaged file


@pytest.mark.slow
def test_zero_length_file_is_not_turned_into_a_new_register(tmp_path):
    empty = tmp_path / "firstdesk.db"
    empty.touch()
    r = cli("--db", str(empty), "overdue", home=tmp_path)
    assert r.returncode != 0 and "0 字节" in r.stderr
    r = cli("--db", str(empty), "init", "--name", "x", "--password", "secret123", home=tmp_path)
    assert r.returncode != 0 and "0 字节" in r.stderr
    assert empty.stat().st_size == 0


def test_a_folder_is_named_as_a_folder(tmp_path):
    folder = tmp_path / "data.db"
    folder.mkdir()
    with pytest.raises(StorageError) as e:
        register.open_register(str(folder))
    assert e.value.code == "is_directory" and "文件夹" in e.value.message()
    assert "folder" in e.value.message("en")


def test_another_programs_sqlite_file_is_left_alone(tmp_path):
    other = tmp_path / "contacts.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contact (name TEXT)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(StorageError) as e:
        register.open_register(str(other))
    assert e.value.code == "foreign" and "其他程序" in e.value.message()
    assert other.read_bytes() == before


def _save_and_die(path: str) -> None:
    """A window that saved and then died: the -wal still holds the saves (the connection is
    never closed, so nothing is checkpointed into the main file)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for n in range(20):
        conn.execute("INSERT INTO department (name, code, phone, location, is_safety, active)"
                     " VALUES (?, '', '', '', 0, 1)", (f"d{n}",))
        conn.commit()
    os._exit(0)  # no close, no checkpoint — as a killed process


@pytest.mark.processes
def test_a_deleted_wal_file_is_named_not_an_io_error(tmp_path, clock):
    path = tmp_path / "register.db"
    register.open_register(str(path))
    register.close_register()
    child = multiprocessing.get_context("spawn").Process(target=_save_and_die, args=(str(path),))
    child.start()
    child.join(60)
    assert child.exitcode == 0
    Path(f"{path}-wal").unlink()
    with pytest.raises(StorageError) as e:
        register.open_register(str(path))
    assert e.value.code == "missing_wal" and "-wal" in e.value.message()
    assert "log file" in e.value.message("en")


def _mount_read_only(folder: Path) -> bool:
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return False
    ok = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True, check=False)
    if ok.returncode != 0:
        return False
    subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True, check=False)
    return True


def test_a_read_only_mount_is_named_as_such(tmp_path, clock):
    folder = tmp_path / "stick"
    folder.mkdir()
    register.open_register(str(folder / "register.db"))
    register.close_register()
    if not _mount_read_only(folder):
        pytest.skip("cannot mount read-only here (needs root on Linux)")
    try:
        with pytest.raises(StorageError) as e:
            register.open_register(str(folder / "register.db"), create=False)
        assert e.value.code == "readonly_location" and "只读" in e.value.message()
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_every_new_message_has_both_languages():
    for code in ("is_directory", "empty_file", "not_a_database", "foreign", "readonly_location",
                 "missing_wal", "damaged_read_only", "disconnected", "commit_unknown", "corrupt"):
        err = StorageError(code, "/x/firstdesk.db")
        assert err.message("zh") != err.message("en") and code not in err.message("zh")


def test_a_healthy_register_opens_and_works(demo_file, clock):
    register.open_register(str(demo_file), create=False)
    try:
        assert Case.select().count() == 600 and not register.is_read_only()
    finally:
        register.close_register()
