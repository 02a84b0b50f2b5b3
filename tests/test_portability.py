"""The program and its tests run on Windows: no module imports a POSIX-only module at its top
level (collection on Windows would stop there). Under wine the Windows Python collects the
whole suite too (packaging/windows_under_wine.py); this check needs no wine."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSIX_ONLY = {"pwd", "grp", "fcntl", "termios", "tty", "pty", "resource", "posix", "crypt",
              "spwd", "syslog", "nis", "readline"}


def top_level_posix_imports(source: str) -> list[str]:
    """Imports of POSIX-only modules that run unconditionally when the module is imported:
    not those inside functions, nor those behind an `if` (a platform test) or a `try`."""
    found: list[str] = []

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                found.extend(a.name for a in node.names if a.name.split(".")[0] in POSIX_ONLY)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.split(".")[0] in POSIX_ONLY:
                    found.append(node.module)
            elif isinstance(node, ast.With):
                visit(node.body)

    visit(ast.parse(source).body)
    return found


def test_the_check_finds_a_planted_import() -> None:
    assert top_level_posix_imports("import os\nimport pwd\n") == ["pwd"]
    assert top_level_posix_imports("from fcntl import flock\n") == ["fcntl"]
    assert top_level_posix_imports("if sys.platform != 'win32':\n    import pwd\n") == []
    assert top_level_posix_imports("def f():\n    import pwd\n") == []


def test_no_module_imports_a_posix_only_module_at_import_time() -> None:
    folders = ("core", "models", "documents", "gui", "tests", "packaging", "bench")
    files = [ROOT / "main.py", ROOT / "cli.py"]
    files += [p for folder in folders for p in (ROOT / folder).rglob("*.py")]
    offenders = {str(p.relative_to(ROOT)): names for p in files
                 if (names := top_level_posix_imports(p.read_text(encoding="utf-8")))}
    assert offenders == {}


def test_every_dependency_has_a_windows_pin() -> None:
    """packaging/windows-requirements.txt is what the Windows build installs (and what the
    check under wine downloads): a dependency added to pyproject.toml must be pinned there."""
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    names = {norm(re.split(r"[<>=!~; \[]", spec, maxsplit=1)[0]) for spec in wanted}
    text = (ROOT / "packaging" / "windows-requirements.txt").read_text(encoding="utf-8")
    pinned = {norm(line.split("==")[0]) for line in text.splitlines()
              if "==" in line and not line.lstrip().startswith("#")}
    assert names - pinned == set()
