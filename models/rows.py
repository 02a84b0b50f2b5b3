"""Query rows as plain tuples, typed as such (docs/architecture.md, "Types").

peewee's own type stubs say a query iterates model instances even after `.tuples()`, which
makes it yield plain tuples at run time; reading rows through `tuples(query)` tells the type
checker what the program gets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def tuples(query: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of a peewee query as tuples, in the query's column order."""
    return iter(query.tuples().iterator())  # one pass, no result cache


def first_tuple(query: Any) -> tuple[Any, ...] | None:
    """The first row of a peewee query as a tuple, or None when it has none."""
    row: tuple[Any, ...] | None = query.tuples().first()
    return row
