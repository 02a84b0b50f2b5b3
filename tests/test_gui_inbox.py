"""我的待办 in the window: escalations reach a leader, returns are flagged to the first owner
with the reason, and a hand-over made in another window arrives without refreshing."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QApplication

from core.cases import workflow as wf
from core.dto import Scope
from gui.desk import action_dialogs
from gui.desk.action_dialogs import HandOver
from gui.desk.main_window import MainWindow
from gui.ops import wait_idle
from gui.settings import AppSettings
from tests.gui_lists import row_ids, settle
from tests.gui_window import session_for
from tests.helpers import walk_in


@pytest.fixture
def open_window(qtbot, home, shown):
    windows: list[MainWindow] = []

    def make(staff_id: int) -> MainWindow:
        win = MainWindow(session_for(staff_id), AppSettings())
        qtbot.addWidget(win)
        win.timer.stop()  # only the change watcher may notice other windows' changes
        win.show()
        qtbot.waitUntil(lambda: win.counts is not None)
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.shutdown()
    wait_idle()


def section_ids(win: MainWindow, key: str) -> list[int]:
    win.show_page("inbox")
    win.inbox.show_section(key)
    return row_ids(win.lists["inbox"])


def test_an_automatic_escalation_reaches_a_leader_who_assigns_it(qtbot, sqlite_org, clock,
                                                                 open_window, monkeypatch):
    o = sqlite_org
    ref = walk_in(o.clerk, Scope("transfer", department_id=o.market))
    wf.return_case(o.handler, ref.id, "不属市场监管")
    ref = wf.transfer(o.clerk, ref.id, o.tax)  # the third hand-over: more than two (踢皮球)
    assert ref.status == "escalated"

    leader = open_window(o.leader)
    assert ref.id in section_ids(leader, "to_assign")
    assert leader.inbox.counts["to_assign"].total == 1
    leader.inbox.table.selectRow(0)
    pane = leader.detail
    assert pane.case_id == ref.id and "leader_assign" in pane.action_buttons
    monkeypatch.setattr(action_dialogs.LeaderAssignDialog, "ask",
                        classmethod(lambda cls, *a, **k: HandOver(o.market, o.handler, "请办理")))
    pane.action_buttons["leader_assign"].click()
    qtbot.waitUntil(lambda: leader.inbox.counts.get("to_assign") is not None
                    and leader.inbox.counts["to_assign"].total == 0, timeout=10_000)
    assert section_ids(leader, "to_assign") == []

    handler = open_window(o.handler)
    assert ref.id in section_ids(handler, "to_accept")


def test_a_returned_case_is_flagged_to_its_first_owner_with_the_reason(qtbot, sqlite_org,
                                                                      clock, open_window):
    o = sqlite_org
    ref = walk_in(o.clerk, Scope("transfer", department_id=o.tax))
    wf.return_case(o.tax_handler, ref.id, "该事项属市场监管，非税务职责")
    clerk = open_window(o.clerk)
    assert clerk.inbox.current_section == "returned"  # opens where something waits
    assert clerk.inbox.counts["returned"].total == 1
    assert clerk._items["inbox"].text().startswith("我的待办 (1)")
    model = settle(clerk.lists["inbox"])
    assert model.rowCount() == 1 and model.is_new(model.line(0).row)  # marked new
    clerk.inbox.table.selectRow(0)
    banner = clerk.detail.header.returned_banner
    assert banner.isVisible() and "非税务职责" in banner.text() and "吴九" in banner.text()
    row = model.line(0).row
    assert row.department == "综合受理窗口"  # with the first owner again, not 税务窗口


@pytest.mark.slow  # a whole register swept, or pages decoded, or a wait across windows
def test_a_transfer_in_another_window_arrives_without_refreshing(qtbot, org, clock,
                                                                open_window):
    """The receiver's window hears of it (SQLite change counter / PostgreSQL NOTIFY) —
    the 30-second count is switched off here."""
    o = org
    receiver = open_window(o.handler)
    assert receiver.inbox.counts.get("to_accept") is None or \
        receiver.inbox.counts["to_accept"].total == 0
    ref = walk_in(o.clerk)  # "another window": core, on its own connection
    started = time.monotonic()
    wf.transfer(o.clerk, ref.id, o.market, o.handler, "请签收")
    qtbot.waitUntil(lambda: receiver.inbox.counts.get("to_accept") is not None
                    and receiver.inbox.counts["to_accept"].total == 1, timeout=30_000)
    took = time.monotonic() - started
    assert "新的待办：待我签收 1 件" in receiver.statusBar().currentMessage()
    assert took < 30
    QApplication.processEvents()
