"""Setting up and changing the organisation: init from a preset, settings, calendar overrides."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from core import audit, register
from core.admin.presets import load_preset, preset_settings
from core.admin.settings import OrgSettings, check_settings
from core.admin.staff import StaffInfo, check_password_strength, create_department, create_staff
from core.cases.validation import clean_text
from core.errors import DomainError
from core.permissions import get_actor
from core.vocab import ADMIN
from models.database import write_transaction
from models.tables import Organisation

if TYPE_CHECKING:
    from core.calendar.calendar_change import CalendarChange

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OrgInfo:
    name: str
    profile: str
    address: str
    phone: str
    settings: OrgSettings


def is_initialised() -> bool:
    return Organisation.select().exists()


def org_info() -> OrgInfo:
    org = Organisation.select().first()
    if org is None:
        raise DomainError("not_configured")
    return OrgInfo(org.name, org.profile, org.address, org.phone, register.org_settings())


def org_name() -> str:
    """The organisation as a file's author and page header ("" before it is set up)."""
    try:
        return org_info().name
    except DomainError:
        return ""


def init_organisation(name: str, profile: str, admin_username: str, admin_name: str,
                      admin_password: str, *, with_departments: bool = True) -> StaffInfo:
    """First start: the organisation from a preset, its departments, the first administrator."""
    name = clean_text(name, "name", required=True)
    check_password_strength(admin_password)
    settings = preset_settings(profile)
    preset = load_preset(profile)
    # One transaction: a refused administrator leaves no half-made organisation behind.
    with write_transaction():
        if Organisation.select().exists():
            raise DomainError("duplicate", at="name", field="机构", value=name)
        Organisation.create(name=name, profile=profile, phone=settings.enquiry_phone,
                            settings=settings.to_json())
        register.invalidate()
        if with_departments:
            for d in preset.get("departments", []):
                create_department(d["name"], d.get("code", ""), d.get("phone", ""),
                                  d.get("location", ""), bool(d.get("is_safety")))
        admin = create_staff(admin_username, admin_name, ADMIN, admin_password)
        audit.record(admin.id, "organisation.created", name, {"preset": profile})
    register.invalidate()
    log.info("organisation %s initialised with preset %s", name, profile)
    return admin


def save_settings(actor_id: int, settings: OrgSettings, *, name: str | None = None,
                  address: str | None = None, phone: str | None = None) -> OrgInfo:
    get_actor(actor_id, "manage_settings")
    check_settings(settings)
    with write_transaction():
        org = Organisation.select().first()
        if org is None:
            raise DomainError("not_configured")
        org.settings = settings.to_json()
        if name is not None:
            org.name = clean_text(name, "name", required=True)
        if address is not None:
            org.address = clean_text(address, "name", limit=200)
        if phone is not None:
            org.phone = clean_text(phone, "contact", limit=40)
        org.save()
        audit.record(actor_id, "settings.changed", org.name, settings.to_json())
    register.invalidate()
    return org_info()


def set_calendar_day(actor_id: int | None, day: date, workday: bool | None,
                     name: str = "") -> CalendarChange:
    """Add or change an override (workday True/False), or remove it (None); open cases whose
    due time the change moves are moved and listed (core.calendar.calendar_change)."""
    from core.calendar.calendar_change import apply_days

    return apply_days(actor_id, {day: None if workday is None else (workday, name)})


def import_calendar(actor_id: int | None, schedule: dict[date, tuple[bool, str]]) -> CalendarChange:
    """Store a year's published schedule (from workcalendar.parse_schedule) and recompute the
    open cases it moves, in one transaction."""
    from core.calendar.calendar_change import apply_days

    return apply_days(actor_id, schedule, official=True, action="calendar.imported")
