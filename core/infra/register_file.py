"""What a register path holds, checked before SQLite opens it (docs/reliability.md).

SQLite itself would turn a zero-length file into a new empty register, call a read-only
mount or a folder "unable to open database file", and open a register whose -wal file was
deleted as if its latest saves had never happened. Each of these gets its own StorageError
here, before anything is written.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import sys
from pathlib import Path

from models.database import StorageError

SQLITE_MAGIC = b"SQLite format 3\x00"
# The -shm file's header (SQLite's WalIndexHdr, then WalCkptInfo), in the machine's byte
# order: mxFrame, the last frame of the -wal the index covers, at offset 16; nBackfill, the
# frames already copied into the database file by a checkpoint, at offset 96.
_SHM_MXFRAME, _SHM_BACKFILL = 16, 96


def wal_frames_unsaved(path: Path) -> int:
    """Frames the -shm index says the -wal file holds that are not yet in the database file
    (0 when there is no index): what is lost if the -wal file is gone."""
    shm = Path(f"{path}-shm")
    try:
        with shm.open("rb") as fh:
            head = fh.read(_SHM_BACKFILL + 4)
    except OSError:
        return 0
    if len(head) < _SHM_BACKFILL + 4:
        return 0
    fmt = "<I" if sys.byteorder == "little" else ">I"
    frames = struct.unpack(fmt, head[_SHM_MXFRAME:_SHM_MXFRAME + 4])[0]
    copied = struct.unpack(fmt, head[_SHM_BACKFILL:_SHM_BACKFILL + 4])[0]
    return max(0, frames - copied)


def _writable(path: Path) -> bool:
    """The file and its folder can be written (SQLite creates -wal and -shm beside it)."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return False
    except (AttributeError, OSError):  # Windows has no statvfs: the access check decides
        pass
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK)


def tables_in(path: Path) -> set[str] | None:
    """The table names of an SQLite file, read-only; None when SQLite cannot read its schema."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def preflight(target: str, *, create: bool) -> None:
    """Refuse, with a message of its own, a path that is not a usable register file.

    Fine: a missing path when `create` (a new register), and any SQLite file that is
    FirstDesk's or empty of tables. Raises StorageError otherwise; never writes."""
    path = Path(target)
    if path.is_dir():
        raise StorageError("is_directory", target)
    if not path.exists():
        if not create:
            raise StorageError("missing", target)
        if path.parent.exists() and not _writable_folder(path.parent):
            raise StorageError("readonly_location", target)
        return
    size = path.stat().st_size
    if size == 0:
        raise StorageError("empty_file", target)
    with path.open("rb") as fh:
        magic = fh.read(len(SQLITE_MAGIC))
    if magic != SQLITE_MAGIC:
        raise StorageError("not_a_database", target)
    if not _writable(path):
        raise StorageError("readonly_location", target)
    if not Path(f"{path}-wal").exists() and wal_frames_unsaved(path) > 0:
        raise StorageError("missing_wal", target)
    tables = tables_in(path)
    if tables and "case" not in tables and "schema_version" not in tables:
        raise StorageError("foreign", target)


def _writable_folder(folder: Path) -> bool:
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return False
    except (AttributeError, OSError):
        pass
    return os.access(folder, os.W_OK)


__all__ = ["preflight", "tables_in", "wal_frames_unsaved"]
