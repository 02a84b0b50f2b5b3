"""Plain frozen dataclasses passed into and out of core/ (never live peewee rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class MaterialInput:
    name: str
    original: bool = True
    copies: int = 1
    pages: int = 1
    received: bool = True


@dataclass(frozen=True)
class Scope:
    """The first owner's scope decision (docs/rules.md, rule 2).

    kind: answered (told on the spot and closed) | own (I handle it) | assign (same department,
    other staff) | transfer (other department) | escalate (unclear: to a leader) |
    refer (outside the organisation) | later (responsible person unreachable: hand over later).
    """

    kind: str = "own"
    department_id: int | None = None
    staff_id: int | None = None
    place: str = ""
    contact: str = ""
    result: str = ""


@dataclass(frozen=True)
class IntakeForm:
    channel: str
    kind: str
    subject: str
    visitor_name: str = ""
    visitor_phone: str = ""
    visitor_unit: str = ""
    id_number: str = ""
    anonymous: bool = False
    description: str = ""
    service_item_id: int | None = None
    materials: tuple[MaterialInput, ...] = ()
    scope: Scope = field(default_factory=Scope)
    note: str = ""
    location: str = ""  # where a hazard or accident is (安全隐患报告单's 隐患地点)


@dataclass(frozen=True)
class CaseRef:
    id: int
    number: str
    status: str
    version: int
    due_at: datetime | None = None
