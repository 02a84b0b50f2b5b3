"""How a test starts the program (`python main.py …`) as a separate process, on any system."""

from __future__ import annotations

import os
from pathlib import Path

OUTPUT_ENCODING = "utf-8"  # what main.py writes to a pipe on every system (docs/windows-build.md)


def program_env(home: Path, **extra: str) -> dict[str, str]:
    """This process's environment (Windows needs SYSTEMROOT and friends to start a process)
    with the data folder at `home`, Qt offscreen, and no FIRSTDESK_ or PYTHONIOENCODING /
    PYTHONUTF8 setting of the caller's: the encoding the test reads is the program's own."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("FIRSTDESK_") and k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env.update({"FIRSTDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **extra})
    return env
