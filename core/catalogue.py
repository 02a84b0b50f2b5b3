"""The catalogue of service items (事项清单), versioned so old cases show what they were told."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace

from core import audit, register
from core.casebase import get_actor
from core.errors import DomainError, Term
from core.validation import check_int, clean_text
from models.database import write_transaction
from models.tables import Department, ServiceItem, ServiceItemVersion, ServiceMaterial


@dataclass(frozen=True)
class MaterialSpec:
    name: str
    original: bool = True
    copies: int = 1
    required: bool = True
    note: str = ""


@dataclass(frozen=True)
class ItemInfo:
    """Everything a one-time notice prints about a service item, at one version."""

    id: int | None
    code: str
    name: str
    department_id: int
    department: str
    instant: bool
    promised_days: int
    legal_days: int = 0
    fees: str = ""
    steps: tuple[str, ...] = ()
    legal_basis: str = ""
    location: str = ""
    materials: tuple[MaterialSpec, ...] = ()
    version: int = 1
    active: bool = True

    def printed_fields(self) -> dict[str, object]:
        """What a notice prints: a change to any of these makes a new version."""
        d = asdict(self)
        for key in ("id", "version", "active", "department"):
            d.pop(key)
        return d


def _info(item: ServiceItem) -> ItemInfo:
    mats = tuple(
        MaterialSpec(m.name, m.original, m.copies, m.required, m.note)
        for m in item.materials.order_by(ServiceMaterial.position)
    )
    return ItemInfo(item.id, item.code, item.name, item.department_id, item.department.name,
                    item.instant, item.promised_days, item.legal_days, item.fees,
                    tuple(json.loads(item.steps or "[]")), item.legal_basis, item.location,
                    mats, item.version, item.active)


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
    data["materials"] = tuple(MaterialSpec(**m) for m in data["materials"])
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


def validate_item(info: ItemInfo) -> ItemInfo:
    code = clean_text(info.code, "name", required=True, limit=30)
    name = clean_text(info.name, "name", required=True)
    if Department.get_or_none(Department.id == info.department_id) is None:
        raise DomainError("department_not_found", ref=info.department_id)
    mats = tuple(
        MaterialSpec(clean_text(m.name, "material", required=True), bool(m.original),
                     check_int(m.copies, "copies", 0, 99), bool(m.required),
                     clean_text(m.note, "note"))
        for m in info.materials
    )
    return replace(
        info, code=code, name=name, materials=mats,
        promised_days=0 if info.instant else check_int(info.promised_days, "promised_days", 1, 365),
        legal_days=check_int(info.legal_days, "legal_days", 0, 365),
        fees=clean_text(info.fees, "name", limit=200),
        steps=tuple(clean_text(s, "note") for s in info.steps if s.strip()),
        legal_basis=clean_text(info.legal_basis, "description", multiline=True),
        location=clean_text(info.location, "name"),
    )


def save_item(info: ItemInfo, actor_id: int | None = None) -> ItemInfo:
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
            item = ServiceItem.get_or_none(ServiceItem.id == info.id)
            if item is None:
                raise DomainError("item_not_found", ref=info.id)
            changed = _info(item).printed_fields() != info.printed_fields()
            version = item.version + (1 if changed else 0)
        item.code, item.name, item.department = info.code, info.name, info.department_id
        item.instant, item.promised_days, item.legal_days = info.instant, info.promised_days, info.legal_days
        item.fees, item.steps = info.fees, json.dumps(list(info.steps), ensure_ascii=False)
        item.legal_basis, item.location = info.legal_basis, info.location
        item.version, item.active = version, info.active
        item.save()
        audit.record(actor_id, "catalogue.saved", info.code, {"version": version, "changed": changed})
        register.invalidate()
        if changed:
            ServiceMaterial.delete().where(ServiceMaterial.item == item.id).execute()
            ServiceMaterial.insert_many([
                {"item": item.id, "position": i, "name": m.name, "original": m.original,
                 "copies": m.copies, "required": m.required, "note": m.note}
                for i, m in enumerate(info.materials)
            ]).execute()
            saved = _info(item)
            snapshot = asdict(saved)
            ServiceItemVersion.create(item=item.id, version=version, created_at=register.now(),
                                      snapshot=json.dumps(snapshot, ensure_ascii=False))
            return saved
        return _info(item)
