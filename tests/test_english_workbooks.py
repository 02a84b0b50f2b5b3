"""Workbooks exported from an English window (issue 16): sheet names, captions, headers, the
period line, the vocabulary in the cells (statuses, channels, kinds, yes/no, forms), the drop-down
lists, the page header and footer and the file's properties are English when the register's own
data is English; each has its control in Chinese. A template exported in English imports back
unchanged, and the Chinese templates still import."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from core.admin.catalogue_xlsx import export_catalogue, read_catalogue
from core.admin.staff_xlsx import export_staff, import_staff
from core.exports import export_register, export_tables
from core.supervision.reports import accountability_data, accountability_tables, stat_tables
from core.supervision.statistics import Period, department_stats
from models.tables import Staff
from tests.test_english_paper import HAN, riverside  # noqa: F401 — the English register

NOVEMBER = Period.month("2026-11")


def texts(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) of everything a user sees of a workbook, in Excel or on paper."""
    wb = load_workbook(path)
    props = wb.properties
    for name in ("title", "subject", "description"):
        yield f"property {name}", str(getattr(props, name) or "")
    for ws in wb.worksheets:
        yield "sheet name", ws.title
        for part in ("left", "center", "right"):
            yield f"{ws.title} header", str(getattr(ws.oddHeader, part).text or "")
            yield f"{ws.title} footer", str(getattr(ws.oddFooter, part).text or "")
        for dv in ws.data_validations.dataValidation:
            yield f"{ws.title} drop-down", str(dv.formula1 or "")
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    yield f"{ws.title}!{cell.coordinate}", cell.value


def han_in(path: Path) -> list[tuple[str, str]]:
    return [(where, text) for where, text in texts(path) if HAN.search(text)]


def exports(riverside_ids: dict, folder: Path, lang: str) -> dict[str, Path]:
    """Every workbook the program writes, exported by the leader (the admin for staff)."""
    leader = riverside_ids["leader"]
    out = {name: folder / f"{name}-{lang}.xlsx" for name in
           ("statistics", "accountability", "register", "catalogue", "staff")}
    stats = department_stats(NOVEMBER, None, actor_id=leader)
    export_tables(stat_tables(stats, lang), out["statistics"], actor_id=leader)
    data = accountability_data(NOVEMBER, None, include_pending=True, actor_id=leader, lang=lang)
    export_tables(accountability_tables(data), out["accountability"], actor_id=leader)
    assert export_register(NOVEMBER, out["register"], actor_id=leader, lang=lang) == 5
    export_catalogue(out["catalogue"], actor_id=leader, lang=lang)
    admin = Staff.get(Staff.username == "admin").id
    export_staff(out["staff"], actor_id=admin, lang=lang)
    return out


def test_every_workbook_exported_in_english_has_no_chinese(riverside, tmp_path):  # noqa: F811
    for name, path in exports(riverside, tmp_path, "en").items():
        assert han_in(path) == [], name
    found = dict(texts(tmp_path / "register-en.xlsx"))
    assert {"Case register", "Status", "Kind", "Channel"} <= set(found.values())
    assert "Page &P of &N" in found["Case register footer"]


def test_control_the_same_workbooks_in_chinese_are_chinese(riverside, tmp_path):  # noqa: F811
    for name, path in exports(riverside, tmp_path, "zh").items():
        assert han_in(path), name


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_template_exported_in_either_language_imports_back_unchanged(riverside, tmp_path,  # noqa: F811
                                                                       lang):
    out = exports(riverside, tmp_path, lang)
    plan = read_catalogue(out["catalogue"])
    assert plan.problems == ()
    assert plan.count("unchanged") == len(plan.items) == 1
    admin = Staff.get(Staff.username == "admin").id
    done = import_staff(out["staff"], actor_id=admin)
    assert done.created == done.updated == ()
    assert len(done.unchanged) == Staff.select().count()


def test_english_sheet_words_read_back_as_the_same_values(riverside, tmp_path):  # noqa: F811
    """Yes/No, working days, Original (shown, returned), Conditional: what an English template
    writes in its cells means what the Chinese words mean."""
    from core.admin.guide_values import parse_form, parse_requirement, parse_unit

    assert parse_form("Original (shown, returned)") == parse_form("原件（查验）")
    assert parse_form("Original and copy") == parse_form("原件及复印件")
    assert parse_requirement("Conditional") == parse_requirement("有条件")
    assert parse_unit("calendar days") == parse_unit("自然日")
    wb = load_workbook(exports(riverside, tmp_path, "en")["catalogue"])
    assert wb.sheetnames == ["Items", "Materials", "Help"]
    assert [c.value for c in wb["Items"][1]][:4] == ["Item code", "Item name", "Department",
                                                     "Instant"]
    assert re.search(r"Conditional", str([c.value for c in wb["Materials"]["F"]]))
