"""Slips of real cases say what happened, when it happened: a 补正通知书 only after materials
were asked for, listing them with the handler's note and time; a notice's 告知时间 is when the
visitor was told; an instant item's receipt has no pickup time; the print command names the
paper to the spooler."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime

import pytest
from pypdf import PdfReader

from core.admin.catalogue import MaterialSpec, save_item
from core.cases import workflow as wf
from core.cases.detail import case_detail
from core.dto import MaterialInput, Scope
from core.printing.slips import SlipError, notice_data, receipt_data
from tests.helpers import make_item, render_case, walk_in


def text(pdf: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\n", "")


def test_a_supplement_notice_only_after_materials_were_asked_for(org, clock):
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market),
                  item_id=make_item(org.market).id)
    with pytest.raises(SlipError) as e:
        render_case(ref.id, "supplement", "a4")
    assert "没有补正告知记录" in e.value.message() and ref.number in e.value.message()
    wf.accept(org.handler, ref.id)
    clock.set(datetime(2026, 11, 27, 10, 15))
    wf.request_materials(org.handler, ref.id, ["股东会决议原件"], "决议须全体股东签字")
    clock.set(datetime(2026, 11, 30, 16, 0))  # printed again days later
    data = notice_data(case_detail(ref.id), kind="supplement")
    assert data.missing == ("股东会决议原件",) and data.note == "决议须全体股东签字"
    assert (data.issued_at, data.clerk) == (datetime(2026, 11, 27, 10, 15), "李四")
    t = text(render_case(ref.id, "supplement", "a5"))
    assert "需补正的材料（1 项）" in t and "补正说明：决议须全体股东签字" in t
    assert "2026-11-27（周五）10:15" in t and "2026-11-30" not in t


def test_a_notice_is_dated_when_the_visitor_was_told(org, clock):
    ref = walk_in(org.clerk, Scope("own"), item_id=make_item(org.market).id)
    clock.set(datetime(2026, 12, 3, 15, 0))
    data = notice_data(case_detail(ref.id))
    assert data.issued_at == datetime(2026, 11, 26, 9, 30) and data.clerk == "王五"


def test_an_instant_items_receipt_says_done_on_the_spot(org, clock):
    item = make_item(org.market, instant=True, code="SC-T05", name="个体工商户登记")
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id,
                  materials=(MaterialInput("经营者身份证", True, 1, 1),))
    assert receipt_data(case_detail(ref.id)).instant
    t = text(render_case(ref.id, "receipt", "80mm"))
    assert "承诺办结当场办结" in t.replace(" ", "") and "取件时间当场办结" in t.replace(" ", "")
    assert "2026-11-27" not in t  # no "come back tomorrow 09:00"


def test_a_case_notice_marks_optional_conditional_and_unstated(org, clock):
    item = make_item(org.market)
    save_item(replace(item, fees="", instant=None, materials=(
        MaterialSpec("申请书", "original", 1),
        MaterialSpec("委托书", "original", 1, "conditional", condition="委托他人办理的"),
        MaterialSpec("营业执照", "original_and_copy", None, "optional"),
    )), actor_id=None)
    ref = walk_in(org.clerk, Scope("own"), item_id=item.id)
    t = text(render_case(ref.id, "notice", "a4")).replace(" ", "")
    assert "有条件：委托他人办理的" in t and "非必需" in t and "原件及复印件" in t
    assert "收费标准以窗口告知为准" in t and "※办事指南未注明" in t and "不收费" not in t
    # Only the always-required material counts as missing for this visitor.
    assert notice_data(case_detail(ref.id)).missing == ("申请书",)
