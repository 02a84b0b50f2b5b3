"""The fast loop stays fast: a test that starts the program as a process must carry the slow
mark, or it fails with the reason (tests/conftest.py). Checked on a throwaway test file run
with this suite's conftest, beside its control: the same test marked slow passes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.subprocesses import OUTPUT_ENCODING, program_env

ROOT = Path(__file__).resolve().parent.parent

BODY = '''
import subprocess, sys
{mark}
def test_starts_python():
    subprocess.run([sys.executable, "-c", "pass"], check=True)

def test_starts_another_program():
    subprocess.run(["true"], check=True)
'''


def _run(tmp_path: Path, mark: str) -> subprocess.CompletedProcess:
    folder = tmp_path / ("marked" if mark else "plain")
    folder.mkdir()
    (folder / "test_guarded.py").write_text(
        BODY.format(mark=("import pytest\n" + mark) if mark else ""), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider",
         "--rootdir", str(folder), "-c", "/dev/null", str(folder)],
        cwd=ROOT, capture_output=True, encoding=OUTPUT_ENCODING,
        env=program_env(tmp_path, FIRSTDESK_TEST_PG="off"), check=False, timeout=300)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="uses the POSIX `true` program")
def test_an_unmarked_test_that_starts_python_fails_and_a_marked_one_passes(tmp_path):
    unmarked = _run(tmp_path, "")
    assert "1 failed, 1 passed" in unmarked.stdout, unmarked.stdout + unmarked.stderr
    assert "mark it @pytest.mark.slow" in unmarked.stdout
    marked = _run(tmp_path, "@pytest.mark.slow")  # control: the mark lets it through
    assert "2 passed" in marked.stdout, marked.stdout + marked.stderr
