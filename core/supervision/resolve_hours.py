"""Hours from registration to 办结 of a period's cases: count, mean and 90th percentile,
without reading every resolved case of a long period (docs/architecture.md, "Statistics").

Whole months come from the histogram the database keeps (models/tally.py: resolve_tally,
cases per month, department and bucket of hours); the days around them from the cases
themselves, to the second. The percentile's rank falls into one bucket, and only that
bucket's cases are read back, along the bucket index: a year of a large centre is a few
thousand index entries instead of 300,000 cases. The result is exact, the same as sorting
every value (a test compares the two).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from core.supervision.timeliness import Duration
from models import tally
from models.database import db, timestamp_param


@dataclass
class ResolveHours:
    """Resolution times of a cohort: tallied buckets of whole months, exact seconds of the
    rest, and where the tallied ones can be read back case by case."""

    count: int = 0
    seconds: float = 0.0  # their sum
    tallied: Counter[int] = field(default_factory=Counter)  # bucket -> cases (whole months)
    exact: list[int] = field(default_factory=list)  # seconds, case by case
    spans: list[tuple[datetime, datetime, int | None]] = field(default_factory=list)

    def add_exact(self, seconds: int) -> None:
        self.count += 1
        self.seconds += seconds
        self.exact.append(seconds)

    def add_months(self, since: datetime, until: datetime, department_id: int | None) -> None:
        """The histogram of the cases registered in [since, until) — whole months."""
        p = db.param
        where = f"month >= {p} AND month <= {p}"
        params: list[object] = [f"{since:%Y-%m}", _last_month(until)]
        if department_id is not None:
            where, params = f"{where} AND department_id = {p}", [*params, department_id]
        for bucket, n in db.execute_sql(f"SELECT bucket, SUM(n) FROM resolve_tally WHERE {where} "
                                        "GROUP BY bucket", params).fetchall():
            if n:
                self.tallied[int(bucket)] += int(n)
                self.count += int(n)
        self.spans.append((since, until, department_id))

    def add_seconds_sum(self, seconds: float) -> None:
        """The tallied cases' total time (case_tally.resolve_seconds): for the mean."""
        self.seconds += seconds

    def merge(self, other: ResolveHours) -> ResolveHours:
        self.count += other.count
        self.seconds += other.seconds
        self.tallied.update(other.tallied)
        self.exact.extend(other.exact)
        self.spans.extend(other.spans)
        return self

    def duration(self) -> Duration:
        """Count, mean and nearest-rank 90th percentile, in hours."""
        if not self.count:
            return Duration(0, None, None)
        return Duration(self.count, self.seconds / 3600.0 / self.count,
                        self.ranked(math.ceil(0.9 * self.count)) / 3600.0)

    def ranked(self, rank: int) -> int:
        """The `rank`-th smallest time in seconds (1-based)."""
        exact_in = Counter(tally.bucket_of(s) for s in self.exact)
        below = 0
        for bucket in sorted(set(self.tallied) | set(exact_in)):
            here = self.tallied[bucket] + exact_in[bucket]
            if below + here >= rank:
                values = sorted([*self._read_back(bucket),
                                 *(s for s in self.exact if tally.bucket_of(s) == bucket)])
                return values[rank - below - 1]
            below += here
        raise ValueError(f"rank {rank} beyond {below} values")  # the tallies disagree

    def _read_back(self, bucket: int) -> list[int]:
        """The seconds of the tallied cases in one bucket (the bucket index)."""
        out: list[int] = []
        p = db.param
        for since, until, department_id in self.spans:
            sql = (f"SELECT {tally.span_seconds()} FROM \"case\" WHERE resolved_at IS NOT NULL "
                   f"AND {tally.bucket_sql()} = {p} AND registered_at >= {p} "
                   f"AND registered_at < {p}")
            params: list[object] = [bucket, timestamp_param(since), timestamp_param(until)]
            if department_id is not None:
                sql += f" AND department_id = {p}"
                params.append(department_id)
            out += [int(s) for (s,) in db.execute_sql(sql, params).fetchall()]
        return out


def _last_month(until: datetime) -> str:
    """The month of the last day before `until` (an exclusive bound at a month's start)."""
    year, month = (until.year, until.month - 1) if until.month > 1 else (until.year - 1, 12)
    return f"{year:04d}-{month:02d}"
