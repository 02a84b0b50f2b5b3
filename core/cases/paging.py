"""Any page of a case list, in any order, at the cost of an index seek (no OFFSET).

OFFSET reads and throws away every row before the page: the middle of a million-case list
cost 0.4 s, sorted by visitor 2–6 s. Pages here start from a row instead
(docs/architecture.md, "Lists of a million cases"):

- A list reads the page after (or before) a row it has — its sort key and id, a *key* — by a
  seek: `key = k AND id > i`, then `key > k`, along the sort column's index.
- To jump anywhere, a list's *page map* holds the key of every PAGE_SIZE-th row: one ordered
  pass over the matching (key, id) pairs, once per filter and order, kept while the list is
  open. Page n then starts at map.starts[n].
- A word search keeps its *hits*: every matching id in list order (tens of thousands at
  most), read in one pass that is also its exact count; page n is PAGE_SIZE ids looked up by
  primary key.

Keys are the values as the database returns them (SQLite: timestamps as text), so they go
back as parameters unchanged. NULLs sort first ascending on SQLite and last on PostgreSQL;
the seeks follow each database's own order.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from core.cases.queries import (
    ROW_COLUMNS,
    CaseFilter,
    CaseRow,
    count_cases,
    is_word_search,
    rows_from_tuples,
    sort_column,
    where_sql,
)
from models.database import db, is_sqlite

PAGE_SIZE = 256

Key = tuple[object, int]  # (sort column value as stored, case id)


@dataclass(frozen=True)
class Page:
    """Rows of one page and the keys of its first and last row (None when empty)."""

    rows: list[CaseRow]
    first: Key | None
    last: Key | None


@dataclass(frozen=True)
class PageMap:
    """Where every page of a list starts (`starts`), or a word search's `hits`; `total` is
    the exact number of rows the pass saw."""

    total: int
    size: int
    starts: tuple[Key, ...] = ()
    hits: array | None = None

    @property
    def pages(self) -> int:
        return -(-self.total // self.size)


def _direction(descending: bool) -> str:
    return "DESC" if descending else "ASC"


def _nulls_first(descending: bool) -> bool:
    """Where the database puts NULL keys in this direction (see the module docstring)."""
    return is_sqlite() != descending


def _select(f: CaseFilter, extra: str, params: Sequence[object], order: str,
            limit: int) -> list[tuple]:
    """One step of a seek. The LIMIT is a parameter, not a literal: SQLite weighs a literal
    LIMIT when it plans, and for a few rows (a short page at the list's end, a step after
    many ties) it preferred sorting a department index's open cases to walking the sort
    column's own index — 55 ms instead of 0.3 at a million cases (docs/architecture.md,
    "Lists of a million cases")."""
    where, base = where_sql(f)
    sql = (f'SELECT {ROW_COLUMNS}, {sort_column(f)} FROM "case" WHERE {where} AND {extra} '
           f"ORDER BY {order} LIMIT {db.param}")
    return db.execute_sql(sql, [*base, *params, int(limit)]).fetchall()


def _seek(f: CaseFilter, key: Key | None, limit: int, *, inclusive: bool,
          backwards: bool) -> list[tuple]:
    """Up to `limit` rows from `key` on (None: from the start), in list order or, with
    `backwards`, in reverse list order. Each step is a range along an index: the rest of the
    key's ties by id, then the keys beyond it, then (where they come last) the NULL keys."""
    desc = f.descending != backwards
    d, col, p = _direction(desc), sort_column(f), db.param
    more = "<" if desc else ">"
    nulls_first = _nulls_first(desc)
    steps: list[tuple[str, list[object], str]] = []
    if key is None:
        steps.append(("1 = 1", [], f"{col} {d}, id {d}"))
    else:
        value, cid = key
        tie = f"{more}=" if inclusive else more
        if value is None:
            steps.append((f"{col} IS NULL AND id {tie} {p}", [cid], f"id {d}"))
            if nulls_first:
                steps.append((f"{col} IS NOT NULL", [], f"{col} {d}, id {d}"))
        else:
            steps.append((f"{col} = {p} AND id {tie} {p}", [value, cid], f"id {d}"))
            steps.append((f"{col} {more} {p}", [value], f"{col} {d}, id {d}"))
            if not nulls_first:
                steps.append((f"{col} IS NULL", [], f"id {d}"))
    out: list[tuple] = []
    for cond, params, order in steps:
        out += _select(f, cond, params, order, limit - len(out))
        if len(out) >= limit:
            break
    return out


def _page(tuples: list[tuple]) -> Page:
    if not tuples:
        return Page([], None, None)
    first, last = tuples[0], tuples[-1]
    return Page(rows_from_tuples([t[:-1] for t in tuples]), (first[-1], first[0]),
                (last[-1], last[0]))


def page_from(f: CaseFilter, key: Key | None, size: int = PAGE_SIZE) -> Page:
    """The page starting at the row with `key` (None: the first page)."""
    return _page(_seek(f, key, size, inclusive=True, backwards=False))


def page_after(f: CaseFilter, key: Key, size: int = PAGE_SIZE) -> Page:
    """The `size` rows following the row with `key`."""
    return _page(_seek(f, key, size, inclusive=False, backwards=False))


def page_before(f: CaseFilter, key: Key | None, size: int = PAGE_SIZE) -> Page:
    """The `size` rows before the row with `key` (None: the last `size` rows), in list order."""
    return _page(_seek(f, key, size, inclusive=False, backwards=True)[::-1])


def open_list(f: CaseFilter, size: int = PAGE_SIZE) -> tuple[int, Page, PageMap | None]:
    """How many rows the list has, its first page and, for a word search, its hits (the
    search's page map). A list that fits on one page is its own count."""
    if is_word_search(f):
        hits = page_map(f, size)
        return hits.total, hits_page(f, hits, 0), hits
    page = page_from(f, None, size)
    if len(page.rows) < size:
        return len(page.rows), page, None
    return count_cases(f), page, None


def _ordered_pairs(f: CaseFilter) -> str:
    """The matching (key, id) pairs in list order. On SQLite, a filtered list is read through
    its filter's index and sorted (`+column` keeps the sort column's index out: walking it
    would visit every case of the register to find the filter's few)."""
    where, _ = where_sql(f)
    d, col = _direction(f.descending), sort_column(f)
    plus = "+" if is_sqlite() and where != "1 = 1" else ""
    return f'SELECT {col}, id FROM "case" WHERE {where} ORDER BY {plus}{col} {d}, id {d}'


def page_map(f: CaseFilter, size: int = PAGE_SIZE) -> PageMap:
    """One ordered pass over the list: the key of every `size`-th row, or every id of a word
    search (read on a worker thread: 0.3–1 s for a million rows)."""
    sql = _ordered_pairs(f)
    _, params = where_sql(f)
    if is_word_search(f):
        hits = array("q", (cid for _key, cid in db.execute_sql(sql, params)))
        return PageMap(len(hits), size, hits=hits)
    if not is_sqlite():  # the server numbers the rows; only every size-th comes back
        where, _ = where_sql(f)
        d, col = _direction(f.descending), sort_column(f)
        rows = db.execute_sql(
            f"SELECT k, id, n FROM (SELECT {col} AS k, id, ROW_NUMBER() OVER (ORDER BY {col} {d}, "
            f'id {d}) AS rn, COUNT(*) OVER () AS n FROM "case" WHERE {where}) AS numbered '
            f"WHERE MOD(rn - 1, {int(size)}) = 0 ORDER BY rn", params).fetchall()
        return PageMap(int(rows[0][2]) if rows else 0, size,
                       starts=tuple((k, cid) for k, cid, _n in rows))
    starts: list[Key] = []
    total = 0
    for key, cid in db.execute_sql(sql, params):
        if total % size == 0:
            starts.append((key, cid))
        total += 1
    return PageMap(total, size, starts=tuple(starts))


def hits_page(f: CaseFilter, hits: PageMap, number: int) -> Page:
    """Page `number` of a word search: its ids looked up by primary key, in hit order."""
    assert hits.hits is not None
    ids = hits.hits[number * hits.size:(number + 1) * hits.size].tolist()
    if not ids:
        return Page([], None, None)
    marks = ", ".join([db.param] * len(ids))
    found = {t[0]: t for t in db.execute_sql(
        f'SELECT {ROW_COLUMNS}, {sort_column(f)} FROM "case" WHERE id IN ({marks})', ids)}
    return _page([found[i] for i in ids if i in found])


def read_page(f: CaseFilter, pages: PageMap, number: int) -> Page:
    """Page `number` through the map: a seek from where it starts, or the search's hits."""
    if pages.hits is not None:
        return hits_page(f, pages, number)
    if not 0 <= number < len(pages.starts):
        return Page([], None, None)
    return page_from(f, pages.starts[number], pages.size)

