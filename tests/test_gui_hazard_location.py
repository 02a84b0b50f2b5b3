"""The intake asks where a hazard or accident is (地点), and only then; the 安全隐患报告单
prints it as 隐患地点."""

from __future__ import annotations

import pytest

from core.cases.detail import case_detail
from core.printing.slips import document_for
from gui.forms.intake import IntakePage
from tests.test_gui_forms import open_page, session_for

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


def test_location_is_asked_for_hazards_and_saved(qtbot, sqlite_org, clock):
    page = open_page(qtbot, IntakePage(session_for(sqlite_org.clerk)))
    assert not page.location_edit.isVisible()
    page.kind_box.setCurrentIndex(page.kind_box.findData("hazard"))
    assert page.location_edit.isVisible() and page.location_caption.isVisible()
    page.location_edit.setText("二楼东侧楼梯")
    page.name_edit.setText("张三")
    page.phone_edit.setText("13800138000")
    page.subject_edit.setText("楼梯扶手松动")
    with qtbot.waitSignal(page.case_registered, timeout=5000) as registered:
        assert page.save() is True
    case_id = registered.args[0].id if hasattr(registered.args[0], "id") else registered.args[0]
    assert case_detail(case_id).location == "二楼东侧楼梯"
    assert document_for(case_id, "hazard").location == "二楼东侧楼梯"
    page.kind_box.setCurrentIndex(page.kind_box.findData("inquiry"))
    assert not page.location_edit.isVisible()
    page.location_edit.setText("不应保存")
    assert page.form().location == ""
