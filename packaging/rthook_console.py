"""PyInstaller runtime hook: give the windowed Windows executable a stdout for subcommands.

FirstDesk.exe is built with console=False (no black window behind the desk), so Windows
starts it without a console and Python sets sys.stdout/sys.stderr to None. When it is run
with a subcommand (``FirstDesk.exe self-test``, ``backup``, ``overdue`` …) this hook

1. uses the standard handles the parent passed, if any — a pipe or a file, as in
   ``FirstDesk.exe self-test > out.txt``, PowerShell's ``| Out-Host``, or CI; else
2. attaches to the console of the parent process (cmd.exe, PowerShell) and writes there.

Text goes out as UTF-8 to a pipe or a file and in Unicode to a console — never in the ANSI
code page, which cannot carry Chinese (main.py does the same for FirstDesk-cli.exe).
cmd.exe does not wait for a windowed program: scripts use FirstDesk-cli.exe, or
``start /wait "" FirstDesk.exe self-test`` (then ``echo %errorlevel%``); standard input comes
from the same place, so ``restore`` can ask for its confirmation. Without a subcommand nothing
changes. Runs before main.py; on other systems it does nothing.
"""

from __future__ import annotations

import sys


def _wants_output(argv: list[str]) -> bool:
    """A subcommand or --help/--version (the same test as core.infra.options.wants_cli, which a
    runtime hook cannot import before the program starts)."""
    skip = False
    for a in argv[1:]:
        if skip:
            skip = False
        elif a in ("--db", "--lang"):
            skip = True
        elif a in ("-h", "--help", "--version") or not a.startswith("-"):
            return True
    return False


def _attach() -> None:
    import ctypes
    import io
    import msvcrt
    import os

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.GetStdHandle.restype = ctypes.c_void_p
    invalid = ctypes.c_void_p(-1).value

    def inherited(number: int, mode: str) -> io.TextIOWrapper | None:
        handle = kernel32.GetStdHandle(number)
        kind = kernel32.GetFileType(ctypes.c_void_p(handle)) if handle and handle != invalid else 0
        if kind == 0:  # FILE_TYPE_UNKNOWN: no handle
            return None
        if kind == 2:  # FILE_TYPE_CHAR: a console, written in Unicode through its own API
            return open("CONOUT$" if mode == "w" else "CONIN$", mode,  # noqa: SIM115
                        encoding="utf-8", errors="backslashreplace")
        # A pipe or a file: UTF-8, not the ANSI code page (cp1252 cannot carry Chinese).
        flags = (os.O_RDONLY if mode == "r" else os.O_WRONLY) | os.O_BINARY
        raw = io.FileIO(msvcrt.open_osfhandle(handle, flags), mode, closefd=False)
        return io.TextIOWrapper(raw, encoding="utf-8", errors="backslashreplace",
                                line_buffering=mode == "w")

    out = sys.stdout or inherited(-11, "w")  # STD_OUTPUT_HANDLE
    err = sys.stderr or inherited(-12, "w")  # STD_ERROR_HANDLE
    inp = sys.stdin or inherited(-10, "r")  # STD_INPUT_HANDLE: `restore` asks for "yes"
    if out is None and kernel32.AttachConsole(ctypes.c_uint32(-1).value):  # ATTACH_PARENT_PROCESS
        # Opened by name, a console reads and writes Unicode (WriteConsoleW / ReadConsoleW).
        out = open("CONOUT$", "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
        out.write("\n")
        err = err or out
        inp = inp or open("CONIN$", encoding="utf-8")  # noqa: SIM115
    if out is not None:
        sys.stdout = out
    if err is not None:
        sys.stderr = err
    if inp is not None:
        sys.stdin = inp


if sys.platform == "win32" and getattr(sys, "frozen", False) and _wants_output(sys.argv):
    if sys.stdout is None or sys.stderr is None or sys.stdin is None:
        try:
            _attach()
        except Exception:  # noqa: BLE001 - a runtime hook must never stop the program
            pass  # no console to be had: `--report FILE` still records the self-test
