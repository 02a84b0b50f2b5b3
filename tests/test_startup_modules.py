"""The sign-in window loads only what it shows: no ReportLab, openpyxl, Qt Charts or QtPdf
until a slip, a spreadsheet, a chart or a preview is needed (docs/architecture.md,
"Start-up"). A fresh interpreter runs the real start-up (gui.app.run) up to the moment the
sign-in window is on screen and lists every module loaded by then; the control plants a
printing and an export module before it and must see them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Runs in the child: gui.app.run() as main.py calls it; when the sign-in window is shown,
# the loaded modules are printed and the window is cancelled (the program then ends).
PROBE = """
import json, sys
for name in sys.argv[2:]:  # the control's planted imports
    __import__(name)
from PySide6.QtWidgets import QApplication, QDialog
from gui import signin

def shown(dialog):
    dialog.show()
    QApplication.processEvents()
    print("MODULES " + json.dumps(sorted(sys.modules)), flush=True)
    return QDialog.DialogCode.Rejected

signin.SignInDialog.exec = shown
from gui.app import run
sys.exit(run(["--db", sys.argv[1]]))
"""

HEAVY = ("reportlab", "openpyxl", "PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets")


def modules_at_sign_in(register_path: str, home: Path, *planted: str) -> list[str]:
    env = dict(os.environ, FIRSTDESK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", PROBE, register_path, *planted], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120, check=False)
    line = next((x for x in out.stdout.splitlines() if x.startswith("MODULES ")), None)
    assert line is not None, out.stderr[-2000:]
    return json.loads(line.removeprefix("MODULES "))


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
    # Nor any of the window behind it: the main window is loaded after the password.
    assert not [m for m in modules if m in ("gui.main_window", "documents.render",
                                             "core.excel_io", "core.reports")]


def test_control_planted_imports_are_seen(register_file, tmp_path):
    modules = modules_at_sign_in(register_file, tmp_path, "documents.render", "core.excel_io")
    found = heavy(modules)
    assert "reportlab" in found and "openpyxl" in found
