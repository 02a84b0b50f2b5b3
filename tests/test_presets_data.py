"""The bundled organisation presets and demo data are complete and consistent (Qt-free)."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import time
from typing import Any

import pytest

from core.infra.paths import resource_path

PRESET_KEYS = ("service_centre", "bureau", "property_centre", "company", "gas_utility")
REQUIRED_KEYS = {
    "key", "name_zh", "name_en", "sample_org_name", "terms", "kinds", "channels", "limits",
    "windows", "enquiry_phone", "pickup_place", "departments",
}
TERM_KEYS = {"visitor", "first_owner", "handler", "department", "case"}
ALLOWED_KINDS = {
    "inquiry", "application", "complaint", "report", "service_request", "hazard", "accident",
}
ALLOWED_CHANNELS = {"visit", "phone", "letter", "online", "meeting"}
NUMERIC_LIMITS = {
    "max_handovers", "transfer_within_hours", "accept_within_hours", "contact_within_days",
    "notify_within_days", "return_within_days", "warn_hours", "rectification_days",
    "hazard_verify_hours",
}
TIME_LIMITS = {"office_start", "office_end", "lunch_start", "lunch_end"}
ALLOWED_LIMITS = NUMERIC_LIMITS | TIME_LIMITS | {"kind_days"}
DEPARTMENT_KEYS = {"name", "code", "phone", "location", "is_safety"}
LANDLINE = re.compile(r"^0571-[2-9]\d{7}$")
HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
ROLES = {"clerk", "handler", "dept_head", "leader", "safety_officer", "auditor", "admin"}
SUBJECT_MINIMUMS = {
    "inquiry": 15, "complaint": 10, "report": 8, "service_request": 10, "hazard": 6, "accident": 4,
}


def load(name: str) -> Any:
    path = resource_path("presets", name)
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def service_centre() -> dict[str, Any]:
    return load("service_centre.json")


@pytest.fixture(scope="module")
def catalogue() -> list[dict[str, Any]]:
    return load("demo_catalogue.json")


@pytest.fixture(scope="module")
def people() -> dict[str, Any]:
    return load("demo_people.json")


def _hhmm(text: str) -> time:
    assert HHMM.match(text), text
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


# ---- organisation presets ----

@pytest.mark.parametrize("key", PRESET_KEYS)
def test_preset_has_required_keys(key: str) -> None:
    preset = load(f"{key}.json")
    assert REQUIRED_KEYS <= set(preset), REQUIRED_KEYS - set(preset)
    assert preset["key"] == key
    for field in ("name_zh", "name_en", "sample_org_name", "enquiry_phone", "pickup_place"):
        assert isinstance(preset[field], str) and preset[field].strip(), field
    assert set(preset["terms"]) == TERM_KEYS
    assert all(isinstance(v, str) and v.strip() for v in preset["terms"].values())


@pytest.mark.parametrize("key", PRESET_KEYS)
def test_preset_kinds_and_channels_are_known(key: str) -> None:
    preset = load(f"{key}.json")
    kinds, channels = preset["kinds"], preset["channels"]
    assert kinds and set(kinds) <= ALLOWED_KINDS, set(kinds) - ALLOWED_KINDS
    assert channels and set(channels) <= ALLOWED_CHANNELS, set(channels) - ALLOWED_CHANNELS
    assert len(kinds) == len(set(kinds))
    assert len(channels) == len(set(channels))
    # Every organisation registers inquiries and complaints over the counter and the phone.
    assert {"inquiry", "complaint"} <= set(kinds)
    assert {"visit", "phone"} <= set(channels)


@pytest.mark.parametrize("key", PRESET_KEYS)
def test_preset_limits_are_known_and_sane(key: str) -> None:
    preset = load(f"{key}.json")
    limits = preset["limits"]
    assert set(limits) <= ALLOWED_LIMITS, set(limits) - ALLOWED_LIMITS
    for name in NUMERIC_LIMITS & set(limits):
        value = limits[name]
        assert isinstance(value, int | float) and not isinstance(value, bool), name
        assert value >= 0, name
    if "max_handovers" in limits:
        assert isinstance(limits["max_handovers"], int) and limits["max_handovers"] >= 1
    times = {name: _hhmm(limits[name]) for name in TIME_LIMITS & set(limits)}
    if len(times) == len(TIME_LIMITS):
        assert (times["office_start"] < times["lunch_start"] < times["lunch_end"]
                < times["office_end"])
    kind_days = limits.get("kind_days", {})
    assert set(kind_days) <= set(preset["kinds"]), set(kind_days) - set(preset["kinds"])
    for kind, days in kind_days.items():
        assert isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= 60, kind
    if "accident" in kind_days:
        assert kind_days["accident"] == 0  # escalated at once (安全首问)


@pytest.mark.parametrize("key", PRESET_KEYS)
def test_preset_departments(key: str) -> None:
    preset = load(f"{key}.json")
    departments = preset["departments"]
    assert 5 <= len(departments) <= 9
    for dept in departments:
        assert set(dept) == DEPARTMENT_KEYS, dept
        assert dept["name"].strip() and len(dept["name"]) <= 60
        assert isinstance(dept["is_safety"], bool)
        assert LANDLINE.match(dept["phone"]), dept["phone"]
    names = [d["name"] for d in departments]
    assert len(names) == len(set(names)), "department names must be unique"
    codes = [d["code"] for d in departments]
    assert len(codes) == len(set(codes)), "department codes must be unique"
    safety = [d for d in departments if d["is_safety"]]
    assert len(safety) <= 1
    if {"hazard", "accident"} & set(preset["kinds"]):
        assert len(safety) == 1, "hazards and accidents need one safety department"


@pytest.mark.parametrize("key", PRESET_KEYS)
def test_preset_windows(key: str) -> None:
    windows = load(f"{key}.json")["windows"]
    assert windows and len(windows) == len(set(windows))
    assert all(isinstance(w, str) and 0 < len(w) <= 20 for w in windows)


def test_presets_differ(service_centre: dict[str, Any]) -> None:
    presets = [load(f"{key}.json") for key in PRESET_KEYS]
    assert len({p["terms"]["visitor"] for p in presets}) >= 3
    assert len({json.dumps(p["limits"], sort_keys=True) for p in presets}) == len(presets)
    assert "meeting" in load("company.json")["channels"]
    assert "安全管理办公室" in {d["name"] for d in service_centre["departments"] if d["is_safety"]}


# ---- demo catalogue ----

def test_catalogue_size_and_codes(catalogue: list[dict[str, Any]]) -> None:
    assert len(catalogue) >= 32
    codes = [item["code"] for item in catalogue]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"SC-\d{4}", code) for code in codes)
    names = [item["name"] for item in catalogue]
    assert len(names) == len(set(names))
    assert sum(len(name) > 20 for name in names) >= 3  # to exercise wrapping


def test_catalogue_departments_exist(catalogue: list[dict[str, Any]],
                                     service_centre: dict[str, Any]) -> None:
    known = {d["name"] for d in service_centre["departments"]}
    missing = {item["department"] for item in catalogue} - known
    assert not missing, missing


def test_catalogue_time_limits(catalogue: list[dict[str, Any]]) -> None:
    instant = [item for item in catalogue if item["instant"]]
    promised = [item for item in catalogue if not item["instant"]]
    assert len(instant) >= 3 and len(promised) >= 3
    for item in catalogue:
        assert isinstance(item["instant"], bool), item["code"]
        assert isinstance(item["promised_days"], int), item["code"]
        assert isinstance(item["legal_days"], int) and item["legal_days"] >= 0, item["code"]
    for item in instant:
        assert item["promised_days"] == 0, item["code"]
    for item in promised:
        assert 1 <= item["promised_days"] <= 60, item["code"]
        assert item["legal_days"] >= item["promised_days"], item["code"]


def test_catalogue_items_are_complete(catalogue: list[dict[str, Any]]) -> None:
    for item in catalogue:
        code = item["code"]
        assert item["name"].strip() and len(item["name"]) <= 100, code
        assert item["steps"] and all(isinstance(s, str) and s.strip() for s in item["steps"]), code
        assert item["legal_basis"].strip() and "《" in item["legal_basis"], code
        assert item["fees"].strip() and len(item["fees"]) <= 200, code
        assert item["location"].strip() and len(item["location"]) <= 100, code
        materials = item["materials"]
        assert materials, code
        for mat in materials:
            assert set(mat) == {"name", "original", "copies", "required", "note"}, code
            assert mat["name"].strip() and len(mat["name"]) <= 100, code
            assert isinstance(mat["original"], bool) and isinstance(mat["required"], bool), code
            assert isinstance(mat["copies"], int) and 0 <= mat["copies"] <= 99, code
            assert isinstance(mat["note"], str), code
        mat_names = [mat["name"] for mat in materials]
        assert len(mat_names) == len(set(mat_names)), code
    assert any(not mat["original"] for item in catalogue for mat in item["materials"])


# ---- demo people ----

def test_staff_roles(people: dict[str, Any]) -> None:
    staff = people["staff"]
    assert len(staff) >= 14
    roles = Counter(person["role"] for person in staff)
    assert set(roles) <= ROLES, set(roles) - ROLES
    assert roles["leader"] == 2
    assert roles["safety_officer"] == 1
    assert roles["auditor"] == 1
    assert roles["admin"] == 1
    assert roles["dept_head"] >= 1
    assert roles["clerk"] >= 1 and roles["handler"] >= 1


def test_staff_fields(people: dict[str, Any], service_centre: dict[str, Any]) -> None:
    departments = {d["name"]: d for d in service_centre["departments"]}
    windows = set(service_centre["windows"])
    usernames = [person["username"] for person in people["staff"]]
    assert len(usernames) == len(set(usernames))
    for person in people["staff"]:
        assert re.fullmatch(r"[a-z][a-z0-9]{1,39}", person["username"]), person
        assert person["name"].strip() and len(person["name"]) <= 40, person
        assert person["department"] in departments, person
        assert person["window_no"] == "" or person["window_no"] in windows, person
        if person["role"] == "safety_officer":
            assert departments[person["department"]]["is_safety"], person


def test_visitor_material(people: dict[str, Any]) -> None:
    surnames, given = people["visitor_surnames"], people["visitor_given"]
    assert len(surnames) >= 100 and len(set(surnames)) == len(surnames)
    assert len(given) >= 200 and len(set(given)) == len(given)
    assert all(1 <= len(g) <= 2 for g in given)
    units = people["units"]
    assert len(units) >= 40 and len(set(units)) == len(units)
    for kind, minimum in SUBJECT_MINIMUMS.items():
        subjects = people["subjects"][kind]
        assert len(subjects) >= minimum, kind
        assert all(0 < len(s) <= 200 for s in subjects), kind
    assert set(people["subjects"]) <= ALLOWED_KINDS
    assert len(people["results"]) >= 10
    referrals = people["referrals"]
    assert len(referrals) >= 6
    for ref in referrals:
        assert ref["place"].strip() and len(ref["place"]) <= 200
        assert LANDLINE.match(ref["contact"]), ref
