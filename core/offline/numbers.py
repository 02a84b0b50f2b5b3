"""Provisional numbers: YYYYMMDD-W03-0007 — the day, the window's station and its own count.

The station (W03) is handed out by the server (table offline_station) while the window is
online, and the count is kept in the window's journal, so two windows can never give the
same provisional number, and none looks like a final one (YYYYMMDD-0007)."""

from __future__ import annotations

import re
from datetime import datetime

PROVISIONAL_RE = re.compile(r"^(\d{8})-(W\d{2,6})-(\d{4,6})$")


def station_code(station_id: int) -> str:
    return f"W{station_id:02d}"


def provisional_number(at: datetime, station: str, seq: int) -> str:
    return f"{at:%Y%m%d}-{station}-{seq:04d}"


def is_provisional(number: str) -> bool:
    return bool(PROVISIONAL_RE.match((number or "").strip()))


def station_of(number: str) -> str:
    m = PROVISIONAL_RE.match((number or "").strip())
    return m.group(2) if m else ""
