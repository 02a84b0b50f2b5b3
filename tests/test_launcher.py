"""main.py before the window: output a Windows pipe can carry, and a missing Qt library named
as the Debian package to install instead of Qt's own abort."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import main
from tests.subprocesses import OUTPUT_ENCODING, program_env

ROOT = Path(__file__).resolve().parent.parent

# What `ldd libqxcb.so` said on a minimal Debian 12 (three of its lines).
MINIMAL_DEBIAN = """\
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibQt6Gui.so.6 => /opt/PySide6/Qt/lib/libQt6Gui.so.6 (0x00007f)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-util.so.1 => not found
"""


def test_missing_libraries_are_named_as_debian_packages() -> None:
    assert main.packages_for(MINIMAL_DEBIAN) == [
        "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-util1"]
    assert main.packages_for("\tlibQt6Gui.so.6 => /x/libQt6Gui.so.6 (0x1)\n") == []


def fake_ldd(bindir: Path, output: str) -> Path:
    """An `ldd` on PATH that says `output` and counts its calls in bindir/calls."""
    bindir.mkdir(exist_ok=True)
    fake = bindir / "ldd"
    fake.write_text(f"#!/bin/sh\necho x >> '{bindir / 'calls'}'\nprintf '{output}'\n",
                    encoding="utf-8")
    fake.chmod(0o755)
    return bindir / "calls"


@pytest.mark.skipif(sys.platform != "linux", reason="Qt's X11 libraries are a Linux matter")
def test_a_passed_library_check_is_not_repeated_at_every_start(tmp_path, monkeypatch) -> None:
    """ldd costs 10-15 ms of each start: once it has found every library it is not run again,
    until the plugin or the system's libraries change; a failed check is never remembered."""
    monkeypatch.setenv("FIRSTDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    good, bad = tmp_path / "good", tmp_path / "bad"
    calls = fake_ldd(good, "\\tlibQt6Gui.so.6 => /x/libQt6Gui.so.6 (0x1)\\n")
    monkeypatch.setenv("PATH", f"{good}:/usr/bin:/bin")
    assert main.missing_qt_libraries() is None
    assert main.missing_qt_libraries() is None
    assert calls.read_text().count("x") == 1  # the second start trusted the first
    marker = tmp_path / "home" / "qt-libraries-checked"
    marker.write_text(marker.read_text().replace("ld.so.cache", "ld.so.cache.old"))
    assert main.missing_qt_libraries() is None
    assert calls.read_text().count("x") == 2  # control: another library cache, checked again
    marker.unlink()
    failed = fake_ldd(bad, "\\tlibxcb-icccm.so.4 => not found\\n")
    monkeypatch.setenv("PATH", f"{bad}:/usr/bin:/bin")
    for _ in range(2):
        assert "libxcb-icccm4" in (main.missing_qt_libraries() or "")
    assert failed.read_text().count("x") == 2 and not marker.exists()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="Qt's X11 libraries are a Linux matter")
def test_the_window_says_which_package_to_install(tmp_path: Path) -> None:
    """A machine whose ldd reports missing xcb libraries: no Qt abort, the apt line instead."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    fake = bindir / "ldd"
    fake.write_text("#!/bin/sh\nprintf '\\tlibxcb-icccm.so.4 => not found\\n"
                    "\\tlibxcb-keysyms.so.1 => not found\\n'\n", encoding="utf-8")
    fake.chmod(0o755)
    env = program_env(tmp_path, QT_QPA_PLATFORM="xcb", PATH=f"{bindir}:/usr/bin:/bin",
                      DISPLAY=":99")
    env.pop("XDG_SESSION_TYPE", None)
    proc = subprocess.run([sys.executable, "main.py"], cwd=ROOT, env=env, capture_output=True,
                          encoding=OUTPUT_ENCODING, timeout=60, check=False)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in proc.stderr
    assert "qt.qpa" not in proc.stderr  # Qt never got as far as its own message


@pytest.mark.slow
def test_help_and_chinese_output_reach_a_pipe(tmp_path: Path) -> None:
    """On Windows a pipe is cp1252 unless main.py says otherwise: Chinese must still arrive."""
    proc = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT,
                          env=program_env(tmp_path), capture_output=True, encoding=OUTPUT_ENCODING,
                          timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "首问台 FirstDesk" in proc.stdout and "self-test" in proc.stdout
