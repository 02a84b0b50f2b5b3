"""Where FirstDesk's files live: bundled resources and the user's data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "FirstDesk"
APP_AUTHOR = "FirstDesk"


def resource_root() -> Path:
    """The `resources/` folder, in a source checkout or inside the PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """A file under `resources/`, e.g. ``resource_path("fonts", "wqy-microhei.ttc")``."""
    return resource_root().joinpath(*parts)


def data_dir() -> Path:
    """The user's data folder (created on demand); FIRSTDESK_HOME overrides it for tests."""
    override = os.environ.get("FIRSTDESK_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "firstdesk.db"


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
