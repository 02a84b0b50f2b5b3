"""人员与部门: the departments and staff tables, add/edit dialogs, password reset, 停用/启用, and
删除 only for someone with no history (everyone else is deactivated instead)."""

from __future__ import annotations

import logging
import secrets

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.admin.staff import (
    DepartmentInfo,
    StaffInfo,
    create_department,
    create_staff,
    delete_staff,
    list_departments,
    list_staff,
    set_password,
)
from core.admin.staff_admin import has_history, set_staff_active, update_department, update_staff
from core.errors import DomainError
from core.infra.storage import StorageError
from core.vocab import ROLES
from gui.admin.page import (
    CENTER,
    MUTED,
    FormDialog,
    Prompts,
    button,
    make_table,
    row_widget,
)
from gui.errors import notify, show_error
from gui.session import Session
from gui.widgets.tables import Col, RowsModel

log = logging.getLogger(__name__)

PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"


def temporary_password() -> str:
    """Ten characters, letters and digits, no look-alikes (l/1, O/0)."""
    letters = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(6))
    return letters + "".join(secrets.choice("23456789") for _ in range(4))


class DepartmentDialog(FormDialog):
    def __init__(self, session: Session, dep: DepartmentInfo | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("修改部门") if dep else self.tr("新增部门"), parent)
        self.dep = dep
        self.name_edit = self.add(self.tr("部门名称"), QLineEdit(dep.name if dep else "", self), "name")
        self.code_edit = self.add(self.tr("编码"), QLineEdit(dep.code if dep else "", self), "code")
        self.phone_edit = self.add(self.tr("电话"), QLineEdit(dep.phone if dep else "", self),
                                   "phone", "contact")
        self.location_edit = self.add(self.tr("地点"), QLineEdit(dep.location if dep else "", self),
                                      "location")
        self.safety_box = self.add("", QCheckBox(self.tr("安全管理部门（安全事故立即上报到此）"), self))
        self.safety_box.setChecked(bool(dep and dep.is_safety))
        self.active_box = self.add("", QCheckBox(self.tr("在用"), self), "active")
        self.active_box.setChecked(dep is None or dep.active)
        self.active_box.setVisible(dep is not None)

    def submit(self) -> DepartmentInfo:
        values = (self.name_edit.text(), self.code_edit.text(), self.phone_edit.text(),
                  self.location_edit.text(), self.safety_box.isChecked())
        actor = self.session.staff.id
        if self.dep is None:
            return create_department(*values, actor_id=actor)
        name, code, phone, location, safety = values
        return update_department(actor, self.dep.id, name=name, code=code, phone=phone,
                                 location=location, is_safety=safety,
                                 active=self.active_box.isChecked())


class StaffDialog(FormDialog):
    """新增人员 / 修改人员: a new account gets an initial password to change at first sign-in."""

    def __init__(self, session: Session, person: StaffInfo | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("修改人员") if person else self.tr("新增人员"), parent)
        self.person = person
        self.username_edit = self.add(self.tr("用户名"), QLineEdit(self), "username")
        self.username_edit.setPlaceholderText(self.tr("字母、数字、点或下划线，登录用"))
        self.name_edit = self.add(self.tr("姓名"), QLineEdit(self), "visitor_name", "name")
        self.role_box = self.add(self.tr("角色"), QComboBox(self), "role")
        for code, term in ROLES.items():
            self.role_box.addItem(session.text(term), code)
        self.department_box = self.add(self.tr("部门"), QComboBox(self), "department")
        self.department_box.addItem(self.tr("（不属于部门）"), None)
        for d in list_departments():
            self.department_box.addItem(d.name, d.id)
        self.window_box = self.add(self.tr("窗口"), QComboBox(self), "window_no")
        self.window_box.setEditable(True)
        self.window_box.addItem("")
        self.window_box.addItems(list(self.session.register.org_settings().windows))
        self.window_box.lineEdit().setMaxLength(20)
        self.password_edit = QLineEdit(self)
        self.password_edit.setPlaceholderText(self.tr("至少 8 位，含字母和数字"))
        self.must_change = QCheckBox(self.tr("首次登录时须修改密码"), self)
        self.must_change.setChecked(True)
        if person is None:
            self.add(self.tr("初始密码"), row_widget(self, self.password_edit, button(
                self.tr("生成临时密码"), self, lambda: self.password_edit.setText(
                    temporary_password())), stretch=0), "password")
            self.fields["password"] = self.password_edit
            self.add("", self.must_change)
            self.role_box.setCurrentIndex(self.role_box.findData("clerk"))
            return
        self.username_edit.setText(person.username)
        self.username_edit.setReadOnly(True)
        self.username_edit.setEnabled(False)
        self.name_edit.setText(person.name)
        self.role_box.setCurrentIndex(max(0, self.role_box.findData(person.role)))
        if person.department_id is not None and self.department_box.findData(person.department_id) < 0:
            self.department_box.addItem(person.department, person.department_id)  # inactive one
        self.department_box.setCurrentIndex(max(0, self.department_box.findData(person.department_id)))
        self.window_box.setCurrentText(person.window_no)

    def submit(self) -> StaffInfo:
        actor = self.session.staff.id
        role, dep = self.role_box.currentData(), self.department_box.currentData()
        window = self.window_box.currentText().strip()
        if self.person is None:
            return create_staff(self.username_edit.text(), self.name_edit.text(), role,
                                self.password_edit.text(), dep, window, actor_id=actor,
                                must_change_password=self.must_change.isChecked())
        return update_staff(actor, self.person.id, name=self.name_edit.text(), role=role,
                            department_id=dep, window_no=window)


class PasswordDialog(FormDialog):
    """重置密码: the person must choose a new one at their next sign-in."""

    def __init__(self, session: Session, person: StaffInfo, parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("重置密码 — {name}").format(name=person.name), parent)
        self.person = person
        self.password_edit = QLineEdit(temporary_password(), self)
        self.add(self.tr("临时密码"), row_widget(self, self.password_edit, button(
            self.tr("重新生成"), self, lambda: self.password_edit.setText(temporary_password())),
            stretch=0), "password")
        self.fields["password"] = self.password_edit
        self.add("", QLabel(self.tr("请把临时密码告诉本人；{name} 下次登录时须设置新密码。").format(
            name=person.name), self, wordWrap=True, styleSheet="color: #5f6b7a;"))

    def submit(self) -> str:
        password = self.password_edit.text()
        set_password(self.person.id, password, actor_id=self.session.staff.id)
        return password


class StaffTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        lang = session.lang
        muted = lambda r: (MUTED if not r.active else None, False)  # noqa: E731
        yes = self.tr("是")
        self.dep_model = RowsModel([
            Col(self.tr("部门名称"), lambda d: d.name, look=muted),
            Col(self.tr("编码"), lambda d: d.code, look=muted),
            Col(self.tr("电话"), lambda d: d.phone, look=muted),
            Col(self.tr("地点"), lambda d: d.location, look=muted),
            Col(self.tr("安全"), lambda d: yes if d.is_safety else "", CENTER, muted),
            Col(self.tr("状态"), self._active_text, CENTER, muted),
        ], self)
        self.staff_model = RowsModel([
            Col(self.tr("姓名"), lambda s: s.name, look=muted),
            Col(self.tr("用户名"), lambda s: s.username, look=muted),
            Col(self.tr("角色"), lambda s: ROLES[s.role].text(lang) if s.role in ROLES else s.role,
                look=muted),
            Col(self.tr("部门"), lambda s: s.department, look=muted),
            Col(self.tr("窗口"), lambda s: s.window_no, look=muted),
            Col(self.tr("状态"), self._staff_state, CENTER, muted),
        ], self)
        self.dep_table = make_table(self.dep_model, self, 3)
        self.staff_table = make_table(self.staff_model, self, 3)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索姓名、用户名、部门或窗口"))
        self.search.setClearButtonEnabled(True)
        self.show_inactive = QCheckBox(self.tr("显示已停用"), self)
        self.dep_filter = QComboBox(self)
        self._all: list[StaffInfo] = []
        self.add_dep_button = button(self.tr("新增部门…"), self, self.add_department)
        self.edit_dep_button = button(self.tr("修改部门…"), self, self.edit_department)
        self.add_button = button(self.tr("新增人员…"), self, self.add_staff)
        self.edit_button = button(self.tr("修改…"), self, self.edit_staff)
        self.reset_button = button(self.tr("重置密码…"), self, self.reset_password)
        self.active_button = button(self.tr("停用"), self, self.toggle_active)
        self.delete_button = button(self.tr("删除…"), self, self.delete_selected)
        self._build()
        self.dep_table.doubleClicked.connect(lambda _i: self.edit_department())
        self.staff_table.doubleClicked.connect(lambda _i: self.edit_staff())
        self.staff_table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.dep_table.selectionModel().selectionChanged.connect(lambda *_a: self._department_picked())
        self.dep_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        self.show_inactive.toggled.connect(lambda _on: self.reload())
        self.reload()

    def _build(self) -> None:
        deps = QGroupBox(self.tr("部门"), self)
        col = QVBoxLayout(deps)
        col.addWidget(self.dep_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_dep_button)
        row.addWidget(self.edit_dep_button)
        row.addStretch(1)
        col.addLayout(row)
        people = QGroupBox(self.tr("工作人员"), self)
        col = QVBoxLayout(people)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.dep_filter)
        row.addWidget(self.show_inactive)
        col.addLayout(row)
        col.addWidget(self.staff_table, 1)
        # Two rows of buttons (the account's changes, then deactivating and deleting): one
        # row made the tab too wide for a 1024×768 screen in English.
        for buttons in ((self.add_button, self.edit_button, self.reset_button),
                        (self.active_button, self.delete_button)):
            row = QHBoxLayout()
            for b in buttons:
                row.addWidget(b)
            row.addStretch(1)
            col.addLayout(row)
        splitter = QSplitter(self)
        splitter.addWidget(deps)
        splitter.addWidget(people)
        splitter.setSizes([520, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _active_text(self, row: DepartmentInfo | StaffInfo) -> str:
        return self.tr("在用") if row.active else self.tr("已停用")

    def _staff_state(self, s: StaffInfo) -> str:
        if not s.active:
            return self.tr("已停用")
        return self.tr("在岗 · 待改密码") if s.must_change_password else self.tr("在岗")

    # ---- loading ---------------------------------------------------------------------------
    def reload(self, staff_id: int | None = None) -> None:
        dep = self.current_department()
        deps = list_departments(active_only=False)
        self._all = list_staff(active_only=not self.show_inactive.isChecked())
        self.dep_filter.blockSignals(True)
        chosen = self.dep_filter.currentData()
        self.dep_filter.clear()
        self.dep_filter.addItem(self.tr("全部部门"), None)
        for d in deps:
            self.dep_filter.addItem(d.name, d.id)
        self.dep_filter.setCurrentIndex(max(0, self.dep_filter.findData(chosen)))
        self.dep_filter.blockSignals(False)
        self.dep_model.set_rows(deps)
        self._select(self.dep_table, self.dep_model, dep.id if dep else None)
        self.apply_filter(staff_id)

    def _department_picked(self) -> None:
        """A department clicked on the left: its people on the right (全部部门 shows all)."""
        dep = self.current_department()
        if dep is not None:
            self.dep_filter.setCurrentIndex(max(0, self.dep_filter.findData(dep.id)))

    def apply_filter(self, staff_id: int | None = None) -> None:
        keep = staff_id if staff_id is not None else getattr(self.current_staff(), "id", None)
        dep = self.dep_filter.currentData()
        words = self.search.text().lower().split()
        rows = [s for s in self._all if (dep is None or s.department_id == dep)
                and all(w in f"{s.name} {s.username} {s.department} {s.window_no}".lower()
                        for w in words)]
        self.staff_model.set_rows(rows)
        self._select(self.staff_table, self.staff_model, keep if keep is not None
                     else (rows[0].id if rows else None))
        self._update_buttons()

    @staticmethod
    def _select(table: QTableView, model: RowsModel, row_id: int | None) -> None:
        for row, value in enumerate(model.rows):
            if value.id == row_id:
                table.selectRow(row)
                return

    def current_department(self) -> DepartmentInfo | None:
        rows = self.dep_table.selectionModel().selectedRows()
        return self.dep_model.row_at(rows[0].row()) if rows else None

    def current_staff(self) -> StaffInfo | None:
        rows = self.staff_table.selectionModel().selectedRows()
        return self.staff_model.row_at(rows[0].row()) if rows else None

    def select_staff(self, staff_id: int) -> None:
        self._select(self.staff_table, self.staff_model, staff_id)

    def _update_buttons(self) -> None:
        person = self.current_staff()
        for b in (self.edit_button, self.reset_button, self.active_button, self.delete_button):
            b.setEnabled(person is not None)
        self.active_button.setText(self.tr("启用") if person and not person.active else self.tr("停用"))
        tip = ""
        if person is not None and has_history(person.id):
            tip = DomainError("has_history", name=person.name).message(self.session.lang)
        self.delete_button.setToolTip(tip or self.tr("删除没有任何办理记录的人员"))

    # ---- actions ---------------------------------------------------------------------------
    def add_department(self) -> None:
        dep = FormDialog.run(DepartmentDialog(self.session, None, self))
        if dep is not None:
            self.reload()
            self._select(self.dep_table, self.dep_model, dep.id)

    def edit_department(self) -> None:
        dep = self.current_department()
        if dep is not None and FormDialog.run(DepartmentDialog(self.session, dep, self)):
            self.reload()

    def add_staff(self) -> None:
        person = FormDialog.run(StaffDialog(self.session, None, self))
        if person is not None:
            self.search.clear()
            self.dep_filter.setCurrentIndex(0)
            self.reload(person.id)

    def edit_staff(self) -> None:
        person = self.current_staff()
        if person is not None and FormDialog.run(StaffDialog(self.session, person, self)):
            self.reload(person.id)

    def reset_password(self) -> None:
        person = self.current_staff()
        if person is None:
            return
        if FormDialog.run(PasswordDialog(self.session, person, self)) is not None:
            self.reload(person.id)
            notify(self, self.tr("重置密码"), self.tr(
                "已重置 {name} 的密码。{name} 下次登录时须设置新密码。").format(name=person.name))

    def _act(self, fn: object, person: StaffInfo) -> bool:
        try:
            fn()  # type: ignore[operator]
        except (DomainError, StorageError) as exc:
            show_error(self, exc, self.session.lang)
            return False
        self.reload(person.id)
        return True

    def toggle_active(self) -> None:
        person = self.current_staff()
        if person is None:
            return
        if person.active and not Prompts.confirm(self, self.tr("停用人员"), self.tr(
                "停用后 {name} 不能再登录，已有的办理记录保留。确定停用吗？").format(name=person.name)):
            return
        if person.active:
            self.show_inactive.setChecked(True)  # the person stays in sight, greyed
        self._act(lambda: set_staff_active(self.session.staff.id, person.id, not person.active),
                  person)

    def delete_selected(self) -> None:
        """Only someone with no history is deleted; anyone else may be deactivated instead."""
        person = self.current_staff()
        if person is None:
            return
        if has_history(person.id):
            text = DomainError("has_history", name=person.name).message(self.session.lang)
            if not person.active:
                notify(self, self.tr("不能删除"), text, "info")
            elif Prompts.confirm(self, self.tr("不能删除"), text + "\n\n" + self.tr(
                    "现在停用 {name} 吗？").format(name=person.name)):
                self.show_inactive.setChecked(True)
                self._act(lambda: set_staff_active(self.session.staff.id, person.id, False), person)
            return
        if Prompts.confirm(self, self.tr("删除人员"), self.tr(
                "{name}（{user}）没有任何办理记录。删除后不可恢复，确定删除吗？").format(
                    name=person.name, user=person.username)):
            try:
                delete_staff(self.session.staff.id, person.id)
            except (DomainError, StorageError) as exc:
                show_error(self, exc, self.session.lang)
            self.reload()
