"""Organisation presets (service centre, bureau, property centre, company, gas utility)."""

from __future__ import annotations

import json
from dataclasses import fields
from functools import cache
from typing import Any

from core.admin.settings import OrgSettings
from core.infra.paths import resource_path

PRESET_KEYS = ("service_centre", "bureau", "property_centre", "company", "gas_utility")


@cache
def load_preset(key: str) -> dict[str, Any]:
    if key not in PRESET_KEYS:
        raise ValueError(f"unknown preset {key!r}; choose one of {', '.join(PRESET_KEYS)}")
    return json.loads(resource_path("presets", f"{key}.json").read_text(encoding="utf-8"))


def preset_settings(key: str) -> OrgSettings:
    """The preset's limits, kinds, channels, terms and slip wording as OrgSettings."""
    p = load_preset(key)
    known = {f.name for f in fields(OrgSettings)}
    values: dict[str, Any] = {k: v for k, v in p.get("limits", {}).items() if k in known}
    values["kinds"] = tuple(p.get("kinds", OrgSettings().kinds))
    values["channels"] = tuple(p.get("channels", OrgSettings().channels))
    values["terms"] = dict(p.get("terms", {}))
    if p.get("windows"):
        values["windows"] = tuple(p["windows"])
    for key_ in ("enquiry_phone", "pickup_place"):
        if p.get(key_):
            values[key_] = p[key_]
    base = OrgSettings()
    raw = json.loads(base.to_json())
    raw.update(values)
    return OrgSettings.from_json(json.dumps(raw, ensure_ascii=False))


def preset_names() -> list[tuple[str, str, str]]:
    """(key, Chinese name, English name) of every preset, for pickers."""
    return [(k, load_preset(k)["name_zh"], load_preset(k)["name_en"]) for k in PRESET_KEYS]


@cache
def demo_catalogue() -> list[dict[str, Any]]:
    return json.loads(resource_path("presets", "demo_catalogue.json").read_text(encoding="utf-8"))


@cache
def demo_people() -> dict[str, Any]:
    return json.loads(resource_path("presets", "demo_people.json").read_text(encoding="utf-8"))
