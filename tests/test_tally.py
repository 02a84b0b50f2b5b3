"""The monthly tallies and recorded waits for 签收 that make a month's statistics fast must
always agree with the cases themselves: after the demo's bulk rows, after every kind of
transition, and after upgrading a register from before they existed."""

from __future__ import annotations

import math
from datetime import date

from core import register
from core.admin.demo import build_demo, generate_cases
from core.cases import evaluation
from core.cases import workflow as wf
from core.dto import Scope
from core.supervision import statistics as st
from core.supervision.statistics import Period, department_stats
from models import tally
from models.database import db, is_sqlite
from models.tables import AcceptWait, Case, CaseEvent, SchemaVersion
from tests.helpers import walk_in

NOVEMBER = Period.month("2026-11")


def cohorts_agree(period: Period, department_id: int | None = None) -> None:
    """The tally path (whole months, with the days around them from the cases) and the
    case-scan path give the same figures."""
    now = register.now()
    fast = st._cohort(period, department_id, now)
    slow = st._from_cases(st.cohort(period, department_id), now)
    live = {k: v for k, v in slow.outcome_of.items() if v.registered}
    assert {k: v for k, v in fast.outcome_of.items() if v.registered} == live
    assert fast.dims == slow.dims
    assert (fast.visits, fast.once) == (slow.visits, slow.once)
    assert {k: v for k, v in fast.evaluation.items() if v} == {
        k: v for k, v in slow.evaluation.items() if v}
    for dep in live:
        assert (fast.hours_mean(dep) is None) == (slow.hours_mean(dep) is None)
        if slow.hours_mean(dep) is not None:
            assert math.isclose(fast.hours_mean(dep), slow.hours_mean(dep), rel_tol=1e-9)
    # The resolution hours: the histogram's path reads one bucket back, the scan every case;
    # count and 90th percentile are the same, the mean up to rounding.
    quick, full = fast.hours.duration(), slow.hours.duration()
    assert (quick.count, quick.p90) == (full.count, full.p90)
    assert (quick.mean is None) == (full.mean is None)
    if full.mean is not None:
        assert math.isclose(quick.mean, full.mean, rel_tol=1e-9)
    assert not slow.hours.tallied and len(slow.hours.exact) == full.count
    assert {k: v for k, v in fast.owners.items() if v} == {k: v for k, v in slow.owners.items() if v}
    assert {k: v for k, v in fast.handled.items() if v.registered} == {
        k: v for k, v in slow.handled.items() if v.registered}


def test_demo_bulk_rows_are_tallied_and_their_waits_recorded(db_target, clock):
    build_demo(300, seed=5)
    generate_cases(300, seed=9, per_day=4)  # spread over the three months before now
    assert tally.differences() == []
    handed_and_accepted = {cid for (cid,) in CaseEvent.select(CaseEvent.case).where(
        CaseEvent.type == "accepted").tuples()}
    assert handed_and_accepted and {w.case_id for w in AcceptWait.select()} == handed_and_accepted
    for w in AcceptWait.select().limit(50):
        assert w.minutes == register.calendar().working_minutes_between(w.handed_at, w.accepted_at)
        assert w.registered_at == Case.get_by_id(w.case_id).registered_at
    months = {f"{c.registered_at:%Y-%m}" for c in Case.select(Case.registered_at)}
    for month in sorted(months)[-3:]:
        cohorts_agree(Period.month(month))
    dep = Case.select(Case.department).where(Case.department.is_null(False)).scalar()
    cohorts_agree(NOVEMBER, dep)
    first = min(c.registered_at for c in Case.select(Case.registered_at)).date()
    cohorts_agree(Period(first, date(2026, 11, 20)))  # partial months around whole ones
    cohorts_agree(Period(first.replace(day=1), date(2026, 11, 30)), dep)


def test_a_period_splits_into_whole_months_and_the_days_around_them():
    split = st.whole_months
    assert split(Period(date(2026, 1, 1), date(2026, 12, 31))) == (
        Period(date(2026, 1, 1), date(2026, 12, 31)), [])
    assert split(Period(date(2026, 10, 5), date(2026, 12, 10))) == (
        Period(date(2026, 11, 1), date(2026, 11, 30)),
        [Period(date(2026, 10, 5), date(2026, 10, 31)), Period(date(2026, 12, 1), date(2026, 12, 10))])
    assert split(Period(date(2026, 11, 2), date(2026, 11, 29))) == (
        None, [Period(date(2026, 11, 2), date(2026, 11, 29))])
    assert split(Period(date(2028, 2, 1), date(2028, 2, 29)))[0] == Period(date(2028, 2, 1),
                                                                             date(2028, 2, 29))
    assert split(Period(date(2026, 12, 15), date(2027, 1, 31))) == (
        Period(date(2027, 1, 1), date(2027, 1, 31)), [Period(date(2026, 12, 15), date(2026, 12, 31))])


def test_every_transition_keeps_the_tallies_exact(org, clock):
    a = walk_in(org.clerk, Scope("transfer", department_id=org.market))
    b = walk_in(org.clerk2, Scope("transfer", department_id=org.tax), kind="complaint",
                channel="phone")
    c = walk_in(org.clerk, Scope("own"), kind="inquiry")
    clock.advance(minutes=50)
    wf.accept(org.handler, a.id)
    wf.return_case(org.tax_handler, b.id, "不属本部门职责")
    clock.advance(hours=3)
    wf.record_visit(org.clerk, a.id, "再次来问进度")
    wf.resolve(org.handler, a.id, "已办结")
    wf.notify_result(org.handler, a.id, "phone")
    wf.close(org.handler, a.id)
    evaluation.evaluate(org.clerk, a.id, 2)
    wf.resolve(org.clerk, c.id, "当场答复")
    assert tally.differences() == []
    cohorts_agree(NOVEMBER)
    s = department_stats(NOVEMBER, actor_id=None)
    assert s.total.registered == 3 and s.total.resolved == 2
    assert s.accept_minutes.count == 1 and s.accept_minutes.mean == 50
    market = next(d for d in s.departments if d.department_id == org.market)
    assert market.accept.count == 1 and market.outcome.resolved == 1
    assert {r.key: r.count for r in s.evaluations.levels if r.count} == {"2": 1}


def test_month_statistics_read_the_tallies_not_the_cases(org, clock):
    walk_in(org.clerk, Scope("own"))
    assert department_stats(NOVEMBER, actor_id=None).total.registered == 1
    # Corrupt the tally on purpose: the month's figures come from it (fast path) while a
    # period that is not a whole month still counts the cases.
    db.execute_sql("UPDATE case_tally SET n = n + 4 WHERE n > 0")
    assert department_stats(NOVEMBER, actor_id=None).total.registered == 5
    assert department_stats(Period(date(2026, 11, 1), date(2026, 11, 29)), actor_id=None).total.registered == 1
    assert tally.differences() != []
    tally.rebuild()
    assert tally.differences() == [] and department_stats(NOVEMBER, actor_id=None).total.registered == 1


def _downgrade_to_v5() -> None:
    """What a register written by the previous release looks like."""
    if is_sqlite():
        for name in ("insert", "update", "delete"):
            db.execute_sql(f"DROP TRIGGER case_tally_{name}")
    else:
        tally.drop_functions()
    db.execute_sql("DROP TABLE case_tally")
    db.execute_sql("DROP TABLE staff_tally")
    AcceptWait.delete().execute()
    SchemaVersion.update(version=5).execute()


def test_upgrading_a_v5_register_fills_tallies_and_waits_from_the_history(db_target, clock):
    build_demo(150, seed=2)
    before = department_stats(NOVEMBER, actor_id=None)
    waits = sorted((w.case_id, w.minutes) for w in AcceptWait.select())
    _downgrade_to_v5()
    register.open_register(db_target)
    assert SchemaVersion.get().version >= 6
    assert tally.differences() == []
    assert sorted((w.case_id, w.minutes) for w in AcceptWait.select()) == waits
    after = department_stats(NOVEMBER, actor_id=None)
    assert (after.total, after.departments, after.accept_minutes, after.staff) == (
        before.total, before.departments, before.accept_minutes, before.staff)


def test_each_hand_over_is_timed_from_its_own_start(org, clock):
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market))
    clock.advance(minutes=30)
    wf.accept(org.handler, ref.id)
    clock.advance(minutes=45)
    wf.assign(org.handler, ref.id, org.handler2, note="请孙七办理")
    clock.advance(minutes=20)
    wf.accept(org.handler2, ref.id)
    waits = [(w.department_id, w.minutes) for w in AcceptWait.select().order_by(AcceptWait.id)]
    assert waits == [(org.market, 30), (org.market, 20)]
    assert department_stats(NOVEMBER, actor_id=None).accept_minutes.count == 2


def test_staff_rows_from_tallies_name_each_person_once(org, clock):
    walk_in(org.clerk, Scope("transfer", department_id=org.market))
    walk_in(org.clerk, Scope("own"))
    s = department_stats(NOVEMBER, actor_id=None)
    names = [r.name for r in s.staff]
    assert len(names) == len(set(names))
    clerk = next(r for r in s.staff if r.staff_id == org.clerk)
    assert clerk.first_owner == 2 and clerk.handled.registered == 1


def test_the_tally_module_knows_which_statuses_run_the_clock():
    from core.vocab import OPEN_STATUSES, RUNNING_STATUSES

    assert tally.RUNNING == RUNNING_STATUSES
    assert tally.OPEN == OPEN_STATUSES  # the department backlog's partial index
    assert set(RUNNING_STATUSES) <= set(OPEN_STATUSES)  # core.cases.queries leans on it too


def test_the_histogram_buckets_in_sql_and_in_python_agree(db_target, clock):
    """bucket_of (Python, the percentile's search) and bucket_sql (the triggers and the
    bucket index) put every length of time in the same bucket."""
    from datetime import datetime, timedelta

    start = datetime(2026, 1, 1, 9, 0)
    edges = [0, 1, 3599, 3600, 3601, 7200, 86399, 259199, 259200, 259201, 2591999,
             2592000, 2592001, 604800 * 9 + 5, 604800 * 60]
    p = db.param
    for seconds in edges:
        end = start + timedelta(seconds=seconds)
        stamp = f"{p}" if is_sqlite() else f"CAST({p} AS TIMESTAMP)"  # SQLite: text, as stored
        row = db.execute_sql(f"SELECT {tally.bucket_sql('t')} FROM (SELECT {stamp} AS resolved_at, "
                             f"{stamp} AS registered_at) AS t",
                             [str(end), str(start)] if is_sqlite() else [end, start]).fetchone()
        assert int(row[0]) == tally.bucket_of(seconds), seconds
    ordered = [tally.bucket_of(s) for s in range(0, 604800 * 10, 1800)]
    assert ordered == sorted(ordered)  # longer never falls in an earlier bucket


def test_a_year_from_the_histogram_equals_a_scan_of_every_case(db_target, clock):
    build_demo(200, seed=8)
    generate_cases(400, seed=4, per_day=3)  # months before now, resolved at many lengths
    assert tally.differences() == []
    first = min(c.registered_at for c in Case.select(Case.registered_at)).date()
    whole = Period(first.replace(day=1), date(2026, 11, 30))
    assert st.whole_months(whole)[1] == []  # whole months only: the histogram's path
    assert st._cohort(whole, None, register.now()).hours.tallied  # … and it was taken
    cohorts_agree(whole)
    dep = Case.select(Case.department).where(Case.resolved_at.is_null(False)).scalar()
    cohorts_agree(whole, dep)
    cohorts_agree(Period(first, date(2026, 11, 20)))  # edges exact, months tallied


def test_upgrading_a_register_of_the_release_before_prunes_indexes_and_fills_the_histogram(
        db_target, clock):
    """The step after the slips' case location (models/migrations.py, _v12_lean_indexes) on a
    register as the release before left it: the pruned indexes there, no department backlog
    index, no histogram rows, no bucket index."""
    from models.migrations import SCHEMA_VERSION, UNUSED_INDEXES

    build_demo(150, seed=2)
    generate_cases(200, seed=4, per_day=3)
    year = Period(date(2026, 1, 1), date(2026, 10, 31))
    before = department_stats(year, actor_id=None)
    for name, table, column in (("case_event_case_id", "case_event", "case_id"),
                                ("case_first_owner_id", '"case"', "first_owner_id"),
                                ("case_alias_station_id", "case_alias", "station_id")):
        db.execute_sql(f"CREATE INDEX {name} ON {table} ({column})")
    for name in ("case_open_department", "case_resolve_bucket"):
        db.execute_sql(f"DROP INDEX {name}")
    db.execute_sql("DELETE FROM resolve_tally")
    SchemaVersion.update(version=11).execute()
    register.open_register(db_target)
    assert SchemaVersion.get().version == SCHEMA_VERSION
    names = {i.name for t in ("case", "case_event", "case_alias") for i in db.get_indexes(t)}
    assert {"case_open_department", "case_resolve_bucket"} <= names
    assert names.isdisjoint(UNUSED_INDEXES)
    assert tally.differences() == []
    after = department_stats(year, actor_id=None)
    assert before.resolve_hours.count > 0 and st.whole_months(year)[1] == []
    assert (after.total, after.departments, after.resolve_hours) == (
        before.total, before.departments, before.resolve_hours)
