"""Printable documents: text, page sizes, embedded font, barcodes and formats (no Qt)."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from bench import document_samples as samples
from core.printing.paper import (
    HazardData,
    HistoryData,
    HistoryLine,
    MaterialLine,
    NoticeData,
    ReceiptData,
    ReferralData,
    TransferData,
)
from documents.fonts import NO_LINE_START
from documents.render import FORMATS, render_document

CASE = samples.CASE_NUMBER
SAMPLES = samples.sample_data()
HEADINGS = {
    "receipt": "收件回执单",
    "notice": "一次性告知单",
    "supplement": "补正通知书",
    "refusal": "不予受理通知书",
    "transfer": "转办单",
    "referral": "告知去向单",
    "hazard": "安全隐患报告单",
    "history": "事项办理记录",
}
PAGE_SIZES = {"a4": (595, 842), "a5": (420, 595)}
ROLL_WIDTH = 226.8

SHORT_NAMES = (
    "《公司变更登记申请书》",
    "股东会决议",
    "公司章程修正案",
    "法定代表人身份证复印件",
    "营业执照副本",
    "房屋租赁合同",
    "产权证明复印件",
    "授权委托书",
    "董事会决议",
    "任职文件",
)


def squash(text: str) -> str:
    """Text without whitespace: table cells and wrapped lines break words apart."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes) -> str:
    return squash("".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages))


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [
        (float(p.mediabox.width), float(p.mediabox.height))
        for p in PdfReader(io.BytesIO(pdf)).pages
    ]


def receipt_with(count: int) -> ReceiptData:
    """A receipt with `count` materials whose names fit on one line of the A4 table."""
    materials = tuple(
        MaterialLine(
            f"{SHORT_NAMES[i % len(SHORT_NAMES)]}（第{i + 1}份）", i % 2 == 0, 1 + i % 3, 1 + i % 5
        )
        for i in range(count)
    )
    return dataclasses.replace(samples.receipt(), materials=materials)


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], bytes]:
    """Every sample in every format, rendered once for the module."""
    return {
        (stem, fmt): render_document(data, fmt) for stem, data in SAMPLES.items() for fmt in FORMATS
    }


# -- every document, every format ---------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", list(SAMPLES))
def test_document_has_heading_case_number_and_page_size(
    rendered: dict[tuple[str, str], bytes], stem: str, fmt: str
) -> None:
    pdf = rendered[(stem, fmt)]
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert HEADINGS[stem] in text
    assert SAMPLES[stem].case_number in text  # type: ignore[union-attr]
    assert SAMPLES[stem].org.name in text
    for width, height in page_sizes(pdf):
        if fmt == "80mm":
            assert width == pytest.approx(ROLL_WIDTH, abs=0.05)
            assert 200 < height < 14400
        else:
            assert (round(width), round(height)) == PAGE_SIZES[fmt]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", list(SAMPLES))
def test_only_the_embedded_cjk_font_is_used(
    rendered: dict[tuple[str, str], bytes], stem: str, fmt: str
) -> None:
    fonts = {}
    for page in PdfReader(io.BytesIO(rendered[(stem, fmt)])).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        assert "WenQuanYiMicroHei" in name, f"unexpected font {name}"
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
        assert "/ToUnicode" in font, f"{name} text would not be searchable"


def test_visitor_name_appears_and_full_phone_never(
    rendered: dict[tuple[str, str], bytes],
) -> None:
    for (stem, _fmt), pdf in rendered.items():
        text = pdf_text(pdf)
        data = SAMPLES[stem]
        name = getattr(data, "visitor_name", None) or getattr(data, "reporter", "")
        assert name in text, stem
        assert samples.FULL_PHONE not in text
        assert "12345678" not in text.replace("87001234", "")


def test_no_line_starts_with_closing_punctuation(
    rendered: dict[tuple[str, str], bytes],
) -> None:
    for key, pdf in rendered.items():
        for page in PdfReader(io.BytesIO(pdf)).pages:
            for line in page.extract_text().splitlines():
                assert not line.strip().startswith(tuple(NO_LINE_START)), (key, line)


# -- receipt slip ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_receipt_lists_materials_times_and_people(fmt: str) -> None:
    data = samples.receipt()
    text = pdf_text(render_document(data, fmt))
    for line in data.materials:
        assert squash(line.name) in text
    for expected in (
        "收件回执单",
        "张伟",
        samples.MASKED_PHONE,
        "示范市青禾科技有限公司",
        "营业执照变更登记",
        "版本v3",
        "2026-11-26",
        "王芳",
        "2026-12-01",
        "2026-12-02",
        "09:00",
        squash(data.pickup_place),
        data.enquiry_phone,
        "办事人签名",
        "经办人签名",
        "原件",
        "复印件",
        "尚未收取",
    ):
        assert expected in text, expected
    assert squash(data.calendar_warning) in text
    assert squash(data.notes) in text


def test_receipt_without_warning_or_pickup_time_still_reads_well() -> None:
    data = dataclasses.replace(
        samples.receipt(),
        calendar_warning="",
        pickup_at=None,
        due_at=None,
        notes="",
        visitor_name="",
    )
    text = pdf_text(render_document(data, "a5"))
    assert "注意" not in text
    assert "办结后另行通知" in text
    assert "即时办结" in text
    assert "（匿名）" in text


def test_fifty_materials_take_two_a4_pages_with_the_header_repeated() -> None:
    data = receipt_with(50)
    pdf = render_document(data, "a4")
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 2
    text = pdf_text(pdf)
    for line in data.materials:
        assert squash(line.name) in text
    second = squash(pages[1].extract_text())
    assert "材料名称" in second and "原件/复印件" in second
    assert "第2页/共2页" in second


def test_roll_slip_grows_with_the_materials_and_stays_one_page() -> None:
    heights = []
    for count in (3, 20, 50):
        pdf = render_document(receipt_with(count), "80mm")
        sizes = page_sizes(pdf)
        assert len(sizes) == 1
        heights.append(sizes[0][1])
        text = pdf_text(pdf)
        assert f"（第{count}份）" in text
    assert heights[0] < heights[1] < heights[2]


@pytest.mark.parametrize("fmt", FORMATS)
def test_long_names_wrap_inside_cells_and_nothing_is_lost(fmt: str) -> None:
    long_name = "关于申请人名下位于示范市人民路八十八号三幢二零一室房屋的不动产权属证明及其附图" * 3
    data = dataclasses.replace(
        samples.receipt(),
        materials=(
            MaterialLine(long_name, True, 1, 12, note="附图须与原件核对一致"),
            MaterialLine("ApplicationFormForChangeOfRegistration" * 3, False, 2, 3),
        ),
    )
    text = pdf_text(render_document(data, fmt))
    assert squash(long_name) in text
    assert "ApplicationFormForChangeOfRegistration" * 3 in text
    assert "附图须与原件核对一致" in text


def test_a_cell_taller_than_a_page_continues_overleaf() -> None:
    huge = "超长材料名称" * 600
    data = dataclasses.replace(samples.receipt(), materials=(MaterialLine(huge, True, 1),))
    text = pdf_text(render_document(data, "a4"))
    assert text.count("超") == 600


# -- barcodes -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_qr_and_code128_decode_to_the_case_number(fmt: str, tmp_path: Path) -> None:
    image_module = pytest.importorskip("PIL.Image")
    zxingcpp = pytest.importorskip("zxingcpp")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(render_document(samples.receipt(), fmt))
    subprocess.run(
        [
            pdftoppm,
            "-r",
            "200",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    with image_module.open(tmp_path / "page.png") as image:
        found = {(r.format, r.text) for r in zxingcpp.read_barcodes(image)}
    assert (zxingcpp.BarcodeFormat.QRCode, CASE) in found
    assert (zxingcpp.BarcodeFormat.Code128, CASE) in found


# -- notices --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_time_notice_lists_everything_at_once(fmt: str) -> None:
    data = samples.notice("notice")
    text = pdf_text(render_document(data, fmt))
    for line in data.materials:
        assert squash(line.name) in text
    for step in data.steps:
        assert squash(step) in text
    for expected in (
        "一次性告知单",
        "营业执照变更登记",
        "版本v3",
        "3个工作日",
        squash(data.department),
        data.fees,
        squash(data.legal_basis),
        squash(data.office_hours),
        "尚缺",
        "告知人",
        "办事人签收",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_supplement_notice_names_what_is_missing(fmt: str) -> None:
    data = samples.notice("supplement")
    text = pdf_text(render_document(data, fmt))
    assert "补正通知书" in text and "需补正的材料（2项）" in text
    for name in data.missing:
        assert squash(name) in text
    assert "暂停计算" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_refusal_notice_gives_reason_and_remedy(fmt: str) -> None:
    data = samples.notice("refusal")
    text = pdf_text(render_document(data, fmt))
    assert "不予受理通知书" in text
    assert squash(data.reason) in text
    assert "行政复议" in text and "行政诉讼" in text


def test_instant_notice_without_case_number() -> None:
    data = dataclasses.replace(
        samples.notice("notice"), case_number=None, instant=True, item_version=None, missing=()
    )
    text = pdf_text(render_document(data, "a4"))
    assert "即办件" in text
    assert "版本" not in text
    assert CASE not in text


def test_unknown_notice_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="notice kind"):
        dataclasses.replace(samples.notice(), kind="warning")


# -- transfer, referral, hazard, history ----------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_transfer_slip_has_both_sides_and_sign_lines(fmt: str) -> None:
    data: TransferData = samples.transfer()
    text = pdf_text(render_document(data, fmt))
    for expected in (
        "转办单",
        squash(data.subject),
        squash(data.description),
        data.from_department,
        data.to_department,
        data.to_staff,
        data.from_staff,
        "签收人签名",
        "签收时间",
        "退回理由",
        "转出人签名",
        "2026-11-27",
        "2026-12-01",
        samples.MASKED_PHONE,
        squash(data.note),
    ):
        assert expected in text, expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_referral_slip_says_where_to_go(fmt: str) -> None:
    data: ReferralData = samples.referral()
    text = pdf_text(render_document(data, fmt))
    for expected in (
        "告知去向单",
        squash(data.place),
        squash(data.contact),
        data.clerk,
        squash(data.note),
        "不属于本单位职责范围",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_hazard_report_has_a_24_hour_verification_section(fmt: str) -> None:
    data: HazardData = samples.hazard()
    text = pdf_text(render_document(data, fmt))
    for expected in (
        "安全隐患报告单",
        "24小时内核实",
        "2026-11-27",
        "14:40",
        "核实人",
        "核实时间",
        "处置措施",
        squash(data.location),
        squash(data.description),
        squash(data.supervisor),
        "139****2468",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_history_lists_every_event(fmt: str) -> None:
    data: HistoryData = samples.history()
    text = pdf_text(render_document(data, fmt))
    assert "事项办理记录" in text and data.status in text
    for event in data.events:
        assert event.at.strftime("%Y-%m-%d%H:%M") in text
        assert squash(event.detail) in text


def test_long_history_flows_over_pages() -> None:
    start = datetime(2026, 11, 26, 9, 0)
    events = tuple(
        HistoryLine(start + timedelta(minutes=7 * i), "王芳", "催办", f"第{i}次电话催办")
        for i in range(120)
    )
    data = dataclasses.replace(samples.history(), events=events)
    pdf = render_document(data, "a4")
    assert len(page_sizes(pdf)) > 1
    text = pdf_text(pdf)
    assert all(f"第{i}次电话催办" in text for i in range(120))


# -- formats, dispatch, logo, purity ------------------------------------------------------


@pytest.mark.parametrize("fmt", ["a3", "letter", "58mm", ""])
def test_unknown_format_raises_a_clear_value_error(fmt: str) -> None:
    with pytest.raises(ValueError, match=r"unknown page format.*a4, a5, 80mm"):
        render_document(samples.receipt(), fmt)


def test_format_names_are_case_insensitive() -> None:
    assert page_sizes(render_document(samples.referral(), "A5"))[0] == pytest.approx(
        page_sizes(render_document(samples.referral(), "a5"))[0]
    )


def test_unknown_data_type_is_rejected() -> None:
    with pytest.raises(TypeError, match="ReceiptData"):
        render_document(object(), "a4")  # type: ignore[arg-type]


def test_same_data_gives_the_same_bytes() -> None:
    assert render_document(samples.hazard(), "a5") == render_document(samples.hazard(), "a5")


@pytest.mark.parametrize("fmt", FORMATS)
def test_logo_is_drawn_and_a_missing_logo_is_skipped(fmt: str, tmp_path: Path) -> None:
    image_module = pytest.importorskip("PIL.Image")
    logo = tmp_path / "logo.png"
    image_module.new("RGB", (240, 120), (180, 20, 20)).save(logo)
    org = dataclasses.replace(samples.ORG, logo_path=str(logo))
    with_logo = render_document(dataclasses.replace(samples.receipt(), org=org), fmt)
    assert b"/Subtype /Image" in with_logo
    gone = dataclasses.replace(samples.ORG, logo_path=str(tmp_path / "missing.png"))
    without = render_document(dataclasses.replace(samples.receipt(), org=gone), fmt)
    assert "收件回执单" in pdf_text(without)


def test_a_long_footer_is_shortened_and_keeps_the_page_number() -> None:
    org = dataclasses.replace(samples.ORG, footer="首问负责制监督投诉电话12345，" * 12)
    pdf = render_document(dataclasses.replace(samples.history(), org=org), "a5")
    text = pdf_text(pdf)
    assert "…" in text
    assert "第1页/共1页" in text


def test_a_damaged_logo_never_stops_printing(tmp_path: Path) -> None:
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not an image")
    org = dataclasses.replace(samples.ORG, logo_path=str(broken))
    pdf = render_document(dataclasses.replace(samples.transfer(), org=org), "a5")
    assert "转办单" in pdf_text(pdf)


@pytest.mark.slow  # a whole register swept, or pages decoded, or a wait across windows
def test_a_very_long_roll_is_split_into_printable_lengths() -> None:
    start = datetime(2026, 11, 26, 9, 0)
    events = tuple(
        HistoryLine(start + timedelta(minutes=i), "李强", "备注", f"第{i}条现场核验记录")
        for i in range(800)
    )
    pdf = render_document(dataclasses.replace(samples.history(), events=events), "80mm")
    sizes = page_sizes(pdf)
    assert len(sizes) > 1
    assert all(w == pytest.approx(ROLL_WIDTH, abs=0.05) and h <= 14400 for w, h in sizes)
    assert "第799条现场核验记录" in pdf_text(pdf)


def test_dataclasses_are_frozen_and_sequences_become_tuples() -> None:
    data = dataclasses.replace(samples.receipt(), materials=list(samples.MATERIALS))
    assert isinstance(data.materials, tuple)
    notice = dataclasses.replace(samples.notice(), steps=["a"], missing=["b"])
    assert notice.steps == ("a",) and notice.missing == ("b",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.case_number = "x"  # type: ignore[misc]
    assert NoticeData.__dataclass_fields__["kind"].default == "notice"


@pytest.mark.slow
def test_documents_import_neither_qt_nor_the_database() -> None:
    code = (
        "import sys, documents.render, bench.document_samples\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'peewee', 'models', 'gui')]\n"
        "print(','.join(bad))\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, encoding="utf-8", check=True
    )
    assert out.stdout.strip() == ""
