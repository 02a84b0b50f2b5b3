"""The journal replayed on the server when it is back (docs/offline.md).

Entries go in the order they were taken, one transaction each. Each carries its idempotency
key: the transaction first looks the key up in case_alias and, when the entry is there
already (a kill after the server's commit and before the journal heard of it, another window
replaying the same journal), answers with that case instead of registering it again; the key
and the provisional number are written with the case, in the same transaction, so they
commit or vanish with it. The case keeps the time the visitor was at the desk and its first
history row says 离线登记于 W03.

A field the server now refuses (an item withdrawn, an account disabled) refuses that entry
only, with the reason, and the rest go on; a lost connection stops the replay, and what is
left stays pending for the next one."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import peewee as pw

from core import register
from core.cases.intake import record_registration, validate_form
from core.errors import DomainError
from core.offline.journal import PENDING, Entry, Journal
from core.permissions import get_actor
from models.database import StorageError, db, run_retrying, write_transaction
from models.rows import first_tuple
from models.tables import Case, CaseAlias

log = logging.getLogger(__name__)

SYNCED, ALREADY, REFUSED = "synced", "already", "refused"


@dataclass(frozen=True)
class Outcome:
    entry: Entry
    state: str  # synced | already | refused
    case_id: int | None = None
    number: str = ""
    due_at: datetime | None = None
    reason: str = ""

    @property
    def due_moved(self) -> bool:
        """The server's calendar gave another due time than the receipt printed offline."""
        return self.state != REFUSED and self.due_at != self.entry.due_at


@dataclass
class SyncReport:
    outcomes: list[Outcome] = field(default_factory=list)
    left: int = 0  # still pending: the replay was cut off (the server went away again)
    problem: str = ""

    @property
    def synced(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.state != REFUSED]

    @property
    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.state == REFUSED]


def replay(entry: Entry, *, use_key: bool = True) -> Outcome:
    """One entry on this thread's binding (the server). `use_key=False` is the control that
    shows what the key prevents: a second replay then registers the case again."""
    with write_transaction():
        if use_key:
            found = first_tuple(CaseAlias.select(CaseAlias.case).where(CaseAlias.key == entry.key))
            if found is not None:
                case = Case.get_by_id(found[0])
                return Outcome(entry, ALREADY, case.id, case.number, case.due_at)
        actor = get_actor(entry.actor_id, "register")
        form = validate_form(entry.form)
        synced_at = register.now()
        origin = {"station": entry.station, "provisional": entry.provisional,
                  "entered_at": entry.entered_at.isoformat(sep=" "),
                  "synced_at": synced_at.isoformat(sep=" ")}
        with register.acting_at(entry.entered_at):  # the history keeps the desk's time
            ref = record_registration(actor, form, entry.entered_at, origin=origin)
        if use_key:
            CaseAlias.create(alias=entry.provisional, case=ref.id, key=entry.key,
                             station=int(entry.station.lstrip("W")), entered_by=actor.id,
                             entered_at=entry.entered_at, synced_at=synced_at)
    return Outcome(entry, SYNCED, ref.id, ref.number, ref.due_at)


def _reason(exc: Exception, entry: Entry, server: pw.Database) -> str:
    """Why the server refused an entry, in words that say what to do about it."""
    if not isinstance(exc, DomainError):
        return f"服务器拒绝：{exc}"
    if exc.code == "item_not_found" and entry.form.service_item_id:
        from models.tables import ServiceItem

        with db.bound_here(server):
            item = ServiceItem.get_or_none(ServiceItem.id == entry.form.service_item_id)
        name = f"“{item.name}”" if item is not None else ""
        return (f"办事事项{name}已在服务器上停用或删除。请管理员恢复该事项后重新同步，"
                "或按新登记重新录入（本记录保留）。")
    if exc.code in ("inactive_staff", "staff_not_found", "role_forbidden"):
        return (f"登记人账号现已不能登记（{exc.message('zh')}）。请管理员处理后重新同步，"
                "或由其他工作人员按新登记重新录入（本记录保留）。")
    return exc.message("zh") + "（本记录保留，处理后可重新同步）"


def sync_journal(journal: Journal, server: pw.Database, *, use_key: bool = True,
                 progress: Callable[[int, int], None] | None = None) -> SyncReport:
    """Replay every pending entry on `server` (a peewee database; the window may still be
    bound to its copy). Safe to run again at any point, and from two windows at once."""
    report = SyncReport()
    pending = journal.entries(PENDING)
    for done, entry in enumerate(pending):
        try:
            with db.bound_here(server):
                outcome = run_retrying(functools.partial(replay, entry, use_key=use_key))
        except StorageError as exc:
            # The server went away again (or cannot say whether it kept this one): stop
            # here; this entry and the rest stay pending and their keys decide next time.
            report.left = len(pending) - done
            report.problem = exc.message("zh")
            log.warning("offline replay stopped at %s: %s", entry.provisional, exc)
            break
        except (DomainError, pw.IntegrityError) as exc:
            outcome = Outcome(entry, REFUSED, reason=_reason(exc, entry, server))
            journal.mark_refused(entry.key, outcome.reason)
            log.warning("offline entry %s refused by the server: %s", entry.provisional,
                        outcome.reason)
        else:
            journal.mark_synced(entry.key, outcome.case_id or 0, outcome.number,
                                outcome.due_at, register.now())
            log.info("offline entry %s → %s (%s)", entry.provisional, outcome.number,
                     outcome.state)
        report.outcomes.append(outcome)
        if progress is not None:
            progress(done + 1, len(pending))
    return report


__all__ = ["ALREADY", "REFUSED", "SYNCED", "Outcome", "SyncReport", "replay", "sync_journal"]
