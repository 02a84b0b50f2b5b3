"""Process entry points and checks shared by the durability and race tests and the bench."""

from __future__ import annotations

import multiprocessing as mp
import multiprocessing.connection as mp_connection
import os
import queue as queue_module
import random
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import peewee as pw

from core import audit, register
from core import workflow as wf
from core.dto import IntakeForm, MaterialInput, Scope
from core.errors import DomainError
from core.intake import register_case
from core.integrity import consistency_problems, foreign_key_check, integrity_check, quick_check
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


# ---- processes racing --------------------------------------------------------------------


def _entry(worker: str, index: int, args: tuple[Any, ...], barrier: Any, queue: Any) -> None:
    try:
        queue.put((index, True, globals()[worker](*args, barrier=barrier)))
    except BaseException:
        queue.put((index, False, traceback.format_exc()))


def run_processes(worker: str, arglists: Sequence[tuple[Any, ...]],
                  timeout: float = 600) -> list[dict[str, Any]]:
    """Start one spawned process per argument tuple; they pass a barrier together, then race."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(len(arglists))
    queue = ctx.Queue()
    procs = [ctx.Process(target=_entry, args=(worker, i, tuple(a), barrier, queue), daemon=True)
             for i, a in enumerate(arglists)]
    for p in procs:
        p.start()
    results: dict[int, dict[str, Any]] = {}
    deadline = time.monotonic() + timeout
    try:
        while len(results) < len(procs):
            try:
                index, ok, payload = queue.get(timeout=1.0)
            except queue_module.Empty:
                dead = [i for i, p in enumerate(procs) if i not in results and p.exitcode is not None]
                if dead or time.monotonic() > deadline:
                    raise RuntimeError(f"worker {worker} {dead or 'timed out'}: no result") from None
                continue
            if not ok:
                raise RuntimeError(f"worker {worker}[{index}] failed:\n{payload}")
            results[index] = payload
    finally:
        for p in procs:
            p.join(timeout=10)
            if p.is_alive():
                p.kill()
    return [results[i] for i in range(len(procs))]


def _refusal(exc: DomainError, refusals: Counter[str], messages: set[str]) -> None:
    refusals[exc.code] += 1
    messages.add(exc.message("zh"))


def w_register(target: str, actor: int, count: int, tag: str, *, barrier: Any) -> dict[str, Any]:
    register.open_register(target)
    barrier.wait(timeout=120)
    numbers: list[str] = []
    locked = 0
    errors: list[str] = []
    for i in range(count):
        for _attempt in range(50):
            try:
                ref = register_case(actor, IntakeForm(
                    channel="visit", kind="inquiry", subject=f"并发登记 {tag}-{i}",
                    visitor_name="并发", visitor_phone="13900000000", scope=Scope("later")))
                numbers.append(ref.number)
                break
            except StorageError as exc:
                if exc.code != "locked":
                    errors.append(f"{exc.code}: {exc.detail}")
                    break
                locked += 1
    register.close_register()
    return {"numbers": numbers, "locked_retries": locked, "errors": errors}


def w_accept(target: str, actor: int, case_ids: list[int], *, barrier: Any) -> dict[str, Any]:
    register.open_register(target)
    barrier.wait(timeout=120)
    won: list[int] = []
    refusals: Counter[str] = Counter()
    messages: set[str] = set()
    locked = 0
    for cid in case_ids:
        for _attempt in range(50):
            try:
                wf.accept(actor, cid)
                won.append(cid)
            except StorageError as exc:
                if exc.code == "locked":
                    locked += 1
                    continue
                refusals[f"storage:{exc.code}"] += 1
            except DomainError as exc:
                _refusal(exc, refusals, messages)
            break
    register.close_register()
    return {"won": won, "refusals": dict(refusals), "messages": sorted(messages),
            "locked_retries": locked, "actor": actor}


def _update_step(actor: int, cid: int, status: str, version: int, department: int,
                 rng: random.Random) -> str:
    """One version-checked action chosen by the status this process just read."""
    if status in ("registered", "returned"):
        wf.take(actor, cid, expected_version=version)
        return "taken"
    if status == "in_progress":
        if rng.random() < 0.5:
            wf.transfer(actor, cid, department, expected_version=version)
            return "transferred"
        wf.request_materials(actor, cid, ["补充材料"], expected_version=version)
        return "awaiting_materials"
    if status == "transferred":
        if rng.random() < 0.7:
            wf.accept(actor, cid, expected_version=version)
            return "accepted"
        wf.return_case(actor, cid, "不属本部门", expected_version=version)
        return "returned"
    if status == "awaiting_materials":
        wf.supply_materials(actor, cid, expected_version=version)
        return "materials_supplied"
    if status == "escalated":
        wf.leader_assign(actor, cid, department, expected_version=version)
        return "assigned"
    raise AssertionError(f"unexpected status {status}")


def w_update(target: str, actor: int, case_ids: list[int], rounds: int, department: int,
             seed: int, pause: float, *, barrier: Any) -> dict[str, Any]:
    register.open_register(target)
    rng = random.Random(seed)
    barrier.wait(timeout=120)
    successes: list[tuple[int, int, str, int]] = []
    refusals: Counter[str] = Counter()
    messages: set[str] = set()
    for _ in range(rounds):
        for cid in case_ids:
            status, version = Case.select(Case.status, Case.version).where(
                Case.id == cid).tuples().get()
            time.sleep(pause)  # the clerk looks at the case, then acts on what was shown
            try:
                event = _update_step(actor, cid, status, version, department, rng)
            except StorageError as exc:
                refusals[f"storage:{exc.code}"] += 1
                continue
            except DomainError as exc:
                _refusal(exc, refusals, messages)
                continue
            successes.append((cid, version, event, actor))
    register.close_register()
    return {"successes": successes, "refusals": dict(refusals), "messages": sorted(messages)}


def _now_text() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")


def w_naive_accept(target: str, actor: int, case_ids: list[int], pause: float, *,
                   barrier: Any) -> dict[str, Any]:
    """The control: read the status, pause a hair, then UPDATE without any condition."""
    register.open_register(target)
    p = db.param
    barrier.wait(timeout=120)
    won: list[int] = []
    for cid in case_ids:
        with db.atomic():
            (status,) = db.execute_sql(f'SELECT status FROM "case" WHERE id = {p}', (cid,)).fetchone()
        if status != "transferred":
            continue
        time.sleep(pause)
        with db.atomic():
            db.execute_sql(f'UPDATE "case" SET status = {p}, handler_id = {p}, version = version + 1 '
                           f"WHERE id = {p}", ("in_progress", actor, cid))
            db.execute_sql("INSERT INTO case_event (case_id, type, actor_id, status_after, note, "
                           f"data, at) VALUES ({p}, 'accepted', {p}, 'in_progress', 'naive', '', {p})",
                           (cid, actor, _now_text()))
        won.append(cid)
    register.close_register()
    return {"won": won}


def w_naive_visits(target: str, case_ids: list[int], pause: float, *,
                   barrier: Any) -> dict[str, Any]:
    """The control for lost updates: visit_count = (what I read) + 1, unconditionally."""
    register.open_register(target)
    p = db.param
    barrier.wait(timeout=120)
    done = 0
    for cid in case_ids:
        with db.atomic():
            (count,) = db.execute_sql(f'SELECT visit_count FROM "case" WHERE id = {p}',
                                      (cid,)).fetchone()
        time.sleep(pause)
        with db.atomic():
            db.execute_sql(f'UPDATE "case" SET visit_count = {p} WHERE id = {p}', (count + 1, cid))
        done += 1
    register.close_register()
    return {"increments": done}


def w_restart_client(target: str, actor: int, seconds: float, tag: str, *,
                     barrier: Any) -> dict[str, Any]:
    """A window registering in a loop while the server is stopped and started: each save
    runs as the window runs it (run_retrying); refused saves are counted, acknowledged ones
    kept as "NUMBER HASH". The client never reopens the register itself."""
    from models.database import run_retrying

    register.open_register(target)
    barrier.wait(timeout=120)
    acked: list[str] = []
    refused: Counter[str] = Counter()
    after_restart = 0
    saw_failure = False
    stop = time.monotonic() + seconds
    i = 0
    while time.monotonic() < stop:
        form = durable_form(f"{tag}-{i}")
        i += 1
        try:
            number = run_retrying(lambda form=form: register_case(actor, form).number)
        except StorageError as exc:
            refused[exc.code] += 1
            saw_failure = True
            time.sleep(0.2)
            continue
        acked.append(f"{number} {form_hash(form)}")
        after_restart += int(saw_failure)
    try:
        register.close_register()
    except Exception:  # noqa: BLE001 — the anchor at close may meet a server going away
        pass
    return {"acknowledged": acked, "refused": dict(refused), "after_restart": after_restart}


def w_fuzz(backend: str, folder: str, fields: list[str], examples: int, pg_url: str, *,
           barrier: Any) -> dict[str, Any]:
    """One fuzzing process with a register of its own (the bench runs one per core)."""
    from tests import conftest
    from tests.helpers import make_item
    from tests.test_fields_fuzz import FieldFuzzer

    conftest.PG_URL = pg_url
    register.set_clock(lambda: datetime(2026, 11, 26, 9, 30))
    conftest.open_backend(backend, Path(folder))
    org = conftest.make_org()
    make_item(org.market)
    barrier.wait(timeout=120)
    table = FieldFuzzer(org.clerk).fuzz_fields(fields, examples)
    audit_report = audit.verify()
    register.close_register()
    return {"table": table, "audit_rows": audit_report.rows, "audit_ok": audit_report.ok}


# ---- race orchestration (parent side) ----------------------------------------------------------


def add_staff(prefix: str, role: str, department_id: int | None, n: int) -> list[int]:
    """`n` active staff members of one role (racing processes act as different people)."""
    from core.staff import create_staff

    return [create_staff(f"{prefix}{i}", f"{prefix}{i}", role, "secret123", department_id).id
            for i in range(n)]


def setup_cases(actor: int, n: int, scope: Scope, tag: str) -> list[int]:
    """`n` cases registered through the real intake, all with the same scope decision."""
    return [register_case(actor, IntakeForm(
        channel="visit", kind="application", subject=f"竞争 {tag}-{i}", visitor_name="张三",
        visitor_phone="13800138000", scope=scope)).id for i in range(n)]


def allow_many_handovers(admin: int) -> None:
    """The update race passes cases back and forth; keep the 踢皮球 guard out of its way."""
    # Beyond what an administrator may set (core.settings.LIMITS): written directly.
    from models.tables import Organisation

    settings = register.org_settings().with_changes(max_handovers=1_000_000)
    Organisation.update(settings=settings.to_json()).execute()
    register.invalidate()


def race_register(target: str, actors: Sequence[int], per_process: int) -> dict[str, Any]:
    register.close_register()
    t0 = time.monotonic()
    results = run_processes("w_register", [(target, a, per_process, f"p{i}")
                                           for i, a in enumerate(actors)])
    seconds = time.monotonic() - t0
    register.open_register(target)
    numbers = [n for r in results for n in r["numbers"]]
    stored = {n for (n,) in Case.select(Case.number).where(Case.subject.startswith("并发登记"))
              .tuples()}
    without_event = Case.select().where(Case.subject.startswith("并发登记")
                                        & ~pw_exists("registered")).count()
    return {
        "processes": len(actors), "attempted": len(actors) * per_process,
        "acknowledged": len(numbers), "unique": len(set(numbers)),
        "duplicate_numbers": len(numbers) - len(set(numbers)),
        "lost": len(set(numbers) - stored), "stored": len(stored),
        "gaps": number_gaps(stored), "without_registered_event": without_event,
        "locked_retries": sum(r["locked_retries"] for r in results),
        "errors": [e for r in results for e in r["errors"]], "seconds": round(seconds, 2),
    }


def race_accept(target: str, actors: Sequence[int], case_ids: list[int]) -> dict[str, Any]:
    register.close_register()
    t0 = time.monotonic()
    results = run_processes("w_accept", [(target, a, case_ids) for a in actors])
    seconds = time.monotonic() - t0
    register.open_register(target)
    winners: dict[int, list[int]] = defaultdict(list)
    for r in results:
        for cid in r["won"]:
            winners[cid].append(r["actor"])
    events = Counter(cid for (cid,) in CaseEvent.select(CaseEvent.case).where(
        (CaseEvent.type == "accepted") & CaseEvent.case.in_(case_ids)).tuples())
    handlers = dict(Case.select(Case.id, Case.handler).where(Case.id.in_(case_ids)).tuples())
    refusals: Counter[str] = Counter()
    for r in results:
        refusals.update(r["refusals"])
    return {
        "processes": len(actors), "cases": len(case_ids),
        "attempts": len(actors) * len(case_ids),
        "accepted": sum(len(w) for w in winners.values()),
        "double_accepts": sum(1 for cid in case_ids if len(winners[cid]) > 1 or events[cid] > 1),
        "never_accepted": sum(1 for cid in case_ids if not winners[cid]),
        "handler_mismatch": sum(1 for cid in case_ids
                                if winners[cid] and handlers[cid] != winners[cid][0]),
        "refusals": dict(refusals),
        "messages": sorted({m for r in results for m in r["messages"]}),
        "locked_retries": sum(r["locked_retries"] for r in results),
        "seconds": round(seconds, 2),
    }


def race_update(target: str, actors: Sequence[int], case_ids: list[int], rounds: int,
                department: int, pause: float = 0.001) -> dict[str, Any]:
    """Version-checked transitions racing; each success must be exactly one event, in order."""
    register.close_register()
    t0 = time.monotonic()
    start = _versions(target, case_ids)
    results = run_processes("w_update", [(target, a, case_ids, rounds, department, i, pause)
                                         for i, a in enumerate(actors)])
    seconds = time.monotonic() - t0
    register.open_register(target)
    by_case: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for r in results:
        for cid, version, event, actor in r["successes"]:
            by_case[cid].append((version, event, actor))
    final = dict(Case.select(Case.id, Case.version).where(Case.id.in_(case_ids)).tuples())
    history: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for cid, kind, actor in (CaseEvent.select(CaseEvent.case, CaseEvent.type, CaseEvent.actor)
                             .where(CaseEvent.case.in_(case_ids)).order_by(CaseEvent.id).tuples()):
        history[cid].append((kind, actor))
    lost = version_mismatch = 0
    for cid in case_ids:
        claimed = sorted(by_case[cid])
        base = start[cid]
        later = history[cid][base:]  # events after the ones the start version counts
        recorded = Counter((base + k, kind, actor) for k, (kind, actor) in enumerate(later))
        lost += sum((Counter(claimed) - recorded).values())
        if final[cid] != base + len(claimed) or len(later) != len(claimed):
            version_mismatch += 1
    refusals: Counter[str] = Counter()
    for r in results:
        refusals.update(r["refusals"])
    succeeded = sum(len(v) for v in by_case.values())
    return {
        "processes": len(actors), "cases": len(case_ids), "rounds": rounds,
        "attempts": len(actors) * len(case_ids) * rounds, "succeeded": succeeded,
        "lost_updates": lost, "version_mismatches": version_mismatch,
        "refusals": dict(refusals),
        "messages": sorted({m for r in results for m in r["messages"]}),
        "seconds": round(seconds, 2),
    }


def _versions(target: str, case_ids: list[int]) -> dict[int, int]:
    register.open_register(target)
    try:
        return dict(Case.select(Case.id, Case.version).where(Case.id.in_(case_ids)).tuples())
    finally:
        register.close_register()


def naive_control(target: str, actors: Sequence[int], accept_ids: list[int],
                  visit_ids: list[int], pause: float = 0.002) -> dict[str, Any]:
    """The same races without the conditional UPDATE: must show double accepts and lost
    updates, or the real race tests could not fail."""
    register.close_register()
    results = run_processes("w_naive_accept", [(target, a, accept_ids, pause) for a in actors])
    visits = run_processes("w_naive_visits", [(target, visit_ids, pause) for _ in actors])
    register.open_register(target)
    events = Counter(cid for (cid,) in CaseEvent.select(CaseEvent.case).where(
        (CaseEvent.type == "accepted") & CaseEvent.case.in_(accept_ids)).tuples())
    counts = dict(Case.select(Case.id, Case.visit_count).where(Case.id.in_(visit_ids)).tuples())
    increments = sum(r["increments"] for r in visits)
    return {
        "processes": len(actors), "cases": len(accept_ids),
        "claimed_accepts": sum(len(r["won"]) for r in results),
        "double_accepts": sum(1 for cid in accept_ids if events[cid] > 1),
        "visit_increments": increments,
        "lost_updates": increments - sum(counts[c] - 1 for c in visit_ids),
    }


__all__ = ["CLEAR_MESSAGES", "EXPECTED_PRAGMAS", "KillLoop", "clean_verdict", "disk_full_trial",
           "disk_full_trials", "durable_form", "kill_loop", "naive_control", "pragma_survey", "race_accept",
           "race_register", "race_update", "readonly_trial", "run_processes", "table_counts",
           "verify_register"]
