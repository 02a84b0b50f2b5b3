"""The case list's pages as the window holds them, and which read comes next (no Qt here).

The list model (gui/desk/case_model.py) never reads on the GUI thread: its counts and pages are
read on the "list" worker (gui/ops.py), one at a time, and this decides which: first the
count and first page of a new filter; then the pages the view is painting, newest wish
first — each read from a page already held (the page after or before it), from the list's
end, or from the page map (core/cases/paging.py). The page map — one ordered pass over the whole
list, half a second for the open list at a million cases — is read on a lane of its own
("map"), right after the first page or when a jump needs it, so that a new filter's first
page or a page beside one held never waits behind it. A refresh keeps the pages on screen
(marked stale) until their fresh copies arrive, so nothing blinks."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.cases import paging
from core.cases.paging import Page, PageMap
from core.cases.queries import CaseFilter

PAGE_SIZE = paging.PAGE_SIZE
MAX_PAGES = 16  # pages kept (about 4,000 rows)
MAX_WANTED = 4  # pages the view asked for that are still worth reading (the newest)
EAGER_MAP_PAGES = 4  # a longer list reads its page map right after its first page


@dataclass
class Held:
    """A page as read, with its lines drawn lazily (only the rows painted are worked out)."""

    page: Page
    stale: bool = False
    lines: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lines = [None] * len(self.page.rows)


@dataclass(frozen=True)
class Read:
    """One read for the worker: `kind` is open, page or map; `fn` runs there."""

    kind: str
    number: int
    fn: Callable[[], Any]


class Pages:
    """What one list holds of its rows and what it still has to read."""

    def __init__(self) -> None:
        self.held: OrderedDict[int, Held] = OrderedDict()
        self.map: PageMap | None = None
        self.map_stale = False
        self.wanted: OrderedDict[int, None] = OrderedDict()
        self.total = 0
        self.need_open = False

    def clear(self) -> None:
        self.held.clear()
        self.wanted.clear()
        self.map, self.map_stale = None, False

    def get(self, number: int) -> Held | None:
        held = self.held.get(number)
        if held is not None:
            self.held.move_to_end(number)
        return held

    def want(self, number: int) -> bool:
        """The view paints a row of this page; True when it was not asked for already."""
        fresh = number not in self.wanted
        self.wanted[number] = None
        self.wanted.move_to_end(number)
        while len(self.wanted) > MAX_WANTED:
            self.wanted.popitem(last=False)
        return fresh

    def keep(self, number: int, page: Page) -> Held:
        held = self.held[number] = Held(page)
        self.held.move_to_end(number)
        while len(self.held) > MAX_PAGES:
            self.held.popitem(last=False)
        self.wanted.pop(number, None)
        return held

    def mark_stale(self) -> None:
        for held in self.held.values():
            held.stale = True
        self.map_stale = self.map is not None

    def page_count(self) -> int:
        return -(-self.total // PAGE_SIZE)

    def next_read(self, f: CaseFilter, *, mapping: bool = False) -> Read | None:
        """The read to run next for filter `f`, or None when nothing is needed. `mapping`:
        the page map is being read already (on a lane of its own), so no map read, and no
        page that waits for it."""
        if self.need_open:
            return Read("open", 0, lambda: paging.open_list(f, PAGE_SIZE))
        for number in reversed(self.wanted):
            held = self.held.get(number)
            if (held is not None and not held.stale) or number >= self.page_count():
                continue
            fn = self._reader(f, number)
            if fn is None:  # a jump: the page map says where the page starts
                if mapping:
                    continue
                return Read("map", 0, lambda: paging.page_map(f, PAGE_SIZE))
            return Read("page", number, fn)
        if mapping:
            return None
        if self.map is None and self.page_count() > EAGER_MAP_PAGES:
            # Read the map while the clerk looks at the first page: a jump is then a seek.
            return Read("map", 0, lambda: paging.page_map(f, PAGE_SIZE))
        if self.map_stale and self.map is not None and self.map.hits is None:
            return Read("map", 0, lambda: paging.page_map(f, PAGE_SIZE))  # re-align it
        return None

    def _reader(self, f: CaseFilter, n: int) -> Callable[[], Page] | None:
        pages = self.map
        if pages is not None and (pages.hits is not None or n < len(pages.starts)):
            return lambda: paging.read_page(f, pages, n)
        before, after = self.held.get(n - 1), self.held.get(n + 1)
        if before is not None and before.page.last is not None:
            return lambda: paging.page_after(f, before.page.last, PAGE_SIZE)
        if after is not None and after.page.first is not None:
            return lambda: paging.page_before(f, after.page.first, PAGE_SIZE)
        if n == self.page_count() - 1:  # the end of the list (Ctrl+End)
            size = self.total - n * PAGE_SIZE
            return lambda: paging.page_before(f, None, size)
        return None
