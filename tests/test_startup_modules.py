"""The sign-in window loads only what it shows: no ReportLab, openpyxl, XlsxWriter, Qt Charts
or QtPdf until a slip, a spreadsheet, a chart or a preview is needed, and not even the database layer
before it is on screen (docs/architecture.md, "Start-up"). A fresh interpreter runs the real
start-up (gui.app.run) and lists every module loaded when the window is first shown and
when it waits for the password; the control plants a printing, an export and an import
module before it and must see them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Runs in the child: gui.app.run() as main.py calls it; when the sign-in window is shown,
# and again when it waits for the password, the loaded modules are printed, and then the
# window is cancelled (the program ends). The main window's modules, which gui.app loads on
# the worker while the clerk types, are left out: they would make the second list a race.
PROBE = """
import json, sys
for name in sys.argv[2:]:  # the control's planted imports
    __import__(name)
from PySide6.QtWidgets import QApplication, QDialog
from gui import signin

shown_once = signin.SignInDialog.showEvent

def loaded():  # PySide6 builds its Qt namespace on first use: listed as if it were a module
    qt = ["PySide6.QtCore.Qt"] if "Qt" in vars(sys.modules["PySide6.QtCore"]) else []
    return json.dumps(sorted([*sys.modules, *qt]))

def shown(dialog, event):
    shown_once(dialog, event)
    print("SHOWN " + loaded(), flush=True)

def answered(dialog):
    print("ASKED " + loaded(), flush=True)
    return QDialog.DialogCode.Rejected

def preload():  # the main window's modules load on the worker meanwhile: not counted here
    print("PRELOAD", flush=True)

signin.SignInDialog.showEvent = shown
signin.SignInDialog.exec = answered
from gui import app
app._load_the_window_meanwhile = preload
sys.exit(app.run(["--db", sys.argv[1]]))
"""

# Each test starts the program in a fresh interpreter and shows its Qt window (gui: left out
# under wine, where Qt cannot load).
pytestmark = [pytest.mark.slow, pytest.mark.gui]

HEAVY = ("reportlab", "openpyxl", "xlsxwriter", "PySide6.QtCharts", "PySide6.QtPdf",
         "PySide6.QtPdfWidgets")


def modules_at_sign_in(register_path: str, home: Path, *planted: str,
                       when: str = "SHOWN") -> list[str]:
    """The modules loaded when the sign-in window is first on screen (SHOWN), or when it
    waits for the password with the register open behind it (ASKED)."""
    env = dict(os.environ, FIRSTDESK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", PROBE, register_path, *planted], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120, check=False)
    lines = out.stdout.splitlines()
    line = next((x for x in lines if x.startswith(when + " ")), None)
    assert line is not None, out.stderr[-2000:]
    if when == "ASKED":  # the main window was being loaded behind it by then
        assert "PRELOAD" in lines[:lines.index(line)]
    return json.loads(line.removeprefix(when + " "))


def heavy(modules: list[str]) -> list[str]:
    return sorted({m for m in modules for h in HEAVY if m == h or m.startswith(h + ".")})


@pytest.fixture
def register_file(sqlite_org, sqlite_target, tmp_path) -> str:
    from core.register import close_register

    close_register()  # the child opens it as the program would
    return sqlite_target


def test_the_sign_in_window_loads_no_printing_export_or_chart_modules(register_file, tmp_path):
    modules = modules_at_sign_in(register_file, tmp_path)
    assert "gui.signin" in modules and "PySide6.QtWidgets" in modules  # it did reach sign-in
    assert heavy(modules) == []
    # It shows before the register is opened: the database layer loads behind it …
    assert not [m for m in modules if m.split(".")[0] in ("peewee", "argon2", "models")]
    # … nor the Qt namespace, which PySide6 takes 13 ms to build (docs/architecture.md).
    assert "PySide6.QtCore.Qt" not in modules
    # … and before it waits for the password, still nothing of printing or exports.
    asked = modules_at_sign_in(register_file, tmp_path, when="ASKED")
    assert "peewee" in asked and heavy(asked) == []
    assert not [m for m in asked if m in ("documents.render", "core.exports", "core.supervision.reports")]


def test_control_planted_imports_are_seen(register_file, tmp_path):
    modules = modules_at_sign_in(register_file, tmp_path, "documents.render", "core.exports",
                                 "core.infra.xlsx_guard")
    found = heavy(modules)
    assert "reportlab" in found and "openpyxl" in found and "xlsxwriter" in found


def test_control_a_module_using_the_qt_namespace_is_seen(register_file, tmp_path):
    modules = modules_at_sign_in(register_file, tmp_path, "gui.widgets.field_limits")
    assert "PySide6.QtCore.Qt" in modules
