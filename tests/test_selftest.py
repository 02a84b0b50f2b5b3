"""The self-test command, and the packaging files it guards: spec datas, version resource,
Qt slimming rules, the console hook and the installer script."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import cli
from core.infra.options import wants_cli
from core.infra.version import __version__
from tests.conftest import PG_URL

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
STEP = re.compile(r"^\[(?P<tag> ok |FAIL|skip)\] (?P<name>.+?)(?:\s{2,}|\s+\d+ ms|$)")


def load(name: str) -> ModuleType:
    """A module from packaging/ (not a package: PyInstaller reads those files directly)."""
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def self_test_command(*extra: str) -> list[str]:
    """`python main.py self-test` once cli.py has the subcommand; gui.selftest.main() before."""
    if "self-test" in cli.COMMANDS:
        return [sys.executable, str(ROOT / "main.py"), "self-test", *extra]
    return [sys.executable, "-c", "import sys, gui.selftest as t; sys.exit(t.main())"]


def run(cmd: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8",
               FIRSTDESK_HOME=str(home))  # the self-test must not use it: it makes its own
    return subprocess.run(cmd, check=False, cwd=ROOT, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=180)


def steps(output: str) -> list[tuple[str, str]]:
    return [(m["tag"], m["name"].strip()) for line in output.splitlines()
            if (m := STEP.match(line))]


EVERY_STEP = ("bundled resources", "import every program module", "open temporary register",
              "set up organisation and staff", "register and transfer a case",
              "accept the transfer", "resolve the case", "write receipt PDF",
              "check receipt PDF text", "back up and restore", "demo register",
              "PostgreSQL connection", "main window offscreen")


@pytest.mark.slow
@pytest.mark.gui  # its last step opens the main window
def test_self_test_passes_every_step(tmp_path: Path) -> None:
    extra = ("--postgres", PG_URL) if PG_URL else ()
    proc = run(self_test_command(*extra), tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found = steps(proc.stdout)
    names = [name for _, name in found]
    for wanted in EVERY_STEP:
        assert wanted in names, proc.stdout
    if PG_URL:
        assert all(tag == " ok " for tag, _ in found), proc.stdout
        assert "self-test passed: 13 of 13 steps" in proc.stdout
    assert re.search(r"^\[ ok \] open temporary register\s+\d+ ms", proc.stdout, re.MULTILINE)
    assert "收件回执单; WenQuanYi Micro Hei embedded" in proc.stdout
    assert "40 cases generated" in proc.stdout
    # Nothing of the run is left in the user's data folder.
    assert not list(tmp_path.iterdir())


@pytest.mark.slow
def test_self_test_without_qt_says_what_it_left_out(tmp_path: Path) -> None:
    """What runs under wine: every Qt-free step passes, Qt is never imported, and the
    report names the window step as skipped on purpose (not as a failure)."""
    code = (
        "import sys, gui.selftest as t\n"
        "code = t.main(gui=False, postgres=sys.argv[1] or None)\n"
        "qt = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print('Qt modules loaded:', len(qt))\n"
        "sys.exit(code)\n"
    )
    proc = run([sys.executable, "-c", code, PG_URL], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found = dict((name, tag) for tag, name in steps(proc.stdout))
    assert found["main window offscreen"] == "skip"
    assert found["check receipt PDF text"] == " ok " and found["back up and restore"] == " ok "
    assert "[skip] main window offscreen  (--no-gui: Qt not loaded)" in proc.stdout
    assert "skipped on purpose: main window offscreen (--no-gui: Qt not loaded)" in proc.stdout
    assert "Qt modules loaded: 0" in proc.stdout
    assert "PySide6 not loaded: --no-gui" in proc.stdout


@pytest.mark.slow
def test_self_test_reports_a_failing_step_and_skips_what_depends_on_it(tmp_path: Path) -> None:
    code = (
        "import sys, gui.selftest as t\n"
        "def broken(state):\n"
        "    raise RuntimeError('acceptance refused on purpose')\n"
        "t.STEPS = tuple((n, broken if n == 'accept the transfer' else f, needs)\n"
        "                for n, f, needs in t.STEPS)\n"
        f"sys.exit(t.main(report={str(tmp_path / 'report.txt')!r}))\n"
    )
    proc = run([sys.executable, "-c", code], tmp_path / "home")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    found = dict((name, tag) for tag, name in steps(proc.stdout))
    assert found["accept the transfer"] == "FAIL"
    assert found["resolve the case"] == "skip"
    assert found["write receipt PDF"] == " ok "  # independent of the failure
    assert "RuntimeError: acceptance refused on purpose" in proc.stdout
    assert "self-test FAILED" in proc.stdout
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "[FAIL] accept the transfer" in report and "self-test FAILED" in report


def test_spec_bundles_the_resource_folders() -> None:
    text = (PACKAGING / "firstdesk.spec").read_text(encoding="utf-8")
    tree = ast.parse(text)
    folders: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name) \
                and node.target.id == "sub" and isinstance(node.iter, ast.Tuple):
            folders = {e.value for e in node.iter.elts if isinstance(e, ast.Constant)}
    assert {"fonts", "presets", "translations", "icons"} <= folders
    assert 'ROOT / "resources" / sub' in text and "datas=datas" in text
    for sub in ("fonts", "presets", "translations", "icons"):
        assert (ROOT / "resources" / sub).is_dir(), sub
    assert 'str(ROOT / "main.py")' in text  # the entry point
    assert "rthook_console.py" in text and 'name="FirstDesk-portable"' in text


def test_version_resource_carries_core_version(tmp_path: Path) -> None:
    vi = load("version_info")
    assert vi.read_version() == __version__
    out = vi.write_version_file(tmp_path / "version_info.txt")
    text = out.read_text(encoding="utf-8")
    numbers = vi.version_tuple(__version__)
    assert f"filevers={numbers}" in text and f"prodvers={numbers}" in text
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert f"StringStruct('FileVersion', '{__version__}')" in text
    ast.parse(text, mode="exec")  # PyInstaller evaluates it as a Python expression


@pytest.mark.parametrize(("text", "numbers"), [
    ("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc1", (2, 0, 1, 0)),
    ("v3.4.5.6", (3, 4, 5, 6)),
])
def test_version_tuple(text: str, numbers: tuple[int, ...]) -> None:
    assert load("version_info").version_tuple(text) == numbers


@pytest.mark.parametrize("bad", ["", "abc", "70000.1"])
def test_version_tuple_refuses_what_windows_cannot_hold(bad: str) -> None:
    with pytest.raises(ValueError):
        load("version_info").version_tuple(bad)


@pytest.mark.parametrize(("dest", "dropped"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
    ("PySide6/plugins/platforms/qwindows.dll", False),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", False),
    ("PySide6/plugins/imageformats/qico.dll", False),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
    ("PySide6/Qt6Charts.dll", False),
    ("PySide6/Qt/translations/qt_zh_CN.qm", False),
    ("PySide6/translations/qtbase_zh_CN.qm", False),
    ("resources/translations/firstdesk_en.qm", False),
    ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", True),
    ("PySide6/Qt6Qml.dll", True),
    ("PySide6/Qt/qml/QtQuick/qmldir", True),
    ("PySide6/Qt/translations/qt_de.qm", True),
    ("PySide6/translations/qtbase_ja.qm", True),
    ("PySide6/plugins/imageformats/qtiff.dll", True),
])
def test_slim_keeps_what_the_program_needs(dest: str, dropped: bool) -> None:
    assert load("slim").dropped(dest) is dropped


@pytest.mark.parametrize("argv", [
    [], ["--db", "x.db"], ["--lang", "en"], ["self-test"], ["--db", "x.db", "backup", "d"],
    ["--version"], ["-h"], ["--db", "self-test"],
])
def test_console_hook_agrees_with_cli_on_subcommands(argv: list[str]) -> None:
    hook = load("rthook_console")  # does nothing on import outside a frozen Windows exe
    assert hook._wants_output(["FirstDesk.exe", *argv]) is wants_cli(argv)


def test_installer_script() -> None:
    raw = (PACKAGING / "firstdesk.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup needs a BOM to read the Chinese text"
    text = raw.decode("utf-8-sig")
    assert r"DefaultDirName={autopf}\FirstDesk" in text
    assert 'Name: "desktopicon"' in text and "{autoprograms}" in text
    assert "ChineseSimplified.isl" in text and "compiler:Default.isl" in text
    # Qt 6.11 starts on Windows 10 1809 (build 17763) and later only.
    assert "MinVersion=10.0.17763" in text and "MinVersion=10.0\r" not in text
    # A release build requires the Chinese messages; the install log names the language.
    assert "#error ChineseSimplified.isl not found" in text and "RequireChinese" in text
    assert "FirstDesk installer language: " in text
    assert "AppVersion" in text and "GetVersionNumbersString" in text
    # Uninstall keeps the register: nothing deletes the data folder.
    assert "[UninstallDelete]" not in text and "DelTree" not in text


def test_our_chinese_installer_messages_cover_every_message() -> None:
    """packaging/installer/ChineseSimplified.isl (for compilers without the official one):
    UTF-8 with a BOM, Chinese (0804), and every message name Inno Setup 6.4 defines."""
    raw = (PACKAGING / "installer" / "ChineseSimplified.isl").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "LanguageID=$0804" in text and "LanguageName=简体中文" in text
    names = set(re.findall(r"^(\w+)=", text, re.MULTILINE))
    for wanted in ("ButtonNext", "ButtonInstall", "WelcomeLabel1", "PrivilegesRequiredOverrideAllUsers",
                   "SetupAppRunningError", "UninstalledAll", "CreateDesktopIcon", "LaunchProgram",
                   "WinVersionTooLowError", "ShutdownBlockReasonUninstallingApp"):
        assert wanted in names
    assert len(names) >= 289  # 281 messages and custom messages, 8 font settings
    assert "ButtonNext=下一步(&N) >" in text
    # Placeholders survive translation: a message with %1 in English keeps it.
    assert "WinVersionTooLowError=本程序需要 %1 %2 或更高版本。" in text


def test_workflow_builds_releases_with_the_chinese_installer() -> None:
    text = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    assert "/DRequireChinese" in text and "7.0.2" in text
    assert "FirstDesk installer language" in text and "下一步" in text
    assert "gh release create" in text and "SHA256SUMS" in text
    for old in ("actions/checkout@v4", "actions/setup-python@v5", "upload-artifact@v4"):
        assert old not in text
    # The whole suite runs there, PostgreSQL included (no TEST_DATABASE_URL: embedded).
    assert "python -m pytest -q" in text
    assert not re.search(r"^\s+TEST_DATABASE_URL:", text, re.MULTILINE)
