"""Read side for lists: filters, sorting and paging done in SQL, rows as frozen dataclasses.

The list is the most used screen, so its SQL is written out here rather than built through
the ORM: a filter becomes one WHERE clause with bound parameters in microseconds, and rows
come back as plain tuples (docs/architecture.md, "Lists of a million cases": the ORM's per-query and per-row cost dominates an
indexed look-up).
"""

from __future__ import annotations

import re
import time as clock
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple

from core import register
from core.cases.privacy import protected_name
from core.cases.validation import mask_phone
from core.vocab import PROTECTED_KINDS, TRANSFERRED
from models import search, tally
from models.database import db, is_sqlite, timestamp_param, timestamp_value
from models.rows import tuples
from models.tables import Department, ServiceItem, Staff

# A case number, or a provisional one given offline (20261204-W03-0007, core/offline/numbers.py).
NUMBER_RE = re.compile(r"^\d{8}-(?:W\d{2,6}-)?\d{1,6}$")
PHONE_RE = re.compile(r"^[\d\-+ ]{7,}$")

SORTABLE = {
    "number": "number",
    "registered_at": "registered_at",
    "visitor": "visitor_name",
    "kind": "kind",
    "status": "status",
    "due_at": "due_at",
    "visit_count": "visit_count",
    "department": "department_id",
    "handler": "handler_id",
    "service_item": "service_item_id",
    "channel": "channel",
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
    inbox: tuple[str, int] | None = None  # (section, staff id): core.cases.inbox
    # Who searches: a name, unit or phone search then finds complaints and reports only
    # where this person may see the complainant (core/cases/privacy.py).
    viewer: int | None = None


class CaseRow(NamedTuple):
    """One line of a list (a tuple: a page of 256 is built in microseconds)."""

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
    updated_at: datetime | None = None  # the last change (an inbox marks what is new)


_NAMES_TTL = 60.0  # seconds: other windows' new staff or items show up within a minute
_names_cache: tuple[float, int, tuple[dict[int, str], dict[int, str], dict[int, str]]] | None = None


def _names() -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """Departments, staff and items are small: id → name maps, cached briefly per process."""
    global _names_cache
    stamp = clock.monotonic()
    if (_names_cache is not None and _names_cache[1] == register.generation()
            and stamp - _names_cache[0] < _NAMES_TTL):
        return _names_cache[2]
    maps = (dict(tuples(Department.select(Department.id, Department.name))),
            dict(tuples(Staff.select(Staff.id, Staff.name))),
            dict(tuples(ServiceItem.select(ServiceItem.id, ServiceItem.name))))
    _names_cache = (stamp, register.generation(), maps)
    return maps


def _day_bounds(d: date) -> tuple[datetime, datetime]:
    start = datetime.combine(d, time.min)
    return start, start + timedelta(days=1)


Where = tuple[list[str], list[object]]


def _in(column: str, values: tuple[str, ...], where: Where, negate: bool = False) -> None:
    marks = ", ".join([db.param] * len(values))
    where[0].append(f"{column} {'NOT IN' if negate else 'IN'} ({marks})")
    where[1].extend(values)


def _protected_guard(viewer: int | None) -> Where | None:
    """The condition that keeps complaints and reports out of a search by who filed them,
    for a viewer who may not see their complainants; None when the viewer may."""
    if viewer is None:
        return None
    from core.permissions import allowed

    role = Staff.select(Staff.role).where(Staff.id == viewer).scalar()
    if role is None or allowed(role, "reveal_identity"):
        return None
    marks = ", ".join([db.param] * len(PROTECTED_KINDS))
    return ([f"(kind NOT IN ({marks}) OR first_owner_id = {db.param} "
             f"OR handler_id = {db.param})"], [*sorted(PROTECTED_KINDS), viewer, viewer])


def _text_condition(text: str, where: Where, viewer: int | None = None) -> None:
    text = text.strip()
    if not text:
        return
    p = db.param
    if NUMBER_RE.match(text):
        if "-W" in text:  # an offline receipt's provisional number: the case it became
            where[0].append(f"(number = {p} OR id IN (SELECT case_id FROM case_alias "
                            f"WHERE alias = {p}))")
            where[1].extend((text, text))
            return
        where[0].append(f"number = {p}")
        where[1].append(text)
        return
    guard = _protected_guard(viewer)  # a search by name, unit or phone names the visitor
    if guard is not None:
        where[0].extend(guard[0])
        where[1].extend(guard[1])
    if PHONE_RE.match(text):
        digits = re.sub(r"[\s+]", "", text)
        if len(digits) >= 11:
            where[0].append(f"visitor_phone = {p}")
            where[1].append(digits)
            return
        # A phone prefix or a number fragment: prefix searches use the indexes.
        end = digits + "\U0010ffff"
        where[0].append(f"((visitor_phone >= {p} AND visitor_phone < {p}) "
                        f"OR (number >= {p} AND number < {p}))")
        where[1].extend((digits, end, digits, end))
        return
    sql, params = _word_matches(text)
    where[0].append(f"id IN {sql}")
    where[1].extend(params)


def _word_matches(text: str) -> tuple[str, list[object]]:
    """Ids of every case whose visitor name or unit starts with `text`, or whose matter
    contains it — a UNION that the name, unit and full-text indexes answer. Not capped: the
    list counts and pages through all of them (core/cases/paging.py keeps a search's hits)."""
    p = db.param
    end = text + "\U0010ffff"
    parts = [
        f'SELECT id FROM "case" WHERE visitor_name >= {p} AND visitor_name < {p}',
        f'SELECT id FROM "case" WHERE visitor_unit >= {p} AND visitor_unit < {p}',
    ]
    params: list[object] = [text, end, text, end]
    expr = search.match_query(text) if is_sqlite() else None
    if expr is not None:
        parts.append(f"SELECT rowid FROM case_text WHERE case_text MATCH {p}")
        params.append(expr)
    elif len(text) > 1:  # PostgreSQL (pg_trgm index on the subject), or punctuation only
        # (a single character is a surname far more often than a word of the matter)
        like = "ILIKE" if not is_sqlite() else "LIKE"
        parts.append(f'SELECT id FROM "case" WHERE subject {like} {p} ESCAPE \'!\' '
                     f"OR description {like} {p} ESCAPE '!'")
        escaped = text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
        pattern = f"%{escaped}%"
        params += [pattern, pattern]
    return "(" + " UNION ".join(parts) + ")", params


def is_word_search(f: CaseFilter) -> bool:
    """A search by name, unit or a word of the matter (not a case number or phone)."""
    text = f.text.strip()
    return bool(text) and not NUMBER_RE.match(text) and not PHONE_RE.match(text)


def where_sql(f: CaseFilter, now: datetime | None = None) -> tuple[str, list[object]]:
    """The filter as one WHERE condition over "case" (no table prefix) and its parameters."""
    sql, params, _ = _shape(f, now)
    return sql, params


def _shape(f: CaseFilter, now: datetime | None) -> tuple[str, list[object], str]:
    """WHERE, parameters and the COUNT statement; the SQL text comes from a cache."""
    if f.waiting_for is not None or f.inbox is not None:  # reads the person's department
        sql, where_params = _where_sql(f, now or register.now())
        return sql, list(where_params), f'SELECT COUNT(*) FROM "case" WHERE {sql}'
    sql, params, count = _cached_where(f, db.param)
    if not (f.overdue or f.due_today):
        return sql, list(params), count
    now = now or register.now()
    end = datetime.combine(now.date(), time.min) + timedelta(days=1) if f.due_today else now
    now_p, end_p = timestamp_param(now), timestamp_param(end)
    return sql, [now_p if v is _NOW else end_p if v is _DAY_END else v for v in params], count


class _Moment:
    """Stands for a time in a cached WHERE's parameters, filled in per call."""


_NOW, _DAY_END = _Moment(), _Moment()


@lru_cache(maxsize=256)
def _cached_where(f: CaseFilter, param: str) -> tuple[str, tuple[object, ...], str]:
    """A filter's SQL text is the same every time (a search typed twice, paging, the counts
    the navigation refreshes); only "now" and the end of today are filled in per call."""
    sql, params = _where_sql(f, _NOW)
    return sql, tuple(params), f'SELECT COUNT(*) FROM "case" WHERE {sql}'



def _categories(f: CaseFilter, where: Where) -> None:
    """Status (scope), department, kind and channel: the columns the tallies also hold."""
    # The fixed status lists are written out as literals: a partial index names them so.
    if f.statuses:
        _in("status", f.statuses, where)
    elif f.scope == "open" and (f.overdue or f.due_today):
        # The running statuses below are all open: one IN, the (status, due) index. With a
        # department, the open ones too: its backlog index lists them newest first.
        if f.department_id is not None:
            where[0].append(tally.OPEN_SQL)
    elif f.scope == "open":
        where[0].append(tally.OPEN_SQL)
    elif f.scope == "closed":
        where[0].append(f"NOT {tally.OPEN_SQL}")
    for column, value in (("department_id", f.department_id), ("kind", f.kind or None),
                          ("channel", f.channel or None)):
        if value is not None:
            where[0].append(f"{column} = {db.param}")
            where[1].append(value)


def _where_sql(f: CaseFilter, now: datetime | _Moment) -> tuple[str, list[object]]:
    p = db.param
    where: Where = ([], [])
    conds, params = where
    _categories(f, where)
    if f.mine is not None:
        conds.append(f"(first_owner_id = {p} OR handler_id = {p} OR pending_staff_id = {p})")
        params.extend((f.mine, f.mine, f.mine))
    if f.waiting_for is not None:
        dep = Staff.select(Staff.department).where(Staff.id == f.waiting_for).scalar()
        mine_dep = "pending_department_id IS NULL" if dep is None else f"pending_department_id = {p}"
        conds.append(f"(status = {p} AND (pending_staff_id = {p} "
                     f"OR (pending_staff_id IS NULL AND {mine_dep})))")
        params.extend((TRANSFERRED, f.waiting_for, *(() if dep is None else (dep,))))
    if f.inbox is not None:
        from core.admin.staff import get_staff_info
        from core.cases.inbox import section_sql

        key, staff_id = f.inbox
        sql, values = section_sql(key, get_staff_info(staff_id),
                                  None if isinstance(now, _Moment) else now)
        conds.append(f"({sql})")
        params.extend(values)
    moment = now if isinstance(now, _Moment) else timestamp_param(now)
    if f.overdue:
        conds.append(tally.RUNNING_SQL)
        conds.append(f"due_at < {p}")
        params.append(moment)
    if f.due_today:
        conds.append(tally.RUNNING_SQL)
        conds.append(f"due_at >= {p} AND due_at < {p}")
        params.extend((moment, _DAY_END if isinstance(now, _Moment)
                       else timestamp_param(_day_bounds(now.date())[1])))
    if f.date_from:
        conds.append(f"registered_at >= {p}")
        params.append(timestamp_param(_day_bounds(f.date_from)[0]))
    if f.date_to:
        conds.append(f"registered_at < {p}")
        params.append(timestamp_param(_day_bounds(f.date_to)[1]))
    _text_condition(f.text, where, f.viewer)
    return (" AND ".join(conds) or "1 = 1"), params


def count_cases(f: CaseFilter) -> int:
    if not (f.overdue or f.due_today):  # those depend on the time: never in a tally
        tallied = _tally_count(f, db.param)
        if tallied is not None:
            return _run_count(*tallied)
    _, params, count = _shape(f, None)
    return db.execute_sql(count, params).fetchone()[0]


def _run_count(sql: str, params: Sequence[object]) -> int:
    return int(db.execute_sql(sql, params).fetchone()[0] or 0)


@lru_cache(maxsize=256)
def _tally_count(f: CaseFilter, param: str) -> tuple[str, tuple[object, ...]] | None:
    """A count by status, department, kind and channel only (the list's tabs and filter
    boxes) adds up the monthly tallies (models/tally.py) instead of visiting every matching
    case: the 870,000 finished cases of a large centre are counted in milliseconds."""
    if (f.text.strip() or f.overdue or f.due_today or f.mine is not None
            or f.waiting_for is not None or f.inbox is not None or f.date_from or f.date_to):
        return None
    where: Where = (["n <> 0"], [])
    _categories(f, where)
    return f"SELECT SUM(n) FROM case_tally WHERE {' AND '.join(where[0])}", tuple(where[1])


def sort_column(f: CaseFilter) -> str:
    return SORTABLE.get(f.sort, "registered_at")


def _order(f: CaseFilter) -> str:
    direction = "DESC" if f.descending else "ASC"
    return f"{sort_column(f)} {direction}, id {direction}"


ROW_COLUMNS = _ROW_COLUMNS = ("id, number, registered_at, channel, kind, anonymous, visitor_name, visitor_phone, "
                "visitor_unit, subject, service_item_id, department_id, handler_id, "
                "first_owner_id, status, due_at, visit_count, pending_staff_id, "
                "pending_department_id, version, updated_at")


def _select_rows(where: str, params: list[object], order: str, limit: int | None,
                 offset: int = 0) -> list[CaseRow]:
    page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    return rows_from_tuples(db.execute_sql(
        f'SELECT {_ROW_COLUMNS} FROM "case" WHERE {where} ORDER BY {order}{page}', params).fetchall())


def fetch_rows(f: CaseFilter, offset: int, limit: int) -> list[CaseRow]:
    """One page of the list, already sorted and filtered by the database."""
    where, params = where_sql(f)
    return _select_rows(where, params, _order(f), limit, offset)


def first_page(f: CaseFilter, limit: int) -> tuple[int, list[CaseRow]]:
    """How many cases match, and the first `limit` of them. A page that is not full already
    says how many there are: a search that finds a handful of cases is one query."""
    where, params, count = _shape(f, None)
    rows = _select_rows(where, params, _order(f), limit)
    if len(rows) < limit:
        return len(rows), rows
    return count_cases(f), rows


def rows_from_tuples(tuples: list[tuple]) -> list[CaseRow]:
    deps, staff, items = _names()
    out = []
    for (cid, number, reg, channel, kind, anon, vname, vphone, vunit, subject, item, dep, handler,
         owner, status, due, visits, pstaff, pdep, version, updated) in tuples:
        pending = staff.get(pstaff, "") if pstaff else deps.get(pdep, "") if pdep else ""
        out.append(CaseRow(
            cid, number, timestamp_value(reg), channel, kind, bool(anon),
            "" if anon else (protected_name(vname) if kind in PROTECTED_KINDS else vname),
            "" if anon else mask_phone(vphone), "" if anon else vunit, subject, items.get(item, "") if item else "",
            deps.get(dep, "") if dep else "", staff.get(handler, "") if handler else "",
            staff.get(owner, ""), status, timestamp_value(due), visits, pending, version,
            timestamp_value(updated),
        ))
    return out


def find_by_number(number: str) -> int | None:
    """The case with this number, or whose provisional number (an offline receipt) it is."""
    number = number.strip()
    row = db.execute_sql(f'SELECT id FROM "case" WHERE number = {db.param}',
                         (number,)).fetchone()
    if row is None and "-W" in number:
        row = db.execute_sql(f"SELECT case_id FROM case_alias WHERE alias = {db.param}",
                             (number,)).fetchone()
    return row[0] if row else None


def overdue_cases(limit: int | None = None) -> list[CaseRow]:
    f = CaseFilter(overdue=True, sort="due_at", descending=False)
    where, params = where_sql(f)
    return _select_rows(where, params, _order(f), limit)


def counts_for(staff_id: int) -> dict[str, int]:
    """The numbers in the navigation: my open cases, waiting for my acceptance, overdue."""
    return {
        "mine": count_cases(CaseFilter(mine=staff_id)),
        "waiting": count_cases(CaseFilter(waiting_for=staff_id)),
        "overdue": count_cases(CaseFilter(overdue=True)),
        "my_overdue": count_cases(CaseFilter(mine=staff_id, overdue=True)),
        "due_today": count_cases(CaseFilter(due_today=True)),
    }


def visitor_history(phone: str, limit: int = 20, viewer: int | None = None) -> list[CaseRow]:
    """Earlier cases of a repeat visitor, newest first (the intake form shows them); with a
    `viewer`, only the complaints and reports that viewer may know the complainant of."""
    if not phone:
        return []
    where: Where = ([f"visitor_phone = {db.param}"], [phone])
    guard = _protected_guard(viewer)
    if guard is not None:
        where[0].extend(guard[0])
        where[1].extend(guard[1])
    return _select_rows(" AND ".join(where[0]), where[1], "registered_at DESC, id DESC", limit)
