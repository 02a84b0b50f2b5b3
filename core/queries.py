"""Read side for lists: filters, sorting and paging done in SQL, rows as frozen dataclasses."""

from __future__ import annotations

import re
import time as clock
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import peewee as pw

from core import register
from core.privacy import protected_name
from core.validation import mask_phone
from core.vocab import OPEN_STATUSES, PROTECTED_KINDS, RUNNING_STATUSES, TRANSFERRED
from models import search
from models.database import db, is_sqlite
from models.tables import Case, Department, ServiceItem, Staff

NUMBER_RE = re.compile(r"^\d{8}-\d{1,6}$")
PHONE_RE = re.compile(r"^[\d\-+ ]{7,}$")

SORTABLE = {
    "number": Case.number,
    "registered_at": Case.registered_at,
    "visitor": Case.visitor_name,
    "kind": Case.kind,
    "status": Case.status,
    "due_at": Case.due_at,
    "visit_count": Case.visit_count,
    "department": Case.department,
    "handler": Case.handler,
    "service_item": Case.service_item,
    "channel": Case.channel,
}


@dataclass(frozen=True)
class CaseFilter:
    """What a list shows; every field narrows it. Empty filter: all open cases."""

    scope: str = "open"  # open | all | closed
    statuses: tuple[str, ...] = ()
    department_id: int | None = None
    kind: str | None = None
    channel: str | None = None
    mine: int | None = None  # staff id: first owner, handler or asked to accept
    waiting_for: int | None = None  # staff id: waiting for their acceptance (or their dept's)
    overdue: bool = False
    due_today: bool = False
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    sort: str = "registered_at"
    descending: bool = True
    extra: tuple[str, ...] = field(default=())  # reserved for saved views


@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    registered_at: datetime
    channel: str
    kind: str
    anonymous: bool
    visitor_name: str
    visitor_phone_masked: str
    visitor_unit: str
    subject: str
    service_item: str
    department: str
    handler: str
    first_owner: str
    status: str
    due_at: datetime | None
    visit_count: int
    pending: str  # who is asked to accept, while transferred
    version: int


_NAMES_TTL = 60.0  # seconds: other windows' new staff or items show up within a minute
_names_cache: tuple[float, int, tuple[dict[int, str], dict[int, str], dict[int, str]]] | None = None


def _names() -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """Departments, staff and items are small: id → name maps, cached briefly per process."""
    global _names_cache
    stamp = clock.monotonic()
    if (_names_cache is not None and _names_cache[1] == register.generation()
            and stamp - _names_cache[0] < _NAMES_TTL):
        return _names_cache[2]
    maps = (dict(Department.select(Department.id, Department.name).tuples()),
            dict(Staff.select(Staff.id, Staff.name).tuples()),
            dict(ServiceItem.select(ServiceItem.id, ServiceItem.name).tuples()))
    _names_cache = (stamp, register.generation(), maps)
    return maps


def _day_bounds(d: date) -> tuple[datetime, datetime]:
    start = datetime.combine(d, time.min)
    return start, start + timedelta(days=1)


def _text_condition(text: str) -> pw.Expression | None:
    text = text.strip()
    if not text:
        return None
    if NUMBER_RE.match(text):
        return Case.number == text
    if PHONE_RE.match(text):
        digits = re.sub(r"[\s+]", "", text)
        if len(digits) >= 11:
            return Case.visitor_phone == digits
        # A phone prefix or a number fragment: prefix searches use the index.
        return (Case.visitor_phone.startswith(digits)) | (Case.number.startswith(digits))
    return Case.id.in_(_word_matches(text))


# A word search looks at the newest TEXT_CAP matches of each kind (visitor name, unit, matter):
# a common word then costs a few thousand row look-ups instead of tens of thousands.
TEXT_CAP = 2000


def _word_matches(text: str) -> pw.SQL:
    """Ids of the newest cases whose visitor name or unit starts with `text`, or whose matter
    contains it — a UNION that the name, unit and full-text indexes answer."""
    p = db.param
    end = text + "\U0010ffff"
    parts = [
        f'SELECT id FROM (SELECT id FROM "case" WHERE visitor_name >= {p} AND visitor_name < {p} '
        f"ORDER BY id DESC LIMIT {TEXT_CAP}) AS by_name",
        f'SELECT id FROM (SELECT id FROM "case" WHERE visitor_unit >= {p} AND visitor_unit < {p} '
        f"ORDER BY id DESC LIMIT {TEXT_CAP}) AS by_unit",
    ]
    params: list[object] = [text, end, text, end]
    expr = search.match_query(text) if is_sqlite() else None
    if expr is not None:
        parts.append(f"SELECT rowid FROM (SELECT rowid FROM case_text WHERE case_text MATCH {p} "
                     f"ORDER BY rowid DESC LIMIT {TEXT_CAP}) AS by_words")
        params.append(expr)
    elif len(text) > 1:  # PostgreSQL (pg_trgm index on the subject), or punctuation only
        # (a single character is a surname far more often than a word of the matter)
        like = "ILIKE" if not is_sqlite() else "LIKE"
        parts.append(f'SELECT id FROM (SELECT id FROM "case" WHERE subject {like} {p} ESCAPE '
                     f"'!' OR description {like} {p} ESCAPE '!' ORDER BY id DESC "
                     f"LIMIT {TEXT_CAP}) AS by_words")
        escaped = text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
        pattern = f"%{escaped}%"
        params += [pattern, pattern]
    return pw.SQL("(" + " UNION ".join(parts) + ")", params)


def where_clause(f: CaseFilter, now: datetime | None = None) -> pw.Expression:
    now = now or register.now()
    conds: list[pw.Expression] = []
    if f.statuses:
        conds.append(Case.status.in_(f.statuses))
    elif f.scope == "open":
        conds.append(Case.status.in_(OPEN_STATUSES))
    elif f.scope == "closed":
        conds.append(Case.status.not_in(OPEN_STATUSES))
    if f.department_id is not None:
        conds.append(Case.department == f.department_id)
    if f.kind:
        conds.append(Case.kind == f.kind)
    if f.channel:
        conds.append(Case.channel == f.channel)
    if f.mine is not None:
        conds.append((Case.first_owner == f.mine) | (Case.handler == f.mine)
                     | (Case.pending_staff == f.mine))
    if f.waiting_for is not None:
        staff = Staff.get_or_none(Staff.id == f.waiting_for)
        dep = staff.department_id if staff else None
        conds.append((Case.status == TRANSFERRED) & (
            (Case.pending_staff == f.waiting_for)
            | ((Case.pending_staff.is_null()) & (Case.pending_department == dep))))
    if f.overdue:
        conds.append(Case.status.in_(RUNNING_STATUSES) & (Case.due_at < now))
    if f.due_today:
        _, end = _day_bounds(now.date())
        conds.append(Case.status.in_(RUNNING_STATUSES) & (Case.due_at >= now) & (Case.due_at < end))
    if f.date_from:
        conds.append(Case.registered_at >= _day_bounds(f.date_from)[0])
    if f.date_to:
        conds.append(Case.registered_at < _day_bounds(f.date_to)[1])
    text = _text_condition(f.text)
    if text is not None:
        conds.append(text)
    if not conds:
        return pw.SQL("1 = 1")
    expr = conds[0]
    for c in conds[1:]:
        expr &= c
    return expr


def count_cases(f: CaseFilter) -> int:
    return Case.select(pw.fn.COUNT(Case.id)).where(where_clause(f)).scalar() or 0


def _order(f: CaseFilter) -> list[pw.Ordering]:
    col = SORTABLE.get(f.sort, Case.registered_at)
    primary = col.desc() if f.descending else col.asc()
    tie = Case.id.desc() if f.descending else Case.id.asc()
    return [primary, tie]


_ROW_COLUMNS = (
    Case.id, Case.number, Case.registered_at, Case.channel, Case.kind, Case.anonymous,
    Case.visitor_name, Case.visitor_phone, Case.visitor_unit, Case.subject, Case.service_item,
    Case.department,
    Case.handler, Case.first_owner, Case.status, Case.due_at, Case.visit_count,
    Case.pending_staff, Case.pending_department, Case.version,
)


def fetch_rows(f: CaseFilter, offset: int, limit: int) -> list[CaseRow]:
    """One page of the list, already sorted and filtered by the database."""
    q = (Case.select(*_ROW_COLUMNS).where(where_clause(f)).order_by(*_order(f))
         .offset(offset).limit(limit).tuples())
    return rows_from_tuples(list(q))


def rows_from_tuples(tuples: list[tuple]) -> list[CaseRow]:
    deps, staff, items = _names()
    out = []
    for (cid, number, reg, channel, kind, anon, vname, vphone, vunit, subject, item, dep, handler,
         owner, status, due, visits, pstaff, pdep, version) in tuples:
        pending = staff.get(pstaff, "") if pstaff else deps.get(pdep, "") if pdep else ""
        out.append(CaseRow(
            cid, number, reg, channel, kind, bool(anon),
            "" if anon else (protected_name(vname) if kind in PROTECTED_KINDS else vname),
            "" if anon else mask_phone(vphone), "" if anon else vunit, subject, items.get(item, "") if item else "",
            deps.get(dep, "") if dep else "", staff.get(handler, "") if handler else "",
            staff.get(owner, ""), status, due, visits, pending, version,
        ))
    return out


def find_by_number(number: str) -> int | None:
    row = Case.select(Case.id).where(Case.number == number.strip()).first()
    return row.id if row else None


def overdue_cases(limit: int | None = None) -> list[CaseRow]:
    f = CaseFilter(overdue=True, sort="due_at", descending=False)
    q = Case.select(*_ROW_COLUMNS).where(where_clause(f)).order_by(*_order(f))
    if limit:
        q = q.limit(limit)
    return rows_from_tuples(list(q.tuples()))


def counts_for(staff_id: int) -> dict[str, int]:
    """The numbers in the navigation: my open cases, waiting for my acceptance, overdue."""
    return {
        "mine": count_cases(CaseFilter(mine=staff_id)),
        "waiting": count_cases(CaseFilter(waiting_for=staff_id)),
        "overdue": count_cases(CaseFilter(overdue=True)),
        "my_overdue": count_cases(CaseFilter(mine=staff_id, overdue=True)),
        "due_today": count_cases(CaseFilter(due_today=True)),
    }


def visitor_history(phone: str, limit: int = 20) -> list[CaseRow]:
    """Earlier cases of a repeat visitor, newest first (the intake form shows them)."""
    if not phone:
        return []
    q = (Case.select(*_ROW_COLUMNS).where(Case.visitor_phone == phone)
         .order_by(Case.registered_at.desc()).limit(limit).tuples())
    return rows_from_tuples(list(q))
