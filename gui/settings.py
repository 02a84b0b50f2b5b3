"""Per-PC preferences in QSettings behind one typed wrapper (the only place QSettings is built)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from core.infra.paths import APP_AUTHOR, APP_NAME, data_dir

log = logging.getLogger(__name__)

LANGUAGES = ("zh", "en")
SLIP_FORMATS = ("a4", "a5", "80mm")


def _make_qsettings() -> QSettings:
    """An INI file in the data folder when FIRSTDESK_HOME is set (tests), else native storage."""
    if os.environ.get("FIRSTDESK_HOME"):
        path = Path(data_dir()) / "firstdesk.ini"
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, APP_AUTHOR, APP_NAME)


class AppSettings:
    """Window state, the last user, language, database target, slip format and printer."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._s = store if store is not None else _make_qsettings()

    # ---- plain values ------------------------------------------------------------------
    def _text(self, key: str, default: str = "") -> str:
        value = self._s.value(key, default)
        return str(value) if value is not None else default

    def _bytes(self, key: str) -> QByteArray:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) else QByteArray()

    @property
    def last_user(self) -> str:
        return self._text("signin/last_user")

    @last_user.setter
    def last_user(self, username: str) -> None:
        self._s.setValue("signin/last_user", username)

    @property
    def language(self) -> str:
        lang = self._text("ui/language", "zh")
        return lang if lang in LANGUAGES else "zh"

    @language.setter
    def language(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        self._s.setValue("ui/language", lang)

    @property
    def nav_collapsed(self) -> bool:
        """The main window's navigation folded to a strip (Ctrl+B), for narrow screens."""
        return str(self._s.value("ui/nav_collapsed", "false")).lower() == "true"

    @nav_collapsed.setter
    def nav_collapsed(self, collapsed: bool) -> None:
        self._s.setValue("ui/nav_collapsed", "true" if collapsed else "false")

    @property
    def database_target(self) -> str:
        """A SQLite file path or a postgresql:// URL without its password (that is in the
        credential store: gui/credentials.py); empty means the default file."""
        from gui.credentials import remember

        stored = self._text("database/target")
        if remember(stored) != stored:  # an older version saved the password here: move it
            self._s.setValue("database/target", remember(stored))
            return remember(stored)
        return stored

    @database_target.setter
    def database_target(self, target: str) -> None:
        from gui.credentials import remember

        self._s.setValue("database/target", remember(target.strip()))

    @property
    def slip_format(self) -> str:
        fmt = self._text("printing/slip_format", "a5")
        return fmt if fmt in SLIP_FORMATS else "a5"

    @slip_format.setter
    def slip_format(self, fmt: str) -> None:
        if fmt not in SLIP_FORMATS:
            raise ValueError(f"unknown slip format {fmt!r}")
        self._s.setValue("printing/slip_format", fmt)

    @property
    def printer_name(self) -> str:
        return self._text("printing/printer")

    @printer_name.setter
    def printer_name(self, name: str) -> None:
        self._s.setValue("printing/printer", name)

    # ---- window state ------------------------------------------------------------------
    def window_geometry(self) -> QByteArray:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray:
        return self._bytes("window/state")

    def splitter_state(self) -> QByteArray:
        return self._bytes("window/splitter")

    def header_state(self, key: str) -> QByteArray:
        return self._bytes(f"tables/{key}")

    def save_window(self, geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)
        self._s.setValue("window/splitter", splitter)

    def save_header(self, key: str, state: QByteArray) -> None:
        self._s.setValue(f"tables/{key}", state)

    # ---- housekeeping ------------------------------------------------------------------
    def sync(self) -> None:
        self._s.sync()
        if self._s.status() != QSettings.Status.NoError:
            log.warning("settings could not be written: %s", self._s.fileName())

    def file_name(self) -> str:
        return self._s.fileName()

    def clear(self) -> None:
        self._s.clear()
