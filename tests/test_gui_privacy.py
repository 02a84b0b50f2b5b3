"""The detail pane protects a complainant's identity and reveals a full phone and ID number
only to a leader or head who states why, with the reveal in the audit log (offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from core.admin.staff import get_staff_info
from core.cases import workflow as wf
from core.dto import Scope
from gui.desk import action_dialogs
from gui.desk.detail_pane import DetailPane
from gui.session import Session
from models.tables import AuditLog
from tests.helpers import walk_in

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


def pane_for(qtbot, staff_id: int) -> DetailPane:
    pane = DetailPane(Session(staff=get_staff_info(staff_id), org_name="测试"))
    qtbot.addWidget(pane)
    pane.resize(1000, 700)
    pane.show()
    return pane


def reveals() -> list[tuple[str, str]]:
    return [(r.target, r.detail) for r in AuditLog.select().where(
        AuditLog.action == "identity.revealed").order_by(AuditLog.id)]


def test_a_complainant_is_masked_for_staff_who_need_not_know(qtbot, sqlite_org, clock):
    org = sqlite_org
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market), kind="complaint",
                  name="张三丰", phone="13912345678", subject="窗口工作人员态度差")
    outsider = pane_for(qtbot, org.tax_handler)
    outsider.show_case(ref.id)
    assert outsider.fields["visitor"].text() == "张** 139****5678"
    assert not outsider.header.reveal_button.isVisible()
    owner = pane_for(qtbot, org.clerk)  # the first owner must be able to call back
    owner.show_case(ref.id)
    assert owner.fields["visitor"].text() == "张三丰 139****5678"
    assert not owner.header.reveal_button.isVisible()  # a clerk may not reveal the phone


def test_a_head_reveals_the_full_phone_with_a_reason_and_it_is_audited(
        qtbot, sqlite_org, clock, monkeypatch):
    org = sqlite_org
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market), name="李四",
                  phone="13812345678")
    wf.accept(org.handler, ref.id)
    pane = pane_for(qtbot, org.head)
    pane.show_case(ref.id)
    assert pane.fields["visitor"].text() == "李四 138****5678"
    assert pane.header.reveal_button.isVisible()

    monkeypatch.setattr(action_dialogs.RevealDialog, "ask",
                        classmethod(lambda cls, parent, initial="": None))
    qtbot.mouseClick(pane.header.reveal_button, Qt.MouseButton.LeftButton)
    assert reveals() == [] and "****" in pane.fields["visitor"].text()  # cancelled: nothing

    monkeypatch.setattr(action_dialogs.RevealDialog, "ask",
                        classmethod(lambda cls, parent, initial="": "回访核实办理结果"))
    qtbot.mouseClick(pane.header.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.fields["visitor"].text() == "李四 13812345678")
    assert not pane.header.reveal_button.isVisible()
    assert reveals() == [(ref.number, "回访核实办理结果")]
    pane.show_case(ref.id)  # shown again: masked again until the next stated reason
    assert pane.fields["visitor"].text() == "李四 138****5678"
    assert pane.header.reveal_button.isVisible()


def test_anonymous_cases_offer_nothing_to_reveal(qtbot, sqlite_org, clock):
    org = sqlite_org
    ref = walk_in(org.clerk, Scope("own"), kind="report", anonymous=True, name="", phone="")
    pane = pane_for(qtbot, org.leader)
    pane.show_case(ref.id)
    assert pane.fields["visitor"].text() == "匿名"
    assert not pane.header.reveal_button.isVisible()
