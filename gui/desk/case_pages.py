"""The case list's pages as the window holds them, and which read comes next (no Qt here).

The list model (gui/desk/case_model.py) never reads on the GUI thread: its counts and pages are
read on the "list" worker (gui/ops.py), one read at a time, and this decides which: first the
count and first page of a new filter; then the pages the view is painting, newest wish
first — all the pages one screen lacks in one read, each from a page already held (the page
after or before it), from the list's end, or from the page map (core/cases/paging.py); then, when
the view has nothing missing, the pages just above and below the screen (a scroll by the
wheel or the keys then finds its rows there). A page is 64 rows, a screenful or two: a jump
anywhere reads about the rows it shows, not four times as many. The page map — one ordered
pass over the whole list, half a second for the open list at a million cases — is read on a
lane of its own ("map"), right after the first page or when a jump needs it, so that a new
filter's first page or a page beside one held never waits behind it. A refresh keeps the
pages on screen (marked stale) until their fresh copies arrive, so nothing blinks."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.cases import paging
from core.cases.paging import Page, PageMap
from core.cases.queries import CaseFilter

PAGE_SIZE = 64  # rows of a page: a screenful or two (core/cases/paging.py reads any size)
MAX_PAGES = 64  # pages kept (4,096 rows)
MAX_WANTED = 6  # pages the view asked for that are still worth reading (the newest)
BATCH = 3  # pages read in one trip: all a screen lacks (a tall one may straddle three)
AHEAD_DELAY_MS = 100  # the view still this long: the pages above and below it are read
EAGER_MAP_PAGES = 16  # a list of more rows (1,024) reads its page map right after its first page


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
    """One read for the worker: `kind` is open, pages or map; `fn` runs there. A pages read
    returns [(number, Page), …] for its `numbers` (wished for, or `ahead` of the view)."""

    kind: str
    number: int
    fn: Callable[[], Any]
    numbers: tuple[int, ...] = ()
    ahead: bool = False


class Pages:
    """What one list holds of its rows and what it still has to read."""

    def __init__(self) -> None:
        self.held: OrderedDict[int, Held] = OrderedDict()
        self.map: PageMap | None = None
        self.map_stale = False
        self.wanted: OrderedDict[int, None] = OrderedDict()
        self.total = 0
        self.need_open = False
        self.near: tuple[int, ...] = ()  # pages beside the screen, read when nothing is missing

    def clear(self) -> None:
        self.held.clear()
        self.wanted.clear()
        self.near = ()
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

    def next_read(self, f: CaseFilter, *, mapping: bool = False,
                  ahead: bool = False) -> Read | None:
        """The read to run next for filter `f`, or None when nothing is needed. `mapping`:
        the page map is being read already (on a lane of its own), so no map read, and no
        page that waits for it. `ahead`: the pages beside the screen may be read (the view
        has stood still a moment: while it moves, they would only delay the next screen)."""
        if self.need_open:
            return Read("open", 0, lambda: paging.open_list(f, PAGE_SIZE))
        readers: list[tuple[int, Callable[[], Page]]] = []
        needs_map = False
        for number in reversed(self.wanted):
            if not self.missing(number):
                continue
            fn = self._reader(f, number)
            if fn is None:  # a jump: the page map says where the page starts
                needs_map = True
            elif len(readers) < BATCH:
                readers.append((number, fn))
        if needs_map and not mapping:  # the pump reads the map on its lane, then asks again
            return Read("map", 0, lambda: paging.page_map(f, PAGE_SIZE))
        if readers:
            return _pages_read(readers, ahead=False)
        if needs_map:
            return None  # the page map is on its way
        beside = [(n, fn) for n in self.near if ahead and self.missing(n)
                  for fn in [self._reader(f, n)] if fn is not None]
        if beside:
            return _pages_read(beside, ahead=True)
        if mapping:
            return None
        if self.map is None and self.page_count() > EAGER_MAP_PAGES:
            # Read the map while the clerk looks at the first page: a jump is then a seek.
            return Read("map", 0, lambda: paging.page_map(f, PAGE_SIZE))
        if self.map_stale and self.map is not None and self.map.hits is None:
            return Read("map", 0, lambda: paging.page_map(f, PAGE_SIZE))  # re-align it
        return None

    def missing(self, number: int) -> bool:
        """A page of the list that is not held, or held stale (a refresh re-reads it)."""
        held = self.held.get(number)
        return 0 <= number < self.page_count() and (held is None or held.stale)

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


def _pages_read(readers: list[tuple[int, Callable[[], Page]]], *, ahead: bool) -> Read:
    """One trip to the worker for the pages one screen lacks (a screen may straddle two)."""
    def read() -> list[tuple[int, Page]]:
        return [(number, fn()) for number, fn in readers]
    numbers = tuple(n for n, _fn in readers)
    return Read("pages", numbers[0], read, numbers, ahead)
