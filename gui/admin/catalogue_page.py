"""事项清单 (Ctrl+7): every clerk browses the service items — materials, steps, fees, legal basis,
version — and prints an item's one-time notice without a case."""

from __future__ import annotations

import html
import logging
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.admin.catalogue import ItemInfo, list_items
from core.admin.guide_values import UNKNOWN, copies_text, fees_text, form_text, requirement_text
from core.admin.staff import list_departments
from core.errors import DomainError, english
from core.infra.storage import StorageError
from core.printing.slips import notice_data
from gui.admin.page import CENTER, MUTED, make_table
from gui.desk.detail_widgets import Span, days_text
from gui.errors import show_error
from gui.ops import run_in_background
from gui.printing.preview import PrintPreviewDialog
from gui.session import Session
from gui.settings import AppSettings
from gui.widgets.tables import Col, RowsModel

log = logging.getLogger(__name__)


def render_notice(item_id: int, fmt: str, clerk: str, lang: str = "zh") -> tuple[bytes, str]:
    """Worker thread: the one-time notice of a service item, with no case behind it, its
    own words in the window's language."""
    from documents.render import render_document  # ReportLab: when a notice is shown

    return render_document(notice_data(None, item_id=item_id, clerk=clerk, lang=lang), fmt), ""


class NoticePreviewDialog(PrintPreviewDialog):
    """The print preview, fed by the catalogue instead of a case (file name from the code)."""

    def __init__(self, session: Session, item: ItemInfo, settings: AppSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, 0, "notice", settings, parent)
        assert item.id is not None
        self.item_id = item.id
        self.number = item.code

    def start(self) -> None:
        self._generation += 1
        generation, fmt = self._generation, self.fmt
        self._asked_at = time.perf_counter()
        self._set_busy(True)
        item_id, clerk, lang = self.item_id, self.session.staff.name, self.session.lang
        run_in_background(lambda: render_notice(item_id, fmt, clerk, lang),
                          lambda result: self._rendered(generation, fmt, result),
                          lambda exc: self._render_error(generation, exc))


def open_notice(parent: QWidget, session: Session, item: ItemInfo) -> NoticePreviewDialog:
    window = parent.window()
    found = getattr(window, "settings", None)
    settings = found if isinstance(found, AppSettings) else AppSettings()
    dialog = NoticePreviewDialog(session, item, settings, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.start()
    return dialog


class ItemBrowser(QWidget):
    """Search, department filter and the item table; the catalogue is small (loaded whole)."""

    item_selected = Signal(object)  # ItemInfo | None

    def __init__(self, session: Session, *, with_inactive: bool = False,
                 hidden: tuple[int, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.items: list[ItemInfo] = []
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索编码、名称、部门或材料"))
        self.search.setClearButtonEnabled(True)
        self.department = QComboBox(self)
        self.inactive = QCheckBox(self.tr("含已停用"), self)
        self.inactive.setVisible(with_inactive)
        grey = lambda i: (MUTED if not i.active else None, False)  # noqa: E731
        self.model = RowsModel([
            Col(self.tr("编码"), lambda i: i.code, look=grey),
            Col(self.tr("事项名称"), lambda i: i.name, look=grey),
            Col(self.tr("承办部门"), lambda i: i.department, look=grey),
            Col(self.tr("时限"), days_text, CENTER, grey),
            Col(self.tr("版本"), lambda i: f"v{i.version}", CENTER, grey),
            Col(self.tr("状态"), lambda i: self.tr("在用") if i.active else self.tr("已停用"),
                CENTER, grey),
        ], self)
        self.table = make_table(self.model, self, 1)
        header = self.table.horizontalHeader()
        wide = english(session.lang)  # "15 working days" needs more room than "15 个工作日"
        for col, width in ((0, 90), (2, 120), (3, 116 if wide else 86), (4, 58 if wide else 46),
                           (5, 64 if wide else 56)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        for col in hidden:
            self.table.setColumnHidden(col, True)
        self.count = QLabel(self)
        self.count.setStyleSheet("color: #5f6b7a;")
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.department)
        row.addWidget(self.inactive)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        self.department.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.inactive.toggled.connect(lambda _on: self.reload())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.item_selected.emit(self.model.row_at(current.row())))

    def reload(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.current_id()
        self.department.blockSignals(True)
        chosen = self.department.currentData()
        self.department.clear()
        self.department.addItem(self.tr("全部部门"), None)
        for d in list_departments(active_only=False):
            self.department.addItem(d.name, d.id)
        self.department.setCurrentIndex(max(0, self.department.findData(chosen)))
        self.department.blockSignals(False)
        self.items = list_items(active_only=not self.inactive.isChecked())
        self.apply_filter(keep)

    def _matches(self, item: ItemInfo, words: list[str]) -> bool:
        text = " ".join((item.code, item.name, item.department,
                         *(m.name for m in item.materials))).lower()
        return all(w in text for w in words)

    def apply_filter(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.current_id()
        words = self.search.text().lower().split()
        dep = self.department.currentData()
        rows = [i for i in self.items
                if (dep is None or i.department_id == dep) and self._matches(i, words)]
        self.model.set_rows(rows)
        self.count.setText(self.tr("共 {n} 项").format(n=len(rows)))
        if not self.select_item(keep) and rows:
            self.select_item(rows[0].id)
        elif not rows:
            self.item_selected.emit(None)

    def current_id(self) -> int | None:
        item = self.model.row_at(self.table.currentIndex().row())
        return item.id if item is not None else None

    def current_item(self) -> ItemInfo | None:
        return self.model.row_at(self.table.currentIndex().row())

    def select_item(self, item_id: int | None) -> bool:
        for row, item in enumerate(self.model.rows):
            if item.id == item_id:
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)  # currentRowChanged announces it
                return True
        return False


class CataloguePage(QWidget):
    """Read-only for everyone; administrators change items under 系统管理 → 事项清单维护."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._generation = -1
        self.browser = ItemBrowser(session, parent=self)
        self.detail = QTextBrowser(self)
        self.detail.setOpenExternalLinks(False)
        self.print_button = QPushButton(self.tr("打印一次性告知单 (Ctrl+P)"), self)
        self.print_button.setShortcut(QKeySequence("Ctrl+P"))
        self.print_button.clicked.connect(self.print_notice)
        self.print_button.setVisible(session.can("print"))
        hint = QLabel(self.tr("事项内容由系统管理员在“系统管理 → 事项清单维护”中修改。")
                      if session.can("manage_catalogue") else self.tr("本页仅供查阅。"), self)
        hint.setStyleSheet("color: #5f6b7a;")
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.detail, 1)
        bar = QHBoxLayout()
        bar.addWidget(hint, 1)
        bar.addWidget(self.print_button)
        column.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.browser)
        splitter.addWidget(right)
        splitter.setSizes([640, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.browser.item_selected.connect(self.show_item)
        self.preview: NoticePreviewDialog | None = None

    def focus_first(self) -> None:
        """Ctrl+7: the list up to date, the cursor in the search box."""
        self.ensure_current()
        self.browser.search.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_current()

    def ensure_current(self) -> None:
        """The catalogue may have changed since (another tab, an import): reload if so."""
        if self.session.register.generation() != self._generation:
            self.refresh()

    def refresh(self) -> None:
        self._generation = self.session.register.generation()
        try:
            self.browser.reload()
        except (DomainError, StorageError) as exc:
            show_error(self, exc, self.session.lang)

    def show_item(self, item: ItemInfo | None) -> None:
        self.print_button.setEnabled(item is not None)
        self.detail.setHtml(self.item_html(item) if item is not None else
                            "<p style='color:#6c757d'>{}</p>".format(self.tr("没有找到事项。")))

    def item_html(self, item: ItemInfo) -> str:
        e = html.escape
        lang = self.session.lang
        rows = "".join(
            "<tr><td>{n}</td><td>{name}{note}</td><td align='center'>{kind}</td>"
            "<td align='center'>{copies}</td><td align='center'>{req}</td></tr>".format(
                n=i, name=e(m.name), note=f"<br><small>{e(m.note)}</small>" if m.note else "",
                kind=e(form_text(m.form, lang)), copies=e(copies_text(m.copies, lang)),
                req=e(requirement_text(m.requirement, m.condition, lang)))
            for i, m in enumerate(item.materials, start=1))
        steps = "".join(f"<li>{e(s)}</li>" for s in item.steps)
        instant = (self.tr("是") if item.instant else self.tr("否")) if item.instant is not None \
            else UNKNOWN.text(lang)
        facts = [(self.tr("承办部门"), item.department), (self.tr("办理时限"), days_text(item)),
                 (self.tr("即办件"), instant),
                 (self.tr("法定时限"), Span().days(item.legal_days, item.legal_unit)
                  if item.legal_days else "—"),
                 (self.tr("收费标准"), fees_text(item.fees, lang)),
                 (self.tr("办理地点"), item.location or "—")]
        state = "" if item.active else " <span style='color:#b02a37'>{}</span>".format(
            self.tr("（已停用）"))
        parts = [f"<h2 style='margin-bottom:2px'>{e(item.name)}{state}</h2>",
                 "<p style='color:#5f6b7a'>{} {} · {} v{}</p>".format(
                     self.tr("编码"), e(item.code), self.tr("版本"), item.version),
                 "<table cellspacing='0' cellpadding='3'>" + "".join(
                     f"<tr><td style='color:#5f6b7a'>{e(k)}</td><td>{e(v)}</td></tr>"
                     for k, v in facts) + "</table>",
                 "<h3>{}</h3>".format(self.tr("申请材料（{n}）").format(n=len(item.materials)))]
        if rows:
            head = "".join(f"<th width='{w}'>{e(h)}</th>" for h, w in (
                ("#", "4%"), (self.tr("材料名称"), "60%"), (self.tr("原件/复印件"), "14%"),
                (self.tr("份数"), "8%"), (self.tr("是否必需"), "14%")))
            parts.append("<table border='1' cellspacing='0' cellpadding='4' width='100%' "
                         f"style='border-color:#ccd'><tr style='background:#eef1f5'>{head}</tr>"
                         f"{rows}</table>")
        else:
            parts.append("<p>{}</p>".format(self.tr("无需材料。")))
        parts.append("<h3>{}</h3>".format(self.tr("办理流程")))
        parts.append(f"<ol>{steps}</ol>" if steps else "<p>—</p>")
        parts.append("<h3>{}</h3><p>{}</p>".format(
            self.tr("办理依据"), e(item.legal_basis).replace("\n", "<br>") or "—"))
        return "".join(parts)

    def print_notice(self) -> None:
        item = self.browser.current_item()
        if item is None or not self.session.can("print"):
            return
        self.preview = open_notice(self, self.session, item)


def register_pages(window: Any) -> None:
    """Add 事项清单 (Ctrl+7) for everyone who may view cases."""
    session: Session = window.session
    if not session.can("view_cases"):
        return
    page = CataloguePage(session, window)
    window.add_page("catalogue", QCoreApplication.translate("CataloguePage", "事项清单"), page,
                    "Ctrl+7")
    window.catalogue_page = page
