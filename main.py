"""FirstDesk launcher: logging and crash hook first, then the window — or cli.py for a subcommand."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Debian packages of the libraries Qt's X11 platform plugin loads that a minimal Debian or
# Ubuntu lacks (docs/windows-build.md lists how they were found); others by naming rule.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0", "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6", "libxcb.so.1": "libxcb1", "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1", "libOpenGL.so.0": "libopengl0", "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3", "libSM.so.6": "libsm6", "libICE.so.6": "libice6",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2",
}


def utf8_output() -> None:
    """Windows: text written to a pipe or a file is UTF-8, whatever the ANSI code page.

    Python would use the code page (cp1252 on an English Windows), and any Chinese line —
    `overdue`, `--help`, the `restore` question — would end the command with a 'charmap'
    error; a frozen program ignores PYTHONIOENCODING. A console needs nothing: Python
    writes it through the console API (WriteConsoleW) in Unicode."""
    if sys.platform != "win32":
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and not stream.isatty():
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        except (AttributeError, OSError, ValueError):
            pass  # not a reconfigurable text stream: leave it as it is


def packages_for(ldd_output: str) -> list[str]:
    """The Debian packages holding the libraries `ldd` reports as not found."""
    wanted: list[str] = []
    for soname in re.findall(r"^\s*(\S+) => not found", ldd_output, re.MULTILINE):
        package = DEBIAN_PACKAGES.get(soname)
        if package is None:  # libfoo-bar.so.3 → libfoo-bar3, libfoo.so.0 → libfoo0
            m = re.match(r"(lib.+?)\.so\.(\d+)", soname)
            if m is None:
                continue
            name, major = m.group(1).lower(), m.group(2)
            package = f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"
        if package not in wanted:
            wanted.append(package)
    return wanted


def libraries_checked(plugin: Path) -> tuple[Path, str]:
    """Where a passed check is remembered, and what it was of: the plugin and the system's
    library cache (/etc/ld.so.cache changes whenever a package adds or removes a library).
    `ldd` costs 10–15 ms, a tenth of a bare window's start (docs/architecture.md, "Start-up")."""
    from core.infra.paths import data_dir

    def stamp(path: Path) -> str:
        try:
            st = path.stat()
        except OSError:
            return f"{path} -"
        return f"{path} {st.st_size} {st.st_mtime_ns}"

    key = f"{stamp(plugin)}\n{stamp(Path('/etc/ld.so.cache'))}\n"
    return data_dir() / "qt-libraries-checked", key


def missing_qt_libraries() -> str | None:
    """Linux: a message naming the Debian packages to install when Qt's X11 plugin cannot
    load its libraries — checked before Qt aborts with a message that names only one."""
    if not sys.platform.startswith("linux"):
        return None
    if os.environ.get("QT_QPA_PLATFORM", "xcb").split(":")[0] not in ("", "xcb"):
        return None  # offscreen (tests, self-test) or a platform chosen on purpose
    if os.environ.get("XDG_SESSION_TYPE") == "wayland" and "QT_QPA_PLATFORM" not in os.environ:
        return None  # Qt prefers Wayland there
    try:
        import PySide6
    except ImportError:
        return None  # the import error itself is clearer
    base = Path(PySide6.__file__).resolve().parent
    plugin = next(iter(base.glob("Qt/plugins/platforms/libqxcb.so")), None)
    ldd = shutil.which("ldd")
    if plugin is None or ldd is None:
        return None
    marker, key = libraries_checked(plugin)
    with contextlib.suppress(OSError):  # an unreadable marker only means checking again
        if marker.read_text(encoding="utf-8", errors="replace") == key:
            return None  # checked before; neither the plugin nor the system's libraries changed
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20,
                             check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    packages = packages_for(out)
    if not packages:
        with contextlib.suppress(OSError):  # a read-only data folder only costs the next check
            marker.write_text(key, encoding="utf-8")
        return None
    return ("首问台需要以下系统库才能打开窗口 / FirstDesk needs these system libraries for its "
            f"window:\n  sudo apt-get install {' '.join(packages)}")


def main(argv: list[str] | None = None) -> int:
    utf8_output()
    args = list(sys.argv[1:] if argv is None else argv)
    from core.infra.options import wants_cli

    if wants_cli(args):
        import cli

        return cli.main(args)
    from core.infra.logsetup import setup_logging

    setup_logging()
    problem = missing_qt_libraries()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    from gui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
