"""The audit chain's head, kept outside the database so that the chain can be checked from
outside (docs/reliability.md).

The hash chain alone shows an edited row, but not rows cut off its end, the whole log
emptied, or the chain recomputed after an edit: each of those leaves a chain that verifies.
So the head (last id and its hash) is written down where the database cannot change it: a
small anchor file beside the register (one JSON line per anchor, written when the register
is opened and closed and after each backup), every backup's manifest, and the monthly
report. `check()` compares anchors with the chain: an anchor's row must still exist and
still carry the anchored hash.

A restore legitimately rolls the chain back to the backup's head; it leaves a marker in the
anchor file, and anchors older than a marker are then history, not evidence — as long as
the chain itself records that restore (a `backup.restored` row after the backup's head).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from core.errors import english
from core.infra.paths import data_dir
from models.database import is_postgres, redact
from models.guards import GENESIS
from models.rows import first_tuple, tuples
from models.tables import AuditLog

log = logging.getLogger(__name__)

KEEP_LINES = 500
MANIFEST_SUFFIX = ".manifest.json"


@dataclass(frozen=True)
class Anchor:
    id: int
    hash: str
    at: str  # when it was written, local time "YYYY-MM-DD HH:MM:SS"
    source: str  # open, close, backup FILE, report, restored
    where: str  # the file it was read from


@dataclass(frozen=True)
class Finding:
    kind: str  # tail_deleted | wiped | rechained
    anchor: Anchor
    found_id: int  # the chain's last id now (0: empty)

    def message(self, lang: str = "zh") -> str:
        a = self.anchor
        if self.kind == "wiped":
            return (f"All audit rows are gone: the anchor of {a.at} ({a.source}, {a.where}) says "
                    f"the chain reached row {a.id}." if english(lang) else
                    f"审计日志已被整体删除：{a.at} 的锚点（{a.source}，{a.where}）记录链已到第 {a.id} 行。")
        if self.kind == "tail_deleted":
            return (f"Audit rows {self.found_id + 1}–{a.id} are missing: the anchor of {a.at} "
                    f"({a.source}, {a.where}) says the chain reached row {a.id}, it now ends at "
                    f"row {self.found_id}." if english(lang) else
                    f"审计日志第 {self.found_id + 1}–{a.id} 行已被删除：{a.at} 的锚点（{a.source}，"
                    f"{a.where}）记录链已到第 {a.id} 行，现在只到第 {self.found_id} 行。")
        return (f"Audit row {a.id} no longer carries the hash anchored on {a.at} ({a.source}, "
                f"{a.where}): rows up to {a.id} were rewritten and the chain recomputed, or rows "
                "were deleted and others written in their place." if english(lang) else
                f"审计日志第 {a.id} 行的哈希与 {a.at} 的锚点（{a.source}，{a.where}）不符：第 {a.id} "
                "行及以前的记录被改写后重新计算了哈希链，或被删除后又写入了别的记录。")


def head() -> tuple[int, str]:
    """(last id, its hash) of the audit chain; (0, GENESIS) when it is empty."""
    row = first_tuple(AuditLog.select(AuditLog.id, AuditLog.hash).order_by(AuditLog.id.desc()))
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def anchor_file(target: str) -> Path:
    """Beside a SQLite register; for PostgreSQL, in this PC's data folder, one per database."""
    if is_postgres(target):
        from urllib.parse import urlparse

        u = urlparse(target)
        name = f"{u.hostname or 'localhost'}_{u.port or 5432}_{(u.path or '/').strip('/')}"
        return data_dir() / f"{''.join(c if c.isalnum() or c in '._-' else '_' for c in name)}.anchor"
    return Path(f"{target}.anchor")


def _stamp() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")


def _append(path: Path, entry: dict[str, object]) -> None:
    """One JSON line, flushed to disk; the file keeps its newest KEEP_LINES lines."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lines = [*lines[-(KEEP_LINES - 1):], json.dumps(entry, ensure_ascii=False)]
    # Several windows (processes, threads) may anchor at once: each writes its own file.
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _entries(path: Path) -> list[dict[str, object]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    out = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            out.append(entry)
    return out


def _anchor(entry: dict[str, Any], where: Path) -> Anchor | None:
    try:
        return Anchor(int(entry["id"]), str(entry["hash"]), str(entry.get("at", "")),
                      str(entry.get("source", "")), str(where))
    except (KeyError, TypeError, ValueError):
        return None


def _restored_in_chain(marker: Anchor) -> bool:
    """A restore marker counts only when the chain records that restore after the backup's
    head (a forged marker would also need a forged, re-chained audit row)."""
    return AuditLog.select().where((AuditLog.action == "backup.restored")
                                   & (AuditLog.id > marker.id)).exists()


def file_anchors(target: str) -> tuple[list[Anchor], Anchor | None]:
    """The anchors of the anchor file that are still evidence, and the restore marker that
    retired the older ones (None when there was no restore)."""
    path = anchor_file(target)
    anchors: list[Anchor] = []
    marker: Anchor | None = None
    for entry in _entries(path):
        anchor = _anchor(entry, path)
        if anchor is None:
            continue
        if entry.get("event") == "restored":
            if _restored_in_chain(anchor):
                anchors, marker = [], anchor
            continue
        if entry.get("event") == "mismatch":
            continue  # evidence of an earlier finding; the anchors themselves still count
        anchors.append(anchor)
    return anchors, marker


def source_name(target: str) -> str:
    """How a manifest names the register it was taken from."""
    return redact(target) if is_postgres(target) else str(Path(target).resolve())


def manifest_anchors(folders: list[Path], target: str, since: str = "") -> list[Anchor]:
    """The audit heads in the manifests of this register's backups found in `folders`
    (those written after `since`)."""
    out = []
    seen: set[Path] = set()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.glob(f"*{MANIFEST_SUFFIX}"):
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("source") != source_name(target):
                    continue
                audit_head = data["audit_head"]
                anchor = Anchor(int(audit_head["id"]), str(audit_head["hash"]),
                                str(data.get("created", "")), "backup", str(path))
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if anchor.at >= since:
                out.append(anchor)
    return out


def check(anchors: list[Anchor]) -> list[Finding]:
    """Compare each anchor with the chain; one finding per anchor that no longer holds."""
    last, _ = head()
    wanted = {a.id for a in anchors if a.id > 0}
    have = dict(tuples(AuditLog.select(AuditLog.id, AuditLog.hash).where(AuditLog.id.in_(list(wanted))))) if wanted else {}
    findings = []
    for a in anchors:
        if a.id <= 0:
            continue
        if last == 0:
            findings.append(Finding("wiped", a, 0))
        elif a.id > last:
            findings.append(Finding("tail_deleted", a, last))
        elif have.get(a.id) != a.hash:
            findings.append(Finding("rechained", a, last))
    return findings


def backup_folders(target: str) -> list[Path]:
    """Where backups of this register are looked for: the automatic backup folder, the
    register's own folder and the data folder's backups/."""
    folders = [data_dir() / "backups"]
    if not is_postgres(target):
        folders.append(Path(target).resolve().parent)
    try:
        from core.admin.staff_admin import auto_backup_settings

        folder = auto_backup_settings().folder
        if folder:
            folders.append(Path(folder))
    except Exception as exc:  # noqa: BLE001 — no organisation yet, or an unreadable register
        log.debug("automatic backup folder unknown: %s", exc)
    return folders


def all_anchors(target: str) -> tuple[list[Anchor], Anchor | None]:
    anchors, marker = file_anchors(target)
    since = marker.at if marker is not None else ""
    return anchors + manifest_anchors(backup_folders(target), target, since), marker


def record(target: str, source: str) -> bool:
    """Write the current head to the anchor file, unless the newest anchors no longer hold
    (then the evidence is kept, never papered over, and False is returned)."""
    if not target or target == ":memory:":
        return False
    anchors, _ = file_anchors(target)
    findings = check(anchors[-50:])
    path = anchor_file(target)
    if findings:
        log.error("audit chain does not match its anchors: %s", findings[0].message("en"))
        _append(path, {"event": "mismatch", "id": findings[0].anchor.id,
                       "hash": findings[0].anchor.hash, "at": _stamp(),
                       "source": findings[0].kind, "found": findings[0].found_id})
        return False
    last, digest = head()
    if last == 0 or (anchors and anchors[-1].id == last and anchors[-1].hash == digest):
        return True  # nothing new to anchor
    try:
        _append(path, {"id": last, "hash": digest, "at": _stamp(), "source": source,
                       "register": redact(target)})
    except OSError as exc:
        log.warning("audit anchor not written to %s: %s", path, exc)
        return False
    return True


def record_restore(target: str, restored: tuple[int, str], source: str) -> None:
    """After a restore: older anchors describe a chain the restore replaced."""
    _append(anchor_file(target), {"event": "restored", "id": restored[0], "hash": restored[1],
                                  "at": _stamp(), "source": f"restored {Path(source).name}"})


__all__ = ["Anchor", "Finding", "all_anchors", "anchor_file", "check", "head", "record",
           "record_restore"]
