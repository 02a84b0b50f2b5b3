"""Opening an uploaded .xlsx safely: its size, the sizes its zip directory declares and its
row count are capped before and while it is parsed, so a "zip bomb" is refused unexpanded.

An .xlsx is a zip archive. Python's zipfile never inflates a member past the size the
directory declares (a member that lies fails its CRC check), so summing the declared sizes
bounds what parsing can expand to (docs/catalogue-import.md)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from core.errors import DomainError, english


def sheet_place(sheet: str | None, row: int | None, column: str | None, lang: str = "zh",
                column_word: str = "") -> str:
    """Where in a workbook something is, as a clerk reads it: 工作表“材料”第 5 行，E 列…"""
    if english(lang):
        parts = [f"sheet “{sheet}”" if sheet else "the file"]
        parts += [f"row {row}"] if row else []
        parts += [f"column {column}"] if column else []
        return ", ".join(parts)
    text = f"工作表“{sheet}”" if sheet else "文件"
    text += f"第 {row} 行" if row else ""
    return text + (f"，{column}{column_word}" if column else "")


class SheetError(DomainError):
    """A spreadsheet refused on import: names the sheet, row and column, and the problem.

    Raised before anything is written, so a refused file leaves the register unchanged.
    """

    def __init__(self, sheet: str, row: int | None, column: str | None, problem: str,
                 problem_en: str = "") -> None:
        self.sheet, self.row, self.column, self.problem = sheet, row, column, problem
        self.problem_en = problem_en or problem
        super().__init__("bad_sheet", at=column, sheet=sheet, row=row, column=column,
                         problem=problem)

    def where(self, lang: str = "zh") -> str:
        return sheet_place(self.sheet, self.row, self.column, lang, "列")

    def message(self, lang: str = "zh") -> str:
        if english(lang):
            return f"{self.where(lang)}: {self.problem_en} Nothing was imported."
        return f"{self.where(lang)}：{self.problem} 文件未导入任何内容。"


MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 2_000


def _refuse(zh: str, en: str) -> SheetError:
    return SheetError("", None, None, zh, en)


def check_xlsx(path: str | Path, *, max_bytes: int | None = None,
               max_uncompressed: int | None = None) -> None:
    """Refuse a file that is missing, too large, not a zip, or declares too much content."""
    max_bytes = MAX_FILE_BYTES if max_bytes is None else max_bytes
    max_uncompressed = MAX_UNCOMPRESSED_BYTES if max_uncompressed is None else max_uncompressed
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError as exc:
        raise _refuse(f"找不到文件：{path}", f"file not found: {path}") from exc
    if not p.is_file():
        raise _refuse(f"不是文件：{path}", f"not a file: {path}")
    if size > max_bytes:
        raise _refuse(f"文件过大（{size / 1048576:.1f} MB，上限 {max_bytes // 1048576} MB）。",
                      f"the file is too large ({size / 1048576:.1f} MB; limit "
                      f"{max_bytes // 1048576} MB).")
    try:
        with zipfile.ZipFile(p) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse(f"不是有效的 .xlsx 工作簿：{p.name}",
                      f"not a valid .xlsx workbook: {p.name}") from exc
    declared = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or declared > max_uncompressed:
        raise _refuse(f"文件解压后过大（声明 {declared / 1048576:.0f} MB，上限 "
                      f"{max_uncompressed // 1048576} MB），未读取。",
                      f"the file would expand to {declared / 1048576:.0f} MB (limit "
                      f"{max_uncompressed // 1048576} MB); it was not read.")


def open_workbook(path: str | Path, **limits: int) -> Any:
    """The checked workbook, read-only (rows stream from the file, nothing is kept whole)."""
    check_xlsx(path, **limits)
    try:
        return load_workbook(str(path), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError,
            TypeError) as exc:
        raise _refuse(f"不是有效的 .xlsx 工作簿：{Path(path).name}",
                      f"not a valid .xlsx workbook: {Path(path).name}") from exc
