"""Backups: SQLite's online backup API (safe while others write), pg_dump for PostgreSQL."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import subprocess
from pathlib import Path

from core import audit, register
from core.casebase import get_actor
from models.database import StorageError, db, is_sqlite, write_transaction

log = logging.getLogger(__name__)


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why, in Chinese."""


def authorize(actor_id: int) -> None:
    """Backups and restores are the administrator's (DomainError role_forbidden otherwise)."""
    get_actor(actor_id, "backup")


def backup(dest: str | Path, actor_id: int | None = None) -> Path:
    """Copy the whole register to `dest` (a file, or a folder to put a dated file in).

    `actor_id` is the signed-in user asking (checked and audited); None is the command line
    or the automatic daily backup, which run on the PC's own authority."""
    if actor_id is not None:
        authorize(actor_id)
    dest = Path(dest)
    if dest.is_dir():
        stamp = register.now().strftime("%Y%m%d-%H%M%S")
        dest = dest / f"firstdesk-{stamp}.{'db' if is_sqlite() else 'sql'}"
    dest.parent.mkdir(parents=True, exist_ok=True)
    if is_sqlite():
        source = db.connection()
        target = sqlite3.connect(str(dest))
        try:
            source.backup(target, pages=1024)  # copies in steps; writers only wait briefly
        finally:
            target.close()
        check = sqlite3.connect(str(dest))
        try:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"备份文件校验失败：{dest}")
        finally:
            check.close()
    else:
        tool = shutil.which("pg_dump")
        if tool is None:
            raise BackupError("未找到 pg_dump：请在数据库服务器上用 PostgreSQL 自带工具备份，"
                              "或安装 PostgreSQL 客户端工具后重试。")
        url = register.current_target()
        result = subprocess.run([tool, "--no-owner", "--file", str(dest), url],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BackupError(f"pg_dump 失败：{result.stderr.strip()[:300]}")
    log.info("backup written to %s", dest)
    if actor_id is not None:
        with write_transaction():
            audit.record(actor_id, "backup.written", dest.name)
    return dest


def record_restored(actor_id: int | None, source: str | Path) -> None:
    """Audit a restore in the restored register (call after reopening it)."""
    with write_transaction():
        audit.record(actor_id, "backup.restored", Path(source).name)


def restore(source: str | Path, target: str | Path) -> None:
    """Replace the SQLite register at `target` with a checked backup (callers confirm first)."""
    source, target = Path(source), Path(target)
    if not source.exists():
        raise StorageError("missing", str(source))
    check = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        has_cases = check.execute(
            "SELECT 1 FROM sqlite_master WHERE name='case'").fetchone() is not None
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"不是有效的备份文件：{source}") from exc
    finally:
        check.close()
    if not ok or not has_cases:
        raise BackupError(f"不是有效的备份文件：{source}")
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    log.info("restored %s from %s", target, source)


def prune(folder: Path, keep: int) -> list[Path]:
    """Keep the newest `keep` automatic backups in `folder`; returns what was removed."""
    files = sorted(folder.glob("firstdesk-*.db"))
    removed = files[:-keep] if keep > 0 else files
    for f in removed:
        f.unlink()
    return removed
