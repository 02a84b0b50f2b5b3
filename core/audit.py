"""The audit log (issue: nothing lost, nobody where they don't belong): sign-ins, views of
sensitive fields, case actions, prints, exports, permission and setting changes — each row
chained to the previous one by SHA-256, so an altered or deleted row is detected."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core import register
from models.database import AUDIT_LOCK, db, is_sqlite
from models.rows import tuples
from models.tables import AuditLog, Staff

log = logging.getLogger(__name__)

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    target: str
    detail: str


@dataclass(frozen=True)
class VerifyReport:
    rows: int
    altered: tuple[int, ...]  # ids whose content no longer matches their hash
    broken_links: tuple[int, ...]  # ids whose prev_hash is not the previous row's hash

    @property
    def ok(self) -> bool:
        return not self.altered and not self.broken_links


def _digest(prev: str, at: datetime, actor_id: int | None, action: str, target: str,
            detail: str) -> str:
    payload = json.dumps([prev, at.isoformat(sep=" "), actor_id, action, target, detail],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(actor_id: int | None, action: str, target: str = "", detail: Any = "") -> None:
    """Append one row; call inside the use case's transaction so both commit or neither."""
    text = detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False, default=str)
    if not is_sqlite():
        # One chain across all windows: serialise appends (SQLite's IMMEDIATE lock already does).
        db.execute_sql(f"SELECT pg_advisory_xact_lock({AUDIT_LOCK})")
    prev = AuditLog.select(AuditLog.hash).order_by(AuditLog.id.desc()).scalar() or GENESIS
    at = register.now()
    AuditLog.create(at=at, actor=actor_id, action=action, target=target[:60], detail=text,
                    prev_hash=prev, hash=_digest(prev, at, actor_id, action, target[:60], text))


def verify(batch: int = 5000) -> VerifyReport:
    """Walk the whole chain; report rows whose hash or link does not match."""
    altered: list[int] = []
    broken: list[int] = []
    prev = GENESIS
    last_id = 0
    rows = 0
    while True:
        chunk = list(AuditLog.select().where(AuditLog.id > last_id).order_by(AuditLog.id).limit(batch))
        if not chunk:
            break
        for r in chunk:
            rows += 1
            if r.prev_hash != prev:
                broken.append(r.id)
            if _digest(r.prev_hash, r.at, r.actor_id, r.action, r.target, r.detail) != r.hash:
                altered.append(r.id)
            prev = r.hash
            last_id = r.id
    return VerifyReport(rows, tuple(altered), tuple(broken))


def within(query: Any, field: Any, since: datetime | None, until: datetime | None) -> Any:
    """`query` kept to rows with `since` <= `field` < `until`, each bound only when given."""
    if since:
        query = query.where(field >= since)
    if until:
        query = query.where(field < until)
    return query


def rows(actor_id: int | None = None, action: str | None = None, since: datetime | None = None,
         until: datetime | None = None, offset: int = 0, limit: int = 200) -> list[AuditRow]:
    q = AuditLog.select()
    if actor_id is not None:
        q = q.where(AuditLog.actor == actor_id)
    if action:
        q = q.where(AuditLog.action == action)
    q = within(q, AuditLog.at, since, until)
    names = dict(tuples(Staff.select(Staff.id, Staff.name)))
    return [AuditRow(r.id, r.at, names.get(r.actor_id, "系统") if r.actor_id else "系统", r.action,
                     r.target, r.detail)
            for r in q.order_by(AuditLog.id.desc()).offset(offset).limit(limit)]
