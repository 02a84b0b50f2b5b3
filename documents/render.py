"""One entry point: `render_document(data, fmt)` picks the renderer from the data's type;
`render(paper)` prints what core prepared (core.printing.paper.Paper: data, format, moment)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from core.printing.paper import (
    DocumentData,
    HazardData,
    HistoryData,
    NoticeData,
    Paper,
    ReceiptData,
    ReferralData,
    TransferData,
)
from core.printing.report_paper import AccountabilityListData, MonthlyReportData
from documents import (
    accountability_list,
    hazard,
    history,
    monthly_report,
    notice,
    receipt,
    referral,
    transfer,
)
from documents.layout import FORMATS, page_format

__all__ = ["FORMATS", "RENDERERS", "render", "render_document"]

RENDERERS: dict[type, Callable[..., bytes]] = {  # render(data, fmt, *, created)
    ReceiptData: receipt.render,
    NoticeData: notice.render,
    TransferData: transfer.render,
    ReferralData: referral.render,
    HazardData: hazard.render,
    HistoryData: history.render,
    MonthlyReportData: monthly_report.render,
    AccountabilityListData: accountability_list.render,
}


def render_document(data: DocumentData | MonthlyReportData | AccountabilityListData, fmt: str = "a4", *,
                    created: datetime | None = None) -> bytes:
    """PDF bytes of `data` in `fmt` ("a4", "a5" or "80mm"); ValueError for anything else.
    The PDF says it was created at `created` (default: now)."""
    page_format(fmt)  # a clear ValueError before any work
    renderer = RENDERERS.get(type(data))
    if renderer is None:
        known = ", ".join(cls.__name__ for cls in RENDERERS)
        raise TypeError(f"cannot render {type(data).__name__}; expected one of: {known}")
    return renderer(data, fmt, created=created)


def render(paper: Paper) -> bytes:
    """PDF bytes of a document core prepared (a case's slip, a report)."""
    return render_document(paper.data, paper.fmt, created=paper.created)
