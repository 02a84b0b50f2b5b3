"""Imports point one way: core/, models/ and documents/ never load Qt (docs/architecture.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_qt_free_layers_do_not_import_pyside6():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts) for folder in ("core", "models", "documents")
        for p in (ROOT / folder).rglob("*.py") if p.stem != "__init__"
    )
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'gui'))]\n"
            "print(','.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, encoding="utf-8",
                         check=True)
    assert out.stdout.strip() == ""
    assert len(modules) > 20
