"""The cases table: a QAbstractTableModel over pages of 256 read on a worker, never all rows."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPixmap

from core.cases.due import due_info, due_words
from core.cases.paging import Page, PageMap
from core.cases.queries import CaseFilter, CaseRow
from core.errors import english
from core.infra.storage import translate_error
from core.vocab import KINDS, STATUSES
from gui.desk.case_pages import AHEAD_DELAY_MS, MAX_PAGES, PAGE_SIZE, Pages, Read
from gui.ops import run_in_background

if TYPE_CHECKING:
    from core.register import Register

log = logging.getLogger(__name__)

R = Qt.ItemDataRole
_DISPLAY, _DECORATION, _TOOLTIP, _FONT, _ALIGN, _BACKGROUND, _FOREGROUND, _USER = (
    r.value for r in (R.DisplayRole, R.DecorationRole, R.ToolTipRole, R.FontRole,
                      R.TextAlignmentRole, R.BackgroundRole, R.ForegroundRole, R.UserRole))
_ROW_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
              | Qt.ItemFlag.ItemNeverHasChildren)
_STYLED = frozenset({_DECORATION, _TOOLTIP, _FONT, _BACKGROUND, _FOREGROUND, _USER})

__all__ = ["COLUMNS", "COLUMN_KEYS", "MAX_PAGES", "PAGE_SIZE", "CaseTableModel", "Line",
           "placeholder_brush", "placeholder_text"]

Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

# Due-state colours: a light cell with dark text, readable when printed in grey; the text
# says the same thing, so colour is never the only signal.
DUE_COLOURS = {
    "overdue": (QColor("#f8d7da"), QColor("#842029")),
    "due_soon": (QColor("#ffe69c"), QColor("#664d03")),
    "paused": (None, QColor("#6c757d")),
}


@dataclass(frozen=True)
class Column:
    """One table column: its header (translated in the CaseTableModel context), the SQL sort
    key (None: not sortable), a default width in pixels and the text alignment."""

    key: str
    title: str
    sort: str | None
    width: int
    align: Qt.AlignmentFlag = LEFT
    width_en: int = 0  # English words are wider than the Chinese ones (0: same)

    def width_for(self, lang: str) -> int:
        return self.width_en if english(lang) and self.width_en else self.width


COLUMNS: tuple[Column, ...] = (
    Column("number", QT_TRANSLATE_NOOP("CaseTableModel", "编号"), "number", 128),
    Column("registered", QT_TRANSLATE_NOOP("CaseTableModel", "登记时间"), "registered_at", 116),
    Column("visitor", QT_TRANSLATE_NOOP("CaseTableModel", "来访人"), "visitor", 70),
    Column("phone", QT_TRANSLATE_NOOP("CaseTableModel", "电话"), None, 100),
    Column("kind", QT_TRANSLATE_NOOP("CaseTableModel", "类型"), "kind", 64, width_en=112),
    Column("item", QT_TRANSLATE_NOOP("CaseTableModel", "事项"), None, 200),
    Column("department", QT_TRANSLATE_NOOP("CaseTableModel", "承办部门"), "department", 104),
    Column("handler", QT_TRANSLATE_NOOP("CaseTableModel", "承办人"), "handler", 104, width_en=120),
    Column("status", QT_TRANSLATE_NOOP("CaseTableModel", "状态"), "status", 96, width_en=150),
    Column("due", QT_TRANSLATE_NOOP("CaseTableModel", "到期"), "due_at", 150, width_en=215),
    Column("visits", QT_TRANSLATE_NOOP("CaseTableModel", "来访"), "visit_count", 44, CENTER),
)
STRETCH_COLUMN = "item"  # takes the width that is left
COLUMN_KEYS = tuple(c.key for c in COLUMNS)


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")
PLACEHOLDER_GREY = "#6c757d"
NEW_MARK = "#1565c0"  # the dot beside a case that is new to this person (with bold text)
_dot: list[QPixmap] = []


def _new_dot() -> QPixmap:
    """A small round mark, drawn once (a plain colour would fill a whole icon square)."""
    if not _dot:
        pixmap = QPixmap(8, 8)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(NEW_MARK))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(0, 0, 8, 8)
        painter.end()
        _dot.append(pixmap)
    return _dot[0]


_grey: list[QBrush] = []


def placeholder_text() -> str:
    """What a row whose page is being read says (in its first column)."""
    return translate("CaseTableModel", "正在读取…")


def placeholder_brush() -> QBrush:
    """The grey of a placeholder row's text (made once)."""
    if not _grey:
        _grey.append(QBrush(QColor(PLACEHOLDER_GREY)))
    return _grey[0]


@dataclass(frozen=True)
class Line:
    """A fetched row with its cell texts worked out once (pages are re-rendered on refresh)."""

    row: CaseRow
    texts: tuple[str, ...]
    due_state: str  # none | ok | due_today | due_soon | overdue | paused
    due_tip: str


def as_storage_error(exc: BaseException, target: str) -> BaseException:
    """Driver errors become the StorageError a clerk can act on; others pass through."""
    return translate_error(exc, target) or exc


class DueRenderer(QObject):
    """Due-cell texts for one moment, from core's one due-state rule (core.cases.due):
    超期 1 个工作日 3 小时 / 今日 17:30 到期 / 剩 3 个工作日 / 暂停（待补正）."""

    def __init__(self, now: datetime, lang: str, register: Register) -> None:
        super().__init__()
        self.now = now
        self.lang = lang
        self.cal = register.calendar()
        self.warn_minutes = int(register.org_settings().warn_hours * 60)

    def render(self, row: CaseRow) -> tuple[str, str, str]:
        """(state, text, tooltip) for a case's due cell."""
        info = due_info(row.status, row.due_at, None, now=self.now, calendar=self.cal,
                        warn_minutes=self.warn_minutes)
        text = due_words(info, self.cal.hours.minutes_per_day, self.lang)
        if row.due_at is None or info.state == "none":
            return info.state, text, ""
        tip = self.tr("到期时间：{when}").format(when=f"{row.due_at:%Y-%m-%d %H:%M}")
        return info.state, text, tip


class CaseTableModel(QAbstractTableModel):
    """The rows of one filter, read in pages on the list's worker thread (gui/desk/case_pages.py):
    the GUI thread never waits for SQL. A row whose page is not read yet paints as a
    placeholder and is filled in when the page arrives."""

    failed = Signal(object)  # a database error while counting or fetching (shown once)
    refreshed = Signal()
    loaded = Signal()  # the count and first page of the filter (or of a refresh) arrived

    def __init__(self, case_filter: CaseFilter | None = None, lang: str = "zh",
                 parent: Any = None, *, register: Register, load: bool = True) -> None:
        super().__init__(parent)
        self.register = register  # the window's (its session's), handed down
        self.columns = COLUMNS
        self.lang = lang
        self._filter = case_filter or CaseFilter()
        self.new_since: datetime | None = None  # rows changed later are marked new
        self._pages = Pages()
        self._rows = 0
        self._view = 0  # bumped for each new filter and refresh: late answers are dropped
        self._busy = False  # a count or page read is on the list's worker
        self._mapping: int | None = None  # the view whose page map is being read, if any
        self._refreshing = False
        self._kick_queued = False
        self._waiters: list[Callable[[], None]] = []
        self._renderer: DueRenderer | None = None
        self._error_shown = False
        self.page_fetches = 0  # how many SQL pages were read (tests and benchmarks watch it)
        self._ahead = False  # the view stood still: the pages beside it may be read
        self._still = QTimer(self, singleShot=True, interval=AHEAD_DELAY_MS)
        self._still.timeout.connect(self._read_ahead)
        if load:
            self.set_filter(self._filter, force=True)

    # ---- Qt interface ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        col = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("CaseTableModel", col.title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return col.align
        if role == Qt.ItemDataRole.ToolTipRole and col.sort:
            return translate("CaseTableModel", "点击按此列排序")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # A paint asks about 1,200 times (rows × columns × roles): the common answers first,
        # a held page's line without a call.
        c = index.column()
        if not 0 <= c < len(self.columns):
            return None
        row = index.row()
        number, offset = divmod(row, PAGE_SIZE)
        held = self._pages.held.get(number)
        if held is not None and not held.stale and offset < len(held.lines):
            line = held.lines[offset] or self.line(row)
        else:
            line = self.line(row)
        if line is None:
            return self._placeholder(c, role)
        if role == _DISPLAY:
            return line.texts[c]
        if role == _ALIGN:
            return self.columns[c].align
        if role not in _STYLED:
            return None
        return self._styled(line, self.columns[c], c, role)

    def _styled(self, line: Line, col: Column, c: int, role: int) -> Any:
        if role == _USER:
            return line.row.id
        if col.key == "number" and self.is_new(line.row):
            if role == _FONT:
                font = QFont()
                font.setBold(True)
                return font
            if role == _DECORATION:
                return _new_dot()
            if role == _TOOLTIP:
                return translate("CaseTableModel", "新到：您上次查看之后才到这里")
        if role == _TOOLTIP:
            if col.key == "due":
                return "\n".join(filter(None, (line.texts[c], line.due_tip))) or None
            if col.key == "item":
                return line.row.subject
            if col.key in ("department", "handler", "visitor", "status", "kind"):
                return line.texts[c]  # may be elided in a narrow column
            return None
        if col.key != "due":
            return None
        colours = DUE_COLOURS.get("due_soon" if line.due_state == "due_today" else line.due_state)
        if role == _BACKGROUND:
            return QBrush(colours[0]) if colours and colours[0] is not None else None
        if role == _FOREGROUND:
            return QBrush(colours[1]) if colours else None
        if role == _FONT and line.due_state == "overdue":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _placeholder(self, column: int, role: int) -> Any:
        """A row whose page is on its way: a grey 正在读取… in the first column."""
        if column == 0 and role == _DISPLAY:
            return placeholder_text()
        if role == _FOREGROUND:
            return placeholder_brush()
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is an ORDER BY in SQL; columns without a sort key are left as they are."""
        if not 0 <= column < len(self.columns) or self.columns[column].sort is None:
            return
        key = self.columns[column].sort
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._filter.sort, self._filter.descending):
            return
        self.set_filter(replace(self._filter, sort=key, descending=descending))

    # ---- our API -----------------------------------------------------------------------
    @property
    def case_filter(self) -> CaseFilter:
        """The filter the list shows (or is about to show: its first page is being read)."""
        return self._filter

    @property
    def loading(self) -> bool:
        """The count and first page of the filter (or of a refresh) are being read."""
        return self._pages.need_open or (self._busy and self._reading == "open")

    def is_idle(self) -> bool:
        """Nothing read or to read: every page the view asked for is here (tests, benchmarks)."""
        return (not self._busy and self._mapping is None and not self._pages.need_open
                and self._pages.next_read(self._filter, ahead=self._ahead) is None)

    def when_loaded(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the filter's count and first page are here (now if they are)."""
        if self.loading:
            self._waiters.append(callback)
        else:
            callback()

    def sort_column(self) -> int:
        return next((i for i, c in enumerate(self.columns) if c.sort == self._filter.sort), -1)

    def set_filter(self, case_filter: CaseFilter, *, force: bool = False) -> None:
        """Show another filter or order. The rows on screen stay until the new count and first
        page arrive from the worker (a quick search never blinks); later pages are read when
        the view asks for them."""
        if case_filter == self._filter and not force:
            return
        self._filter = case_filter
        self._view += 1
        self._refreshing = False
        self._pages.need_open = True
        self._kick()

    def refresh(self) -> None:
        """Re-read after a change, keeping the view's position: the rows on screen stay
        (stale) until their fresh copies arrive."""
        if self._pages.need_open and not self._refreshing:
            return  # a new filter is being read anyway
        self._view += 1
        self._renderer = None
        self._pages.mark_stale()
        self._refreshing = True
        self._pages.need_open = True
        self._kick()

    def is_new(self, row: CaseRow) -> bool:
        """Changed since the person last looked (an inbox section sets `new_since`)."""
        return (self.new_since is not None and row.updated_at is not None
                and row.updated_at > self.new_since)

    def show_rows(self, first: int, last: int) -> bool:
        """The view shows rows `first`–`last`: their pages are asked for (all in one read),
        the pages just above and below are read next when nothing is missing. True when
        some of the rows are held (painted as they are; the others as placeholders)."""
        if self._rows == 0 or last < first:
            return False
        store = self._pages
        low, high = max(first, 0) // PAGE_SIZE, min(last, self._rows - 1) // PAGE_SIZE
        fresh = False
        some = False
        for number in range(low, high + 1):
            if store.missing(number):
                fresh = store.want(number) or fresh
            some = some or number in store.held
        if store.near != (high + 1, low - 1):  # the view moved
            store.near, self._ahead = (high + 1, low - 1), False
            self._still.start()
        if fresh:
            self._kick(now=not self._busy)
        return some

    def _read_ahead(self) -> None:
        if shiboken6.isValid(self) and any(self._pages.missing(n) for n in self._pages.near):
            self._ahead = True
            self._kick()

    def case_id_at(self, row: int) -> int | None:
        line = self.line(row) if 0 <= row < self._rows else None
        return line.row.id if line else None

    def row_of(self, case_id: int) -> int | None:
        """The row of a case among the pages held (None if not read)."""
        for page, held in self._pages.held.items():
            for i, r in enumerate(held.page.rows):
                if r.id == case_id:
                    return page * PAGE_SIZE + i
        return None

    find_row = row_of  # the rows held: reading more would wait on the GUI thread

    def line(self, row: int) -> Line | None:
        """The row's cells; None (and its page asked for) while its page is not here."""
        number, offset = divmod(row, PAGE_SIZE)
        held = self._pages.held.get(number)
        if held is None or held.stale:
            if 0 <= row < self._rows and self._pages.want(number):
                # The first page a paint lacks is asked for at once: the worker reads it
                # while the placeholders are painted (8–16 ms at a million cases).
                self._kick(now=not self._busy)
            if held is None:
                return None
        if offset >= len(held.lines):
            return None
        line = held.lines[offset]
        if line is None:
            line = held.lines[offset] = self._render(held.page.rows[offset], self._due())
        return line

    # ---- reading on the worker ---------------------------------------------------------
    _reading = ""

    def _kick(self, *, now: bool = False) -> None:
        """Start the next read after the current event (a paint may ask for many rows), or
        `now` (the worker is idle and a paint lacks a page)."""
        if now:
            self._pump()
        elif not self._kick_queued:
            self._kick_queued = True
            QTimer.singleShot(0, self._pump)

    def _pump(self) -> None:
        self._kick_queued = False
        if not shiboken6.isValid(self):
            return
        view, ahead = self._view, self._ahead
        read = self._pages.next_read(self._filter, mapping=self._mapping == view, ahead=ahead)
        if read is not None and read.kind == "map":
            self._read_map(view, read)
            read = self._pages.next_read(self._filter, mapping=True, ahead=ahead)  # meanwhile
        if read is None or self._busy:
            return
        self._busy, self._reading = True, read.kind
        run_in_background(read.fn, lambda result: self._arrived(view, read, result),
                          lambda exc: self._read_failed(view, read, exc), lane="list")

    def _read_map(self, view: int, read: Read) -> None:
        """The page map on its own lane: the list's lane goes on with counts and pages. A map
        still queued when its filter has changed is not read at all."""
        self._mapping = view

        def current() -> Any:
            return read.fn() if view == self._view else None

        run_in_background(current, lambda result: self._map_done(view, read, result),
                          lambda exc: self._map_done(view, read, exc), lane="map")

    def _map_done(self, view: int, read: Read, result: Any) -> None:
        if not shiboken6.isValid(self):
            return
        if self._mapping == view:
            self._mapping = None
        if isinstance(result, BaseException):
            self._read_failed(view, read, result, busy=self._busy)
        elif view == self._view and result is not None:
            self._map_arrived(result)
        self._kick()

    def _arrived(self, view: int, read: Read, result: Any) -> None:
        if not shiboken6.isValid(self):
            return
        self._busy, self._reading = False, ""
        if view == self._view:
            self._error_shown = False
            if read.kind == "open":
                self._opened(*result)
            else:
                for number, page in result:
                    self._page_arrived(number, page)
        self._kick()

    def _read_failed(self, view: int, read: Read, exc: BaseException, *,
                     busy: bool = False) -> None:
        """A read went wrong: said once; `busy` — a count or page read is still out (the
        failed read was the page map)."""
        if not shiboken6.isValid(self):
            return
        self._busy = busy
        if not busy:
            self._reading = ""
        self._report(exc)
        if view == self._view:
            if read.kind == "open":
                self._pages.need_open = False
                self._release_waiters()
            else:  # not again at once: the next paint asks anew
                self._pages.wanted.clear()
                self._pages.near = ()

    def _opened(self, total: int, first: Page, pages: PageMap | None) -> None:
        self.page_fetches += 1
        store = self._pages
        store.need_open = False
        if self._refreshing:  # same filter: rows stay where they are, the count may move
            self._refreshing = False
            self._resize(total)
            store.keep(0, first)
            if pages is not None or store.map is None or store.map.hits is not None:
                store.map, store.map_stale = pages, False
            if self._rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(self._rows - 1, len(self.columns) - 1))
            self.refreshed.emit()
        else:
            self.beginResetModel()
            store.clear()
            store.total = self._rows = total
            store.keep(0, first)
            store.map = pages
            self._renderer = None
            self.endResetModel()
        self._release_waiters()
        self.loaded.emit()

    def _page_arrived(self, number: int, page: Page) -> None:
        self.page_fetches += 1
        self._pages.keep(number, page)
        first = number * PAGE_SIZE
        last = min(first + PAGE_SIZE, self._rows) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

    def _map_arrived(self, pages: PageMap) -> None:
        self._pages.map, self._pages.map_stale = pages, False
        self._resize(pages.total)

    def _resize(self, total: int) -> None:
        """The list grew or shrank at its end (the rows on screen keep their places)."""
        old = self._rows
        if total > old:
            self.beginInsertRows(QModelIndex(), old, total - 1)
            self._rows = self._pages.total = total
            self.endInsertRows()
        elif total < old:
            self.beginRemoveRows(QModelIndex(), total, old - 1)
            self._rows = self._pages.total = total
            for number in [n for n in self._pages.held if n * PAGE_SIZE >= total]:
                del self._pages.held[number]
            self.endRemoveRows()

    def _release_waiters(self) -> None:
        waiters, self._waiters = self._waiters, []
        for callback in waiters:
            callback()

    def _due(self) -> DueRenderer:
        now = self.register.now()
        if self._renderer is None or self._renderer.now != now:
            self._renderer = DueRenderer(now, self.lang, self.register)
        return self._renderer

    def _report(self, exc: BaseException) -> None:
        """Tell the window once per failure streak, after the paint that hit it."""
        log.warning("case list query failed: %s", exc)
        if not self._error_shown:
            self._error_shown = True
            err = as_storage_error(exc, self.register.target)
            QTimer.singleShot(0, lambda: self.failed.emit(err))

    # ---- cell texts --------------------------------------------------------------------
    def _render(self, r: CaseRow, due: DueRenderer) -> Line:
        state, due_text, tip = due.render(r)
        if r.anonymous:
            visitor, phone = translate("CaseTableModel", "(匿名)"), "—"
        else:
            visitor, phone = r.visitor_name or "—", r.visitor_phone_masked or "—"
        handler = r.handler
        if not handler and r.pending:
            handler = translate("CaseTableModel", "待 {who} 签收").format(who=r.pending)
        status = STATUSES.get(r.status)
        kind = KINDS.get(r.kind)
        texts = {
            "number": r.number,
            "registered": f"{r.registered_at:%Y-%m-%d %H:%M}",
            "visitor": visitor,
            "phone": phone,
            "kind": kind.text(self.lang) if kind else r.kind,
            "item": r.service_item or r.subject,
            "department": r.department or "—",
            "handler": handler or "—",
            "status": status.text(self.lang) if status else r.status,
            "due": due_text,
            "visits": str(r.visit_count),
        }
        return Line(r, tuple(texts[c.key] for c in self.columns), state, tip)
