"""工作日历: a year at a glance (holidays 休 in red, make-up working days 班 in blue), click a day to
change it, import next year's official schedule, and a due-date preview that shows the effect."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from core.admin.organisation import set_calendar_day
from core.calendar.calendar_admin import (
    ScheduleImport,
    YearView,
    calendar_reminder,
    import_schedule_file,
    year_view,
)
from core.calendar.calendar_change import confirm_year
from core.calendar.workcalendar import WorkCalendar
from core.errors import DomainError
from core.infra.storage import StorageError
from gui.admin.page import (
    CENTER,
    Prompts,
    banner,
    button,
    make_table,
    reminder_text,
    row_widget,
)
from gui.desk.moved_cases import MovedCasesDialog
from gui.errors import notify, show_error
from gui.forms.intake_widgets import ERROR_STYLE, HINT_STYLE, OK_STYLE, WARN_STYLE
from gui.ops import run_in_background
from gui.session import Session
from gui.widgets.tables import Col, RowsModel

log = logging.getLogger(__name__)

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

HOLIDAY = (QColor("#fbe3e4"), QColor("#b02a37"))  # background, text
MAKEUP = (QColor("#dde8fb"), QColor("#0b4fb3"))
WEEKEND_TEXT = QColor("#7a8490")
SELECTED = QColor("#0d6efd")


def weekday_name(d: date) -> str:
    """一 … 日 (as in 星期一) in Chinese, Mon … Sun in English."""
    names = (translate("Weekday", "一"), translate("Weekday", "二"), translate("Weekday", "三"),
             translate("Weekday", "四"), translate("Weekday", "五"), translate("Weekday", "六"),
             translate("Weekday", "日"))
    return names[d.weekday()]


class YearGrid(QWidget):
    """Twelve month blocks; each special day carries its text mark (休 / 班), not colour alone."""

    day_clicked = Signal(object)  # date

    GAP, COLUMNS = 16, 4  # four months across at the least size (_shape may choose three)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = date.today().year
        self.days: dict[date, tuple[bool, str, bool]] = {}  # workday, name, set locally
        self.selected: date | None = None
        self.today = date.today()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # 16-pixel days at the least: with the day's panel beside it, the tab fits a
        # 1024×768 screen in either language (20 pixels made the whole 系统管理 page scroll
        # sideways there); wider screens get wider days (_cell).
        self.setMinimumSize(QSize(self.COLUMNS * 7 * 16 + 3 * self.GAP, 24 * 18 + 2 * self.GAP))

    def set_view(self, view: YearView, today: date, weekend_names: dict[date, str]) -> None:
        """`weekend_names`: weekend days inside a holiday period (休 too, though not special)."""
        self.year, self.today = view.year, today
        self.days = {d: (False, name, False) for d, name in weekend_names.items()}
        self.days.update({d.day: (d.workday, d.name, d.overridden) for d in view.days})
        if self.selected is None or self.selected.year != view.year:
            self.selected = today if today.year == view.year else date(view.year, 1, 1)
        self.update()

    def mark(self, d: date) -> tuple[str, str]:
        """(text mark, kind): ('休', 'holiday'), ('班', 'makeup'), or ('', 'weekend'/'workday')."""
        if d in self.days:
            workday = self.days[d][0]
            if not workday:
                return self.tr("休"), "holiday"
            if d.weekday() >= 5 or self.days[d][2]:
                return self.tr("班"), "makeup"
        return "", "weekend" if d.weekday() >= 5 else "workday"

    def _shape(self) -> tuple[int, int, int]:
        """(months across, cell width, cell height) that fit the widget: four months across
        and three down, or three across and four down when that gives the days more room —
        a day with its 休 / 班 mark needs about 22 pixels across (a 1024×768 screen)."""
        best: tuple[float, int, int, int] | None = None
        for across in (4, 3):
            down = 12 // across
            w = max(16, (self.width() - (across - 1) * self.GAP) // (across * 7))
            h = max(15, min(w, (self.height() - (down - 1) * self.GAP) // (down * 8)))
            room = min(w, 1.4 * h)  # a cell's text is wider than tall
            if best is None or room > best[0]:
                best = (room, across, w, h)
        assert best is not None
        return best[1], best[2], best[3]

    def _cell(self) -> tuple[int, int]:
        """Cell width and height (see _shape)."""
        _across, w, h = self._shape()
        return w, h

    def _origin(self, month: int) -> QPoint:
        across, w, h = self._shape()
        return QPoint(((month - 1) % across) * (7 * w + self.GAP),
                      ((month - 1) // across) * (8 * h + self.GAP))

    def dates(self, month: int | None = None) -> list[date]:
        """Every day of the year, or of one month."""
        first = date(self.year, month or 1, 1)
        last = date(self.year + (month or 12) // 12, (month or 12) % 12 + 1, 1)
        return [first + timedelta(days=i) for i in range((last - first).days)]

    def cell_rect(self, d: date) -> QRect:
        first = date(d.year, d.month, 1)
        week = (first.weekday() + d.day - 1) // 7
        o, (w, h) = self._origin(d.month), self._cell()
        return QRect(o.x() + d.weekday() * w, o.y() + (2 + week) * h, w - 2, h - 2)

    def day_at(self, pos: QPoint) -> date | None:
        return next((d for d in self.dates() if self.cell_rect(d).contains(pos)), None)

    def describe(self, d: date) -> str:
        workday, name, local = self.days.get(d, (d.weekday() < 5, "", False))
        parts = [d.strftime("%Y-%m-%d"), self.tr("星期{w}").format(w=weekday_name(d))]
        if name:
            parts.append(name)
        parts.append(self.tr("上班") if workday else self.tr("休息"))
        if d in self.days:
            parts.append(self.tr("本单位设置") if local else self.tr("内置官方数据"))
        return " · ".join(parts)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        bold, small = QFont(self.font()), QFont(self.font())
        bold.setBold(True)
        small.setPixelSize(9)
        w, h = self._cell()
        months = (self.tr("1月"), self.tr("2月"), self.tr("3月"), self.tr("4月"), self.tr("5月"),
                  self.tr("6月"), self.tr("7月"), self.tr("8月"), self.tr("9月"), self.tr("10月"),
                  self.tr("11月"), self.tr("12月"))
        for month in range(1, 13):
            o = self._origin(month)
            p.setFont(bold)
            p.setPen(self.palette().text().color())
            p.drawText(QRect(o.x(), o.y(), 7 * w, h), Qt.AlignmentFlag.AlignCenter,
                       months[month - 1])
            p.setFont(self.font())
            heads = (self.tr("一"), self.tr("二"), self.tr("三"), self.tr("四"), self.tr("五"),
                     self.tr("六"), self.tr("日"))  # column heads, one or two letters wide
            for i, name in enumerate(heads):
                p.setPen(WEEKEND_TEXT if i >= 5 else self.palette().text().color())
                p.drawText(QRect(o.x() + i * w, o.y() + h, w - 2, h), Qt.AlignmentFlag.AlignCenter,
                           name)
            p.setPen(QColor("#dee2e6"))
            p.drawLine(o.x(), o.y() + 2 * h - 2, o.x() + 7 * w - 2, o.y() + 2 * h - 2)
            for d in self.dates(month):
                self._paint_day(p, d, bold, small)
        p.end()

    def _paint_day(self, p: QPainter, d: date, bold: QFont, small: QFont) -> None:
        r = self.cell_rect(d)
        text, kind = self.mark(d)
        colours = {"holiday": HOLIDAY, "makeup": MAKEUP}.get(kind)
        if colours:
            p.fillRect(r, colours[0])
        p.setFont(bold if colours else self.font())
        p.setPen(colours[1] if colours else WEEKEND_TEXT if kind == "weekend"
                 else self.palette().text().color())
        room = r.adjusted(0, 0, -7, 0) if text else r  # the mark sits beside the number
        p.drawText(room, Qt.AlignmentFlag.AlignCenter, str(d.day))
        if text:
            p.setFont(small)
            p.drawText(r.adjusted(0, 1, -1, 0), Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight, text)
        if d in self.days and self.days[d][2]:
            p.drawText(r.adjusted(2, 0, 0, 0), Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft, "•")
        if d == self.today:
            p.setPen(QPen(WEEKEND_TEXT, 1, Qt.PenStyle.DashLine))
            p.drawRect(r.adjusted(0, 0, -1, -1))
        if d == self.selected:
            p.setPen(QPen(SELECTED, 2))
            p.drawRect(r.adjusted(1, 1, -1, -1))

    def select(self, d: date) -> None:
        if d.year == self.year:
            self.selected = d
            self.update()
            self.day_clicked.emit(d)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        d = self.day_at(event.position().toPoint())
        if d is not None:
            self.select(d)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7,
                Qt.Key.Key_Down: 7}.get(Qt.Key(event.key()))
        if step is None or self.selected is None:
            super().keyPressEvent(event)
            return
        self.select(self.selected + timedelta(days=step))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            d = self.day_at(event.pos())
            if d is not None:
                QToolTip.showText(event.globalPos(), self.describe(d), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class CalendarTab(QWidget):
    calendar_changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view: YearView | None = None
        self.reminder = banner(self)
        self.year_spin = QSpinBox(self, minimum=2000, maximum=2100)
        self.year_spin.setValue(self.session.register.now().year)
        self.source_label = QLabel(self, wordWrap=True)
        self.grid = YearGrid(self)
        self.day_label = QLabel(self, wordWrap=True)
        self.name_edit = QLineEdit(self, maxLength=40,
                                   placeholderText=self.tr("名称，如 春节、国庆节调休"))
        self.holiday_button = button(self.tr("设为节假日（休）"), self, lambda: self.set_day(False))
        self.makeup_button = button(self.tr("设为调休上班（班）"), self, lambda: self.set_day(True))
        self.default_button = button(self.tr("恢复默认"), self, lambda: self.set_day(None))
        self.list_model = RowsModel([
            Col(self.tr("日期"), lambda d: d.day.strftime("%m-%d")),
            Col(self.tr("星期"), lambda d: weekday_name(d.day), CENTER),
            Col(self.tr("类型"), lambda d: self.tr("上班") if d.workday else self.tr("休息"), CENTER,
                lambda d: (MAKEUP[1] if d.workday else HOLIDAY[1], True)),
            Col(self.tr("名称"), lambda d: d.name),
            Col(self.tr("来源"), lambda d: self.tr("本单位") if d.overridden else self.tr("内置"), CENTER),
        ], self)
        self.list_view = make_table(self.list_model, self, 3)
        self.start_edit = QDateEdit(QDate(self.session.register.now().date()), self, calendarPopup=True,
                                    displayFormat="yyyy-MM-dd")
        self.days_spin = QSpinBox(self, minimum=0, maximum=365, suffix=self.tr(" 个工作日"))
        self.days_spin.setValue(5)
        self.due_label = QLabel(self, styleSheet="font-weight: bold;")
        self.import_status = QLabel(self, wordWrap=True)
        self.published_box = QCheckBox(self.tr("本年安排已按官方公布录入完毕"), self)
        self.published_box.setToolTip(self.tr("勾选后，到期时间落在本年的单据不再提示“节假日安排"
                                              "尚未公布”；逐日录入的年份请在核对完毕后勾选"))
        self.published_box.clicked.connect(self.confirm_year)
        self._build()
        self.year_spin.valueChanged.connect(lambda _y: self.reload())
        self.grid.day_clicked.connect(self.show_day)
        self.list_view.clicked.connect(lambda i: self.grid.select(self.list_model.row_at(i.row()).day))
        self.start_edit.dateChanged.connect(lambda _d: self.update_preview())
        self.days_spin.valueChanged.connect(lambda _v: self.update_preview())
        self.reload()

    def _build(self) -> None:
        back, ahead = (button(text, self, lambda step=step: self.year_spin.setValue(
            self.year_spin.value() + step), tip) for text, step, tip in (
                ("◀", -1, self.tr("上一年")), ("▶", 1, self.tr("下一年"))))
        back.setFixedWidth(34)
        ahead.setFixedWidth(34)
        top = QHBoxLayout()
        for w in (back, self.year_spin, ahead):
            top.addWidget(w)
        top.addSpacing(12)
        top.addWidget(self.source_label, 1)
        self.import_button = button(self.tr("导入年度安排…"), self, self.import_schedule,
                                    self.tr("国务院办公厅公布的放假安排（CSV 或 JSON）"))
        top.addWidget(self.published_box)
        top.addWidget(self.import_button)
        legend = QLabel(self.tr(
            "<span style='background:#fbe3e4;color:#b02a37'><b>&nbsp;休&nbsp;</b></span> 节假日（休息）"
            "　<span style='background:#dde8fb;color:#0b4fb3'><b>&nbsp;班&nbsp;</b></span> 调休上班"
            "　• 本单位设置　灰色：周末　点选日期后在右侧修改"), self, styleSheet=HINT_STYLE)
        legend.setWordWrap(True)  # under the year, as wide as it
        left = QVBoxLayout()
        left.addWidget(self.grid, 1)
        left.addWidget(legend)
        day_box = QGroupBox(self.tr("选中的日期"), self)
        col = QVBoxLayout(day_box)
        col.addWidget(self.day_label)
        col.addWidget(self.name_edit)
        for b in (self.holiday_button, self.makeup_button, self.default_button):
            col.addWidget(b)  # one above the other: the panel stays narrow beside the year
        preview = QGroupBox(self.tr("到期时间预览"), self)
        pcol = QVBoxLayout(preview)
        pcol.addWidget(row_widget(self, QLabel(self.tr("自"), self), self.start_edit, stretch=None))
        pcol.addWidget(row_widget(self, QLabel(self.tr("起"), self), self.days_spin, stretch=None))
        pcol.addWidget(self.due_label)
        list_box = QGroupBox(self.tr("本年特殊日期"), self)
        QVBoxLayout(list_box).addWidget(self.list_view)
        right = QVBoxLayout()
        right.addWidget(day_box)
        right.addWidget(preview)
        right.addWidget(list_box, 1)
        right.addWidget(self.import_status)
        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reminder)
        layout.addLayout(top)
        layout.addLayout(body, 1)

    # ---- showing ---------------------------------------------------------------------------
    def reload(self) -> None:
        year = self.year_spin.value()
        try:
            self.view = year_view(year)
            reminder = reminder_text(calendar_reminder())
        except (DomainError, StorageError) as exc:
            show_error(self, exc, self.session.lang)
            return
        self.reminder.setText(("⚠ " + reminder) if reminder else "")
        self.reminder.setVisible(bool(reminder))
        builtin = WorkCalendar().has_official_data(year)  # the library alone, no overrides
        if builtin:
            text, style = self.tr("{y} 年：内置官方放假安排（可在此基础上调整）"), OK_STYLE
        elif self.view.official:
            text, style = self.tr("{y} 年：已导入 / 本单位录入的放假安排"), OK_STYLE
        else:
            text, style = self.tr("{y} 年：没有官方放假安排，暂按周一至周五（元旦、劳动节、国庆节按法定日期）"
                                  "计算。请在公布后导入。"), WARN_STYLE
        self.source_label.setText(text.format(y=year) + self.tr("　全年 {n} 个工作日").format(
            n=self.view.workdays))
        self.published_box.setVisible(not builtin)
        self.published_box.setChecked(self.view.official)
        self.source_label.setStyleSheet(style)
        cal = self.session.register.calendar()
        self.grid.year = year
        weekend = {d: name for d in self.grid.dates() if d.weekday() >= 5 and not cal.is_workday(d)
                   and (name := cal.holiday_name(d))}
        self.grid.set_view(self.view, self.session.register.now().date(), weekend)
        self.list_model.set_rows(self.view.days)
        if self.grid.selected is not None:
            self.show_day(self.grid.selected)
        self.update_preview()

    def show_day(self, d: date) -> None:
        self.day_label.setText(self.grid.describe(d))
        local = d in self.grid.days and self.grid.days[d][2]
        self.name_edit.setText(self.grid.days[d][1] if d in self.grid.days else "")
        self.default_button.setEnabled(local)
        row = next((i for i, special in enumerate(self.list_model.rows) if special.day == d), -1)
        self.list_view.selectRow(row)  # -1: nothing selected

    def update_preview(self) -> None:
        start = datetime.combine(self.start_edit.date().toPython(), time(9, 0))
        due = self.session.register.calendar().add_working_days(start, self.days_spin.value())
        warn = "" if self.session.register.calendar().has_official_data(due.year) else self.tr("（该年尚无官方安排）")
        self.due_label.setText(self.tr("到期：{due}（星期{w}）{warn}").format(
            due=due.strftime("%Y-%m-%d %H:%M"), w=weekday_name(due), warn=warn))
        self.due_label.setStyleSheet("font-weight: bold;" + (WARN_STYLE if warn else ""))

    # ---- changing --------------------------------------------------------------------------
    def set_day(self, workday: bool | None) -> None:
        d = self.grid.selected
        if d is None:
            return
        name = self.name_edit.text().strip()
        if workday is not None and not name:
            name = self.tr("调休上班") if workday else self.tr("节假日")
        try:
            change = set_calendar_day(self.session.staff.id, d, workday,
                                      name if workday is not None else "")
        except (DomainError, StorageError) as exc:
            show_error(self, exc, self.session.lang)
            return
        self._status(self.moved_summary(len(change.moved), change.unresolved), OK_STYLE)
        self.reload()
        self.calendar_changed.emit()
        MovedCasesDialog.show_moved(self, change.moved)

    def moved_summary(self, n: int, unresolved: tuple[str, ...] = ()) -> str:
        text = (self.tr("{n} 件在办事项的到期时间已随之调整，请告知办事人。").format(n=n) if n
                else self.tr("没有在办事项的到期时间因此改变。"))
        if unresolved:
            text += self.tr("另有 {n} 件的时限无法从办理记录确定，到期时间未调整，请人工核对：{numbers}").format(
                n=len(unresolved), numbers="、".join(unresolved[:10]))
        return text

    def confirm_year(self, published: bool) -> None:
        """本年安排已按官方公布录入: slips stop warning for the year (or start again)."""
        try:
            change = confirm_year(self.session.staff.id, self.year_spin.value(), published)
        except (DomainError, StorageError) as exc:
            show_error(self, exc, self.session.lang)
            self.reload()
            return
        self._status(self.moved_summary(len(change.moved), change.unresolved), OK_STYLE)
        self.reload()
        self.calendar_changed.emit()
        MovedCasesDialog.show_moved(self, change.moved)

    def import_schedule(self) -> None:
        path = Prompts.open_path(self, self.tr("导入年度放假安排"),
                                 self.tr("放假安排 (*.csv *.json *.txt);;所有文件 (*)"))
        if not path:
            return
        actor = self.session.staff.id
        self._status(self.tr("正在导入…"), HINT_STYLE, busy=True)
        run_in_background(lambda: import_schedule_file(path, actor_id=actor), self._imported, self._failed)

    def _status(self, text: str, style: str, *, busy: bool = False) -> None:
        self.import_button.setEnabled(not busy)
        self.import_status.setStyleSheet(style)
        self.import_status.setText(text)

    def _imported(self, result: ScheduleImport) -> None:
        self._status(self.tr("已导入 {years} 年的安排：{h} 天休息，{w} 天调休上班。").format(
            years="、".join(str(y) for y in result.years), h=result.holidays, w=result.workdays)
            + self.moved_summary(len(result.moved), result.unresolved), OK_STYLE)
        if result.years and result.years[0] != self.year_spin.value():
            self.year_spin.setValue(result.years[0])  # shows that year
        else:
            self.reload()
        self.calendar_changed.emit()
        MovedCasesDialog.show_moved(self, result.moved)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ValueError | OSError | DomainError):
            self._status("", HINT_STYLE)
            show_error(self, exc, self.session.lang)
            return
        reason = exc.message(self.session.lang) if isinstance(exc, DomainError) else str(exc)
        text = self.tr("没有导入：{reason}").format(reason=reason)
        self._status(text, ERROR_STYLE)
        notify(self, self.tr("导入年度安排"), text, "warning")
