"""The desk's save (new intake F2, phone log F3): on the server when it answers, into the
journal when it cannot be reached — same validation, same materials and due-time rules,
read from the local copy (docs/offline.md)."""

from __future__ import annotations

import logging
import uuid

from core import register
from core.cases.intake import record_registration, register_case, validate_form
from core.dto import CaseRef, IntakeForm
from core.offline import mode
from core.offline.journal import Journal
from core.permissions import get_actor
from models.database import StorageError, db

log = logging.getLogger(__name__)

# Connection problems after which nothing of the save is on the server. ("commit_unknown"
# is not one: the server may have kept it, and the window says so instead.)
GONE = ("unreachable", "disconnected")


def register_at_desk(actor_id: int, form: IntakeForm) -> CaseRef:
    """Register on the server; when it cannot be reached and the window has a local copy,
    switch to offline registration and keep the case in the journal instead."""
    if not mode.is_offline():
        for attempt in (1, 2):
            try:
                return register_case(actor_id, form)
            except StorageError as exc:
                if exc.code == "disconnected" and attempt == 1:
                    continue  # the connection died before anything committed: once more
                if exc.code not in GONE or not mode.go_offline():
                    raise
                break
    return register_offline(actor_id, form)


def register_offline(actor_id: int, form: IntakeForm) -> CaseRef:
    """Validate against the local copy, take the next provisional number, write the journal
    entry (durably: it is the matter's only record until the replay) and the case into the
    copy, so that the window lists it and prints its receipt like any other."""
    d = mode.desk()
    if d is None or not mode.can_go_offline():
        raise StorageError("unreachable", register.current().describe())
    writer = d.copy.writer()
    with d.lock, db.bound_here(writer):
        actor = get_actor(actor_id, "register")
        form = validate_form(form)
        at = register.now()  # the server's clock, as this PC kept its offset
        station = d.journal.station()
        key = str(uuid.uuid4())
        saved = None
        with d.journal.new_entry(at, station) as (conn, provisional):
            origin = {"station": station, "provisional": provisional,
                      "entered_at": at.isoformat(sep=" ")}
            try:
                with writer.atomic("IMMEDIATE"):
                    ref = record_registration(actor, form, at, number=provisional, origin=origin)
                    Journal.insert(conn, key=key, provisional=provisional, station=station,
                                   actor_id=actor.id, actor_name=actor.name, entered_at=at,
                                   form=form, due_at=ref.due_at)
                    writer.execute_sql("INSERT INTO copy_meta (key, value) VALUES ('dirty', '1') "
                                       "ON CONFLICT (key) DO UPDATE SET value = '1'")
                    conn.commit()  # from here on the entry is saved, whatever follows
                    saved = ref
            except Exception:
                if saved is None:
                    raise
                # The journal has it; only the copy's display of it failed.
                log.exception("offline entry %s saved; the local copy did not take it", provisional)
    log.info("registered offline %s (%s/%s) by %s", provisional, form.channel, form.kind,
             actor.username)
    return saved


__all__ = ["register_at_desk", "register_offline"]
