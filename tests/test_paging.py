"""Pages by keyset (core/cases/paging.py) are exactly the rows OFFSET paging gives, in every sort
and direction, NULL keys and long runs of ties included; a word search pages through all of
its matches and counts them exactly."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.admin.demo import build_demo
from core.cases import paging, queries
from core.cases.queries import CaseFilter, count_cases, fetch_rows
from models.database import db
from models.tables import Case

SIZE = 23  # small pages: many page edges inside runs of equal keys (kind, status, visits)


@pytest.fixture
def demo(db_target, clock):
    build_demo(400, seed=11)
    return db_target


def ids(rows) -> list[int]:
    return [r.id for r in rows]


def reference(f: CaseFilter) -> list[int]:
    return ids(fetch_rows(f, 0, 100_000))  # ORDER BY … LIMIT … OFFSET: the plain way


def filters() -> list[CaseFilter]:
    return [replace(CaseFilter(scope=scope), sort=sort, descending=desc)
            for scope in ("open", "all") for sort in sorted(queries.SORTABLE)
            for desc in (True, False)]


def test_every_sort_pages_forward_backward_and_by_map_like_offset(demo):
    for f in filters():
        expected = reference(f)
        # forward, each page from the last row of the one before
        walked, page = [], paging.page_from(f, None, SIZE)
        while page.rows:
            walked += ids(page.rows)
            page = paging.page_after(f, page.last, SIZE)
        assert walked == expected, f
        # backward from the end, each page from the first row of the one after
        back, page = [], paging.page_before(f, None, SIZE)
        while page.rows:
            back = ids(page.rows) + back
            page = paging.page_before(f, page.first, SIZE)
        assert back == expected, f
        # any page at once, through the page map
        pages = paging.page_map(f, SIZE)
        assert pages.total == len(expected) == count_cases(f)
        for n in range(pages.pages):
            assert ids(paging.read_page(f, pages, n).rows) == expected[n * SIZE:(n + 1) * SIZE], (f, n)


def test_null_keys_are_paged_where_the_database_sorts_them(demo):
    """Cases without a handler, department or due time (registered, referred …) sit at one
    end of their sort, as each database puts NULLs."""
    for column in (Case.handler, Case.service_item):
        assert Case.select().where(column.is_null()).count() > SIZE  # more than a page of them
    for sort in ("handler", "department", "due_at", "service_item"):
        for desc in (True, False):
            f = CaseFilter(scope="all", sort=sort, descending=desc)
            pages = paging.page_map(f, SIZE)
            got = [i for n in range(pages.pages) for i in ids(paging.read_page(f, pages, n).rows)]
            assert got == reference(f)


def test_a_word_search_pages_through_all_its_matches(demo):
    name = Case.select(Case.visitor_name).where(Case.visitor_name != "").scalar()
    for text in (name[0], name, "营业执照", "漏水"):
        for sort, desc in (("registered_at", True), ("visitor", False), ("due_at", True)):
            f = CaseFilter(scope="all", text=text, sort=sort, descending=desc)
            expected = reference(f)
            total, first, hits = paging.open_list(f, SIZE)
            assert total == len(expected) == count_cases(f)
            assert hits is not None and hits.total == total
            assert ids(first.rows) == expected[:SIZE]
            got = [i for n in range(hits.pages) for i in ids(paging.read_page(f, hits, n).rows)]
            assert got == expected


def test_search_counts_are_not_capped(db_target, clock):
    """Before, each part of a word search kept its newest 2,000 matches and the list said
    2,000; now the count is every match."""
    build_demo(60, seed=3)
    clerk = Case.select(Case.first_owner).scalar()
    rows = [(f"X{i:06d}", "visit", "consultation", "王小明", f"咨询漏水问题{i}", clerk,
             "in_progress", "2026-11-20 10:00:00", "2026-11-20 10:00:00") for i in range(2_100)]
    with db.atomic():
        for r in rows:
            Case.insert(number=r[0], channel=r[1], kind=r[2], visitor_name=r[3], subject=r[4],
                        first_owner=r[5], status=r[6], registered_at=r[7], updated_at=r[8]).execute()
    assert count_cases(CaseFilter(scope="all", text="王小")) >= 2_100
    total, first, _hits = paging.open_list(CaseFilter(scope="all", text="王小"), 256)
    assert total >= 2_100 and len(first.rows) == 256


def test_opening_a_list_counts_it_once_and_reads_its_first_page(demo):
    f = CaseFilter(scope="all")
    total, first, pages = paging.open_list(f, SIZE)
    assert total == count_cases(f) and pages is None
    assert ids(first.rows) == reference(f)[:SIZE]
    one = CaseFilter(scope="all", text=Case.select(Case.number).scalar())
    total, first, _ = paging.open_list(one, SIZE)
    assert total == 1 and len(first.rows) == 1
