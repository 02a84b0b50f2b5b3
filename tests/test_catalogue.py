"""The catalogue is versioned: a changed item gets a new version, an old case still shows
what its visitor was told (rule 5)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.admin.catalogue import MaterialSpec, get_item, item_at_version, save_item, search_items
from core.cases.detail import case_detail
from core.dto import Scope
from core.errors import DomainError
from tests.helpers import make_item, walk_in


def test_changing_materials_makes_a_new_version_and_old_cases_keep_theirs(org, clock):
    item = make_item(org.market)
    old_case = walk_in(org.clerk, Scope("own"), item_id=item.id)
    changed = replace(item, materials=item.materials + (MaterialSpec("股东会决议", True, 1),))
    v2 = save_item(changed, actor_id=org.admin)
    assert v2.version == 2
    new_case = walk_in(org.clerk, Scope("own"), item_id=item.id)
    assert [m.name for m in case_detail(old_case.id).item.materials] == [
        "《变更登记申请书》", "法定代表人身份证复印件"]
    assert "股东会决议" in [m.name for m in case_detail(new_case.id).item.materials]
    assert item_at_version(item.id, 1).version == 1


def test_saving_without_a_printed_change_keeps_the_version(org, clock):
    item = make_item(org.market)
    again = save_item(replace(item), actor_id=org.admin)
    assert again.version == 1
    fee = save_item(replace(item, fees="每件 10 元"), actor_id=org.admin)
    assert fee.version == 2 and get_item(item.id).fees == "每件 10 元"


def test_only_administrators_edit_the_catalogue(org, clock):
    item = make_item(org.market)
    with pytest.raises(DomainError) as e:
        save_item(replace(item, name="改名"), actor_id=org.clerk)
    assert e.value.code == "role_forbidden"
    assert get_item(item.id).name == "企业名称变更登记"


def test_bad_item_is_refused_at_the_field(org, clock):
    item = make_item(org.market)
    with pytest.raises(DomainError) as e:
        save_item(replace(item, id=None, code="SC-T01"), actor_id=org.admin)
    assert e.value.code == "duplicate"
    with pytest.raises(DomainError) as e:
        save_item(replace(item, id=None, code="SC-NEW", promised_days=0, legal_days=0),
                  actor_id=org.admin)
    assert e.value.field == "promised_days" and "承诺时限或法定时限" in e.value.message()
    with pytest.raises(DomainError) as e:
        save_item(replace(item, materials=(MaterialSpec("  ", True, 1),)), actor_id=org.admin)
    assert e.value.field == "material"


def test_completion_finds_items_by_part_of_name_or_code(org, clock):
    make_item(org.market)
    make_item(org.market, code="SC-T02", name="食品经营许可证核发")
    assert [n for _, _, n in search_items("变更")] == ["企业名称变更登记"]
    assert [n for _, _, n in search_items("SC-T02")] == ["食品经营许可证核发"]
