"""系统管理 → 数据保留, driven as an administrator would (offscreen): the periods per kind,
the cases past them, and the confirmed, audited clearing of the visitors' identity."""

from __future__ import annotations

from datetime import datetime

import pytest

from core import register
from core.admin.organisation import org_info
from core.admin.staff import get_staff_info
from core.dto import Scope
from gui.admin.page import AdminPage, Prompts
from gui.admin.retention import RetentionTab
from gui.session import Session
from models.tables import AuditLog, Case
from tests.helpers import walk_in

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

NOW = datetime(2026, 11, 26, 9, 30)


def answered(org, clock, when: datetime, kind: str = "inquiry", name: str = "张三") -> int:
    clock.set(when)
    return walk_in(org.clerk, Scope("answered", result="已当场答复"), kind=kind, name=name).id


def tab_for(qtbot, staff_id: int) -> RetentionTab:
    staff = get_staff_info(staff_id)
    tab = RetentionTab(Session(staff, org_info().name, staff.window_no, "zh", "本机"))
    qtbot.addWidget(tab)
    tab.resize(900, 500)
    tab.show()
    qtbot.waitUntil(lambda: tab.status.text() not in ("", "正在统计…"))
    return tab


def row_of(tab: RetentionTab, kind: str) -> int:
    return tab.kinds.index(kind)


def test_the_tab_shows_periods_and_cases_past_them(qtbot, sqlite_org, clock, shown):
    answered(sqlite_org, clock, datetime(2022, 5, 9))  # inquiry: 3 years → past
    answered(sqlite_org, clock, datetime(2025, 5, 9))
    answered(sqlite_org, clock, datetime(2020, 5, 11), kind="complaint")  # 10 years: kept
    clock.set(NOW)
    tab = tab_for(qtbot, sqlite_org.admin)
    assert tab.spins["inquiry"].value() == 3 and tab.spins["complaint"].value() == 10
    assert tab.table.item(row_of(tab, "inquiry"), 2).text() == "1"
    assert tab.table.item(row_of(tab, "complaint"), 2).text() == "0"
    assert tab.status.text() == "共 1 件超期" and tab.run_button.isEnabled()

    tab.spins["complaint"].setValue(5)
    assert tab.save()
    qtbot.waitUntil(lambda: tab.table.item(row_of(tab, "complaint"), 2).text() == "1")
    assert register.org_settings().retention_years == {"complaint": 5}
    assert shown == []


def test_clearing_asks_first_and_is_audited(qtbot, sqlite_org, clock, shown, monkeypatch):
    old = answered(sqlite_org, clock, datetime(2021, 3, 1), name="王五")
    clock.set(NOW)
    tab = tab_for(qtbot, sqlite_org.admin)
    questions: list[str] = []

    def no(cls, parent, title, text):
        questions.append(text)
        return False

    monkeypatch.setattr(Prompts, "confirm", classmethod(no))
    tab.anonymise()
    assert "1 件" in questions[0] and Case.get_by_id(old).visitor_name == "王五"

    monkeypatch.setattr(Prompts, "confirm", classmethod(lambda cls, parent, title, text: True))
    tab.anonymise()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0][1] == "已清除 1 件事项的来访人身份信息。"
    assert Case.get_by_id(old).visitor_name == ""
    assert AuditLog.select().where(AuditLog.action == "retention.anonymised").count() == 1
    qtbot.waitUntil(lambda: tab.status.text() == "没有超期事项")
    assert not tab.run_button.isEnabled()


def test_only_administrators_have_the_tab(qtbot, sqlite_org, clock):
    staff = get_staff_info(sqlite_org.admin)
    page = AdminPage(Session(staff, org_info().name, staff.window_no, "zh", "本机"))
    qtbot.addWidget(page)
    index = page.tabs.indexOf(page.retention_tab)
    assert page.tabs.tabText(index) == "数据保留" and page.tabs.isTabEnabled(index)
