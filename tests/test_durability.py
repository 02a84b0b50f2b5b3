"""Nothing acknowledged is ever lost: writers SIGKILLed at random moments, a full disk,
read-only media, and the start-up check that sends a damaged file to read-only mode."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from bench.reliability_workers import (
    EXPECTED_PRAGMAS,
    clean_verdict,
    disk_full_trial,
    disk_full_trials,
    kill_loop,
    pragma_survey,
    readonly_trial,
    verify_register,
)
from core import register
from core.infra.integrity import (
    consistency_problems,
    foreign_key_check,
    integrity_check,
    quick_check,
    startup_check,
)
from models.database import db

KILLS = int(os.environ.get("FIRSTDESK_KILLS", "1000"))
BATCHES = 4


def _assert_clean(verdict: dict, where: str) -> None:
    assert verdict["lost"] == 0, f"{where}: acknowledged cases lost: {verdict['lost_numbers']}"
    assert verdict["partial_cases"] == 0, f"{where}: cases without all 3 materials"
    assert verdict["cases_missing_their_intake_decision"] == 0, where
    assert verdict["duplicate_acknowledgements"] == 0, where
    assert verdict["number_gaps"] == 0, f"{where}: a number was handed out for a lost case"
    assert verdict["integrity_check"] == [] and verdict["quick_check"] == [], where
    assert verdict["foreign_key_check"] == [], where
    assert verdict["consistency"] == [], where
    assert verdict["audit_ok"], f"{where}: the audit chain broke"
    assert verdict["audit_registrations"] == verdict["cases_stored"], where
    assert verdict["search_rows"] in (-1, verdict["cases_stored"]), where
    assert clean_verdict(verdict)


@pytest.mark.slow
@pytest.mark.processes
def test_sigkilled_writers_leave_every_acknowledged_case_whole(sqlite_org, sqlite_target):
    """≥ 1,000 SIGKILLs in batches; after each batch the parent reopens (WAL recovery) and checks."""
    total_kills, acknowledged = 0, []
    for batch in range(BATCHES):
        run = kill_loop(sqlite_target, sqlite_org.clerk, KILLS // BATCHES, writers=2, seed=batch)
        assert run.child_errors == [], run.child_errors[:3]
        assert run.finished_early == 0
        total_kills += run.kills
        acknowledged += run.acknowledged
        register.open_register(sqlite_target)
        verdict = verify_register(acknowledged)
        _assert_clean(verdict, f"after batch {batch + 1}")
    assert total_kills >= KILLS // BATCHES * BATCHES
    assert len(acknowledged) > 0  # the kills landed while cases were being saved


@pytest.mark.processes
def test_sigkilled_clients_lose_nothing_on_postgresql(pg_org, pg_target):
    run = kill_loop(pg_target, pg_org.clerk, 200, writers=2, seed=7)
    assert run.child_errors == [] and run.kills == 200
    register.open_register(pg_target)
    verdict = verify_register(run.acknowledged)
    _assert_clean(verdict, "postgresql")


def test_every_connection_the_program_opens_has_the_pragmas(sqlite_org):
    survey = pragma_survey()
    assert survey["seen"] == {"first": EXPECTED_PRAGMAS, "reconnect": EXPECTED_PRAGMAS,
                              "thread": EXPECTED_PRAGMAS}


def test_disk_full_saves_nothing_partial_and_the_retry_succeeds(sqlite_org):
    trial = disk_full_trial(sqlite_org.clerk)
    assert trial["saved_before_full"] >= 1 and trial["error_type"] is not None
    assert trial["partial_rows"] == 0  # the refused case left no row anywhere
    assert trial["saved_whole"] == trial["saved_before_full"]
    assert not trial["left_in_transaction"]
    assert trial["retry_ok"] and trial["retry_follows_on"]  # and no number was burnt
    assert trial["checks"] == []


def test_disk_full_is_reported_as_a_full_disk(sqlite_org):
    trial = disk_full_trial(sqlite_org.clerk)
    assert trial["error_type"] == "StorageError" and trial["storage_code"] == "full"
    assert trial["message"] == "磁盘已满，无法保存。"


def test_disk_full_at_any_distance_from_the_limit(sqlite_org):
    """SQLite meets the limit in different statements (and rolls back by itself only in
    some): every one must leave nothing partial, say "disk full" and let the retry save."""
    trials = disk_full_trials(sqlite_org.clerk)
    assert trials["reported_full"] == trials["trials"], trials["other_errors"]
    assert trials["partial_rows"] == 0 and trials["saved_not_whole"] == 0
    assert trials["left_in_transaction"] == 0 and trials["checks"] == []
    assert trials["retries_ok"] == trials["trials"]


def test_read_only_media_fail_visibly_save_nothing_and_the_retry_succeeds(sqlite_org,
                                                                          sqlite_target):
    trial = readonly_trial(sqlite_target, sqlite_org.clerk)
    assert trial["error_type"] == "StorageError" and trial["storage_code"] == "readonly"
    assert "只读" in trial["message"]
    assert trial["partial_rows"] == 0
    assert trial["retry_ok"]


# ---- integrity checks and start-up ---------------------------------------------------------


def test_checks_pass_on_a_healthy_register(org):
    from tests.helpers import walk_in

    walk_in(org.clerk)
    assert quick_check() == [] and integrity_check() == []
    assert foreign_key_check() == [] and consistency_problems() == []


def test_consistency_check_finds_a_case_without_its_history(sqlite_org):
    from models.tables import Case
    from tests.helpers import walk_in

    ref = walk_in(sqlite_org.clerk)
    case = Case.get_by_id(ref.id)
    db.execute_sql('INSERT INTO "case" (number, channel, kind, anonymous, visitor_name, '
                   "visitor_phone, visitor_unit, subject, description, first_owner_id, status, "
                   "registered_at, extended, visit_count, handover_count, result, version, "
                   "updated_at) VALUES ('20261126-0002', 'visit', 'inquiry', 0, '', '', '', "
                   "'x', '', ?, 'registered', ?, 0, 1, 0, '', 1, ?)",
                   (case.first_owner_id, case.registered_at, case.registered_at))
    problems = consistency_problems()
    assert any("without its 'registered' event: 20261126-0002" in p for p in problems)
    assert any("beyond its day's counter: 20261126-0002" in p for p in problems)


def test_foreign_key_check_reports_a_dangling_row(sqlite_org):
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        db.execute_sql("INSERT INTO received_material (case_id, position, name, original, copies, "
                       "pages, received) VALUES (99999, 0, 'x', 1, 1, 1, 1)")
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")
    assert foreign_key_check() == ["received_material row 1 → case"]
    assert any(p.startswith("material without its case") for p in consistency_problems())


def test_a_tally_that_disagrees_with_the_cases_is_reported(sqlite_org, clock):
    from tests.helpers import walk_in

    walk_in(sqlite_org.clerk)
    assert consistency_problems() == []
    db.execute_sql("UPDATE staff_tally SET n = n + 1 WHERE n > 0")
    assert any(p.startswith("staff_tally") for p in consistency_problems())


def test_startup_check_passes_a_healthy_file_a_new_file_and_postgresql(sqlite_org, sqlite_target,
                                                                      tmp_path):
    from tests.helpers import walk_in

    walk_in(sqlite_org.clerk)
    health = startup_check(sqlite_target)  # while the register is open, WAL and all
    assert health.ok and not health.read_only_recommended and health.message() == ""
    assert startup_check(str(tmp_path / "new.db")).ok
    assert not (tmp_path / "new.db").exists()  # the check never creates the file
    assert startup_check("postgresql://u:p@127.0.0.1/x").ok


def _damaged_copy(source: str, dest: Path, *, header: bool) -> str:
    register.close_register()
    shutil.copy(source, dest)
    data = bytearray(dest.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    if header:
        data[0:16] = b"NOT A DATABASE!!"
    else:
        for n in range(2, len(data) // page):  # keep page 1 (the schema); scribble on the rest
            start = n * page + 8
            data[start:start + 64] = bytes(range(64))
    dest.write_bytes(bytes(data))
    return str(dest)


@pytest.mark.parametrize("header", [False, True], ids=["damaged-pages", "damaged-header"])
def test_startup_check_sends_a_damaged_file_to_read_only_with_a_restore_offer(
        sqlite_org, sqlite_target, tmp_path, header):
    from tests.helpers import walk_in

    for _ in range(30):
        walk_in(sqlite_org.clerk, subject="营业执照变更" * 20)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    path = _damaged_copy(sqlite_target, tmp_path / "damaged.db", header=header)
    health = startup_check(path)
    assert not health.ok and health.read_only_recommended and health.problems
    assert "只读" in health.message() and "从备份恢复" in health.message()
    assert "restore it from a backup" in health.message("en").lower()


def test_startup_check_does_not_change_the_file(sqlite_org, sqlite_target, tmp_path):
    register.close_register()
    before = Path(sqlite_target).read_bytes()
    assert startup_check(sqlite_target).ok
    assert Path(sqlite_target).read_bytes() == before
    conn = sqlite3.connect(sqlite_target)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


@pytest.mark.processes
def test_the_kill_loop_can_fail_a_writer_that_commits_row_by_row(sqlite_org, sqlite_target):
    """The control: the same loop against a writer without one transaction per case finds
    partial cases — so the clean results above mean something."""
    run = kill_loop(sqlite_target, sqlite_org.clerk, 150, writers=2, seed=3, naive=True)
    assert run.child_errors == []
    register.open_register(sqlite_target)
    verdict = verify_register(run.acknowledged, taken=False)
    broken = verdict["partial_cases"] + len(verdict["consistency"])
    assert broken > 0 and not clean_verdict(verdict)


def test_a_big_file_gets_the_light_check_at_start_up_and_the_full_one_later(
        sqlite_org, sqlite_target, tmp_path):
    """quick_check reads every page (seconds for a million cases): above the size limit the
    start-up check reads header and schema only, and check_file() does the rest."""
    from core.infra.integrity import check_file
    from tests.helpers import walk_in

    for _ in range(30):
        walk_in(sqlite_org.clerk, subject="营业执照变更" * 20)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    healthy = startup_check(sqlite_target, full_up_to=0)
    assert healthy.ok and not healthy.thorough
    header = _damaged_copy(sqlite_target, tmp_path / "header.db", header=True)
    assert startup_check(header, full_up_to=0).read_only_recommended
    pages = _damaged_copy(sqlite_target, tmp_path / "pages.db", header=False)
    light = startup_check(pages, full_up_to=0)
    assert not light.thorough
    assert light.read_only_recommended or check_file(pages) != []


@pytest.mark.processes
def test_a_writer_that_acknowledges_before_commit_shows_losses(sqlite_org, sqlite_target):
    """The control for "lost": acknowledged before the COMMIT, killed in between — the number
    comes back for the next case, so only a comparison of content sees the loss."""
    run = kill_loop(sqlite_target, sqlite_org.clerk, 120, writers=2, seed=11,
                    naive="early_ack", min_ms=2.0, max_ms=30.0)
    assert run.child_errors == []
    register.open_register(sqlite_target)
    verdict = verify_register(run.acknowledged, taken=False)
    assert verdict["lost"] > 0, verdict
    assert verdict["lost"] > verdict["lost_by_number"]  # numbers alone under-count
