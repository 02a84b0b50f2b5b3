"""Retention per case kind: finished cases past their period lose the visitor's identity, in
audited batches; the case, its history and open matters stay untouched."""

from __future__ import annotations

from datetime import datetime

import pytest

from core import audit
from core.admin.retention import (
    DEFAULT_RETENTION_YEARS,
    anonymise_expired,
    count_expired,
    retention_years,
    years_before,
)
from core.cases import workflow as wf
from core.cases.privacy import reveal_identity
from core.dto import Scope
from core.errors import DomainError, ValidationError
from models.tables import AuditLog, Case, CaseEvent, Visitor
from tests.helpers import ORG_ADMIN, walk_in

NOW = datetime(2026, 11, 26, 9, 30)


@pytest.fixture(autouse=True)
def _as_admin(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands run as the test organisation's administrator."""
    for key, value in ORG_ADMIN.items():
        monkeypatch.setenv(key, value)


def _closed(org, clock, when: datetime, *, kind: str = "inquiry", phone: str = "13800138000",
            name: str = "张三", refer: bool = False) -> int:
    clock.set(when)
    scope = Scope("refer", place="市民政局") if refer else Scope("answered", result="已当场答复")
    return walk_in(org.clerk, scope, kind=kind, phone=phone, name=name).id


def _identity(case_id: int) -> tuple[str, str, str, int | None]:
    c = Case.get_by_id(case_id)
    return c.visitor_name, c.visitor_phone, c.visitor_unit, c.visitor_id


def test_defaults_and_overrides():
    years = retention_years()
    assert years["inquiry"] == 3 and years["complaint"] == years["report"] == 10
    assert all(years[k] == 5 for k in ("application", "service_request", "hazard", "accident"))
    assert retention_years({"inquiry": 1})["inquiry"] == 1
    assert set(years) == set(DEFAULT_RETENTION_YEARS)
    for bad in ({"inquiry": 0}, {"inquiry": 101}, {"inquiry": True}, {"nonsense": 3}):
        with pytest.raises(ValidationError):
            retention_years(bad)
    assert years_before(datetime(2028, 2, 29, 10), 3) == datetime(2025, 2, 28, 10)


def test_expired_finished_cases_are_anonymised_and_the_rest_kept(org, clock):
    old_inquiry = _closed(org, clock, datetime(2022, 11, 1), phone="13900000001", name="王一")
    young_inquiry = _closed(org, clock, datetime(2024, 6, 1), phone="13900000002", name="王二")
    old_complaint = _closed(org, clock, datetime(2022, 11, 1), kind="complaint",
                            phone="13900000003", name="王三")
    ancient_complaint = _closed(org, clock, datetime(2015, 1, 5), kind="complaint",
                                phone="13900000004", name="王四")
    referred = _closed(org, clock, datetime(2020, 3, 3), kind="application", refer=True,
                       phone="13900000005", name="王五")
    clock.set(datetime(2010, 5, 5))
    still_open = walk_in(org.clerk, Scope("own"), kind="inquiry", phone="13900000006").id
    clock.set(NOW)
    events_before = CaseEvent.select().count()
    cases_before = Case.select().count()
    assert count_expired(NOW)["inquiry"] == 1

    done = anonymise_expired(org.admin)
    assert done == 3
    for cid in (old_inquiry, ancient_complaint, referred):
        assert _identity(cid) == ("", "", "", None)
    for cid in (young_inquiry, old_complaint, still_open):
        assert _identity(cid)[0] and _identity(cid)[3] is not None
    assert Case.select().count() == cases_before  # never deletes a case …
    assert CaseEvent.select().count() == events_before  # … or its history
    assert Case.get_by_id(old_inquiry).number.startswith("2022")
    lone = Visitor.get(Visitor.phone == "")  # the visitors no case uses any more are blank
    assert lone.name == "" and lone.id_number == ""
    assert Visitor.select().where(Visitor.phone == "13900000002").exists()


def test_a_visitor_with_a_current_case_keeps_their_details(org, clock):
    old = _closed(org, clock, datetime(2020, 1, 10), phone="13911112222", name="李明")
    clock.set(datetime(2026, 10, 1))
    current = walk_in(org.clerk, Scope("own"), kind="inquiry", phone="13911112222",
                      name="李明").id
    clock.set(NOW)
    visitor_id = Case.get_by_id(current).visitor_id
    assert Case.get_by_id(old).visitor_id == visitor_id  # one visitor, two cases
    assert anonymise_expired(org.admin) == 1
    assert _identity(old) == ("", "", "", None)  # unlinked: no reveal leads back to them
    v = Visitor.get_by_id(visitor_id)
    assert (v.name, v.phone) == ("李明", "13911112222")
    assert reveal_identity(org.leader, old).phone == ""


def test_overrides_change_the_period(org, clock):
    _closed(org, clock, datetime(2022, 6, 1))
    clock.set(NOW)
    assert anonymise_expired(org.admin, overrides={"inquiry": 5}) == 0
    assert anonymise_expired(org.admin, overrides={"inquiry": 4}) == 1


def test_batches_are_separate_audited_transactions_and_a_rerun_changes_nothing(org, clock):
    ids = [_closed(org, clock, datetime(2021, 1, 4 + i), phone=f"1390000001{i}") for i in range(5)]
    clock.set(NOW)
    audit_before = AuditLog.select().where(AuditLog.action == "retention.anonymised").count()
    versions = {cid: Case.get_by_id(cid).version for cid in ids}
    assert anonymise_expired(org.admin, batch=2) == 5
    rows = list(AuditLog.select().where(AuditLog.action == "retention.anonymised")
                .order_by(AuditLog.id))
    assert len(rows) - audit_before == 3  # 2 + 2 + 1
    assert all(r.actor_id == org.admin and r.target == "inquiry" for r in rows)
    assert '"cases": 2' in rows[0].detail and "13900000010" not in rows[0].detail
    assert all(Case.get_by_id(cid).version == versions[cid] + 1 for cid in ids)
    assert anonymise_expired(org.admin, batch=2) == 0
    assert AuditLog.select().where(AuditLog.action == "retention.anonymised").count() == len(rows)
    assert audit.verify().ok


def test_a_stale_editor_gets_a_conflict_after_anonymisation(org, clock):
    cid = _closed(org, clock, datetime(2019, 1, 7))
    clock.set(NOW)
    seen = Case.get_by_id(cid).version
    anonymise_expired(org.admin)
    from core.cases.evaluation import evaluate

    with pytest.raises(DomainError) as e:
        evaluate(org.clerk, cid, 5, expected_version=seen)
    assert e.value.code == "conflict"


@pytest.mark.parametrize("role", ["clerk", "handler", "leader", "auditor"])
def test_only_the_administrator_may_run_it(org, clock, role):
    cid = _closed(org, clock, datetime(2019, 1, 7))
    clock.set(NOW)
    actor = {"clerk": org.clerk, "handler": org.handler, "leader": org.leader,
             "auditor": org.auditor}[role]
    with pytest.raises(DomainError) as e:
        anonymise_expired(actor)
    assert e.value.code == "role_forbidden"
    assert _identity(cid)[0] == "张三"


def test_anonymous_and_open_cases_are_never_touched(org, clock):
    clock.set(datetime(2015, 1, 5))
    anon = walk_in(org.clerk, Scope("answered", result="已答复"), kind="inquiry",
                   anonymous=True).id
    in_progress = walk_in(org.clerk, Scope("own"), kind="inquiry").id
    wf.resolve(org.clerk, in_progress, "已办结")  # resolved is not final: not yet closed
    clock.set(NOW)
    v_anon, v_open = Case.get_by_id(anon).version, Case.get_by_id(in_progress).version
    assert anonymise_expired(org.admin) == 0
    assert Case.get_by_id(anon).version == v_anon
    assert Case.get_by_id(in_progress).version == v_open


def test_the_organisations_periods_are_saved_kept_by_presets_and_used(org, clock):
    from core import register
    from core.admin.retention import configured_years, save_retention_years
    from core.admin.staff_admin import apply_preset

    cid = _closed(org, clock, datetime(2024, 6, 3))
    clock.set(NOW)
    assert count_expired()["inquiry"] == 0  # 3 years by default: not yet
    years = save_retention_years(org.admin, {**configured_years(), "inquiry": 2})
    assert years["inquiry"] == 2 and years["complaint"] == 10
    assert register.org_settings().retention_years == {"inquiry": 2}  # only what differs
    assert count_expired()["inquiry"] == 1
    with pytest.raises(ValidationError):
        save_retention_years(org.admin, {"inquiry": 0})
    with pytest.raises(DomainError):
        save_retention_years(org.clerk, {"inquiry": 7})
    assert configured_years()["inquiry"] == 2  # refused changes changed nothing
    apply_preset(org.admin, "property_centre")
    assert configured_years()["inquiry"] == 2  # a preset leaves the periods alone
    assert anonymise_expired(org.admin) == 1 and _identity(cid)[:2] == ("", "")


def test_the_command_line_lists_and_applies_with_the_administrators_password(
        sqlite_org, clock, capsys, monkeypatch):
    import cli
    from core import register
    from tests.conftest import PASSWORD

    old = _closed(sqlite_org, clock, datetime(2020, 3, 2), phone="13900000077", name="李七")
    clock.set(NOW)
    target = register.current_target()
    assert cli.main(["--db", target, "retention"]) == 0
    out = capsys.readouterr().out
    assert "咨询\t保存 3 年\t超期且含身份信息 1 件" in out and "未清除" in out
    assert _identity(old)[0] == "李七"
    monkeypatch.setenv("FIRSTDESK_PASSWORD", "wrong-password")
    assert cli.main(["--db", target, "retention", "--apply", "--user", "admin"]) != 0
    assert _identity(old)[0] == "李七"
    monkeypatch.setenv("FIRSTDESK_PASSWORD", PASSWORD)
    assert cli.main(["--db", target, "retention", "--apply", "--user", "admin"]) == 0
    assert "已清除 1 件" in capsys.readouterr().out
    assert _identity(old) == ("", "", "", None)
    assert AuditLog.select().where(AuditLog.action == "retention.anonymised").count() == 1
