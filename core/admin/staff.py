"""Staff, departments and signing in: Argon2id hashes, lock-out after repeated failures."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import peewee as pw
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core import audit, register
from core.cases.validation import check_choice, clean_text
from core.errors import DomainError, Term
from core.permissions import get_actor
from core.vocab import ROLES
from models.database import db, is_read_only, timestamp_param, write_transaction
from models.tables import Case, CaseEvent, Department, Staff

log = logging.getLogger(__name__)

MAX_FAILED = 5
LOCK_MINUTES = 30
_hasher = PasswordHasher()  # Argon2id, 64 MiB, t=3, p=4: above OWASP's minimum


@dataclass(frozen=True)
class StaffInfo:
    id: int
    username: str
    name: str
    role: str
    department_id: int | None
    department: str
    window_no: str
    active: bool
    must_change_password: bool


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    name: str
    code: str
    phone: str
    location: str
    is_safety: bool
    active: bool


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_strength(password: str) -> str:
    if len(password) < 8 or not re.search(r"[A-Za-z]", password) or not re.search(r"\d", password):
        raise DomainError("weak_password", at="password")
    return password


def staff_info(s: Staff) -> StaffInfo:
    dep = s.department.name if s.department_id and s.department else ""
    return StaffInfo(s.id, s.username, s.name, s.role, s.department_id, dep, s.window_no,
                     s.active, s.must_change_password)


def department_info(d: Department) -> DepartmentInfo:
    return DepartmentInfo(d.id, d.name, d.code, d.phone, d.location, d.is_safety, d.active)


def sign_in(username: str, password: str) -> StaffInfo:
    """Check the password; 5 failures lock the account for 30 minutes (all audited). An empty
    password is refused before anything is looked up: it is not an attempt.

    Each attempt first claims its place in the failure count with one conditional UPDATE
    (… SET failed_logins = failed_logins + 1 … RETURNING), which also refuses a locked
    account: parallel wrong passwords cannot all read the same old count (on PostgreSQL 16
    of them left it at 1 with a read-then-write). A right password gives the place back."""
    if not password:  # Enter pressed before typing: no attempt, so it never counts to a lock
        raise DomainError("password_missing", at="password")
    if is_read_only():
        return _sign_in_read_only(username, password)
    failure: DomainError | None = None
    with write_transaction():
        staff = Staff.get_or_none(Staff.username == (username or "").strip())
        at = register.now()
        count = None if staff is None or not staff.active else _claim_attempt(staff.id, at)
        if staff is None or not staff.active:
            audit.record(None, "sign_in_failed", (username or "")[:40], "unknown or inactive")
            failure = DomainError("bad_password", at="password")
        elif count is None:
            until = Staff.get_by_id(staff.id).locked_until
            audit.record(staff.id, "sign_in_refused", staff.username, "locked")
            failure = DomainError("locked_out", until=until.strftime("%H:%M") if until else "")
        else:
            try:
                _hasher.verify(staff.password_hash, password)
            except (VerificationError, InvalidHashError):
                audit.record(staff.id, "sign_in_failed", staff.username, f"failure {count}")
                if count >= MAX_FAILED:
                    Staff.update(locked_until=at + timedelta(minutes=LOCK_MINUTES),
                                 failed_logins=0).where(Staff.id == staff.id).execute()
                    audit.record(staff.id, "account_locked", staff.username,
                                 f"{MAX_FAILED} failures, {LOCK_MINUTES} minutes")
                    log.warning("account %s locked after %s failures", staff.username, MAX_FAILED)
                failure = DomainError("bad_password", at="password")
            else:
                changes: dict[Any, Any] = {Staff.failed_logins: 0, Staff.locked_until: None}
                if _hasher.check_needs_rehash(staff.password_hash):
                    changes[Staff.password_hash] = hash_password(password)
                Staff.update(changes).where(Staff.id == staff.id).execute()
                audit.record(staff.id, "sign_in", staff.username)
    if failure is not None or staff is None:  # (no failure means the name was found)
        raise failure or DomainError("bad_password", at="password")
    return staff_info(Staff.get_by_id(staff.id))


def _claim_attempt(staff_id: int, at: datetime) -> int | None:
    """This attempt's number in the failure count, or None when the account is locked."""
    p = db.param
    row = db.execute_sql(
        f"UPDATE staff SET failed_logins = failed_logins + 1 WHERE id = {p} AND "
        f"(locked_until IS NULL OR locked_until <= {p}) RETURNING failed_logins",
        (staff_id, timestamp_param(at))).fetchone()
    return int(row[0]) if row else None


def _sign_in_read_only(username: str, password: str) -> StaffInfo:
    """A damaged register open read-only: the password is checked, nothing is written (the
    log file keeps the attempt; the failure count waits for the restored register)."""
    staff = Staff.get_or_none(Staff.username == (username or "").strip())
    at = register.now()
    if staff is None or not staff.active:
        log.warning("sign-in refused (read-only register): unknown or inactive %r", username)
        raise DomainError("bad_password", at="password")
    if staff.locked_until and staff.locked_until > at:
        raise DomainError("locked_out", until=staff.locked_until.strftime("%H:%M"))
    try:
        _hasher.verify(staff.password_hash, password)
    except (VerificationError, InvalidHashError):
        log.warning("sign-in failed (read-only register): %s", staff.username)
        raise DomainError("bad_password", at="password") from None
    log.info("signed in on a read-only register: %s", staff.username)
    return staff_info(staff)


def list_staff(active_only: bool = True, department_id: int | None = None) -> list[StaffInfo]:
    q = Staff.select(Staff, Department).join(Department, on=(Staff.department == Department.id),
                                             join_type=pw.JOIN.LEFT_OUTER)
    if active_only:
        q = q.where(Staff.active)
    if department_id is not None:
        q = q.where(Staff.department == department_id)
    return [staff_info(s) for s in q.order_by(Staff.department, Staff.name)]


def get_staff_info(staff_id: int) -> StaffInfo:
    s = Staff.get_or_none(Staff.id == staff_id)
    if s is None:
        raise DomainError("staff_not_found", ref=staff_id)
    return staff_info(s)


def list_departments(active_only: bool = True) -> list[DepartmentInfo]:
    q = Department.select()
    if active_only:
        q = q.where(Department.active)
    return [department_info(d) for d in q.order_by(Department.id)]


def create_department(name: str, code: str = "", phone: str = "", location: str = "",
                      is_safety: bool = False, actor_id: int | None = None) -> DepartmentInfo:
    if actor_id is not None:
        get_actor(actor_id, "manage_staff")
    name = clean_text(name, "name", required=True, limit=60)
    with write_transaction():
        if Department.select().where(Department.name == name).exists():
            raise DomainError("duplicate", at="name", field=Term("部门", "Department"), value=name)
        d = Department.create(name=name, code=clean_text(code, "name", limit=20), phone=phone,
                              location=location, is_safety=is_safety)
        audit.record(actor_id, "department.created", name)
        register.invalidate()
        return department_info(d)


def create_staff(username: str, name: str, role: str, password: str,
                 department_id: int | None = None, window_no: str = "",
                 actor_id: int | None = None, must_change_password: bool = False) -> StaffInfo:
    """Add a staff member (`actor_id` None only for set-up code: init, demo, tests)."""
    if actor_id is not None:
        get_actor(actor_id, "manage_staff")
    username = clean_text(username, "username", required=True)
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", username):
        raise DomainError("bad_choice", at="username", field=Term("用户名", "User name"),
                          value=username)
    name = clean_text(name, "visitor_name", required=True)
    check_choice(role, "role", ROLES)
    check_password_strength(password)
    with write_transaction():
        if Staff.select().where(Staff.username == username).exists():
            raise DomainError("duplicate", at="username", field=Term("用户名", "User name"),
                              value=username)
        s = Staff.create(username=username, name=name, role=role, department=department_id,
                         window_no=window_no, password_hash=hash_password(password),
                         must_change_password=must_change_password)
        audit.record(actor_id, "staff.created", username, {"role": role})
        register.invalidate()
        return staff_info(s)


def set_password(staff_id: int, new_password: str, actor_id: int | None = None) -> None:
    """Own password change, or an administrator's reset (then it must be changed at sign-in)."""
    check_password_strength(new_password)
    resetting = actor_id is not None and actor_id != staff_id
    if resetting and actor_id is not None:
        get_actor(actor_id, "manage_staff")
    with write_transaction():
        audit.record(actor_id if actor_id is not None else staff_id,
                     "staff.password_reset" if resetting else "staff.password_changed", str(staff_id))
        Staff.update(password_hash=hash_password(new_password), must_change_password=resetting,
                     failed_logins=0, locked_until=None).where(Staff.id == staff_id).execute()


def set_active(actor_id: int, staff_id: int, active: bool) -> StaffInfo:
    """Deactivate (never delete) a staff member: their history stays attributable."""
    get_actor(actor_id, "manage_staff")
    with write_transaction():
        audit.record(actor_id, "staff.activated" if active else "staff.deactivated", str(staff_id))
        Staff.update(active=active).where(Staff.id == staff_id).execute()
        return get_staff_info(staff_id)


def delete_staff(actor_id: int, staff_id: int) -> None:
    """Only someone with no history at all can be removed; others are deactivated."""
    get_actor(actor_id, "manage_staff")
    with write_transaction():
        s = Staff.get_or_none(Staff.id == staff_id)
        if s is None:
            raise DomainError("staff_not_found", ref=staff_id)
        used = (Case.select().where((Case.first_owner == staff_id) | (Case.handler == staff_id)).exists()
                or CaseEvent.select().where(CaseEvent.actor == staff_id).exists())
        if used:
            raise DomainError("has_history", name=s.name)
        audit.record(actor_id, "staff.deleted", s.username)
        s.delete_instance()


def locked_until(username: str) -> datetime | None:
    s = Staff.get_or_none(Staff.username == username)
    return s.locked_until if s else None
