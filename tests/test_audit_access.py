"""Nobody where they don't belong: sign-in lock-out, masked identities, audited reveals, and a
tamper-evident audit log that reports any altered row."""

from __future__ import annotations

import pytest

from core import audit
from core.admin.staff import sign_in
from core.cases.privacy import reveal_identity, visible_identity
from core.dto import Scope
from core.errors import DomainError
from models.database import db, is_sqlite
from models.tables import AuditLog
from tests.conftest import PASSWORD
from tests.helpers import walk_in


def test_five_failed_sign_ins_lock_the_account_for_30_minutes(org, clock):
    for _ in range(5):
        with pytest.raises(DomainError) as e:
            sign_in("wangwu", "wrong-password1")
        assert e.value.code == "bad_password"
    with pytest.raises(DomainError) as e:
        sign_in("wangwu", PASSWORD)  # even the right password is refused while locked
    assert e.value.code == "locked_out"
    clock.advance(minutes=31)
    assert sign_in("wangwu", PASSWORD).username == "wangwu"
    actions = [r.action for r in audit.rows(limit=20)]
    assert actions.count("sign_in_failed") == 5
    assert "account_locked" in actions and "sign_in_refused" in actions and "sign_in" in actions


def test_enter_on_an_empty_password_is_not_an_attempt(org, clock):
    """A clerk pressing Enter before typing, five times, is not locked out; five wrong
    passwords (the control above) are."""
    before = audit.rows(limit=50)
    for _ in range(6):
        with pytest.raises(DomainError) as e:
            sign_in("wangwu", "")
        assert e.value.code == "password_missing" and e.value.message() == "请输入密码。"
    assert audit.rows(limit=50) == before  # nothing was tried, so nothing is recorded
    assert sign_in("wangwu", PASSWORD).username == "wangwu"


def test_unknown_user_gets_the_same_message_as_a_wrong_password(org, clock):
    with pytest.raises(DomainError) as e:
        sign_in("nobody", "x")
    assert e.value.message() == "用户名或密码不正确。"


def test_complainant_is_masked_for_other_staff_and_revealed_only_with_audit(org, clock):
    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market), kind="complaint",
                  name="钱举报", phone="13912345678")
    assert visible_identity(org.clerk, ref.id).name == "钱举报"  # the first owner
    other = visible_identity(org.clerk2, ref.id)
    assert other.name == "钱**" and other.phone == "139****5678"
    with pytest.raises(DomainError):
        reveal_identity(org.clerk2, ref.id, "想看看")
    full = reveal_identity(org.leader, ref.id, "核查投诉需回电")
    assert full.phone == "13912345678"
    [row] = [r for r in audit.rows(action="identity.revealed")]
    assert row.actor == "郑十" and row.target == ref.number


def test_every_case_action_is_in_the_chain_and_verify_passes(org, clock):
    from core.cases import workflow as wf

    ref = walk_in(org.clerk, Scope("transfer", department_id=org.market))
    wf.accept(org.handler, ref.id)
    actions = [r.action for r in audit.rows(limit=50)]
    assert "case.registered" in actions and "case.accepted" in actions
    report = audit.verify()
    assert report.ok and report.rows == AuditLog.select().count()


def test_an_altered_audit_row_is_reported(org, clock):
    walk_in(org.clerk, Scope("own"))
    clock.advance(minutes=5)
    sign_in("wangwu", PASSWORD)
    target = AuditLog.select().order_by(AuditLog.id).first()
    # Someone with direct database access edits a row behind the program's back.
    if is_sqlite():
        db.execute_sql("DROP TRIGGER audit_log_no_update")
    else:
        db.execute_sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    try:
        AuditLog.update(detail="篡改").where(AuditLog.id == target.id).execute()
    finally:
        if not is_sqlite():  # the PostgreSQL test schema is reused by later tests
            db.execute_sql("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
    report = audit.verify()
    assert not report.ok and report.altered == (target.id,)


def test_audit_log_refuses_updates_through_the_program(org, clock):
    walk_in(org.clerk, Scope("own"))
    with pytest.raises(Exception, match="append-only"):
        AuditLog.update(detail="x").execute()
    with pytest.raises(Exception, match="append-only"):
        AuditLog.delete().execute()
