"""The window tells what is wrong with the register: a damaged file opens read-only under a
red banner offering the newest verified backup; a lost server connection shows
"服务器连接中断，正在重连…" and the window recovers by itself."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core import register
from core.admin.demo import build_demo
from core.admin.staff import get_staff_info
from core.infra import backup as backups
from gui.desk import window_counts
from gui.desk.main_window import MainWindow
from gui.session import Session
from models.database import StorageError
from models.tables import Staff


@pytest.fixture
def damaged(tmp_path, clock, monkeypatch) -> Path:
    monkeypatch.setenv("FIRSTDESK_HOME", str(tmp_path / "home"))
    path = tmp_path / "register.db"
    register.open_register(str(path))
    build_demo(600)
    backups.backup(tmp_path / "firstdesk-20261126-090000.db", actor_id=None)
    register.close_register()
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(size // 2 // 4096 * 4096)
        fh.write(os.urandom(8192))
    register.open_register(str(path), create=False, damaged="read_only")
    yield path
    register.close_register()


def window_for(qtbot, username: str) -> MainWindow:
    staff = get_staff_info(Staff.get(Staff.username == username).id)
    w = MainWindow(Session(staff, "演示政务服务中心", staff.window_no))
    qtbot.addWidget(w)
    w.show()
    return w


def test_damaged_register_shows_a_banner_and_offers_the_newest_backup(damaged, qtbot, shown):
    w = window_for(qtbot, "shishuo")
    qtbot.waitUntil(w.notice.isVisible, timeout=5000)
    assert w.notice.key == "damaged" and "只读" in w.notice.label.text()
    offers = [b.text() for b in w.notice.buttons]
    assert any("firstdesk-20261126-090000.db" in t for t in offers), offers


def test_lost_connection_shows_a_notice_and_recovers(qtbot, org, monkeypatch, shown):
    w = window_for(qtbot, "wangwu")
    real = window_counts.load_counts  # (the window's counting lives in gui/desk/window_counts.py)
    monkeypatch.setattr(window_counts, "load_counts", lambda staff_id: (_ for _ in ()).throw(
        StorageError("disconnected", "postgresql://app:pw@server/firstdesk")))
    pings: list[int] = []

    def down() -> None:
        pings.append(1)
        raise StorageError("unreachable", "postgresql://app:pw@server/firstdesk")

    monkeypatch.setattr(w.session.register, "ping", down)
    w.watch.timer.setInterval(50)
    w.refresh_counts()
    qtbot.waitUntil(w.notice.isVisible, timeout=5000)
    assert w.notice.label.text() == "服务器连接中断，正在重连…"
    assert not shown  # no dialog for a background refresh
    tried = len(pings)
    qtbot.waitUntil(lambda: len(pings) >= tried + 3, timeout=5000)  # three more attempts fail
    assert w.notice.isVisible()  # still down: still saying so
    monkeypatch.setattr(window_counts, "load_counts", real)
    monkeypatch.undo()
    qtbot.waitUntil(lambda: not w.notice.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: w.counts is not None, timeout=5000)  # the window works again
