"""Slips that hold up on paper (no Qt): a 22-material item with 80-character names on A4, A5
and 80 mm — no header or empty row slice at a page foot, the signatures on the page with the
last rows and the case number, the page count on every page; unknown guide values marked and
explained; Code 128 and QR decode at 100 dpi and on a 203-dpi thermal raster; a roll slip
names its own paper to the spooler."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from bench import document_samples as samples
from core.infra import spool
from core.printing.paper import UNSTATED
from documents.layout import MIN_BAR_WIDTH, PAGE_FORMATS
from documents.render import FORMATS, render_document

CASE = samples.CASE_NUMBER
LONG = {"receipt": samples.long_receipt(), "notice": samples.long_notice()}
HEADS = {"receipt": "序号材料名称原件/复印件份数页数", "notice": "序号材料名称原件/复印件份数要求及备注"}
SIGN = {"receipt": "办事人签名", "notice": "办事人签收"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages_text(pdf: bytes) -> list[str]:
    return [squash(p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages]


def test_the_long_samples_are_what_the_issue_describes():
    for data in LONG.values():
        assert len(data.materials) == 22 and {len(m.name) for m in data.materials} == {80}


@pytest.mark.parametrize("kind", sorted(LONG))
@pytest.mark.parametrize("fmt", ["a4", "a5"])
def test_no_header_or_empty_slice_at_a_page_foot(kind: str, fmt: str) -> None:
    data = LONG[kind]
    pages = pages_text(render_document(data, fmt))
    assert len(pages) > 1
    starts = [squash(m.name)[:10] for m in data.materials]
    for number, text in enumerate(pages, 1):
        if HEADS[kind] not in text:
            continue
        after = text[text.rindex(HEADS[kind]) + len(HEADS[kind]):]
        # Every header is followed by at least one whole row (its name's start is there).
        assert any(start in after for start in starts), f"page {number} ends in a header"
        assert f"第{number}页/共{len(pages)}页" in text


@pytest.mark.parametrize("kind", sorted(LONG))
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_page_the_visitor_signs_names_the_case_and_holds_the_last_rows(kind, fmt):
    data = LONG[kind]
    pages = pages_text(render_document(data, fmt))
    [signed] = [text for text in pages if SIGN[kind] in text]
    assert CASE in signed
    if kind == "receipt":  # the last two received materials are on it
        received = [m for m in data.materials if m.received]
        assert squash(received[-1].name) in signed and squash(received[-2].name) in signed
    else:  # the last steps of the notice, and the time the visitor was told
        assert squash(data.steps[-1]) in signed and "告知时间" in signed
    for number, text in enumerate(pages, 1):
        assert f"第{number}页/共{len(pages)}页" in text  # the roll too


def test_a_notice_marks_what_the_guide_leaves_unsaid_and_what_is_conditional():
    text = "".join(pages_text(render_document(LONG["notice"], "a4")))
    assert f"※办事指南未注明，{UNSTATED}。" in text
    assert "收费标准以窗口告知为准" in text
    assert "法定时限：受理后30个自然日内办结" in text
    assert "有条件：如委托他人办理，须提供" in text and "非必需" in text
    assert "原件（查验）" in text and "原件及复印件" in text
    assert "不收费" not in text


def test_a_supplement_notice_needs_something_missing():
    with pytest.raises(ValueError, match="missing"):
        samples.dataclass_replace(samples.notice("supplement"), missing=())


def test_an_instant_items_receipt_says_done_on_the_spot():
    data = samples.dataclass_replace(samples.receipt(), instant=True)
    text = "".join(pages_text(render_document(data, "a5")))
    assert "承诺办结当场办结" in text and "取件时间当场办结" in text
    assert "2026-12-02" not in text


def test_pdfs_ask_viewers_to_print_at_their_own_size():
    for fmt in FORMATS:
        pdf = render_document(samples.receipt(), fmt)
        assert b"/PrintScaling /None" in pdf


# ---- barcodes -------------------------------------------------------------------------------

def decoded(pdf: bytes, tmp_path: Path, dpi: int, *, threshold: bool = False) -> set:
    image_module = pytest.importorskip("PIL.Image")
    zxingcpp = pytest.importorskip("zxingcpp")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    (tmp_path / "slip.pdf").write_bytes(pdf)
    subprocess.run([pdftoppm, "-r", str(dpi), "-png", "-gray", "-f", "1", "-l", "1",
                    "-singlefile", str(tmp_path / "slip.pdf"), str(tmp_path / "page")],
                   check=True)
    with image_module.open(tmp_path / "page.png") as image:
        page = image.convert("L")
        if threshold:  # a thermal head prints a dot or none: no grey
            page = page.point(lambda v: 255 if v > 127 else 0).convert("L")
        return {(r.format.name, r.text) for r in zxingcpp.read_barcodes(page)}


def test_the_narrow_bar_suits_a_203_dpi_head_and_a_100_dpi_render():
    for page in PAGE_FORMATS.values():
        assert page.bar_width >= MIN_BAR_WIDTH  # 0.38 mm
        dots = page.bar_width / 72 * 203
        assert abs(dots - round(dots)) < 0.05  # a whole number of thermal dots (4)


@pytest.mark.parametrize("fmt", FORMATS)
def test_qr_and_code128_decode_at_100_dpi(fmt: str, tmp_path: Path) -> None:
    found = decoded(render_document(samples.receipt(), fmt), tmp_path, 100)
    assert ("QRCode", CASE) in found and ("Code128", CASE) in found


@pytest.mark.slow  # a whole register swept, or pages decoded, or a wait across windows
def test_the_roll_decodes_as_a_thermal_printer_prints_it(tmp_path: Path) -> None:
    found = decoded(render_document(LONG["receipt"], "80mm"), tmp_path, 203, threshold=True)
    assert ("QRCode", CASE) in found and ("Code128", CASE) in found


# ---- the spooler ----------------------------------------------------------------------------

def test_a_roll_slip_names_its_own_paper_to_lp(tmp_path: Path, monkeypatch) -> None:
    pdf = render_document(LONG["receipt"], "80mm")
    width, height = spool.page_size_mm(pdf)
    assert width == 80.0 and height > 297
    assert spool.media_for("80mm", pdf) == f"Custom.80x{height:g}mm"
    assert spool.media_for("a5", render_document(samples.receipt(), "a5")) == "A5"
    if sys.platform == "win32":  # the stand-in lp below is a shell script
        pytest.skip("printing through CUPS's lp not tested: Windows has no CUPS")
    fake = tmp_path / "bin" / "lp"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" > {tmp_path / "args"}\necho "request id is X-1"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    assert spool.send(pdf, "ROLL", "80mm", "20261126-0007 receipt") == "request id is X-1"
    args = (tmp_path / "args").read_text()
    assert f"-d ROLL -t 20261126-0007 receipt -o media=Custom.80x{height:g}mm" in args
    assert "-o print-scaling=none" in args


def test_through_a_real_cups_queue_the_roll_keeps_its_size(tmp_path: Path) -> None:
    """With the CUPS-PDF queue of .ci/run (named PDF), the printed file is 80 mm wide."""
    lpstat = shutil.which("lpstat")
    if lpstat is None or subprocess.run([lpstat, "-p", "PDF"], capture_output=True,
                                        check=False).returncode != 0:
        pytest.skip("no CUPS queue named PDF")
    out = Path.home() / "PDF"
    title = f"paper-test-{os.getpid()}-{time.time_ns()}"
    pdf = render_document(LONG["receipt"], "80mm")
    spool.send(pdf, "PDF", "80mm", title)
    pages = None
    for _ in range(60):  # poll until CUPS-PDF has written a whole PDF (its trailer parses)
        printed = list(out.glob(f"{title}*.pdf")) if out.is_dir() else []
        if printed and printed[0].stat().st_size:
            try:
                pages = PdfReader(printed[0]).pages
                break
            except Exception:  # noqa: BLE001 — still being written
                pass
        time.sleep(0.5)
    else:
        pytest.skip("the CUPS-PDF queue wrote nothing whole within 30 s")
    [box] = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages}
    printed[0].unlink()
    width, height = (mm / spool.MM_PER_POINT for mm in spool.page_size_mm(pdf))
    assert abs(box[0] - width) <= 1.5 and abs(box[1] - height) <= 1.5  # CUPS rounds to points
