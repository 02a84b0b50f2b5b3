"""The cases table: a QAbstractTableModel over paged SQL (count + pages of 256), never all rows."""

from __future__ import annotations

import logging
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import peewee as pw
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

from core import register
from core.cases.due import due_info, due_words
from core.errors import english
from core.queries import CaseFilter, CaseRow, fetch_rows, first_page
from core.storage import StorageError, translate_error
from core.vocab import KINDS, STATUSES

log = logging.getLogger(__name__)

PAGE_SIZE = 256
MAX_PAGES = 8  # LRU of pages kept in memory (about 2,000 rows)
MAX_COUNTS = 32

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


@dataclass(frozen=True)
class Line:
    """A fetched row with its cell texts worked out once (pages are re-rendered on refresh)."""

    row: CaseRow
    texts: tuple[str, ...]
    due_state: str  # none | ok | due_today | due_soon | overdue | paused
    due_tip: str


def as_storage_error(exc: BaseException) -> BaseException:
    """Driver errors become the StorageError a clerk can act on; others pass through."""
    return translate_error(exc, register.current_target()) or exc


class DueRenderer(QObject):
    """Due-cell texts for one moment, from core's one due-state rule (core.cases.due):
    超期 1 个工作日 3 小时 / 今日 17:30 到期 / 剩 3 个工作日 / 暂停（待补正）."""

    def __init__(self, now: datetime, lang: str = "zh") -> None:
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
    """Rows come from core.queries in pages; rowCount is one SQL COUNT, cached per filter."""

    failed = Signal(object)  # a database error while counting or fetching (shown once)
    refreshed = Signal()

    def __init__(self, case_filter: CaseFilter | None = None, lang: str = "zh",
                 parent: Any = None, *, load: bool = True) -> None:
        super().__init__(parent)
        self.columns = COLUMNS
        self.lang = lang
        self._filter = case_filter or CaseFilter()
        self._counts: OrderedDict[CaseFilter, int] = OrderedDict()
        self.new_since: datetime | None = None  # rows changed later are marked new
        self._pages: OrderedDict[int, list[Line]] = OrderedDict()
        self._renderer: DueRenderer | None = None
        self._error_shown = False
        self.page_fetches = 0  # how many SQL pages were read (tests and benchmarks watch it)
        self._rows = self._count() if load else 0

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
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        line = self.line(index.row())
        if line is None:
            return None
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return line.texts[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return line.row.id
        if col.key == "number" and self.is_new(line.row):
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.DecorationRole:
                return _new_dot()
            if role == Qt.ItemDataRole.ToolTipRole:
                return translate("CaseTableModel", "新到：您上次查看之后才到这里")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return col.align
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.key == "due":
                return "\n".join(filter(None, (line.texts[index.column()], line.due_tip))) or None
            if col.key == "item":
                return line.row.subject
            if col.key in ("department", "handler", "visitor", "status", "kind"):
                return line.texts[index.column()]  # may be elided in a narrow column
            return None
        if col.key != "due":
            return None
        colours = DUE_COLOURS.get("due_soon" if line.due_state == "due_today" else line.due_state)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(colours[0]) if colours and colours[0] is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(colours[1]) if colours else None
        if role == Qt.ItemDataRole.FontRole and line.due_state == "overdue":
            font = QFont()
            font.setBold(True)
            return font
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
        return self._filter

    def sort_column(self) -> int:
        return next((i for i, c in enumerate(self.columns) if c.sort == self._filter.sort), -1)

    def set_filter(self, case_filter: CaseFilter, *, force: bool = False) -> None:
        """Show another filter or order: the count and first page now, later rows when the
        view asks for them."""
        if case_filter == self._filter and not force:
            return
        self.beginResetModel()
        self._filter = case_filter
        self._pages.clear()
        self._rows = self._count()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read after a change: forget pages and counts, keep the view's position."""
        self._counts.clear()
        self._pages.clear()
        self._renderer = None
        old, new = self._rows, self._count()
        if new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
            self._rows = new
            self.endInsertRows()
        elif new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            self._rows = new
            self.endRemoveRows()
        if self._rows:
            last = self.index(self._rows - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.refreshed.emit()

    def is_new(self, row: CaseRow) -> bool:
        """Changed since the person last looked (an inbox section sets `new_since`)."""
        return (self.new_since is not None and row.updated_at is not None
                and row.updated_at > self.new_since)

    def case_id_at(self, row: int) -> int | None:
        line = self.line(row) if 0 <= row < self._rows else None
        return line.row.id if line else None

    def row_of(self, case_id: int) -> int | None:
        """The row of a case among the pages already read (None if not loaded)."""
        for page, lines in self._pages.items():
            for i, line in enumerate(lines):
                if line.row.id == case_id:
                    return page * PAGE_SIZE + i
        return None

    def find_row(self, case_id: int, pages: int = 2) -> int | None:
        """Like row_of, reading the first `pages` pages if they are not loaded yet."""
        row = self.row_of(case_id)
        for number in range(pages):
            if row is not None or number * PAGE_SIZE >= self._rows:
                break
            self._page(number)
            row = self.row_of(case_id)
        return row

    def line(self, row: int) -> Line | None:
        page = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if page is not None and offset < len(page) else None

    # ---- SQL ---------------------------------------------------------------------------
    def _count(self) -> int:
        """How many rows the filter has; a filter not counted yet reads its first page with
        the count (the view shows it next; a short list is then a single query)."""
        f = self._filter
        if f in self._counts:
            self._counts.move_to_end(f)
            return self._counts[f]
        try:
            n, rows = first_page(f, PAGE_SIZE)
            lines = self._lines(rows)
        except (StorageError, pw.PeeweeException, sqlite3.Error) as exc:
            self._report(exc)
            return 0
        self._counts[f] = n
        while len(self._counts) > MAX_COUNTS:
            self._counts.popitem(last=False)
        self._keep(0, lines)
        return n

    def _page(self, number: int) -> list[Line] | None:
        if number in self._pages:
            self._pages.move_to_end(number)
            return self._pages[number]
        try:
            lines = self._lines(self._fetch(number * PAGE_SIZE))
        except (StorageError, pw.PeeweeException, sqlite3.Error) as exc:
            self._report(exc)
            return None
        self._keep(number, lines)
        return lines

    def _lines(self, rows: list[CaseRow]) -> list[Line]:
        if self._renderer is None or self._renderer.now != register.now():
            self._renderer = DueRenderer(register.now(), self.lang)
        return [self._render(r, self._renderer) for r in rows]

    def _keep(self, number: int, lines: list[Line]) -> None:
        self.page_fetches += 1
        self._error_shown = False
        self._pages[number] = lines
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)

    def _fetch(self, start: int) -> list[CaseRow]:
        """One page; past the middle it is read backwards from the end, so that OFFSET stays
        below half the list (the last page of 1,000,000 rows costs what the first does)."""
        end = min(start + PAGE_SIZE, self._rows)
        if start <= self._rows // 2 or end <= start:
            return fetch_rows(self._filter, start, PAGE_SIZE)
        backwards = replace(self._filter, descending=not self._filter.descending)
        return fetch_rows(backwards, self._rows - end, end - start)[::-1]

    def _report(self, exc: BaseException) -> None:
        """Tell the window once per failure streak, after the paint that hit it."""
        log.warning("case list query failed: %s", exc)
        if not self._error_shown:
            self._error_shown = True
            err = as_storage_error(exc)
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
