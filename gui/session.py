"""Who is signed in at this window, the language, and the register the window has open;
passed to every screen (screens reach the register through `session.register`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.admin.staff import StaffInfo
from core.errors import Term
from core.permissions import allowed

if TYPE_CHECKING:
    from core.register import Register


def _open_register() -> Register:
    """The register this process has open (the window passes its own; tests bind one first)."""
    from core.register import current  # not at import: the sign-in window loads no database

    return current()


@dataclass
class Session:
    staff: StaffInfo
    org_name: str
    window_no: str = ""
    lang: str = "zh"
    db_label: str = ""  # "本机" or the PostgreSQL host, for the status bar
    # the window's open register; a restore replaces it here, so screens read it when they act
    register: Register = field(default_factory=_open_register)

    def can(self, action: str) -> bool:
        """Whether the signed-in role may attempt `action` (core re-checks everything)."""
        return allowed(self.staff.role, action)

    def text(self, term: Term | tuple[str, str]) -> str:
        return Term(*term).text(self.lang)
