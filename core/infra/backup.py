"""Backups that never destroy the last good one, and restores that accept only a FirstDesk
register (docs/reliability.md).

A backup is written under a temporary name, checked (quick_check, schema version, the audit
head present and linked), then renamed into place with a manifest beside it (what was copied,
from where, the audit head, the checks). A failed or interrupted backup leaves no file under
the real name; rotation counts and removes only verified backups; an existing file that is not
a FirstDesk backup is never overwritten. SQLite is copied in one pass of the online backup
API (copied in steps, it restarts whenever another window writes, and on a large register
never finishes); PostgreSQL with pg_dump.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from core import audit, audit_anchor, register
from core.infra.register_file import SQLITE_MAGIC
from core.infra.version import __version__
from core.permissions import get_actor
from models.database import StorageError, db, is_sqlite, redact, write_transaction
from models.migrations import SCHEMA_VERSION

log = logging.getLogger(__name__)

MANIFEST_SUFFIX = audit_anchor.MANIFEST_SUFFIX
PARTIAL_SUFFIX = ".partial"
FORMAT = "FirstDesk backup"
# progress(phase, fraction): phase "copy" (fraction 0…1) or "verify" (fraction None).
Progress = Callable[[str, float | None], None]


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why, in Chinese."""


def authorize(actor_id: int) -> None:
    """Backups and restores are the administrator's (DomainError role_forbidden otherwise)."""
    get_actor(actor_id, "backup")


def manifest_path(backup_file: Path) -> Path:
    return backup_file.with_name(backup_file.name + MANIFEST_SUFFIX)


def read_manifest(backup_file: Path) -> dict | None:
    try:
        data = json.loads(manifest_path(backup_file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def is_verified(backup_file: Path) -> bool:
    """A backup whose manifest says it passed its checks and whose size still matches."""
    data = read_manifest(backup_file)
    try:
        return bool(data and data.get("verified") and backup_file.stat().st_size == data["bytes"])
    except (OSError, KeyError):
        return False


# ---- checking a register file ----------------------------------------------------------------


def inspect_register_file(path: Path, *, thorough: bool = True) -> dict:
    """What a SQLite file holds, read-only: {"schema", "cases", "audit_head", "problems"}.
    Raises BackupError when it is not a FirstDesk register at all."""
    try:
        with path.open("rb") as fh:
            magic = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise BackupError(f"无法读取文件：{path}（{exc}）") from exc
    if magic != SQLITE_MAGIC:
        raise BackupError(f"不是首问台的数据文件或备份：{path}")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error as exc:
        raise BackupError(f"无法打开文件：{path}（{exc}）") from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"schema_version", "case", "audit_log"} <= tables:
            raise BackupError(f"不是首问台的数据文件或备份（缺少登记簿的表）：{path}")
        row = conn.execute("SELECT version FROM schema_version").fetchone()
        schema = int(row[0]) if row else 0
        problems: list[str] = []
        if thorough:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check(20)")]
            problems = [] if rows == ["ok"] else rows
        cases = conn.execute('SELECT COUNT(*) FROM "case"').fetchone()[0] if not problems else None
        last = conn.execute("SELECT id, hash, prev_hash FROM audit_log ORDER BY id DESC LIMIT 2"
                            ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"文件已损坏，不能作为备份使用：{path}（{exc}）") from exc
    finally:
        conn.close()
    if last and len(last) == 2 and last[0][2] != last[1][1]:
        problems.append(f"audit row {last[0][0]} does not link to row {last[1][0]}")
    head = (int(last[0][0]), str(last[0][1])) if last else (0, audit_anchor.GENESIS)
    return {"schema": schema, "cases": cases, "audit_head": head, "problems": problems}


def _refuse_foreign(dest: Path) -> None:
    """An existing file under the backup's name is replaced only when it is a FirstDesk
    backup itself; anything else (another program's file) is left alone."""
    if not dest.exists():
        return
    if dest.is_dir():
        raise BackupError(f"备份目标是一个文件夹：{dest}")
    if read_manifest(dest) is not None:
        return
    try:
        inspect_register_file(dest, thorough=False)
    except BackupError:
        raise BackupError(f"{dest} 已存在且不是首问台的备份文件，为免覆盖其他文件，备份没有写入。"
                          "请换一个文件名。") from None


# ---- writing ------------------------------------------------------------------------------


def _copy_sqlite(source: str, partial: Path, progress: Progress | None) -> None:
    """One pass of the online backup API on a connection of its own (any thread)."""
    total = max(1, Path(source).stat().st_size)
    done = threading.Event()

    def watch(report: Progress) -> None:
        while not done.wait(0.5):
            try:
                report("copy", min(0.99, partial.stat().st_size / total))
            except OSError:
                pass

    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(str(partial))
    watcher = threading.Thread(target=watch, args=(progress,), daemon=True) if progress else None
    try:
        src.execute("PRAGMA busy_timeout = 30000")
        if watcher:
            watcher.start()
        src.backup(dst)  # pages=-1: one step, which another window's writes cannot restart
        dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal/-shm
    finally:
        done.set()
        dst.close()
        src.close()
        if watcher:
            watcher.join()
    if progress:
        progress("copy", 1.0)


def _fsync(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _dump_postgres(partial: Path) -> dict:
    tool = shutil.which("pg_dump")
    if tool is None:
        raise BackupError("未找到 pg_dump：请在数据库服务器上用 PostgreSQL 自带工具备份，"
                          "或安装 PostgreSQL 客户端工具后重试。")
    result = subprocess.run([tool, "--no-owner", "--file", str(partial), register.current_target()],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"pg_dump 失败：{redact(result.stderr.strip())[:300]}")
    with partial.open("rb") as fh:
        fh.seek(max(0, partial.stat().st_size - 4096))
        tail = fh.read()
    if b"PostgreSQL database dump complete" not in tail:
        raise BackupError(f"pg_dump 输出不完整：{partial.name}")
    return {"schema": SCHEMA_VERSION, "problems": []}


def backup(dest: str | Path, *, actor_id: int | None,
           progress: Progress | None = None) -> Path:
    """Copy the whole register to `dest` (a file, or a folder to put a dated file in).

    `actor_id` is the signed-in user asking (checked and audited); None is the automatic
    daily backup, which runs on the PC's own authority. Safe to run on a thread of its own
    (SQLite is read through a connection of the backup's own)."""
    if actor_id is not None:
        authorize(actor_id)
    dest = Path(dest)
    if dest.is_dir():
        stamp = register.now().strftime("%Y%m%d-%H%M%S")
        dest = dest / f"firstdesk-{stamp}.{'db' if is_sqlite() else 'sql'}"
    dest.parent.mkdir(parents=True, exist_ok=True)
    _refuse_foreign(dest)
    partial = dest.with_name(dest.name + PARTIAL_SUFFIX)
    head_before = audit_anchor.head()
    target = register.current_target()
    try:
        if is_sqlite():
            _copy_sqlite(str(db.bound().database), partial, progress)
            if progress:
                progress("verify", None)
            found = inspect_register_file(partial)
            if found["problems"]:
                raise BackupError(f"备份文件校验失败：{dest}（{found['problems'][0]}）")
            if found["schema"] != SCHEMA_VERSION:
                raise BackupError(f"备份文件的版本不对：{found['schema']}")
            if found["audit_head"][0] < head_before[0]:
                raise BackupError("备份文件缺少审计日志的最新记录")
            _fsync(partial)
        else:
            found = _dump_postgres(partial)
            found["audit_head"] = head_before
            found["cases"] = None
        size = partial.stat().st_size
        os.replace(partial, dest)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    head = found["audit_head"]
    manifest = {
        "format": FORMAT, "program": __version__, "schema": found["schema"],
        "created": datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
        "source": audit_anchor.source_name(target), "file": dest.name, "bytes": size,
        "cases": found["cases"], "audit_head": {"id": head[0], "hash": head[1]},
        "checks": {"quick_check": "ok" if is_sqlite() else "pg_dump complete",
                   "schema": found["schema"], "audit_head": "linked"},
        "verified": True,
    }
    tmp = manifest_path(dest).with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, manifest_path(dest))
    log.info("backup written to %s (%d bytes, audit head %s)", dest, size, head[0])
    if actor_id is not None:
        with write_transaction():
            audit.record(actor_id, "backup.written", dest.name,
                         {"bytes": size, "audit_head": head[0]})
    audit_anchor.record(target, f"backup {dest.name}")
    return dest


# ---- restoring ------------------------------------------------------------------------------


def check_restorable(source: Path) -> dict:
    """A backup a restore may use: a whole FirstDesk register of a version this program
    reads. Returns what inspect_register_file found; BackupError says why not."""
    if not source.is_file():
        raise StorageError("missing", str(source))
    found = inspect_register_file(source)
    if found["problems"]:
        raise BackupError(f"备份文件已损坏，不能用来恢复：{source}（{found['problems'][0]}）")
    if found["schema"] > SCHEMA_VERSION:
        raise BackupError(f"备份文件来自较新的首问台（数据版本 {found['schema']}），"
                          "请先升级本程序再恢复。")
    if found["schema"] < 1:
        raise BackupError(f"不是有效的备份文件（没有数据版本）：{source}")
    return found


def restore(source: str | Path, target: str | Path) -> dict:
    """Replace the SQLite register at `target` with a checked backup (callers confirm first
    and keep a copy of the current one). The backup is copied beside the target, opened
    there (an older version is upgraded, missing append-only guards re-created), and only
    then moved over the target; its -wal and -shm go with the old file. Returns what was
    found in the backup. The register that was open before is open again afterwards."""
    source, target = Path(source), Path(target)
    found = check_restorable(source)
    was_open = register.current_target()
    staging = target.with_name(target.name + ".restoring")
    for leftover in (staging, Path(f"{staging}-wal"), Path(f"{staging}-shm")):
        leftover.unlink(missing_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(str(staging))
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    for leftover in (Path(f"{source}-shm"), Path(f"{source}-wal")):
        if leftover.exists() and leftover.stat().st_size == 0:
            leftover.unlink(missing_ok=True)  # what a read of an old WAL-mode backup leaves
    register.close_register()
    try:
        register.open_register(str(staging), create=False)  # upgrades, re-installs the guards
    finally:
        register.close_register()
    Path(f"{staging}.anchor").unlink(missing_ok=True)
    try:
        for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            stale.unlink(missing_ok=True)
        os.replace(staging, target)
    except PermissionError as exc:  # Windows: another window still has the register open
        staging.unlink(missing_ok=True)
        raise BackupError("登记簿正被其他首问台窗口或程序使用，未恢复。请先关闭所有使用该登记簿的"
                          f"窗口，再恢复。（{target}）") from exc
    log.info("restored %s from %s", target, source)
    if was_open and was_open != str(staging):
        register.open_register(was_open, create=False)
    return found


def record_restored(actor_id: int | None, source: str | Path, found: dict | None = None) -> None:
    """Audit a restore in the restored register (call after reopening it), and tell the
    anchor file that older anchors describe the chain the restore replaced."""
    head = (found or {}).get("audit_head") or audit_anchor.head()
    target = register.current_target()
    audit_anchor.record_restore(target, head, str(source))
    with write_transaction():
        audit.record(actor_id, "backup.restored", Path(source).name,
                     {"audit_head": head[0], "cases": (found or {}).get("cases")})
    audit_anchor.record(target, "restored")


# ---- rotation --------------------------------------------------------------------------------


def prune(folder: Path, keep: int) -> list[Path]:
    """Keep the newest `keep` verified automatic backups in `folder`; returns what was removed.

    Only verified backups count and only they are removed: an empty or unchecked file never
    pushes a good backup out. Partial files of an interrupted backup are removed."""
    removed: list[Path] = []
    for partial in folder.glob(f"firstdesk-*{PARTIAL_SUFFIX}"):
        partial.unlink(missing_ok=True)
        removed.append(partial)
    verified = [p for p in sorted(folder.glob("firstdesk-*.db")) + sorted(
        folder.glob("firstdesk-*.sql")) if is_verified(p)]
    verified.sort(key=lambda p: p.name)
    old = verified[:-keep] if keep > 0 else verified
    for f in old:
        f.unlink()
        manifest_path(f).unlink(missing_ok=True)
        removed.append(f)
    return removed


def newest_verified(folders: list[Path]) -> Path | None:
    """The newest verified backup of the open register in `folders` (the damaged-register
    banner offers it)."""
    source = audit_anchor.source_name(register.current_target())
    best: tuple[str, Path] | None = None
    for folder in folders:
        if not folder.is_dir():
            continue
        for manifest in folder.glob(f"*{MANIFEST_SUFFIX}"):
            file = manifest.with_name(manifest.name[: -len(MANIFEST_SUFFIX)])
            data = read_manifest(file)
            if data and data.get("source") == source and is_verified(file):
                key = str(data.get("created", ""))
                if best is None or key > best[0]:
                    best = (key, file)
    return best[1] if best else None
