"""监督统计: a period's figures for department heads and leaders — tiles, tables, charts, exports."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import excel_io
from core.reports import StatTable, fmt_cell, render_monthly_report, stat_tables
from core.statistics import CountRow, Period, PeriodStats, department_stats
from gui.errors import notify
from gui.session import Session
from gui.supervision_widgets import (
    KpiTile,
    ReportPage,
    StatTableModel,
    menu_button,
    table_view,
)

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

# The order a supervisor reads them in; "概况" (every figure with its definition) comes last.
TAB_ORDER = ("按部门", "按人员", "超期事项", "即将到期", "按状态", "按类型", "按渠道", "好差评", "概况")
DUE_TABS = ("超期事项", "即将到期")
OUTCOME_COLOURS = ("#2e7d32", "#c62828", "#1f6fb2", "#9aa5b1")  # on time, late, open, other
EVALUATION_COLOURS = {"5": "#2e7d32", "4": "#7cb342", "3": "#c0ca33", "2": "#fb8c00",
                      "1": "#c62828"}
PALETTE = ("#1f6fb2", "#2e9d8f", "#f0a202", "#8e5ea2", "#d1495b", "#6c7a89")
MAX_BARS = 12


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
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.clicked.connect(self.load)
        self.busy_buttons.append(self.refresh_button)
        self.export_button = menu_button(self, self.tr("导出 Excel"), (
            (self.tr("导出当前表格…"), self.export_current),
            (self.tr("导出全部统计表…"), self.export_all)))
        self.report_button = menu_button(self, self.tr("月度报告 PDF"), (
            (self.tr("预览并打印…"), self.preview_report),
            (self.tr("另存为 PDF…"), self.save_report)))
        for button in (self.export_button, self.report_button):
            button.setEnabled(self.session.can("export"))
        bar = QHBoxLayout()
        for w in (self.period_picker, QLabel(self.tr("部门"), self), self.department_box,
                  self.refresh_button, self.busy):
            bar.addWidget(w)
        bar.addWidget(self.state_label, 1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.report_button)

        self.tiles: dict[str, KpiTile] = {}
        grid = QGridLayout()
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.addLayout(bar)
        layout.addLayout(grid)
        layout.addWidget(body, 1)

    # ---- loading -------------------------------------------------------------------------
    def period(self) -> Period:
        return self.period_picker.period()

    def load(self) -> None:
        """Recompute on the worker thread; a newer request wins over an older one."""
        self._loaded = True
        self._generation += 1
        generation = self._generation
        period, dep, me = self.period(), self.department_id(), self.session.staff.id
        self.run_job(self.tr("正在统计…"), lambda: department_stats(period, dep, actor_id=me),
                     lambda stats: self._show(generation, stats))

    def _show(self, generation: int, stats: PeriodStats) -> None:
        if generation != self._generation:
            return  # an older request; a newer one is on its way
        self.stats = stats
        self.tables = {t.sheet: t for t in stat_tables(stats)}
        ids = {"超期事项": tuple(r.id for r in stats.overdue.rows),
               "即将到期": tuple(r.id for r in stats.due_soon.rows)}
        for i, sheet in enumerate(TAB_ORDER):
            self.models[sheet].set_table(self.tables[sheet], ids.get(sheet, ()))
            self._fit_columns(self.views[sheet], self.tables[sheet])
            self.tabs.setTabText(i, self.tab_title(sheet, stats))
        self._fill_tiles(stats)
        for key, make in (("department", department_chart), ("kind", kind_chart),
                          ("channel", channel_chart), ("evaluation", evaluation_chart)):
            self.charts[key].show_chart(make(stats))
        self.state_label.setText(self.tr("{period} · {scope} · 截至 {at}").format(
            period=stats.period.label, scope=stats.scope, at=f"{stats.generated_at:%m-%d %H:%M}"))
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
            texts = [head, *(fmt_cell(row[col], fmt) for row in table.rows[:60])]
            width = max(map(metrics.horizontalAdvance, texts)) + 20
            view.setColumnWidth(col, min(width, 220 if fmt == "wide" else 160))
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
        scope = self.stats.scope if self.stats else self.department_box.currentText()
        return f"{what}-{self.period().label}-{scope}{suffix}"

    def _ready(self) -> bool:
        if self.stats is None:
            notify(self, self.tr("导出"), self.tr("统计尚未完成，请稍候再试。"), "info")
        return self.stats is not None

    def export_current(self) -> None:
        if self._ready():
            table, me = self.tables[self.current_sheet()], self.session.staff.id
            self.save_file(self.tr("导出表格"), self._name(self.tr("监督统计") + f"-{table.sheet}", ".xlsx"),
                           ".xlsx", lambda path: excel_io.export_table(table, path, actor_id=me))

    def export_all(self) -> None:
        if self._ready():
            tables = [self.tables[s] for s in ("概况", *TAB_ORDER[:-1])]
            me = self.session.staff.id
            self.save_file(self.tr("导出全部统计表"), self._name(self.tr("监督统计"), ".xlsx"), ".xlsx",
                           lambda path: excel_io.export_tables(tables, path, actor_id=me))

    def _report(self) -> Any:
        period, dep, me = self.period(), self.department_id(), self.session.staff.id
        return lambda: render_monthly_report(period, dep, "a4", actor_id=me)

    def save_report(self) -> None:
        render = self._report()
        self.save_file(self.tr("月度报告另存为 PDF"), self._name(self.tr("月度报告"), ".pdf"), ".pdf",
                       lambda path: Path(path).write_bytes(render()))

    def preview_report(self) -> None:
        self.preview_pdf(self.tr("月度报告"), self._name(self.tr("月度报告"), ".pdf"), self._report())


class ChartPanel(QChartView):
    """A chart view that owns one chart at a time (the previous one is deleted)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(240, 200)
        self.setFrameShape(QFrame.Shape.StyledPanel)

    def show_chart(self, chart: QChart) -> None:
        old = self.chart()
        self.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()


# ---- charts: a picture where it reads faster than a table ---------------------------------


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    bold, small = QFont(), QFont()
    bold.setPixelSize(13)
    bold.setBold(True)
    small.setPixelSize(11)
    chart.setTitleFont(bold)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(0, 0, 0, 0))
    chart.legend().setFont(small)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def bar_chart(title: str, categories: Sequence[str],
              sets: Sequence[tuple[str, str, Sequence[int]]]) -> QChart:
    """Horizontal bars, stacked when there are several sets (name, colour, values); the first
    category is drawn at the top."""
    chart = _chart(title)
    series = QHorizontalStackedBarSeries()
    series.setBarWidth(0.62)
    for name, colour, values in sets:
        bar_set = QBarSet(name)
        bar_set.setColor(QColor(colour))
        bar_set.setBorderColor(QColor(colour))
        bar_set.append([float(v) for v in reversed(values)])
        series.append(bar_set)
    chart.addSeries(series)
    axis_y, axis_x = QBarCategoryAxis(), QValueAxis()
    axis_y.append(list(reversed(categories)) or [translate("SupervisionPage", "（无）")])
    axis_x.setLabelFormat("%d")
    axis_x.setTickCount(5)
    top = max((sum(column) for column in zip(*(v for _n, _c, v in sets), strict=True)), default=0)
    axis_x.setRange(0, max(4, top))
    axis_x.applyNiceNumbers()
    for axis, side in ((axis_y, Qt.AlignmentFlag.AlignLeft), (axis_x, Qt.AlignmentFlag.AlignBottom)):
        axis.setLabelsFont(chart.legend().font())
        chart.addAxis(axis, side)
        series.attachAxis(axis)
    chart.legend().setVisible(len(sets) > 1)
    return chart


def pie_chart(title: str, rows: Sequence[CountRow], colours: dict[str, str]) -> QChart:
    """A pie whose legend carries the words, counts and shares (colour is never alone)."""
    chart = _chart(title)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    series = QPieSeries()
    series.setPieSize(0.82)
    for i, row in enumerate(rows):
        share = "—" if row.share is None else f"{row.share * 100:.0f}%"
        pie_slice = series.append(f"{row.label} {row.count:,}（{share}）", row.count)
        pie_slice.setColor(QColor(colours.get(row.key, PALETTE[i % len(PALETTE)])))
        pie_slice.setBorderColor(QColor("#ffffff"))
    if not any(row.count for row in rows):
        series.append(translate("SupervisionPage", "无数据"), 1).setBrush(
            QBrush(QColor("#e6e9ee")))
    chart.addSeries(series)
    return chart


def department_chart(stats: PeriodStats) -> QChart:
    """Per department: resolved on time, resolved late, still open, other (referred …)."""
    deps = stats.departments[:MAX_BARS]
    parts = [(o.on_time, o.late, o.open, max(0, o.registered - o.on_time - o.late - o.open))
             for o in (d.outcome for d in deps)]
    names = (translate("SupervisionPage", "按时办结"), translate("SupervisionPage", "超期办结"),
             translate("SupervisionPage", "未办结"), translate("SupervisionPage", "其他"))
    return bar_chart(translate("SupervisionPage", "各部门办理情况（件）"), [d.name for d in deps],
                     [(name, colour, [p[i] for p in parts])
                      for i, (name, colour) in enumerate(zip(names, OUTCOME_COLOURS, strict=True))])


def kind_chart(stats: PeriodStats) -> QChart:
    rows = [r for r in stats.by_kind if r.count]
    return bar_chart(translate("SupervisionPage", "事项类型（件）"), [r.label for r in rows],
                     [(translate("SupervisionPage", "件数"), "#1f6fb2", [r.count for r in rows])])


def channel_chart(stats: PeriodStats) -> QChart:
    return pie_chart(translate("SupervisionPage", "来源渠道"),
                     [r for r in stats.by_channel if r.count], {})


def evaluation_chart(stats: PeriodStats) -> QChart:
    ev = stats.evaluations
    title = (translate("SupervisionPage", "好差评 · 满意率 {rate}").format(
        rate=pct(ev.satisfaction_rate)) if ev.evaluated
        else translate("SupervisionPage", "好差评 · 本期无评价"))
    return pie_chart(title, ev.levels, EVALUATION_COLOURS)


def register_pages(window: Any) -> None:
    """Add 监督统计 (Ctrl+4) to the main window when the signed-in role may see statistics."""
    if not window.session.can("view_statistics"):
        return
    page = SupervisionPage(window.session, window)
    page.case_activated.connect(window.show_case)
    window.add_page("supervision", translate("SupervisionPage", "监督统计"), page, "Ctrl+4")
