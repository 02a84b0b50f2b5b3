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
