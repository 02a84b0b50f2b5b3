"""The PostgreSQL application role's password on this PC (docs/postgresql.md): kept in the
operating system's credential store (Windows Credential Manager, macOS Keychain, the Secret
Service on Linux) through `keyring`, never in the settings file. Where no credential store
exists the password is not written anywhere: it is asked for once per start and kept in
memory only."""

from __future__ import annotations

import logging
from urllib.parse import unquote, urlsplit, urlunsplit

from core.infra.storage import is_postgres

log = logging.getLogger(__name__)

SERVICE = "FirstDesk"
_memory: dict[str, str] = {}  # this process only: the fallback without a credential store


def _parts(url: str) -> tuple[str, str, str]:
    """(the URL without its password, the store key user@host/db…, the password)."""
    p = urlsplit(url)
    user, password = p.username or "", unquote(p.password or "")
    host = p.netloc.rsplit("@", 1)[-1]
    bare = urlunsplit(p._replace(netloc=f"{user}@{host}" if user else host))
    return bare, f"{user}@{host}{p.path}" + (f"?{p.query}" if p.query else ""), password


def without_password(url: str) -> str:
    return _parts(url)[0] if is_postgres(url) else url


def store_available() -> bool:
    """True when the OS offers a credential store keyring can use."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    backend = keyring.get_keyring()
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0


def remember(url: str) -> str:
    """Keep a PostgreSQL URL's password in the credential store (or, without one, in memory
    for this run); returns the URL to save in the settings, without the password."""
    if not is_postgres(url):
        return url
    bare, key, password = _parts(url)
    if password:
        _memory[key] = password
        if store_available():
            import keyring

            try:
                keyring.set_password(SERVICE, key, password)
            except Exception as exc:  # noqa: BLE001 — a locked store: keep it for this run
                log.warning("credential store refused the password for %s: %s", key, exc)
        else:
            log.warning("no credential store on this PC: the database password is not saved")
    return bare


def fill(url: str) -> str:
    """The URL with its password from the credential store (or this run's memory) when it
    has none; unchanged when there is nothing to fill in."""
    if not is_postgres(url):
        return url
    bare, key, password = _parts(url)
    if password:
        return url
    found = _memory.get(key)
    if found is None and store_available():
        import keyring

        try:
            found = keyring.get_password(SERVICE, key)
        except Exception as exc:  # noqa: BLE001
            log.warning("credential store unreadable: %s", exc)
    if not found:
        return url
    from urllib.parse import quote

    p = urlsplit(bare)
    user, host = p.netloc.split("@", 1)
    return urlunsplit(p._replace(netloc=f"{user}:{quote(found, safe='')}@{host}"))


def needs_password(url: str) -> bool:
    return is_postgres(url) and not urlsplit(url).password


__all__ = ["fill", "needs_password", "remember", "store_available", "without_password"]
