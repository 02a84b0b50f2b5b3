"""监督统计: a period's figures for department heads and leaders — tiles, tables, charts, exports."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.supervision.reports import StatTable, fmt_cell, monthly_report_paper, stat_tables, words
from core.supervision.statistics import Period, PeriodStats, department_stats
from gui.desk.detail_widgets import flow_bar
from gui.errors import notify
from gui.session import Session
from gui.supervision.charts import (
    ChartPanel,
    channel_chart,
    department_chart,
    evaluation_chart,
    kind_chart,
)
from gui.supervision.widgets import (
    KpiTile,
    ReportPage,
    StatTableModel,
    add_page_if_allowed,
    menu_button,
    table_view,
)

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

# The order a supervisor reads them in; "概况" (every figure with its definition) comes last.
TAB_ORDER = ("按部门", "按人员", "超期事项", "即将到期", "按状态", "按类型", "按渠道", "好差评", "概况")
DUE_TABS = ("超期事项", "即将到期")
LIST_LIMIT = 1000  # overdue and due-soon cases listed on the screen (the tile counts them all)
TILE_WIDTH = 130  # below eight of these the tiles take two rows


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


class SupervisionPage(ReportPage):
    """Statistics for the chosen period and department, computed on the worker thread."""

    case_activated = Signal(int)
    stats_loaded = Signal(object)  # PeriodStats (tests wait for it)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.stats: PeriodStats | None = None
        self.tables: dict[str, StatTable] = {}
        self.models: dict[str, StatTableModel] = {}
        self.views: dict[str, QTableView] = {}
        self._generation = 0
        self._build()
        self.period_picker.changed.connect(self.load)
        self.department_box.currentIndexChanged.connect(lambda _i: self.load())

    def _build(self) -> None:
        bar = self._toolbar()
        grid = self._tile_grid()
        self._sheet_tabs()
        body = self._panes()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.addWidget(bar)
        layout.addWidget(self.state_label)
        layout.addLayout(grid)
        layout.addWidget(body, 1)

    def _toolbar(self) -> QWidget:
        """Period, department, refresh, the Excel exports and the monthly report."""
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.clicked.connect(self.load)
        self.busy_buttons.append(self.refresh_button)
        self.export_button = menu_button(self, self.tr("导出 Excel"), (
            (self.tr("导出当前表格…"), self.export_current),
            (self.tr("导出全部统计表…"), self.export_all),
            (self.tr("导出本期事项登记簿…"), self.export_register)))
        self.report_button = menu_button(self, self.tr("月度报告 PDF"), (
            (self.tr("预览并打印…"), self.preview_report),
            (self.tr("另存为 PDF…"), self.save_report)))
        for button in (self.export_button, self.report_button):
            button.setEnabled(self.session.can("export"))
        bar = flow_bar(self, [self.period_picker, (QLabel(self.tr("部门"), self),
                                                   self.department_box),
                              self.refresh_button, self.busy, self.export_button,
                              self.report_button])
        self.state_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        return bar

    def _tile_grid(self) -> QGridLayout:
        """The eight figures of the period; 当前超期 opens its table."""
        self.tiles: dict[str, KpiTile] = {}
        self.tile_grid = grid = QGridLayout()
        self.tile_columns = 8
        grid.setSpacing(8)
        for i, (key, caption) in enumerate((
                ("registered", self.tr("登记事项")), ("resolved", self.tr("办结")),
                ("on_time", self.tr("按时办结率")), ("accept", self.tr("平均签收用时")),
                ("resolve", self.tr("平均办结用时")), ("once", self.tr("最多跑一次率")),
                ("satisfaction", self.tr("满意率")), ("overdue", self.tr("当前超期")))):
            self.tiles[key] = KpiTile(caption, self)
            grid.addWidget(self.tiles[key], 0, i)
        self.tiles["overdue"].setCursor(Qt.CursorShape.PointingHandCursor)
        self.tiles["overdue"].clicked.connect(lambda: self.show_tab("超期事项"))
        return grid

    def _sheet_tabs(self) -> None:
        """One sortable table per statistics sheet; the due ones open a case on Enter."""
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        for sheet in TAB_ORDER:
            model, view = StatTableModel(self), table_view(self)
            view.setModel(model)
            view.setSortingEnabled(True)
            view.horizontalHeader().setSortIndicatorShown(False)
            if sheet in DUE_TABS:
                view.activated.connect(lambda index, m=model: self._open_case(m, index.row()))
                view.setToolTip(self.tr("双击打开事项"))
            self.models[sheet], self.views[sheet] = model, view
            self.tabs.addTab(view, self.tab_title(sheet))

    def _panes(self) -> QSplitter:
        """The tables beside the department chart, above the other three charts."""
        self.charts = {key: ChartPanel(self) for key in ("department", "kind", "channel",
                                                         "evaluation")}
        top, bottom = QSplitter(Qt.Orientation.Horizontal, self), QSplitter(self)
        top.addWidget(self.tabs)
        top.addWidget(self.charts["department"])
        for key in ("kind", "channel", "evaluation"):
            bottom.addWidget(self.charts[key])
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(top)
        body.addWidget(bottom)
        for splitter, sizes in ((top, [700, 460]), (bottom, [1, 1, 1]), (body, [460, 250])):
            splitter.setChildrenCollapsible(False)
            splitter.setSizes(sizes)
        return body

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Eight tiles in a row on a wide screen, two rows of four on a narrow one."""
        super().resizeEvent(event)
        columns = 8 if event.size().width() >= 8 * TILE_WIDTH else 4
        if columns != self.tile_columns:
            self.tile_columns = columns
            for i, tile in enumerate(self.tiles.values()):
                self.tile_grid.removeWidget(tile)
                self.tile_grid.addWidget(tile, i // columns, i % columns)

    # ---- loading -------------------------------------------------------------------------
    def period(self) -> Period:
        return self.period_picker.period()

    def load(self) -> None:
        """Recompute on the worker thread; a newer request wins over an older one."""
        self._loaded = True
        self._generation += 1
        generation = self._generation
        period, dep, me = self.period(), self.department_id(), self.session.staff.id
        # The overdue tab lists every case its tile counts (up to LIST_LIMIT, said if more).
        self.run_job(self.tr("正在统计…"), lambda: department_stats(
            period, dep, actor_id=me, list_limit=LIST_LIMIT),
            lambda stats: self._show(generation, stats))

    def _show(self, generation: int, stats: PeriodStats) -> None:
        if generation != self._generation:
            return  # an older request; a newer one is on its way
        self.stats = stats
        lang = self.session.lang
        self.tables = {t.sheet: t for t in stat_tables(stats, lang)}
        ids = {"超期事项": tuple(r.id for r in stats.overdue.rows),
               "即将到期": tuple(r.id for r in stats.due_soon.rows)}
        for i, sheet in enumerate(TAB_ORDER):
            self.models[sheet].set_table(self.tables[sheet], ids.get(sheet, ()))
            self._fit_columns(self.views[sheet], self.tables[sheet])
            self.tabs.setTabText(i, self.tab_title(sheet, stats))
        self._fill_tiles(stats)
        for key, make in (("department", department_chart), ("kind", kind_chart),
                          ("channel", channel_chart), ("evaluation", evaluation_chart)):
            self.charts[key].show_chart(make(stats, lang))
        for sheet in DUE_TABS:  # most late (or soonest due) first, and the arrow says so
            view = self.views[sheet]
            view.horizontalHeader().setSortIndicatorShown(True)
            view.horizontalHeader().setSortIndicator(
                1, Qt.SortOrder.DescendingOrder if sheet == "超期事项" else Qt.SortOrder.AscendingOrder)
        self.state_label.setText(self.tr("{period} · {scope} · 截至 {at}").format(
            period=stats.period.label_for(lang), scope=words(stats.scope, lang),
            at=f"{stats.generated_at:%m-%d %H:%M}"))
        self.stats_loaded.emit(stats)

    def tab_title(self, sheet: str, stats: PeriodStats | None = None) -> str:
        counts = {"超期事项": stats.overdue.total, "即将到期": stats.due_soon.total} if stats else {}
        title = {"按部门": self.tr("按部门"), "按人员": self.tr("按人员"), "超期事项": self.tr("超期事项"),
                 "即将到期": self.tr("即将到期"), "按状态": self.tr("按状态"), "按类型": self.tr("按类型"),
                 "按渠道": self.tr("按渠道"), "好差评": self.tr("好差评"),
                 "概况": self.tr("全部指标")}.get(sheet, sheet)
        return f"{title} ({counts[sheet]})" if sheet in counts else title

    def _fit_columns(self, view: QTableView, table: StatTable) -> None:
        """Widths from the header and the first rows' texts (measuring every cell through the
        view costs 100 ms); a wide (事项) column takes what is left."""
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        metrics = view.fontMetrics()
        for col, (head, fmt) in enumerate(zip(table.head, table.formats, strict=True)):
            texts = [head, *(fmt_cell(row[col], fmt, table.lang) for row in table.rows[:60])]
            width = max(map(metrics.horizontalAdvance, texts)) + 20
            view.setColumnWidth(col, min(width + (16 if col == 1 else 0),
                                         220 if fmt in ("wide", "late", "left") else 160))
            if fmt == "wide":
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)

    def _fill_tiles(self, s: PeriodStats) -> None:
        t, acc, res, vis, ev = s.total, s.accept_minutes, s.resolve_hours, s.visits, s.evaluations
        tile = self.tiles
        tile["registered"].set_value(f"{t.registered:,}", self.tr("未办结 {open} · 去向 {ref}")
                                     .format(open=f"{t.open:,}", ref=f"{s.referred:,}"))
        tile["resolved"].set_value(f"{t.resolved:,}", self.tr("按时 {a} · 超期 {b}").format(
            a=f"{t.on_time:,}", b=f"{t.late:,}"))
        tile["on_time"].set_value(pct(t.on_time_rate), f"{t.on_time:,} / {t.on_time + t.late:,}")
        mean, p90 = self.span_text(acc.mean, acc.p90, hours=False)
        tile["accept"].set_value(mean, self.tr("P90 {p90}").format(p90=p90))
        mean, p90 = self.span_text(res.mean, res.p90, hours=True)
        tile["resolve"].set_value(mean, self.tr("P90 {p90}").format(p90=p90))
        tile["once"].set_value(pct(vis.once_rate), self.tr("平均 {mean} 次/件").format(
            mean="—" if vis.mean is None else f"{vis.mean:.2f}"))
        tile["satisfaction"].set_value(pct(ev.satisfaction_rate), self.tr("参评 {n} 件").format(
            n=f"{ev.evaluated:,}"))
        tile["overdue"].set_value(f"{s.overdue.total:,}", self.tr("即将到期 {n}").format(
            n=f"{s.due_soon.total:,}"), "bad" if s.overdue.total else "good")
        tile["overdue"].setToolTip(self.tr("此刻超期的未办结事项（不限登记期间），与“超期事项”"
                                           "一页所列相同；点击查看"))

    def span_text(self, mean: float | None, p90: float | None, hours: bool) -> tuple[str, str]:
        """(mean, P90) in one unit: working minutes while short, hours otherwise."""
        in_minutes = not hours and mean is not None and mean < 240

        def one(value: float | None) -> str:
            if value is None:
                return "—"
            if in_minutes:
                return self.tr("{n} 分钟").format(n=round(value))
            return self.tr("{n} 小时").format(n=f"{value / (1 if hours else 60):.1f}")

        return one(mean), one(p90)

    def show_tab(self, sheet: str) -> None:
        self.tabs.setCurrentIndex(TAB_ORDER.index(sheet))

    def current_sheet(self) -> str:
        return TAB_ORDER[max(0, self.tabs.currentIndex())]

    def _open_case(self, model: StatTableModel, row: int) -> None:
        case_id = model.id_at(row)
        if case_id is not None:
            self.case_activated.emit(case_id)

    # ---- exports -------------------------------------------------------------------------
    def _name(self, what: str, suffix: str) -> str:
        lang = self.session.lang
        scope = words(self.stats.scope, lang) if self.stats else self.department_box.currentText()
        return f"{what}-{self.period().label_for(lang)}-{scope}{suffix}"

    def _ready(self) -> bool:
        if self.stats is None:
            notify(self, self.tr("导出"), self.tr("统计尚未完成，请稍候再试。"), "info")
        return self.stats is not None

    def export_current(self) -> None:
        if self._ready():
            table, me = self.tables[self.current_sheet()], self.session.staff.id
            sheet = words(table.sheet, self.session.lang)
            self.save_file(self.tr("导出表格"), self._name(self.tr("监督统计") + f"-{sheet}", ".xlsx"),
                           ".xlsx", lambda path: _excel().export_table(table, path, actor_id=me))

    def export_all(self) -> None:
        if self._ready():
            tables = [self.tables[s] for s in ("概况", *TAB_ORDER[:-1])]
            me = self.session.staff.id
            self.save_file(self.tr("导出全部统计表"), self._name(self.tr("监督统计"), ".xlsx"), ".xlsx",
                           lambda path: _excel().export_tables(tables, path, actor_id=me))

    def export_register(self) -> None:
        """The period's register (the department's, for a head), streamed with a progress
        dialog and 取消 (a month of a million-case register takes a second or two)."""
        from gui.supervision.accountability_dialogs import ask_save_path
        from gui.widgets.export_progress import run_export

        period, dep, me = self.period(), self.department_id(), self.session.staff.id
        lang = self.session.lang
        title = self.tr("导出事项登记簿")
        target = ask_save_path(self, title, self._name(self.tr("事项登记簿"), ".xlsx"), ".xlsx")
        if target is None:
            return
        self.register_export = run_export(
            self, title, self.tr("正在导出事项登记簿…"),
            lambda progress: _excel().export_register(period, target, actor_id=me,
                                                        department_id=dep, progress=progress,
                                                        lang=lang),
            lambda _n: self._saved(str(target)), self.session.lang)

    def _report(self) -> Any:
        period, dep, me = self.period(), self.department_id(), self.session.staff.id
        lang = self.session.lang

        def draw() -> bytes:
            from documents.render import render  # ReportLab loads when a report is drawn

            return render(monthly_report_paper(period, dep, "a4", actor_id=me, lang=lang))
        return draw

    def save_report(self) -> None:
        render = self._report()
        self.save_file(self.tr("月度报告另存为 PDF"), self._name(self.tr("月度报告"), ".pdf"), ".pdf",
                       lambda path: Path(path).write_bytes(render()))

    def preview_report(self) -> None:
        self.preview_pdf(self.tr("月度报告"), self._name(self.tr("月度报告"), ".pdf"), self._report())


def register_pages(window: Any) -> None:
    """Add 监督统计 (Ctrl+4) to the main window when the signed-in role may see statistics."""
    add_page_if_allowed(window, "supervision", "view_statistics", SupervisionPage,
                        translate("SupervisionPage", "监督统计"), "Ctrl+4")


def _excel() -> Any:
    """core.exports, loaded when something is exported (XlsxWriter is not needed to start)."""
    from core import exports

    return exports
