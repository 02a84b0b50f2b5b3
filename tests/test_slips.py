"""Slips printed from real cases: what the visitor takes home says the right things (rule 5)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.cases import workflow as wf
from core.dto import MaterialInput, Scope
from core.errors import DomainError
from tests.helpers import DEMO_ADMIN, make_item, render_case, walk_in
from tests.subprocesses import OUTPUT_ENCODING, program_env

ROOT = Path(__file__).resolve().parent.parent


def text(pdf: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_receipt_lists_materials_pickup_and_masks_phone(org, clock):
    item = make_item(org.market, days=3)
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market), item_id=item.id,
                  materials=(MaterialInput("《变更登记申请书》", True, 1, 3),
                             MaterialInput("法定代表人身份证复印件", False, 1, 1)))
    t = text(render_case(ref.id, "receipt", "a5"))
    for needle in (ref.number, "收件回执单", "张三", "138****8000", "《变更登记申请书》",
                   "法定代表人身份证复印件", "2026-12-01", "测试市政务服务中心", "王五"):
        assert needle in t, needle
    assert "13800138000" not in t
    # Pick-up from the first working day after the promised completion (Tue 1 Dec → Wed 2 Dec).
    assert "2026-12-02" in t


def test_one_time_notice_names_the_item_version_and_what_is_missing(org, clock):
    item = make_item(org.market)
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id,
                  materials=(MaterialInput("《变更登记申请书》", True, 1, 3),))
    t = text(render_case(ref.id, "notice", "a4"))
    assert "一次性告知" in t and "企业名称变更登记" in t
    assert "v1" in t or "版本" in t
    assert "法定代表人身份证复印件" in t  # still missing for this visitor
    assert "《市场主体登记管理条例》" in t


def test_transfer_slip_hides_a_complainants_identity(org, clock):
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market), kind="complaint",
                  name="钱举报", phone="13912345678", subject="窗口人员态度生硬")
    t = text(render_case(ref.id, "transfer", "a4"))
    assert "转办单" in t and ref.number in t and "市场监管窗口" in t
    assert "钱举报" not in t and "5678" not in t


def test_referral_and_history_and_refused_documents(org, clock):
    ref = walk_in(org.clerk, Scope("refer", place="市出入境管理局办证大厅", contact="0571-87654321"))
    assert "市出入境管理局办证大厅" in text(render_case(ref.id, "referral", "80mm"))
    own = walk_in(org.clerk, Scope("own"))
    wf.resolve(org.clerk, own.id, "已当场办结")
    history = text(render_case(own.id, "history", "a4"))
    assert "登记" in history and "办结" in history and "已当场办结" in history
    with pytest.raises(DomainError):
        render_case(own.id, "transfer")  # never transferred
    with pytest.raises(DomainError):
        render_case(own.id, "hazard")  # not a hazard
    with pytest.raises(ValueError):
        render_case(own.id, "receipt", "letter")


def test_hazard_report_has_the_24_hour_line(org, clock):
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market), kind="hazard",
                  subject="二楼楼梯扶手松动")
    t = text(render_case(ref.id, "hazard", "a4"))
    assert "安全隐患报告单" in t and "24" in t and "2026-11-27" in t


@pytest.mark.slow
def test_print_command_writes_the_pdf(tmp_path):
    db = tmp_path / "x.db"
    env = program_env(tmp_path, **DEMO_ADMIN)
    subprocess.run([sys.executable, "main.py", "--db", str(db), "demo", "--cases", "20"],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    import sqlite3

    number = sqlite3.connect(db).execute('SELECT number FROM "case" LIMIT 1').fetchone()[0]
    out = tmp_path / "r.pdf"
    r = subprocess.run([sys.executable, "main.py", "--db", str(db), "print", "history", number,
                        "--out", str(out), "--format", "a5"], cwd=ROOT, env=env,
                       capture_output=True, encoding=OUTPUT_ENCODING, check=False)
    assert r.returncode == 0, r.stderr
    assert number in text(out.read_bytes())
    r = subprocess.run([sys.executable, "main.py", "--db", str(db), "print", "receipt",
                        "20000101-9999", "--out", str(out)], cwd=ROOT, env=env,
                       capture_output=True, encoding=OUTPUT_ENCODING, check=False)
    assert r.returncode == 1 and "找不到事项" in r.stderr


def test_prints_are_checked_and_on_record(org, clock):
    from core import audit
    from core.printing.slips import record_printed

    ref = walk_in(org.clerk, Scope("own"))
    record_printed(org.clerk, ref.id, "receipt", "a5")
    record_printed(org.clerk, ref.id, "history", "a4", how="pdf")
    rows = [(r.action, r.target) for r in audit.rows(limit=5)]
    assert ("printed", ref.number) in rows and ("saved_pdf", ref.number) in rows
    with pytest.raises(DomainError) as e:
        record_printed(org.auditor, ref.id, "receipt", "a5")
    assert e.value.code == "role_forbidden"
    with pytest.raises(DomainError):
        render_case(ref.id, "receipt", "a5", actor_id=org.auditor)
