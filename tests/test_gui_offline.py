"""The window when its PostgreSQL server stops (a server of the test's own): it says it
registers offline and what waits for the server, the intake saves under a provisional
number, a step on a case is refused with the reason, and when the server is back the
journal is replayed, the result listed, and a scan of the provisional number opens the
case under its final number."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from core import register
from core.admin.staff import get_staff_info
from core.dto import Scope
from core.offline import mode
from core.offline.numbers import is_provisional
from gui.desk.main_window import MainWindow
from gui.offline.dialogs import SyncResultDialog
from gui.session import Session
from tests.conftest import make_org
from tests.gui_window import close_offline_window
from tests.helpers import make_item, walk_in
from tests.pg_private import private_server

pytestmark = [pytest.mark.slow, pytest.mark.own_pg_server]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with private_server(tmp_path_factory.mktemp("pg")) as srv:
        srv.psql("CREATE DATABASE gui_offline")
        yield srv


@pytest.fixture
def desk(server, tmp_path, monkeypatch, qtbot):
    monkeypatch.setenv("FIRSTDESK_HOME", str(tmp_path / "home"))
    register.open_register(server.url(database="gui_offline"))
    from models.migrations import truncate_all

    truncate_all()
    register.invalidate()
    org = make_org()
    item = make_item(org.market)
    earlier = walk_in(org.clerk, Scope("transfer", department_id=org.market))
    staff = get_staff_info(org.clerk)
    w = MainWindow(Session(staff, "测试市政务服务中心", staff.window_no))
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    offline = w.watch.offline
    qtbot.waitUntil(lambda: offline.ready and mode.copy_time() is not None, timeout=15000)
    qtbot.waitUntil(lambda: not offline._refreshing, timeout=15000)
    yield w, org, item, earlier
    close_offline_window(w)


def _fill_intake(w, item_id: int, subject: str) -> None:
    page = w.pages["intake"]
    w.show_page("intake")
    page.phone_edit.setText("13912345678")
    page.name_edit.setText("离线访客")
    page.item_edit.choose(item_id, "企业名称变更登记")
    page.subject_edit.setText(subject)


def test_the_window_registers_offline_and_syncs_when_the_server_is_back(desk, server, qtbot,
                                                                      shown):
    w, org, item, earlier = desk
    server.stop()
    try:
        w.refresh_counts()  # the next background count finds the server gone
        qtbot.waitUntil(lambda: w.notice.isVisible() and "离线登记" in w.notice.label.text(),
                        timeout=15000)
        assert mode.is_offline()
        text = w.notice.label.text()
        assert "新登记（F2）" in text and "签收、转办、办结等办理操作需等服务器恢复" in text
        assert w.watch.offline.status.text().startswith("离线")
        _fill_intake(w, item.id, "离线登记的营业执照变更")
        page = w.pages["intake"]
        assert page.save()
        qtbot.waitUntil(lambda: page.confirmation.number != "", timeout=15000)
        provisional = page.confirmation.number
        assert is_provisional(provisional) and "临时编号" in page.confirmation.text()
        assert w.watch.offline.status.text() == "离线 · 待同步 1 件"
        # The case is on the window's lists (the local copy), printable like any other.
        from core.printing.slips import document_for

        assert document_for(page.confirmation.case_id, "receipt").provisional_note
        # A step on an existing case waits for the server, and the window says why.
        from core.cases import workflow as wf
        from gui.errors import show_error
        from models.database import StorageError

        with pytest.raises(StorageError) as e:
            wf.urge(org.clerk, earlier.id, "催办")
        show_error(w, e.value, "zh")
        assert "离线登记状态" in shown[-1][1]
        # On screen the case's steps wait (disabled, saying why); its slips still print.
        w.show_page("all")
        w.show_case(earlier.id)
        qtbot.waitUntil(lambda: w.detail.case_id == earlier.id, timeout=5000)
        buttons = list(w.detail.action_buttons.values())
        assert buttons and not any(b.isEnabled() for b in buttons)
        assert "服务器恢复" in buttons[0].toolTip() and w.detail.print_buttons
        # A window rebuilt meanwhile (another language, 切换用户) knows at once.
        other = get_staff_info(org.clerk2)
        w2 = MainWindow(Session(other, "测试市政务服务中心", other.window_no))
        qtbot.addWidget(w2)
        w2.show()
        qtbot.waitUntil(lambda: "离线登记" in w2.notice.label.text(), timeout=10000)
        assert w2.watch.timer.isActive() and mode.desk().viewer_id == org.clerk2
        w2.shutdown()
        w2.close()
    finally:
        server.start()
    w.watch.timer.setInterval(100)
    qtbot.waitUntil(lambda: not mode.is_offline(), timeout=15000)
    qtbot.waitUntil(lambda: w.watch.offline.last_report is not None, timeout=20000)
    report = w.watch.offline.last_report
    assert [o.entry.provisional for o in report.synced] == [provisional] and not report.refused
    dialogs = [d for d in QApplication.topLevelWidgets() if isinstance(d, SyncResultDialog)]
    assert dialogs and dialogs[-1].table.topLevelItem(0).text(0) == provisional
    final = report.synced[0].number
    assert dialogs[-1].table.topLevelItem(0).text(1) == final
    # Scanning the old receipt opens the case under its final number.
    w.open_number(provisional)
    qtbot.waitUntil(lambda: w.detail.case_id == report.synced[0].case_id, timeout=10000)
