"""Windows that go on registering while their PostgreSQL server is stopped, and a replay that
neither loses nor doubles anything — not when it is SIGKILLed halfway, not when two windows
replay one journal at once; the control without the idempotency key doubles cases. Every
window is a process of its own with its own data folder, against a server of the test's own
(tests/pg_private.py)."""

from __future__ import annotations

import multiprocessing as mp
import random
import time
from pathlib import Path

import pytest

from core import register
from tests.conftest import make_org
from tests.offline_workers import offline_only, replay, window
from tests.pg_private import private_server

pytestmark = [pytest.mark.slow, pytest.mark.own_pg_server, pytest.mark.processes]
CTX = mp.get_context("spawn")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with private_server(tmp_path_factory.mktemp("pg")) as srv:
        yield srv


@pytest.fixture
def register_url(server, request, tmp_path, monkeypatch):
    """A register of this test's own on the server, with the test organisation and a third
    clerk; closed again before the windows (processes) open it."""
    name = "off_" + request.node.name.lower().replace("[", "_").replace("]", "")[:40]
    server.psql(f'DROP DATABASE IF EXISTS "{name}"')
    server.psql(f'CREATE DATABASE "{name}"')
    url = server.url(database=name)
    monkeypatch.setenv("FIRSTDESK_HOME", str(tmp_path / "test-home"))  # anchors, logs
    register.open_register(url)
    org = make_org()
    from core.admin.staff import create_staff

    org.clerk3 = create_staff("qianqi", "钱七", "clerk", "secret123", org.front, "3号窗口").id
    register.close_register()
    yield url, org


def _server_state(url: str) -> dict:
    """What the server holds of the offline windows' cases: subject → case ids, the aliases."""
    register.open_register(url, create=False)
    try:
        from models.database import db

        by_subject: dict[str, list[int]] = {}
        for cid, subject in db.execute_sql(
                f'SELECT id, subject FROM "case" WHERE subject LIKE {db.param}', ("OFF-%",)):
            by_subject.setdefault(subject, []).append(cid)
        aliases = dict(db.execute_sql("SELECT alias, case_id FROM case_alias").fetchall())
        return {"subjects": by_subject, "aliases": aliases}
    finally:
        register.close_register()


def _collect(out, kind: str, count: int, timeout: float = 240) -> list[tuple]:
    got = []
    deadline = time.time() + timeout
    while len(got) < count:
        msg = out.get(timeout=max(1, deadline - time.time()))
        assert msg[0] == kind, msg
        got.append(msg)
    return got


def test_three_windows_register_while_the_server_is_down_and_every_case_arrives_once(
        server, register_url, tmp_path):
    url, org = register_url
    out, down, back = CTX.Queue(), CTX.Event(), CTX.Event()
    clerks = {"A": org.clerk, "B": org.clerk2, "C": org.clerk3}
    procs = [CTX.Process(target=window, args=(url, str(tmp_path / tag), staff, tag, 50,
                                               org.market, down, back, out))
             for tag, staff in clerks.items()]
    for p in procs:
        p.start()
    stations = {msg[1]: msg[2] for msg in _collect(out, "ready", 3)}
    assert len(set(stations.values())) == 3  # each window its own identity (W01, W02, W03)
    server.stop()
    down.set()
    messages = _collect(out, "registered", 3)
    assert all(msg[3] for msg in messages)  # each window switched to offline registration
    registered = {msg[1]: msg[2] for msg in messages}
    numbers = [n for made in registered.values() for n, _s, _r in made]
    assert len(numbers) == len(set(numbers)) == 150  # provisional numbers never collide
    for tag, made in registered.items():
        assert all(f"-{stations[tag]}-" in n for n, _s, _r in made)
    server.start()
    back.set()
    synced = {msg[1]: msg for msg in _collect(out, "synced", 3)}
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert all(msg[3] == 0 for msg in synced.values())  # nothing left pending

    state = _server_state(url)
    subjects = state["subjects"]
    assert len(subjects) == 150 and all(len(ids) == 1 for ids in subjects.values())
    # Every provisional number is an alias of the case registered under it.
    register.open_register(url, create=False)
    try:
        from core.cases.detail import case_detail
        from core.cases.queries import find_by_number

        for made in registered.values():
            for provisional, subject, _receipt in made:
                case_id = find_by_number(provisional)
                assert case_id == subjects[subject][0]
        one = case_detail(subjects["OFF-B-007"][0])
        assert one.timeline[0].note.startswith(f"离线登记于 {stations['B']}（临时编号 ")
        assert not one.number.count("W")  # the final number is an ordinary one
        # A receipt printed offline still opens its case: scan it (decode its barcode).
        from tests.test_paper import decoded

        for made in registered.values():
            for provisional, subject, receipt in made[:20]:
                if not receipt:
                    continue
                found = decoded(Path(receipt).read_bytes(), tmp_path, 200)
                assert ("Code128", provisional) in found, found
                assert find_by_number(provisional) == subjects[subject][0]
    finally:
        register.close_register()


def _offline_journal(server, url: str, org, home: Path, n: int) -> list[tuple]:
    """One window registers `n` cases while the server is stopped, then exits."""
    out, down = CTX.Queue(), CTX.Event()
    p = CTX.Process(target=offline_only, args=(url, str(home), org.clerk, "K", n, org.market,
                                                down, out))
    p.start()
    _collect(out, "ready", 1)
    server.stop()
    down.set()
    made = _collect(out, "registered", 1)[0][2]
    p.join(60)
    server.start()
    return made


def _replay(url: str, home: Path, staff: int, *, use_key: bool = True, kill_after: int = 0,
            kill_in: float = 0.0) -> int:
    out = CTX.Queue()
    p = CTX.Process(target=replay, args=(url, str(home), staff, use_key, kill_after, out))
    p.start()
    assert out.get(timeout=60) == ("started",)
    if kill_in:
        time.sleep(kill_in)
        if p.is_alive():
            p.kill()
    p.join(120)
    return p.exitcode


def test_a_replay_killed_after_the_servers_commit_resumes_without_doubling(
        server, register_url, tmp_path):
    url, org = register_url
    made = _offline_journal(server, url, org, tmp_path / "k", 50)
    assert _replay(url, tmp_path / "k", org.clerk, kill_after=20) == -9  # SIGKILLed
    middle = _server_state(url)["subjects"]
    assert len(middle) == 20  # the 20th is on the server; its journal entry still pending
    assert _replay(url, tmp_path / "k", org.clerk) == 0
    state = _server_state(url)
    assert len(state["subjects"]) == 50 and all(len(v) == 1 for v in state["subjects"].values())
    assert sorted(state["aliases"]) == sorted(n for n, _s, _r in made)


def test_control_a_replay_without_the_key_doubles_the_case_the_kill_left_behind(
        server, register_url, tmp_path):
    url, org = register_url
    _offline_journal(server, url, org, tmp_path / "c", 30)
    assert _replay(url, tmp_path / "c", org.clerk, use_key=False, kill_after=10) == -9
    assert _replay(url, tmp_path / "c", org.clerk, use_key=False) == 0
    subjects = _server_state(url)["subjects"]
    doubled = [s for s, ids in subjects.items() if len(ids) > 1]
    assert doubled == ["OFF-K-009"]  # the 10th entry: committed, not marked, replayed again


def test_replays_killed_at_random_moments_and_two_windows_at_once_register_each_case_once(
        server, register_url, tmp_path):
    url, org = register_url
    _offline_journal(server, url, org, tmp_path / "r", 60)
    rng = random.Random(19)
    seen = []
    for _ in range(3):  # kill wherever the replay happens to be
        code = _replay(url, tmp_path / "r", org.clerk, kill_in=rng.uniform(0.05, 0.3))
        seen.append((code, len(_server_state(url)["subjects"])))
    assert any(code == -9 and 0 < n < 60 for code, n in seen), seen  # killed mid-replay
    # Then two windows replay the same journal at once (two programs on one PC).
    out = CTX.Queue()
    procs = [CTX.Process(target=replay, args=(url, str(tmp_path / "r"), org.clerk, True, 0, out))
             for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    replayed = [msg[1] for msg in (out.get(timeout=5) for _ in range(4)) if msg[0] == "replayed"]
    registered_by = {}
    for outcomes in replayed:
        for provisional, state, _number in outcomes:
            if state == "synced":
                assert provisional not in registered_by  # never by both windows
                registered_by[provisional] = True
    subjects = _server_state(url)["subjects"]
    print("kills (exit code, cases on the server after):", seen)
    assert len(subjects) == 60 and all(len(ids) == 1 for ids in subjects.values())
