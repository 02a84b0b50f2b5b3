"""Administration that core/admin/staff.py and core/admin/organisation.py lack: editing staff and departments,
guarding the last administrator, checking settings, applying a preset, the auto-backup choice."""

from __future__ import annotations

import logging
import socket
from dataclasses import asdict, dataclass, fields
from typing import Any

from core import audit, register
from core.admin.catalogue import ItemInfo
from core.admin.organisation import OrgInfo, org_info
from core.admin.presets import PRESET_KEYS, preset_settings
from core.admin.retention import retention_years
from core.admin.settings import OrgSettings, parse_hhmm
from core.admin.staff import DepartmentInfo, StaffInfo, department_info, get_staff_info, set_active
from core.cases.validation import check_choice, clean_text
from core.errors import DomainError, Term, ValidationError, english
from core.permissions import get_actor
from core.vocab import ADMIN, KINDS, ROLES
from models.database import write_transaction
from models.tables import Case, CaseEvent, Department, Organisation, Staff

log = logging.getLogger(__name__)


ADMIN_MESSAGES: dict[str, tuple[str, str]] = {
    "last_admin": ("至少要保留一名在岗的系统管理员。", "At least one active administrator must remain."),
    "still_responsible": ("{name} 还有 {n} 件事项正等其处理（或由其所在岗位处理），请先转交他人，"
                          "以免事项无人负责。",
                          "{n} open cases still wait for {name} (or for their post); hand them "
                          "over first so that no case is left with nobody to act."),
    "own_account": ("不能停用自己正在使用的账户。", "You cannot deactivate your own account."),
    "department_in_use": ("部门“{name}”还有 {n} 名在岗人员，请先调整人员再停用。",
                          "{name} still has {n} active staff; move them before deactivating it."),
    "office_hours": ("办公时间应依次为：上班 < 午休开始 < 午休结束 < 下班（格式 HH:MM）。",
                     "Office hours must run start < lunch start < lunch end < end (HH:MM)."),
    "no_windows": ("请至少填写一个窗口。", "List at least one window."),
    "no_folder": ("请选择自动备份的文件夹。", "Choose a folder for automatic backups."),
}

# OrgSettings limits: field -> (label, lowest, highest)
LIMITS: dict[str, tuple[Term, float, float]] = {
    "max_handovers": (Term("最多转办退回次数", "Most hand-overs"), 1, 10),
    "transfer_within_hours": (Term("转办时限（小时）", "Transfer within (hours)"), 0.5, 40),
    "accept_within_hours": (Term("签收时限（小时）", "Accept within (hours)"), 0.5, 40),
    "contact_within_days": (Term("联系办事人时限（工作日）", "Contact within (days)"), 0, 30),
    "notify_within_days": (Term("答复时限（工作日）", "Notify within (days)"), 0, 30),
    "return_within_days": (Term("退回时限（工作日）", "Return within (days)"), 0, 30),
    "warn_hours": (Term("到期预警（工作小时）", "Warn (working hours)"), 0, 80),
    "rectification_days": (Term("差评整改时限（工作日）", "Rectify within (days)"), 1, 90),
    "hazard_verify_hours": (Term("隐患核实时限（小时）", "Verify hazard (hours)"), 1, 168),
}


TEXTS: tuple[tuple[str, Term, int], ...] = (
    ("enquiry_phone", Term("咨询电话", "Enquiry phone"), 40),
    ("pickup_place", Term("取件地点", "Pick-up place"), 100),
    ("slip_footer", Term("单据页脚", "Slip footer"), 300),
    ("logo_path", Term("标志图片", "Logo"), 260),
)


class AdminError(DomainError):
    """A refused administrative change; carries its own bilingual messages."""

    def message(self, lang: str = "zh") -> str:
        zh, en = ADMIN_MESSAGES.get(self.code, (self.code, self.code))
        template = en if english(lang) else zh
        values = {k: v.text(lang) if isinstance(v, Term) else v for k, v in self.fields.items()}
        return template.format(**values)


def _text(value: str | None, at: str, label: Term, limit: int, *, required: bool = False,
          multiline: bool = False) -> str:
    """clean_text, with the message naming this form's field."""
    try:
        return clean_text(value, "note", required=required, limit=limit, multiline=multiline)
    except ValidationError as exc:
        raise ValidationError(exc.code, at=at, **{**exc.fields, "field": label}) from None


# ---- staff and departments -----------------------------------------------------------------

def has_history(staff_id: int) -> bool:
    """Whether anything is attributed to the person (then they can only be deactivated)."""
    return (Case.select().where((Case.first_owner == staff_id) | (Case.handler == staff_id)).exists()
            or CaseEvent.select().where(CaseEvent.actor == staff_id).exists())


def _other_active_admins(staff_id: int) -> int:
    return Staff.select().where((Staff.role == ADMIN) & Staff.active & (Staff.id != staff_id)).count()


def _department_id(department_id: int | None) -> int | None:
    if department_id is None:
        return None
    dep = Department.get_or_none(Department.id == department_id)
    if dep is None:
        raise DomainError("department_not_found", at="department", ref=department_id)
    return dep.id


def update_staff(actor_id: int, staff_id: int, *, name: str, role: str,
                 department_id: int | None, window_no: str = "") -> StaffInfo:
    """Rename a staff member or change their role, department or window (audited)."""
    get_actor(actor_id, "manage_staff")
    name = clean_text(name, "visitor_name", required=True)
    check_choice(role, "role", ROLES)
    window_no = _text(window_no, "window_no", Term("窗口", "Window"), 20)
    with write_transaction():
        s = Staff.get_or_none(Staff.id == staff_id)
        if s is None:
            raise DomainError("staff_not_found", ref=staff_id)
        if s.role == ADMIN and role != ADMIN and s.active and not _other_active_admins(staff_id):
            raise AdminError("last_admin", at="role")
        dep = _department_id(department_id)
        if s.active and (role != s.role or dep != s.department_id):
            _refuse_stranding(s.id, s.name, active=True, role=role, department_id=dep)
        before = {"name": s.name, "role": s.role, "department": s.department_id,
                  "window_no": s.window_no}
        after = {"name": name, "role": role, "department": dep, "window_no": window_no}
        changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
        if changes:
            Staff.update(name=name, role=role, department=dep, window_no=window_no).where(
                Staff.id == staff_id).execute()
            audit.record(actor_id, "staff.changed", s.username, changes)
            register.invalidate()
    return get_staff_info(staff_id)


def _refuse_stranding(staff_id: int, name: str, *, active: bool, role: str,
                      department_id: int | None) -> None:
    """No member leaves (or changes post) while open cases would then wait for nobody."""
    from core.cases.inbox import stranded_by

    n = stranded_by(staff_id, active=active, role=role, department_id=department_id)
    if n:
        raise AdminError("still_responsible", at="active", name=name, n=n)


def set_staff_active(actor_id: int, staff_id: int, active: bool) -> StaffInfo:
    """停用 / 启用, refusing to lock the organisation out (own account, last administrator)."""
    get_actor(actor_id, "manage_staff")
    target = get_staff_info(staff_id)
    if not active:
        if staff_id == actor_id:
            raise AdminError("own_account")
        if target.role == ADMIN and not _other_active_admins(staff_id):
            raise AdminError("last_admin")
        _refuse_stranding(staff_id, target.name, active=False, role=target.role,
                          department_id=target.department_id)
    info = set_active(actor_id, staff_id, active)
    register.invalidate()
    return info


def update_department(actor_id: int, department_id: int, *, name: str, code: str = "",
                      phone: str = "", location: str = "", is_safety: bool = False,
                      active: bool = True) -> DepartmentInfo:
    get_actor(actor_id, "manage_staff")
    name = _text(name, "name", Term("部门名称", "Name"), 60, required=True)
    code = _text(code, "code", Term("编码", "Code"), 20)
    phone = _text(phone, "phone", Term("电话", "Phone"), 40)
    location = _text(location, "location", Term("地点", "Location"), 100)
    with write_transaction():
        d = Department.get_or_none(Department.id == department_id)
        if d is None:
            raise DomainError("department_not_found", ref=department_id)
        clash = Department.get_or_none(Department.name == name)
        if clash is not None and clash.id != department_id:
            raise DomainError("duplicate", at="name", field=Term("部门", "Department"), value=name)
        if d.active and not active:
            staffed = Staff.select().where((Staff.department == department_id) & Staff.active).count()
            if staffed:
                raise AdminError("department_in_use", at="active", name=d.name, n=staffed)
        before = department_info(d)
        d.name, d.code, d.phone, d.location = name, code, phone, location
        d.is_safety, d.active = is_safety, active
        d.save()
        after = department_info(d)
        changes = {k: [v, getattr(after, k)] for k, v in asdict(before).items()
                   if getattr(after, k) != v}
        if changes:
            audit.record(actor_id, "department.changed", name, changes)
        register.invalidate()
        return after


# ---- organisation settings -----------------------------------------------------------------

def _minutes(value: str, at: str) -> int:
    try:
        t = parse_hhmm(value)
    except (ValueError, AttributeError):
        raise AdminError("office_hours", at=at) from None
    return t.hour * 60 + t.minute


def check_settings(settings: OrgSettings) -> OrgSettings:
    """Refuse limits out of range, office hours out of order, an empty window list."""
    for key, (label, low, high) in LIMITS.items():
        value = getattr(settings, key)
        if not isinstance(value, int | float) or not low <= value <= high:
            raise ValidationError("bad_number", at=key, field=label, low=low, high=high)
    for kind, days in settings.kind_days.items():
        if not isinstance(days, int) or not 0 <= days <= 365:
            label = KINDS[kind] if kind in KINDS else Term(kind, kind)
            raise ValidationError("bad_number", at=f"kind_days.{kind}", field=label, low=0, high=365)
    retention_years(settings.retention_years)  # each 1–100 years, known kinds only
    times = [_minutes(getattr(settings, k), k)
             for k in ("office_start", "lunch_start", "lunch_end", "office_end")]
    if not all(a < b for a, b in zip(times, times[1:], strict=False)):
        raise AdminError("office_hours", at="office_end")
    windows = tuple(_text(w, "windows", Term("窗口", "Window"), 20)
                    for w in settings.windows if w.strip())
    if not windows:
        raise AdminError("no_windows", at="windows")
    texts = {key: _text(getattr(settings, key), key, label, limit, multiline=key == "slip_footer")
             for key, label, limit in TEXTS}
    return settings.with_changes(windows=windows, **texts)


ITEM_TEXTS: tuple[tuple[str, Term, bool, int], ...] = (
    ("code", Term("事项编码", "Item code"), True, 30), ("name", Term("事项名称", "Name"), True, 100),
    ("fees", Term("收费标准", "Fees"), False, 200), ("location", Term("办理地点", "Place"), False, 100),
)


def check_item_texts(info: ItemInfo) -> None:
    """The catalogue form's text fields, each named in its own message (validate_item calls
    them all "名称"); save_item checks everything again."""
    for key, label, required, limit in ITEM_TEXTS:
        _text(getattr(info, key), key, label, limit, required=required)


def check_org_info(name: str, address: str, phone: str) -> tuple[str, str, str]:
    """The organisation's name, address and phone as save_settings stores them."""
    return (_text(name, "org_name", Term("机构名称", "Name"), 100, required=True),
            _text(address, "address", Term("地址", "Address"), 200),
            _text(phone, "phone", Term("电话", "Phone"), 40))


def apply_preset(actor_id: int, key: str) -> OrgInfo:
    """Adopt a preset's limits, kinds, channels, terms and windows; the name, address and slip
    wording stay as they are."""
    get_actor(actor_id, "manage_settings")
    if key not in PRESET_KEYS:
        raise ValidationError("bad_choice", at="profile", field=Term("机构类型", "Profile"), value=key)
    current = register.org_settings()
    fresh = preset_settings(key)
    keep = {k: getattr(current, k)
            for k in ("slip_format", "slip_footer", "logo_path", "auto_backup", "retention_years")}
    for k in ("enquiry_phone", "pickup_place"):
        keep[k] = getattr(current, k) or getattr(fresh, k)
    settings = fresh.with_changes(**keep)
    with write_transaction():
        org = Organisation.select().first()
        if org is None:
            raise DomainError("not_configured")
        org.profile, org.settings = key, settings.to_json()
        org.save()
        audit.record(actor_id, "settings.preset", org.name, {"preset": key})
    register.invalidate()
    return org_info()


# ---- automatic backup ----------------------------------------------------------------------

@dataclass(frozen=True)
class AutoBackup:
    """Back up once a day into `folder`, keeping the newest `keep`; runs on the PC `host`."""

    enabled: bool = False
    folder: str = ""
    keep: int = 7
    host: str = ""

    def runs_here(self) -> bool:
        return self.enabled and bool(self.folder) and self.host in ("", socket.gethostname())


def auto_backup_settings() -> AutoBackup:
    data: dict[str, Any] = dict(register.org_settings().auto_backup or {})
    known = {f.name for f in fields(AutoBackup)}
    return AutoBackup(**{k: v for k, v in data.items() if k in known})


def save_auto_backup(actor_id: int, enabled: bool, folder: str, keep: int) -> AutoBackup:
    """Store the choice (this PC runs it); off keeps the folder for next time."""
    get_actor(actor_id, "backup")
    folder = _text(folder, "folder", Term("备份文件夹", "Backup folder"), 260)
    if enabled and not folder:
        raise AdminError("no_folder", at="folder")
    if not 1 <= int(keep) <= 365:
        raise ValidationError("bad_number", at="keep", field=Term("保留份数", "Copies kept"),
                              low=1, high=365)
    config = AutoBackup(enabled, folder, int(keep), socket.gethostname())
    with write_transaction():
        org = Organisation.select().first()
        if org is None:
            raise DomainError("not_configured")
        current = OrgSettings.from_json(org.settings)
        org.settings = current.with_changes(auto_backup=asdict(config)).to_json()
        org.save()
        audit.record(actor_id, "backup.schedule", folder[-60:], asdict(config))
    register.invalidate()
    return config
