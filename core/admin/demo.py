"""The demo organisation: a service centre with its staff, catalogue and generated cases in
every state. Large volumes (1,000,000 cases) are written with executemany in batches."""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from core import register
from core.admin.catalogue import ItemInfo, MaterialSpec, list_items, save_item
from core.admin.organisation import init_organisation, is_initialised
from core.admin.presets import demo_catalogue, demo_people, load_preset
from core.admin.staff import create_staff, list_departments, list_staff
from core.supervision.timeliness import backfill_accept_waits
from models import search
from models.database import db, is_sqlite
from models.tables import Case, CaseCounter, Visitor

log = logging.getLogger(__name__)

DEMO_PASSWORD = "demo1234"
BATCH = 20_000

CASE_COLUMNS = (
    "id", "number", "channel", "kind", "visitor_id", "anonymous", "visitor_name", "visitor_phone",
    "visitor_unit", "subject", "description", "location", "service_item_id", "item_version", "first_owner_id",
    "handler_id", "department_id", "pending_department_id", "pending_staff_id", "status",
    "registered_at", "due_at", "paused_at", "paused_remaining", "extended", "visit_count",
    "handover_count", "result", "resolved_at", "notified_at", "closed_at", "evaluation", "version",
    "updated_at",
)
EVENT_COLUMNS = ("case_id", "type", "actor_id", "from_staff_id", "to_staff_id", "from_department_id",
                 "to_department_id", "status_after", "note", "data", "at")
MATERIAL_COLUMNS = ("case_id", "position", "name", "original", "copies", "pages", "received")
REFERRAL_COLUMNS = ("case_id", "place", "contact", "note")


def setup_demo_organisation() -> None:
    """Organisation, departments, staff (password demo1234) and the catalogue."""
    people = demo_people()
    preset = load_preset("service_centre")
    admin = next(p for p in people["staff"] if p["role"] == "admin")
    init_organisation(preset["sample_org_name"], "service_centre", admin["username"],
                      admin["name"], DEMO_PASSWORD)
    deps = {d.name: d.id for d in list_departments()}
    for p in people["staff"]:
        if p["role"] == "admin":
            continue
        create_staff(p["username"], p["name"], p["role"], DEMO_PASSWORD,
                     deps.get(p.get("department") or ""), p.get("window_no", ""))
    for it in demo_catalogue():
        save_item(ItemInfo(
            id=None, code=it["code"], name=it["name"], department_id=deps[it["department"]],
            department=it["department"], instant=it["instant"], promised_days=it["promised_days"],
            legal_days=it.get("legal_days", 0), fees=it.get("fees", ""), steps=tuple(it["steps"]),
            legal_basis=it.get("legal_basis", ""), location=it.get("location", ""),
            materials=tuple(MaterialSpec(m["name"], m["original"], m["copies"], m["required"],
                                         m.get("note", "")) for m in it["materials"]),
        ), actor_id=None)


@dataclass
class _World:
    rng: random.Random
    staff_by_dep: dict[int | None, list[int]]
    clerks: list[int]
    leaders: list[int]
    safety_dep: int | None
    items: list[ItemInfo]
    visitors: list[tuple[int, str, str, str]] = field(default_factory=list)
    due_cache: dict[tuple[date, bool, int], datetime] = field(default_factory=dict)
    handling_deps: list[int | None] = field(default_factory=list)  # departments with a handler
    clerk_dep: dict[int, int | None] = field(default_factory=dict)


def _working_moments(days: int, end: date, rng: random.Random) -> Callable[[], datetime]:
    cal = register.calendar()
    workdays = [end - timedelta(days=i) for i in range(days) if cal.is_workday(end - timedelta(days=i))]

    def pick() -> datetime:
        d = rng.choice(workdays)
        minute = rng.randint(0, 7 * 60)
        t = datetime.combine(d, time(9, 0)) + timedelta(minutes=minute + (90 if minute >= 180 else 0))
        return t

    return pick


def generate_cases(count: int, *, seed: int = 7, end: datetime | None = None,
                   per_day: int = 900, progress: Callable[[int], None] | None = None) -> int:
    """Append `count` realistic cases (with events and materials) ending at `end`."""
    if count <= 0:
        return 0
    rng = random.Random(seed)
    end = end or register.now()
    people = demo_people()
    staff = list_staff()
    staff_by_dep: dict[int | None, list[int]] = {}
    for s in staff:
        if s.department_id and s.role in ("handler", "dept_head", "clerk", "safety_officer"):
            staff_by_dep.setdefault(s.department_id, []).append(s.id)
    deps = list_departments()
    world = _World(
        rng=rng, staff_by_dep=staff_by_dep,
        clerks=[s.id for s in staff if s.role == "clerk"] or [staff[0].id],
        leaders=[s.id for s in staff if s.role == "leader"] or [staff[0].id],
        safety_dep=next((d.id for d in deps if d.is_safety), None),
        items=list_items(),
        handling_deps=list[int | None](sorted(
            {s.department_id for s in staff
             if s.role in ("handler", "dept_head") and s.department_id is not None})),
        clerk_dep={s.id: s.department_id for s in staff},
    )
    if not world.handling_deps:
        world.handling_deps = list(staff_by_dep) or [d.id for d in deps]
    span = max(3, min(5 * 365, count // per_day + 3))
    pick_time = _working_moments(span, end.date(), rng)
    _make_visitors(world, people, max(50, count // 3))
    start_id = (Case.select(Case.id).order_by(Case.id.desc()).scalar() or 0) + 1
    times = sorted(min(pick_time(), end - timedelta(minutes=5)) for _ in range(count))
    counters: dict[str, int] = {c.day: c.last for c in CaseCounter.select()}
    done = 0
    while done < count:
        n = min(BATCH, count - done)
        cases, events, mats, referrals = [], [], [], []
        for i in range(n):
            cid = start_id + done + i
            reg = times[done + i]
            day = reg.strftime("%Y%m%d")
            counters[day] = counters.get(day, 0) + 1
            c, evs, ms = _one_case(world, people, cid, f"{day}-{counters[day]:04d}", reg, end)
            cases.append(c)
            events.extend(evs)
            mats.extend(ms)
            referrals.extend(_referral(evs))
        with db.atomic():  # the batch and its waits for 签收 together
            _write(cases, events, mats, counters, referrals)
            backfill_accept_waits(cases[0][0], cases[-1][0])
        done += n
        if progress:
            progress(done)
    return count


def _make_visitors(world: _World, people: dict[str, Any], n: int) -> None:
    rng = world.rng
    rows = []
    now = register.now()
    base = (Visitor.select(Visitor.id).order_by(Visitor.id.desc()).scalar() or 0) + 1
    for i in range(n):
        name = rng.choice(people["visitor_surnames"]) + rng.choice(people["visitor_given"])
        phone = f"1{rng.choice('3578')}{rng.randint(0, 999_999_999):09d}"
        unit = rng.choice(people["units"]) if rng.random() < 0.4 else ""
        rows.append((base + i, name, phone, unit, "", now))
        world.visitors.append((base + i, name, phone, unit))
    _executemany("visitor", ("id", "name", "phone", "unit", "id_number", "created_at"), rows)


def _due(world: _World, reg: datetime, instant: bool, days: int) -> datetime:
    key = (reg.date(), reg.time() >= time(17, 30), 0 if instant else days)
    if key not in world.due_cache:
        world.due_cache[key] = register.calendar().add_working_days(reg, key[2])
    return world.due_cache[key]


@dataclass(frozen=True)
class _Matter:
    """Who came, about what, who owns and who would handle it, and when it is due."""

    kind: str
    channel: str
    anonymous: bool
    visitor: tuple[Any, str, str, str]  # id, name, phone, unit
    item: ItemInfo | None
    subject: str
    dep: int | None
    owner: int
    handler: int
    due: datetime


def _matter(world: _World, people: dict[str, Any], reg: datetime) -> _Matter:
    rng = world.rng
    settings = register.org_settings()
    kind = rng.choices(
        ("application", "inquiry", "complaint", "service_request", "report", "hazard", "accident"),
        (45, 27, 10, 9, 5, 3, 1))[0]
    channel = rng.choices(("visit", "phone", "letter", "online", "meeting"), (60, 26, 4, 8, 2))[0]
    anonymous = kind in ("report", "complaint") and rng.random() < 0.25
    visitor: tuple[int | None, str, str, str] = rng.choice(world.visitors)
    if anonymous:
        visitor = (None, "", "", "")
    item = rng.choice(world.items) if kind == "application" and world.items else None
    subject = item.name if item else rng.choice(people["subjects"].get(kind) or ["咨询办事流程"])
    dep: int | None = item.department_id if item else rng.choice(world.handling_deps)
    if kind in ("hazard", "accident") and world.safety_dep:
        dep = world.safety_dep
    owner = rng.choice(world.clerks)
    handler = rng.choice(world.staff_by_dep.get(dep) or world.clerks)
    if dep == world.clerk_dep.get(owner) and rng.random() < 0.7:
        handler = owner  # a matter of the clerk's own department is mostly handled by them
    if kind == "hazard":
        due = reg + timedelta(hours=settings.hazard_verify_hours)
    else:
        due = _due(world, reg, bool(item and item.instant),
                   item.promised_days if item else settings.days_for_kind(kind))
    return _Matter(kind, channel, anonymous, visitor, item, subject, dep, owner, handler, due)


def _path(rng: random.Random, age_days: int, kind: str, anonymous: bool) -> str:
    """How far the case has come: older cases are mostly finished; recent ones are spread
    over every state."""
    if age_days > 20:
        path = rng.choices(("closed", "answered", "referred", "notified", "resolved", "in_progress",
                            "transferred"), (70, 14, 3, 4, 3, 4, 2))[0]
    else:
        path = rng.choices(("closed", "answered", "referred", "notified", "resolved", "in_progress",
                            "transferred", "escalated", "returned", "awaiting", "registered"),
                           (14, 14, 3, 8, 8, 22, 12, 4, 4, 7, 4))[0]
    if anonymous and path == "notified":
        path = "resolved"
    if kind == "inquiry" and path in ("closed",) and rng.random() < 0.6:
        path = "answered"
    return path


@dataclass
class _Progress:
    """A case's state as its steps are generated: each step moves the clock on."""

    rng: random.Random
    cid: int
    end: datetime
    t: datetime
    dep: int | None
    events: list[tuple] = field(default_factory=list)
    status: str = "registered"
    handler: int | None = None
    pending_dep: int | None = None
    pending_staff: int | None = None
    handovers: int = 0
    resolved_at: datetime | None = None
    notified_at: datetime | None = None
    closed_at: datetime | None = None
    paused_at: datetime | None = None
    remaining: int | None = None
    result: str = ""

    def step(self, minutes_lo: int, minutes_hi: int) -> datetime:
        self.t = min(self.end - timedelta(seconds=1),
                     self.t + timedelta(minutes=self.rng.randint(minutes_lo, minutes_hi)))
        return self.t

    def event(self, kind: str, actor: int | None, *rest: Any) -> None:
        self.events.append((self.cid, kind, actor, *rest))


def _closed_at_the_desk(p: _Progress, people: dict[str, Any], path: str, owner: int) -> None:
    """Answered, referred or escalated by the clerk who took the matter."""
    rng = p.rng
    if path == "answered":
        p.status, p.handler = "closed", owner
        p.result = rng.choice(people["results"])
        p.resolved_at = p.notified_at = p.closed_at = p.step(2, 15)
        p.event("answered", owner, None, None, None, None, "closed", p.result, "", p.t)
    elif path == "referred":
        p.status, p.closed_at = "referred", p.step(3, 20)
        ref = rng.choice(people["referrals"])
        p.event("referred", owner, None, None, None, None, "referred", "",
                json.dumps({"place": ref["place"], "contact": ref["contact"]},
                           ensure_ascii=False), p.t)
    elif path == "escalated":
        p.status = "escalated"
        p.event("escalated", owner, owner, None, None, None, "escalated", "职责不明确，请示领导", "",
                p.step(5, 60))


def _handed_on(p: _Progress, world: _World, path: str, owner: int, handler: int) -> None:
    """Taken by the clerk or handed to a department: accepted, still pending, or returned."""
    rng = p.rng
    own = rng.random() < 0.35 and path not in ("transferred", "returned")
    if handler == owner:  # the clerk's own department: taken, never handed to oneself
        own = path not in ("transferred", "returned")
        others = [d for d in world.handling_deps if d != world.clerk_dep.get(owner)]
        if not own and others:
            p.dep = rng.choice(others)
            handler = rng.choice(world.staff_by_dep.get(p.dep) or world.clerks)
    if own:
        p.handler = owner
        p.event("taken", owner, None, owner, None, None, "in_progress", "", "", p.step(1, 10))
        return
    target = handler
    p.handovers = 1
    p.event("transferred", owner, owner, target if rng.random() < 0.5 else None,
            world.clerk_dep.get(owner), p.dep, "transferred", "请协助办理", "", p.step(3, 90))
    if path == "transferred":
        p.status, p.pending_dep, p.pending_staff = "transferred", p.dep, p.events[-1][4]
    elif path == "returned":
        p.handovers = 2
        p.status = "returned"
        p.event("returned", target, target, owner, p.dep, None, "returned", "不属本部门职责", "",
                p.step(20, 200))
        p.dep = world.clerk_dep.get(owner)  # back with the first owner's department
    else:
        p.handler = target
        p.event("accepted", target, None, target, None, p.dep, "in_progress", "", "",
                p.step(5, 180))


def _worked_on(p: _Progress, people: dict[str, Any], path: str, anonymous: bool) -> None:
    """A handler has it: paused for materials, or resolved, the visitor told, closed."""
    rng, h = p.rng, p.handler
    p.status = "in_progress"
    if path == "awaiting":
        p.status, p.paused_at = "awaiting_materials", p.step(30, 600)
        p.remaining = 420
        p.event("awaiting_materials", h, None, None, None, None, p.status,
                "缺少材料，已一次性告知", '{"missing": ["身份证复印件"], "remaining_minutes": 420}', p.t)
    elif path in ("resolved", "notified", "closed"):
        late = rng.random() < 0.08
        p.resolved_at = p.step(60, 60 * 24 * (5 if late else 1))
        p.result = rng.choice(people["results"])
        p.status = "resolved"
        p.event("resolved", h, None, None, None, None, p.status, p.result, "", p.t)
        if path in ("notified", "closed") and not anonymous:
            p.notified_at = p.step(10, 300)
            p.status = "notified"
            p.event("notified", h, None, None, None, None, p.status, "", '{"method": "phone"}', p.t)
        if path == "closed":
            p.closed_at = p.step(1, 60)
            p.status = "closed"
            p.event("closed", h, None, None, None, None, p.status, "", "", p.t)


def _one_case(world: _World, people: dict[str, Any], cid: int, number: str, reg: datetime,
              end: datetime) -> tuple[tuple, list[tuple], list[tuple]]:
    rng = world.rng
    matter = _matter(world, people, reg)
    kind, anonymous, item, subject = matter.kind, matter.anonymous, matter.item, matter.subject
    owner = matter.owner
    path = _path(rng, (end - reg).days, kind, anonymous)
    p = _Progress(rng, cid, end, reg, matter.dep)
    p.event("registered", owner, None, None, None, None, "registered", "", "", reg)
    evaluation, visits = None, 1
    if path in ("answered", "referred", "escalated"):
        _closed_at_the_desk(p, people, path, owner)
    elif path != "registered":
        _handed_on(p, world, path, owner, matter.handler)
        if p.handler is not None:
            _worked_on(p, people, path, anonymous)
    if p.status in ("resolved", "notified", "closed") and rng.random() < 0.3:
        evaluation = rng.choices((5, 4, 3, 2, 1), (60, 25, 9, 4, 2))[0]
        p.event("evaluated", owner, None, None, None, None, p.status, "",
                f'{{"level": {evaluation}}}', p.step(1, 30))
    if rng.random() < 0.06:
        visits = 2
        p.event("visit", owner, None, None, None, None, p.status, "再次来访", "", p.step(60, 2000))
    mats = []
    if item is not None:
        for pos, m in enumerate(item.materials[: rng.randint(1, max(1, len(item.materials)))]):
            mats.append((cid, pos, m.name, m.original, m.copies, rng.randint(1, 6), True))
    location = people["locations"].get(subject, "") if kind in ("hazard", "accident") else ""
    vid, vname, vphone, vunit = matter.visitor
    case = (
        cid, number, matter.channel, kind, vid, anonymous, vname, vphone, vunit, subject, "", location,
        item.id if item else None, item.version if item else None, owner, p.handler, p.dep,
        p.pending_dep, p.pending_staff, p.status, reg, matter.due, p.paused_at, p.remaining, False,
        visits, p.handovers, p.result, p.resolved_at, p.notified_at, p.closed_at, evaluation,
        len(p.events), p.t,
    )
    return case, p.events, mats


def _referral(events: list[tuple]) -> list[tuple]:
    """Where a referred visitor was sent, as the intake records it (the 告知去向单 prints it)."""
    for e in events:
        if e[1] == "referred":
            data = json.loads(e[9])
            return [(e[0], data["place"], data["contact"], "")]
    return []


def _fix(value: Any) -> Any:
    if isinstance(value, datetime) and is_sqlite():
        return value.isoformat(sep=" ")
    if isinstance(value, bool) and is_sqlite():
        return int(value)
    return value


def _executemany(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        return
    p = db.param
    cols = ", ".join(columns)
    sql = f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join([p] * len(columns))})'
    fixed = [tuple(_fix(v) for v in r) for r in rows]
    with db.atomic():
        cursor = db.cursor()
        if is_sqlite():
            cursor.executemany(sql, fixed)
        else:
            from psycopg2.extras import execute_values

            execute_values(cursor, f'INSERT INTO "{table}" ({cols}) VALUES %s', fixed, page_size=2000)
        if not is_sqlite() and "id" in columns:
            db.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                           f'(SELECT MAX(id) FROM "{table}"))')


def _write(cases: list[tuple], events: list[tuple], mats: list[tuple],
           counters: dict[str, int], referrals: Sequence[tuple] = ()) -> None:
    with db.atomic():
        _executemany("case", CASE_COLUMNS, cases)
        _executemany("case_event", EVENT_COLUMNS, events)
        _executemany("received_material", MATERIAL_COLUMNS, mats)
        _executemany("referral", REFERRAL_COLUMNS, list(referrals))
        search.add_texts((c[0], search.grams(f"{c[9]} {c[10]}")) for c in cases)
        p = db.param
        cursor = db.cursor()
        sql = (f"INSERT INTO case_counter (day, last) VALUES ({p}, {p}) "
               "ON CONFLICT (day) DO UPDATE SET last = excluded.last")
        for day, last in counters.items():
            cursor.execute(sql, (day, last))


def build_demo(cases: int = 200, *, seed: int = 7,
               progress: Callable[[int], None] | None = None, extend: bool = False) -> int:
    """Set up the demo organisation in an empty register and add `cases` cases.

    A register that already has an organisation is refused (DomainError demo_needs_empty):
    back-dated invented cases must never mix with real ones. `extend` adds more cases to a
    register that holds the demo organisation already (the benchmarks grow theirs)."""
    if is_initialised():
        from core.admin.organisation import org_info
        from core.errors import DomainError

        name = org_info().name
        if not (extend and name == load_preset("service_centre")["sample_org_name"]):
            raise DomainError("demo_needs_empty", name=name)
    else:
        setup_demo_organisation()
    generated = generate_cases(cases, seed=seed, progress=progress)
    if is_sqlite():
        db.execute_sql("ANALYZE")
    return generated
