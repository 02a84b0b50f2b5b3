"""core/admin/staff_admin.py without Qt: editing staff and departments, the last-administrator guard,
settings checks, presets, and the automatic-backup choice."""

from __future__ import annotations

import pytest

from core import register
from core.admin.organisation import org_info, save_settings
from core.admin.staff import create_staff, get_staff_info, list_departments, sign_in
from core.admin.staff_admin import (
    AdminError,
    apply_preset,
    auto_backup_settings,
    check_item_texts,
    check_org_info,
    check_settings,
    has_history,
    save_auto_backup,
    set_staff_active,
    update_department,
    update_staff,
)
from core.errors import DomainError, ValidationError
from core.vocab import ADMIN
from models.tables import AuditLog
from tests.conftest import PASSWORD
from tests.helpers import walk_in


def test_update_staff_changes_role_department_window_and_is_audited(org):
    info = update_staff(org.admin, org.clerk, name="王五五", role="handler",
                        department_id=org.market, window_no="9号窗口")
    assert (info.name, info.role, info.department, info.window_no) == (
        "王五五", "handler", "市场监管窗口", "9号窗口")
    row = AuditLog.select().where(AuditLog.action == "staff.changed").get()
    assert row.target == "wangwu" and "handler" in row.detail
    assert sign_in("wangwu", PASSWORD).role == "handler"


def test_update_staff_refuses_bad_input_at_the_field(org):
    with pytest.raises(ValidationError) as err:
        update_staff(org.admin, org.clerk, name=" ", role="clerk", department_id=org.front)
    assert err.value.field == "visitor_name"
    with pytest.raises(ValidationError) as err:
        update_staff(org.admin, org.clerk, name="王五", role="king", department_id=org.front)
    assert err.value.field == "role"
    with pytest.raises(ValidationError) as err:
        update_staff(org.admin, org.clerk, name="王五", role="clerk", department_id=org.front,
                     window_no="窗" * 21)
    assert err.value.field == "window_no" and "窗口" in err.value.message()
    with pytest.raises(DomainError) as err:
        update_staff(org.admin, org.clerk, name="王五", role="clerk", department_id=9999)
    assert err.value.code == "department_not_found"


def test_only_an_administrator_edits_staff(org):
    with pytest.raises(DomainError) as err:
        update_staff(org.clerk, org.clerk2, name="赵六", role="admin", department_id=org.front)
    assert err.value.code == "role_forbidden"
    assert get_staff_info(org.clerk2).role == "clerk"


def test_the_last_administrator_cannot_be_demoted_or_deactivated(org):
    with pytest.raises(AdminError) as err:
        update_staff(org.admin, org.admin, name="管理员", role="clerk", department_id=None)
    assert "至少要保留一名" in err.value.message()
    with pytest.raises(AdminError) as err:
        set_staff_active(org.admin, org.admin, False)
    assert err.value.code == "own_account"
    second = create_staff("admin2", "副管理员", ADMIN, PASSWORD).id
    set_staff_active(org.admin, second, False)
    with pytest.raises(AdminError) as err:
        set_staff_active(org.admin, org.admin, False)
    with pytest.raises(DomainError) as err:
        set_staff_active(second, org.admin, False)  # an inactive administrator cannot act
    assert err.value.code == "inactive_staff"
    set_staff_active(org.admin, second, True)
    set_staff_active(second, org.admin, False)
    assert not get_staff_info(org.admin).active


def test_history_decides_delete_or_deactivate(org):
    assert not has_history(org.clerk2)
    walk_in(org.clerk2)
    assert has_history(org.clerk2)


def test_update_department_renames_and_refuses_deactivating_a_staffed_one(org):
    dep = update_department(org.admin, org.tax, name="税务服务窗口", code="TAX", phone="0571-88000000",
                            location="一楼", is_safety=False)
    assert (dep.name, dep.code, dep.location) == ("税务服务窗口", "TAX", "一楼")
    with pytest.raises(DomainError) as err:
        update_department(org.admin, org.tax, name="市场监管窗口")
    assert err.value.code == "duplicate" and err.value.field == "name"
    with pytest.raises(AdminError) as err:
        update_department(org.admin, org.tax, name="税务服务窗口", active=False)
    assert err.value.field == "active" and "1 名在岗人员" in err.value.message()
    set_staff_active(org.admin, org.tax_handler, False)
    update_department(org.admin, org.tax, name="税务服务窗口", active=False)
    assert "税务服务窗口" not in [d.name for d in list_departments()]


def test_check_settings_names_the_field():
    from core.admin.settings import OrgSettings

    ok = check_settings(OrgSettings(windows=(" 1号窗口 ", "", "2号窗口")))
    assert ok.windows == ("1号窗口", "2号窗口")
    with pytest.raises(ValidationError) as err:
        check_settings(OrgSettings(max_handovers=0))
    assert err.value.field == "max_handovers" and "最多转办退回次数" in err.value.message()
    with pytest.raises(AdminError) as err:
        check_settings(OrgSettings(lunch_start="14:00"))
    assert err.value.field == "office_end"
    with pytest.raises(AdminError) as err:
        check_settings(OrgSettings(windows=("  ",)))
    assert err.value.field == "windows"
    with pytest.raises(ValidationError) as err:
        check_settings(OrgSettings(kind_days={"inquiry": -1}))
    assert err.value.field == "kind_days.inquiry"


def test_apply_preset_changes_limits_and_profile_but_keeps_wording(org):
    current = register.org_settings()
    save_settings(org.admin, current.with_changes(enquiry_phone="0571-12345", slip_footer="谢谢"))
    save_auto_backup(org.admin, True, "/tmp/bk", 5)
    info = apply_preset(org.admin, "gas_utility")
    assert info.profile == "gas_utility"
    assert info.settings.enquiry_phone == "0571-12345" and info.settings.slip_footer == "谢谢"
    assert info.settings.auto_backup["keep"] == 5 and auto_backup_settings().keep == 5
    with pytest.raises(ValidationError):
        apply_preset(org.admin, "zoo")
    with pytest.raises(DomainError):
        apply_preset(org.clerk, "bureau")


def test_auto_backup_choice_round_trips_and_survives_a_settings_save(org):
    assert not auto_backup_settings().enabled
    with pytest.raises(AdminError) as err:
        save_auto_backup(org.admin, True, "", 7)
    assert err.value.field == "folder"
    with pytest.raises(ValidationError):
        save_auto_backup(org.admin, True, "/tmp/x", 0)
    with pytest.raises(DomainError):
        save_auto_backup(org.clerk, True, "/tmp/x", 7)
    saved = save_auto_backup(org.admin, True, "/tmp/x", 3)
    assert saved.runs_here()
    save_settings(org.admin, register.org_settings().with_changes(pickup_place="一楼"), name="新名")
    again = auto_backup_settings()
    assert (again.enabled, again.folder, again.keep) == (True, "/tmp/x", 3)
    assert org_info().name == "新名"


def test_item_and_organisation_texts_are_named_by_their_own_field():
    from core.admin.catalogue import ItemInfo

    item = ItemInfo(None, "SC-1", "名称", 1, "", False, 3, fees="收" * 201)
    with pytest.raises(ValidationError) as err:
        check_item_texts(item)
    assert err.value.field == "fees" and "收费标准不能超过 200" in err.value.message()
    with pytest.raises(ValidationError) as err:
        check_item_texts(ItemInfo(None, " ", "名称", 1, "", False, 3))
    assert err.value.field == "code" and "事项编码" in err.value.message()
    assert check_org_info(" 某中心 ", "", "0571-1") == ("某中心", "", "0571-1")
    with pytest.raises(ValidationError) as err:
        check_org_info("某中心", "路" * 201, "")
    assert err.value.field == "address"
