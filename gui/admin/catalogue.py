"""事项清单维护: the item list and an editor (materials, steps, fees, legal basis, time limits), saved
as a new version when printed content changes; Excel import, export and template."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.admin.catalogue import ItemInfo, save_item
from core.admin.staff import list_departments
from core.admin.staff_admin import check_item_texts
from core.errors import DomainError
from core.infra.storage import StorageError
from gui.admin.catalogue_import import ImportPreview, problems_text
from gui.admin.catalogue_page import ItemBrowser
from gui.admin.material_editor import MaterialEditor
from gui.admin.page import ListEditor, Prompts, button, row_widget
from gui.errors import notify, show_error
from gui.forms.intake_widgets import ERROR_STYLE, HINT_STYLE, OK_STYLE, FieldMessage, add_field
from gui.ops import run_in_background
from gui.session import Session

log = logging.getLogger(__name__)

XLSX = "Excel (*.xlsx)"


class CatalogueEditor(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._loaded: ItemInfo | None = None
        self._shown: int | None = None
        self.messages: dict[str, FieldMessage] = {}
        self.browser = ItemBrowser(session, with_inactive=True, hidden=(2, 3), parent=self)
        self.excel_status = QLabel(self)
        self.excel_status.setWordWrap(True)
        self._build()
        self.browser.inactive.setChecked(True)  # an item just switched off stays in sight
        self.browser.item_selected.connect(self._picked)
        self.browser.reload()

    # ---- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self._fields()
        splitter = QSplitter(self)
        splitter.addWidget(self.browser)
        splitter.addWidget(self._editor(self._form()))
        splitter.setSizes([470, 760])
        layout = QVBoxLayout(self)
        layout.addLayout(self._tools())
        layout.addWidget(splitter, 1)

    def _fields(self) -> None:
        """The item's input widgets."""
        self.code_edit, self.name_edit = QLineEdit(self), QLineEdit(self)
        self.department_box = QComboBox(self)
        self.instant_box = QComboBox(self)  # 即办件: yes, no, or the guide does not say
        for label, value in ((self.tr("承诺件"), False), (self.tr("即办件"), True),
                             (self.tr("指南未注明是否即办"), None)):
            self.instant_box.addItem(label, value)
        self.days_spin, self.legal_spin = QSpinBox(self), QSpinBox(self)
        self.days_spin.setRange(0, 365)
        self.days_spin.setSuffix(self.tr(" 个工作日"))
        self.days_spin.setSpecialValueText(self.tr("无承诺时限"))
        self.legal_spin.setRange(0, 365)
        self.legal_spin.setSpecialValueText(self.tr("未规定"))
        self.unit_box = QComboBox(self)
        self.unit_box.addItem(self.tr("工作日"), "working")
        self.unit_box.addItem(self.tr("自然日"), "calendar")
        self.fees_edit, self.location_edit = QLineEdit(self), QLineEdit(self)
        self.fees_edit.setPlaceholderText(self.tr("指南未写明请留空：告知单印“以窗口告知为准”"))
        self.active_box = QCheckBox(self.tr("在用（取消勾选即停用，不再可选）"), self)
        self.materials, self.steps = MaterialEditor(self), ListEditor(self.tr("步骤"), self)
        self.basis_edit = QPlainTextEdit(self)
        self.basis_edit.setTabChangesFocus(True)
        self.instant_box.currentIndexChanged.connect(
            lambda _i: self.days_spin.setEnabled(self.instant_box.currentData() is not True))

    def _form(self) -> QGroupBox:
        """The fields on a grid, each with its label and its message line."""
        holder = row_widget(self, self.instant_box, self.days_spin)
        legal = row_widget(self, self.legal_spin, self.unit_box)
        form = QGroupBox(self.tr("事项内容"), self)
        grid = QGridLayout(form)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for row, col, label, widget, key in (
                (0, 0, self.tr("事项编码"), self.code_edit, "code"),
                (0, 2, self.tr("事项名称"), self.name_edit, "name"),
                (1, 0, self.tr("承办部门"), self.department_box, "department"),
                (1, 2, self.tr("承诺时限"), holder, "promised_days"),
                (2, 0, self.tr("法定时限"), legal, "legal_days"),
                (2, 2, self.tr("收费标准"), self.fees_edit, "fees"),
                (3, 0, self.tr("办理地点"), self.location_edit, "location"),
                (3, 2, self.tr("状态"), self.active_box, "active")):
            self.messages[key] = add_field(grid, row, col, label, widget)
        self.messages["materials"] = add_field(grid, 4, 0, self.tr("申请材料"), self.materials, 3)
        grid.addLayout(self.materials.buttons(), 5, 1, 1, 3)
        self.messages["steps"] = add_field(grid, 6, 0, self.tr("办理流程"), self.steps)
        grid.addLayout(self.steps.buttons(), 7, 1)
        self.messages["legal_basis"] = add_field(grid, 6, 2, self.tr("办理依据"), self.basis_edit)
        return form

    def _editor(self, form: QGroupBox) -> QWidget:
        """The form, scrolled, above the general message and the save bar."""
        self.messages["general"] = FieldMessage(self)
        self.version_label = QLabel(self)
        self.version_label.setStyleSheet(HINT_STYLE)
        self.saved_label = QLabel(self)
        self.saved_label.setStyleSheet(OK_STYLE)
        self.revert_button = button(self.tr("撤销修改"), self, self.revert)
        self.save_button = button(self.tr("保存 (Ctrl+S)"), self, self.save)
        self.save_button.setDefault(True)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        bar = QHBoxLayout()
        bar.addWidget(self.version_label)
        bar.addWidget(self.saved_label, 1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(form)
        editor = QWidget(self)
        column = QVBoxLayout(editor)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(scroll, 1)
        column.addWidget(self.messages["general"])
        column.addLayout(bar)
        return editor

    def _tools(self) -> QHBoxLayout:
        """New item, and the catalogue's Excel import, export and template."""
        tools = QHBoxLayout()
        tools.addWidget(button(self.tr("新增事项"), self, self.new_item))
        tools.addSpacing(16)
        self.import_button = button(self.tr("导入 Excel…"), self, self.import_excel,
                                    self.tr("按模板导入：先检查全部行并预览，确认后导入"))
        self.export_button = button(self.tr("导出 Excel…"), self, self.export_excel)
        self.template_button = button(self.tr("下载模板…"), self, lambda: self.export_excel(True))
        self.excel_buttons = (self.import_button, self.export_button, self.template_button)
        for b in self.excel_buttons:
            tools.addWidget(b)
        tools.addWidget(self.excel_status, 1)
        return tools

    # ---- the form --------------------------------------------------------------------------
    def load(self, item: ItemInfo | None) -> None:
        """Show `item` (None: an empty form for a new one)."""
        self._loaded = item
        self._shown = item.id if item else None
        for m in self.messages.values():
            m.clear_message()
        self.department_box.clear()
        for d in list_departments():
            self.department_box.addItem(d.name, d.id)
        blank = item or ItemInfo(None, "", "", self.department_box.itemData(0) or 0, "", False, 5,
                                 fees="")
        if item is not None and self.department_box.findData(item.department_id) < 0:
            self.department_box.addItem(item.department, item.department_id)
        self.department_box.setCurrentIndex(max(0, self.department_box.findData(blank.department_id)))
        self.code_edit.setText(blank.code)
        self.name_edit.setText(blank.name)
        self.instant_box.setCurrentIndex(self.instant_box.findData(blank.instant))
        self.days_spin.setValue(blank.promised_days)
        self.legal_spin.setValue(blank.legal_days)
        self.unit_box.setCurrentIndex(max(0, self.unit_box.findData(blank.legal_unit)))
        self.fees_edit.setText(blank.fees)
        self.location_edit.setText(blank.location)
        self.active_box.setChecked(blank.active)
        self.materials.set_specs(blank.materials)
        self.steps.set_values(blank.steps)
        self.basis_edit.setPlainText(blank.legal_basis)
        self.version_label.setText(self.tr("当前版本 v{v}").format(v=item.version) if item
                                   else self.tr("新事项"))

    def form_info(self) -> ItemInfo:
        base = self._loaded or ItemInfo(None, "", "", 0, "", False, 1)
        return replace(
            base, code=self.code_edit.text(), name=self.name_edit.text(),
            department_id=self.department_box.currentData() or 0,
            department=self.department_box.currentText(), instant=self.instant_box.currentData(),
            promised_days=0 if self.instant_box.currentData() else self.days_spin.value(),
            legal_days=self.legal_spin.value(), legal_unit=self.unit_box.currentData(),
            fees=self.fees_edit.text(),
            location=self.location_edit.text(), active=self.active_box.isChecked(),
            materials=self.materials.specs(), steps=self.steps.values(),
            legal_basis=self.basis_edit.toPlainText())

    def is_dirty(self) -> bool:
        info = self.form_info()
        if self._loaded is None:
            return bool(info.code.strip() or info.name.strip())
        return (info.printed_fields(), info.active) != (self._loaded.printed_fields(),
                                                        self._loaded.active)

    def _may_leave(self) -> bool:
        return not self.is_dirty() or Prompts.confirm(self, self.tr("未保存的修改"), self.tr(
            "对“{name}”的修改尚未保存，放弃这些修改吗？").format(name=self.name_edit.text()))

    def _select_quietly(self, item_id: int | None) -> None:
        self.browser.blockSignals(True)
        if item_id is None or not self.browser.select_item(item_id):
            self.browser.table.setCurrentIndex(QModelIndex())
        self.browser.blockSignals(False)

    def _picked(self, item: ItemInfo | None) -> None:
        if item is not None and item.id == self._shown:
            return
        if not self._may_leave():
            self._select_quietly(self._shown)  # back to the item being edited
            return
        self.saved_label.clear()
        self.load(item)

    def new_item(self) -> None:
        if not self._may_leave():
            return
        self._select_quietly(None)
        self.saved_label.clear()
        self.load(None)
        self.code_edit.setFocus()

    def _reload_list(self, item_id: int | None) -> None:
        """The list again (the form's item stays; it is shown as stored now)."""
        self.browser.reload(item_id)
        current = self.browser.current_item()
        self.load(current if current is not None and current.id == self._shown else self._loaded)

    def revert(self) -> None:
        self.load(self._loaded)
        self.saved_label.clear()

    def show_field_error(self, exc: DomainError) -> None:
        field = exc.field or "general"
        key = {"material": "materials", "copies": "materials", "note": "materials",
               "description": "legal_basis", "instant": "promised_days"}.get(field, field)
        self.messages.get(key, self.messages["general"]).show_message(exc.message(self.session.lang))

    def save(self) -> bool:
        for m in self.messages.values():
            m.clear_message()
        self.saved_label.clear()
        info = self.form_info()
        try:
            check_item_texts(info)
            saved = save_item(info, actor_id=self.session.staff.id)
        except DomainError as exc:
            self.show_field_error(exc)
            return False
        except StorageError as exc:
            show_error(self, exc, self.session.lang)
            return False
        before = self._loaded.version if self._loaded else None
        self._loaded, self._shown = saved, saved.id
        self._reload_list(saved.id)
        text = (self.tr("已保存。版本 v{v}：此后打印的告知单注明新版本。") if saved.version != before
                else self.tr("已保存。打印内容没有变化，仍为 v{v}。"))
        self.saved_label.setText(text.format(v=saved.version))
        return True

    # ---- Excel -----------------------------------------------------------------------------
    def _excel(self, job: Callable[[], object], done: Callable[[object], str | None],
               busy: str) -> None:
        """Run an Excel job in the background; its result or refusal shows beside the buttons
        (`done` returning None has shown its own, or started the next job)."""
        def finished(result: object) -> None:
            text = done(result)
            if text is not None:
                self._show_excel(text, OK_STYLE)

        for b in self.excel_buttons:
            b.setEnabled(False)
        self._show_excel(busy, HINT_STYLE)
        run_in_background(job, finished, self._excel_failed)

    def _show_excel(self, text: str, style: str) -> None:
        for b in self.excel_buttons:
            b.setEnabled(True)
        self.excel_status.setStyleSheet(style)
        self.excel_status.setText(text)

    def export_excel(self, blank: bool = False) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = (self.tr("事项清单导入模板") if blank else
                self.tr("事项清单-{day}").format(day=date.today().strftime("%Y%m%d"))) + ".xlsx"
        path = Prompts.save_path(self, self.tr("下载导入模板") if blank else self.tr("导出事项清单"),
                                 str(Path(folder or Path.home()) / name), XLSX)
        if path:
            path = path if path.lower().endswith(".xlsx") else path + ".xlsx"
            from core.exports import export_catalogue  # openpyxl: loaded when needed

            actor = self.session.staff.id
            done = self.tr("模板已保存：{path}") if blank else self.tr("已导出 {n} 个事项：{path}")
            lang = self.session.lang
            self._excel(lambda: export_catalogue(path, actor_id=actor, blank=blank, lang=lang),
                        lambda n: done.format(n=n, path=path), self.tr("正在导出…"))

    def import_excel(self) -> None:
        """Read and check the file in the background, preview it, then import as chosen."""
        if self.is_dirty() and not Prompts.confirm(self, self.tr("未保存的修改"),
                                                   self.tr("当前事项的修改尚未保存，仍要导入吗？")):
            return
        path = Prompts.open_path(self, self.tr("导入事项清单"), XLSX)
        if path:
            from core.admin.catalogue_xlsx import read_catalogue

            self._excel(lambda: read_catalogue(path), lambda plan: self._previewed(path, plan),
                        self.tr("正在检查…"))

    def _previewed(self, path: str, plan: object) -> None:
        from core.admin.catalogue_xlsx import CataloguePlan
        from core.exports import import_catalogue

        assert isinstance(plan, CataloguePlan)
        lang = self.session.lang
        choice = ImportPreview.ask(self, plan, Path(path).name, lang)
        if not choice.go:
            text = self.tr("未导入任何内容。")
            if plan.problems:
                text += "\n" + problems_text(plan.problems, lang)
            self._show_excel(text, ERROR_STYLE if plan.problems else HINT_STYLE)
            return
        actor = self.session.staff.id
        self._excel(lambda: import_catalogue(path, actor_id=actor, partial=choice.partial,
                                             create_departments=choice.create_departments),
                    self._imported, self.tr("正在导入…"))

    def _imported(self, result: object) -> str:
        from core.admin.catalogue_xlsx import CatalogueImport

        assert isinstance(result, CatalogueImport)
        self._reload_list(self._shown)  # the item on screen as the import left it
        text = self.tr("导入完成：新增 {c} 项，更新 {u} 项（版本加 1），未变 {n} 项。").format(
            c=len(result.created), u=len(result.updated), n=len(result.unchanged))
        if result.departments_created:
            text += self.tr("新建部门：{names}。").format(names="、".join(result.departments_created))
        if result.rejected:
            text += self.tr("未导入 {n} 项：{codes}").format(n=len(result.rejected),
                                                        codes="、".join(result.rejected))
        notify(self, self.tr("导入事项清单"), text)
        return text

    def _excel_failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            text = self.tr("无法读写文件：{reason}\n文件可能正在 Excel 中打开，请关闭后重试。").format(
                reason=exc.strerror or str(exc))
        elif isinstance(exc, DomainError):  # SheetError: sheet, row and column, nothing imported
            text = exc.message(self.session.lang)
        else:
            self._show_excel("", HINT_STYLE)
            show_error(self, exc, self.session.lang)
            return
        self._show_excel(text, ERROR_STYLE)
        notify(self, self.tr("Excel 文件"), text, "warning")
