"""Guards on administration: the demo never goes into a register with an organisation, and
settings that would make every registration fail are refused in core with a clear message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core import register
from core.admin.demo import build_demo
from core.admin.organisation import save_settings
from core.errors import DomainError, ValidationError
from models.tables import Case
from tests.subprocesses import OUTPUT_ENCODING, program_env

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_demo_refuses_a_register_that_has_an_organisation(org, db_target, tmp_path):
    with pytest.raises(DomainError) as e:
        build_demo(20)
    assert e.value.code == "demo_needs_empty" and "测试市政务服务中心" in e.value.message()
    assert Case.select().count() == 0
    if db_target.startswith("postgres"):
        return
    register.close_register()
    r = subprocess.run([sys.executable, "main.py", "--db", db_target, "demo", "--cases", "5"],
                       cwd=ROOT, capture_output=True, encoding=OUTPUT_ENCODING, timeout=120,
                       check=False, env=program_env(tmp_path))
    assert r.returncode == 1 and "演示数据只能放进空的数据库" in r.stderr
    register.open_register(db_target)
    assert Case.select().count() == 0


@pytest.mark.parametrize(("changes", "field"), [
    ({"office_start": "18:00", "office_end": "09:00"}, "office_start"),
    ({"lunch_start": "14:00", "lunch_end": "13:00"}, "office_start"),
    ({"max_handovers": -5}, "max_handovers"),
    ({"accept_within_hours": 10**9}, "accept_within_hours"),
    ({"rectification_days": 0}, "rectification_days"),
    ({"kind_days": {"complaint": -1}}, "kind_days"),
])
def test_settings_out_of_range_are_refused_and_nothing_changes(org, changes, field):
    before = register.org_settings()
    with pytest.raises(ValidationError) as e:
        save_settings(org.admin, before.with_changes(**changes))
    assert e.value.field == field and e.value.message("zh") and e.value.message("en")
    register.invalidate()
    assert register.org_settings() == before


def test_sane_settings_are_saved(org):
    s = register.org_settings().with_changes(office_start="08:30", office_end="17:00",
                                             max_handovers=3, accept_within_hours=4.5)
    save_settings(org.admin, s)
    assert register.org_settings().max_handovers == 3
