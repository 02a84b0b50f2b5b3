"""Core functions that act for a person name that person on every call: `actor_id` is a
keyword without a default, so a caller that forgets it fails at once instead of acting as
nobody and skipping the checks. None is still allowed, written out, for the program's own
work (the automatic backup, the demo, the self-test)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from core import exports
from core.admin import catalogue, catalogue_xlsx
from core.calendar import calendar_admin
from core.infra import backup
from core.printing import slips
from core.supervision import audit_view, reports, statistics

ACTING = [
    backup.backup, statistics.department_stats, calendar_admin.import_schedule_file,
    audit_view.audit_events, catalogue.save_item, catalogue_xlsx.export_catalogue,
    catalogue_xlsx.import_catalogue, exports.export_register, exports.export_tables,
    exports.export_table, exports.export_catalogue, exports.import_catalogue,
    reports.accountability_data, reports.accountability_paper, reports.monthly_report_paper,
    slips.case_paper,
]


def names_the_actor(fn: Callable[..., Any]) -> bool:
    p = inspect.signature(fn).parameters.get("actor_id")
    return (p is not None and p.kind is inspect.Parameter.KEYWORD_ONLY
            and p.default is inspect.Parameter.empty)


@pytest.mark.parametrize("fn", ACTING, ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_every_acting_function_requires_the_actor(fn):
    assert names_the_actor(fn)


def test_control_a_default_or_a_positional_actor_is_caught():
    def defaulted(path: str, *, actor_id: int | None = None) -> None: ...

    def positional(path: str, actor_id: int | None) -> None: ...

    def required(path: str, *, actor_id: int | None) -> None: ...

    assert not names_the_actor(defaulted)
    assert not names_the_actor(positional)
    assert names_the_actor(required)


def test_a_call_without_the_actor_fails_before_doing_anything(tmp_path):
    with pytest.raises(TypeError, match="actor_id"):
        backup.backup(tmp_path / "x.db")  # type: ignore[call-arg]
    assert not (tmp_path / "x.db").exists()
