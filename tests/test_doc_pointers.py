"""Code comments point to pages in this repository's docs/, and those pages exist: a newcomer
following a pointer finds the page (docs/architecture.md, "Decisions and the facts behind them")."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTSIDE = re.compile(r"\b(FACTS|DESIGN|STYLE)\.md\b|\.\./shared\b")
DOC = re.compile(r"\bdocs/[\w./-]+\.md\b")
SOURCES = ("*.py", "core/**/*.py", "models/**/*.py", "documents/**/*.py", "gui/**/*.py",
           "tests/**/*.py", "bench/**/*.py", "packaging/**/*.py", "packaging/**/*.spec",
           "packaging/**/*.iss", ".ci/run", "pyproject.toml", "README.md", "docs/*.md")


def problems(path: str, text: str) -> list[str]:
    """What is wrong with one file's pointers: a file outside the repository, or a docs page
    that does not exist."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if OUTSIDE.search(line):
            out.append(f"{path}:{n}: points outside the repository: {line.strip()[:80]}")
        for page in DOC.findall(line):
            if not (ROOT / page).is_file():
                out.append(f"{path}:{n}: {page} does not exist")
    return out


def _files() -> list[Path]:
    seen: set[Path] = set()
    for pattern in SOURCES:
        seen.update(p for p in ROOT.glob(pattern) if ".venv" not in p.parts)
    return sorted(seen)


def test_every_pointer_stays_inside_and_finds_its_page():
    assert len(_files()) > 100
    found = [msg for f in _files() if f.name != Path(__file__).name
             for msg in problems(str(f.relative_to(ROOT)), f.read_text(encoding="utf-8"))]
    assert found == []


def test_control_a_pointer_outside_or_to_a_missing_page_is_caught():
    assert problems("x.py", "# measured (FACTS.md)")
    assert problems("x.py", "# see ../shared/DESIGN.md")
    assert problems("x.py", "# docs/no-such-page.md says why")
    assert not problems("x.py", "# docs/architecture.md says why")
