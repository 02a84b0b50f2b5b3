"""Every index of the register serves a query the program runs (SQLite): the query is run
through the program's own code, its SQL captured as executed, and SQLite's plan for it
must use the index. An index no listed query uses fails here — drop it in a schema step
(models/migrations.py, UNUSED_INDEXES) or list the query that needs it. docs/architecture.md,
"Indexes", says why each kind is kept."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from core import audit
from core.admin import retention
from core.admin.catalogue import get_item, item_at_version, list_items
from core.admin.demo import build_demo
from core.admin.staff import get_staff_info, list_staff, sign_in
from core.cases import inbox, paging
from core.cases.detail import case_detail
from core.cases.evaluation import case_rectification
from core.cases.queries import CaseFilter, count_cases, counts_for, find_by_number, first_page
from core.offline.receipt import receipt_note
from core.supervision import statistics, timeliness
from core.supervision.audit_view import AuditFilter, audit_events
from models.database import db
from models.tables import Case, CaseEvent, Department, ServiceItem, Staff

Use = Callable[[], object]


def _demo() -> dict[str, object]:
    """Ids the listed queries need, taken from the demo register."""
    dep = Case.select(Case.department).where(Case.department.is_null(False)).scalar()
    head = Staff.get(Staff.role == "dept_head")
    leader = Staff.get(Staff.role == "leader")
    clerk = Staff.get(Staff.role == "clerk")
    sample = Case.select().where(Case.visitor_phone != "").order_by(Case.id.desc()).first()
    item = ServiceItem.select().first()
    return {"dep": dep, "head": head.id, "leader": leader.id, "clerk": clerk.id,
            "clerk_name": clerk.username, "sample": sample, "item": item.id,
            "event_actor": CaseEvent.select(CaseEvent.actor).where(
                CaseEvent.actor.is_null(False)).scalar()}


def page(sort: str, **kw: object) -> Use:
    return lambda: paging.page_from(CaseFilter(scope="all", sort=sort, **kw), None)


def uses(d: dict[str, object]) -> dict[str, tuple[str, Use]]:
    """Each index: what it is for, and the program code whose query needs it."""
    s = d["sample"]
    year = statistics.Period(date(2026, 1, 1), date(2026, 11, 30))  # whole months
    month = statistics.Period.month("2026-10")
    return {
        # the case register: lists, searches, counts
        "case_number": ("a case by its number (scanner)", lambda: find_by_number(s.number)),
        "case_registered_at": ("lists by registration time", page("registered_at")),
        "case_due_at": ("lists by due time", page("due_at")),
        "case_visitor_name": ("search by name; sort by visitor",
                              lambda: first_page(CaseFilter(scope="all", text=s.visitor_name), 256)),
        "case_visitor_unit": ("search by unit (a word search's second part)",
                              lambda: first_page(CaseFilter(scope="all", text="营业执照"), 256)),
        "case_visitor_phone": ("search by phone",
                               lambda: first_page(CaseFilter(scope="all", text=s.visitor_phone), 256)),
        "case_kind_id": ("lists by kind", page("kind")),
        "case_channel_id": ("lists by channel", page("channel")),
        "case_visit_count_id": ("lists by visits", page("visit_count")),
        "case_status_id": ("lists by status", page("status")),
        "case_department_id": ("lists by department", page("department")),
        "case_handler_id": ("lists by handler", page("handler")),
        "case_service_item_id": ("lists by service item", page("service_item")),
        "case_status_due_at": ("overdue and due-today counts",
                               lambda: count_cases(CaseFilter(overdue=True))),
        "case_department_id_status_due_at": (
            "a department's overdue count",
            lambda: count_cases(CaseFilter(department_id=d["dep"], overdue=True))),
        "case_open_visitor": ("the open list sorted by visitor",
                              lambda: paging.page_from(CaseFilter(sort="visitor"), None)),
        "case_open_department": ("a department's backlog, newest first",
                                 lambda: first_page(CaseFilter(department_id=d["dep"]), 256)),
        "case_first_owner_id_status_due": ("my cases (first owner)",
                                           lambda: counts_for(d["clerk"])),
        "case_handler_id_status_due": ("my cases (handler)", lambda: counts_for(d["clerk"])),
        "case_pending_staff_id_status_due": ("my cases (asked to accept)",
                                             lambda: counts_for(d["clerk"])),
        "case_pending_department_id_status": (
            "hand-overs to a department not yet accepted",
            lambda: inbox.counts(get_staff_info(d["head"]))),
        "case_extension_due": ("extension requests to decide",
                               lambda: inbox.counts(get_staff_info(d["leader"]))),
        "case_running_registered": ("a month's cases overdue now (statistics)",
                                    lambda: statistics.department_stats(month, actor_id=None)),
        "case_resolve_bucket": ("the 90th percentile's bucket read back (statistics)",
                                lambda: statistics.department_stats(year, actor_id=None)),
        "case_visitor_id": ("retention: is a visitor still named on a case",
                            lambda: retention.anonymise_expired(
                                d["admin"], now=datetime(2060, 1, 1))),
        # the history and the logs
        "case_event_case_id_at": ("a case's history", lambda: case_detail(s.id)),
        "case_event_actor_id_at": ("the audit view: one person's steps",
                                   lambda: audit_events(AuditFilter(staff_id=d["event_actor"]), actor_id=None)),
        "case_event_from_staff_id": (
            "the audit view: steps handed from a person",
            lambda: audit_events(AuditFilter(staff_id=d["event_actor"], involving=True), actor_id=None)),
        "case_event_to_staff_id": (
            "the audit view: steps handed to a person",
            lambda: audit_events(AuditFilter(staff_id=d["event_actor"], involving=True), actor_id=None)),
        "case_event_at": ("the audit view: a period, newest first",
                          lambda: audit_events(AuditFilter(date_from=date(2026, 11, 1)), actor_id=None)),
        "case_event_type_at": ("the audit view: one kind of step",
                               lambda: audit_events(AuditFilter(types=("accepted",)), actor_id=None)),
        "audit_log_actor_id_at": ("the audit log of one person",
                                  lambda: audit.rows(actor_id=d["clerk"])),
        "audit_log_action_at": ("the audit log of one action", lambda: audit.rows(action="login")),
        "accept_wait_registered_at": ("waits for 签收 of a period (statistics)",
                                      lambda: timeliness.accept_samples(month)),
        "received_material_case_id": ("a case's materials", lambda: case_detail(s.id)),
        "rectification_case_id": ("a case's rectification", lambda: case_rectification(s.id)),
        "referral_case_id": ("a case's referral", lambda: case_detail(s.id)),
        "visitor_phone": ("a returning visitor at intake",
                          lambda: _visitor_lookup(s.visitor_phone)),
        # offline registrations (core/offline)
        "case_alias_alias": ("a case by its provisional number (scanner)",
                             lambda: find_by_number(d["alias"])),
        "case_alias_key": ("a replayed entry already registered",
                           lambda: _alias_by_key(d["alias_key"])),
        "case_alias_case_id": ("a receipt's former provisional number",
                               lambda: receipt_note(s.number, s.id, "")),
        # tallies
        "sqlite_autoindex_case_tally_1": ("the monthly tallies (statistics)",
                                          lambda: statistics.department_stats(month, actor_id=None)),
        "case_tally_status": ("list counts by status", lambda: count_cases(CaseFilter())),
        "sqlite_autoindex_staff_tally_1": ("per-person tallies (statistics)",
                                           lambda: statistics.department_stats(month, actor_id=None)),
        "sqlite_autoindex_resolve_tally_1": ("the hours histogram (statistics)",
                                             lambda: statistics.department_stats(year, actor_id=None)),
        # small tables: people, catalogue, accountability
        "staff_username": ("signing in", lambda: _sign_in(d["clerk_name"])),
        "staff_department_id": ("a department's staff",
                                lambda: list_staff(department_id=d["dep"])),
        "department_name": ("a department by name", lambda: _department(d["dep"])),
        "service_item_code": ("an item by its code", lambda: _item_by_code(d["item"])),
        "service_item_department_id": ("a department's items",
                                       lambda: list_items(department_id=d["dep"])),
        "service_material_item_id": ("an item's materials", lambda: get_item(d["item"])),
        "service_item_version_item_id_version": ("what an item said at a version",
                                                 lambda: item_at_version(d["item"], 1)),
        "violation_case_id": ("violations already found for these cases",
                              lambda: _violations_of_cases(s.id)),
        "violation_staff_id_case_id_rule": ("a person's violations",
                                            lambda: _violations_of(d["clerk"])),
        "commendation_staff_id": ("a person's commendations",
                                  lambda: _commendations_of(d["clerk"])),
    }


def _visitor_lookup(phone: str) -> object:
    from models.tables import Visitor  # the intake's look-up (core/cases/intake.py _visitor_for)

    return Visitor.select().where(Visitor.phone == phone).order_by(Visitor.id.desc()).first()


def _alias_by_key(key: str) -> object:
    from models.tables import CaseAlias  # core/offline/sync.py replay(): seen before writing

    return CaseAlias.select(CaseAlias.case).where(CaseAlias.key == key).tuples().first()


def _sign_in(username: str) -> object:
    try:
        return sign_in(username, "wrong-password")
    except Exception:  # noqa: BLE001 — the look-up is what counts here
        return None


def _department(dep_id: int) -> object:
    name = Department.get_by_id(dep_id).name
    return Department.get_or_none(Department.name == name)


def _item_by_code(item_id: int) -> object:
    code = ServiceItem.get_by_id(item_id).code
    return ServiceItem.get_or_none(ServiceItem.code == code)


def _violations_of_cases(case_id: int) -> object:
    from models.tables import Violation  # core/supervision/accountability.py: seen before writing

    return list(Violation.select(Violation.staff, Violation.case, Violation.rule)
                .where(Violation.case.in_([case_id])).tuples())


def _violations_of(staff_id: int) -> object:
    from core.supervision.accountability import list_violations

    return list_violations(staff_id=staff_id)


def _commendations_of(staff_id: int) -> object:
    from models.tables import Commendation

    return list(Commendation.select().where(Commendation.staff == staff_id))


_USING = re.compile(r"USING (?:COVERING )?INDEX (\w+)")


def indexes_used(fn: Use) -> set[str]:
    """Run `fn`, capture each statement as SQLite executed it, and read its plan."""
    conn = db.connection()
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        fn()
    finally:
        conn.set_trace_callback(None)
    used: set[str] = set()
    for sql in seen:
        head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if head not in ("SELECT", "WITH", "UPDATE", "DELETE", "INSERT"):
            continue
        try:
            plan = db.execute_sql(f"EXPLAIN QUERY PLAN {sql}").fetchall()
        except Exception:  # noqa: BLE001 — statements of a trigger body, pragmas …
            continue
        for row in plan:
            used.update(_USING.findall(row[3]))
        if head == "INSERT" and "ON CONFLICT" in sql.upper():
            used.update(re.findall(r"INTO (\w+)", sql))  # an upsert seeks its key
    return used


# A large register's planner figures: sqlite_stat1 of the million-case benchmark register
# (tests/data), so that the plans checked are the plans at that size. Its audit log is not
# representative (the generator writes cases directly), so the log's figures are those of a
# register where each of 4.5 million steps wrote a row (30 people, 40 kinds of action).
STAT1 = Path(__file__).resolve().parent / "data" / "stat1-1m.json"
AUDIT_STAT1 = [["audit_log", "audit_log_actor_id_at", "4500000 150000 2"],
               ["audit_log", "audit_log_action_at", "4500000 112500 2"]]


def load_large_register_figures() -> None:
    rows = [r for r in json.loads(STAT1.read_text(encoding="utf-8"))["rows"]
            if r[0] != "audit_log"] + AUDIT_STAT1
    db.execute_sql("DELETE FROM sqlite_stat1")
    for tbl, idx, stat in rows:
        db.execute_sql("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)",
                       (tbl, idx, stat))
    db.execute_sql("ANALYZE sqlite_schema")  # the planner reloads them


@pytest.fixture
def register(sqlite_target, clock):
    build_demo(800, seed=21)
    load_large_register_figures()
    d = _demo()
    d["admin"] = Staff.get(Staff.role == "admin").id
    d["alias"], d["alias_key"] = _an_offline_registration(d["sample"].id, d["clerk"])
    return d


def _an_offline_registration(case_id: int, clerk: int) -> tuple[str, str]:
    """The alias a replay leaves: the case's provisional number and its entry's key."""
    from models.tables import CaseAlias, OfflineStation

    at = datetime(2026, 11, 20, 10, 0)
    station = OfflineStation.create(label="PC-3", created_at=at)
    alias = CaseAlias.create(alias="20261120-W03-0001", case=case_id,
                             key="7f1c0e4e-0000-4000-8000-000000000001", station=station,
                             entered_by=clerk, entered_at=at, synced_at=at)
    return alias.alias, alias.key


def test_every_index_serves_a_listed_query(register):
    listed = uses(register)
    names = {n for (n,) in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name NOT LIKE 'case_text%'")}
    names -= {"sqlite_autoindex_case_counter_1", "sqlite_autoindex_inbox_seen_1",
              "calendar_override_day"}  # primary keys and a unique day: the row's identity
    assert sorted(names - set(listed)) == [], "an index without a listed query"
    assert sorted(set(listed) - names) == [], "a listed index the schema does not have"
    missing = {}
    for name, (what, fn) in listed.items():
        used = indexes_used(fn)
        if name not in used and not (name.startswith("sqlite_autoindex_")
                                     and name.split("_")[2] in {u.split("_")[0] for u in used}):
            missing[name] = (what, sorted(used))
    assert missing == {}


def test_the_control_an_unused_index_is_caught(register):
    db.execute_sql('CREATE INDEX case_spare_note ON "case" (result)')
    names = {n for (n,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "case_spare_note" in names and "case_spare_note" not in uses(register)
    assert "case_spare_note" not in indexes_used(lambda: count_cases(CaseFilter(overdue=True)))


def test_pruned_indexes_are_gone_from_a_new_register(register):
    from models.migrations import UNUSED_INDEXES

    names = {n for (n,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert names.isdisjoint(UNUSED_INDEXES)
