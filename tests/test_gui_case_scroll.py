"""Scrolling a case list anywhere (issue 17): the pages a screen lacks are read on the list's
worker — never on the GUI thread — all in one trip; placeholder rows are painted first, then
the real rows, the same rows OFFSET paging gives; once the screen stands still, the pages
just above and below it are read too."""

from __future__ import annotations

import threading

import pytest

from core.admin.demo import generate_cases
from core.admin.organisation import org_info
from core.admin.staff import get_staff_info
from core.cases.queries import CaseFilter, fetch_rows
from gui.desk import case_model
from gui.desk.case_list import CaseListPage
from gui.desk.case_model import PAGE_SIZE, placeholder_text
from gui.session import Session
from models.database import db
from tests.gui_lists import settle

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("home"),
              pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")]


@pytest.fixture
def page(qtbot, sqlite_org, clock):
    generate_cases(2000, end=clock.now)
    staff = get_staff_info(sqlite_org.clerk)
    page = CaseListPage(Session(staff, org_info().name, staff.window_no, "zh", "本机"),
                        CaseFilter(scope="all"))
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    page.ensure_loaded()
    settle(page)  # the count, the first page and the page map
    assert page.model._pages.map is not None
    return page


class SqlThreads:
    """The threads every SQL statement is sent from (the database's cursors, as made)."""

    def __init__(self) -> None:
        self.gui: list[str] = []
        self._main = threading.get_ident()

    def __enter__(self) -> SqlThreads:
        database = db.obj
        plain = database.cursor

        def watched(*args: object, **kwargs: object) -> object:
            if threading.get_ident() == self._main:
                self.gui.append("cursor on the GUI thread")
            return plain(*args, **kwargs)

        database.cursor = watched
        return self

    def __exit__(self, *_exc: object) -> None:
        del db.obj.cursor  # the class's method again


def screen(page) -> tuple[int, int]:
    table = page.table
    bottom = table.rowAt(table.viewport().height() - 1)
    return table.rowAt(0), page.model.rowCount() - 1 if bottom < 0 else bottom


def test_a_jump_anywhere_paints_placeholders_then_the_rows_and_never_reads_on_the_gui_thread(
        page, qtbot):
    model, table = page.model, page.table
    expected = [r.id for r in fetch_rows(model.case_filter, 0, 10_000)]
    bar = table.verticalScrollBar()
    with SqlThreads() as sql:
        for spot in (0.5, 0.93, 0.12, 0.71, 0.3):
            bar.setValue(int(bar.maximum() * spot))
            top, bottom = screen(page)
            table.viewport().repaint()
            # The page is on the worker: its answer comes through the event loop, so the
            # screen just painted shows placeholder rows.
            assert model._pages.held.get(top // PAGE_SIZE) is None
            assert model.data(model.index(top, 0)) == placeholder_text()
            assert model.data(model.index(top, 1)) is None
            qtbot.waitUntil(lambda t=top, b=bottom: all(
                model.case_id_at(r) is not None for r in range(t, b + 1)))
            table.viewport().repaint()
            assert [model.case_id_at(r) for r in range(top, bottom + 1)] == \
                expected[top:bottom + 1]
            assert model.data(model.index(top, 0)) != placeholder_text()
    assert sql.gui == []


def test_a_screen_across_two_pages_is_read_in_one_trip(page, qtbot, monkeypatch):
    model, table = page.model, page.table
    trips: list[str] = []
    plain = case_model.run_in_background

    def counted(fn, done, failed, *, lane="main"):
        trips.append(lane)
        return plain(fn, done, failed, lane=lane)

    monkeypatch.setattr(case_model, "run_in_background", counted)
    fetched = model.page_fetches
    table.verticalScrollBar().setValue(5 * PAGE_SIZE - 3)  # the last rows of page 4, page 5
    top, bottom = screen(page)
    assert top // PAGE_SIZE == 4 and bottom // PAGE_SIZE == 5
    qtbot.waitUntil(lambda: all(model.case_id_at(r) is not None for r in (top, bottom)))
    assert trips == ["list"] and model.page_fetches == fetched + 2


def test_the_pages_beside_a_still_screen_are_read(page, qtbot):
    model, table = page.model, page.table
    table.verticalScrollBar().setValue(10 * PAGE_SIZE + 20)
    top, bottom = screen(page)
    above, below = top // PAGE_SIZE - 1, bottom // PAGE_SIZE + 1
    assert above not in model._pages.held and below not in model._pages.held
    qtbot.waitUntil(lambda: above in model._pages.held and below in model._pages.held)
    settle(model)
