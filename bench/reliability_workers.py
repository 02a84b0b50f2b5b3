"""Process entry points and checks shared by the durability and race tests and the bench."""

from __future__ import annotations

import multiprocessing as mp
import multiprocessing.connection as mp_connection
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import peewee as pw

from core import audit, register
from core.cases.intake import register_case
from core.dto import IntakeForm, MaterialInput, Scope
from core.infra.integrity import (
    consistency_problems,
    foreign_key_check,
    integrity_check,
    quick_check,
)
from models.database import SQLITE_PRAGMAS, StorageError, bind, db, is_sqlite
from models.tables import AuditLog, Case, CaseCounter, CaseEvent, ReceivedMaterial, Visitor

MATERIALS = 3
CLEAR_MESSAGES = {
    "conflict": "该事项刚被其他人修改，请刷新后重试。",
    "bad_state": "事项当前状态为“{status}”，不能{action}。",
}

# ---- forms and fingerprints -------------------------------------------------------------


def durable_form(tag: str, rng: random.Random | None = None) -> IntakeForm:
    """A walk-in with three materials; the description's length varies to grow the file."""
    words = "情况说明" * (rng.randint(0, 400) if rng else 10)
    return IntakeForm(
        channel="visit", kind="inquiry", subject=f"营业执照办理咨询 {tag}", visitor_name="张三",
        visitor_phone="13800138000", visitor_unit="杭州某某科技有限公司", description=words,
        materials=tuple(MaterialInput(f"材料{i}", copies=1 + i, pages=2 + i)
                        for i in range(MATERIALS)),
        scope=Scope("own"),
    )


def content_hash(channel: str, kind: str, subject: str, description: str, name: str,
                 phone: str, unit: str, materials: Iterable[tuple[str, int, int]]) -> str:
    """What an acknowledgement promises: a case with these fields and these materials (not
    merely some case under that number: numbers are reused after a rollback)."""
    import hashlib

    text = "\x1f".join([channel, kind, subject, description, name, phone, unit,
                        *(f"{m}|{c}|{p}" for m, c, p in materials)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def form_hash(form: IntakeForm) -> str:
    return content_hash(form.channel, form.kind, form.subject, form.description,
                        form.visitor_name, form.visitor_phone, form.visitor_unit,
                        [(m.name, m.copies, m.pages) for m in form.materials])


def stored_hashes() -> dict[str, str]:
    """number → content_hash of every stored case, from the database."""
    mats: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for cid, name, copies, pages in (ReceivedMaterial.select(
            ReceivedMaterial.case, ReceivedMaterial.name, ReceivedMaterial.copies,
            ReceivedMaterial.pages).order_by(ReceivedMaterial.case, ReceivedMaterial.position,
                                             ReceivedMaterial.id).tuples()):
        mats[cid].append((name, copies, pages))
    return {number: content_hash(channel, kind, subject, desc, vname, vphone, vunit, mats[cid])
            for cid, number, channel, kind, subject, desc, vname, vphone, vunit in Case.select(
                Case.id, Case.number, Case.channel, Case.kind, Case.subject, Case.description,
                Case.visitor_name, Case.visitor_phone, Case.visitor_unit).tuples()}


def table_counts() -> tuple[int, ...]:
    """The newest row id of every table a registration writes, plus the case counters: equal
    before and after means nothing was saved (rows are only ever appended; MAX(id) is an
    index seek, so this stays cheap in registers of any size)."""
    from models.tables import Referral

    newest = tuple(int(t.select(pw.fn.MAX(t.id)).scalar() or 0)
                   for t in (Case, CaseEvent, ReceivedMaterial, Visitor, AuditLog, Referral))
    counter = CaseCounter.select(pw.fn.SUM(CaseCounter.last)).scalar() or 0
    return (*newest, int(counter))


def pragmas_now() -> tuple[Any, ...]:
    conn = db.connection()
    return tuple(conn.execute(f"PRAGMA {name}").fetchone()[0]
                 for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout"))


EXPECTED_PRAGMAS = ("wal", SQLITE_PRAGMAS["synchronous"], 1, SQLITE_PRAGMAS["busy_timeout"])


def pragma_survey() -> dict[str, Any]:
    """The pragmas on a fresh connection, after a reconnect and on a worker thread."""
    seen = {"first": pragmas_now()}
    db.close()
    db.connect()
    seen["reconnect"] = pragmas_now()
    out: list[tuple[Any, ...]] = []

    def work() -> None:
        out.append(pragmas_now())
        db.close()

    t = threading.Thread(target=work)
    t.start()
    t.join()
    seen["thread"] = out[0]
    good = sum(1 for v in seen.values() if v == EXPECTED_PRAGMAS)
    return {"connections": len(seen), "with_all_pragmas": good, "seen": seen}


def fast_dir(fallback: Path) -> Path:
    """A folder on tmpfs when there is one: for tests of rules, not of the disk, an fsync per
    commit is only waiting (the durability tests keep the real disk)."""
    shm = Path("/dev/shm")
    # Linux only: under wine "/dev/shm" is a folder on the current drive, which Windows
    # programs given the path (pg_dump.exe) cannot open.
    if sys.platform.startswith("linux") and shm.is_dir() and os.access(shm, os.W_OK):
        return Path(tempfile.mkdtemp(prefix="firstdesk-", dir=shm))
    return fallback


def remove_fast_dir(folder: Path) -> None:
    if str(folder).startswith("/dev/shm/firstdesk-"):
        shutil.rmtree(folder, ignore_errors=True)


# ---- the kill loop ------------------------------------------------------------------------


@dataclass
class KillLoop:
    kills: int = 0
    acknowledged: list[str] = field(default_factory=list)
    finished_early: int = 0  # children that exited before their kill (should be 0)
    child_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def early_ack_register(actor_id: int, form: IntakeForm, conn: Any) -> str:
    """The control writer that acknowledges before its COMMIT: a kill between the two loses
    an acknowledged case, and the next writer reuses its number for another case — which a
    comparison of numbers alone cannot see (the report's "lost" compares content)."""
    with db.atomic():
        number = naive_register(actor_id, form)
        conn.send_bytes(f"{number} {form_hash(form)}".encode())
        time.sleep(0.005)
    return ""


def naive_register(actor_id: int, form: IntakeForm) -> str:
    """The control writer: the same rows as register_case, each in its own transaction."""
    at = register.now()
    day = at.strftime("%Y%m%d")
    p = db.param
    (seq,) = db.execute_sql(
        f"INSERT INTO case_counter (day, last) VALUES ({p}, 1) ON CONFLICT (day) DO UPDATE "
        "SET last = case_counter.last + 1 RETURNING last", (day,)).fetchone()
    number = f"{day}-{seq:04d}"
    case = Case.create(number=number, channel=form.channel, kind=form.kind, subject=form.subject,
                       description=form.description, visitor_name=form.visitor_name,
                       visitor_phone=form.visitor_phone, visitor_unit=form.visitor_unit,
                       first_owner=actor_id, status="registered", registered_at=at, updated_at=at)
    for i, m in enumerate(form.materials):
        ReceivedMaterial.create(case=case.id, position=i, name=m.name, copies=m.copies,
                                pages=m.pages)
    CaseEvent.create(case=case.id, type="registered", actor=actor_id, status_after="registered",
                     at=at)
    return number


def _writer_child(target: str, actor_id: int, conn: Any, seed: int, naive: bool | str,
                  at: datetime | None) -> None:
    """In the child process: open the register afresh and register until killed.

    A number is sent to the parent only after register_case returned (acknowledged). `at`
    is the parent's clock, so the child's cases carry the same day as a forked child's did."""
    code = 0
    if at is not None:
        register.set_clock(lambda: at)
    try:
        rng = random.Random(seed)
        register.open_register(target)
        conn.send_bytes(b"R")  # ready: the parent's timer starts now (most kills land mid-write)
        stop = time.monotonic() + 30  # never outlive a parent that died
        i = 0
        while time.monotonic() < stop:
            form = durable_form(f"k{seed}-{i}", rng)
            if naive == "early_ack":
                early_ack_register(actor_id, form, conn)
            else:
                number = (naive_register(actor_id, form) if naive
                          else register_case(actor_id, form).number)
                conn.send_bytes(f"{number} {form_hash(form)}".encode())
            i += 1
    except BaseException as exc:  # reported to the parent, never raised
        try:
            conn.send_bytes(f"E {type(exc).__name__}: {exc}"[:400].encode())
        except OSError:
            pass
        code = 3
    os._exit(code)


def start_method() -> str:
    """How writer processes start: a fresh interpreter (`spawn`, the only way on Windows)
    or, where there is one, a fork of a clean server process that has already imported this
    module (`forkserver`: the same isolation — no open database crosses into a child — at a
    fiftieth of the start-up cost, so a thousand kills stay affordable). Neither forks the
    caller. FIRSTDESK_START_METHOD=spawn tries the Windows way on Linux."""
    wanted = os.environ.get("FIRSTDESK_START_METHOD", "")
    methods = mp.get_all_start_methods()
    if wanted in methods:
        return wanted
    return "forkserver" if "forkserver" in methods else "spawn"


def _context() -> Any:
    ctx = mp.get_context(start_method())
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload([__name__])
    return ctx


@dataclass
class _Child:
    proc: Any  # multiprocessing.Process
    conn: Any  # the read end of its pipe
    delay: float
    deadline: float | None = None  # set when the child reports ready (or at its start)
    lines: list[bytes] = field(default_factory=list)
    ready: bool = False
    open: bool = True


def _spawn(ctx: Any, target: str, actor_id: int, seed: int, naive: bool | str
           ) -> tuple[Any, Any]:
    reader, writer = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_writer_child, args=(target, actor_id, writer, seed, naive,
                                                   register.now()), daemon=True)
    proc.start()
    writer.close()  # the child holds the only write end: its death ends the pipe
    return proc, reader


def _drain(child: _Child) -> None:
    """Every whole message the child sent; a message cut by the kill is not acknowledged."""
    try:
        while child.open and child.conn.poll():
            message = child.conn.recv_bytes()
            if message == b"R":
                child.ready = True
            else:
                child.lines.append(message)
    except (EOFError, OSError):
        child.open = False


def kill_loop(target: str, actor_id: int, kills: int, *, writers: int = 2, min_ms: float = 1.0,
              max_ms: float = 50.0, seed: int = 1, during_open: float = 0.1,
              naive: bool | str = False) -> KillLoop:
    """Kill `kills` writer processes (up to `writers` at once) at random moments: SIGKILL on
    POSIX, TerminateProcess on Windows — neither lets the child run another instruction.

    Each child's 1–50 ms starts when it reports the register open, except for a share
    `during_open` of them, killed while opening. `naive` writers commit row by row (the
    control). The caller's own connection is closed first, as before a backup."""
    register.close_register()
    ctx = _context()
    rng = random.Random(seed)
    result = KillLoop()
    live: list[_Child] = []
    dying: list[_Child] = []
    started = 0
    t0 = time.monotonic()
    while started < kills or live or dying:
        while len(live) < writers and started < kills:
            proc, conn = _spawn(ctx, target, actor_id, rng.randrange(1 << 30), naive)
            child = _Child(proc, conn, rng.uniform(min_ms, max_ms) / 1000)
            if rng.random() < during_open:  # some kills hit the open (and WAL recovery)
                child.deadline = time.monotonic() + child.delay
            live.append(child)
            started += 1
        now = time.monotonic()
        deadlines = [c.deadline for c in live if c.deadline is not None]
        timeout = max(0.0, min(deadlines) - now) if deadlines else 0.005
        if dying:
            timeout = min(timeout, 0.002)
        waiting = [c.conn for c in live if c.deadline is None and c.open]
        if waiting:
            mp_connection.wait(waiting, timeout)
        else:
            time.sleep(timeout)
        now = time.monotonic()
        for child in list(live):
            if child.deadline is None:
                _drain(child)
                if child.ready:
                    child.deadline = now + child.delay
            if child.deadline is not None and child.deadline <= now:
                child.proc.kill()
                live.remove(child)
                dying.append(child)
        for child in list(dying):
            child.proc.join(0)
            if child.proc.exitcode is None:
                continue
            dying.remove(child)
            _drain(child)
            child.conn.close()
            # Killed: a negative exit code (-SIGKILL on POSIX, -SIGTERM for TerminateProcess
            # on Windows); 0 or 3 mean the child ended by itself before the kill.
            if child.proc.exitcode < 0:
                result.kills += 1
            else:
                result.finished_early += 1
            for line in child.lines:
                text = line.decode("utf-8", "replace")
                if text.startswith("E "):
                    result.child_errors.append(text[2:])
                else:
                    result.acknowledged.append(text)
    result.seconds = time.monotonic() - t0
    return result


def verify_register(acknowledged: Sequence[str], materials_each: int | None = MATERIALS,
                    taken: bool = True) -> dict[str, Any]:
    """Everything a crash must never leave behind, after the last writer died.

    `acknowledged` lines are "NUMBER CONTENT-HASH": an acknowledged case is lost unless a
    case with that number and that content is stored ("lost_by_number" is the weaker check
    the report used to make)."""
    stored = stored_hashes()
    numbers = set(stored)
    pairs = [(line.split()[0], line.split()[1] if len(line.split()) > 1 else None)
             for line in acknowledged]
    acknowledged = [n for n, _ in pairs]
    counts = dict(ReceivedMaterial.select(ReceivedMaterial.case, pw.fn.COUNT(ReceivedMaterial.id))
                  .group_by(ReceivedMaterial.case).tuples())
    ids = [i for (i,) in Case.select(Case.id).tuples()]
    partial = 0
    if materials_each is not None:
        partial = sum(1 for i in ids if counts.get(i, 0) != materials_each)
    not_taken = 0
    if taken:
        not_taken = Case.select().where(~pw_exists("taken")).count()
    audit_report = audit.verify()
    registered_audits = AuditLog.select().where(AuditLog.action == "case.registered").count()
    fts = -1
    if is_sqlite():
        fts = db.execute_sql("SELECT COUNT(*) FROM case_text").fetchone()[0]
    lost = [n for n, h in pairs if n not in numbers or (h is not None and stored[n] != h)]
    return {
        "cases_stored": len(numbers),
        "acknowledged": len(acknowledged),
        "lost": len(lost),
        "lost_by_number": sum(1 for n in acknowledged if n not in numbers),
        "lost_numbers": lost[:10],
        "duplicate_acknowledgements": len(acknowledged) - len(set(acknowledged)),
        "committed_unacknowledged": len(numbers - set(acknowledged)),
        "partial_cases": partial,
        "cases_missing_their_intake_decision": not_taken,
        "number_gaps": number_gaps(numbers),
        "integrity_check": integrity_check(),
        "quick_check": quick_check(),
        "foreign_key_check": foreign_key_check(),
        "consistency": consistency_problems(),
        "audit_rows": audit_report.rows,
        "audit_ok": audit_report.ok,
        "audit_registrations": registered_audits,
        "search_rows": fts,
    }


def pw_exists(event_type: str) -> Any:
    """EXISTS (an event of `event_type` for this case), for a WHERE on Case."""
    return pw.fn.EXISTS(CaseEvent.select(CaseEvent.id).where(
        (CaseEvent.case == Case.id) & (CaseEvent.type == event_type)))


def number_gaps(numbers: Iterable[str]) -> int:
    """Missing sequence numbers per day (a number handed out must belong to a whole case)."""
    per_day: dict[str, list[int]] = defaultdict(list)
    for n in numbers:
        day, seq = n.split("-")
        per_day[day].append(int(seq))
    return sum(max(seqs) - len(seqs) for seqs in per_day.values())


def clean_verdict(v: dict[str, Any]) -> bool:
    """True when a verify_register() result shows nothing lost, partial or damaged."""
    return (v["lost"] == 0 and v["duplicate_acknowledgements"] == 0 and v["partial_cases"] == 0
            and v["cases_missing_their_intake_decision"] == 0 and v["number_gaps"] == 0
            and not v["integrity_check"] and not v["quick_check"] and not v["foreign_key_check"]
            and not v["consistency"] and v["audit_ok"]
            and v["audit_registrations"] == v["cases_stored"]
            and v["search_rows"] in (-1, v["cases_stored"]))


# ---- disk full and read-only media ----------------------------------------------------------


def _whole(number: str) -> bool:
    case = Case.get_or_none(Case.number == number)
    if case is None:
        return False
    mats = ReceivedMaterial.select().where(ReceivedMaterial.case == case.id).count()
    reg = CaseEvent.select().where((CaseEvent.case == case.id)
                                   & (CaseEvent.type == "registered")).count()
    return mats == MATERIALS and reg == 1


def disk_full_trial(actor_id: int, headroom_pages: int = 40) -> dict[str, Any]:
    """Fill the register under PRAGMA max_page_count until a save fails, then lift the limit.

    Reports what the failure looked like, whether anything of the failed case was left,
    whether the saved ones are whole, and whether the same save then succeeds."""
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages + headroom_pages}")
    form = durable_form("full")
    form = IntakeForm(**{**form.__dict__, "description": "满" * 4000})
    saved: list[str] = []
    failure: BaseException | None = None
    before = after = table_counts()
    issued = before[-1]  # case numbers handed out so far (the counters' sum)
    for _ in range(1000):
        before = table_counts()
        try:
            saved.append(register_case(actor_id, form).number)
        except Exception as exc:  # what a clerk's save would see
            failure = exc
            after = table_counts()
            break
    in_txn = db.in_transaction()
    db.execute_sql("PRAGMA max_page_count = 1073741823")
    retry = register_case(actor_id, form)
    storage_code = failure.code if isinstance(failure, StorageError) else None
    return {
        "saved_before_full": len(saved),
        "error_type": type(failure).__name__ if failure else None,
        "storage_code": storage_code,
        "message": (failure.message("zh") if isinstance(failure, StorageError)
                    else str(failure) if failure else ""),
        "partial_rows": sum(abs(a - b) for a, b in zip(after, before, strict=True)),
        "saved_whole": sum(1 for n in saved if _whole(n)),
        "left_in_transaction": in_txn,
        "retry_ok": _whole(retry.number),
        "retry_follows_on": table_counts()[-1] == issued + len(saved) + 1,  # no number burnt
        "checks": integrity_check() + foreign_key_check() + consistency_problems(),
    }


def disk_full_trials(actor_id: int, headrooms: Sequence[int] = (8, 16, 24, 40, 64, 96)
                     ) -> dict[str, Any]:
    """disk_full_trial at several distances from the limit: SQLite reports a full disk at
    different statements (and only sometimes rolls back by itself), so one trial is luck."""
    trials = [disk_full_trial(actor_id, h) for h in headrooms]
    return {
        "trials": len(trials),
        "reported_full": sum(1 for t in trials if t["storage_code"] == "full"),
        "other_errors": sorted({f"{t['error_type']}: {t['message']}" for t in trials
                                if t["storage_code"] != "full"}),
        "partial_rows": sum(t["partial_rows"] for t in trials),
        "saved_not_whole": sum(t["saved_before_full"] - t["saved_whole"] for t in trials),
        "left_in_transaction": sum(1 for t in trials if t["left_in_transaction"]),
        "retries_ok": sum(1 for t in trials if t["retry_ok"] and t["retry_follows_on"]),
        "checks": [c for t in trials for c in t["checks"]],
    }


def readonly_trial(path: str, actor_id: int) -> dict[str, Any]:
    """Save through a read-only connection to the same file (read-only media), then retry
    after the register is opened read-write again."""
    from models.database import _SqliteDatabase

    register.close_register()
    ro = _SqliteDatabase(f"file:{path}?mode=ro", uri=True, pragmas=SQLITE_PRAGMAS,
                         check_same_thread=False)
    ro.connect()
    bind(ro)
    register.invalidate()
    before = table_counts()
    failure: BaseException | None = None
    try:
        register_case(actor_id, durable_form("ro"))
    except Exception as exc:
        failure = exc
    after = table_counts()
    ro.close()
    register.open_register(path)
    retry = register_case(actor_id, durable_form("ro-retry"))
    return {
        "error_type": type(failure).__name__ if failure else None,
        "storage_code": failure.code if isinstance(failure, StorageError) else None,
        "message": failure.message("zh") if isinstance(failure, StorageError) else str(failure),
        "partial_rows": sum(abs(a - b) for a, b in zip(after, before, strict=True)),
        "retry_ok": _whole(retry.number),
    }
