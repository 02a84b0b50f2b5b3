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

from core.excel_io import SheetError

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
