"""After 15 idle minutes the window hides every case behind a lock screen; only the signed-in
clerk's password opens it again."""

from __future__ import annotations

import pytest

from core.admin.staff import get_staff_info
from core.dto import Scope
from gui.desk.main_window import MainWindow
from gui.session import Session
from tests.conftest import PASSWORD
from tests.helpers import walk_in


@pytest.fixture
def window(qtbot, org, monkeypatch):
    monkeypatch.setattr("gui.errors.show_message", lambda *a: None)
    walk_in(org.clerk, Scope("own"), name="张三")
    w = MainWindow(Session(get_staff_info(org.clerk), "测试市政务服务中心", "1号窗口"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.lists["inbox"].model.rowCount() == 1)  # opens on 我在办理
    return w


def test_idle_window_locks_and_hides_personal_data(window, qtbot):
    lock = window.idle_lock
    lock.last_input -= 14 * 60
    lock.check()
    assert not lock.locked  # 14 minutes: still open
    lock.last_input -= 2 * 60
    lock.check()
    assert lock.locked
    assert not window.centralWidget().isVisible()  # the list and the visitor are off screen
    assert not window.menuBar().isEnabled()
    assert lock.screen.isVisible() and "已锁定" in lock.screen.findChildren(
        type(lock.screen.message))[0].text()


def test_wrong_password_keeps_it_locked_right_one_unlocks(window, qtbot):
    lock = window.idle_lock
    lock.lock()
    lock.screen.password.setText("wrong-pass1")
    lock.screen.try_unlock()
    assert lock.locked and "密码不正确" in lock.screen.message.text()
    lock.screen.password.setText(PASSWORD)
    lock.screen.try_unlock()
    assert not lock.locked
    assert window.centralWidget().isVisible() and window.menuBar().isEnabled()


def test_typing_keeps_the_window_open(window, qtbot):
    lock = window.idle_lock
    lock.last_input -= 20 * 60
    qtbot.keyClick(window.lists["mine"].search, "a")
    lock.check()
    assert not lock.locked


def test_lock_hides_every_other_window_print_preview_included(window, qtbot):
    from PySide6.QtWidgets import QDialog, QLabel

    preview = QDialog()  # what gui.printing.printer shows: a non-modal top-level window
    preview.setWindowTitle("打印预览 — 收件回执单")
    QLabel("张三 13800138000", preview)
    qtbot.addWidget(preview)
    preview.show()
    modal = QDialog(window)
    modal.setModal(True)
    qtbot.addWidget(modal)
    modal.show()
    lock = window.idle_lock
    lock.lock()
    assert not preview.isVisible()
    covers = [c for c in modal.findChildren(type(lock.screen)) if c.isVisible()]
    assert covers and covers[0].geometry() == modal.rect()  # covered, not closed
    assert modal.isVisible()
    covers[0].password.setText(PASSWORD)
    covers[0].try_unlock()  # unlocking from the dialog unlocks everything
    assert not lock.locked and preview.isVisible()
    assert not [c for c in modal.findChildren(type(lock.screen)) if c.isVisible()]
