"""The one due-state rule: overdue, due today, due soon, paused or time left, in working time.

The list, the detail pane, the inboxes, the slips and the statistics all ask here, so a case
due at 17:00 today reads the same everywhere, and lateness has one unit: working days and
hours on the organisation's calendar ("超期 1 个工作日 3 小时")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core import register
from core.calendar.workcalendar import WorkCalendar
from core.errors import english
from core.vocab import AWAITING, RUNNING_STATUSES

STATES = ("none", "paused", "overdue", "due_today", "due_soon", "ok")
WARNING_STATES = ("overdue", "due_today", "due_soon")  # shown in red or amber, with words


@dataclass(frozen=True)
class DueInfo:
    state: str  # one of STATES
    minutes: int | None  # working minutes left (negative: late by); paused: left when paused
    due_at: datetime | None


def due_info(status: str, due_at: datetime | None, paused_remaining: int | None, *,
             now: datetime, calendar: WorkCalendar, warn_minutes: int) -> DueInfo:
    """Where a case stands against its due time at `now`.

    Only a running case has a clock (core.vocab.RUNNING_STATUSES); awaiting materials it is
    paused with the working time that was left; resolved or final cases have no due state."""
    if status == AWAITING:
        return DueInfo("paused", paused_remaining, due_at)
    if due_at is None or status not in RUNNING_STATUSES:
        return DueInfo("none", None, due_at)
    if now >= due_at:
        return DueInfo("overdue", -calendar.working_minutes_between(due_at, now), due_at)
    left = calendar.working_minutes_between(now, due_at)
    if due_at.date() == now.date():
        return DueInfo("due_today", left, due_at)
    if left <= warn_minutes:
        return DueInfo("due_soon", left, due_at)
    return DueInfo("ok", left, due_at)


def warning_until(now: datetime, calendar: WorkCalendar, warn_minutes: int) -> datetime:
    """Cases due before this moment are due today or due soon (the supervisor's list)."""
    day_end = datetime.combine(now.date(), datetime.max.time()).replace(microsecond=0)
    return max(day_end, calendar.add_working_minutes(now, warn_minutes))


def due_now(status: str, due_at: datetime | None, paused_remaining: int | None = None,
            now: datetime | None = None) -> DueInfo:
    """due_info on the register's calendar, settings and clock."""
    settings = register.org_settings()
    return due_info(status, due_at, paused_remaining, now=now or register.now(),
                    calendar=register.calendar(), warn_minutes=int(settings.warn_hours * 60))


def span_words(minutes: int, minutes_per_day: int, lang: str = "zh") -> str:
    """Working time as days and hours: 1 个工作日 3 小时 / 3 小时 / 20 分钟."""
    minutes = abs(minutes)
    days, rest = divmod(minutes, minutes_per_day) if minutes_per_day > 0 else (0, minutes)
    hours, mins = divmod(rest, 60)
    en = english(lang)
    parts = []
    if days:
        parts.append(f"{days} working day{'s' if days != 1 else ''}" if en else f"{days} 个工作日")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}" if en else f"{hours} 小时")
    if not days and (mins or not hours):
        parts.append(f"{mins} min" if en else f"{mins} 分钟")
    return " ".join(parts)


def due_words(info: DueInfo, minutes_per_day: int, lang: str = "zh") -> str:
    """The due state in words for a cell, a chip, an inbox line or a slip."""
    en = english(lang)
    if info.state == "paused":
        return "Paused (materials)" if en else "暂停（待补正）"
    if info.state == "none" or info.minutes is None:
        return "—"
    span = span_words(info.minutes, minutes_per_day, lang)
    if info.state == "overdue":
        if info.minutes == 0:  # past the due time, no office time since
            return "Overdue" if en else "已超期"
        return f"Overdue {span}" if en else f"超期 {span}"
    if info.state == "due_today" and info.due_at is not None:
        at = f"{info.due_at:%H:%M}"
        return f"Due today {at}" if en else f"今日 {at} 到期"
    if info.minutes == 0:
        return "Due now" if en else "即将到期"
    return f"{span} left" if en else f"剩 {span}"
