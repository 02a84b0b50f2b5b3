"""A supervisor's part of the day (issue 16): lateness in one unit everywhere and the overdue
list sorted by it, with counts that match their tile; accountability candidates found in the
background as things happen, reviewed many at once with a reason."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from core import register
from core.cases import workflow as wf
from core.cases.due import due_now, due_words
from core.cases.queries import CaseFilter, fetch_rows
from core.dto import Scope
from core.supervision import accountability as acc
from core.supervision.reports import fmt_cell
from gui.desk.case_model import CaseTableModel
from gui.supervision.accountability_dialogs import ConfirmDialog, Decision, DismissDialog
from gui.supervision.accountability_page import AccountabilityPage
from gui.supervision.page import SupervisionPage
from tests.gui_lists import settle
from tests.helpers import walk_in
from tests.test_gui_supervision import cells, open_page, session_for

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

UNIT = re.compile(r"^超期 (\d+ 个工作日)?( ?\d+ 小时)?( ?\d+ 分钟)?$")


# ---- 12. one unit for lateness, sorted, counts that match -------------------------------------

def test_the_overdue_list_says_lateness_in_working_days_and_hours_most_late_first(
        qtbot, org, clock):
    late = []
    for hours in (0, 5, 30):  # registered further and further back
        clock.advance(hours=hours)
        late.append(walk_in(org.clerk, kind="inquiry", name=f"甲{hours}"))
    clock.advance(days=9)
    page = open_page(qtbot, SupervisionPage(session_for(org.leader)), "stats_loaded")
    page.show_tab("超期事项")
    model = page.models["超期事项"]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "超期"
    texts = cells(model, 1)
    assert len(texts) == 3 and all(UNIT.match(t) for t in texts), texts
    shown = [model._row(r)[0][1] for r in range(model.rowCount())]
    assert shown == sorted(shown, reverse=True)  # the most late first
    # The same words as the case list and the detail chip (core.cases.due).
    row = next(r for r in fetch_rows(CaseFilter(scope="all", overdue=True), 0, 10)
               if r.number == cells(model, 0)[0])
    info = due_now(row.status, row.due_at)
    list_model = settle(CaseTableModel(CaseFilter(scope="all"), "zh", load=True, register=register.current()))
    keys = [c.key for c in list_model.columns]
    list_text = next(list_model.data(list_model.index(r, keys.index("due")))
                     for r in range(list_model.rowCount())
                     if list_model.case_id_at(r) == row.id)
    per_day = register.calendar().hours.minutes_per_day
    assert texts[0] == list_text == due_words(info, per_day)


def test_the_overdue_tile_and_its_list_count_the_same(qtbot, org, clock):
    for i in range(4):
        walk_in(org.clerk, kind="inquiry", name=f"乙{i}")
    clock.advance(days=9)
    fresh = walk_in(org.clerk, kind="inquiry", name="丙")  # not late
    page = open_page(qtbot, SupervisionPage(session_for(org.leader)), "stats_loaded")
    tile = page.tiles["overdue"].value.text()
    assert tile == "4" and page.models["超期事项"].rowCount() == 4
    assert page.tabs.tabText(page.tabs.indexOf(page.views["超期事项"])) == "超期事项 (4)"
    assert fresh.id not in {page.models["超期事项"].id_at(r) for r in range(4)}


def test_lateness_cells_print_and_export_in_the_same_words(org):
    per_day = register.calendar().hours.minutes_per_day
    assert fmt_cell(per_day + 180, "late") == "超期 1 个工作日 3 小时"
    assert fmt_cell(2 * per_day, "left", "en") == "2 working days left"


# ---- 13. accountability in the background, reviewed in batches -----------------------------------

@pytest.fixture
def two_late(org, clock):
    """Two walk-ins each handed over 3 hours late (limit: 2 working hours)."""
    refs = [walk_in(org.clerk, Scope("later"), name=n) for n in ("张三", "李四")]
    clock.advance(hours=3)
    for ref in refs:
        wf.transfer(org.clerk, ref.id, org.market)
    return refs


def test_candidates_appear_without_pressing_anything(qtbot, org, two_late, shown):
    page = AccountabilityPage(session_for(org.leader))
    qtbot.addWidget(page)
    assert not hasattr(page, "detect_button")  # nothing to press
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    assert cells(page.model, 0) == ["待审核", "待审核"]
    assert "自动检测" in page.state_label.text()


def test_a_change_in_the_register_is_detected_soon(qtbot, org, clock, shown):
    page = AccountabilityPage(session_for(org.leader))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.swept_at is not None, timeout=10_000)
    assert page.model.rowCount() == 0
    ref = walk_in(org.clerk, Scope("later"))
    clock.advance(hours=3)
    wf.transfer(org.clerk, ref.id, org.market)
    page._last_sweep = float("-inf")  # (the sweep right before is long past)
    with qtbot.waitSignal(page.detected, timeout=10_000) as found:
        page.sweep_soon()  # what the window does when the register changes
    assert found.args == [1]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)


def test_several_candidates_are_confirmed_at_once_with_one_sanction(qtbot, org, two_late,
                                                                    shown, monkeypatch):
    acc.sync_recent()
    page = open_page(qtbot, AccountabilityPage(session_for(org.leader)), "violations_loaded")
    page.table.selectAll()
    assert page.confirm_many_button.text() == "确认所选 (2)…"
    asked: list[int] = []

    def ask(cls, _parent, _session, chosen):
        asked.append(len(chosen))
        return Decision("education", "同一天两次超时移交")

    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(ask))
    with qtbot.waitSignal(page.violations_loaded, timeout=10_000):
        page.confirm_many_button.click()
    assert asked == [2]
    confirmed = acc.list_violations(status="confirmed")
    assert len(confirmed) == 2 and {v.reason for v in confirmed} == {"同一天两次超时移交"}
    assert page.model.rowCount() == 0  # 待审核 is empty now
    assert "已处理 2 条" in page.state_label.text()


def test_several_candidates_are_dismissed_for_one_stated_reason(qtbot, org, two_late, shown,
                                                                monkeypatch):
    acc.sync_recent()
    page = open_page(qtbot, AccountabilityPage(session_for(org.leader)), "violations_loaded")
    page.table.selectAll()
    monkeypatch.setattr(DismissDialog, "ask", classmethod(lambda cls, *a: "系统停电，情有可原"))
    with qtbot.waitSignal(page.violations_loaded, timeout=10_000):
        page.dismiss_many_button.click()
    dismissed = acc.list_violations(status="dismissed")
    assert len(dismissed) == 2 and {v.reason for v in dismissed} == {"系统停电，情有可原"}


def test_a_batch_needs_its_reason(org, two_late):
    acc.sync_recent()
    ids = [v.id for v in acc.list_violations(status="candidate")]
    with pytest.raises(Exception, match="reason|理由|Reason"):
        acc.dismiss_many(org.leader, ids, "  ")
    assert len(acc.list_violations(status="candidate")) == 2  # all or none


def test_the_batch_dialog_lists_what_it_decides(qtbot, org, two_late):
    acc.sync_recent()
    chosen = acc.list_violations(status="candidate")
    dialog = ConfirmDialog(None, session_for(org.leader), chosen)
    qtbot.addWidget(dialog)
    assert any("共 2 条" in label.text() for label in dialog.findChildren(QLabel))


def test_evidence_reads_in_english(org, two_late):
    acc.sync_recent()
    v = acc.list_violations(status="candidate")[0]
    assert v.evidence.startswith("登记 ")
    english = acc.evidence_text(v.evidence, "en")
    assert english.startswith("Registered ") and "limit 2 working hours" in english
    assert not re.search(r"[\u4e00-\u9fff]", english)
