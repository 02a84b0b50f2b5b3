"""Who is signed in at this window, and the language; passed to every screen."""

from __future__ import annotations

from dataclasses import dataclass

from core.admin.staff import StaffInfo
from core.errors import Term
from core.permissions import allowed


@dataclass
class Session:
    staff: StaffInfo
    org_name: str
    window_no: str = ""
    lang: str = "zh"
    db_label: str = ""  # "本机" or the PostgreSQL host, for the status bar

    def can(self, action: str) -> bool:
        """Whether the signed-in role may attempt `action` (core re-checks everything)."""
        return allowed(self.staff.role, action)

    def text(self, term: Term | tuple[str, str]) -> str:
        return Term(*term).text(self.lang)
