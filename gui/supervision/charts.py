"""The supervision charts: a picture where it reads faster than a table — departments'
outcomes, kinds, channels and evaluations — with words the screen's language uses and legends
short enough to be read whole."""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QPieSeries,
    QPieSlice,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QPainter
from PySide6.QtWidgets import QBoxLayout, QFrame, QLabel, QToolTip, QVBoxLayout, QWidget

from core.errors import Term
from core.supervision.reports import words
from core.supervision.statistics import CountRow, PeriodStats
from core.vocab import CHANNELS, EVALUATIONS, KINDS

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

OUTCOME_COLOURS = ("#2e7d32", "#c62828", "#1f6fb2", "#9aa5b1")  # on time, late, open, other
EVALUATION_COLOURS = {"5": "#2e7d32", "4": "#7cb342", "3": "#c0ca33", "2": "#fb8c00",
                      "1": "#c62828"}
PALETTE = ("#1f6fb2", "#2e9d8f", "#f0a202", "#8e5ea2", "#d1495b", "#6c7a89")
MAX_BARS = 12
PIE_MIN_WIDTH = 100
"""A pie gives way to its legend down to this width (three panels share 1024 pixels)."""


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


class ChartPanel(QWidget):
    """A chart view that owns one chart at a time (the previous one is deleted), with its
    legend as words beside it (a pie) or under it (bars): Qt's own legend cuts long labels
    ("非常满意 132（63…") in a small panel, a wrapping label never does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QChartView(self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setMinimumSize(140, 120)
        self.title = QLabel(self)  # above the chart: Qt elides a title wider than the plot
        self.title.setObjectName("chart_title")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 13px; font-weight: bold; background: #ffffff;")
        self.legend = QLabel(self)
        self.legend.setObjectName("chart_legend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setStyleSheet("font-size: 11px; background: #ffffff; padding: 2px 6px;")
        self.layout_ = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.layout_.setSpacing(0)
        self.layout_.addWidget(self.view, 1)
        self.layout_.addWidget(self.legend)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(1, 4, 1, 1)
        outer.setSpacing(0)
        outer.addWidget(self.title)
        outer.addLayout(self.layout_, 1)
        self.setMinimumSize(220, 140)  # three of them fit under the tables at 1024×768
        self.setObjectName("chart_panel")
        self.setStyleSheet("QWidget#chart_panel { border: 1px solid #c9d0d9; background: #fff; }")

    def chart(self) -> QChart | None:
        return self.view.chart()

    def title_text(self) -> str:
        return self.title.text()

    def show_chart(self, chart: QChart) -> None:
        old = self.view.chart()
        self.title.setText(chart.title())
        chart.setTitle("")
        self.view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
        entries = legend_entries(chart)
        pie = any(isinstance(series, QPieSeries) for series in chart.series())
        chart.legend().setVisible(False)
        self.layout_.setDirection(QBoxLayout.Direction.LeftToRight if pie
                                  else QBoxLayout.Direction.TopToBottom)
        self.legend.setVisible(bool(entries))
        # A pie's legend has one entry a line and is as wide as its widest entry, never
        # broken ("Very / dissatisfied 0%", "来 / 访 75%"): the pie gives way instead. A bar
        # chart's legend under it wraps between entries, not inside one.
        swatch = ('<span style="white-space:nowrap"><span style="color:{colour}">■</span>'
                  '&nbsp;{text}</span>')
        items = [swatch.format(colour=colour, text=html.escape(text))
                 for colour, text in entries]
        self.legend.setText(("<br>" if pie else "&nbsp;&nbsp; ").join(items))
        self.legend.setAlignment(Qt.AlignmentFlag.AlignVCenter if pie
                                 else Qt.AlignmentFlag.AlignHCenter)
        self.legend.setWordWrap(not pie)
        self.view.setMinimumWidth(PIE_MIN_WIDTH if pie else 140)


def legend_entries(chart: QChart) -> list[tuple[str, str]]:
    """(colour, words) of every slice of a pie, or of every set of a stacked bar chart."""
    entries: list[tuple[str, str]] = []
    for series in chart.series():
        if isinstance(series, QPieSeries):
            entries += [(s.color().name(), s.label()) for s in series.slices()]
        elif isinstance(series, QHorizontalStackedBarSeries) and len(series.barSets()) > 1:
            entries += [(b.color().name(), b.label()) for b in series.barSets()]
    return entries


# ---- charts: a picture where it reads faster than a table ---------------------------------


def _relabel(rows: Sequence[CountRow], terms: dict[Any, Term], lang: str) -> list[CountRow]:
    """Rows with the vocabulary's word in the screen's language (core labels are Chinese)."""
    return [replace(r, label=terms[r.key].text(lang)) if r.key in terms else r for r in rows]


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
        axis.setTruncateLabels(False)  # the plot narrows; "市场监管窗口" is never "…"
        chart.addAxis(axis, side)
        series.attachAxis(axis)
    chart.legend().setVisible(len(sets) > 1)
    return chart


def pie_chart(title: str, rows: Sequence[CountRow], colours: dict[str, str]) -> QChart:
    """A pie whose legend carries the words and shares, short enough to be read whole beside
    a small pie (colour is never alone); the count is in each slice's tooltip and the tables."""
    chart = _chart(title)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    series = QPieSeries()
    series.setPieSize(0.82)
    for i, row in enumerate(rows):
        share = "—" if row.share is None else f"{row.share * 100:.0f}%"
        pie_slice = series.append(f"{row.label} {share}", row.count)
        pie_slice.setProperty("tip", f"{row.label}: {row.count:,} ({share})")
        pie_slice.hovered.connect(lambda on, s=pie_slice: _tip(s, on))
        pie_slice.setColor(QColor(colours.get(row.key, PALETTE[i % len(PALETTE)])))
        pie_slice.setBorderColor(QColor("#ffffff"))
    if not any(row.count for row in rows):
        series.append(translate("SupervisionPage", "无数据"), 1).setBrush(
            QBrush(QColor("#e6e9ee")))
    chart.addSeries(series)
    return chart


def _tip(pie_slice: QPieSlice, on: bool) -> None:
    if on:
        QToolTip.showText(QCursor.pos(), str(pie_slice.property("tip")))
    else:
        QToolTip.hideText()


def department_chart(stats: PeriodStats, lang: str = "zh") -> QChart:
    """Per department: resolved on time, resolved late, still open, other (referred …)."""
    deps = stats.departments[:MAX_BARS]
    parts = [(o.on_time, o.late, o.open, max(0, o.registered - o.on_time - o.late - o.open))
             for o in (d.outcome for d in deps)]
    names = (translate("SupervisionPage", "按时办结"), translate("SupervisionPage", "超期办结"),
             translate("SupervisionPage", "未办结"), translate("SupervisionPage", "其他"))
    return bar_chart(translate("SupervisionPage", "各部门办理情况（件）"),
                     [words(d.name, lang) for d in deps],
                     [(name, colour, [p[i] for p in parts])
                      for i, (name, colour) in enumerate(zip(names, OUTCOME_COLOURS, strict=True))])


def kind_chart(stats: PeriodStats, lang: str = "zh") -> QChart:
    rows = _relabel([r for r in stats.by_kind if r.count], KINDS, lang)
    return bar_chart(translate("SupervisionPage", "事项类型（件）"), [r.label for r in rows],
                     [(translate("SupervisionPage", "件数"), "#1f6fb2", [r.count for r in rows])])


def channel_chart(stats: PeriodStats, lang: str = "zh") -> QChart:
    return pie_chart(translate("SupervisionPage", "来源渠道"),
                     _relabel([r for r in stats.by_channel if r.count], CHANNELS, lang), {})


def evaluation_chart(stats: PeriodStats, lang: str = "zh") -> QChart:
    ev = stats.evaluations
    title = (translate("SupervisionPage", "好差评 · 满意率 {rate}").format(
        rate=pct(ev.satisfaction_rate)) if ev.evaluated
        else translate("SupervisionPage", "好差评 · 本期无评价"))
    levels = {str(k): term for k, term in EVALUATIONS.items()}
    return pie_chart(title, _relabel(ev.levels, levels, lang), EVALUATION_COLOURS)
