"""The layers' import rules, read from the source's syntax trees (every import statement,
including those inside functions): docs/architecture.md, "Layers".

- gui/, cli.py and main.py never import models/ (they reach the register through core/);
- core/ never imports gui/, documents/ or Qt;
- models/ never imports core/, gui/, documents/ or Qt (it is the bottom layer);
- documents/ never imports models/, gui/ or Qt (it may read core's plain data classes);
- nothing shipped (the four layers, main.py, cli.py) imports bench/ or tests/;
- inside core/, the infrastructure (core/infra/) imports none of core's capabilities (cases,
  calendar, supervision, admin, printing, offline, exports): it sits under them;
- inside gui/, the shared widgets (gui/widgets/) and printing (gui/printing/) import none of
  the screens (desk, forms, admin, supervision, offline);
- gui/ reaches the open register through the object its session holds, never by importing
  core.register — except where a register is opened (start-up, a restore, the self-test)
  and the session's default.

The control tests feed the checker a module that breaks each rule and expect it caught.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# layer (a folder, or a shipped top-level module) -> top-level packages it must never import
FORBIDDEN: dict[str, frozenset[str]] = {
    "gui": frozenset({"models", "bench", "tests"}),
    "core": frozenset({"gui", "documents", "PySide6", "bench", "tests"}),
    "models": frozenset({"core", "gui", "documents", "PySide6", "bench", "tests"}),
    "documents": frozenset({"models", "gui", "PySide6", "bench", "tests"}),
    "main.py": frozenset({"models", "bench", "tests"}),
    "cli.py": frozenset({"models", "bench", "tests", "PySide6"}),
}
CORE_CAPABILITIES = frozenset({"core.cases", "core.calendar", "core.supervision", "core.admin",
                               "core.printing", "core.offline", "core.exports"})
GUI_SCREENS = frozenset({"gui.desk", "gui.forms", "gui.admin", "gui.supervision",
                         "gui.offline"})
# a folder inside a layer -> what it must not import beyond its layer's rules (module prefixes)
INNER: dict[str, frozenset[str]] = {
    "core/infra": CORE_CAPABILITIES,
    "gui/widgets": GUI_SCREENS,
    "gui/printing": GUI_SCREENS,
}


def _under(module: str, prefixes: frozenset[str]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


@functools.cache
def _tree(source: str) -> ast.Module:
    return ast.parse(source)


def imported(source: str) -> Iterator[tuple[str, int]]:
    """Every absolute module name an import statement in `source` names, with its line;
    `from core import exports` names both `core` and `core.exports`."""
    for node in ast.walk(_tree(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module, node.lineno
            for alias in node.names:
                yield f"{node.module}.{alias.name}", node.lineno


def broken_rules(layer: str, path: str, source: str) -> list[str]:
    """`layer` is a top-level folder or module, or a folder of INNER ("core/infra")."""
    top_layer = layer.split("/", maxsplit=1)[0]
    inner = INNER.get(layer, frozenset())
    out = []
    for module, line in imported(source):
        top = module.split(".")[0]
        if top in FORBIDDEN[top_layer] or _under(module, inner):
            out.append(f"{path}:{line}: {layer} imports {module}")
    return sorted(set(out))


def shipped() -> Iterator[tuple[str, Path]]:
    for layer in ("gui", "core", "models", "documents"):
        for path in sorted((ROOT / layer).rglob("*.py")):
            folder = "/".join(path.relative_to(ROOT).parts[:2])
            yield (folder if folder in INNER else layer), path
    for name in ("main.py", "cli.py"):
        yield name, ROOT / name


def test_every_shipped_module_keeps_its_layer_rules():
    checked, broken = 0, []
    for layer, path in shipped():
        broken += broken_rules(layer, str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
        checked += 1
    assert checked > 150
    assert broken == []


@pytest.mark.parametrize(("layer", "source"), [
    ("gui", "from models.database import StorageError"),
    ("gui", "def f():\n    import models.tables\n"),
    ("core", "from documents.render import render_document"),
    ("core", "from PySide6.QtCore import QObject"),
    ("core", "from gui import session"),
    ("models", "from core.cases.workflow import accept"),
    ("documents", "from models.database import db"),
    ("documents", "import PySide6.QtGui"),
    ("cli.py", "from bench.reliability import main"),
    ("main.py", "from tests.conftest import make_org"),
    ("cli.py", "from models.tables import Department"),
    ("core/infra", "from core.cases.casebase import get_case"),
    ("core/infra", "def f():\n    from core import exports\n"),
    ("core/infra", "import core.admin.settings"),
    ("gui/widgets", "from gui.forms.intake_widgets import FieldMessage"),
    ("gui/printing", "from gui.desk import main_window"),
    ("core/infra", "from gui import session"),
])
def test_control_each_broken_rule_is_caught(layer, source):
    assert broken_rules(layer, "x.py", source)


def test_control_allowed_imports_pass():
    assert broken_rules("gui", "x.py", "from core.errors import StorageError") == []
    assert broken_rules("documents", "x.py", "from core.printing.paper import ReceiptData") == []
    assert broken_rules("models", "x.py", "import peewee") == []
    assert broken_rules("cli.py", "x.py", "from core.infra.storage import StorageError") == []
    assert broken_rules("core/infra", "x.py", "from core import audit, register") == []
    assert broken_rules("gui/widgets", "x.py", "from gui.errors import notify") == []


def module_graph() -> dict[str, set[str]]:
    """Each shipped module of the four layers -> the repository modules its imports name."""
    graph: dict[str, set[str]] = {}
    for _layer, path in shipped():
        if path.suffix != ".py" or path.parent == ROOT:
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        graph[name] = {m for m, _ in imported(path.read_text(encoding="utf-8"))
                       if m.split(".")[0] in ("core", "models", "documents", "gui")}
    return graph


def reaches(graph: dict[str, set[str]], start: str, top: str) -> list[str]:
    """A chain of imports from `start` to a module of package `top`, or [] when there is none."""
    seen, stack = {start}, [[start]]
    while stack:
        chain = stack.pop()
        for nxt in sorted(graph.get(chain[-1], ())):
            if nxt.split(".")[0] == top:
                return [*chain, nxt]
            if nxt not in seen:
                seen.add(nxt)
                stack.append([*chain, nxt])
    return []


def test_documents_never_reach_the_database_even_through_core():
    graph = module_graph()
    documents = [m for m in graph if m.startswith("documents")]
    assert len(documents) > 10
    assert {m: chain for m in documents if (chain := reaches(graph, m, "models"))} == {}


def test_control_a_chain_through_core_to_the_database_is_found():
    graph = {"documents.x": {"core.printing.paper", "core.helper"}, "core.helper": {"models.database"}}
    assert reaches(graph, "documents.x", "models") == ["documents.x", "core.helper",
                                                       "models.database"]
    assert reaches({"documents.x": {"core.printing.paper"}}, "documents.x", "models") == []


# where gui/ may import core.register: it opens one there, or gives a session its default
OPENS_THE_REGISTER = {"gui/app.py", "gui/session.py", "gui/admin/backup.py", "gui/selftest.py"}


def reads_register_module(source: str) -> list[int]:
    """Lines importing core.register to use it (a type-only import names the class)."""
    typing_only = {node.lineno for block in ast.walk(ast.parse(source))
                   if isinstance(block, ast.If) and isinstance(block.test, ast.Name)
                   and block.test.id == "TYPE_CHECKING"
                   for stmt in block.body for node in ast.walk(stmt)
                   if isinstance(node, ast.ImportFrom | ast.Import)}
    return sorted({line for module, line in imported(source)
                   if (module == "core.register" or module.startswith("core.register."))
                   and line not in typing_only})


def test_screens_take_the_register_from_their_session():
    checked, found = 0, {}
    for path in sorted((ROOT / "gui").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name in OPENS_THE_REGISTER:
            continue
        checked += 1
        if lines := reads_register_module(path.read_text(encoding="utf-8")):
            found[name] = lines
    assert checked > 50
    assert found == {}


def test_control_a_screen_reading_the_register_module_is_caught():
    assert reads_register_module("from core import register\nregister.now()\n") == [1]
    assert reads_register_module("def f():\n    from core.register import current\n") == [2]
    assert reads_register_module("if TYPE_CHECKING:\n    from core.register import Register\n") == []
    assert reads_register_module("from core.registerx import y\n") == []
