"""The catalogue of service items (事项清单), versioned so old cases show what they were told."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from typing import Any, ClassVar

from core import audit, register
from core.admin.guide_values import (
    CONDITIONAL,
    COPY,
    FORMS,
    LIMIT_UNITS,
    OPTIONAL,
    ORIGINAL,
    ORIGINAL_CHECK,
    REQUIRED,
    REQUIREMENTS,
    WORKING,
    time_limit,
)
from core.cases.validation import check_int, clean_text
from core.errors import DomainError, Term, english
from core.permissions import get_actor
from models.database import write_transaction
from models.tables import Department, ServiceItem, ServiceItemVersion, ServiceMaterial


@dataclass(frozen=True)
class MaterialSpec:
    """One material of a guide. Blank in the guide stays blank here: `form` "" and `copies`
    None print 以窗口告知为准; `requirement` "" is "not stated". The old positional form
    `MaterialSpec(name, original: bool, copies, required: bool, note)` still works."""

    name: str
    form: str | bool = ""  # core.admin.guide_values.FORMS key; a bool means original/copy
    copies: int | None = None
    requirement: str | bool = REQUIRED  # REQUIREMENTS key; a bool means required/optional
    note: str = ""
    condition: str = ""  # for a conditional material: when it is needed

    def __post_init__(self) -> None:
        if isinstance(self.form, bool):
            object.__setattr__(self, "form", ORIGINAL if self.form else COPY)
        if isinstance(self.requirement, bool):
            object.__setattr__(self, "requirement", REQUIRED if self.requirement else OPTIONAL)

    @property
    def form_key(self) -> str:
        """The FORMS key, "" when the guide does not say (a bool was turned into a key)."""
        return str(self.form) if self.form else ""

    @property
    def requirement_key(self) -> str:
        """The REQUIREMENTS key, "" when not stated (a bool was turned into a key)."""
        return str(self.requirement) if self.requirement else ""

    @property
    def original(self) -> bool:
        """Whether the window keeps or sees an original (the intake checklist's default)."""
        return self.form in (ORIGINAL, ORIGINAL_CHECK, "")

    @property
    def required(self) -> bool:
        """Always needed: counted as missing when not handed in."""
        return self.requirement == REQUIRED


@dataclass(frozen=True)
class ItemInfo:
    """Everything a one-time notice prints about a service item, at one version.

    `instant` None: the guide does not say whether it is done on the spot. `promised_days` 0
    with `legal_days` > 0: only a statutory limit, in `legal_unit` (working or calendar days).
    `fees` "": the guide says nothing about fees (printed 以窗口告知为准)."""

    id: int | None
    code: str
    name: str
    department_id: int
    department: str
    instant: bool | None
    promised_days: int
    legal_days: int = 0
    fees: str = ""
    steps: tuple[str, ...] = ()
    legal_basis: str = ""
    location: str = ""
    materials: tuple[MaterialSpec, ...] = ()
    version: int = 1
    active: bool = True
    legal_unit: str = WORKING

    def printed_fields(self) -> dict[str, object]:
        """What a notice prints: a change to any of these makes a new version."""
        d = asdict(self)
        for key in ("id", "version", "active", "department"):
            d.pop(key)
        return d

    def time_limit(self) -> tuple[int, str]:
        """(days, unit) the due time counts; (0, "") when the item has no limit at all."""
        return time_limit(self.instant, self.promised_days, self.legal_days, self.legal_unit)


def _info(item: ServiceItem) -> ItemInfo:
    mats = tuple(
        MaterialSpec(m.name, m.form, m.copies, m.requirement, m.note, m.condition)
        for m in item.materials.order_by(ServiceMaterial.position)
    )
    return ItemInfo(item.id, item.code, item.name, item.department_id, item.department.name,
                    item.instant, item.promised_days, item.legal_days, item.fees,
                    tuple(json.loads(item.steps or "[]")), item.legal_basis, item.location,
                    mats, item.version, item.active, item.legal_unit or WORKING)


def material_from_snapshot(data: dict[str, Any]) -> MaterialSpec:  # parsed JSON
    """A material as stored in a version snapshot, including those written before schema v8
    (`original` and `required` booleans)."""
    if "form" not in data:
        return MaterialSpec(str(data["name"]), bool(data.get("original", True)),
                            data.get("copies", 1),
                            bool(data.get("required", True)), str(data.get("note", "")))
    known = {"name", "form", "copies", "requirement", "note", "condition"}
    return MaterialSpec(**{k: v for k, v in data.items() if k in known})


def get_item(item_id: int) -> ItemInfo:
    item = ServiceItem.get_or_none(ServiceItem.id == item_id)
    if item is None:
        raise DomainError("item_not_found", ref=item_id)
    return _info(item)


def item_at_version(item_id: int, version: int) -> ItemInfo:
    """The item as it was at `version` (what a case registered then was told)."""
    row = ServiceItemVersion.get_or_none((ServiceItemVersion.item == item_id)
                                         & (ServiceItemVersion.version == version))
    if row is None:
        return get_item(item_id)
    data = json.loads(row.snapshot)
    data["materials"] = tuple(material_from_snapshot(m) for m in data["materials"])
    data["steps"] = tuple(data["steps"])
    return ItemInfo(**data)


def list_items(active_only: bool = True, department_id: int | None = None) -> list[ItemInfo]:
    q = ServiceItem.select(ServiceItem, Department).join(Department)
    if active_only:
        q = q.where(ServiceItem.active)
    if department_id is not None:
        q = q.where(ServiceItem.department == department_id)
    return [_info(i) for i in q.order_by(ServiceItem.code)]


def search_items(text: str, limit: int = 20) -> list[tuple[int, str, str]]:
    """(id, code, name) of active items whose name or code contains `text`, for completion."""
    pattern = f"%{text.strip()}%"
    q = (ServiceItem.select(ServiceItem.id, ServiceItem.code, ServiceItem.name)
         .where(ServiceItem.active & (ServiceItem.name ** pattern | ServiceItem.code ** pattern))
         .order_by(ServiceItem.code).limit(limit))
    return [(i.id, i.code, i.name) for i in q]


class GuideError(DomainError):
    """A catalogue entry refused for what it says (or fails to say); its own messages."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {
        "no_time_limit": ("请填写承诺时限或法定时限（或注明即办件）：没有时限就无法计算到期时间。",
                          "Give a promised or statutory limit (or mark it instant): without one "
                          "no due time can be computed."),
        "bad_guide_value": ("{field}的取值无效：{value}", "{field} has an invalid value: {value}"),
    }

    def message(self, lang: str = "zh") -> str:
        zh, en = self.MESSAGES.get(self.code, (self.code, self.code))
        values = {k: v.text(lang) if isinstance(v, Term) else v for k, v in self.fields.items()}
        return (en if english(lang) else zh).format(**values)


def _material(m: MaterialSpec) -> MaterialSpec:
    if m.form not in FORMS:
        raise GuideError("bad_guide_value", at="material", field=Term("原件或复印件", "Form"),
                         value=m.form)
    if m.requirement not in REQUIREMENTS:
        raise GuideError("bad_guide_value", at="material", field=Term("是否必需", "Required"),
                         value=m.requirement)
    condition = clean_text(m.condition, "note", limit=200)
    return MaterialSpec(clean_text(m.name, "material", required=True), m.form,
                        None if m.copies is None else check_int(m.copies, "copies", 0, 99),
                        m.requirement, clean_text(m.note, "note", limit=500),
                        condition if m.requirement == CONDITIONAL else "")


def validate_item(info: ItemInfo, *, check_department: bool = True) -> ItemInfo:
    """Clean every field; unknown stays unknown, but an item must have some time limit.
    `check_department=False`: an import checks an item whose department it will create."""
    code = clean_text(info.code, "name", required=True, limit=30)
    name = clean_text(info.name, "name", required=True)
    if check_department and Department.get_or_none(Department.id == info.department_id) is None:
        raise DomainError("department_not_found", ref=info.department_id)
    if info.instant not in (True, False, None):
        raise GuideError("bad_guide_value", at="instant", field=Term("即办件", "Instant"),
                         value=info.instant)
    if info.legal_unit not in LIMIT_UNITS:
        raise GuideError("bad_guide_value", at="legal_days", field=Term("法定时限单位", "Unit"),
                         value=info.legal_unit)
    promised = 0 if info.instant else check_int(info.promised_days, "promised_days", 0, 365)
    legal = check_int(info.legal_days, "legal_days", 0, 365)
    if not (info.instant or promised or legal):
        raise GuideError("no_time_limit", at="promised_days")
    return replace(
        info, code=code, name=name, materials=tuple(_material(m) for m in info.materials),
        promised_days=promised, legal_days=legal,
        fees=clean_text(info.fees, "name", limit=200),
        steps=tuple(clean_text(s, "note") for s in info.steps if s.strip()),
        legal_basis=clean_text(info.legal_basis, "description", multiline=True),
        location=clean_text(info.location, "name"),
    )


def save_item(info: ItemInfo, *, actor_id: int | None) -> ItemInfo:
    """Create or update an item; the version rises only when a printed field changed."""
    if actor_id is not None:
        get_actor(actor_id, "manage_catalogue")
    info = validate_item(info)
    with write_transaction():
        clash = ServiceItem.get_or_none(ServiceItem.code == info.code)
        if clash is not None and clash.id != info.id:
            raise DomainError("duplicate", at="code", field=Term("事项编码", "Item code"),
                              value=info.code)
        if info.id is None:
            item = ServiceItem.create(code=info.code, name=info.name, department=info.department_id,
                                      version=1)
            changed, version = True, 1
        else:
            found = ServiceItem.get_or_none(ServiceItem.id == info.id)
            if found is None:
                raise DomainError("item_not_found", ref=info.id)
            item = found
            changed = _info(item).printed_fields() != info.printed_fields()
            version = item.version + (1 if changed else 0)
        item.code, item.name = info.code, info.name
        item.department = info.department_id  # type: ignore[assignment]  # peewee takes the id
        item.instant, item.promised_days, item.legal_days = info.instant, info.promised_days, info.legal_days
        item.legal_unit = info.legal_unit
        item.fees, item.steps = info.fees, json.dumps(list(info.steps), ensure_ascii=False)
        item.legal_basis, item.location = info.legal_basis, info.location
        item.version, item.active = version, info.active
        item.save()
        audit.record(actor_id, "catalogue.saved", info.code, {"version": version, "changed": changed})
        register.invalidate()
        if changed:
            ServiceMaterial.delete().where(ServiceMaterial.item == item.id).execute()
            if info.materials:
                ServiceMaterial.insert_many([
                    {"item": item.id, "position": i, "name": m.name, "form": m.form,
                     "copies": m.copies, "requirement": m.requirement, "note": m.note,
                     "condition": m.condition}
                    for i, m in enumerate(info.materials)
                ]).execute()
            saved = _info(item)
            snapshot = asdict(saved)
            ServiceItemVersion.create(item=item.id, version=version, created_at=register.now(),
                                      snapshot=json.dumps(snapshot, ensure_ascii=False))
            return saved
        return _info(item)
