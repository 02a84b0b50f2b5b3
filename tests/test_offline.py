"""Offline registration in one process (docs/offline.md): provisional numbers, the journal,
the local copy and what it holds, the same validation offline, steps on existing cases
refused offline, the replay's idempotency, refusals with their reason and a retry. The
window is switched to its copy by hand here (the server stays up); tests that stop a real
server are in tests/test_offline_sync.py."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.cases.queries import NUMBER_RE, CaseFilter, find_by_number, first_page
from core.dto import IntakeForm, MaterialInput, Scope
from core.errors import ValidationError
from core.offline import mode, sync
from core.offline.desk import register_at_desk, register_offline
from core.offline.journal import PENDING, REFUSED, SYNCED, Journal
from core.offline.numbers import is_provisional, provisional_number, station_of
from models.database import StorageError
from tests.helpers import make_item


def test_provisional_numbers_carry_the_station_and_look_like_no_final_number():
    n = provisional_number(datetime(2026, 12, 4, 9, 0), "W03", 7)
    assert n == "20261204-W03-0007" and is_provisional(n) and station_of(n) == "W03"
    assert NUMBER_RE.match(n) and NUMBER_RE.match("20261204-0007")
    assert not is_provisional("20261204-0007")


def test_journal_numbers_count_per_day_and_entries_survive_a_reopen(tmp_path):
    journal = Journal(tmp_path / "journal.db")
    form = IntakeForm("visit", "application", "营业执照变更", "张三", "13800138000",
                      materials=(MaterialInput("申请书", True, 1, 2),), scope=Scope("transfer", 3))
    numbers = []
    for day in (4, 4, 5):
        at = datetime(2026, 12, day, 10, 0)
        with journal.new_entry(at, "W03") as (conn, number):
            Journal.insert(conn, key=f"k{len(numbers)}", provisional=number, station="W03",
                           actor_id=1, actor_name="王五", entered_at=at, form=form, due_at=None)
            conn.commit()
        numbers.append(number)
    with journal.new_entry(datetime(2026, 12, 5, 11, 0), "W03") as (_conn, _number):
        pass  # not committed: nothing kept, and the count is not used up
    assert numbers == ["20261204-W03-0001", "20261204-W03-0002", "20261205-W03-0001"]
    again = Journal(tmp_path / "journal.db").entries()
    assert [e.provisional for e in again] == numbers and again[0].form == form
    assert Journal(tmp_path / "journal.db").pending_count() == 3


@pytest.fixture
def pg(pg_org, tmp_path, monkeypatch):
    """Offline registration is for a PostgreSQL register (a SQLite file is on the PC)."""
    monkeypatch.setenv("FIRSTDESK_HOME", str(tmp_path / "home"))
    yield pg_org
    mode.go_online()
    mode.forget()


def _prepared(org, viewer: int | None = None):
    d = mode.prepare(viewer or org.clerk)
    mode.refresh_copy()
    return d


def _form(subject: str = "营业执照变更", **kw) -> IntakeForm:
    fields = {"channel": "visit", "kind": "application", "subject": subject,
              "visitor_name": "张三", "visitor_phone": "13800138000",
              "materials": (MaterialInput("申请书", True, 1, 2),), "scope": Scope("own")}
    return IntakeForm(**{**fields, **kw})


def test_offline_the_desk_validates_as_online_and_steps_on_cases_wait_for_the_server(pg):
    from core.cases import workflow as wf
    from tests.helpers import walk_in

    earlier = walk_in(pg.clerk, Scope("transfer", department_id=pg.market))
    d = _prepared(pg, pg.handler)
    assert mode.go_offline() and mode.is_offline()
    with pytest.raises(ValidationError) as e:
        register_at_desk(pg.handler, _form(visitor_phone="1380013"))
    assert e.value.field == "visitor_phone" and d.journal.entries() == []
    with pytest.raises(StorageError) as e:
        wf.accept(pg.handler, earlier.id)
    assert e.value.code == "offline" and "签收" in e.value.message()
    # Reading goes on from the copy: the list, a search by phone, the case's detail.
    _n, rows = first_page(CaseFilter(scope="all", text="13800138000"), 50)
    assert [r.number for r in rows] == [earlier.number]
    ref = register_at_desk(pg.handler, _form())
    assert is_provisional(ref.number) and find_by_number(ref.number) == ref.id
    assert [e.provisional for e in d.journal.entries(PENDING)] == [ref.number]


def test_a_replayed_entry_is_registered_once_at_its_desk_time_and_its_number_resolves(pg, clock):
    from core.cases.detail import case_detail
    from core.printing.slips import document_for

    item = make_item(pg.market)
    d = _prepared(pg)
    mode.go_offline()
    at = clock.now
    ref = register_offline(pg.clerk, _form(service_item_id=item.id,
                                           scope=Scope("transfer", department_id=pg.market)))
    offline_receipt = document_for(ref.id, "receipt")
    assert offline_receipt.provisional_note.startswith("临时编号")
    assert offline_receipt.case_number == ref.number
    clock.advance(hours=3)  # the server came back three hours later
    mode.go_online()
    report = sync.sync_journal(d.journal, d.server)
    assert [o.state for o in report.outcomes] == [sync.SYNCED] and not report.refused
    final = report.outcomes[0]
    assert final.due_at == ref.due_at and not final.due_moved
    case = case_detail(final.case_id)
    assert case.registered_at == at and all(e.at == at for e in case.timeline)
    assert case.timeline[0].note.startswith(f"离线登记于 {station_of(ref.number)}")
    assert [e.type for e in case.timeline] == ["registered", "transferred"]
    # Again (a second window, a kill before the journal heard): the same case, not a new one.
    again = sync.replay(d.journal.entry(final.entry.key))
    assert again.state == sync.ALREADY and again.case_id == final.case_id
    assert find_by_number(ref.number) == final.case_id
    found = first_page(CaseFilter(scope="all", text=ref.number), 10)[1]
    assert [r.id for r in found] == [final.case_id]
    reprint = document_for(final.case_id, "receipt")
    assert ref.number in reprint.provisional_note and reprint.case_number == final.number
    assert d.journal.entries(SYNCED)[0].final_number == final.number


def test_an_entry_the_server_now_refuses_is_kept_with_its_reason_and_can_go_again(pg):
    from dataclasses import replace

    from core.admin.catalogue import get_item, save_item

    item = make_item(pg.market)
    d = _prepared(pg)
    mode.go_offline()
    first = register_offline(pg.clerk, _form("其一", service_item_id=item.id))
    second = register_offline(pg.clerk, _form("其二"))
    mode.go_online()
    save_item(replace(get_item(item.id), active=False), actor_id=None)  # withdrawn in the meantime
    report = sync.sync_journal(d.journal, d.server)
    assert [(o.entry.provisional, o.state) for o in report.outcomes] == [
        (first.number, sync.REFUSED), (second.number, sync.SYNCED)]
    assert "企业名称变更登记" in report.refused[0].reason and "停用" in report.refused[0].reason
    assert d.journal.entries(REFUSED)[0].reason == report.refused[0].reason
    save_item(replace(get_item(item.id), active=True), actor_id=None)
    d.journal.retry(d.journal.entries(REFUSED)[0].key)
    again = sync.sync_journal(d.journal, d.server)
    assert [o.state for o in again.outcomes] == [sync.SYNCED]
    assert d.journal.pending_count() == 0


def test_the_copy_holds_open_cases_without_what_the_person_may_not_see(pg):
    from core.cases import workflow as wf
    from models.database import db
    from tests.helpers import walk_in

    complaint = walk_in(pg.clerk2, Scope("own"), kind="complaint", name="李投诉",
                        phone="13900001111")
    mine = walk_in(pg.clerk, Scope("own"))
    closed = walk_in(pg.clerk, Scope("own"), subject="办完的")
    d = _prepared(pg)
    reader = d.copy.writer()
    row = reader.execute_sql('SELECT visitor_name, visitor_phone FROM "case" WHERE id = ?',
                             (complaint.id,)).fetchone()
    assert row == ("李**", "")  # another clerk's complainant: not on this PC
    hashes = dict(reader.execute_sql("SELECT id, password_hash FROM staff").fetchall())
    assert hashes[pg.clerk] and not any(h for i, h in hashes.items() if i != pg.clerk)
    wf.resolve(pg.clerk, closed.id, "已办结")
    wf.notify_result(pg.clerk, closed.id, "phone", "已电话告知")
    wf.close(pg.clerk, closed.id)
    stats = mode.refresh_copy()
    assert stats.removed == 1 and stats.fetched == 0
    ids = {i for (i,) in reader.execute_sql('SELECT id FROM "case"').fetchall()}
    assert ids == {complaint.id, mine.id}
    assert db.obj is d.server  # refreshing never moved the window's binding
