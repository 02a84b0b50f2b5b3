"""QR code and Code 128 flowables that draw bars only (no stray Helvetica in the PDF)."""

from __future__ import annotations

import itertools
from typing import Literal

from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

Align = Literal["LEFT", "CENTER"]

QUIET_MODULES = 4
"""Blank modules around a QR code, as ISO/IEC 18004 asks."""


class QrFlowable(Flowable):
    """A square QR code drawn straight onto the canvas as filled runs of modules.

    ReportLab's QrCodeWidget (same encoder) needs a Drawing, whose renderer selects Helvetica for every
    drawing; that font is never embedded. Drawing the modules here keeps the PDF's only
    font the embedded CJK one and is faster too.
    """

    def __init__(self, value: str, size: float, level: str = "M") -> None:
        super().__init__()
        self.value = value
        self.size = size
        code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
        code.addData(value)
        code.make()
        self.modules: list[list[bool]] = [[bool(m) for m in row] for row in code.modules]
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.modules)
        box = self.size / (count + 2 * QUIET_MODULES)
        canv = self.canv
        canv.saveState()
        canv.setFillColorRGB(0, 0, 0)
        path = canv.beginPath()
        for r, row in enumerate(self.modules):
            y = self.size - (r + QUIET_MODULES + 1) * box
            c = 0
            for dark, run in itertools.groupby(row):
                length = len(list(run))
                if dark:
                    path.rect((c + QUIET_MODULES) * box, y, length * box, box)
                c += length
        canv.drawPath(path, stroke=0, fill=1)
        canv.restoreState()


def code128(
    value: str, bar_width: float, *, height: float = 9 * mm, align: Align = "LEFT",
    quiet: bool = True,
) -> Code128:
    """A Code 128 barcode of `value` without printed digits; with `quiet`, the blank margins
    Code 128 needs on both sides (ReportLab: ten narrow bars or 1/4 inch, the wider)."""
    bar = Code128(value, barWidth=bar_width, barHeight=height, humanReadable=0,
                  quiet=1 if quiet else 0)
    bar.hAlign = align
    return bar
