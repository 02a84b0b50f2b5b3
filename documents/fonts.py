"""Registers the bundled CJK TrueType font with ReportLab once per process."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from reportlab.lib import textsplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph

from core.infra.paths import resource_path

log = logging.getLogger(__name__)

FONT_NAME = "FirstDeskCJK"
"""The name documents use in styles; the PDF embeds a subset of WenQuanYi Micro Hei."""

FONT_FILE = "wqy-microhei.ttc"
"""TrueType-outline collection (Apache-2.0 / GPL-3+ with font exception), subfont 0."""

SYSTEM_FALLBACK = Path("/usr/share/fonts/truetype/wqy") / FONT_FILE
"""Debian's fonts-wqy-microhei, used only when the bundled copy is missing."""

NO_LINE_START = "，：；！？》〉”’…"
"""Chinese punctuation that must not begin a line (GB/T 15834) but that ReportLab's
Japanese-oriented kinsoku list lacks; such a character now hangs at the line end instead."""

_KINSOKU = "ALL_CANNOT_START"
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
            _teach_chinese_line_breaking()
            log.debug("registered %s from %s", FONT_NAME, path)
            _registered = True
    return FONT_NAME


def _teach_chinese_line_breaking() -> None:
    """Add Chinese closing punctuation to the characters a CJK line may not start with.

    ReportLab reads the list from two modules: textsplit (paragraphs in one style) and
    paragraph (paragraphs with markup).
    """
    for module in (textsplit, paragraph):
        current: str = getattr(module, _KINSOKU)
        missing = "".join(c for c in NO_LINE_START if c not in current)
        if missing:
            setattr(module, _KINSOKU, current + missing)
