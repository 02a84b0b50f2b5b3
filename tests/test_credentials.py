"""The PostgreSQL password lives in the OS credential store, never in the settings file; with
no credential store it is not written anywhere."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import QSettings

from gui import credentials
from gui.settings import AppSettings

URL = "postgresql://firstdesk_app:S3cret-pw@db.example:5432/firstdesk"


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username), None)


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(credentials, "_memory", {})
    previous = keyring.get_keyring()
    yield AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)), tmp_path
    keyring.set_keyring(previous)


def test_password_goes_to_the_credential_store_not_the_settings_file(store):
    settings, folder = store
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    settings.database_target = URL
    settings.sync()
    assert "S3cret-pw" not in (folder / "s.ini").read_text()
    assert settings.database_target == "postgresql://firstdesk_app@db.example:5432/firstdesk"
    assert list(ring.items.values()) == ["S3cret-pw"]
    credentials._memory.clear()  # a new start of the program
    assert credentials.fill(settings.database_target) == URL


def test_without_a_credential_store_the_password_is_not_saved(store):
    settings, folder = store
    keyring.set_keyring(fail.Keyring())
    assert not credentials.store_available()
    settings.database_target = URL
    settings.sync()
    assert "S3cret-pw" not in (folder / "s.ini").read_text()
    assert credentials.fill(settings.database_target) == URL  # this run only
    credentials._memory.clear()
    assert credentials.needs_password(credentials.fill(settings.database_target))


def test_an_older_settings_file_with_the_password_is_cleaned(store):
    settings, folder = store
    keyring.set_keyring(MemoryKeyring())
    settings._s.setValue("database/target", URL)
    assert "S3cret-pw" not in settings.database_target
    settings.sync()
    assert "S3cret-pw" not in (folder / "s.ini").read_text()
