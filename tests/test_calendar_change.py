"""A calendar change reaches open cases: a next year's schedule (or an edited day) moves the due
time of every case whose window it touches, in one audited batch, and lists the moved cases;
a replay on an unchanged calendar reproduces every due time the workflow computed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

import cli
from core import audit, register
from core.admin.catalogue import save_item
from core.admin.organisation import set_calendar_day
from core.calendar.calendar_admin import import_schedule_file
from core.calendar.calendar_change import confirm_year, recompute
from core.calendar.deadlines import registration_due, replay_due
from core.cases import workflow as wf
from core.cases.detail import case_detail
from core.dto import Scope
from core.printing.slips import receipt_data
from models.tables import Case, CaseEvent
from tests.helpers import ORG_ADMIN, make_item, walk_in

# A made-up 2027 schedule (the real one is not published yet): 春节 8 days from Fri 5 Feb.
SCHEDULE_2027 = """date,type,name
2027-01-01,假日,元旦
""" + "".join(f"2027-02-{d:02d},休,春节\n" for d in range(5, 13)) + """2027-02-20,班,春节调休
2027-10-01,休,国庆节
"""


@pytest.fixture
def schedule(tmp_path):
    path = tmp_path / "2027.csv"
    path.write_text(SCHEDULE_2027, encoding="utf-8")
    return path


def test_next_years_schedule_moves_a_due_time_off_the_spring_festival(org, clock, schedule):
    clock.set(datetime(2027, 1, 28, 10, 0))  # a Thursday; 2027 has no schedule yet
    item = make_item(org.market, days=10)
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id)
    paused = walk_in(org.clerk, Scope("own"), item_id=item.id)
    # Monday to Friday only: Fri 29 Jan (1) … Thu 11 Feb (10), inside the coming 春节.
    assert ref.due_at == datetime(2027, 2, 11, 17, 30)
    assert "2027年节假日安排尚未公布" in receipt_data(case_detail(ref.id)).calendar_warning
    clock.set(datetime(2027, 2, 1, 9, 0))
    wf.request_materials(org.clerk, paused.id, ["股东会决议"])
    clock.set(datetime(2026, 12, 1, 10, 0))
    earlier = walk_in(org.clerk, Scope("own"), item_id=item.id)  # due in 2026: untouched
    clock.set(datetime(2027, 2, 2, 10, 0))

    result = import_schedule_file(schedule, actor_id=org.admin)

    # 5–12 Feb off: Thu 4 Feb (5), then Mon 15 (6) … Fri 19 Feb (10).
    new_due = datetime(2027, 2, 19, 17, 30)
    assert Case.get_by_id(ref.id).due_at == new_due
    assert {(m.number, m.old_due, m.new_due) for m in result.moved} == {
        (ref.number, datetime(2027, 2, 11, 17, 30), new_due),
        (paused.number, datetime(2027, 2, 11, 17, 30), new_due)}
    assert result.checked == 2 and Case.get_by_id(earlier.id).due_at.year == 2026
    moved = next(m for m in result.moved if m.number == ref.number)
    assert (moved.first_owner, moved.handler) == ("王五", "王五")
    # The paused case keeps counting from its pause with what is left on the new calendar.
    p = Case.get_by_id(paused.id)
    assert p.paused_remaining == register.calendar().working_minutes_between(
        datetime(2027, 2, 1, 9, 0), new_due)
    # One audit row for the batch, one history row per moved case, naming old and new.
    [row] = audit.rows(action="calendar.due_recalculated")
    assert ref.number in row.detail and "2027-02-19 17:30" in row.detail
    assert row.actor == "管理员"
    event = CaseEvent.get((CaseEvent.case == ref.id) & (CaseEvent.type == "due_recalculated"))
    assert "2027-02-11 17:30" in event.note and "2027-02-19 17:30" in event.note
    assert Case.get_by_id(ref.id).version == ref.version + 1
    # The slip now rests on the published schedule and says so.
    slip = receipt_data(case_detail(ref.id))
    assert slip.calendar_warning == "" and "2027年" in slip.due_basis
    # Importing the same schedule again moves nothing.
    assert import_schedule_file(schedule, actor_id=org.admin).moved == ()


def test_cli_calendar_import_lists_the_moved_cases(org, clock, schedule, db_target, capsys,
                                                   monkeypatch):
    for key, value in ORG_ADMIN.items():
        monkeypatch.setenv(key, value)
    clock.set(datetime(2027, 1, 28, 10, 0))
    ref = walk_in(org.clerk, Scope("own"), item_id=make_item(org.market, days=10).id)
    assert cli.main(["--db", db_target, "calendar", "import", str(schedule)]) == 0
    out = capsys.readouterr().out
    assert "due time moved: 1" in out
    assert f"{ref.number}\t2027-02-11 17:30\t->\t2027-02-19 17:30\t王五" in out


def test_editing_one_day_moves_only_the_cases_whose_window_holds_it(org, clock):
    item = make_item(org.market, days=3)
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id)  # Thu 26 Nov → Tue 1 Dec
    clock.set(datetime(2026, 12, 3, 10, 0))
    later = walk_in(org.clerk, Scope("own"), item_id=item.id)  # Thu 3 Dec → Tue 8 Dec
    change = set_calendar_day(org.admin, date(2026, 11, 30), False, "临时闭厅")
    assert [(m.number, m.new_due) for m in change.moved] == [
        (ref.number, datetime(2026, 12, 2, 17, 30))]
    assert Case.get_by_id(later.id).due_at == later.due_at
    back = set_calendar_day(org.admin, date(2026, 11, 30), None)
    assert [(m.number, m.new_due) for m in back.moved] == [(ref.number, ref.due_at)]


def test_cases_no_longer_running_are_left_alone(org, clock):
    item = make_item(org.market, days=3)
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id)
    wf.resolve(org.clerk, ref.id, "已办结")
    assert set_calendar_day(org.admin, date(2026, 11, 30), False, "闭厅").moved == ()
    assert Case.get_by_id(ref.id).due_at == ref.due_at


def test_calendar_day_limits_count_calendar_days_and_end_on_a_working_day(org, clock):
    item = make_item(org.market, days=3)
    statutory = save_item(replace(item, id=None, code="SC-T09", name="仅有法定时限的事项",
                                  promised_days=0, legal_days=30, legal_unit="calendar"), actor_id=None)
    ref = walk_in(org.clerk, Scope("own"), item_id=statutory.id)
    # Thu 26 Nov + 30 days = Sat 26 Dec, a day off: the period ends Mon 28 Dec.
    assert ref.due_at == datetime(2026, 12, 28, 17, 30)
    clock.set(datetime(2026, 9, 20, 10, 0))  # + 15 days = 5 Oct, inside National Day
    fifteen = save_item(replace(statutory, id=None, code="SC-T10", name="十五日", legal_days=15), actor_id=None)
    assert walk_in(org.clerk, Scope("own"), item_id=fifteen.id).due_at == datetime(2026, 10, 8, 17, 30)


def test_new_years_day_2027_is_no_working_day_without_a_schedule(org, clock):
    clock.set(datetime(2026, 12, 31, 10, 0))
    ref = walk_in(org.clerk, Scope("own"), item_id=make_item(org.market, days=1).id)
    assert ref.due_at == datetime(2027, 1, 4, 17, 30)  # Fri 1 Jan 元旦 is fixed by law


def test_a_hand_entered_day_does_not_make_a_year_published_until_confirmed(org, clock):
    clock.set(datetime(2027, 12, 28, 10, 0))
    ref = walk_in(org.clerk, Scope("own"), item_id=make_item(org.market, days=5).id)
    set_calendar_day(org.admin, date(2028, 1, 3), False, "元旦调休")
    assert "2028年" in receipt_data(case_detail(ref.id)).calendar_warning
    change = confirm_year(org.admin, 2028, True)
    assert register.calendar().has_official_data(2028) and change.years == (2028,)
    warning = receipt_data(case_detail(ref.id)).calendar_warning
    assert "2028年" not in warning and warning.startswith("2027年")  # 2027 still unpublished
    confirm_year(org.admin, 2028, False)
    assert not register.calendar().has_official_data(2028)


def test_a_replay_on_the_same_calendar_gives_every_due_time_the_workflow_computed(org, clock):
    """Registration, pause and resume, extension, hazard verification: the replay agrees."""
    item = make_item(org.market, days=3)
    refs = [walk_in(org.clerk, Scope("own"), item_id=item.id),
            walk_in(org.clerk, Scope("own"), kind="complaint"),
            walk_in(org.clerk, Scope("transfer", department_id=org.market), kind="hazard")]
    clock.set(datetime(2026, 11, 27, 14, 10))
    wf.request_materials(org.clerk, refs[0].id, ["身份证"])
    wf.request_materials(org.clerk, refs[1].id, ["证据"])
    clock.set(datetime(2026, 12, 2, 11, 0))
    wf.supply_materials(org.clerk, refs[0].id)
    wf.request_extension(org.clerk, refs[1].id, datetime(2026, 12, 18, 17, 30), "需调查")
    wf.decide_extension(org.leader, refs[1].id, True)
    wf.verify_hazard(org.head, refs[2].id, "已核实")
    cal = register.calendar()
    from core.calendar.calendar_change import _events, _limit

    history = _events([r.id for r in refs])
    for ref in refs:
        case = Case.get_by_id(ref.id)
        events = history[ref.id]
        limit = _limit(case, events, cal)
        first = registration_due(events[1:], cal, case.due_at)
        replayed = replay_due(cal, cal, case.registered_at, limit, first, events[1:])
        assert (replayed.due_at, replayed.paused_remaining) == (case.due_at, case.paused_remaining)
    assert recompute(org.admin, cal, cal, {2026}) == (0, (), ())  # no day changed: no replay


def test_cases_registered_before_limits_were_recorded_are_recovered_or_named(org, clock,
                                                                             monkeypatch):
    """A complaint registered by an older release (no limit in its history) runs on the
    kind's 5 days, recovered from its first due time; one that cannot be told is named."""
    import core.calendar.calendar_change as change

    ref = walk_in(org.clerk, Scope("own"), kind="complaint")  # Thu 26 Nov → Thu 3 Dec
    monkeypatch.setattr(change, "recorded_limit", lambda data: None)
    moved = set_calendar_day(org.admin, date(2026, 11, 30), False, "临时闭厅")
    assert [(m.number, m.new_due) for m in moved.moved] == [(ref.number,
                                                             datetime(2026, 12, 4, 17, 30))]
    monkeypatch.setattr(change, "registration_due", lambda *a: None)
    kept = set_calendar_day(org.admin, date(2026, 12, 1), False, "临时闭厅")
    assert kept.moved == () and kept.unresolved == (ref.number,)
    assert Case.get_by_id(ref.id).due_at == datetime(2026, 12, 4, 17, 30)
