"""监督统计: a period's figures for department heads and leaders — tiles, tables, charts, exports."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import excel_io
from core.reports import StatTable, render_monthly_report, stat_tables
from core.staff import list_departments
from core.statistics import Period, PeriodStats, department_stats
from gui.accountability_dialogs import PdfPreviewDialog
from gui.errors import notify, show_error
from gui.ops import run_in_background
from gui.session import Session
from gui.supervision_widgets import (
    ChartPanel,
    KpiTile,
    PeriodPicker,
    StatTableModel,
    ask_save_path,
    department_chart,
    evaluation_chart,
    menu_button,
    suggested_path,
    table_view,
)

log = logging.getLogger(__name__)

# The order a supervisor reads them in; "概况" (every figure with its definition) comes last.
TAB_ORDER = ("按部门", "按人员", "超期事项", "即将到期", "按状态", "按类型", "按渠道", "好差评", "概况")
DUE_TABS = ("超期事项", "即将到期")


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


class SupervisionPage(QWidget):
    """Statistics for the chosen period and department, computed on the worker thread."""

    case_activated = Signal(int)
    stats_loaded = Signal(object)  # PeriodStats (tests wait for it)
    exported = Signal(str)  # path of a written .xlsx or .pdf

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stats: PeriodStats | None = None
        self.tables: dict[str, StatTable] = {}
        self.models: dict[str, StatTableModel] = {}
        self.views: dict[str, QTableView] = {}
        self._generation = 0
        self._loaded = False
        self.preview: PdfPreviewDialog | None = None
        self._build()

    # ---- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.period_picker = PeriodPicker(self)
        self.period_picker.changed.connect(self.refresh)
        self.department_box = QComboBox(self)
        self.department_box.addItem(self.tr("全部部门"), None)
        for dep in list_departments():
            self.department_box.addItem(dep.name, dep.id)
        me = self.session.staff
        if me.role == "dept_head":  # core limits a head to their department; show it so
            self.department_box.setCurrentIndex(max(0, self.department_box.findData(me.department_id)))
            self.department_box.setEnabled(False)
            self.department_box.setToolTip(self.tr("部门负责人只能查看本部门的统计"))
        self.department_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate: statistics take a moment on a big register
        self.busy.setFixedWidth(90)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self.state_label = QLabel(self)
        self.state_label.setStyleSheet("color: #5f6b7a;")
        self.export_button = menu_button(self, self.tr("导出 Excel"), (
            (self.tr("导出当前表格…"), self.export_current),
            (self.tr("导出全部统计表…"), self.export_all),
            (self.tr("导出本期事项登记簿…"), self.export_register),
        ))
        self.report_button = menu_button(self, self.tr("月度报告 PDF"), (
            (self.tr("预览并打印…"), self.preview_report),
            (self.tr("另存为 PDF…"), self.save_report),
        ))
        can_export = self.session.can("export")
        self.export_button.setEnabled(can_export)
        self.report_button.setEnabled(can_export)
        if not can_export:
            for button in (self.export_button, self.report_button):
                button.setToolTip(self.tr("您的角色不能导出"))
        top = QHBoxLayout()
        top.addWidget(self.period_picker)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("部门"), self))
        top.addWidget(self.department_box)
        top.addWidget(self.refresh_button)
        top.addWidget(self.busy)
        top.addWidget(self.state_label, 1)
        top.addWidget(self.export_button)
        top.addWidget(self.report_button)

        self.tiles: dict[str, KpiTile] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for i, (key, caption) in enumerate((
                ("registered", self.tr("登记事项")), ("resolved", self.tr("办结")),
                ("on_time", self.tr("按时办结率")), ("accept", self.tr("平均签收用时")),
                ("resolve", self.tr("平均办结用时")), ("once", self.tr("最多跑一次率")),
                ("satisfaction", self.tr("满意率")), ("overdue", self.tr("当前超期")))):
            tile = KpiTile(caption, self)
            self.tiles[key] = tile
            grid.addWidget(tile, 0, i)
        self.tiles["overdue"].setCursor(Qt.CursorShape.PointingHandCursor)
        self.tiles["overdue"].clicked.connect(lambda: self.show_tab("超期事项"))

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        for sheet in TAB_ORDER:
            model = StatTableModel(self)
            view = table_view(self)
            view.setModel(model)
            view.setSortingEnabled(True)
            view.horizontalHeader().setSortIndicatorShown(False)
            if sheet in DUE_TABS:
                view.activated.connect(lambda index, m=model: self._open_case(m, index.row()))
                view.setToolTip(self.tr("双击打开事项"))
            self.models[sheet], self.views[sheet] = model, view
            self.tabs.addTab(view, sheet)
        self.department_panel = ChartPanel(self)
        self.evaluation_panel = ChartPanel(self)
        charts = QSplitter(Qt.Orientation.Vertical, self)
        charts.addWidget(self.department_panel)
        charts.addWidget(self.evaluation_panel)
        charts.setStretchFactor(0, 3)
        charts.setStretchFactor(1, 2)
        self.body = QSplitter(Qt.Orientation.Horizontal, self)
        self.body.addWidget(self.tabs)
        self.body.addWidget(charts)
        self.body.setStretchFactor(0, 3)
        self.body.setStretchFactor(1, 2)
        self.body.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.body, 1)

    # ---- loading -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:  # the first look computes; later looks keep the figures
            self.refresh()

    def period(self) -> Period:
        return self.period_picker.period()

    def department_id(self) -> int | None:
        value = self.department_box.currentData()
        return int(value) if value is not None else None

    def refresh(self) -> None:
        """Recompute on the worker thread; a newer request wins over an older one."""
        self._loaded = True
        self._generation += 1
        generation = self._generation
        period, dep, me = self.period(), self.department_id(), self.session.staff.id
        self._set_busy(True)
        run_in_background(lambda: department_stats(period, dep, actor_id=me),
                          lambda stats: self._loaded_stats(generation, stats),
                          lambda exc: self._failed(generation, exc))

    def _alive(self, generation: int) -> bool:
        return shiboken6.isValid(self) and generation == self._generation

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.refresh_button.setEnabled(not busy)
        if busy:
            self.state_label.setText(self.tr("正在统计…"))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not self._alive(generation):
            return
        self._set_busy(False)
        self.state_label.setText(self.tr("统计失败"))
        show_error(self, exc, self.session.lang)

    def _loaded_stats(self, generation: int, stats: PeriodStats) -> None:
        if not self._alive(generation):
            return
        self._set_busy(False)
        self.stats = stats
        self.tables = {t.sheet: t for t in stat_tables(stats)}
        ids = {"超期事项": tuple(r.id for r in stats.overdue.rows),
               "即将到期": tuple(r.id for r in stats.due_soon.rows)}
        for i, sheet in enumerate(TAB_ORDER):
            self.models[sheet].set_table(self.tables[sheet], ids.get(sheet, ()))
            self._fit_columns(self.views[sheet], self.tables[sheet])
            self.tabs.setTabText(i, self._tab_title(sheet, stats))
        self._fill_tiles(stats)
        self.department_panel.show_chart(department_chart(stats))
        self.evaluation_panel.show_chart(evaluation_chart(stats))
        self.state_label.setText(self.tr("{period} · {scope} · 截至 {at}").format(
            period=stats.period.label, scope=stats.scope, at=f"{stats.generated_at:%m-%d %H:%M}"))
        self.stats_loaded.emit(stats)

    def _tab_title(self, sheet: str, stats: PeriodStats) -> str:
        titles = {"按部门": self.tr("按部门"), "按人员": self.tr("按人员"),
                  "按状态": self.tr("按状态"), "按类型": self.tr("按类型"),
                  "按渠道": self.tr("按渠道"), "好差评": self.tr("好差评"),
                  "概况": self.tr("全部指标")}
        if sheet == "超期事项":
            return self.tr("超期事项 ({n})").format(n=stats.overdue.total)
        if sheet == "即将到期":
            return self.tr("即将到期 ({n})").format(n=stats.due_soon.total)
        return titles.get(sheet, sheet)

    def _fit_columns(self, view: QTableView, table: StatTable) -> None:
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = view.fontMetrics()
        for col, (head, fmt) in enumerate(zip(table.head, table.formats, strict=True)):
            width = max(metrics.horizontalAdvance(head) + 24, 64 if fmt != "text" else 90)
            view.setColumnWidth(col, min(width, 160))
            if fmt == "wide":
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection("wide" not in table.formats)

    def _fill_tiles(self, s: PeriodStats) -> None:
        t, acc, res, vis, ev = s.total, s.accept_minutes, s.resolve_hours, s.visits, s.evaluations
        tile = self.tiles
        tile["registered"].set_value(f"{t.registered:,}", self.tr("在办 {open} · 告知去向 {ref}")
                                     .format(open=f"{t.open:,}", ref=f"{s.referred:,}"))
        tile["resolved"].set_value(f"{t.resolved:,}", self.tr("按时 {a} · 超期 {b}").format(
            a=f"{t.on_time:,}", b=f"{t.late:,}"))
        tile["on_time"].set_value(pct(t.on_time_rate), f"{t.on_time:,} / {t.on_time + t.late:,}")
        mean, p90 = self.span_text(acc.mean, acc.p90, hours=False)
        tile["accept"].set_value(mean, self.tr("P90 {p90} · {n} 次转办 · 工作时间").format(
            p90=p90, n=acc.count))
        mean, p90 = self.span_text(res.mean, res.p90, hours=True)
        tile["resolve"].set_value(mean, self.tr("P90 {p90} · {n} 件").format(p90=p90, n=res.count))
        tile["once"].set_value(pct(vis.once_rate), self.tr("平均 {mean} 次/件").format(
            mean="—" if vis.mean is None else f"{vis.mean:.2f}"))
        tile["satisfaction"].set_value(pct(ev.satisfaction_rate), self.tr(
            "参评 {n} 件 · 参评率 {rate}").format(n=ev.evaluated, rate=pct(ev.participation_rate)))
        tile["overdue"].set_value(f"{s.overdue.total:,}", self.tr("即将到期 {n} · 点击查看").format(
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
    def _file_label(self) -> str:
        stats = self.stats
        label = stats.period.label if stats else self.period().label
        return f"{label}-{stats.scope if stats else ''}".replace(" ", "")

    def _write(self, title: str, name: str, suffix: str, job: Any) -> None:
        """Ask where, then run `job(path)` on the worker; tell the user where it went."""
        target = ask_save_path(self, title, name, suffix)
        if target is None:
            return
        self._set_busy(True)
        self.state_label.setText(self.tr("正在导出…"))
        run_in_background(lambda: job(target), lambda _r: self._written(target),
                          self._write_failed)

    def _written(self, target: Path) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self.state_label.setText(self.tr("已保存：{path}").format(path=str(target)))
        self.exported.emit(str(target))

    def _write_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self.state_label.setText(self.tr("导出失败"))
        show_error(self, exc, self.session.lang)

    def _need_stats(self) -> bool:
        if self.stats is None:
            notify(self, self.tr("导出"), self.tr("统计尚未完成，请稍候再试。"), "info")
            return False
        return True

    def export_current(self) -> None:
        if not self._need_stats():
            return
        table, me = self.tables[self.current_sheet()], self.session.staff.id
        self._write(self.tr("导出表格"), f"监督统计-{table.sheet}-{self._file_label()}.xlsx",
                    ".xlsx", lambda path: excel_io.export_table(table, path, actor_id=me))

    def export_all(self) -> None:
        if not self._need_stats():
            return
        tables, me = [self.tables[s] for s in ("概况", *TAB_ORDER[:-1])], self.session.staff.id
        self._write(self.tr("导出全部统计表"), f"监督统计-{self._file_label()}.xlsx", ".xlsx",
                    lambda path: excel_io.export_tables(tables, path, actor_id=me))

    def export_register(self) -> None:
        period, me = self.period(), self.session.staff.id
        self._write(self.tr("导出事项登记簿"), f"事项登记簿-{period.label}.xlsx".replace(" ", ""),
                    ".xlsx", lambda path: excel_io.export_register(period, path, actor_id=me))

    def _report_job(self) -> Any:
        period, dep, me = self.period(), self.department_id(), self.session.staff.id
        return lambda: render_monthly_report(period, dep, "a4", actor_id=me)

    def save_report(self) -> None:
        job = self._report_job()
        self._write(self.tr("月度报告另存为 PDF"), f"月度报告-{self._file_label()}.pdf", ".pdf",
                    lambda path: Path(path).write_bytes(job()))

    def preview_report(self) -> None:
        self._set_busy(True)
        self.state_label.setText(self.tr("正在生成月度报告…"))
        name = f"月度报告-{self._file_label()}.pdf"
        run_in_background(self._report_job(), lambda pdf: self._show_preview(pdf, name),
                          self._write_failed)

    def _show_preview(self, pdf: bytes, name: str) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self.state_label.setText(self.tr("月度报告已生成"))
        self.preview = PdfPreviewDialog.open_pdf(self, pdf, self.tr("月度报告"),
                                                 suggested_path(name))


def register_pages(window: Any) -> None:
    """Add 监督统计 (Ctrl+4) to the main window when the signed-in role may see statistics."""
    if not window.session.can("view_statistics"):
        return
    page = SupervisionPage(window.session, window)
    page.case_activated.connect(window.show_case)
    window.add_page("supervision", page.tr("监督统计"), page, "Ctrl+4")
