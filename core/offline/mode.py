"""Which database a window reads: its PostgreSQL server, or — while the server cannot be
reached — the local copy (docs/offline.md).

`prepare(viewer)` after sign-in on a PostgreSQL register: finds the journal and copy of this
register in the data folder and makes sure the server has handed this journal a station
(W03). `go_offline()` binds the window to the copy (read-only), `go_online()` back to the
server. Work that must reach one side whatever the window is bound to uses the database
objects here with `db.bound_here` (models/database.py): the replay, the copy's refresh."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import peewee as pw

from core import register
from core.infra.paths import data_dir
from core.infra.storage import describe_target
from core.offline.journal import Journal, journal_folder
from core.offline.local_copy import LocalCopy, RefreshStats
from core.offline.numbers import station_code
from models.database import (
    StorageError,
    bind,
    db,
    is_postgres,
    translate_error,
    write_transaction,
)

log = logging.getLogger(__name__)

CONNECTION_CODES = ("unreachable", "disconnected", "commit_unknown")


@dataclass
class OfflineDesk:
    server: pw.Database
    journal: Journal
    copy: LocalCopy
    viewer_id: int
    target: str = ""
    offline: bool = False
    # One offline registration or mode switch at a time in this process.
    lock: threading.RLock = field(default_factory=threading.RLock)
    listeners: list[Callable[[bool], None]] = field(default_factory=list)


_desk: OfflineDesk | None = None


def desk() -> OfflineDesk | None:
    return _desk


def prepare(viewer_id: int) -> OfflineDesk | None:
    """Set up offline registration for the open register (PostgreSQL only; a SQLite file is
    on this PC already). One desk per register and process, whoever signs in. Raises
    StorageError when the server cannot be asked for this journal's station."""
    global _desk
    target = register.current_target()
    if not is_postgres(target):
        _desk = None
        return None
    server = db.shared_bound()
    if _desk is not None and _desk.target == target and (_desk.offline or _desk.server is server):
        # Another person signs in at this PC (or the window is rebuilt): the same journal,
        # the same mode; the copy is remade for them at its next refresh.
        _desk.viewer_id = viewer_id
        return _desk
    folder = journal_folder(data_dir(), describe_target(target))
    forget()
    _desk = OfflineDesk(server, Journal(folder / "journal.db"), LocalCopy(folder), viewer_id,
                        target)
    ensure_station(_desk)
    return _desk


def forget() -> None:
    """The register closes (tests; another register chosen)."""
    global _desk
    if _desk is not None:
        _desk.copy.close()
    _desk = None


def ensure_station(d: OfflineDesk) -> str:
    """This journal's window identity, handed out once by the server (offline_station)."""
    code = d.journal.station()
    if code:
        return code
    from models.tables import OfflineStation

    label = f"{socket.gethostname()}"[:100]
    with db.bound_here(d.server), write_transaction():
        station = OfflineStation.create(label=label, created_at=register.now())
    code = station_code(station.id)
    d.journal.set_meta("station_id", str(station.id))
    d.journal.set_meta("station", code)
    d.journal.set_meta("register", register.current().describe())
    log.info("offline station %s for this journal (%s)", code, label)
    return code


def is_offline() -> bool:
    return _desk is not None and _desk.offline


def can_go_offline() -> bool:
    """A copy to read and a station to number with: registering offline is possible."""
    return _desk is not None and bool(_desk.journal.station()) and _desk.copy.exists()


def go_offline() -> bool:
    """Bind the window to the local copy; False when it has none (then nothing changes)."""
    d = _desk
    if d is None:
        return False
    with d.lock:
        if d.offline:
            return True
        if not can_go_offline():
            return False
        bind(d.copy.reader())
        register.invalidate()  # settings, calendar and names now come from the copy
        d.offline = True
    log.warning("window reads its local copy and registers offline (copy of %s)",
                d.copy.refreshed_at())
    _tell(d, True)
    return True


def go_online() -> None:
    """Back to the server (its connection is reopened on first use)."""
    d = _desk
    if d is None:
        return
    with d.lock:
        if not d.offline:
            return
        d.copy.reader().close()  # this thread's; others' close with their threads' work
        bind(d.server)
        register.invalidate()
        d.offline = False
    log.info("server reachable again: window reads the server")
    _tell(d, False)


def _tell(d: OfflineDesk, offline: bool) -> None:
    for listener in list(d.listeners):
        try:
            listener(offline)
        except Exception:  # noqa: BLE001 — a listener's problem is not the switch's
            log.exception("offline listener failed")


def ping_server() -> None:
    """One round trip to the server, whatever the window is bound to; StorageError while it
    cannot be reached."""
    d = _desk
    server = d.server if d is not None else db.shared_bound()
    try:
        with db.bound_here(server):
            db.execute_sql("SELECT 1").fetchone()
    except (pw.DatabaseError, pw.InterfaceError) as exc:
        raise translate_error(exc, register.current_target()) or StorageError(
            "unreachable", register.current_target(), str(exc)) from exc
    finally:
        if not server.is_closed():
            server.close()  # this (worker) thread's connection


def refresh_copy() -> RefreshStats | None:
    """Bring the local copy up to date from the server (while online; None: no desk)."""
    d = _desk
    if d is None:
        return None
    try:
        return d.copy.refresh(d.server, d.viewer_id, register.now())
    except (pw.DatabaseError, pw.InterfaceError) as exc:
        err = translate_error(exc, register.current_target())
        if err is None:
            raise
        raise err from exc
    finally:
        if not d.server.is_closed():
            d.server.close()


def copy_time() -> datetime | None:
    return _desk.copy.refreshed_at() if _desk is not None else None


__all__ = ["OfflineDesk", "can_go_offline", "desk", "go_offline", "go_online", "is_offline",
           "ping_server", "prepare", "refresh_copy"]
