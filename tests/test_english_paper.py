"""Paper in English (issue 16): every slip, the monthly report and the accountability list
printed from an English window say nothing in Chinese when the register's own data is English
— the document's words follow the person printing, register data stays as entered. Each test
has its control: the same paper in Chinese does hold Chinese. The PDFs are read with pdftotext,
as a user's viewer shows them."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from bench import document_samples as samples
from core.admin.catalogue import ItemInfo, MaterialSpec, save_item
from core.admin.organisation import init_organisation
from core.admin.staff import create_staff
from core.cases import workflow as wf
from core.cases.intake import register_case
from core.dto import IntakeForm, MaterialInput, Scope
from core.printing.slips import KINDS, case_paper
from core.supervision import accountability as acc
from core.supervision.reports import accountability_paper, monthly_report_paper
from core.supervision.statistics import Period
from documents.render import FORMATS, render, render_document
from models.tables import Department
from tests.conftest import PASSWORD

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")
"""Chinese characters, CJK punctuation and full-width forms (（ ）：， …): none may be left."""

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


def pdf_text(pdf: bytes) -> str:
    """The text in content order (a table cell's wrapped lines stay together)."""
    return subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")


def han(pdf: bytes) -> str:
    """The Chinese characters a PDF shows, each once."""
    return "".join(sorted(set(HAN.findall(pdf_text(pdf)))))


# ---- the renderers: every document, every format ----------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", list(samples.english_data()))
def test_every_slip_in_english_has_no_chinese(stem, fmt):
    data = samples.english_data()[stem]
    pdf = render_document(data, fmt)
    assert han(pdf) == ""
    text = pdf_text(pdf)
    assert data.case_number in text
    assert "Page 1 of" in text or fmt == "80mm"


@pytest.mark.parametrize("stem", list(samples.sample_data()))
def test_control_the_same_slips_in_chinese_are_chinese(stem):
    pdf = render_document(samples.sample_data()[stem], "a5")
    assert han(pdf)
    assert "第 1 页" in pdf_text(pdf)


def test_an_english_window_prints_chinese_register_data_as_entered():
    """Only the program's words change: a Chinese item name typed into the register prints
    as it was typed, wrapped inside its cell."""
    data = samples.english_data()["receipt"]
    pdf = render_document(samples.dataclass_replace(data, service_item="营业执照变更登记"), "80mm")
    assert set(han(pdf)) == set("营业执照变更登记")


# ---- through core: a register whose own data is English ---------------------------------

@pytest.fixture
def riverside(sqlite_target, clock):
    """An English organisation with a case for every slip: a receipt, a notice and a
    supplement, a transfer, a referral, a hazard; late hand-overs and a commendation."""
    init_organisation("Riverside Service Centre", "service_centre", "admin", "Ada Admin",
                      PASSWORD, with_departments=False)
    front = Department.create(name="Front desk").id
    market = Department.create(name="Market office").id
    safety = Department.create(name="Safety office", is_safety=True).id
    clerk = create_staff("wang", "Wang Wu", "clerk", PASSWORD, front, "Window 1").id
    handler = create_staff("li", "Li Si", "handler", PASSWORD, market).id
    create_staff("zhou", "Zhou Ba", "dept_head", PASSWORD, safety)
    leader = create_staff("zheng", "Zheng Shi", "leader", PASSWORD, None).id
    item = save_item(ItemInfo(
        id=None, code="RS-01", name="Business name change", department_id=market, department="",
        instant=False, promised_days=3, legal_days=15, fees="free", steps=("apply", "decide"),
        legal_basis="Regulation 1", location="Hall B",
        materials=(MaterialSpec("Application form", True, 1), MaterialSpec("ID copy", False, 1),
                   MaterialSpec("Lease", "", None, "conditional", condition="if rented"))),
        actor_id=None)

    def walk_in(subject: str, scope: Scope, kind: str = "application", **more) -> int:
        return register_case(clerk, IntakeForm(
            channel="visit", kind=kind, subject=subject, visitor_name="Zhang San",
            visitor_phone="13800138000", visitor_unit="Acme Ltd",
            service_item_id=item.id if kind == "application" else None,
            materials=(MaterialInput("Application form", True, 1, 2),
                       MaterialInput("ID copy", received=False)) if kind == "application" else (),
            description="Asked at the window", scope=scope, **more)).id

    cases = {
        "receipt": walk_in("Name change", Scope("own")),
        "transfer": walk_in("Licence renewal", Scope("transfer", department_id=market)),
        "referral": walk_in("Passport", Scope("refer", place="Exit-Entry Office, Hall 2",
                                                contact="0571-87654321"), kind="inquiry"),
        "hazard": walk_in("Loose handrail", Scope("transfer", department_id=safety),
                          kind="hazard", location="Main building, east stairs"),
    }
    cases["notice"] = cases["history"] = cases["receipt"]
    cases["supplement"] = walk_in("Another name change", Scope("own"))
    wf.request_materials(clerk, cases["supplement"], ["ID copy"], "Bring a copy, please")
    clock.advance(days=2)  # the hand-over waits past its limit: a late acceptance
    wf.accept(handler, cases["transfer"])
    wf.resolve(handler, cases["transfer"], "Renewed")
    acc.sync_recent()
    acc.commend(leader, clerk, "Stayed late for a visitor", cases["receipt"])
    return {"clerk": clerk, "handler": handler, "leader": leader, "cases": cases}


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_slip_of_a_case_printed_in_english_has_no_chinese(riverside, kind):
    case_id, clerk = riverside["cases"][kind], riverside["clerk"]
    for fmt in FORMATS:
        english = render(case_paper(case_id, kind, fmt, actor_id=clerk, lang="en"))
        assert han(english) == "", (kind, fmt)
    chinese = render(case_paper(case_id, kind, "a4", actor_id=clerk))
    assert han(chinese)  # the control: the program's words in Chinese


def test_the_english_receipt_says_what_core_words_in_english(riverside):
    text = pdf_text(render(case_paper(riverside["cases"]["receipt"], "receipt", "a4",
                                      actor_id=riverside["clerk"], lang="en")))
    for words in ("Receipt", "Visitor", "Zhang San", "Wang Wu (Window 1)", "Still to hand in",
                  "ID copy", "Original", "Page 1 of 1"):
        assert words in text, text


def test_the_english_notice_marks_what_the_guide_does_not_say(riverside):
    text = pdf_text(render(case_paper(riverside["cases"]["notice"], "notice", "a4",
                                      actor_id=riverside["clerk"], lang="en")))
    assert "Conditional: if rented" in text
    assert "Not stated in the service guide: ask at the window" in text
    assert "Within 3 working days" in text or "within 3 working days" in text


def test_monthly_report_and_accountability_list_in_english(riverside, clock):
    period = Period.month("2026-11")
    leader = riverside["leader"]
    for fmt in ("a4", "a5"):
        report = render(monthly_report_paper(period, None, fmt, actor_id=leader, lang="en"))
        assert han(report) == "", fmt
        listed = render(accountability_paper(period, None, fmt, include_pending=True,
                                             actor_id=leader, lang="en"))
        assert han(listed) == "", fmt
    text = " ".join((pdf_text(report) + pdf_text(listed)).split())  # cells wrap words
    for words in ("November 2026", "All departments", "Late acceptance", "Pending review",
                  "Stayed late for a visitor", "Definitions", "Overdue now 1 case "):
        assert words in text
    assert han(render(monthly_report_paper(period, None, "a4", actor_id=leader)))
    assert han(render(accountability_paper(period, None, "a4", include_pending=True,
                                           actor_id=leader)))
