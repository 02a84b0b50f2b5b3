"""A PostgreSQL server that restarts under the program: dead connections are replaced, reads
retried once, a use case retried only when nothing of it committed; no message or log line
shows the password. Runs a server of its own (tests/pg_private.py)."""

from __future__ import annotations

import logging
import threading

import pytest

from core import register
from core.dto import Scope
from models.database import StorageError, db, run_retrying
from models.tables import Case
from tests.conftest import make_org
from tests.helpers import walk_in
from tests.pg_private import private_server

pytestmark = [pytest.mark.slow, pytest.mark.own_pg_server]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with private_server(tmp_path_factory.mktemp("pg")) as srv:
        srv.psql("CREATE DATABASE restart_test")
        yield srv


@pytest.fixture
def pg(server, clock):
    url = server.url(database="restart_test")
    register.open_register(url)
    from models.migrations import truncate_all

    truncate_all()
    register.invalidate()
    org = make_org()
    yield server, org
    register.close_register()


def test_registering_goes_on_after_the_server_restarts(pg):
    server, org = pg
    walk_in(org.clerk, Scope("own"))
    server.stop()
    with pytest.raises(StorageError) as e:
        walk_in(org.clerk, Scope("own"))
    assert e.value.code in ("unreachable", "disconnected")
    server.start()
    assert Case.select().count() == 1  # a read on the dead connection: reconnected, retried
    walk_in(org.clerk, Scope("own"))  # a write: the BEGIN found the dead connection
    assert Case.select().count() == 2


def test_a_use_case_cut_mid_transaction_runs_once_more_never_twice(pg):
    from models.database import write_transaction
    from models.tables import Department

    before = Department.select().count()
    calls = []

    def end_my_connection() -> None:  # what a server restart does to it
        pid = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
        other = db.obj.__class__(db.obj.database, **db.obj.connect_params)
        other.connect()
        other.execute_sql("SELECT pg_terminate_backend(%s)", (pid,))
        other.close()

    def use_case() -> None:
        calls.append(1)
        with write_transaction():
            Department.create(name=f"新部门{len(calls)}")
            if len(calls) == 1:
                end_my_connection()
            Department.select().count()

    run_retrying(use_case)
    assert len(calls) == 2
    names = [d.name for d in Department.select().where(Department.name.startswith("新部门"))]
    assert names == ["新部门2"] and Department.select().count() == before + 1


def test_lost_commit_is_not_repeated(pg, monkeypatch):
    server, org = pg
    from models import database

    def commit_lost(self):
        raise database.CommitUnknown("server closed the connection unexpectedly")

    monkeypatch.setattr(database._PostgresDatabase, "commit", commit_lost)
    calls = []
    with pytest.raises(StorageError) as e:
        run_retrying(lambda: (calls.append(1), walk_in(org.clerk, Scope("own"))))
    assert e.value.code == "commit_unknown" and len(calls) == 1
    assert "无法确定是否已保存" in e.value.message()


def test_no_message_or_log_line_carries_the_password(server, caplog, clock):
    url = server.url(password="Sekr3t-pw", database="restart_test")
    server.stop()
    try:
        with caplog.at_level(logging.DEBUG), pytest.raises(StorageError) as e:
            register.open_register(url)
    finally:
        server.start()
    assert e.value.code == "unreachable"
    text = e.value.message("zh") + e.value.message("en") + str(e.value) + e.value.detail
    assert "Sekr3t-pw" not in text
    assert "Sekr3t-pw" not in caplog.text


def test_parallel_wrong_passwords_lock_the_account_after_five(pg):
    _server, org = pg
    from core.admin.staff import sign_in
    from core.errors import DomainError
    from models.tables import AuditLog, Staff

    outcomes: list[str] = []
    gate = threading.Barrier(16)

    def attempt():
        gate.wait()
        try:
            sign_in("wangwu", "wrong-pass9")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            db.close()

    threads = [threading.Thread(target=attempt) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    failures = AuditLog.select().where((AuditLog.action == "sign_in_failed")
                                       & (AuditLog.target == "wangwu")).count()
    assert failures == 5, outcomes
    assert Staff.get(Staff.username == "wangwu").locked_until is not None
    assert outcomes.count("locked_out") == 11
    with pytest.raises(DomainError) as e:
        sign_in("wangwu", "secret123")
    assert e.value.code == "locked_out"


def test_timestamps_come_from_the_server_clock(pg):
    import datetime as dt

    from core import audit

    server, org = pg
    register.set_clock(None)
    register.current().read_server_clock()
    assert abs(register.server_offset().total_seconds()) < 5  # same machine: same clock
    # A PC whose clock is 40 days behind the server's: rows still carry the server's time.
    register.current()._server_offset = dt.timedelta(days=40)
    try:
        walk_in(org.clerk, Scope("own"))
        row = audit.rows(limit=1)[0]
        assert abs((row.at - dt.datetime.now() - dt.timedelta(days=40)).total_seconds()) < 120
    finally:
        register.current().read_server_clock()


def test_log_file_lines_are_redacted():
    import logging

    from core.infra.logsetup import Redact

    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "cannot open %s",
                               ("postgresql://app:Sekr3t@db/firstdesk",), None)
    Redact().filter(record)
    assert "Sekr3t" not in record.getMessage() and "app:***@db" in record.getMessage()
