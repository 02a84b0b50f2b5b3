"""The program icon, in a module of its own: the sign-in window needs it before anything else
of the window is loaded (docs/architecture.md, "Start-up")."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from core.infra.paths import resource_path


def app_icon() -> QIcon:
    """The program icon (resources/icons); a null icon if the file is missing."""
    return QIcon(str(resource_path("icons", "firstdesk.png")))
