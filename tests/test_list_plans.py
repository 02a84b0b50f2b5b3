"""Clicking any column header of the case list reads one page along an index: SQLite's plan
for the page never sorts the matching cases (at a million cases such a sort took 2.5 s)."""

from __future__ import annotations

import pytest

from core.admin.demo import build_demo
from core.cases import queries
from core.cases.queries import CaseFilter
from models.database import db


def plan(f: CaseFilter) -> str:
    where, params = queries.where_sql(f)
    sql = (f'SELECT {queries._ROW_COLUMNS} FROM "case" WHERE {where} '
           f"ORDER BY {queries._order(f)} LIMIT 256")
    return " | ".join(row[3] for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))


@pytest.fixture
def demo(sqlite_target, clock):
    build_demo(600, seed=4)  # ANALYZE included, as on a real register


def test_every_sortable_column_pages_along_an_index(demo):
    """Every column, both directions, open and all cases, on one demo register (building it
    once per combination cost the fast loop 19 s)."""
    sorting = []
    for scope in ("open", "all"):
        for sort in sorted(queries.SORTABLE):
            for descending in (True, False):
                text = plan(CaseFilter(scope=scope, sort=sort, descending=descending))
                if "TEMP B-TREE FOR ORDER BY" in text:
                    sorting.append(f"{scope} by {sort} {'desc' if descending else 'asc'}: {text}")
    assert len(queries.SORTABLE) > 8
    assert sorting == []


def test_counts_from_the_tallies_equal_the_rows_listed(db_target, clock):
    build_demo(400, seed=6)
    from core.cases.queries import _tally_count, count_cases, fetch_rows
    from models.tables import Case

    dep = Case.select(Case.department).where(Case.department.is_null(False)).scalar()
    filters = [CaseFilter(), CaseFilter(scope="all"), CaseFilter(scope="closed"),
               CaseFilter(kind="complaint"), CaseFilter(scope="all", channel="phone"),
               CaseFilter(department_id=dep), CaseFilter(scope="closed", department_id=dep,
                                                         kind="application"),
               CaseFilter(statuses=("transferred", "returned"))]
    for f in filters:
        assert _tally_count(f, db.param) is not None  # these are counted from the tallies
        assert count_cases(f) == len(fetch_rows(f, 0, 100_000)), f
    assert _tally_count(CaseFilter(text="漏水"), db.param) is None  # a search counts the cases


def _seek_statements(f: CaseFilter, limit: int) -> list[tuple[str, list[object]]]:
    """The statements a page read of `limit` rows sends, from the middle of the list."""
    from core.cases import paging

    middle = paging.page_map(f, 50).starts[4]
    sent: list[tuple[str, list[object]]] = []
    database = db.obj  # the proxy's database: its method is replaced on the instance
    plain = database.execute_sql

    def recording(sql: str, params: object = None, *rest: object, **kw: object) -> object:
        sent.append((sql, list(params or ())))
        return plain(sql, params, *rest, **kw)

    database.execute_sql = recording
    try:
        paging.page_after(f, middle, limit)
        paging.page_before(f, middle, limit)
    finally:
        del database.execute_sql
    return sent


def _sorts(sql: str, params: list[object]) -> bool:
    rows = db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    return any("TEMP B-TREE FOR ORDER BY" in r[3] for r in rows)


def test_a_short_page_seeks_along_the_sort_index_with_a_large_registers_figures(demo):
    """A page of a few rows (the list's last page, a step after many equal keys) is planned
    like a full one. With the planner figures of a million-case register, SQLite planned a
    literal LIMIT of a few rows by sorting a department index's open cases (55 ms a page
    instead of 0.3); the seek's LIMIT is a parameter. The control: the same statement with
    its LIMIT written out sorts."""
    from tests.test_indexes import load_large_register_figures

    load_large_register_figures()
    sorting, control = [], []
    for sort in sorted(queries.SORTABLE):
        for descending in (True, False):
            f = CaseFilter(sort=sort, descending=descending)  # the open list
            for limit in (1, 15, 64):
                for sql, params in _seek_statements(f, limit):
                    if _sorts(sql, params):
                        sorting.append(f"{sort} {descending} {limit}: {sql}")
                    if limit < 64 and sql.endswith("LIMIT ?"):
                        literal = sql[: -len("?")] + str(params[-1])
                        control.append(_sorts(literal, params[:-1]))
    assert sorting == []
    assert any(control), "the control: a literal short LIMIT sorts with these figures"
