"""One way to translate (docs/architecture.md, "One way to translate"): the window's own words
go through Qt's tr() and Linguist; every other Chinese/English pair is a `Term` (or an error
code's message pair) whose language is chosen by `core.errors.english`. No module compares a
language to "zh" or "en" itself — except the three places that must: `english` itself, the
window's translator installation, and the bottom layer's StorageError, which cannot import
core. The control feeds the checker each kind of inline switch."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGS = frozenset({"zh", "en"})
ALLOWED = {"core/errors.py": 1, "gui/i18n.py": 1, "models/database.py": 1}


def _names_language(node: ast.AST) -> bool:
    name = node.id if isinstance(node, ast.Name) else (
        node.attr if isinstance(node, ast.Attribute) else "")
    return "lang" in name.lower()


def inline_switches(source: str) -> list[int]:
    """Lines that compare a language to "zh"/"en" or ask whether it starts with one."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Constant) and s.value in LANGS for s in sides) and any(
                    _names_language(s) for s in sides):
                found.append(node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "startswith" and _names_language(node.func.value)
              and any(isinstance(a, ast.Constant) and a.value in LANGS for a in node.args)):
            found.append(node.lineno)
    return found


def test_no_module_chooses_a_language_by_itself():
    counts = {}
    for folder in ("core", "models", "documents", "gui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if lines := inline_switches(path.read_text(encoding="utf-8")):
                counts[path.relative_to(ROOT).as_posix()] = len(lines)
    for name in ("cli.py", "main.py"):
        if lines := inline_switches((ROOT / name).read_text(encoding="utf-8")):
            counts[name] = len(lines)
    assert counts == ALLOWED


@pytest.mark.parametrize("source", [
    'title = "无法完成" if lang == "zh" else "Not possible"',
    'wide = self.session.lang != "zh"',
    'en = lang.startswith("en")',
    'tip = HINTS[key][session.lang == "en"]',
])
def test_control_each_inline_switch_is_found(source):
    assert inline_switches(source) == [1]


def test_control_the_one_way_passes():
    assert inline_switches('title = Term("无法完成", "Not possible").text(lang)') == []
    assert inline_switches("if lang == self.session.lang: pass") == []
