"""What a receipt says about offline registration: the provisional number printed offline
and how the visitor learns the final one; and, printed again later, the provisional number
the case was registered under (docs/offline.md)."""

from __future__ import annotations

from core.errors import Term
from core.offline.numbers import is_provisional, station_of
from models.database import db

PROVISIONAL = Term("临时编号", "Provisional number")
"""How the note on an offline receipt begins (the receipt then labels its number so)."""


def provisional_text(number: str, enquiry_phone: str, lang: str = "zh") -> str:
    """The note on a receipt printed while the server was unreachable."""
    station = station_of(number)
    zh_ask = f"，或拨打咨询电话 {enquiry_phone}" if enquiry_phone else ""
    en_ask = f", or call {enquiry_phone}" if enquiry_phone else ""
    return Term(
        f"临时编号：本事项在服务器连接中断时由 {station} 窗口离线登记，"
        "已保存在本机，系统恢复后自动转为正式事项编号，承诺时限从本回执的收件时间起算。"
        f"正式编号请凭本回执（扫描或报出临时编号）在任一窗口查询{zh_ask}；"
        "取件、查询时出示本回执即可，无需再次提交材料。",
        f"Provisional number: this case was registered offline at window {station} while the "
        "server could not be reached. It is saved on this PC and receives its final case "
        "number when the system is back; the time limit runs from the time received on this "
        f"slip. Ask for the final number at any window with this slip (scan it or quote the "
        f"provisional number){en_ask}. Show this slip to collect or ask; nothing needs to be "
        "handed in again.").text(lang)


def receipt_note(number: str, case_id: int, enquiry_phone: str, lang: str = "zh") -> str:
    """The note for a receipt of this case: the provisional one offline, the former
    provisional number once it has its final one, else ""."""
    if is_provisional(number):
        return provisional_text(number, enquiry_phone, lang)
    try:
        row = db.execute_sql(f"SELECT alias FROM case_alias WHERE case_id = {db.param}",
                             (case_id,)).fetchone()
    except Exception:  # noqa: BLE001 — a register of an older schema has no aliases
        return ""
    if row is None:
        return ""
    return Term(f"本事项离线登记时的临时编号为 {row[0]}，现正式编号为 {number}，两者均可查询。",
                f"Registered offline under the provisional number {row[0]}; its case number "
                f"is now {number}. Either can be quoted.").text(lang)
