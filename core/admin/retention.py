"""Retention per case kind: finished cases past their period lose the visitor's identity (audited).

The case, its number, its history and its figures stay; only who the visitor was goes:
the name, phone and unit copied onto the case are blanked, the case is unlinked from its
Visitor row, and a Visitor no longer used by any case is blanked too (name, phone, unit,
ID number). Each batch is one transaction with one `retention.anonymised` audit row.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime

import peewee as pw

from core import audit, register
from core.admin.organisation import save_settings
from core.errors import Term, ValidationError
from core.permissions import get_actor
from core.vocab import FINAL_STATUSES, KINDS
from models.database import write_transaction
from models.rows import tuples
from models.tables import Case, Visitor

log = logging.getLogger(__name__)

# Years a finished case keeps the visitor's identity, counted from closing (or referral).
DEFAULT_RETENTION_YEARS: dict[str, int] = {
    "inquiry": 3,
    "application": 5,
    "complaint": 10,
    "report": 10,
    "service_request": 5,
    "hazard": 5,
    "accident": 5,
}
FALLBACK_YEARS = 5
MAX_YEARS = 100
BATCH = 500


def retention_years(overrides: Mapping[str, int] | None = None) -> dict[str, int]:
    """The period of every kind: the defaults with `overrides` on top (each 1–100 years)."""
    years = {kind: DEFAULT_RETENTION_YEARS.get(kind, FALLBACK_YEARS) for kind in KINDS}
    for kind, value in (overrides or {}).items():
        if kind not in KINDS:
            raise ValidationError("bad_choice", at="kind", field=Term("类型", "Kind"), value=kind)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_YEARS:
            raise ValidationError("bad_number", at="retention", field=Term("保存年限", "Years kept"),
                                  low=1, high=MAX_YEARS)
        years[kind] = value
    return years


def configured_years() -> dict[str, int]:
    """The periods in force: the defaults with the organisation's settings on top."""
    return retention_years(register.org_settings().retention_years)


def save_retention_years(actor_id: int, years: Mapping[str, int]) -> dict[str, int]:
    """Store the organisation's periods (only those that differ from the defaults); audited
    with the settings. Returns the periods now in force."""
    checked = retention_years(years)
    changed = {k: v for k, v in checked.items() if v != DEFAULT_RETENTION_YEARS.get(k, FALLBACK_YEARS)}
    save_settings(actor_id, register.org_settings().with_changes(retention_years=changed))
    return configured_years()


def years_before(moment: datetime, years: int) -> datetime:
    """The same calendar moment `years` earlier (29 February falls back to the 28th)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def _identified() -> pw.Expression:
    return ((Case.visitor_name != "") | (Case.visitor_phone != "") | (Case.visitor_unit != "")
            | Case.visitor.is_null(False))


def _expired(kind: str, cutoff: datetime) -> pw.Expression:
    finished = pw.fn.COALESCE(Case.closed_at, Case.registered_at)
    return (Case.kind == kind) & Case.status.in_(FINAL_STATUSES) & (finished < cutoff) & _identified()


def count_expired(now: datetime | None = None,
                  overrides: Mapping[str, int] | None = None) -> dict[str, int]:
    """How many finished cases per kind are past their period and still identify a visitor."""
    now = now or register.now()
    counts: dict[str, int] = {}
    for kind, years in (configured_years() if overrides is None
                        else retention_years(overrides)).items():
        counts[kind] = Case.select().where(_expired(kind, years_before(now, years))).count()
    return counts


def _anonymise_batch(actor_id: int, kind: str, years: int, cutoff: datetime, now: datetime,
                     batch: int) -> int:
    """One transaction: up to `batch` cases of one kind, their lone visitors, one audit row."""
    with write_transaction():
        rows = list(tuples(Case.select(Case.id, Case.number, Case.visitor)
                    .where(_expired(kind, cutoff)).order_by(Case.id).limit(batch)))
        if not rows:
            return 0
        ids = [r[0] for r in rows]
        visitor_ids = sorted({r[2] for r in rows if r[2] is not None})
        Case.update({
            Case.visitor_name: "", Case.visitor_phone: "", Case.visitor_unit: "",
            Case.visitor: None, Case.version: Case.version + 1, Case.updated_at: now,
        }).where(Case.id.in_(ids)).execute()
        still_used = set()
        if visitor_ids:
            still_used = {v for (v,) in tuples(Case.select(Case.visitor).where(
                Case.visitor.in_(visitor_ids)).distinct())}
        lone = [v for v in visitor_ids if v not in still_used]
        if lone:
            Visitor.update(name="", phone="", unit="", id_number="").where(
                Visitor.id.in_(lone)).execute()
        audit.record(actor_id, "retention.anonymised", kind, {
            "kind": kind, "years": years, "closed_before": cutoff.isoformat(sep=" "),
            "cases": len(ids), "visitors_blanked": len(lone),
            "first": rows[0][1], "last": rows[-1][1],
        })
    return len(ids)


def anonymise_expired(actor_id: int, now: datetime | None = None, *,
                      overrides: Mapping[str, int] | None = None, batch: int = BATCH) -> int:
    """Blank the visitor's identity on every closed or referred case past its kind's period.

    Needs the manage_settings permission. Never deletes a case or an event; a case already
    blank is not touched again, so running it twice changes nothing. Returns the case count.
    """
    get_actor(actor_id, "manage_settings")
    years = configured_years() if overrides is None else retention_years(overrides)
    now = now or register.now()
    batch = max(1, int(batch))
    total = 0
    for kind, kept in years.items():
        cutoff = years_before(now, kept)
        while True:
            done = _anonymise_batch(actor_id, kind, kept, cutoff, now, batch)
            total += done
            if done < batch:
                break
    if total:
        log.info("retention: %d case(s) anonymised", total)
    return total


__all__ = ["DEFAULT_RETENTION_YEARS", "anonymise_expired", "configured_years", "count_expired",
           "retention_years", "save_retention_years", "years_before"]
