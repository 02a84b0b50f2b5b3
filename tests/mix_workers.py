"""A clerk's mix of writes, run in separate processes by tests/test_race_mix.py (importable)."""

from __future__ import annotations

import random

from core import register
from core.cases import workflow as wf
from core.cases.intake import register_case
from core.dto import IntakeForm, MaterialInput, Scope
from core.errors import ConflictError, DomainError
from models.database import StorageError, db


def mixed_writer(target: str, actor: int, departments: list[int], rounds: int, seed: int,
                 late_lock: bool) -> list[str]:
    """Register hand-overs to other departments and accept ones waiting for this actor's
    department; returns the storage errors met (a lost race is not one). `late_lock` is the
    control: each step inside an outer transaction that is not the program's own, so the
    audit chain's lock is taken late, as before the fix."""
    register.open_register(target)
    rng = random.Random(seed)
    errors: list[str] = []
    for i in range(rounds):
        try:
            if late_lock:
                with db.atomic():
                    _step(actor, departments, rng, i)
            else:
                _step(actor, departments, rng, i)
        except StorageError as exc:
            errors.append(str(exc.__cause__ or exc)[:80])
    register.close_register()
    return errors


def _step(actor: int, departments: list[int], rng: random.Random, i: int) -> None:
    from core.admin.staff import get_staff_info
    from core.cases import inbox

    if i % 3:
        register_case(actor, IntakeForm(
            channel="visit", kind="application", subject=f"混合并发 {i}", visitor_name="并发",
            visitor_phone="13900000000",
            materials=(MaterialInput("申请书", True, 1, 1), MaterialInput("身份证", False, 1, 1)),
            scope=Scope("transfer", department_id=rng.choice(departments))))
        return
    waiting = inbox.case_ids(get_staff_info(actor)).get("to_accept") or []
    if waiting:
        try:
            wf.accept(actor, rng.choice(waiting))
        except (ConflictError, DomainError):
            pass  # another window was first
