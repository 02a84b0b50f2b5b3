"""Supervision statistics for a period: counts, on-time rate, response times, visits, evaluations."""

from __future__ import annotations

import calendar as _calendar
import logging
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, SupportsInt

import peewee as pw

from core import register
from core.errors import DomainError, Term, ValidationError, english
from core.permissions import get_actor
from core.supervision.resolve_hours import ResolveHours
from core.supervision.timeliness import (
    DueList,
    Duration,
    accept_samples,
    cohort,
    due_soon_list,
    duration,
    nearest_rank,
    overdue_list,
)
from core.vocab import (
    CHANNELS,
    DEPT_HEAD,
    EVALUATIONS,
    KINDS,
    POOR_EVALUATION,
    REFERRED,
    RUNNING_STATUSES,
    STATUSES,
    UNFINISHED_STATUSES,
)
from models import tally
from models.database import db, timestamp_param
from models.rows import tuples
from models.tables import Case, Department, Staff

log = logging.getLogger(__name__)

NO_DEPARTMENT = "（未定部门）"
PERIOD = Term("统计期间", "Period")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")  # not the process's locale
_MONTH_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


@dataclass(frozen=True)
class Period:
    """Calendar days from `start` to `end`, both included. A case belongs to the period when
    it was registered inside it; every statistic below is about those cases."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError("bad_date", at="period", field=PERIOD,
                                  value=f"{self.start} 至 {self.end}")

    @classmethod
    def month(cls, text: str) -> Period:
        """`Period.month("2026-11")` (also 2026/11, 2026年11月): the whole calendar month."""
        match = _MONTH_RE.match(text or "")
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValidationError("bad_date", at="period", field=PERIOD, value=text)
        year, month = int(match.group(1)), int(match.group(2))
        return cls(date(year, month, 1), date(year, month, _calendar.monthrange(year, month)[1]))

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time.min)

    @property
    def until(self) -> datetime:
        """The first moment after the period (exclusive bound)."""
        return datetime.combine(self.end + timedelta(days=1), time.min)

    @property
    def is_month(self) -> bool:
        last = _calendar.monthrange(self.start.year, self.start.month)[1]
        return self.start.day == 1 and self.end == self.start.replace(day=last)

    @property
    def label(self) -> str:
        return self.label_for("zh")

    def label_for(self, lang: str = "zh") -> str:
        """2026年11月 / November 2026; 2026-11-02 至 2026-11-20 / 2026-11-02 to 2026-11-20."""
        en = english(lang)
        if self.is_month:
            return (f"{MONTHS_EN[self.start.month - 1]} {self.start.year}" if en
                    else f"{self.start.year}年{self.start.month}月")
        return f"{self.start:%Y-%m-%d} {'to' if en else '至'} {self.end:%Y-%m-%d}"


@dataclass(frozen=True)
class CountRow:
    key: str  # status / kind / channel code, department or staff id as text, evaluation level
    label: str
    count: int
    share: float | None  # of the row's base (cases registered, or cases evaluated)


@dataclass(frozen=True)
class Outcome:
    """What became of a group of cases registered in the period (as of now).

    on_time_rate = on_time / (on_time + late): of the cases resolved (办结, resolved_at set,
    answers on the spot included) that had a due time, the share resolved at or before the
    due time in force when they were resolved (an approved extension counts). Open, referred
    and paused cases are not in the rate; `overdue_open` counts running cases past due now.
    """

    registered: int
    open: int  # 未办结: the work not done yet (core.vocab.UNFINISHED_STATUSES)
    resolved: int
    on_time: int
    late: int
    overdue_open: int

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.on_time, self.on_time + self.late)


@dataclass(frozen=True)
class DepartmentRow:
    department_id: int | None  # the case's 承办部门; None: not yet decided
    name: str
    outcome: Outcome
    resolve_hours_mean: float | None
    accept: Duration  # hand-overs to this department: working minutes until 签收


@dataclass(frozen=True)
class StaffRow:
    """One person: cases they registered as first owner, and cases they handle (承办)."""

    staff_id: int
    name: str
    department: str
    first_owner: int
    handled: Outcome


@dataclass(frozen=True)
class VisitStats:
    cases: int
    visits: int  # trips in total (Case.visit_count summed)
    at_most_once: int  # cases with visit_count <= 1 (最多跑一次)

    @property
    def mean(self) -> float | None:
        return self.visits / self.cases if self.cases else None

    @property
    def once_rate(self) -> float | None:
        return _rate(self.at_most_once, self.cases)


@dataclass(frozen=True)
class EvaluationStats:
    """好差评: levels 5 … 1; satisfied = above POOR_EVALUATION (非常满意, 满意, 基本满意)."""

    levels: tuple[CountRow, ...]
    evaluated: int
    satisfied: int
    resolved: int  # cases resolved, the base of the participation rate

    @property
    def satisfaction_rate(self) -> float | None:
        return _rate(self.satisfied, self.evaluated)

    @property
    def participation_rate(self) -> float | None:
        return _rate(self.evaluated, self.resolved)


@dataclass(frozen=True)
class PeriodStats:
    period: Period
    department_id: int | None
    scope: str  # 全部部门 or the department's name
    generated_at: datetime
    total: Outcome
    referred: int
    by_status: tuple[CountRow, ...]
    by_kind: tuple[CountRow, ...]
    by_channel: tuple[CountRow, ...]
    departments: tuple[DepartmentRow, ...]
    staff: tuple[StaffRow, ...]
    accept_minutes: Duration  # working minutes from hand-over (转办/指派) to 签收
    resolve_hours: Duration  # calendar hours from registration to 办结
    visits: VisitStats
    evaluations: EvaluationStats
    overdue: DueList
    due_soon: DueList


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _flag(cond: pw.Expression) -> pw.Function:
    return pw.fn.SUM(pw.Case(None, ((cond, 1),), 0))


def _resolved() -> pw.Expression:
    return Case.resolved_at.is_null(False) & Case.due_at.is_null(False)


def _outcome_columns(now: datetime) -> list[pw.ColumnBase]:
    resolved = _resolved()
    return [
        pw.fn.COUNT(Case.id),
        _flag(Case.status.in_(UNFINISHED_STATUSES)),
        _flag(Case.resolved_at.is_null(False)),
        _flag(resolved & (Case.resolved_at <= Case.due_at)),
        _flag(resolved & (Case.resolved_at > Case.due_at)),
        _flag(Case.status.in_(RUNNING_STATUSES) & (Case.due_at < now)),
    ]


def _outcome(values: Sequence[SupportsInt | None]) -> Outcome:  # counts; None: an empty SUM
    return Outcome(*(int(v or 0) for v in values[:6]))


_EMPTY = Outcome(0, 0, 0, 0, 0, 0)


def _add(a: Outcome, b: Outcome) -> Outcome:
    return Outcome(a.registered + b.registered, a.open + b.open, a.resolved + b.resolved,
                   a.on_time + b.on_time, a.late + b.late, a.overdue_open + b.overdue_open)


def _count_rows(counts: dict[str, int], labels: Mapping[Any, Term],
                base: int) -> tuple[CountRow, ...]:
    """Every known code in vocabulary order (zeros included), then any unknown ones."""
    keys = [*labels, *sorted(k for k in counts if k not in labels)]
    return tuple(CountRow(str(k), labels[k].zh if k in labels else str(k), counts.get(k, 0),
                          _rate(counts.get(k, 0), base)) for k in keys)


def viewer_scope(actor_id: int | None, department_id: int | None) -> int | None:
    """A department head sees their own department only; others see what they ask for."""
    if actor_id is None:
        return department_id
    actor = get_actor(actor_id, "view_statistics")
    if actor.role == DEPT_HEAD:
        if department_id not in (None, actor.department_id):
            raise DomainError("not_your_case", who=Term("该部门负责人或领导", "that head or a leader"),
                              action=Term("查看统计", "view statistics"))
        return actor.department_id
    return department_id


@dataclass
class _Cohort:
    """What the period's cases add up to, before labels: filled from the cases themselves
    or, for a whole month, from the monthly tallies (models/tally.py)."""

    outcome_of: dict[int | None, Outcome] = field(default_factory=lambda: defaultdict(lambda: _EMPTY))
    dims: dict[str, dict[str, int]] = field(default_factory=lambda: {
        "status": defaultdict(int), "kind": defaultdict(int), "channel": defaultdict(int)})
    visits: int = 0
    once: int = 0
    evaluation: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    hours_sum_of: dict[int | None, float] = field(default_factory=lambda: defaultdict(float))
    hours: ResolveHours = field(default_factory=ResolveHours)
    owners: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    handled: dict[int, Outcome] = field(default_factory=lambda: defaultdict(lambda: _EMPTY))

    def hours_mean(self, dep: int | None) -> float | None:
        """Mean calendar hours to 办结 of the department's resolved cases."""
        resolved = self.outcome_of[dep].resolved if dep in self.outcome_of else 0
        return self.hours_sum_of.get(dep, 0.0) / resolved if resolved else None

    def merge(self, other: _Cohort) -> _Cohort:
        """This cohort and another over a disjoint stretch of registration time."""
        for dep, outcome in other.outcome_of.items():
            self.outcome_of[dep] = _add(self.outcome_of[dep], outcome)
        for dim, counts in other.dims.items():
            for key, n in counts.items():
                self.dims[dim][key] += n
        self.visits, self.once = self.visits + other.visits, self.once + other.once
        for lv, n in other.evaluation.items():
            self.evaluation[lv] += n
        for dep, hours in other.hours_sum_of.items():
            self.hours_sum_of[dep] += hours
        self.hours.merge(other.hours)
        for sid, n in other.owners.items():
            self.owners[sid] += n
        for sid, outcome in other.handled.items():
            self.handled[sid] = _add(self.handled[sid], outcome)
        return self

    def add(self, dep: int | None, status: str, kind: str, channel: str, outcome: Outcome,
            visits: int, once: int, levels: Sequence[tuple[int, int]]) -> None:
        self.outcome_of[dep] = _add(self.outcome_of[dep], outcome)
        for dim, key in (("status", status), ("kind", kind), ("channel", channel)):
            self.dims[dim][key] += outcome.registered
        self.visits, self.once = self.visits + visits, self.once + once
        for lv, n in levels:
            self.evaluation[str(lv)] += n


_LEVELS = sorted(EVALUATIONS, reverse=True)


def _from_cases(where: pw.Expression, now: datetime) -> _Cohort:
    """Any period: GROUP BY reads over the registration-time index."""
    c = _Cohort()
    for dep, status, kind, channel, *row in (
            tuples(Case.select(Case.department, Case.status, Case.kind, Case.channel,
                        *_outcome_columns(now), pw.fn.SUM(Case.visit_count),
                        _flag(Case.visit_count <= 1),
                        *(_flag(Case.evaluation == lv) for lv in _LEVELS))
            .where(where).group_by(Case.department, Case.status, Case.kind, Case.channel))):
        c.add(dep, status, kind, channel, _outcome(row[:6]), int(row[6] or 0), int(row[7] or 0),
              [(lv, int(n or 0)) for lv, n in zip(_LEVELS, row[8:], strict=True)])
    resolved = (Case.select(Case.department, pw.SQL(tally.span_seconds()))
                .where(where & Case.resolved_at.is_null(False)))
    for dep, seconds in db.execute(resolved):  # raw rows: whole seconds, no field conversion
        c.hours_sum_of[dep] += int(seconds) / 3600.0
        c.hours.add_exact(int(seconds))
    for owner, handler, *row in (tuples(Case.select(Case.first_owner, Case.handler,
                                             *_outcome_columns(now))
                                 .where(where).group_by(Case.first_owner, Case.handler))):
        c.owners[owner] += int(row[0])
        if handler is not None:
            c.handled[handler] = _add(c.handled[handler], _outcome(row))
    return c


def _from_tallies(period: Period, department_id: int | None, now: datetime) -> _Cohort:
    """Whole months: the tallies hold every count and the histogram of resolution hours;
    only what depends on now (overdue) reads the cases, and the 90th percentile the cases of
    one bucket (core/supervision/resolve_hours.py)."""
    c = _Cohort()
    p = db.param
    months = [f"{period.start:%Y-%m}", f"{period.end:%Y-%m}"]
    scope, params = f"month >= {p} AND month <= {p}", list[object](months)
    if department_id is not None:
        scope, params = f"{scope} AND department_id = {p}", [*months, department_id]
    since, until = timestamp_param(period.since), timestamp_param(period.until)
    ranged = f"registered_at >= {p} AND registered_at < {p}"
    scoped = [since, until] if department_id is None else [since, until, department_id]
    in_dep = "" if department_id is None else f" AND department_id = {p}"
    late_of: dict[int | None, int] = defaultdict(int)
    late_by: dict[int | None, int] = defaultdict(int)
    for dep, handler, n in db.execute_sql(  # the statuses as literals: a partial index
            f'SELECT department_id, handler_id, COUNT(*) FROM "case" WHERE {ranged}{in_dep} '
            f"AND {tally.RUNNING_SQL} AND due_at < {p} GROUP BY department_id, handler_id",
            [*scoped, timestamp_param(now)]).fetchall():
        late_of[dep] += n
        late_by[handler] += n
    opened = "SUM(CASE WHEN status IN (" + ", ".join(f"'{x}'" for x in UNFINISHED_STATUSES) + ") THEN n ELSE 0 END)"

    def read(sql: str) -> list[tuple]:  # the tallies are small: they GROUP BY in microseconds
        return db.execute_sql(sql.format(scope=scope), params).fetchall()

    for dep_key, n, open_, resolved, on_time, late, seconds in read(
            f"SELECT department_id, SUM(n), {opened}, SUM(resolved), SUM(on_time), SUM(late), "
            "SUM(resolve_seconds) FROM case_tally WHERE {scope} GROUP BY department_id"):
        dep = dep_key or None  # 0: not yet decided
        c.outcome_of[dep] = Outcome(int(n), int(open_), int(resolved), int(on_time), int(late),
                                    late_of.get(dep, 0))
        c.hours_sum_of[dep] = float(seconds or 0) / 3600.0
        c.hours.add_seconds_sum(float(seconds or 0))
    for dim in ("status", "kind", "channel"):
        for key, n in read(f"SELECT {dim}, SUM(n) FROM case_tally WHERE {{scope}} GROUP BY {dim}"):
            if n:
                c.dims[dim][key] = int(n)
    totals = read("SELECT SUM(visits), SUM(once), " + ", ".join(f"SUM(e{lv})" for lv in _LEVELS)
                  + " FROM case_tally WHERE {scope}")[0]
    c.visits, c.once = int(totals[0] or 0), int(totals[1] or 0)
    c.evaluation.update({str(lv): int(n or 0) for lv, n in zip(_LEVELS, totals[2:], strict=True)})
    c.hours.add_months(period.since, period.until, department_id)  # the histogram
    for owner, n in read("SELECT first_owner_id, SUM(n) FROM staff_tally WHERE {scope} "
                         "GROUP BY first_owner_id"):
        c.owners[owner] = int(n)
    for handler, n, open_, resolved, on_time, late in read(
            f"SELECT handler_id, SUM(n), {opened}, SUM(resolved), SUM(on_time), SUM(late) "
            "FROM staff_tally WHERE {scope} AND handler_id <> 0 GROUP BY handler_id"):
        c.handled[handler] = Outcome(int(n), int(open_), int(resolved), int(on_time), int(late), 0)
    for handler, n in late_by.items():
        if handler is not None:
            c.handled[handler] = _add(c.handled[handler], Outcome(0, 0, 0, 0, 0, n))
    return c


def whole_months(period: Period) -> tuple[Period | None, list[Period]]:
    """The calendar months wholly inside `period` (one span, or None) and the one or two
    partial stretches around them."""
    first = period.start if period.start.day == 1 else (
        period.start.replace(day=1) + timedelta(days=32)).replace(day=1)
    last_day = _calendar.monthrange(period.end.year, period.end.month)[1]
    last = period.end if period.end.day == last_day else period.end.replace(day=1) - timedelta(days=1)
    if first > last:
        return None, [period]
    edges = []
    if period.start < first:
        edges.append(Period(period.start, first - timedelta(days=1)))
    if last < period.end:
        edges.append(Period(last + timedelta(days=1), period.end))
    return Period(first, last), edges


def _cohort(period: Period, department_id: int | None, now: datetime) -> _Cohort:
    """Whole months from the tallies, the days around them from the cases."""
    months, edges = whole_months(period)
    c = _from_tallies(months, department_id, now) if months else _Cohort()
    for edge in edges:
        c.merge(_from_cases(cohort(edge, department_id), now))
    return c


def department_stats(period: Period, department_id: int | None = None, *,
                     actor_id: int | None, list_limit: int = 50) -> PeriodStats:
    """Every supervision figure for cases registered in `period` (one department or all).

    Whole calendar months read the monthly tallies the database keeps (models/tally.py);
    days outside whole months read the cases: one GROUP BY (department, status, kind, channel) for counts,
    outcomes, visits and evaluations, the resolution hours, one GROUP BY (first owner,
    handler) for the staff view. Waits for 签收 were recorded at acceptance. The overdue and
    due-soon lists are the current state (now), not the period's.
    """
    department_id = viewer_scope(actor_id, department_id)
    now = register.now()
    deps = dict(tuples(Department.select(Department.id, Department.name)))
    c = _cohort(period, department_id, now)
    total = _EMPTY
    for outcome in c.outcome_of.values():
        total = _add(total, outcome)
    accept_of: dict[int | None, list[float]] = defaultdict(list)
    samples = accept_samples(period, department_id)
    for dep, minutes in samples:
        accept_of[dep].append(minutes)
    departments = tuple(sorted(
        (DepartmentRow(dep, deps.get(dep, NO_DEPARTMENT) if dep else NO_DEPARTMENT, outcome,
                       c.hours_mean(dep), duration(accept_of.get(dep, [])))
         for dep, outcome in c.outcome_of.items() if outcome.registered),
        key=lambda r: (-r.outcome.registered, r.name)))
    evaluated = sum(c.evaluation.values())
    eval_labels = {str(lv): EVALUATIONS[lv] for lv in _LEVELS}
    return PeriodStats(
        period=period, department_id=department_id,
        scope=deps.get(department_id, NO_DEPARTMENT) if department_id else "全部部门",
        generated_at=now, total=total, referred=c.dims["status"].get(REFERRED, 0),
        by_status=_count_rows(c.dims["status"], STATUSES, total.registered),
        by_kind=_count_rows(c.dims["kind"], KINDS, total.registered),
        by_channel=_count_rows(c.dims["channel"], CHANNELS, total.registered),
        departments=departments,
        staff=_staff_rows(c, deps),
        accept_minutes=duration([m for _, m in samples]),
        resolve_hours=c.hours.duration(),
        visits=VisitStats(total.registered, c.visits, c.once),
        evaluations=EvaluationStats(
            _count_rows(c.evaluation, eval_labels, evaluated), evaluated,
            sum(n for lv, n in c.evaluation.items() if int(lv) > POOR_EVALUATION), total.resolved),
        overdue=overdue_list(department_id, list_limit, now=now),
        due_soon=due_soon_list(department_id, list_limit, now=now),
    )


def _staff_rows(c: _Cohort, deps: dict[int, str]) -> tuple[StaffRow, ...]:
    """Per person: registered as first owner (首问), and handled (承办) with their outcome."""
    names = {sid: (name, deps.get(dep, "")) for sid, name, dep in
             tuples(Staff.select(Staff.id, Staff.name, Staff.department))}
    people = {sid for sid, n in c.owners.items() if n} | {
        sid for sid, o in c.handled.items() if o.registered}
    rows = [StaffRow(sid, *names.get(sid, (f"#{sid}", "")), c.owners.get(sid, 0),
                     c.handled.get(sid, _EMPTY)) for sid in people]
    return tuple(sorted(rows, key=lambda r: (r.department, -r.first_owner - r.handled.registered,
                                             r.name)))


__all__ = [
    "CountRow", "DepartmentRow", "DueList", "Duration", "EvaluationStats", "Outcome", "Period",
    "PeriodStats", "StaffRow", "VisitStats", "accept_samples", "department_stats",
    "due_soon_list", "nearest_rank", "overdue_list", "viewer_scope",
]
