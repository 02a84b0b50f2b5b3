"""Waiting for a case list in tests: the list reads on its worker thread (gui/desk/case_model.py),
so a test lets Qt deliver the pages before it looks at them. No sleeping as synchronisation:
events are processed until the model has nothing left to read (or the time-out fails)."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtTest import QTest

from gui.desk.case_model import PAGE_SIZE, CaseTableModel

TIMEOUT_MS = 15_000


def settle(target: Any, timeout: int = TIMEOUT_MS) -> CaseTableModel:
    """Wait until the list (a CaseTableModel, or a page holding one as .model) is idle."""
    model = target if isinstance(target, CaseTableModel) else target.model
    deadline = time.monotonic() + timeout / 1000
    while not model.is_idle():  # as qtbot.waitUntil: Qt's events run between the checks
        assert time.monotonic() < deadline, "the case list never finished reading"
        QTest.qWait(5)
    return model


def row_ids(target: Any) -> list[int]:
    """Every row's case id, each page read as a view scrolling down would ask for it."""
    model = settle(target)
    out: list[int] = []
    for row in range(model.rowCount()):
        case_id = model.case_id_at(row)
        if case_id is None:
            settle(model)
            case_id = model.case_id_at(row)
        assert case_id is not None, f"row {row} of {model.rowCount()} never arrived"
        out.append(case_id)
    return out


def read_page_of(model: CaseTableModel, row: int) -> None:
    """Ask for the page holding `row` and wait for it."""
    model.case_id_at(row)
    settle(model)
    assert model.case_id_at(row) is not None or row >= model.rowCount()


__all__ = ["PAGE_SIZE", "read_page_of", "row_ids", "settle"]
