"""Registers the bundled CJK TrueType font with ReportLab once per process."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from core.paths import resource_path

log = logging.getLogger(__name__)

FONT_NAME = "FirstDeskCJK"
"""The name documents use in styles; the PDF embeds a subset of WenQuanYi Micro Hei."""

FONT_FILE = "wqy-microhei.ttc"
"""TrueType-outline collection (Apache-2.0 / GPL-3+ with font exception), subfont 0."""

SYSTEM_FALLBACK = Path("/usr/share/fonts/truetype/wqy") / FONT_FILE
"""Debian's fonts-wqy-microhei, used only when the bundled copy is missing."""

_lock = threading.Lock()
_registered = False


def font_path() -> Path:
    """The font file: the bundled copy under resources/fonts, else the system one."""
    bundled = resource_path("fonts", FONT_FILE)
    if bundled.is_file():
        return bundled
    if SYSTEM_FALLBACK.is_file():
        log.warning("bundled font %s missing; using %s", bundled, SYSTEM_FALLBACK)
        return SYSTEM_FALLBACK
    raise FileNotFoundError(
        f"CJK font {FONT_FILE} not found in {bundled.parent}; documents cannot print Chinese"
    )


def register_fonts() -> str:
    """Register the CJK font (idempotent, thread-safe) and return its ReportLab name.

    Only TrueType outlines embed in ReportLab; CFF fonts (Noto CJK .otf) fail and the
    built-in STSong-Light CID font is never embedded, so a PC without Chinese fonts
    would print blanks. The one face is registered for all four family styles because
    the font has no bold or italic and `<b>` in a paragraph must not fall back to
    Helvetica.
    """
    global _registered  # noqa: PLW0603 - one registration per process
    if _registered:
        return FONT_NAME
    with _lock:
        if not _registered:
            path = font_path()
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
            pdfmetrics.registerFontFamily(
                FONT_NAME,
                normal=FONT_NAME,
                bold=FONT_NAME,
                italic=FONT_NAME,
                boldItalic=FONT_NAME,
            )
            log.debug("registered %s from %s", FONT_NAME, path)
            _registered = True
    return FONT_NAME
