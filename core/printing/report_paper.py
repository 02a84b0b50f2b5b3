"""Plain frozen dataclasses for the supervision reports: the monthly report and the monthly
accountability list (no database types; core/supervision/reports.py fills them, documents/ renders them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.errors import Term
from core.printing.paper import OrgHeader, _freeze_sequences

CONFIRMED = Term("已确认", "Confirmed")
PENDING = Term("待审核", "Pending review")
"""A listed violation's review status, as printed (`status in CONFIRMED`: either language)."""


@dataclass(frozen=True)
class Figure:
    """One headline number as printed: `按时办结率` / `93.5%` / `1,144 / 1,223 件`."""

    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class ReportTable:
    """A titled table of printed text; `fractions` are relative column widths."""

    title: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    fractions: tuple[float, ...]
    centered: tuple[int, ...] = ()  # columns of numbers, centred
    note: str = ""  # printed under the table, e.g. how many rows were left out
    total_row: bool = False  # the last row is a 合计 row (shaded)
    empty_text: str = "（无）"

    def __post_init__(self) -> None:
        _freeze_sequences(self, "head", "rows", "fractions", "centered")
        if len(self.fractions) != len(self.head):
            raise ValueError(f"{self.title}: {len(self.head)} columns but "
                             f"{len(self.fractions)} widths")
        object.__setattr__(self, "rows", tuple(tuple(r) for r in self.rows))


@dataclass(frozen=True)
class MonthlyReportData:
    """首问责任制落实情况月报: the period's figures and tables (cases registered in the
    period), then the current ones as of `generated_at` (every unfinished case, whenever
    registered) — two blocks, never one table; definitions and warnings."""

    org: OrgHeader
    period: str  # 2026年11月
    scope: str  # 全部部门, or one department's name
    generated_at: datetime
    figures: tuple[Figure, ...]
    tables: tuple[ReportTable, ...]
    definitions: tuple[str, ...] = ()  # 统计口径
    warnings: tuple[str, ...] = ()  # e.g. next year's holiday schedule is missing
    audit_head: str = ""  # the audit chain's last row and hash: a record kept outside the database
    current: tuple[Figure, ...] = ()  # as of generated_at, not of the period
    current_tables: tuple[ReportTable, ...] = ()
    lang: str = "zh"  # the language of the person printing: the report's own words

    def __post_init__(self) -> None:
        _freeze_sequences(self, "figures", "tables", "definitions", "warnings", "current",
                          "current_tables")


@dataclass(frozen=True)
class ViolationLine:
    staff: str
    rule: str  # 未及时签收, 被投诉查实 …
    case_number: str
    occurred_at: datetime
    evidence: str
    status: str  # 已确认 | 待审核 (CONFIRMED, PENDING in the list's language)
    sanction: str  # 批评教育 …, empty while 待审核


@dataclass(frozen=True)
class CommendationLine:
    staff: str
    case_number: str
    at: datetime
    note: str


@dataclass(frozen=True)
class DepartmentAccountability:
    """One department's section: listed violations (confirmed, and pending ones when the list
    includes them), commendations, and how many candidates still await review."""

    department: str
    violations: tuple[ViolationLine, ...]
    commendations: tuple[CommendationLine, ...]
    pending: int = 0  # candidates awaiting a supervisor's review, listed or not

    def __post_init__(self) -> None:
        _freeze_sequences(self, "violations", "commendations")

    @property
    def confirmed(self) -> int:
        return sum(1 for v in self.violations if v.status in CONFIRMED)


@dataclass(frozen=True)
class AccountabilityListData:
    """责任追究清单: one month's violations and commendations, department by department."""

    org: OrgHeader
    period: str
    scope: str
    generated_at: datetime
    departments: tuple[DepartmentAccountability, ...]
    dismissed: int = 0  # candidates a supervisor dismissed (never listed)
    lists_pending: bool = False  # pending candidates are listed too (marked 待审核)
    lang: str = "zh"

    def __post_init__(self) -> None:
        _freeze_sequences(self, "departments")


ReportData = MonthlyReportData | AccountabilityListData
