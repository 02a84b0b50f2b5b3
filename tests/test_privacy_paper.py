"""The masking rule of the screens holds on paper and in searches: a clerk with no part in a
complaint prints its receipt with the complainant's name masked, and a search by name or
phone does not confirm who filed a complaint."""

from __future__ import annotations

from dataclasses import replace

from core.cases.queries import CaseFilter, first_page, visitor_history
from core.dto import Scope
from core.printing.slips import document_for
from tests.helpers import render_case, walk_in


def complaint(org):
    return walk_in(org.clerk, Scope("own"), kind="complaint", name="张三丰",
                   phone="13912345678", subject="窗口态度差")


def test_receipt_of_a_complaint_masks_the_name_for_an_unrelated_clerk(org):
    case = complaint(org)
    assert document_for(case.id, "receipt", org.clerk2).visitor_name == "张**"
    assert document_for(case.id, "receipt", org.clerk).visitor_name == "张三丰"  # first owner
    assert document_for(case.id, "receipt", org.leader).visitor_name == "张三丰"
    pdf = render_case(case.id, "receipt", "a5", actor_id=org.clerk2)
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert "张三丰" not in text


def test_name_and_phone_searches_do_not_reveal_a_complainant(org):
    complaint(org)
    walk_in(org.clerk, Scope("own"), name="张三丰", phone="13912345678", subject="营业执照")
    for text in ("张三丰", "13912345678"):
        other = CaseFilter(scope="all", text=text, viewer=org.clerk2)
        count, rows = first_page(other, 50)
        assert count == 1 and [r.kind for r in rows] == ["application"]
        mine = replace(other, viewer=org.clerk)  # the first owner may know
        assert first_page(mine, 50)[0] == 2
        assert first_page(replace(other, viewer=org.leader), 50)[0] == 2
    assert [r.kind for r in visitor_history("13912345678", viewer=org.clerk2)] == ["application"]
    assert len(visitor_history("13912345678", viewer=org.clerk)) == 2
