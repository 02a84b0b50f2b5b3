"""Setting an organisation up from its own lists: staff (and departments) exported to and
imported from .xlsx by an administrator — every row checked first, every problem listed,
then each person saved in a transaction of their own (a password hash takes 0.1 s), audited.
Passwords are never exported; a new account's initial password must be changed at sign-in."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee as pw

from core import audit
from core.admin.organisation import org_name
from core.admin.sheet_reader import FileRefused, Head, Problem, Row, SheetReader
from core.admin.staff import (
    check_password_strength,
    create_department,
    create_staff,
    list_departments,
)
from core.admin.staff_admin import set_staff_active, update_staff
from core.errors import DomainError, Term
from core.infra.xlsx_book import Book, Column
from core.infra.xlsx_guard import open_workbook
from core.permissions import get_actor
from core.vocab import ROLES
from models.database import write_transaction
from models.tables import Department, Staff

log = logging.getLogger(__name__)

STAFF, DEPARTMENTS = "人员", "部门"
STAFF_SHEET, DEPARTMENT_SHEET = Term(STAFF, "Staff"), Term(DEPARTMENTS, "Departments")
"""The sheets' names in either language (an English template is read back too)."""
MAX_STAFF = 5_000
STAFF_HEADS = (Head("用户名", 14, True, en="User name"), Head("姓名", 10, True, en="Name"),
               Head("角色", 12, True, en="Role"), Head("部门", 16, en="Department"),
               Head("窗口", 10, en="Window"), Head("在岗", 6, en="Active"),
               Head("初始密码", 14, aliases=("密码",), en="Initial password"))
DEPARTMENT_HEADS = (Head("部门名称", 18, True, en="Department"), Head("编码", 8, en="Code"),
                    Head("电话", 14, en="Phone"), Head("地点", 16, en="Location"),
                    Head("安全管理部门", 10, en="Safety office"), Head("启用", 6, en="In use"))
YES, NO = Term("是", "Yes"), Term("否", "No")
TITLE = Term("人员和部门", "Staff and departments")
_ROLE_WORDS = {**{t.zh: k for k, t in ROLES.items()}, **{k: k for k in ROLES},
               **{t.en.lower(): k for k, t in ROLES.items()}}
_YES, _NO = {"是", "y", "yes", "1", "true", "在岗", "启用"}, {"否", "n", "no", "0", "false", "停用"}


@dataclass(frozen=True)
class StaffImport:
    created: tuple[str, ...]  # user names
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    departments_created: tuple[str, ...] = ()


def export_staff(path: str | Path, *, actor_id: int, lang: str = "zh") -> int:
    """Every account and department (no passwords); returns the number of accounts. The
    headers stay on row 1 (the import reads them there, in either language)."""
    from core import register

    get_actor(actor_id, "manage_staff")
    people = list(Staff.select(Staff, Department).join(
        Department, on=(Staff.department == Department.id), join_type=pw.JOIN.LEFT_OUTER)
        .order_by(Staff.id))
    yes, no = YES.text(lang), NO.text(lang)
    sheets = ((STAFF_SHEET.text(lang), STAFF_HEADS, [
        (s.username, s.name, ROLES[s.role].text(lang) if s.role in ROLES else s.role,
         s.department.name if s.department_id and s.department else None, s.window_no or None,
         yes if s.active else no, None) for s in people]),
        (DEPARTMENT_SHEET.text(lang), DEPARTMENT_HEADS, [
            (d.name, d.code or None, d.phone or None, d.location or None,
             yes if d.is_safety else no, yes if d.active else no)
            for d in list_departments(active_only=False)]))
    with Book(path, title=TITLE.text(lang), org=org_name(), subject=TITLE.text(lang),
              created=register.now(), lang=lang) as book:
        for title, heads, rows in sheets:
            book.table(title, [Column(h.text(lang), width=h.width) for h in heads], rows)
    with write_transaction():
        audit.record(actor_id, "export.staff", Path(path).name[:60], {"staff": len(people)})
    return len(people)


def _flag(r: Row, head: str) -> bool | None:
    return r.flag(head, _YES, _NO, "应填“是”或“否”（现为“{value}”）。", "must be 是 or 否.")


@dataclass(frozen=True)
class _Person:
    row: int
    username: str
    name: str
    role: str
    department: str
    window: str
    active: bool | None
    password: str


def _read_departments(wb: Any, problems: list[Problem]) -> list[tuple[int, dict[str, Any]]]:
    if not set(DEPARTMENT_SHEET) & set(wb.sheetnames):
        return []
    found: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for r in SheetReader(wb, DEPARTMENT_SHEET, DEPARTMENT_HEADS, problems, max_rows=1000).rows():
        name = r.text("部门名称", required=True, limit=60)
        if name in seen:
            r.problem("部门名称", f"部门“{name}”与第 {seen[name]} 行重复。", "repeated.")
            continue
        fields = dict(name=name, code=r.text("编码", limit=20) or "",
                      phone=r.text("电话", limit=40) or "", location=r.text("地点") or "",
                      is_safety=bool(_flag(r, "安全管理部门")), active=_flag(r, "启用"))
        if name is not None:
            seen[name] = r.number
        if not r.failed:
            found.append((r.number, fields))
    return found


def _read_staff(wb: Any, problems: list[Problem], known: set[str]) -> list[_Person]:
    people: list[_Person] = []
    seen: dict[str, int] = {}
    for r in SheetReader(wb, STAFF_SHEET, STAFF_HEADS, problems, max_rows=MAX_STAFF).rows():
        username = r.text("用户名", required=True, limit=40)
        if username and not re.fullmatch(r"[A-Za-z0-9_.-]+", username):
            r.problem("用户名", f"用户名只能含字母、数字和 _ . -（现为“{username}”）。",
                      "letters, digits, _ . - only.")
        if username in seen:
            r.problem("用户名", f"用户名“{username}”与第 {seen[username]} 行重复。", "repeated.")
        role_text = r.text("角色", required=True, limit=20)
        role = _ROLE_WORDS.get((role_text or "").strip().lower(), _ROLE_WORDS.get(role_text or ""))
        if role_text and role is None:
            r.problem("角色", f"角色应为：{'、'.join(t.zh for t in ROLES.values())}（现为“{role_text}”）。",
                      "not a role.")
        name = r.text("姓名", required=True, limit=40)
        password = r.text("初始密码", limit=100) or ""
        if username and username not in known and not password:
            r.problem("初始密码", "新账户需要初始密码（首次登录时须修改）。",
                      "a new account needs an initial password.")
        elif password:
            try:
                check_password_strength(password)
            except DomainError as exc:
                r.problem("初始密码", exc.message(), exc.message("en"))
        person = _Person(r.number, username or "", name or "", role or "",
                         r.text("部门", limit=60) or "", r.text("窗口", limit=20) or "",
                         _flag(r, "在岗"), password)
        if username:
            seen.setdefault(username, r.number)
        if not r.failed:
            people.append(person)
    return people


def import_staff(path: str | Path, *, actor_id: int,
                 create_departments: bool = False) -> StaffImport:
    """Departments (sheet 部门, optional) and people (sheet 人员): all checked first; with any
    problem nothing changes (FileRefused lists them all)."""
    get_actor(actor_id, "manage_staff")
    wb = open_workbook(path)
    problems: list[Problem] = []
    try:
        deps = _read_departments(wb, problems)
        existing = {s.username: s for s in Staff.select()}
        people = _read_staff(wb, problems, set(existing))
    finally:
        wb.close()
    known = {d.name for d in list_departments(active_only=False)} | {f["name"] for _, f in deps}
    for p in people:
        if p.department and p.department not in known and not create_departments:
            problems.append(Problem(STAFF, p.row, "“部门”",
                                    f"系统中没有部门“{p.department}”（确认后可在导入时一并创建）。",
                                    f"no department “{p.department}”."))
    if problems:
        raise FileRefused(sorted(problems, key=lambda x: (x.sheet != DEPARTMENTS, x.row or 0)))
    made = _save_departments(actor_id, deps, {p.department for p in people if p.department})
    by_name = {d.name: d.id for d in list_departments(active_only=False)}
    done: dict[str, list[str]] = {"new": [], "changed": [], "same": []}
    for p in people:
        done[_save_person(actor_id, p, existing.get(p.username), by_name)].append(p.username)
    with write_transaction():
        audit.record(actor_id, "staff.imported", Path(path).name[:60],
                     {"created": len(done["new"]), "updated": len(done["changed"]),
                      "departments_created": made})
    return StaffImport(tuple(done["new"]), tuple(done["changed"]), tuple(done["same"]),
                       tuple(made))


def _save_departments(actor_id: int, deps: list[tuple[int, dict[str, Any]]],
                      named: set[str]) -> list[str]:
    from core.admin.staff_admin import update_department

    made: list[str] = []
    current = {d.name: d for d in list_departments(active_only=False)}
    for _, f in deps:
        d = current.get(f["name"])
        if d is None:
            d = create_department(f["name"], f["code"], f["phone"], f["location"],
                                  f["is_safety"], actor_id=actor_id)
            made.append(d.name)
        active = d.active if f["active"] is None else f["active"]
        if (d.code, d.phone, d.location, d.is_safety, d.active) != (
                f["code"], f["phone"], f["location"], f["is_safety"], active):
            update_department(actor_id, d.id, name=d.name, code=f["code"], phone=f["phone"],
                              location=f["location"], is_safety=f["is_safety"], active=active)
    for name in sorted(named - set(current) - set(made)):
        made.append(create_department(name, actor_id=actor_id).name)
    return made


def _save_person(actor_id: int, p: _Person, before: Staff | None,
                 deps: dict[str, int]) -> str:
    dep = deps.get(p.department) if p.department else None
    if before is None:
        info = create_staff(p.username, p.name, p.role, p.password, dep, p.window,
                            actor_id=actor_id, must_change_password=True)
        if p.active is False:
            set_staff_active(actor_id, info.id, False)
        return "new"
    dep = dep if p.department else before.department_id
    same = (before.name, before.role, before.department_id, before.window_no) == (
        p.name, p.role, dep, p.window)
    if not same:
        update_staff(actor_id, before.id, name=p.name, role=p.role, department_id=dep,
                     window_no=p.window)
    if p.active is not None and p.active != before.active:
        set_staff_active(actor_id, before.id, p.active)
        return "changed"
    return "same" if same else "changed"
