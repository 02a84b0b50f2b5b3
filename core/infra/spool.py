"""Handing a slip to the system's spooler (CUPS `lp`) with its paper named: a plain `lp` of an
80 mm roll PDF lets the queue's default paper (A4) scale and crop it, so the job states the
media — A4, A5, or the roll's own 80 mm × length — and asks for no scaling
(docs/printing.md). The window prints through Qt, which sets the page size the same way."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

MM_PER_POINT = 25.4 / 72
_MEDIABOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")


class SpoolError(Exception):
    """The slip could not be handed to the spooler; the message says why."""


def page_size_mm(pdf: bytes) -> tuple[float, float]:
    """The widest and tallest page of `pdf` in millimetres (from its MediaBoxes)."""
    boxes = [(float(w), float(h)) for w, h in _MEDIABOX.findall(pdf)]
    if not boxes:
        raise SpoolError("the PDF names no page size")
    return (round(max(w for w, _ in boxes) * MM_PER_POINT, 1),
            round(max(h for _, h in boxes) * MM_PER_POINT, 1))


def media_for(fmt: str, pdf: bytes) -> str:
    """The CUPS media name for a slip: A4, A5, or Custom.80x<length>mm for a roll."""
    if fmt in ("a4", "a5"):
        return fmt.upper()
    width, height = page_size_mm(pdf)
    return f"Custom.{width:g}x{height:g}mm"


def lp_command(queue: str, path: str, fmt: str, pdf: bytes, title: str) -> list[str]:
    return ["lp", "-d", queue, "-t", title, "-o", f"media={media_for(fmt, pdf)}",
            "-o", "print-scaling=none", path]


def send(pdf: bytes, queue: str, fmt: str, title: str) -> str:
    """Print `pdf` on the CUPS queue `queue` at its own size; returns lp's request line."""
    lp = shutil.which("lp")
    if lp is None:
        raise SpoolError("没有找到 lp（CUPS）；请在窗口中打印，或保存 PDF 后打印。"
                         " / lp (CUPS) not found: print from the window, or save the PDF.")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "slip.pdf"
        path.write_bytes(pdf)
        command = lp_command(queue, str(path), fmt, pdf, title)
        command[0] = lp
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        raise SpoolError(f"lp: {done.stderr.strip() or done.returncode}")
    log.info("sent %s to %s as %s", title, queue, command[6])
    return done.stdout.strip()
