"""Page formats (A4, A5, 80 mm roll), text helpers and the PDF build with page footers."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
)

from core.errors import Term  # the one way to translate (docs/architecture.md)
from core.infra.version import __version__  # constants and words: documents/ reaches no database
from documents.fonts import FONT_NAME

log = logging.getLogger(__name__)

WEEKDAYS = "一二三四五六日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PAGE_OF = Term("第 {page} 页 / 共 {total} 页", "Page {page} of {total}")
VERSION = Term("（版本 v{version}）", " (version {version})")
CREATOR = f"首问台 FirstDesk {__version__}"
MAX_ROLL_HEIGHT = 14400.0
"""PDF viewers and drivers reject pages above 200 in (5.08 m); longer rolls get more pages."""
ROLL_SLACK = 3 * mm
"""Extra paper below the content of a roll slip, so rounding never spills onto a page 2."""

LINE = 0.5
"""Table rules and signature lines, in points."""
CELL_PAD = 2.5
HEAD_SHADE = colors.Color(0.9, 0.9, 0.9)
BOX_SHADE = colors.Color(0.95, 0.95, 0.95)
LOGO_HEIGHT = 14 * mm
GAP = "\xa0" * 8
"""Visible horizontal space in a paragraph (ordinary and ideographic spaces collapse)."""


BAR_WIDTH = 0.5 * mm
"""Code 128's narrow bar: 4 dots of a 203-dpi thermal head (0.125 mm each) and about two
pixels of a 100-dpi rendering; 0.25–0.33 mm did not decode below 200 dpi
(docs/printing.md)."""
MIN_BAR_WIDTH = 0.38 * mm
"""Narrower than this a case number too long for the line is refused, not printed unreadable."""


@dataclass(frozen=True)
class PageFormat:
    """One paper format; a roll (80 mm) has no fixed height and no page footer."""

    key: str
    width: float
    height: float | None
    margin_x: float
    margin_top: float
    margin_bottom: float
    font_size: float
    label_width: float
    qr_size: float
    bar_width: float
    bar_height: float

    @property
    def roll(self) -> bool:
        return self.height is None

    @property
    def frame_width(self) -> float:
        return self.width - 2 * self.margin_x


PAGE_FORMATS: dict[str, PageFormat] = {f.key: f for f in (
    #          key     width    height  margin: x  top      bottom   font  label    qr
    PageFormat("a4",   A4[0],   A4[1],  18 * mm, 15 * mm, 18 * mm, 10.5, 24 * mm, 30 * mm,
               bar_width=BAR_WIDTH, bar_height=9 * mm),
    PageFormat("a5",   A5[0],   A5[1],  11 * mm, 8 * mm,  12 * mm, 8.5,  19 * mm, 21 * mm,
               bar_width=BAR_WIDTH, bar_height=8 * mm),
    PageFormat("80mm", 80 * mm, None,   4 * mm,  4 * mm,  8 * mm,  9,    17 * mm, 28 * mm,
               bar_width=BAR_WIDTH, bar_height=9 * mm),
)}

FORMATS: tuple[str, ...] = tuple(PAGE_FORMATS)
"""Every format a document can be printed in: ("a4", "a5", "80mm")."""


def page_format(fmt: str) -> PageFormat:
    """The format named `fmt` (case-insensitive); ValueError names the valid ones."""
    page = PAGE_FORMATS.get(str(fmt).strip().lower())
    if page is None:
        raise ValueError(f"unknown page format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    return page


def esc(text: object) -> str:
    """Text made safe for a ReportLab Paragraph (which parses a small XML dialect)."""
    return escape(str(text)).replace("\n", "<br/>")


def fmt_datetime(value: datetime | None, *, weekday: bool = False, empty: str = "—",
                 lang: str = "zh") -> str:
    """`2026-12-01 14:00`, or `2026-12-01（周二）14:00` with weekday=True (in English
    `2026-12-01 (Tue) 14:00`)."""
    if value is None:
        return empty
    day = value.strftime("%Y-%m-%d")
    if weekday:
        day += Term(f"（周{WEEKDAYS[value.weekday()]}）",
                    f" ({WEEKDAYS_EN[value.weekday()]}) ").text(lang)
    else:
        day += " "
    return day + value.strftime("%H:%M")


def version_label(version: int | None, lang: str = "zh") -> str:
    """`（版本 v3）` after a service item's name, or nothing when unversioned."""
    return "" if version is None else VERSION.text(lang).format(version=version)


def load_logo(path: str | None, height: float, max_width: float) -> Image | None:
    """The logo scaled into `max_width` x `height`, or None (logged) if it cannot be read."""
    if not path:
        return None
    if not Path(path).is_file():
        log.warning("logo %s not found; printing without it", path)
        return None
    try:
        image_width, image_height = ImageReader(path).getSize()
    except Exception:  # a damaged logo must never stop a slip from printing
        log.exception("logo %s could not be read; printing without it", path)
        return None
    scale = min(height / float(image_height or 1), max_width / float(image_width or 1))
    return Image(path, width=image_width * scale, height=image_height * scale)


class _Stamp:
    """The creation time ReportLab writes as CreationDate and ModDate (its TimeStamp's
    fields): the time given, with its UTC offset, instead of invariant mode's 2000-01-01
    (docs/printing.md, "What a PDF says about itself")."""

    def __init__(self, when: datetime) -> None:
        local = when if when.tzinfo else when.astimezone()
        offset = local.utcoffset() or timedelta(0)
        minutes = int(offset.total_seconds() // 60)
        self.t = local.timestamp()
        self.lt = local.timetuple()
        self.YMDhms = tuple(self.lt)[:6]
        self.dhh, self.dmm = int(minutes / 60), abs(minutes) % 60
        self.tzname = local.tzname()


class _NumberedCanvas(Canvas):
    """Canvas that draws `第 i 页 / 共 n 页` once the page count is known."""

    _doc: Any  # ReportLab's PDF document object (its stubs leave it out)

    def __init__(
        self,
        *args: Any,
        footer_left: str = "",
        footer_right: str = "",
        footer_font: tuple[str, float] = (FONT_NAME, 8),
        margin_x: float = 0.0,
        margin_bottom: float = 0.0,
        created: datetime | None = None,
        page_of: str = PAGE_OF.zh,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._page_of = page_of  # "第 {page} 页 / 共 {total} 页" in the document's language
        # Invariant mode keeps the bytes reproducible (no random ID, no time); the date is
        # ours: the moment the document was made, or the one a test passes.
        self._doc._timeStamp = _Stamp(created or datetime.now())
        self._page_width = float(kwargs["pagesize"][0])
        self._saved: list[dict[str, Any]] = []
        self._footer = (footer_left, footer_right, footer_font, margin_x, margin_bottom)

    def showPage(self) -> None:  # ReportLab's name; defer the page until the count is known
        self._saved.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # ReportLab's own reset

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        left, right, (font, size), margin_x, margin_bottom = self._footer
        width = self._page_width
        y = margin_bottom / 2
        self.saveState()
        self.setFont(font, size)
        self.setLineWidth(0.4)
        self.line(margin_x, y + size + 2, width - margin_x, y + size + 2)
        number = self._page_of.format(page=self.getPageNumber(), total=total)
        right = f"{right}  {number}" if right else number
        self.drawRightString(width - margin_x, y, right)
        room = width - 2 * margin_x - stringWidth(right, font, size) - 3 * mm
        if left:
            self.drawString(margin_x, y, _clip(left, room, font, size))
        self.restoreState()


def _clip(text: str, room: float, font: str, size: float) -> str:
    """`text` shortened with an ellipsis so it fits in `room` points."""
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text + "…" if text else ""


def _stack_height(canvas: Canvas, story: Sequence[Flowable], width: float) -> float:
    """Height of flowables stacked in a frame (KeepTogether measured by its content)."""
    content = 0.0
    for index, flowable in enumerate(story):
        if isinstance(flowable, KeepTogether):
            height = _stack_height(canvas, flowable._content, width)  # type: ignore[attr-defined]  # ReportLab keeps it private
        else:
            _, height = flowable.wrapOn(canvas, width, MAX_ROLL_HEIGHT)
        if index:
            content += flowable.getSpaceBefore()
        content += height + flowable.getSpaceAfter()
    return content


def roll_height(story: Sequence[Flowable], page: PageFormat) -> float:
    """Paper length an 80 mm slip needs: every flowable wrapped at the frame width."""
    canvas = Canvas(io.BytesIO(), pagesize=(page.width, MAX_ROLL_HEIGHT))
    content = _stack_height(canvas, story, page.frame_width)
    total = content + page.margin_top + page.margin_bottom + ROLL_SLACK
    if total > MAX_ROLL_HEIGHT:
        log.warning("roll slip needs %.0f pt; split into pages of %.0f pt", total, MAX_ROLL_HEIGHT)
        return MAX_ROLL_HEIGHT
    return total


def build_pdf(
    story: list[Flowable],
    page: PageFormat,
    *,
    font: str,
    title: str,
    author: str = "",
    subject: str = "",
    footer_left: str = "",
    footer_right: str = "",
    created: datetime | None = None,
    lang: str = "zh",
) -> bytes:
    """Lay `story` out on `page` and return the PDF bytes (footers only on A4/A5) in `lang`
    (the page numbers, the language the PDF declares). The PDF's creation date is `created`
    (default: now); the same story and time give the same bytes."""
    height = roll_height(story, page) if page.height is None else page.height
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page.width, height),
        leftMargin=page.margin_x,
        rightMargin=page.margin_x,
        topMargin=page.margin_top,
        bottomMargin=page.margin_bottom,
        title=title,
        author=author,
        subject=subject,
        creator=CREATOR,
        producer=CREATOR,
        lang=Term("zh-CN", "en").text(lang),
        invariant=1,
        initialFontName=font,
        initialFontSize=page.font_size,
    )
    frame = Frame(
        page.margin_x,
        page.margin_bottom,
        page.frame_width,
        height - page.margin_top - page.margin_bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_print_as_is)])
    maker = partial(
        _NumberedCanvas,
        footer_left="" if page.roll else footer_left,  # a roll prints its footer in the story
        footer_right=footer_right,
        footer_font=(font, page.font_size - 2),
        margin_x=page.margin_x,
        margin_bottom=page.margin_bottom,
        created=created,
        page_of=PAGE_OF.text(lang),
    )
    doc.build(story, canvasmaker=maker)
    return buffer.getvalue()


def _print_as_is(canvas: Canvas, _doc: BaseDocTemplate) -> None:
    """Ask PDF viewers to print at 100 % on paper of the page's own size (a roll's 80 mm
    too); spoolers ignore it, so printing from our own paths names the media as well."""
    canvas.setViewerPreference("PrintScaling", "None")
