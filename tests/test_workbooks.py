"""Every workbook that leaves the program, opened as an office would: widths from the content,
typed numbers and dates, a frozen header and an autofilter on every table sheet, a print
set-up, document properties; the streamed cells equal XlsxWriter's own; and LibreOffice
prints them without a single ### (docs/exports.md)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import xlsxwriter
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from core.admin.catalogue_xlsx import export_catalogue
from core.admin.staff_xlsx import export_staff
from core.exports import REGISTER_COLUMNS, ExportCancelled, export_register, export_tables
from core.infra.xlsx_book import (
    HEAD_WRAP,
    MAX_WIDTH,
    PADDING,
    WRAP_WIDTH,
    Book,
    Column,
    Typed,
    text_width,
)
from core.supervision import reports
from core.supervision.reports import accountability_data, accountability_tables, stat_tables
from core.supervision.statistics import Period, department_stats
from tests.month_data import NOW, build_month

NOVEMBER = Period.month("2026-11")
ORG = "测试市政务服务中心"
NARROWEST_WRAP = min(c.max_width or WRAP_WIDTH for c in REGISTER_COLUMNS if c.wrap)
"""A column of wrapped text may stop this wide (承办部门: 12); its text takes more lines."""


@pytest.fixture
def books(org, clock, tmp_path) -> dict[str, Path]:
    build_month(org, clock)
    stats = department_stats(NOVEMBER, list_limit=500, actor_id=None)
    out = {"register": tmp_path / "register.xlsx", "stats": tmp_path / "stats.xlsx",
           "accountability": tmp_path / "acc.xlsx", "catalogue": tmp_path / "cat.xlsx",
           "staff": tmp_path / "staff.xlsx"}
    export_register(NOVEMBER, out["register"], actor_id=org.leader)
    export_tables(stat_tables(stats), out["stats"], actor_id=org.leader)
    export_tables(accountability_tables(accountability_data(NOVEMBER, actor_id=None)), out["accountability"], actor_id=None)
    export_catalogue(out["catalogue"], actor_id=org.leader)
    export_staff(out["staff"], actor_id=org.admin)
    return out


def header_row(ws) -> int:
    """The bold header: the first row whose first cell is bold and shaded."""
    return next(r for r in range(1, 5) if ws.cell(r, 1).fill.fgColor.rgb not in (None, "00000000"))


def column_width(ws, c: int) -> float:
    """A column's width; XlsxWriter writes neighbours of equal width as one <col> range."""
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.min <= c <= dim.max and dim.width:
            return dim.width
    raise AssertionError(f"{ws.title}: no width for column {c}")


def shown_width(cell) -> int:
    """Characters the cell shows in its number format."""
    value = cell.value
    if cell.number_format == "0.0%":
        return len(f"{value * 100:.1f}%")
    if cell.number_format in ("0.0", "0.00"):
        return len(f"{value:.{len(cell.number_format) - 2}f}")
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, str):
        return text_width(value)
    return len(str(value))


def test_every_table_sheet_is_ready_for_an_office(books):
    for name, path in books.items():
        wb = load_workbook(path)
        assert wb.properties.title, name
        assert wb.properties.creator == ORG, name  # the organisation, not "openpyxl"
        assert wb.properties.created is not None
        for ws in wb.worksheets:
            if ws.title == "说明":  # the template's instructions: one column of lines
                continue
            head = header_row(ws)
            last = max(head, max(r for r in range(1, ws.max_row + 1)
                                 if ws.cell(r, 1).value is not None and r > head
                                 and ws.cell(r, 1).value not in ("合计",)
                                 and not str(ws.cell(r, 1).value).startswith("共 ")) if
                       ws.max_row > head else head)
            where = f"{name}/{ws.title}"
            assert ws.freeze_panes == f"A{head + 1}", where
            ncols = max(c for c in range(1, ws.max_column + 1) if ws.cell(head, c).value)
            assert ws.auto_filter.ref == f"A{head}:{get_column_letter(ncols)}{last}", where
            assert ws.print_title_rows == f"$1:${head}", where
            assert ws.sheet_properties.pageSetUpPr.fitToPage, where
            assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0, where
            assert ws.page_setup.paperSize == 9, where  # A4
            assert ORG in ws.oddHeader.left.text, where
            assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text, where
            total = 0.0
            for c in range(1, ncols + 1):
                letter = get_column_letter(c)
                width = column_width(ws, c)
                total += width
                cells = [ws.cell(r, c) for r in range(head, ws.max_row + 1)]
                wrap = ws.cell(head + 1, c).alignment.wrap_text if ws.max_row > head else False
                need = max(shown_width(x) for x in cells[1:] if x.value is not None) \
                    if any(x.value is not None for x in cells[1:]) else 0
                head_need = text_width(cells[0].value) + 1
                need = max(need, head_need if head_need <= HEAD_WRAP else head_need // 2)
                cap = (WRAP_WIDTH if wrap else MAX_WIDTH) + PADDING
                least = min(need + 1, NARROWEST_WRAP if wrap else cap)
                assert least <= width <= cap, (where, letter, need, width)
            wide = ws.page_setup.orientation == "landscape"
            assert wide == (total > 90 + 0.01 * ncols), (where, total)


def test_numbers_percentages_and_dates_are_typed(books):
    wb = load_workbook(books["stats"])
    summary = wb["概况"]
    head = header_row(summary)
    rows = {r[0].value: r[1] for r in summary.iter_rows(min_row=head + 1) if r[0].value}
    assert rows["登记事项"].value == 8 and rows["登记事项"].data_type == "n"
    assert rows["按时办结率"].value == pytest.approx(0.75)
    assert rows["按时办结率"].number_format == "0.0%"
    assert isinstance(rows["平均办结用时"].value, float)
    assert rows["平均办结用时"].number_format == "0.0"
    overdue = wb["超期事项"]
    due = overdue.cell(header_row(overdue) + 1, 7)
    assert isinstance(due.value, datetime) and due.number_format == "yyyy-mm-dd hh:mm"
    register = load_workbook(books["register"]).active
    first = register.cell(header_row(register) + 1, 2)
    assert first.value == datetime(2026, 11, 23, 9, 0)
    assert first.number_format == "yyyy-mm-dd hh:mm"
    assert register.cell(header_row(register) + 1, 18).data_type == "n"  # 来访次数


def test_properties_say_what_when_and_who(books):
    wb = load_workbook(books["register"])
    assert wb.properties.title == "事项登记簿 2026年11月"
    created = wb.properties.created  # stored in UTC; the register's clock is local time
    assert created.replace(tzinfo=UTC) == NOW.astimezone(UTC)
    ws = wb.active
    assert ws.oddHeader.right.text == "2026年11月"
    assert "事项登记簿" in ws.oddHeader.center.text
    assert ws.page_setup.orientation == "landscape"  # 21 columns


def test_streamed_cells_equal_xlsxwriters_own(tmp_path):
    """The fast path writes what XlsxWriter's per-cell API writes (a guard against a change
    inside XlsxWriter)."""
    columns = [Column("文字"), Column("整数", "int"), Column("比率", "percent"),
               Column("时间", "datetime"), Column("日期", "date"), Column("说明", wrap=True),
               Column("数值", "typed")]
    rows = [
        ("张三 & <李四>", 3, 0.925, datetime(2026, 11, 23, 9, 30), date(2026, 11, 23),
         "第一行\n第二行", Typed(0.5, "percent")),
        ("=SUM(A1)", 0, None, None, None, " 前后有空格 ", Typed(12.5, "decimal")),
        ("控制\x07字符", -5, 1.0, datetime(2026, 1, 1), date(2027, 1, 1), "", Typed(None, "int")),
    ]
    fast = tmp_path / "fast.xlsx"
    with Book(fast, title="t", org=ORG) as book:
        book.table("表", columns, rows)
    plain = tmp_path / "plain.xlsx"
    wb = xlsxwriter.Workbook(str(plain), {"constant_memory": True})
    ws = wb.add_worksheet("表")
    formats = {f: wb.add_format({"num_format": n}) for f, n in
               (("int", "0"), ("percent", "0.0%"), ("datetime", "yyyy-mm-dd hh:mm"),
                ("date", "yyyy-mm-dd"), ("decimal", "0.0"))}
    quoted = wb.add_format({"quote_prefix": True})
    for c, col in enumerate(columns):
        ws.write_string(0, c, col.head)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            fmt = formats.get(columns[c].fmt)
            if isinstance(value, Typed):
                if value.value is not None:
                    ws.write_number(r, c, value.value, formats[value.fmt])
            elif isinstance(value, str):
                text = value.replace("\x07", "")
                if text:
                    ws.write_string(r, c, text, quoted if text[0] == "=" else fmt)
            elif isinstance(value, datetime | date):
                ws.write_datetime(r, c, value, fmt)
            elif value is not None:
                ws.write_number(r, c, value, fmt)
    wb.close()
    a, b = load_workbook(fast).active, load_workbook(plain).active
    for r in range(2, 5):
        for c in range(1, len(columns) + 1):
            x, y = a.cell(r, c), b.cell(r, c)
            assert (x.value, x.data_type, x.quotePrefix) == (y.value, y.data_type, y.quotePrefix), \
                (r, c)
            if x.value is not None and not isinstance(x.value, str):
                assert x.number_format == y.number_format, (r, c)


def test_wrapped_text_rows_carry_their_height(tmp_path):
    """Neither LibreOffice nor Excel fits a row to wrapped text when the file opens: a row
    whose long text wraps is written as high as its lines, a row of short text keeps the
    default, and a long header makes the header row two lines high."""
    columns = [Column("事项编号"), Column("单位", wrap=True, max_width=16),
               Column("转办退回次数", "int"), Column("办理结果", wrap=True, max_width=30)]
    long_unit = "浙江恒远建设工程有限公司杭州"  # 14 CJK: 28 in a column of 18, two lines
    long_result = "已一次性告知所需材料、办理流程和时限，" * 3  # 57 CJK: 114 in 32, four lines
    rows = [("20261130-0001", "杭州文渊印务", 0, "已办结"),
            ("20261130-0002", long_unit, 1, "已办结"),
            ("20261130-0003", "某单位", 0, long_result),
            ("20261130-0004", "某单位", 0, "第一行\n第二行\n第三行")]
    path = tmp_path / "wrap.xlsx"
    with Book(path, title="t", org=ORG) as book:
        book.table("表", columns, rows, caption=("标题",))
    ws = load_workbook(path).active
    assert ws.row_dimensions[2].height == 30  # 转办退回次数: a header of two lines
    # the capped widths (XlsxWriter stores a width with its cell padding: 18 → 18.71)
    assert int(column_width(ws, 2)) == 16 + PADDING and int(column_width(ws, 4)) == 30 + PADDING
    heights = [ws.row_dimensions[r].height for r in range(3, 7)]
    assert heights == [None, 30, 60, 45]
    for r in range(3, 7):
        assert ws.cell(r, 2).alignment.wrap_text and ws.cell(r, 4).alignment.wrap_text


def test_a_cancelled_export_leaves_no_file_and_no_audit(org, clock, tmp_path):
    from core import audit

    build_month(org, clock)
    out = tmp_path / "register.xlsx"
    seen = []

    def stop(done: int, total: int) -> None:
        seen.append((done, total))
        raise ExportCancelled

    with pytest.raises(ExportCancelled):
        export_register(NOVEMBER, out, actor_id=org.leader, progress=stop)
    assert seen == [(8, 8)] and not out.exists()
    assert list(tmp_path.glob("*.xlsx")) == []
    assert not audit.rows(action="export.register")


def test_a_department_head_exports_their_department_only(org, clock, tmp_path):
    build_month(org, clock)
    out = tmp_path / "register.xlsx"
    n = export_register(NOVEMBER, out, actor_id=org.head)
    ws = load_workbook(out).active
    head = [c.value for c in ws[3]]
    deps = {r[head.index("承办部门")] for r in ws.iter_rows(min_row=4, values_only=True)}
    assert n == ws.max_row - 3 and deps == {"市场监管窗口"}
    assert "（市场监管窗口）" in ws["A1"].value


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed: .ci/run installs libreoffice-calc "
                    "where the Debian package is available")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return found


@pytest.mark.slow
def test_libreoffice_prints_every_workbook_without_hashes(books, tmp_path):
    """A cell too narrow for its number or date prints as ###; none may."""
    office = soffice()
    out = tmp_path / "pdf"
    profile = tmp_path / "lo-profile"
    subprocess.run([office, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out),
                    *(str(p) for p in books.values())],
                   check=True, capture_output=True, timeout=240)
    for name, path in books.items():
        pdf = out / f"{path.stem}.pdf"
        assert pdf.is_file(), name
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout
        assert "###" not in text, name
        assert ORG in text, name  # the page header
    stats = subprocess.run(["pdftotext", "-layout", str(out / "stats.pdf"), "-"], check=True,
                           capture_output=True, text=True).stdout
    for expected in ("统计期间：2026-11-01 至 2026-11-30", "截至 2026-12-01 14:00", "75.0%",
                     "2026-11-30 17:30", "第 1 页，共"):
        assert expected in stats, expected


def test_monthly_report_tables_name_their_moment(books):
    wb = load_workbook(books["stats"])
    for ws in wb.worksheets:
        line = ws["A2"].value
        if ws.title in ("超期事项", "即将到期"):
            assert line.startswith("截至 2026-12-01 14:00"), ws.title
        else:
            assert line.startswith("统计期间："), ws.title
    assert reports.DEFINITIONS[-1].startswith("“截至”")
