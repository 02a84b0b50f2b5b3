"""The working-day calendar for administrators: a year's view, schedule import, and the
reminder to import a year the built-in holiday data does not cover yet."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import peewee as pw

from core import register
from core.admin.organisation import import_calendar
from core.calendar.calendar_change import MovedCase
from core.calendar.workcalendar import parse_schedule
from core.errors import Term
from core.vocab import OPEN_STATUSES
from models.rows import tuples
from models.tables import CalendarOverride, Case

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CalendarDay:
    """A day that differs from the plain Monday–Friday rule, or that an administrator set."""

    day: date
    workday: bool
    name: str
    overridden: bool  # set or imported here (editable), not from the built-in data


@dataclass(frozen=True)
class YearView:
    year: int
    official: bool  # built-in data or an imported schedule covers the year
    days: tuple[CalendarDay, ...]
    workdays: int  # working days in the year


@dataclass(frozen=True)
class CalendarReminder:
    """Years without an official schedule among open cases' due dates and next year.

    Due dates in such years are counted Monday to Friday (a printed slip says so); the
    administrator should import the State Council's schedule as soon as it is published.
    """

    missing_years: tuple[int, ...]
    open_cases_affected: int  # open cases due in one of those years
    checked_years: tuple[int, ...]

    @property
    def needed(self) -> bool:
        return bool(self.missing_years)

    def message(self, lang: str = "zh") -> str:
        if not self.missing_years:
            return ""
        years = "、".join(f"{y}年" for y in self.missing_years)
        en_years = ", ".join(str(y) for y in self.missing_years)
        text = Term(f"{years}的法定节假日安排尚未录入，期间的到期时间暂按周一至周五计算。"
                    "国务院办公厅公布放假安排后，请在“工作日历”中导入。",
                    f"The public holidays of {en_years} are not entered yet: due times then "
                    "count Monday to Friday. Import the State Council's schedule under "
                    "Work calendar once it is published.").text(lang)
        if self.open_cases_affected:
            n = self.open_cases_affected
            text += Term(f"（受影响的在办事项 {n} 件）", f" ({n} open cases affected)").text(lang)
        return text


@dataclass(frozen=True)
class ScheduleImport:
    days: int
    years: tuple[int, ...]
    holidays: int
    workdays: int
    checked: int = 0  # open cases whose window touches the years
    moved: tuple[MovedCase, ...] = ()  # whose due time moved: tell the visitors
    unresolved: tuple[str, ...] = ()  # whose limit the history does not tell: check by hand


def year_view(year: int) -> YearView:
    cal = register.calendar()
    overridden = {d for (d,) in tuples(CalendarOverride.select(CalendarOverride.day).where(
        (CalendarOverride.day >= date(year, 1, 1)) & (CalendarOverride.day <= date(year, 12, 31))))}
    days = tuple(CalendarDay(d, workday, name, d in overridden)
                 for d, workday, name in cal.year_schedule(year))
    first = date(year, 1, 1)
    count = sum(1 for i in range((date(year + 1, 1, 1) - first).days)
                if cal.is_workday(first + timedelta(days=i)))
    return YearView(year, cal.has_official_data(year), days, count)


def calendar_reminder(today: date | None = None) -> CalendarReminder:
    """Which years lack an official schedule: this year, next year, and every year an open
    case falls due in (MAX over the (status, due_at) index, then one count)."""
    today = today or register.now().date()
    cal = register.calendar()
    latest = (Case.select(pw.fn.MAX(Case.due_at))
              .where(Case.status.in_(OPEN_STATUSES)).scalar())
    last_year = max(today.year + 1, latest.year if isinstance(latest, datetime) else today.year)
    checked = tuple(range(today.year, last_year + 1))
    missing = tuple(y for y in checked if not cal.has_official_data(y))
    affected = 0
    for year in missing:
        start = datetime.combine(date(year, 1, 1), time.min)
        end = datetime.combine(date(year + 1, 1, 1), time.min)
        affected += Case.select(pw.fn.COUNT(Case.id)).where(
            Case.status.in_(OPEN_STATUSES) & (Case.due_at >= start) & (Case.due_at < end)).scalar() or 0
    return CalendarReminder(missing, int(affected), checked)


def read_schedule_file(path: str | Path) -> dict[date, tuple[bool, str]]:
    """A schedule file (CSV `date,type,name` or JSON) in UTF-8 or GB18030 (Excel's CSV)."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    schedule = parse_schedule(text)
    if not schedule:
        raise ValueError(f"{path}：文件中没有任何日期")
    return schedule


def import_schedule_file(path: str | Path, *, actor_id: int | None) -> ScheduleImport:
    """Validate the whole file first, then store every day in one transaction."""
    schedule = read_schedule_file(path)
    change = import_calendar(actor_id, schedule)
    workdays = sum(1 for workday, _ in schedule.values() if workday)
    log.info("calendar schedule imported from %s: %d days (%s), %d due times moved", path,
             change.days, change.years, len(change.moved))
    return ScheduleImport(change.days, change.years, change.days - workdays, workdays,
                          change.checked, change.moved, change.unresolved)
