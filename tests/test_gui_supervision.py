"""监督统计, 责任追究 and 审计记录 as a leader or department head uses them (offscreen): the
figures of a hand-made month, detection and review, exports, and a read-only audit view."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from core import audit
from core.cases import workflow as wf
from core.dto import Scope
from core.supervision import accountability as acc
from gui.desk.main_window import MainWindow
from gui.ops import wait_idle
from gui.session import Session
from gui.settings import AppSettings
from gui.supervision import accountability_page, audit_page
from gui.supervision import page as supervision
from gui.supervision.accountability_dialogs import (
    CommendDialog,
    CommendInput,
    ComplaintDialog,
    ComplaintInput,
    ConfirmDialog,
    Decision,
    DismissDialog,
    FileDialogs,
    PdfPreviewDialog,
)
from gui.supervision.accountability_page import AccountabilityPage
from gui.supervision.audit_page import AuditPage, CaseEventModel
from gui.supervision.page import SupervisionPage
from models.database import db, is_sqlite
from tests.gui_window import deliver_posted, session_for
from tests.helpers import walk_in
from tests.month_data import build_month

pytestmark = [pytest.mark.usefixtures("home"),
              pytest.mark.qt_log_ignore(r"This plugin does not support")]


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    """Answer the save dialog with a file in tmp_path (STYLE habit 8: no dialog blocks)."""
    def answer(name: str) -> None:
        monkeypatch.setattr(FileDialogs, "save_path",
                            classmethod(lambda cls, *_args: str(tmp_path / name)))
    return answer


def open_page(qtbot, page, signal: str):
    qtbot.addWidget(page)
    page.resize(1300, 820)
    with qtbot.waitSignal(getattr(page, signal), timeout=10_000):
        page.show()
    return page


def cells(model, column: int) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


# ---- 监督统计 -------------------------------------------------------------------------------

@pytest.fixture
def month(org, clock):
    return build_month(org, clock)  # the clock stays at 2026-12-01 14:00: 上月 is November


def last_month(qtbot, page: SupervisionPage) -> None:
    with qtbot.waitSignal(page.stats_loaded, timeout=10_000):
        page.period_picker.mode.setCurrentIndex(page.period_picker.mode.findData("last"))
    assert page.period().start == date(2026, 11, 1)


def test_period_presets_cover_months_quarters_and_years():
    from gui.supervision.widgets import preset_period

    today = date(2026, 11, 26)
    assert preset_period("this", today) == (date(2026, 11, 1), date(2026, 11, 30))
    assert preset_period("last", date(2026, 1, 15)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert preset_period("quarter", today) == (date(2026, 10, 1), date(2026, 12, 31))
    assert preset_period("quarter", date(2026, 2, 3)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert preset_period("year", today) == (date(2026, 1, 1), date(2026, 12, 31))
    assert preset_period("last_year", today) == (date(2025, 1, 1), date(2025, 12, 31))


def test_this_year_counts_every_month_of_it(qtbot, org, month, shown):
    page = open_page(qtbot, SupervisionPage(session_for(org.leader)), "stats_loaded")
    with qtbot.waitSignal(page.stats_loaded, timeout=10_000):
        page.period_picker.mode.setCurrentIndex(page.period_picker.mode.findData("year"))
    assert (page.period().start, page.period().end) == (date(2026, 1, 1), date(2026, 12, 31))
    # October (H), November (A–G, J) and December (I): every case of the hand-made year
    assert page.tiles["registered"].value.text() == "10"


def test_tiles_tables_and_charts_show_the_known_month(qtbot, org, month, shown):
    page = open_page(qtbot, SupervisionPage(session_for(org.leader)), "stats_loaded")
    last_month(qtbot, page)
    tile = {k: (t.value.text(), t.detail.text()) for k, t in page.tiles.items()}
    assert tile["registered"][0] == "8"
    assert tile["resolved"] == ("4", "按时 3 · 超期 1")
    assert tile["on_time"] == ("75.0%", "3 / 4")
    assert tile["accept"][0] == "130 分钟" and "P90 240 分钟" in tile["accept"][1]
    assert tile["resolve"][0] == "37.8 小时" and "P90 95.0 小时" in tile["resolve"][1]
    assert tile["once"] == ("87.5%", "平均 1.12 次/件")
    assert tile["satisfaction"][0] == "66.7%"
    assert tile["overdue"][0] == "2"  # E and H, as of now
    deps = page.models["按部门"]
    assert cells(deps, 0) == ["综合受理窗口", "市场监管窗口", "合计"]
    assert cells(deps, 6)[-1] == "75.0%"  # 按时办结率 of the total row
    assert page.tabs.tabText(2) == "超期事项 (2)"
    chart = page.charts["department"].chart()
    assert chart is not None and len(chart.series()) == 1
    assert "66.7%" in page.charts["evaluation"].title_text()
    assert "2026年11月" in page.state_label.text() and shown == []


def test_overdue_list_double_click_opens_the_case(qtbot, org, month, shown):
    page = open_page(qtbot, SupervisionPage(session_for(org.leader)), "stats_loaded")
    last_month(qtbot, page)
    page.tiles["overdue"].clicked.emit()
    assert page.current_sheet() == "超期事项"
    view, model = page.views["超期事项"], page.models["超期事项"]
    assert cells(model, 0) == [month["H"].number, month["E"].number]  # most overdue first
    with qtbot.waitSignal(page.case_activated) as opened:
        view.activated.emit(model.index(1, 0))
    assert opened.args == [month["E"].id]


def test_department_head_sees_only_their_department(qtbot, org, month, shown):
    page = open_page(qtbot, SupervisionPage(session_for(org.head)), "stats_loaded")
    last_month(qtbot, page)
    assert not page.department_box.isEnabled()
    assert page.department_box.currentText() == "市场监管窗口"
    assert page.tiles["registered"].value.text() == "3"
    assert cells(page.models["按部门"], 0) == ["市场监管窗口", "合计"]


def test_excel_export_has_chinese_headers(qtbot, org, month, shown, save_to, tmp_path):
    page = open_page(qtbot, SupervisionPage(session_for(org.leader)), "stats_loaded")
    last_month(qtbot, page)
    save_to("统计")  # no suffix typed: .xlsx is added
    with qtbot.waitSignal(page.exported, timeout=10_000) as done:
        page.export_all()
    assert done.args == [str(tmp_path / "统计.xlsx")]
    book = load_workbook(tmp_path / "统计.xlsx")
    assert {"概况", "按部门", "按人员", "超期事项"} <= set(book.sheetnames)
    head = [c.value for c in next(book["按部门"].iter_rows(min_row=3, max_row=3))]
    assert head[:2] == ["承办部门", "登记"] and "按时办结率" in head
    save_to("按部门.xlsx")
    page.show_tab("按部门")
    with qtbot.waitSignal(page.exported, timeout=10_000):
        page.export_current()
    assert load_workbook(tmp_path / "按部门.xlsx").sheetnames == ["按部门"]


def test_monthly_report_pdf_is_written_and_previewed(qtbot, org, month, shown, save_to, tmp_path,
                                                     monkeypatch):
    page = open_page(qtbot, SupervisionPage(session_for(org.leader)), "stats_loaded")
    last_month(qtbot, page)
    save_to("report.pdf")
    with qtbot.waitSignal(page.exported, timeout=20_000):
        page.save_report()
    data = (tmp_path / "report.pdf").read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5_000
    page.preview_report()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=20_000)
    preview: PdfPreviewDialog = page.preview  # a child of the page, deleted on close
    assert preview.document.pageCount() >= 1 and preview.pdf.startswith(b"%PDF")
    preview.close()


class FakeWindow(QWidget):
    """What register_pages needs of the main window: the session, add_page and show_case."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.pages: list[tuple[str, str, str]] = []
        self.opened: list[int] = []

    def add_page(self, key, title, widget, shortcut=None, *, menu=None):
        self.pages.append((key, title, shortcut))
        self.widgets = [*getattr(self, "widgets", []), widget]

    def show_case(self, case_id: int) -> None:
        self.opened.append(case_id)


def test_a_clerk_gets_none_of_these_pages_a_leader_all_three(qtbot, org, shown):
    def pages_of(staff_id: int) -> list[tuple[str, str, str]]:
        window = FakeWindow(session_for(staff_id))
        qtbot.addWidget(window)  # the pages are its children
        for module in (supervision, accountability_page, audit_page):
            module.register_pages(window)
        return window.pages

    assert pages_of(org.clerk) == [] and pages_of(org.handler) == []
    assert pages_of(org.leader) == [("supervision", "监督统计", "Ctrl+4"),
                                    ("accountability", "责任追究", "Ctrl+5"),
                                    ("audit", "审计记录", "Ctrl+6")]
    fake = FakeWindow(session_for(org.leader))
    qtbot.addWidget(fake)
    supervision.register_pages(fake)
    fake.widgets[0].case_activated.emit(7)  # a double-clicked overdue case opens in the window
    assert fake.opened == [7]
    assert [p[0] for p in pages_of(org.head)] == ["supervision", "accountability"]
    assert [p[0] for p in pages_of(org.auditor)] == ["supervision", "audit"]
    window = MainWindow(session_for(org.leader), AppSettings())  # wired in for real
    qtbot.addWidget(window)
    texts = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert {"监督统计    Ctrl+4", "责任追究    Ctrl+5", "审计记录    Ctrl+6"} <= set(texts)
    clerk = MainWindow(session_for(org.clerk), AppSettings())
    qtbot.addWidget(clerk)
    assert not {"监督统计", "责任追究", "审计记录"} & {
        clerk.nav.item(i).text().split()[0] for i in range(clerk.nav.count())}
    for w in (window, clerk):
        w.shutdown()
    wait_idle()


# ---- 责任追究 -------------------------------------------------------------------------------

@pytest.fixture
def late(org, clock):
    """A walk-in handed over 3 hours late (limit: 2 working hours) — a late_transfer."""
    ref = walk_in(org.clerk, Scope("later"))
    clock.advance(hours=3)
    wf.transfer(org.clerk, ref.id, org.market)
    return ref


def detect(qtbot, page: AccountabilityPage) -> None:
    """Detection runs by itself (no button): at start, every minute and after changes."""
    page.sweep()
    qtbot.waitUntil(lambda: page.swept_at is not None and not page._sweeping, timeout=10_000)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not page._running, timeout=10_000)


def test_detection_lists_a_late_handover_with_its_evidence(qtbot, org, late, shown):
    page = open_page(qtbot, AccountabilityPage(session_for(org.leader)), "violations_loaded")
    assert page.model.rowCount() == 0
    detect(qtbot, page)
    assert cells(page.model, 3) == ["未及时移交"]
    assert cells(page.model, 1) == ["王五"] and cells(page.model, 0) == ["待审核"]
    panel = page.panel
    assert "登记 11-26 09:30，移交 11-26 12:30" in panel.fields["evidence"].text()
    assert panel.fields["case"].text() == late.number
    assert panel.confirm_button.isVisible() and panel.dismiss_button.isVisible()
    steps = [row[2] for row in panel.timeline.rows()]
    assert steps == ["登记", "转办"]  # the case's history beside the evidence
    assert "自动检测新增 1 条待审核" in page.state_label.text()


def test_confirming_with_a_sanction_changes_the_status(qtbot, org, late, shown, monkeypatch):
    page = open_page(qtbot, AccountabilityPage(session_for(org.leader)), "violations_loaded")
    detect(qtbot, page)
    with qtbot.waitSignal(page.violations_loaded):
        page.status_box.setCurrentIndex(page.status_box.findData(None))  # 全部状态
    monkeypatch.setattr(ConfirmDialog, "ask",
                        classmethod(lambda cls, *a: Decision("education", "首次，批评教育")))
    with qtbot.waitSignal(page.violations_loaded, timeout=10_000):
        page.panel.confirm_button.click()
    assert cells(page.model, 0) == ["已确认"] and cells(page.model, 7) == ["批评教育"]
    assert not page.panel.confirm_button.isVisible()
    [v] = acc.list_violations(status="confirmed")
    assert (v.sanction, v.reason, v.rule) == ("education", "首次，批评教育", "late_transfer")


def test_dismissing_needs_a_reason_at_the_field(qtbot, org, late, shown, monkeypatch):
    acc.sync_candidates(datetime(2026, 11, 1))
    [v] = acc.list_violations(status="candidate")
    dialog = DismissDialog(None, session_for(org.leader), v)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert dialog.message.isVisible() and dialog.message.text() == "请填写驳回理由。"
    assert dialog.result() == 0 and dialog.isVisible()
    dialog.reason.setPlainText("系统停电，情有可原")
    ok.click()
    assert not dialog.isVisible() and dialog.result() == 1
    page = open_page(qtbot, AccountabilityPage(session_for(org.leader)), "violations_loaded")
    monkeypatch.setattr(DismissDialog, "ask", classmethod(lambda cls, *a: "系统停电，情有可原"))
    with qtbot.waitSignal(page.violations_loaded, timeout=10_000):
        page.panel.dismiss_button.click()
    assert page.model.rowCount() == 0  # gone from 待审核
    assert acc.list_violations(status="dismissed")[0].reason == "系统停电，情有可原"


def test_complaint_and_commendation_reach_the_accountability_list(qtbot, org, clock, shown,
                                                                  monkeypatch, save_to, tmp_path):
    ref = walk_in(org.clerk, Scope("own"))
    page = open_page(qtbot, AccountabilityPage(session_for(org.head)), "violations_loaded")
    assert page.department_box.currentText() == "市场监管窗口" and not page.department_box.isEnabled()
    dialog = ComplaintDialog(None, session_for(org.head))  # a head picks from their own staff
    qtbot.addWidget(dialog)
    names = [dialog.staff.itemText(i) for i in range(dialog.staff.count())]
    assert "李四" in names and "王五" not in names
    dialog.number.setText("20261126-9999")
    assert dialog.look_up() == "找不到事项 20261126-9999。"
    dialog.number.setText(ref.number)
    assert dialog.look_up() == "" and dialog.case_id == ref.id
    monkeypatch.setattr(ComplaintDialog, "ask", classmethod(lambda cls, *a: ComplaintInput(
        org.handler, "forbidden_phrase", "对办事人说“不归我管”", "circular", ref.id)))
    with qtbot.waitSignal(page.violations_loaded, timeout=10_000):
        page.complaint_button.click()
    assert cells(page.model, 3) == ["被投诉查实"] and cells(page.model, 0) == ["已确认"]
    monkeypatch.setattr(CommendDialog, "ask", classmethod(lambda cls, *a: CommendInput(
        org.handler2, "主动延时服务，群众送锦旗", None)))
    page.commend_button.click()
    qtbot.waitUntil(lambda: "表扬已登记" in page.state_label.text(), timeout=10_000)
    save_to("问责清单.xlsx")
    with qtbot.waitSignal(page.exported, timeout=10_000):
        page.export_button.click()
    book = load_workbook(tmp_path / "问责清单.xlsx")
    rows = [tuple(r) for r in book["责任追究"].iter_rows(min_row=3, values_only=True)]
    assert rows[0][:3] == ("部门", "责任人", "情形") and rows[1][1:3] == ("李四", "被投诉查实")
    praise = list(book["表扬"].iter_rows(min_row=4, values_only=True))
    assert praise[0][1] == "孙七"
    save_to("问责清单.pdf")
    with qtbot.waitSignal(page.exported, timeout=20_000):
        page.save_list()
    assert (tmp_path / "问责清单.pdf").read_bytes().startswith(b"%PDF")


# ---- 审计记录 -------------------------------------------------------------------------------

def test_audit_view_shows_every_event_read_only(qtbot, qtmodeltester, org, late, clock, shown):
    wf.accept(org.handler, late.id)
    page = AuditPage(session_for(org.leader))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.events.counted, timeout=10_000):
        page.show()
    model = page.events
    assert cells(model, 2) == ["签收", "转办", "登记"]  # newest first
    assert cells(model, 3) == ["李四", "王五", "王五"]
    assert page.count_label.text() == "共 3 条"
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            index = model.index(r, c)
            assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
            assert not model.setData(index, "改", Qt.ItemDataRole.EditRole)
    assert page.event_view.editTriggers() == page.event_view.EditTrigger.NoEditTriggers
    with qtbot.waitSignal(model.counted, timeout=10_000):
        page.event_staff.select_staff(org.handler)
    assert cells(model, 2) == ["签收"]
    qtmodeltester.check(model)
    log = page.log_model
    assert log.rowCount() >= 1 and not log.flags(log.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    qtmodeltester.check(log)


def test_case_event_model_pages_beyond_the_first(qtbot, qtmodeltester, org, clock, monkeypatch):
    import gui.supervision.audit_page as ap

    monkeypatch.setattr(ap, "PAGE_SIZE", 4)
    for _ in range(5):
        walk_in(org.clerk, Scope("own"))  # 5 registrations, 5 events (+ taken per own scope)
    model = CaseEventModel(background=False)
    model.set_filter(ap.AuditFilter(types=("registered",)))
    assert model.rowCount() == 5 and model.total() == 5
    numbers = cells(model, 1)
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == 5
    qtmodeltester.check(model)


def test_verify_reports_intact_then_an_altered_row(qtbot, org, clock, shown):
    walk_in(org.clerk, Scope("own"))
    page = AuditPage(session_for(org.auditor))
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.verified, timeout=10_000):
        page.verify_button.click()
    n = audit.verify().rows
    assert page.verify_label.text() == f"共 {n} 条，全部完整"
    # Someone with direct database access edits a row behind the program's back.
    if is_sqlite():
        db.execute_sql("DROP TRIGGER audit_log_no_update")
    else:
        db.execute_sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    try:
        db.execute_sql("UPDATE audit_log SET detail = 'changed' WHERE id = 1")
    finally:
        if not is_sqlite():
            db.execute_sql("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
    with qtbot.waitSignal(page.verified, timeout=10_000):
        page.verify_button.click()
    assert "发现 1 条" in page.verify_label.text() and "序号：1" in page.verify_label.text()
    row = next(r for r in range(page.log_model.rowCount()) if page.log_model.rows[r].id == 1)
    assert page.log_model.data(page.log_model.index(row, 0), Qt.ItemDataRole.ForegroundRole)


# ---- 导出本期事项登记簿: streamed behind a progress dialog with 取消 -------------------------

def test_the_periods_register_is_exported_with_progress(qtbot, org, month, save_to, tmp_path):
    page = open_page(qtbot, SupervisionPage(session_for(org.leader)), "stats_loaded")
    last_month(qtbot, page)
    save_to("登记簿")
    with qtbot.waitSignal(page.exported, timeout=15_000) as done:
        page.export_register()
    assert done.args == [str(tmp_path / "登记簿.xlsx")]
    ws = load_workbook(tmp_path / "登记簿.xlsx").active
    assert ws["A1"].value == "事项登记簿 2026年11月（全部部门）" and ws.max_row == 3 + 8
    assert page.register_export.last == (8, 8) and not page.register_export.isVisible()
    assert "已保存" in page.state_label.text()


def test_cancel_stops_the_register_export_and_leaves_nothing(qtbot, org, month, save_to,
                                                             tmp_path, monkeypatch):
    import threading

    from PySide6.QtWidgets import QPushButton

    from core import exports
    from gui.ops import wait_idle

    page = open_page(qtbot, SupervisionPage(session_for(org.leader)), "stats_loaded")
    last_month(qtbot, page)
    save_to("登记簿.xlsx")
    started, real = threading.Event(), exports.export_register

    def slow(*args, progress, **kwargs):
        def step(done: int, total: int) -> None:
            progress(done, total)
            started.set()
            page.register_export.cancelled.wait(10)  # the clerk presses 取消 meanwhile
            progress(done, total)

        return real(*args, progress=step, **kwargs)

    monkeypatch.setattr(exports, "export_register", slow)
    errors = []
    monkeypatch.setattr("gui.widgets.export_progress.show_error", lambda *a: errors.append(a))
    page.export_register()
    qtbot.waitUntil(started.is_set, timeout=10_000)
    page.register_export.findChild(QPushButton).click()  # 取消
    assert wait_idle(10_000)
    deliver_posted()
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob(".firstdesk-*"))
    assert errors == [] and not audit.rows(action="export.register")
    assert "已保存" not in page.state_label.text() and not page.register_export.isVisible()
