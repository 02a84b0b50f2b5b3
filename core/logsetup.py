"""Logging to a rotating file in the data folder, and faulthandler for hard crashes."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
from pathlib import Path

from core.paths import log_dir

_fault_file = None


def log_file() -> Path:
    return log_dir() / "firstdesk.log"


def setup_logging(verbose: bool = False) -> Path:
    """Log INFO and up to firstdesk.log (5 × 1 MiB); WARNING and up to stderr."""
    global _fault_file
    path = log_file()
    root = logging.getLogger()
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return path
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1 << 20, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root.addHandler(console)
    if _fault_file is None:
        _fault_file = open(log_dir() / "crash.log", "a", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(_fault_file)
    return path
