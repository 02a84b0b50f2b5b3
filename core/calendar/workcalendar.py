"""The working-day calendar: Chinese holidays, make-up days, office hours and due times."""

from __future__ import annotations

import csv
import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

import chinese_calendar

log = logging.getLogger(__name__)

MAKEUP_DAY_NAME = "调休上班"
HOLIDAY_DEFAULT_NAME = "节假日"

# chinese_calendar's own Chinese names are short ("清明", "端午"); clerks expect the full ones.
_HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
}

# Statutory holidays on fixed Gregorian dates (全国年节及纪念日放假办法, as revised in 2024):
# a year without a published schedule still rests on these; the lunar ones and the make-up
# working days are only known once the State Council publishes the year (docs/time-limits.md).
FIXED_HOLIDAYS: dict[tuple[int, int], str] = {
    (1, 1): "元旦", (5, 1): "劳动节", (5, 2): "劳动节",
    (10, 1): "国庆节", (10, 2): "国庆节", (10, 3): "国庆节",
}

_SEARCH_LIMIT_DAYS = 3700  # no real calendar has ten years without a working day
_warned_years: set[int] = set()  # log the Monday-to-Friday fallback once per year


class CalendarYearMissing(Exception):
    """A year has neither built-in holiday data nor an imported schedule.

    The main API never raises it (it falls back to Monday–Friday); callers that insist on
    official data raise it with the years from `WorkCalendar.years_missing`.
    """

    def __init__(self, years: list[int]) -> None:
        self.years = list(years)
        super().__init__("缺少以下年份的节假日安排：" + "、".join(str(y) for y in self.years))


@dataclass(frozen=True)
class OfficeHours:
    """The daily office time, with an optional lunch break that does not count."""

    start: time = time(9, 0)
    end: time = time(17, 30)
    lunch_start: time | None = time(12, 0)
    lunch_end: time | None = time(13, 30)

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError("office hours must start before they end")
        if (self.lunch_start is None) != (self.lunch_end is None):
            raise ValueError("lunch break needs both a start and an end, or neither")
        if self.lunch_start is not None and self.lunch_end is not None:
            if not self.start <= self.lunch_start < self.lunch_end <= self.end:
                raise ValueError("lunch break must lie inside office hours")
            if self.lunch_start == self.start and self.lunch_end == self.end:
                raise ValueError("lunch break cannot take the whole office day")

    def intervals(self) -> tuple[tuple[time, time], ...]:
        """The office periods of one working day, in order."""
        if self.lunch_start is None or self.lunch_end is None:
            return ((self.start, self.end),)
        parts = ((self.start, self.lunch_start), (self.lunch_end, self.end))
        return tuple((a, b) for a, b in parts if a < b)

    @property
    def minutes_per_day(self) -> int:
        return sum(_minutes_of(b) - _minutes_of(a) for a, b in self.intervals())


def _minutes_of(t: time) -> int:
    return t.hour * 60 + t.minute


def _as_date(d: date) -> date:
    return d.date() if isinstance(d, datetime) else d


@cache
def _library_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


class WorkCalendar:
    """Working days and office time; administrator overrides win over the built-in data."""

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        hours: OfficeHours | None = None,
        names: Mapping[date, str] | None = None,
        official_years: Iterable[int] | None = None,
    ) -> None:
        """`official_years`: years whose overrides are the published schedule (None: every
        year with an override, as a plain imported schedule)."""
        self.hours = hours or OfficeHours()
        self._overrides: dict[date, bool] = {
            _as_date(d): bool(v) for d, v in (overrides or {}).items()
        }
        self._names: dict[date, str] = {_as_date(d): n for d, n in (names or {}).items()}
        self._override_years = frozenset(
            official_years if official_years is not None else (d.year for d in self._overrides))
        self._intervals = self.hours.intervals()
        self._cache: dict[date, bool] = {}
        self._years: dict[int, list[int]] = {}  # year -> working days before each of its days

    # ---- days -------------------------------------------------------------------------

    def is_workday(self, d: date) -> bool:
        d = _as_date(d)
        cached = self._cache.get(d)
        if cached is None:
            cached = self._compute_workday(d)
            self._cache[d] = cached
        return cached

    def _compute_workday(self, d: date) -> bool:
        override = self._overrides.get(d)
        if override is not None:
            return override
        if _library_knows(d.year):
            return bool(chinese_calendar.is_workday(d))
        if d.year not in self._override_years:
            if d.year not in _warned_years:
                _warned_years.add(d.year)
                log.warning("no holiday schedule for %d; counting Monday to Friday except the "
                            "fixed-date holidays", d.year)
            if (d.month, d.day) in FIXED_HOLIDAYS:
                return False
        return d.weekday() < 5

    def has_official_data(self, year: int) -> bool:
        return _library_knows(year) or year in self._override_years

    def holiday_name(self, d: date) -> str | None:
        """'春节', '国庆节' …, '调休上班' for a make-up day; None for an ordinary day."""
        d = _as_date(d)
        override = self._overrides.get(d)
        library = self._library_detail(d)
        if override is not None:
            if self._names.get(d):
                return self._names[d]
            if library is not None and library[0] == override and library[1]:
                return library[1]
            return MAKEUP_DAY_NAME if override else HOLIDAY_DEFAULT_NAME
        if library is None and d.year not in self._override_years:
            return FIXED_HOLIDAYS.get((d.month, d.day))
        return library[1] if library is not None else None

    @staticmethod
    def _library_detail(d: date) -> tuple[bool, str | None] | None:
        """(is_workday, Chinese name) from the built-in data, or None for unknown years."""
        if not _library_knows(d.year):
            return None
        on_holiday, english = chinese_calendar.get_holiday_detail(d)
        if english is None:
            return (not on_holiday, None)
        if not on_holiday:
            return (True, MAKEUP_DAY_NAME)
        return (False, _HOLIDAY_NAMES_ZH.get(english) or _chinese_name(english))

    def next_workday(self, d: date, include_self: bool = False) -> date:
        d = _as_date(d)
        if include_self and self.is_workday(d):
            return d
        for _ in range(_SEARCH_LIMIT_DAYS):
            d += timedelta(days=1)
            if self.is_workday(d):
                return d
        raise RuntimeError(f"no working day within {_SEARCH_LIMIT_DAYS} days of {d}")

    def years_missing(self, start: date, end: date) -> list[int]:
        """Years from `start` to `end` (dates or datetimes) without a published schedule."""
        return [y for y in range(start.year, end.year + 1) if not self.has_official_data(y)]

    def add_calendar_days(self, start: datetime, days: int) -> datetime:
        """Office close on the `days`-th calendar day after `start`'s day (the first day is
        not counted); a period ending on a day off ends on the next working day (民法典
        第二百零一条、第二百零三条; docs/time-limits.md). `days == 0` is add_working_days(0)."""
        if days < 0:
            raise ValueError("days must not be negative")
        if days == 0:
            return self.add_working_days(start, 0)
        return datetime.combine(self.next_workday(start.date() + timedelta(days=days),
                                                  include_self=True), self.hours.end)

    def add_days(self, start: datetime, days: int, unit: str) -> datetime:
        """`days` working days ("working") or calendar days ("calendar") after `start`."""
        if unit == "calendar":
            return self.add_calendar_days(start, days)
        return self.add_working_days(start, days)

    def year_schedule(self, year: int) -> list[tuple[date, bool, str]]:
        """Days that differ from the plain weekend rule, or are overridden, in date order."""
        rows: list[tuple[date, bool, str]] = []
        d = date(year, 1, 1)
        while d.year == year:
            workday = self.is_workday(d)
            if d in self._overrides or workday != (d.weekday() < 5):
                name = self.holiday_name(d) or _default_name(workday)
                rows.append((d, workday, name))
            d += timedelta(days=1)
        return rows

    # ---- deadlines --------------------------------------------------------------------

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """Office close on the `days`-th working day after the day the item counts from.

        The count starts on the registration day if it is a working day and the office is
        still open, otherwise on the next working day; `days == 0` is that day's close.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        day = start.date()
        if not (self.is_workday(day) and start.time() < self.hours.end):
            day = self.next_workday(day)
        for _ in range(days):
            day = self.next_workday(day)
        return datetime.combine(day, self.hours.end)

    def _office_periods(self, first: date) -> Iterator[tuple[datetime, datetime]]:
        """Office periods from `first` on, day by day, skipping days off."""
        day = first
        idle = 0
        while idle < _SEARCH_LIMIT_DAYS:
            if self.is_workday(day):
                idle = 0
                for a, b in self._intervals:
                    yield datetime.combine(day, a), datetime.combine(day, b)
            else:
                idle += 1
            day += timedelta(days=1)
        raise RuntimeError(f"no office time within {_SEARCH_LIMIT_DAYS} days before {day}")

    def working_minutes_between(self, a: datetime, b: datetime) -> int:
        """Office minutes in [a, b): lunch, nights, weekends and holidays excluded. The days
        between the first and the last are whole office days, counted per year at once (a
        case overdue for a year is as quick as one due today: the list shows many)."""
        if b <= a:
            return 0
        seconds = 0.0
        first = a.date()
        last = b.date() if b.time() > time(0) else b.date() - timedelta(days=1)
        for day in {first, last}:
            if self.is_workday(day):
                for t0, t1 in self._intervals:
                    lo = max(a, datetime.combine(day, t0))
                    hi = min(b, datetime.combine(day, t1))
                    if hi > lo:
                        seconds += (hi - lo).total_seconds()
        if last - first > timedelta(days=1):
            whole = self.workdays_between(first + timedelta(days=1), last)
            seconds += whole * self.hours.minutes_per_day * 60
        return int(seconds // 60)

    def workdays_between(self, first: date, last: date) -> int:
        """Working days in [first, last)."""
        first, last = _as_date(first), _as_date(last)
        if last <= first:
            return 0
        count = self._workdays_before(last) - self._workdays_before(first)
        for year in range(first.year, last.year):
            count += self._year(year)[-1]
        return count

    def _workdays_before(self, d: date) -> int:
        """Working days from 1 January of d's year up to d (not counting d)."""
        return self._year(d.year)[d.timetuple().tm_yday - 1]

    def _year(self, year: int) -> list[int]:
        counts = self._years.get(year)
        if counts is None:
            counts, day, n = [0], date(year, 1, 1), 0
            while day.year == year:
                n += self.is_workday(day)
                counts.append(n)
                if (day.month, day.day) == (12, 31):
                    break
                day += timedelta(days=1)
            self._years[year] = counts
        return counts

    def add_working_minutes(self, start: datetime, minutes: int) -> datetime:
        """The moment `minutes` office minutes after `start` have passed."""
        if minutes < 0:
            raise ValueError("minutes must not be negative")
        return self._add_working_seconds(start, minutes * 60)

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        if hours < 0:
            raise ValueError("hours must not be negative")
        return self._add_working_seconds(start, round(hours * 3600))

    def _add_working_seconds(self, start: datetime, seconds: float) -> datetime:
        remaining = timedelta(seconds=seconds)
        for lo, hi in self._office_periods(start.date()):
            begin = max(lo, start)
            available = hi - begin
            # `available > 0` keeps a zero-minute request off a closing edge (12:00, 17:30).
            if available > timedelta(0) and remaining <= available:
                return begin + remaining
            if available > timedelta(0):
                remaining -= available
        raise AssertionError("unreachable")  # _office_periods raises first

    def due_state(self, due_at: datetime | None, now: datetime, warn_minutes: int) -> str:
        """'none', 'overdue', 'due_soon' (within `warn_minutes` office minutes) or 'ok'."""
        if due_at is None:
            return "none"
        if now > due_at:
            return "overdue"
        if self.working_minutes_between(now, due_at) <= warn_minutes:
            return "due_soon"
        return "ok"


def _chinese_name(english: str) -> str:
    try:
        return str(chinese_calendar.Holiday(english).chinese)
    except ValueError:
        return HOLIDAY_DEFAULT_NAME


# ---- importing a year's schedule ---------------------------------------------------------

_TYPES = dict.fromkeys(("holiday", "假日", "休", "假", "休息", "节假日"), False) | dict.fromkeys(
    ("workday", "补班", "班", "上班", "工作日", "调休上班"), True
)
_DATE_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_HEADER_FIRST = {"date", "日期"}


def _parse_date(value: str, where: str) -> date:
    match = _DATE_RE.fullmatch(value.strip())
    if match:
        try:
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise ValueError(f"{where}：日期格式应为 YYYY-MM-DD（“{value.strip()}”无效）")


def _parse_type(value: str, where: str) -> bool:
    key = value.strip().lower()
    if key not in _TYPES:
        raise ValueError(
            f"{where}：类型“{value.strip()}”无法识别，应为 holiday/假日/休 或 workday/补班/班"
        )
    return _TYPES[key]


def _default_name(workday: bool) -> str:
    return MAKEUP_DAY_NAME if workday else HOLIDAY_DEFAULT_NAME


def parse_schedule(text: str) -> dict[date, tuple[bool, str]]:
    """A year's schedule (CSV `date,type,name` or JSON) as {date: (is_workday, name)}.

    Raises ValueError with a Chinese message naming the line at fault.
    """
    text = text.lstrip("\ufeff")
    if text.lstrip().startswith("{"):
        return _parse_json(text)
    result: dict[date, tuple[bool, str]] = {}
    seen_at: dict[date, int] = {}
    header_checked = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"第 {number} 行"
        if "," not in line:  # typed on a Chinese keyboard
            line = line.replace("，", ",")
        fields = [f.strip() for f in next(csv.reader([line]))]
        if not header_checked:
            header_checked = True
            if fields[0].lower() in _HEADER_FIRST:
                continue
        if len(fields) < 2 or len(fields) > 3:
            raise ValueError(f"{where}：应为“日期,类型,名称”三列，实际 {len(fields)} 列")
        day = _parse_date(fields[0], where)
        workday = _parse_type(fields[1], where)
        if day in seen_at:
            raise ValueError(f"{where}：日期 {day.isoformat()} 重复（第 {seen_at[day]} 行已有）")
        seen_at[day] = number
        name = fields[2] if len(fields) == 3 and fields[2] else _default_name(workday)
        result[day] = (workday, name)
    return result


def _parse_json(text: str) -> dict[date, tuple[bool, str]]:
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"第 {exc.lineno} 行：JSON 格式错误（{exc.msg}）") from exc
    if not isinstance(data, dict):
        raise ValueError("第 1 行：JSON 应为含 holidays 和 workdays 两个列表的对象")
    if "holidays" not in data and "workdays" not in data:
        raise ValueError("第 1 行：JSON 中没有 holidays 或 workdays 列表")
    result: dict[date, tuple[bool, str]] = {}
    occurrences: dict[str, int] = {}
    for key, workday in (("holidays", False), ("workdays", True)):
        entries = data.get(key, [])
        if not isinstance(entries, list):
            raise ValueError(f"{_json_line(text, key)}：{key} 应为列表")
        for index, entry in enumerate(entries, start=1):
            raw_date = entry.get("date") if isinstance(entry, dict) else entry
            raw_name = entry.get("name") if isinstance(entry, dict) else None
            if isinstance(raw_date, str):
                occurrences[raw_date] = occurrences.get(raw_date, 0) + 1
            line = _json_line(text, raw_date, occurrences.get(str(raw_date), 1))
            where = f"{line}（{key} 第 {index} 项）"
            if not isinstance(raw_date, str):
                raise ValueError(f"{where}：缺少日期，日期格式应为 YYYY-MM-DD")
            day = _parse_date(raw_date, where)
            if day in result:
                raise ValueError(f"{where}：日期 {day.isoformat()} 重复")
            name = str(raw_name).strip() if raw_name else ""
            result[day] = (workday, name or _default_name(workday))
    return result


def _json_line(text: str, needle: object, occurrence: int = 1) -> str:
    """'第 N 行' for the line of `text` holding the quoted `needle` that many times, best effort."""
    if not isinstance(needle, str):
        return "第 1 行"
    position = -1
    for _ in range(occurrence):
        found = text.find(json.dumps(needle, ensure_ascii=False), position + 1)
        if found < 0:
            break
        position = found
    return f"第 {text.count(chr(10), 0, position) + 1} 行" if position >= 0 else "第 1 行"
