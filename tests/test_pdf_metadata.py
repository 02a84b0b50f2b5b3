"""PDFs say when they were made and by what program: a real CreationDate and ModDate (not
ReportLab's invariant 2000-01-01), the same bytes for the same content and time (tests pass
a fixed time; nothing is fixed for everyone)."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from pypdf import PdfReader

from bench import document_samples as samples
from bench import report_samples
from core.infra.version import __version__
from documents.monthly_report import render as render_report
from documents.render import render_document

WHEN = datetime(2026, 12, 1, 14, 5, 9)


def info(pdf: bytes):
    return PdfReader(io.BytesIO(pdf)).metadata


@pytest.mark.parametrize("fmt", ["a4", "80mm"])
def test_a_slip_carries_its_creation_time_and_program(fmt):
    pdf = render_document(samples.receipt(), fmt, created=WHEN)
    meta = info(pdf)
    assert meta.creation_date.replace(tzinfo=None) == WHEN
    assert meta.creation_date.utcoffset() == WHEN.astimezone().utcoffset()
    assert meta.modification_date == meta.creation_date
    assert meta.creator == f"首问台 FirstDesk {__version__}"
    assert meta.title.startswith("收件回执单") and meta.author
    assert render_document(samples.receipt(), fmt, created=WHEN) == pdf  # reproducible


def test_without_a_time_it_is_now():
    before = datetime.now().replace(microsecond=0)
    created = info(render_document(samples.transfer(), "a5")).creation_date.replace(tzinfo=None)
    assert before <= created <= datetime.now()


def test_reports_are_dated_when_generated():
    data = report_samples.sample_monthly_report()
    meta = info(render_report(data, "a4", created=data.generated_at))
    assert meta.creation_date.replace(tzinfo=None) == data.generated_at


def test_a_printed_case_is_dated_by_the_registers_clock(org, clock):
    from tests.helpers import render_case, walk_in

    ref = walk_in(org.clerk)
    clock.set(datetime(2026, 11, 26, 10, 15))
    meta = info(render_case(ref.id, "receipt", "a5"))
    assert meta.creation_date.replace(tzinfo=None) == datetime(2026, 11, 26, 10, 15)
