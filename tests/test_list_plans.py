"""Clicking any column header of the case list reads one page along an index: SQLite's plan
for the page never sorts the matching cases (at a million cases such a sort took 2.5 s)."""

from __future__ import annotations

import pytest

from core import queries
from core.demo import build_demo
from core.queries import CaseFilter
from models.database import db


def plan(f: CaseFilter) -> str:
    where, params = queries.where_sql(f)
    sql = (f'SELECT {queries._ROW_COLUMNS} FROM "case" WHERE {where} '
           f"ORDER BY {queries._order(f)} LIMIT 256")
    return " | ".join(row[3] for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))


@pytest.fixture
def demo(sqlite_target, clock):
    build_demo(600, seed=4)  # ANALYZE included, as on a real register


@pytest.mark.parametrize("scope", ["open", "all"])
@pytest.mark.parametrize("sort", sorted(queries.SORTABLE))
def test_every_sortable_column_pages_along_an_index(demo, scope, sort):
    for descending in (True, False):
        text = plan(CaseFilter(scope=scope, sort=sort, descending=descending))
        assert "TEMP B-TREE FOR ORDER BY" not in text, text
