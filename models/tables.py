"""The peewee tables of the case register. Names follow docs/rules.md's words."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import peewee as pw

from models.database import db


class BaseModel(pw.Model):
    class Meta:
        database = db
        legacy_table_names = False
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        id: ClassVar[pw.AutoField[int]]  # not on the three tables keyed otherwise


class SchemaVersion(BaseModel):
    """One row: the schema version this file or server has been migrated to."""

    version = pw.IntegerField()


class Organisation(BaseModel):
    """One row: the organisation running this register and its settings (JSON)."""

    name = pw.CharField(max_length=100)
    profile = pw.CharField(max_length=30)  # a preset key: service_centre, bureau, ...
    address = pw.CharField(max_length=200, default="")
    phone = pw.CharField(max_length=40, default="")
    settings = pw.TextField(default="{}")  # core.admin.settings.OrgSettings as JSON


class Department(BaseModel):
    name = pw.CharField(max_length=60, unique=True)
    code = pw.CharField(max_length=20, default="")
    phone = pw.CharField(max_length=40, default="")
    location = pw.CharField(max_length=100, default="")
    is_safety = pw.BooleanField(default=False)  # receives accidents at once (安全首问)
    active = pw.BooleanField(default=True)


class Staff(BaseModel):
    username = pw.CharField(max_length=40, unique=True)
    name = pw.CharField(max_length=40)
    role = pw.CharField(max_length=20)  # core.roles.Role values
    department = pw.ForeignKeyField(Department, null=True, backref="staff", on_delete="RESTRICT")
    window_no = pw.CharField(max_length=20, default="")
    phone = pw.CharField(max_length=40, default="")
    password_hash = pw.CharField(max_length=200, default="")
    must_change_password = pw.BooleanField(default=False)
    active = pw.BooleanField(default=True)
    failed_logins = pw.IntegerField(default=0)
    locked_until = pw.DateTimeField(null=True)
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        department_id: ClassVar[pw.IntegerField[int | None]]


class ServiceItem(BaseModel):
    """A catalogue entry; `version` rises whenever anything a notice prints changes."""

    code = pw.CharField(max_length=30, unique=True)
    name = pw.CharField(max_length=100)
    department = pw.ForeignKeyField(Department, backref="items", on_delete="RESTRICT")
    instant = pw.BooleanField(null=True, default=False)  # NULL: the guide does not say
    promised_days = pw.IntegerField(default=0)  # 0: no promise (instant, or statutory only)
    legal_days = pw.IntegerField(default=0)
    legal_unit = pw.CharField(max_length=10, default="working")  # working | calendar days
    fees = pw.CharField(max_length=200, default="")  # "": the guide says nothing (not 不收费)
    steps = pw.TextField(default="[]")  # JSON list of strings
    legal_basis = pw.TextField(default="")
    location = pw.CharField(max_length=100, default="")
    version = pw.IntegerField(default=1)
    active = pw.BooleanField(default=True)
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        department_id: ClassVar[pw.IntegerField[int]]
        materials: pw.ModelSelect[ServiceMaterial]  # the backref


class ServiceMaterial(BaseModel):
    item = pw.ForeignKeyField(ServiceItem, backref="materials", on_delete="CASCADE")
    position = pw.IntegerField(default=0)
    name = pw.CharField(max_length=100)
    # core.admin.guide_values: original | copy | original_and_copy | original_check; "": not stated
    form = pw.CharField(max_length=20, default="")
    copies = pw.IntegerField(null=True)  # NULL: not stated
    requirement = pw.CharField(max_length=12, default="required")  # required | optional | conditional | ""
    condition = pw.CharField(max_length=200, default="")  # when a conditional one is needed
    note = pw.TextField(default="")
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        item_id: ClassVar[pw.IntegerField[int]]


class ServiceItemVersion(BaseModel):
    """What an item said at each version, so an old case still shows what it was told."""

    item = pw.ForeignKeyField(ServiceItem, backref="versions", on_delete="CASCADE", index=False)
    version = pw.IntegerField()
    snapshot = pw.TextField()  # JSON of core.admin.catalogue.ItemInfo
    created_at = pw.DateTimeField()

    class Meta:
        indexes = ((("item", "version"), True),)
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        item_id: ClassVar[pw.IntegerField[int]]


class Visitor(BaseModel):
    name = pw.CharField(max_length=60, default="")
    phone = pw.CharField(max_length=30, default="", index=True)
    unit = pw.CharField(max_length=100, default="")
    id_number = pw.CharField(max_length=20, default="")
    created_at = pw.DateTimeField()


class CaseCounter(BaseModel):
    """Per-day case-number sequence: one UPDATE ... SET last = last + 1 per case."""

    day = pw.CharField(max_length=8, primary_key=True)  # YYYYMMDD
    last = pw.IntegerField(default=0)


class Case(BaseModel):
    number = pw.CharField(max_length=20, unique=True)
    channel = pw.CharField(max_length=12)
    kind = pw.CharField(max_length=20)
    visitor = pw.ForeignKeyField(Visitor, null=True, backref="cases", on_delete="RESTRICT")
    anonymous = pw.BooleanField(default=False)
    # What the visitor gave at this contact (searchable without a join).
    visitor_name = pw.CharField(max_length=60, default="")
    visitor_phone = pw.CharField(max_length=30, default="")
    visitor_unit = pw.CharField(max_length=100, default="")
    subject = pw.CharField(max_length=200)
    description = pw.TextField(default="")
    # Where a hazard is (schema v11). DEFAULT '' in the table as the upgrade adds it, so a
    # fresh register and an upgraded one agree and a writer that does not name it still works.
    location = pw.CharField(max_length=200, default="", constraints=[pw.SQL("DEFAULT ''")])
    service_item = pw.ForeignKeyField(ServiceItem, null=True, on_delete="RESTRICT")
    item_version = pw.IntegerField(null=True)
    # Indexes: only those a query plan uses (docs/architecture.md, "Indexes"); the people's
    # columns are indexed with status and due time (migration v5).
    first_owner = pw.ForeignKeyField(Staff, backref="first_cases", on_delete="RESTRICT",
                                     index=False)
    handler = pw.ForeignKeyField(Staff, null=True, backref="handled_cases", on_delete="RESTRICT")
    department = pw.ForeignKeyField(Department, null=True, on_delete="RESTRICT")
    # While transferred / escalated: who is asked to accept.
    pending_department = pw.ForeignKeyField(
        Department, null=True, on_delete="RESTRICT", backref="pending_cases", index=False
    )
    pending_staff = pw.ForeignKeyField(
        Staff, null=True, on_delete="RESTRICT", backref="pending_cases", index=False
    )
    status = pw.CharField(max_length=20)
    registered_at = pw.DateTimeField()
    due_at = pw.DateTimeField(null=True)
    paused_at = pw.DateTimeField(null=True)
    paused_remaining = pw.IntegerField(null=True)  # working minutes left when paused
    extended = pw.BooleanField(default=False)
    visit_count = pw.IntegerField(default=1)
    handover_count = pw.IntegerField(default=0)  # transfers + returns (踢皮球 guard)
    result = pw.TextField(default="")
    resolved_at = pw.DateTimeField(null=True)
    notified_at = pw.DateTimeField(null=True)
    closed_at = pw.DateTimeField(null=True)
    evaluation = pw.IntegerField(null=True)  # 1 非常不满意 … 5 非常满意
    # The new due time an extension request asks for, until a leader decides (leaders'
    # inboxes find it by index instead of reading the history).
    extension_due = pw.DateTimeField(null=True)
    version = pw.IntegerField(default=1)  # optimistic lock: every change bumps it
    updated_at = pw.DateTimeField()

    class Meta:
        table_name = "case"
        indexes = (
            (("status", "due_at"), False),
            (("department", "status", "due_at"), False),
            # (person, status, due_at) indexes for "mine" lists come from migration v5.
            (("pending_department", "status"), False),
            (("visitor_phone",), False),
            (("visitor_name",), False),
            (("registered_at",), False),
        )
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        visitor_id: ClassVar[pw.IntegerField[int | None]]
        service_item_id: ClassVar[pw.IntegerField[int | None]]
        first_owner_id: ClassVar[pw.IntegerField[int]]
        handler_id: ClassVar[pw.IntegerField[int | None]]
        department_id: ClassVar[pw.IntegerField[int | None]]
        pending_department_id: ClassVar[pw.IntegerField[int | None]]
        pending_staff_id: ClassVar[pw.IntegerField[int | None]]


class ReceivedMaterial(BaseModel):
    case = pw.ForeignKeyField(Case, backref="materials", on_delete="CASCADE")
    position = pw.IntegerField(default=0)
    name = pw.CharField(max_length=100)
    original = pw.BooleanField(default=True)
    copies = pw.IntegerField(default=1)
    pages = pw.IntegerField(default=1)
    received = pw.BooleanField(default=True)  # False: still missing (补正)
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        case_id: ClassVar[pw.IntegerField[int]]


class CaseEvent(BaseModel):
    """Append-only history: never updated or deleted (triggers enforce it)."""

    # (case, at) and (actor, at) below; the people handed from and to, for the audit view's
    # "involving this person"; departments are never deleted, so theirs need no index.
    case = pw.ForeignKeyField(Case, backref="events", on_delete="RESTRICT", index=False)
    type = pw.CharField(max_length=24)
    actor = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", backref="events",
                               index=False)
    from_staff = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", backref="events_from")
    to_staff = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", backref="events_to")
    from_department = pw.ForeignKeyField(
        Department, null=True, on_delete="RESTRICT", backref="events_from", index=False
    )
    to_department = pw.ForeignKeyField(
        Department, null=True, on_delete="RESTRICT", backref="events_to", index=False
    )
    status_after = pw.CharField(max_length=20)
    note = pw.TextField(default="")
    data = pw.TextField(default="")  # JSON extras (method of notification, new due, ...)
    at = pw.DateTimeField(index=True)

    class Meta:
        indexes = ((("case", "at"), False), (("actor", "at"), False))
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        case_id: ClassVar[pw.IntegerField[int]]
        actor_id: ClassVar[pw.IntegerField[int | None]]
        from_staff_id: ClassVar[pw.IntegerField[int | None]]
        to_staff_id: ClassVar[pw.IntegerField[int | None]]
        from_department_id: ClassVar[pw.IntegerField[int | None]]
        to_department_id: ClassVar[pw.IntegerField[int | None]]


class Referral(BaseModel):
    """Outside the organisation: where the visitor was sent (告知去向)."""

    case = pw.ForeignKeyField(Case, unique=True, backref="referral", on_delete="CASCADE")
    place = pw.CharField(max_length=200)
    contact = pw.CharField(max_length=100, default="")
    note = pw.TextField(default="")
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        case_id: ClassVar[pw.IntegerField[int]]


class Rectification(BaseModel):
    """Opened by a poor evaluation: due in 15 working days, with a follow-up call (回访)."""

    case = pw.ForeignKeyField(Case, backref="rectifications", on_delete="CASCADE")
    opened_at = pw.DateTimeField()
    due_at = pw.DateTimeField()
    done_at = pw.DateTimeField(null=True)
    follow_up_at = pw.DateTimeField(null=True)
    note = pw.TextField(default="")
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        case_id: ClassVar[pw.IntegerField[int]]


class Violation(BaseModel):
    """Accountability: a detected candidate, or a confirmed or dismissed violation."""

    staff = pw.ForeignKeyField(Staff, backref="violations", on_delete="RESTRICT", index=False)
    case = pw.ForeignKeyField(Case, null=True, on_delete="RESTRICT")
    rule = pw.CharField(max_length=30)  # core.supervision.accountability.Rule values or "complaint"
    source = pw.CharField(max_length=12)  # detected | complaint
    status = pw.CharField(max_length=12)  # candidate | confirmed | dismissed
    evidence = pw.TextField(default="")
    occurred_at = pw.DateTimeField()
    sanction = pw.CharField(max_length=30, default="")
    reason = pw.TextField(default="")
    decided_by = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", backref="decisions",
                                    index=False)
    decided_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("staff", "case", "rule"), False),)
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        staff_id: ClassVar[pw.IntegerField[int]]
        case_id: ClassVar[pw.IntegerField[int | None]]
        decided_by_id: ClassVar[pw.IntegerField[int | None]]


class Commendation(BaseModel):
    staff = pw.ForeignKeyField(Staff, backref="commendations", on_delete="RESTRICT")
    case = pw.ForeignKeyField(Case, null=True, on_delete="RESTRICT", index=False)
    note = pw.TextField()
    recorded_by = pw.ForeignKeyField(Staff, on_delete="RESTRICT", backref="commended", index=False)
    at = pw.DateTimeField()
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        staff_id: ClassVar[pw.IntegerField[int]]
        case_id: ClassVar[pw.IntegerField[int | None]]
        recorded_by_id: ClassVar[pw.IntegerField[int]]


class CalendarOverride(BaseModel):
    """An administrator's holiday (workday=False) or make-up working day (workday=True)."""

    day = pw.DateField(unique=True)
    workday = pw.BooleanField()
    name = pw.CharField(max_length=40, default="")


class CalendarYear(BaseModel):
    """A year whose holidays rest on the published official schedule (imported, or confirmed
    by an administrator); other years beyond the built-in data are estimates."""

    year = pw.IntegerField(primary_key=True)
    source = pw.CharField(max_length=20)  # imported | confirmed | upgraded
    recorded_at = pw.DateTimeField()


class AuditLog(BaseModel):
    """Tamper-evident log: each row's hash covers its content and the previous row's hash."""

    at = pw.DateTimeField()
    actor = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", backref="audit_rows",
                               index=False)
    action = pw.CharField(max_length=40)
    target = pw.CharField(max_length=60, default="")  # e.g. case number, staff user name
    detail = pw.TextField(default="")
    prev_hash = pw.CharField(max_length=64)
    hash = pw.CharField(max_length=64)

    class Meta:
        indexes = ((("actor", "at"), False), (("action", "at"), False))
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        actor_id: ClassVar[pw.IntegerField[int | None]]


class AcceptWait(BaseModel):
    """How long a hand-over waited for 签收, in working minutes on the calendar in force when
    it was accepted: written with the accept event, read by the statistics (by the case's
    registration time, which is copied here so a month's samples need no join)."""

    case = pw.ForeignKeyField(Case, backref="accept_waits", on_delete="RESTRICT", index=False)
    department = pw.ForeignKeyField(Department, null=True, on_delete="RESTRICT",
                                    index=False)  # receiving
    registered_at = pw.DateTimeField(index=True)  # the case's
    handed_at = pw.DateTimeField()
    accepted_at = pw.DateTimeField()
    minutes = pw.IntegerField()
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        case_id: ClassVar[pw.IntegerField[int]]
        department_id: ClassVar[pw.IntegerField[int | None]]


class InboxSeen(BaseModel):
    """When a staff member last looked at one section of their inbox: what arrived later is
    marked new."""

    staff = pw.ForeignKeyField(Staff, on_delete="CASCADE", index=False)  # first in the key
    section = pw.CharField(max_length=24)
    seen_at = pw.DateTimeField()

    class Meta:
        primary_key = pw.CompositeKey("staff", "section")
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        staff_id: ClassVar[pw.IntegerField[int]]


class OfflineStation(BaseModel):
    """A PC's journal of registrations taken while the server was unreachable: its id makes
    the window identity in provisional numbers (W03), handed out here so none repeats."""

    label = pw.CharField(max_length=100, default="")  # computer and account, for people
    created_at = pw.DateTimeField()


class CaseAlias(BaseModel):
    """A provisional number (20261204-W03-0007) of a case registered offline, and the
    idempotency key its replay carried: the unique key is what makes a second replay of the
    same journal entry find the case instead of registering it again (docs/offline.md)."""

    alias = pw.CharField(max_length=24, unique=True)  # type: ignore[assignment]  # hides Model.alias(), never used on this table
    case = pw.ForeignKeyField(Case, backref="aliases", on_delete="RESTRICT")
    key = pw.CharField(max_length=36, unique=True)
    # Stations are never deleted, nor people with a history: no index (docs/architecture.md,
    # "Indexes").
    station = pw.ForeignKeyField(OfflineStation, on_delete="RESTRICT", index=False)
    entered_by = pw.ForeignKeyField(Staff, on_delete="RESTRICT", index=False)
    entered_at = pw.DateTimeField()  # at the desk, on the server's clock as the PC kept it
    synced_at = pw.DateTimeField()
    if TYPE_CHECKING:  # what peewee adds at run time (docs/architecture.md, "Types")
        case_id: ClassVar[pw.IntegerField[int]]
        station_id: ClassVar[pw.IntegerField[int]]
        entered_by_id: ClassVar[pw.IntegerField[int]]


ALL_TABLES: list[type[BaseModel]] = [
    SchemaVersion, Organisation, Department, Staff, ServiceItem, ServiceMaterial,
    ServiceItemVersion, Visitor, CaseCounter, Case, ReceivedMaterial, CaseEvent, Referral,
    Rectification, Violation, Commendation, CalendarOverride, AuditLog, AcceptWait, InboxSeen,
    CalendarYear, OfflineStation, CaseAlias,
]
