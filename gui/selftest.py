"""`firstdesk self-test`: one case through its life in a temporary register, a receipt PDF,
a backup and its restore, the demo register, a PostgreSQL connection when given one, the main
window offscreen and the bundled resources — each step timed; exit 0 only if all that ran passed.

It runs the same in a source checkout and in the PyInstaller bundle, which is what it is for:
the build script, CI and IT support run it on the packaged executable. Nothing touches the
user's data: FIRSTDESK_HOME points at a temporary folder for the whole run. `--no-gui` leaves
out every step that loads Qt (the Windows build checked under wine, where Qt cannot start)
and says so; `--postgres URL` adds a read-only look at a PostgreSQL server.
"""

from __future__ import annotations

import io
import logging
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

PASSWORD = "selftest-2026"
DEMO_CASES = 40  # the temporary accounts' password (letters and digits, 8+)
RECEIPT_TITLE = "收件回执单"
# Harmless offscreen-plugin chatter, not a sign of a broken bundle.
_QT_NOISE = ("propagateSizeHints", "This plugin does not support")


@dataclass
class Step:
    name: str
    status: str = "skip"  # ok | FAIL | skip (a prerequisite failed) | off (not asked for)
    ms: float = 0.0
    detail: str = ""
    error: str = ""


@dataclass
class State:
    """What the steps hand on to each other."""

    home: Path
    org_name: str = "自检政务服务中心"
    clerk: Any = None
    handler: Any = None
    transfer_dep: Any = None
    case_id: int | None = None
    case_number: str = ""
    pdf: bytes = b""
    gui: bool = True
    notes: list[str] = field(default_factory=list)


class SelfTest:
    """Runs the steps in order; a step whose prerequisite failed is skipped, not run."""

    def __init__(self, out: TextIO | None, verbose: bool = True) -> None:
        self.out = out
        self.verbose = verbose
        self.steps: list[Step] = []
        self.lines: list[str] = []

    def say(self, text: str, *, always: bool = False) -> None:
        self.lines.append(text)
        if self.out is not None and (self.verbose or always):
            print(text, file=self.out, flush=True)

    def off(self, name: str, why: str) -> None:
        """A step left out on purpose: listed with the reason, not a failure."""
        self.steps.append(Step(name, status="off", detail=why))
        self.say(f"[skip] {name}  ({why})", always=True)

    def run(self, name: str, fn: Callable[[], str | None], needs: tuple[str, ...] = ()) -> bool:
        step = Step(name)
        self.steps.append(step)
        failed = [s.name for s in self.steps if s.name in needs and s.status != "ok"]
        if failed:
            step.detail = f"needs: {', '.join(failed)}"
            self.say(f"[skip] {name}  ({step.detail})")
            return False
        started = time.perf_counter()
        tb = ""
        try:
            step.detail = fn() or ""
            step.status = "ok"
        except Exception as exc:  # noqa: BLE001 - every failure is reported, never raised
            step.status = "FAIL"
            step.error = f"{type(exc).__name__}: {exc}"
            log.debug("self-test step %s failed", name, exc_info=True)
            tb = traceback.format_exc(limit=-3)
        step.ms = (time.perf_counter() - started) * 1000
        tag = "[ ok ]" if step.status == "ok" else "[FAIL]"
        line = f"{tag} {name:<34} {step.ms:6.0f} ms"
        if step.detail:
            line += f"  {step.detail}"
        self.say(line, always=step.status != "ok")
        if step.status != "ok":
            self.say(f"       {step.error}", always=True)
            for tb_line in tb.rstrip().splitlines():
                self.say(f"       | {tb_line}")
        return step.status == "ok"


# ---- the steps ------------------------------------------------------------------------------

def _check_resources(state: State) -> str:
    """The files the program loads through core.infra.paths.resource_path, and Qt's plugins."""
    from core.admin.presets import preset_names
    from core.infra.paths import resource_path, resource_root

    presets = [key for key, _zh, _en in preset_names()]
    missing: list[str] = []
    font = resource_path("fonts", "wqy-microhei.ttc")
    if not font.is_file() or font.stat().st_size < 1_000_000:
        missing.append(str(font))
    for preset in presets:
        if not resource_path("presets", f"{preset}.json").is_file():
            missing.append(f"presets/{preset}.json")
    for icon in ("firstdesk.png", "firstdesk.ico"):
        if not resource_path("icons", icon).is_file():
            missing.append(f"icons/{icon}")
    if missing:
        raise FileNotFoundError("missing bundled resources: " + ", ".join(missing))
    qm = sorted(p.name for p in resource_path("translations").glob("*.qm"))
    ts = sorted(p.name for p in resource_path("translations").glob("*.ts"))
    if getattr(sys, "frozen", False) and not qm:
        raise FileNotFoundError("no compiled translations (.qm) in the bundle: run "
                                "packaging/build.py, which compiles them before PyInstaller")
    if not qm and ts:
        state.notes.append(f"{', '.join(ts)} not compiled yet (python -m gui.i18n build)")
    where = "bundle" if getattr(sys, "frozen", False) else "source"
    state.notes.append(f"resources: {resource_root()}")
    if not state.gui:
        return f"font, {len(presets)} presets, icons, {len(qm)} .qm ({where}; Qt not loaded)"
    from PySide6.QtCore import QTranslator

    for name in qm:
        if not QTranslator().load(str(resource_path("translations", name))):
            raise ValueError(f"translation {name} does not load")
    plugins = _qt_plugins()
    return f"font, {len(presets)} presets, icons, {len(qm)} .qm, Qt {plugins} ({where})"


def _qt_plugins() -> str:
    """Qt's platform plugins for this OS (native, and offscreen for this test) and the
    Chinese translation of Qt's own dialogs must be in the bundle where Qt looks."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    roots = [Path(p) for p in QCoreApplication.libraryPaths()]
    roots.append(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)))
    names = {p.name.lower() for root in roots for p in (root / "platforms").glob("*")}
    native = {"win32": "qwindows", "darwin": "qcocoa"}.get(sys.platform, "qxcb")
    wanted = (native, "qoffscreen")
    absent = [w for w in wanted if not any(w in n for n in names)]
    if absent:
        raise FileNotFoundError(f"Qt platform plugins missing in {[str(r) for r in roots]}: "
                                f"{absent}")
    found = "+".join(wanted)
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # What gui/i18n.py loads for Chinese: qt_zh_CN.qm and the catalogues it depends on.
    if not QTranslator().load(QLocale("zh_CN"), "qt", "_", translations):
        raise FileNotFoundError(f"Qt's Chinese translation (qt_zh_CN.qm) does not load from "
                                f"{translations}")
    return found + ", qt_zh_CN.qm"


def _open_register(state: State) -> str:
    from core.register import open_register

    path = state.home / "selftest.db"
    open_register(str(path))
    return path.name


def _set_up_organisation(state: State) -> str:
    from core.admin.organisation import init_organisation
    from core.admin.staff import create_staff, list_departments
    from core.vocab import CLERK, HANDLER

    init_organisation(state.org_name, "service_centre", "selftest-admin", "自检管理员", PASSWORD)
    deps = [d for d in list_departments() if not d.is_safety]
    if len(deps) < 2:
        raise RuntimeError(f"preset service_centre gave {len(deps)} departments, expected ≥ 2")
    front, other = deps[0], deps[-1]
    state.clerk = create_staff("selftest-clerk", "自检窗口员", CLERK, PASSWORD, front.id,
                               window_no="1号窗口")
    state.handler = create_staff("selftest-handler", "自检承办人", HANDLER, PASSWORD, other.id)
    state.transfer_dep = other
    return f"{len(deps) + 1} departments; clerk at {front.name}, handler at {other.name}"


def _register_case(state: State) -> str:
    from core.cases.intake import register_case
    from core.dto import IntakeForm, MaterialInput, Scope

    form = IntakeForm(
        channel="visit", kind="application", subject="营业执照变更登记（自检）",
        visitor_name="自检办事人", visitor_phone="13800138000", visitor_unit="自检科技有限公司",
        materials=(MaterialInput("变更登记申请书", True, 1, 3),
                   MaterialInput("法定代表人身份证", False, 1, 1)),
        scope=Scope(kind="transfer", department_id=state.transfer_dep.id),
        note="自检：转办承办部门",
    )
    ref = register_case(state.clerk.id, form)
    _expect(ref.status, "transferred")
    state.case_id, state.case_number = ref.id, ref.number
    # A second case the clerk keeps, so the main window's own list is never empty.
    own = register_case(state.clerk.id, IntakeForm(
        channel="phone", kind="inquiry", subject="咨询办事时间（自检）",
        visitor_name="自检来电人", visitor_phone="13900139000", scope=Scope(kind="own")))
    _expect(own.status, "in_progress")
    return f"{ref.number} → {state.transfer_dep.name}; {own.number} kept by the clerk"


def _accept(state: State) -> str:
    from core.cases import workflow

    ref = workflow.accept(state.handler.id, state.case_id)
    _expect(ref.status, "in_progress")
    return f"{ref.number} accepted by {state.handler.name}"


def _resolve(state: State) -> str:
    from core.cases import workflow

    ref = workflow.resolve(state.handler.id, state.case_id, "已办结（自检）：营业执照已变更。")
    _expect(ref.status, "resolved")
    return f"{ref.number} resolved"


def _write_receipt(state: State) -> str:
    from core.printing.slips import document_for
    from documents.render import render_document

    # The same path the GUI's 打印回执 takes: case → ReceiptData → ReportLab PDF.
    data = document_for(state.case_id, "receipt")
    state.pdf = render_document(data, "a5")
    path = state.home / f"receipt-{state.case_number}.pdf"
    path.write_bytes(state.pdf)
    return f"{path.name}, {len(state.pdf) / 1024:.0f} KiB"


def _check_receipt(state: State) -> str:
    pdf = state.pdf
    if not pdf.startswith(b"%PDF-") or b"%%EOF" not in pdf[-1024:]:
        raise ValueError("not a complete PDF (header or %%EOF missing)")
    if b"/FontFile2" not in pdf:
        raise ValueError("no embedded TrueType font: Chinese would not print on a bare PC")
    if b"WenQuanYi" not in pdf and b"WQY" not in pdf.upper():
        raise ValueError("the embedded font is not WenQuanYi Micro Hei (resources/fonts)")
    try:
        from pypdf import PdfReader
    except ImportError:
        state.notes.append("pypdf not importable: receipt text not checked, only header and size")
        if len(pdf) < 5_000:
            raise ValueError(f"PDF suspiciously small ({len(pdf)} bytes)") from None
        return "header, font and size only (pypdf missing)"
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() or "" for page in reader.pages)
    for needle in (state.case_number, RECEIPT_TITLE):
        if needle not in text:
            raise ValueError(f"receipt text lacks {needle!r}; extracted: {text[:120]!r}")
    return (f"{len(reader.pages)} page(s) with {state.case_number} and {RECEIPT_TITLE}; "
            "WenQuanYi Micro Hei embedded")


def _backup_and_restore(state: State) -> str:
    """A backup of the register while it is open, restored into a new file that then holds
    the case — what IT support does with `backup` and `restore`."""
    from core.cases.queries import find_by_number
    from core.infra.backup import backup, restore
    from core.register import close_register, open_register

    copy = backup(state.home / "backup" / "selftest-backup.db", actor_id=None)
    restored = state.home / "restored.db"
    restore(copy, restored)
    open_register(str(restored), create=False)
    try:
        if find_by_number(state.case_number) is None:
            raise ValueError(f"{state.case_number} is not in the restored register")
    finally:
        close_register()
        open_register(str(state.home / "selftest.db"), create=False)
    return f"{copy.name}, {copy.stat().st_size // 1024} KiB → {restored.name} with {state.case_number}"


def _demo_register(state: State) -> str:
    """The demo organisation and generated cases in a register of their own (首次启动的演示)."""
    from core.admin.demo import build_demo
    from core.cases.queries import overdue_cases
    from core.register import close_register, open_register

    open_register(str(state.home / "demo.db"))
    try:
        made = build_demo(DEMO_CASES, seed=11)
        overdue = len(overdue_cases())
    finally:
        close_register()
        open_register(str(state.home / "selftest.db"), create=False)
    if made != DEMO_CASES:
        raise ValueError(f"demo made {made} cases, asked for {DEMO_CASES}")
    return f"{made} cases generated, {overdue} overdue"


def _postgres(state: State, url: str) -> str:
    """Connect to a PostgreSQL server through the bundled psycopg2/libpq; read only."""
    from core.infra.storage import server_facts

    version, n = server_facts(url)
    cases = f", a FirstDesk register with {n:,} cases" if n is not None else ""
    parts = urlsplit(url)  # never the password
    host = f"{parts.hostname}:{parts.port or 5432}"
    return f"PostgreSQL {version} at {host}{cases or ', no FirstDesk register yet'}"


def _main_window(state: State) -> str:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication, QTableView

    warnings: list[str] = []
    errors: list[str] = []

    def on_qt_message(kind: QtMsgType, _context: object, text: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            errors.append(text)
        elif kind == QtMsgType.QtWarningMsg and not any(n in text for n in _QT_NOISE):
            warnings.append(text)

    previous = qInstallMessageHandler(on_qt_message)
    try:
        app = QApplication.instance() or QApplication([sys.argv[0]])
        from gui.desk.main_window import MainWindow
        from gui.session import Session

        session = Session(staff=state.clerk, org_name=state.org_name,
                          window_no=state.clerk.window_no, db_label="本机")
        window = MainWindow(session)
        window.show()
        deadline = time.perf_counter() + 2.0
        rows = 0
        while time.perf_counter() < deadline:
            app.processEvents()
            rows = max((v.model().rowCount() for v in window.findChildren(QTableView)
                        if v.isVisible() and v.model() is not None), default=0)
            if window.isVisible() and rows >= 1:
                break
            time.sleep(0.01)
        if not window.isVisible():
            raise RuntimeError("main window is not visible after show()")
        if rows < 1:
            raise RuntimeError("no visible case table in the main window lists a case")
        title = window.windowTitle()
        _wait_for_workers()
        window.close()
        app.processEvents()
        window.deleteLater()
        app.processEvents()
    finally:
        qInstallMessageHandler(previous)
    if errors:
        raise RuntimeError("Qt reported: " + " | ".join(errors[:3]))
    # A warning is not a broken installation, but IT support should see it.
    state.notes.extend(f"Qt warning: {w}" for w in warnings[:5])
    return f"{QApplication.platformName()}: “{title}”, {rows} row(s) listed"


def _expect(actual: str, wanted: str) -> None:
    if actual != wanted:
        raise AssertionError(f"status {actual!r}, expected {wanted!r}")


def _wait_for_workers() -> None:
    """Let the window's background queries (gui/ops.py) finish before it is closed."""
    try:
        from gui.ops import wait_idle
    except ImportError:
        return
    wait_idle(5000)


def _import_everything(state: State) -> str:
    """Every module of the program imports: the spec must bundle what is imported by name
    (pages imported lazily), and psycopg2 must find its libpq."""
    import importlib
    import pkgutil

    names: list[str] = []
    for package in ("core", "models", "documents", "gui") if state.gui else ("core", "models",
                                                                           "documents"):
        pkg = importlib.import_module(package)
        names += [m.name for m in pkgutil.walk_packages(pkg.__path__, f"{package}.")
                  if not m.name.endswith("__main__")]
    if len(names) < (20 if state.gui else 10):
        raise RuntimeError(f"only {len(names)} modules found: is the bundle missing code?")
    failures = []
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - list every module that fails
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
    if failures:
        raise ImportError("; ".join(failures[:5]))
    import psycopg2

    libpq = psycopg2.__libpq_version__
    if not state.gui:
        # PySide6's package itself may be imported (PyInstaller's runtime hook does); its Qt
        # modules must not be.
        loaded = sorted(m for m in sys.modules if m.startswith("PySide6.Qt"))
        if loaded:
            raise RuntimeError(f"Qt was loaded without a window: {loaded[:3]}")
    gui = "" if state.gui else " (gui/ left out: --no-gui)"
    return (f"{len(names)} modules{gui}; psycopg2 with libpq {libpq // 10000}."
            f"{libpq % 10000}")


# ---- the run --------------------------------------------------------------------------------

@contextmanager
def _isolated_environment(home: Path) -> Iterator[None]:
    """FIRSTDESK_HOME → the temp folder; Qt offscreen unless a real display was asked for."""
    saved = {k: os.environ.get(k) for k in ("FIRSTDESK_HOME", "QT_QPA_PLATFORM")}
    os.environ["FIRSTDESK_HOME"] = str(home)
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if not os.environ.get("QT_QPA_PLATFORM") and (sys.platform != "linux" or not has_display):
        # Windows and macOS always have a desktop: the self-test must not flash a window there.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _header(gui: bool = True) -> str:
    from core.infra.version import __version__

    if not gui:
        pyside = "not loaded: --no-gui"
    else:
        try:
            from PySide6 import __version__ as pyside
        except ImportError:  # reported by the main-window step
            pyside = "missing"
    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    return (f"FirstDesk {__version__} self-test ({frozen}, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, PySide6 {pyside})")


def _writable(stream: TextIO | None) -> TextIO | None:
    """stdout, never failing on Chinese: a Windows pipe may be cp1252. None in a GUI exe."""
    if stream is None:
        return None
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):
            pass
    return stream


REGISTERED = "register and transfer a case"
STEPS: tuple[tuple[str, Callable[[State], str | None], tuple[str, ...]], ...] = (
    # name, the step, the steps it needs to have passed
    ("bundled resources", _check_resources, ()),
    ("import every program module", _import_everything, ()),
    ("open temporary register", _open_register, ()),
    ("set up organisation and staff", _set_up_organisation, ("open temporary register",)),
    (REGISTERED, _register_case, ("set up organisation and staff",)),
    ("accept the transfer", _accept, (REGISTERED,)),
    ("resolve the case", _resolve, ("accept the transfer",)),
    ("write receipt PDF", _write_receipt, (REGISTERED,)),
    ("check receipt PDF text", _check_receipt, ("write receipt PDF",)),
    ("back up and restore", _backup_and_restore, (REGISTERED,)),
    ("demo register", _demo_register, ("open temporary register",)),
)


def main(verbose: bool = True, report: str | os.PathLike[str] | None = None,
         keep: bool = False, gui: bool = True, postgres: str | None = None) -> int:
    """Run every step and print one line each; 0 when all that ran passed, else 1.

    `report`: also write the lines to this file (UTF-8) — the windowed Windows executable has
    no console of its own. `keep`: leave the temporary folder (register, receipt PDF) behind.
    `gui=False`: no step loads Qt; those left out are listed. `postgres`: a URL to connect to.
    """
    started = time.perf_counter()
    home = Path(tempfile.mkdtemp(prefix="firstdesk-selftest-"))
    test = SelfTest(_writable(sys.stdout), verbose)
    state = State(home=home, gui=gui)
    test.say(_header(gui))
    with _isolated_environment(home):
        try:
            _run_steps(test, state, postgres)
        finally:
            _close_register()
            if not keep:
                shutil.rmtree(home, ignore_errors=True)
    for note in state.notes:
        test.say(f"note: {note}")
    if keep:
        test.say(f"note: temporary folder kept: {home}")
    failed = _summary(test, time.perf_counter() - started)
    if report is not None:
        Path(report).write_text("\n".join(test.lines) + "\n", encoding="utf-8")
    return 1 if failed else 0


def _run_steps(test: SelfTest, state: State, postgres: str | None) -> None:
    for name, step, needs in STEPS:
        test.run(name, partial(step, state), needs=needs)
    if postgres:
        test.run("PostgreSQL connection", lambda: _postgres(state, postgres))
    else:
        test.off("PostgreSQL connection", "no --postgres URL given")
    if state.gui:
        test.run("main window offscreen", lambda: _main_window(state), needs=(REGISTERED,))
    else:
        test.off("main window offscreen", "--no-gui: Qt not loaded")


def _summary(test: SelfTest, total: float) -> bool:
    """The closing lines: passed, or how many failed and the first; what was left out.
    True when a step did not pass."""
    failed = [s for s in test.steps if s.status not in ("ok", "off")]
    ran = [s for s in test.steps if s.status != "off"]
    left_out = [s for s in test.steps if s.status == "off"]
    if failed:
        first = next(s for s in failed if s.status == "FAIL") if any(
            s.status == "FAIL" for s in failed) else failed[0]
        test.say(f"self-test FAILED: {len(failed)} of {len(ran)} steps did not pass "
                 f"in {total:.2f} s; first: {first.name}: {first.error or first.detail}",
                 always=True)
    else:
        test.say(f"self-test passed: {len(ran)} of {len(ran)} steps in {total:.2f} s", always=True)
    if left_out:
        test.say("skipped on purpose: " + "; ".join(f"{s.name} ({s.detail})" for s in left_out),
                 always=True)
    return bool(failed)


def _close_register() -> None:
    try:
        from core.register import close_register

        close_register()
    except Exception:  # noqa: BLE001 - never mask the steps' own result
        log.debug("closing the self-test register failed", exc_info=True)


if __name__ == "__main__":
    sys.exit(main())
