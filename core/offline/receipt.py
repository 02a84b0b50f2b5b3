"""What a receipt says about offline registration: the provisional number printed offline
and how the visitor learns the final one; and, printed again later, the provisional number
the case was registered under (docs/offline.md)."""

from __future__ import annotations

from core.offline.numbers import is_provisional, station_of
from models.database import db


def provisional_text(number: str, enquiry_phone: str) -> str:
    """The note on a receipt printed while the server was unreachable."""
    ask = f"，或拨打咨询电话 {enquiry_phone}" if enquiry_phone else ""
    return (f"临时编号：本事项在服务器连接中断时由 {station_of(number)} 窗口离线登记，"
            "已保存在本机，系统恢复后自动转为正式事项编号，承诺时限从本回执的收件时间起算。"
            f"正式编号请凭本回执（扫描或报出临时编号）在任一窗口查询{ask}；"
            "取件、查询时出示本回执即可，无需再次提交材料。")


def receipt_note(number: str, case_id: int, enquiry_phone: str) -> str:
    """The note for a receipt of this case: the provisional one offline, the former
    provisional number once it has its final one, else ""."""
    if is_provisional(number):
        return provisional_text(number, enquiry_phone)
    try:
        row = db.execute_sql(f"SELECT alias FROM case_alias WHERE case_id = {db.param}",
                             (case_id,)).fetchone()
    except Exception:  # noqa: BLE001 — a register of an older schema has no aliases
        return ""
    if row is None:
        return ""
    return f"本事项离线登记时的临时编号为 {row[0]}，现正式编号为 {number}，两者均可查询。"
