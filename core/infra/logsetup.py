"""Logging to a rotating file in the data folder, and faulthandler for hard crashes."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
from pathlib import Path

from core.infra.paths import log_dir

_fault_file = None


def log_file() -> Path:
    return log_dir() / "firstdesk.log"


class Redact(logging.Filter):
    """No log line carries a database password, whoever logged it (a driver's message, a
    URL in an exception): the formatted message is redacted before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        from models.database import redact

        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


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
    handler.addFilter(Redact())
    root.addHandler(handler)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    console.addFilter(Redact())
    root.addHandler(console)
    if _fault_file is None:
        _fault_file = open(log_dir() / "crash.log", "a", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(_fault_file)
    return path
