"""Functions run in separate processes by the concurrency tests (must be importable)."""

from __future__ import annotations

from core import register
from core.cases import workflow as wf
from core.cases.intake import register_case
from core.dto import IntakeForm, Scope
from core.errors import ConflictError, DomainError


def register_many(target: str, actor: int, count: int, tag: str) -> list[str]:
    register.open_register(target)
    numbers = []
    for i in range(count):
        ref = register_case(actor, IntakeForm(
            channel="visit", kind="inquiry", subject=f"并发登记 {tag}-{i}", visitor_name="并发",
            visitor_phone="13900000000", scope=Scope("own")))
        numbers.append(ref.number)
    register.close_register()
    return numbers


def accept_all(target: str, actor: int, case_ids: list[int]) -> tuple[list[int], int]:
    """Try to accept every case; returns (accepted ids, refusals)."""
    register.open_register(target)
    won, refused = [], 0
    for cid in case_ids:
        try:
            wf.accept(actor, cid)
            won.append(cid)
        except (ConflictError, DomainError):
            refused += 1
    register.close_register()
    return won, refused
