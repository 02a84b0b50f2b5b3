"""A receipt printed offline carries a provisional number (20261204-W03-0007): a scanner
types it — the W with Shift held, as a keyboard does — and the window opens the case it
became."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from core.offline import mode
from models.tables import CaseAlias, OfflineStation
from tests.gui_window import FastClock, open_window
from tests.helpers import walk_in


@pytest.fixture
def window(qtbot, sqlite_org, messages, home):
    with open_window(qtbot, sqlite_org.clerk, shown=True) as win:
        yield win


def scan_with_shift(widget, number: str) -> None:
    for char in number:
        if char.isupper():
            QTest.keyClick(widget, getattr(Qt.Key, f"Key_{char}"),
                           Qt.KeyboardModifier.ShiftModifier)
        else:
            QTest.keyClicks(widget, char)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_scanning_a_provisional_number_opens_the_case_it_became(window, qtbot, sqlite_org,
                                                               clock):
    ref = walk_in(sqlite_org.clerk)
    station = OfflineStation.create(label="PC-3", created_at=clock.now)
    CaseAlias.create(alias="20261126-W03-0007", case=ref.id, key="k-1", station=station.id,
                     entered_by=sqlite_org.clerk, entered_at=clock.now, synced_at=clock.now)
    assert mode.desk() is None  # a SQLite register: no offline desk, the alias still resolves
    window.scanner.clock = FastClock(0.005)
    window.show_page("intake")
    intake = window.pages["intake"]
    intake.note_edit.setFocus()
    scan_with_shift(intake.note_edit, "20261126-W03-0007")
    assert window.current_key() == "all" and window.detail.case_id == ref.id
    assert intake.note_edit.text() == ""
