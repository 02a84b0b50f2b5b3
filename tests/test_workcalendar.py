"""Working days, due times and schedule import as a clerk would see them (Qt-free)."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import chinese_calendar
import pytest

from core.calendar.workcalendar import (
    CalendarYearMissing,
    OfficeHours,
    WorkCalendar,
    parse_schedule,
)


@pytest.fixture
def cal() -> WorkCalendar:
    return WorkCalendar()


def dt(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm)


# ---- the official 2026 schedule --------------------------------------------------------------


def test_spring_festival_2026_days_off_and_make_up_saturdays(cal: WorkCalendar) -> None:
    for offset in range(9):  # 2026-02-15 .. 2026-02-23
        day = date(2026, 2, 15) + timedelta(days=offset)
        assert not cal.is_workday(day), day
    assert cal.is_workday(date(2026, 2, 14))  # Saturday, make-up working day
    assert cal.is_workday(date(2026, 2, 28))  # Saturday, make-up working day
    assert cal.is_workday(date(2026, 2, 24))  # first day back
    assert cal.holiday_name(date(2026, 2, 17)) == "春节"
    assert cal.holiday_name(date(2026, 2, 14)) == "调休上班"


def test_three_day_item_across_spring_festival(cal: WorkCalendar) -> None:
    # Registered Friday 13 Feb 10:00, office open, so the 13th is day 0.
    # Day 1: Sat 14 Feb (make-up working day); 15–23 Feb are the holiday;
    # day 2: Tue 24 Feb; day 3: Wed 25 Feb -> due at close, 17:30.
    assert cal.add_working_days(dt(2026, 2, 13, 10), 3) == dt(2026, 2, 25, 17, 30)


def test_one_day_item_registered_on_make_up_saturday(cal: WorkCalendar) -> None:
    # Sat 14 Feb is a working day, so it is day 0; the next working day is Tue 24 Feb.
    assert cal.add_working_days(dt(2026, 2, 14, 10), 1) == dt(2026, 2, 24, 17, 30)
    assert cal.add_working_days(dt(2026, 2, 14, 10), 0) == dt(2026, 2, 14, 17, 30)


def test_national_day_2026(cal: WorkCalendar) -> None:
    for day in range(1, 8):
        assert not cal.is_workday(date(2026, 10, day))
        assert cal.holiday_name(date(2026, 10, day)) == "国庆节"
    assert cal.is_workday(date(2026, 9, 20))  # Sunday, make-up working day
    assert cal.is_workday(date(2026, 10, 10))  # Saturday, make-up working day
    assert not cal.is_workday(date(2026, 9, 25))  # Mid-Autumn Festival, a Friday
    assert cal.holiday_name(date(2026, 9, 25)) == "中秋节"


def test_due_dates_across_national_day(cal: WorkCalendar) -> None:
    # Wed 30 Sep is day 0; 1–7 Oct off; Thu 8 Oct is day 1, Fri 9 Oct day 2,
    # and Sat 10 Oct (make-up) day 3.
    start = dt(2026, 9, 30, 10)
    assert cal.add_working_days(start, 1) == dt(2026, 10, 8, 17, 30)
    assert cal.add_working_days(start, 2) == dt(2026, 10, 9, 17, 30)
    assert cal.add_working_days(start, 3) == dt(2026, 10, 10, 17, 30)
    # Five working days from Fri 18 Sep: Sun 20 (make-up), Mon 21, Tue 22, Wed 23, Thu 24.
    assert cal.add_working_days(dt(2026, 9, 18, 9), 5) == dt(2026, 9, 24, 17, 30)


# ---- when the count starts -------------------------------------------------------------------


def test_instant_item_due_at_close_today(cal: WorkCalendar) -> None:
    assert cal.add_working_days(dt(2026, 3, 9, 10), 0) == dt(2026, 3, 9, 17, 30)
    assert cal.add_working_days(dt(2026, 3, 9, 8), 0) == dt(2026, 3, 9, 17, 30)  # before opening


def test_instant_item_after_close_or_at_weekend_is_due_next_working_day(cal: WorkCalendar) -> None:
    assert cal.add_working_days(dt(2026, 3, 9, 17, 30), 0) == dt(2026, 3, 10, 17, 30)
    assert cal.add_working_days(dt(2026, 3, 6, 19), 0) == dt(2026, 3, 9, 17, 30)  # Friday night
    assert cal.add_working_days(dt(2026, 3, 7, 10), 0) == dt(2026, 3, 9, 17, 30)  # Saturday


def test_registered_after_close_counts_from_next_working_day(cal: WorkCalendar) -> None:
    # Friday 18:00: Monday 9 Mar is day 0, Tuesday 10 Mar is day 1.
    assert cal.add_working_days(dt(2026, 3, 6, 18), 1) == dt(2026, 3, 10, 17, 30)
    # Friday 17:29 is still open: Friday is day 0, Monday day 1.
    assert cal.add_working_days(dt(2026, 3, 6, 17, 29), 1) == dt(2026, 3, 9, 17, 30)


def test_registered_on_a_holiday_counts_from_next_working_day(cal: WorkCalendar) -> None:
    # Sat 3 Oct (National Day): Thu 8 Oct is day 0, Fri 9 Oct day 1.
    assert cal.add_working_days(dt(2026, 10, 3, 10), 0) == dt(2026, 10, 8, 17, 30)
    assert cal.add_working_days(dt(2026, 10, 3, 10), 1) == dt(2026, 10, 9, 17, 30)


def test_negative_days_rejected(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError):
        cal.add_working_days(dt(2026, 3, 9, 10), -1)


def test_next_workday(cal: WorkCalendar) -> None:
    assert cal.next_workday(date(2026, 2, 13)) == date(2026, 2, 14)
    assert cal.next_workday(date(2026, 2, 14)) == date(2026, 2, 24)
    assert cal.next_workday(date(2026, 2, 24), include_self=True) == date(2026, 2, 24)
    assert cal.next_workday(date(2026, 2, 15), include_self=True) == date(2026, 2, 24)


# ---- office minutes --------------------------------------------------------------------------


def test_office_hours_defaults() -> None:
    assert OfficeHours().minutes_per_day == 420  # 9:00–12:00 and 13:30–17:30
    assert OfficeHours(lunch_start=None, lunch_end=None).minutes_per_day == 510


@pytest.mark.parametrize(
    "kwargs",
    [
        {"start": time(18), "end": time(9)},
        {"lunch_start": time(12), "lunch_end": None},
        {"lunch_start": time(13), "lunch_end": time(12)},
        {"lunch_start": time(8), "lunch_end": time(10)},
    ],
)
def test_office_hours_rejects_nonsense(kwargs: dict[str, time | None]) -> None:
    with pytest.raises(ValueError):
        OfficeHours(**kwargs)  # type: ignore[arg-type]


def test_lunch_break_not_counted(cal: WorkCalendar) -> None:
    assert cal.working_minutes_between(dt(2026, 3, 9, 11), dt(2026, 3, 9, 14)) == 90
    assert cal.working_minutes_between(dt(2026, 3, 9, 12, 15), dt(2026, 3, 9, 13)) == 0
    assert cal.working_minutes_between(dt(2026, 3, 9), dt(2026, 3, 10)) == 420
    no_lunch = WorkCalendar(hours=OfficeHours(lunch_start=None, lunch_end=None))
    assert no_lunch.working_minutes_between(dt(2026, 3, 9, 11), dt(2026, 3, 9, 14)) == 180


def test_minutes_exclude_nights_weekends_and_holidays(cal: WorkCalendar) -> None:
    # Fri 17:00 -> Mon 9:30: 30 minutes on Friday and 30 on Monday.
    assert cal.working_minutes_between(dt(2026, 3, 6, 17), dt(2026, 3, 9, 9, 30)) == 60
    # Fri 13 Feb 17:00 -> Tue 24 Feb 10:00: 30 + a full make-up Saturday (420) + 60.
    assert cal.working_minutes_between(dt(2026, 2, 13, 17), dt(2026, 2, 24, 10)) == 510
    assert cal.working_minutes_between(dt(2026, 3, 9, 14), dt(2026, 3, 9, 10)) == 0


def test_minutes_over_a_whole_year(cal: WorkCalendar) -> None:
    # 2026: 261 weekdays - 19 weekday holidays + 6 make-up days = 248 working days.
    workdays = sum(cal.is_workday(date(2026, 1, 1) + timedelta(days=i)) for i in range(365))
    assert workdays == 248
    assert cal.working_minutes_between(dt(2026, 1, 1), dt(2027, 1, 1)) == 248 * 420


def test_add_working_minutes_crosses_lunch_night_and_weekend(cal: WorkCalendar) -> None:
    assert cal.add_working_minutes(dt(2026, 3, 9, 11, 30), 60) == dt(2026, 3, 9, 14)
    assert cal.add_working_minutes(dt(2026, 3, 9, 17), 60) == dt(2026, 3, 10, 9, 30)
    assert cal.add_working_minutes(dt(2026, 3, 6, 17), 60) == dt(2026, 3, 9, 9, 30)
    assert cal.add_working_minutes(dt(2026, 3, 9, 16, 30), 60) == dt(2026, 3, 9, 17, 30)
    # Friday before the Spring Festival: next office minutes are on Sat 14 Feb, then 24 Feb.
    assert cal.add_working_minutes(dt(2026, 2, 13, 17), 30 + 420 + 15) == dt(2026, 2, 24, 9, 15)


def test_add_zero_minutes_moves_to_next_office_moment(cal: WorkCalendar) -> None:
    assert cal.add_working_minutes(dt(2026, 3, 9, 10), 0) == dt(2026, 3, 9, 10)
    assert cal.add_working_minutes(dt(2026, 3, 9, 12), 0) == dt(2026, 3, 9, 13, 30)
    assert cal.add_working_minutes(dt(2026, 3, 9, 17, 30), 0) == dt(2026, 3, 10, 9)
    assert cal.add_working_minutes(dt(2026, 3, 7, 10), 0) == dt(2026, 3, 9, 9)


def test_add_working_hours(cal: WorkCalendar) -> None:
    assert cal.add_working_hours(dt(2026, 3, 9, 9), 8) == dt(2026, 3, 10, 10)
    assert cal.add_working_hours(dt(2026, 3, 6, 16), 1.5) == dt(2026, 3, 6, 17, 30)
    with pytest.raises(ValueError):
        cal.add_working_minutes(dt(2026, 3, 9, 9), -1)


@pytest.mark.parametrize("minutes", [1, 59, 180, 181, 420, 421, 5000, 60_000])
def test_added_minutes_measure_back_the_same(cal: WorkCalendar, minutes: int) -> None:
    start = dt(2026, 9, 28, 10, 17)  # runs into National Day and the Mid-Autumn weekend
    end = cal.add_working_minutes(start, minutes)
    assert cal.working_minutes_between(start, end) == minutes


# ---- due state -------------------------------------------------------------------------------


def test_due_state_thresholds(cal: WorkCalendar) -> None:
    due = dt(2026, 3, 10, 17, 30)
    assert cal.due_state(None, dt(2026, 3, 10, 9), 120) == "none"
    assert cal.due_state(due, dt(2026, 3, 10, 17, 31), 120) == "overdue"
    assert cal.due_state(due, due, 120) == "due_soon"
    assert cal.due_state(due, dt(2026, 3, 10, 15, 30), 120) == "due_soon"  # exactly 120
    assert cal.due_state(due, dt(2026, 3, 10, 15, 29), 120) == "ok"  # 121 minutes left
    assert cal.due_state(due, dt(2026, 3, 9, 10), 120) == "ok"


def test_due_state_weekend_does_not_count_as_time_left(cal: WorkCalendar) -> None:
    # Due Monday 9:30, seen Friday 17:00: a whole weekend away but only 60 office minutes.
    assert cal.due_state(dt(2026, 3, 9, 9, 30), dt(2026, 3, 6, 17), 120) == "due_soon"


# ---- administrator overrides and years without data ------------------------------------------


def test_overrides_win_over_the_library() -> None:
    closed = date(2026, 3, 9)  # an ordinary Monday, closed for a typhoon
    opened = date(2026, 3, 7)  # an ordinary Saturday, opened for a backlog
    holiday = date(2026, 10, 5)  # official holiday turned into a working day
    cal = WorkCalendar({closed: False, opened: True, holiday: True}, names={closed: "台风停工"})
    assert not cal.is_workday(closed)
    assert cal.is_workday(opened)
    assert cal.is_workday(holiday)
    assert cal.holiday_name(closed) == "台风停工"
    assert cal.holiday_name(opened) == "调休上班"
    # Friday 6 Mar is day 0, Saturday 7 Mar day 1, Monday closed, Tuesday 10 Mar day 2.
    assert cal.add_working_days(dt(2026, 3, 6, 10), 2) == dt(2026, 3, 10, 17, 30)
    schedule = cal.year_schedule(2026)
    assert (closed, False, "台风停工") in schedule
    assert (opened, True, "调休上班") in schedule
    assert (holiday, True, "调休上班") in schedule


def test_override_agreeing_with_library_keeps_the_festival_name() -> None:
    cal = WorkCalendar({date(2026, 10, 1): False})
    assert cal.holiday_name(date(2026, 10, 1)) == "国庆节"


def test_2027_falls_back_to_monday_to_friday_until_a_schedule_is_imported() -> None:
    cal = WorkCalendar()
    assert not cal.has_official_data(2027)
    assert cal.has_official_data(2026)
    # No schedule yet, but 元旦 is on a fixed date: a Friday off all the same.
    assert not cal.is_workday(date(2027, 1, 1)) and cal.holiday_name(date(2027, 1, 1)) == "元旦"
    assert not cal.is_workday(date(2027, 1, 2))  # Saturday
    assert cal.is_workday(date(2027, 2, 8))  # 春节 is lunar: unknown until published
    assert [d.day for d in (date(2027, 10, 1), date(2027, 10, 4)) if cal.is_workday(d)] == [4]
    assert cal.years_missing(date(2026, 11, 1), date(2028, 3, 1)) == [2027, 2028]
    assert cal.add_working_days(dt(2026, 12, 31, 10), 1) == dt(2027, 1, 4, 17, 30)

    imported = WorkCalendar({date(2027, 1, 1): False}, names={date(2027, 1, 1): "元旦"})
    assert imported.has_official_data(2027)
    assert not imported.is_workday(date(2027, 1, 1))
    assert imported.is_workday(date(2027, 1, 4))  # Monday, weekday rule still applies
    assert imported.years_missing(date(2026, 11, 1), date(2027, 3, 1)) == []
    assert imported.add_working_days(dt(2026, 12, 31, 10), 1) == dt(2027, 1, 4, 17, 30)


def test_calendar_year_missing_names_the_years() -> None:
    error = CalendarYearMissing([2027, 2028])
    assert error.years == [2027, 2028]
    assert "2027" in str(error) and "2028" in str(error)


def test_year_schedule_lists_only_days_that_differ(cal: WorkCalendar) -> None:
    schedule = cal.year_schedule(2026)
    days = [row[0] for row in schedule]
    assert days == sorted(days)
    assert (date(2026, 2, 14), True, "调休上班") in schedule
    assert (date(2026, 10, 1), False, "国庆节") in schedule
    assert date(2026, 2, 15) not in days  # a Sunday inside the holiday: no change
    assert date(2026, 3, 7) not in days  # an ordinary Saturday
    assert date(2026, 3, 9) not in days  # an ordinary Monday
    assert cal.year_schedule(2027) == [(date(2027, 1, 1), False, "元旦"),
                                       (date(2027, 10, 1), False, "国庆节")]


def test_is_workday_is_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    cal = WorkCalendar()
    cal.is_workday(date(2026, 5, 1))  # warms up the library's year check too
    calls = []
    real = chinese_calendar.is_workday

    def counting(d: date) -> bool:
        calls.append(d)
        return bool(real(d))

    monkeypatch.setattr(chinese_calendar, "is_workday", counting)
    for _ in range(100):
        assert not cal.is_workday(date(2026, 5, 1))
    assert cal.is_workday(date(2026, 5, 6))
    assert cal.is_workday(date(2026, 5, 6))
    assert calls == [date(2026, 5, 6)]


# ---- importing a schedule --------------------------------------------------------------------

GOOD_CSV = """\ufeff# 2027 年放假安排（示例）
date,type,name

2027-01-01,holiday,元旦
2027-02-06,补班,
2027-02-07,假日,春节
2027/2/8,休,春节
2027-02-20,班,"春节, 调休"
2027-10-01,Holiday,国庆节
"""


def test_parse_schedule_csv() -> None:
    schedule = parse_schedule(GOOD_CSV)
    assert schedule == {
        date(2027, 1, 1): (False, "元旦"),
        date(2027, 2, 6): (True, "调休上班"),
        date(2027, 2, 7): (False, "春节"),
        date(2027, 2, 8): (False, "春节"),
        date(2027, 2, 20): (True, "春节, 调休"),
        date(2027, 10, 1): (False, "国庆节"),
    }


def test_imported_schedule_drives_the_calendar() -> None:
    schedule = parse_schedule(GOOD_CSV)
    cal = WorkCalendar(
        {d: workday for d, (workday, _) in schedule.items()},
        names={d: name for d, (_, name) in schedule.items()},
    )
    assert cal.has_official_data(2027)
    assert cal.is_workday(date(2027, 2, 6))  # Saturday make-up
    assert not cal.is_workday(date(2027, 2, 8))  # Monday off
    assert cal.holiday_name(date(2027, 2, 7)) == "春节"


def test_parse_schedule_json() -> None:
    text = json.dumps(
        {
            "holidays": [{"date": "2027-10-01", "name": "国庆节"}, {"date": "2027-10-04"}],
            "workdays": [{"date": "2027-09-26", "name": "国庆调休"}, "2027-10-09"],
        },
        ensure_ascii=False,
        indent=2,
    )
    assert parse_schedule(text) == {
        date(2027, 10, 1): (False, "国庆节"),
        date(2027, 10, 4): (False, "节假日"),
        date(2027, 9, 26): (True, "国庆调休"),
        date(2027, 10, 9): (True, "调休上班"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date,type,name\n2027-01-01,holiday,元旦\n2027-13-01,holiday,x\n", "第 3 行"),
        ("date,type,name\n# note\n\n01/02/2027,holiday,x\n", "第 4 行"),
        ("date,type,name\n2027-02-30,holiday,x\n", "第 2 行"),
    ],
)
def test_parse_schedule_bad_date(text: str, expected: str) -> None:
    with pytest.raises(ValueError, match=expected) as info:
        parse_schedule(text)
    assert "YYYY-MM-DD" in str(info.value)


def test_parse_schedule_unknown_type() -> None:
    with pytest.raises(ValueError, match="第 3 行") as info:
        parse_schedule("date,type,name\n2027-01-01,holiday,元旦\n2027-01-02,rest,x\n")
    assert "rest" in str(info.value)


def test_parse_schedule_duplicate_date() -> None:
    text = "date,type,name\n2027-01-01,holiday,元旦\n# again\n2027-1-1,workday,x\n"
    with pytest.raises(ValueError, match="第 4 行") as info:
        parse_schedule(text)
    assert "重复" in str(info.value) and "第 2 行" in str(info.value)


def test_parse_schedule_wrong_column_count() -> None:
    with pytest.raises(ValueError, match="第 2 行"):
        parse_schedule("date,type,name\n2027-01-01\n")
    with pytest.raises(ValueError, match="第 2 行"):
        parse_schedule("date,type,name\n2027-01-01,holiday,元旦,多余\n")


def test_parse_schedule_json_errors_name_the_line() -> None:
    bad_date = '{\n  "holidays": [\n    {"date": "2027-10-01"},\n    {"date": "10/02/2027"}\n  ]\n}'
    with pytest.raises(ValueError, match="第 4 行"):
        parse_schedule(bad_date)
    duplicate = (
        '{\n  "holidays": [{"date": "2027-10-01"}],\n  "workdays": [{"date": "2027-10-01"}]\n}'
    )
    with pytest.raises(ValueError, match="第 3 行.*重复"):
        parse_schedule(duplicate)
    with pytest.raises(ValueError, match="第 3 行.*JSON"):
        parse_schedule('{\n  "holidays": [\n    {"date": }\n  ]\n}')


def test_parse_schedule_empty_is_empty() -> None:
    assert parse_schedule("date,type,name\n# nothing yet\n") == {}
