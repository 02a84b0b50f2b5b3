"""Business settings stored in the database (organisation, limits, wording), with defaults."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import time
from typing import Any

# Working days allowed per kind when no service item sets the promise.
DEFAULT_KIND_DAYS: dict[str, int] = {
    "inquiry": 1,
    "application": 5,
    "complaint": 5,
    "report": 15,
    "service_request": 3,
    "hazard": 3,
    "accident": 0,
}


@dataclass(frozen=True)
class OrgSettings:
    """Limits and wording an organisation configures (defaults from the policies)."""

    max_handovers: int = 2  # more transfers/returns than this go to a leader (踢皮球)
    transfer_within_hours: float = 2.0  # first owner hands over within N working hours
    accept_within_hours: float = 2.0  # receiver accepts or returns within N working hours
    contact_within_days: int = 1  # handler contacts the visitor within N working days
    notify_within_days: int = 1  # result told within N working days of resolving
    return_within_days: int = 2  # a misrouted case may be returned within N working days
    warn_hours: float = 4.0  # "due soon" window, in working hours
    rectification_days: int = 15  # a poor evaluation is rectified within N working days
    hazard_verify_hours: int = 24  # a hazard report is verified within N hours (安全首问)
    office_start: str = "09:00"
    office_end: str = "17:30"
    lunch_start: str = "12:00"
    lunch_end: str = "13:30"
    kind_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_KIND_DAYS))
    kinds: tuple[str, ...] = tuple(DEFAULT_KIND_DAYS)
    channels: tuple[str, ...] = ("visit", "phone", "letter", "online", "meeting")
    terms: dict[str, str] = field(default_factory=dict)  # glossary overrides, e.g. visitor → 客户
    windows: tuple[str, ...] = ("1号窗口", "2号窗口", "3号窗口")
    slip_format: str = "a5"
    enquiry_phone: str = ""
    pickup_place: str = ""
    slip_footer: str = ""
    logo_path: str = ""
    # Automatic daily backup: enabled, folder, keep, host (the PC that runs it).
    auto_backup: dict[str, Any] = field(default_factory=dict)
    # Years a finished case keeps the visitor's identity, per kind, where the organisation
    # departs from core.admin.retention's defaults.
    retention_years: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> OrgSettings:
        raw: dict[str, Any] = json.loads(text or "{}")
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known}
        for key in ("kinds", "channels", "windows"):
            if key in values:
                values[key] = tuple(values[key])
        if "kind_days" in values:
            values["kind_days"] = {**DEFAULT_KIND_DAYS, **values["kind_days"]}
        return cls(**values)

    def with_changes(self, **changes: Any) -> OrgSettings:
        return replace(self, **changes)

    def days_for_kind(self, kind: str) -> int:
        return int(self.kind_days.get(kind, DEFAULT_KIND_DAYS.get(kind, 5)))

    def term(self, key: str, default: str) -> str:
        return self.terms.get(key, default)


def parse_hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


# What an administrator may set (docs/reliability.md: limits out of range made every
# registration fail). Integers are whole working days or counts; hours may be fractional.
LIMITS: dict[str, tuple[float, float, str, str]] = {
    "max_handovers": (1, 20, "转办退回次数上限", "Hand-over limit"),
    "transfer_within_hours": (0.5, 240, "转办时限（工作小时）", "Hand-over within (working hours)"),
    "accept_within_hours": (0.5, 240, "签收时限（工作小时）", "Accept within (working hours)"),
    "contact_within_days": (1, 60, "联系办事人时限（工作日）", "Contact within (working days)"),
    "notify_within_days": (1, 60, "答复时限（工作日）", "Notify within (working days)"),
    "return_within_days": (1, 60, "退回时限（工作日）", "Return within (working days)"),
    "warn_hours": (0, 240, "预警提前（工作小时）", "Warning ahead (working hours)"),
    "rectification_days": (1, 365, "整改时限（工作日）", "Rectification within (working days)"),
    "hazard_verify_hours": (1, 720, "隐患核实时限（小时）", "Hazard verified within (hours)"),
}
KIND_DAYS_RANGE = (0, 365)


def check_settings(s: OrgSettings) -> OrgSettings:
    """Refuse settings that would break every registration: limits outside sane ranges,
    office hours out of order, an unknown slip format. Raises ValidationError naming the
    field; returns `s` when all is well."""
    from core.errors import Term, ValidationError

    for name, (low, high, zh, en) in LIMITS.items():
        value = getattr(s, name)
        whole = isinstance(low, int) and isinstance(high, int) and name.endswith(
            ("_days", "max_handovers", "hazard_verify_hours"))
        if (not isinstance(value, int | float) or isinstance(value, bool) or math.isnan(value)
                or not low <= value <= high or (whole and value != int(value))):
            raise ValidationError("bad_range", at=name, field=Term(zh, en), low=low, high=high,
                                  value=value)
    for kind, days in s.kind_days.items():
        if not isinstance(days, int) or isinstance(days, bool) or not (
                KIND_DAYS_RANGE[0] <= days <= KIND_DAYS_RANGE[1]):
            raise ValidationError("bad_range", at="kind_days", field=Term(
                f"{kind} 的办理时限（工作日）", f"Working days for {kind}"), low=0, high=365,
                value=days)
    try:
        times = [parse_hhmm(s.office_start), parse_hhmm(s.office_end)]
        lunch = [parse_hhmm(t) for t in (s.lunch_start, s.lunch_end) if t]
    except (ValueError, AttributeError):
        raise ValidationError("bad_office_hours", at="office_start", value=(
            f"{s.office_start}–{s.office_end}")) from None
    order = [times[0], *lunch, times[1]] if len(lunch) == 2 else times
    if len(lunch) == 1 or any(a >= b for a, b in zip(order, order[1:], strict=False)):
        raise ValidationError("bad_office_hours", at="office_start", value=(
            f"{s.office_start}–{s.lunch_start}–{s.lunch_end}–{s.office_end}"))
    if s.slip_format not in ("a4", "a5", "80mm"):
        raise ValidationError("bad_choice", at="slip_format", field=Term("单据格式", "Slip format"),
                              value=s.slip_format)
    return s
