"""Small builders shared by the tests."""

from __future__ import annotations

from core.admin.catalogue import ItemInfo, MaterialSpec, save_item
from core.cases.intake import register_case
from core.dto import IntakeForm, MaterialInput, Scope

# Commands that read or change cases run as a signed-in account (cli.acting_staff): the demo
# register's administrator, and the hand-made test organisation's (conftest.make_org).
DEMO_ADMIN = {"FIRSTDESK_USER": "shishuo", "FIRSTDESK_PASSWORD": "demo1234"}
ORG_ADMIN = {"FIRSTDESK_USER": "admin", "FIRSTDESK_PASSWORD": "secret123"}


def make_item(department_id: int, *, instant: bool = False, days: int = 3,
              code: str = "SC-T01", name: str = "企业名称变更登记") -> ItemInfo:
    return save_item(ItemInfo(
        id=None, code=code, name=name, department_id=department_id, department="",
        instant=instant, promised_days=0 if instant else days, legal_days=15, fees="不收费",
        steps=("申请", "受理", "审核", "决定"), legal_basis="《市场主体登记管理条例》",
        location="二楼B区", materials=(
            MaterialSpec("《变更登记申请书》", True, 1),
            MaterialSpec("法定代表人身份证复印件", False, 1),
        ),
    ), actor_id=None)


def walk_in(actor: int, scope: Scope | None = None, *, kind: str = "application",
            channel: str = "visit", item_id: int | None = None, anonymous: bool = False,
            phone: str = "13800138000", name: str = "张三", subject: str = "营业执照变更",
            materials: tuple[MaterialInput, ...] = ()):
    return register_case(actor, IntakeForm(
        channel=channel, kind=kind, subject=subject, visitor_name=name, visitor_phone=phone,
        visitor_unit="杭州某某科技有限公司", anonymous=anonymous, service_item_id=item_id,
        materials=materials, scope=scope or Scope("own"),
    ))


def render_case(case_id: int, kind: str, fmt: str | None = None,
                actor_id: int | None = None) -> bytes:
    """A case's document as the front-ends make it: core prepares the paper (role checked,
    masked for `actor_id`), documents/ renders it, and a print by someone is recorded."""
    from core.printing.slips import case_paper, record_printed
    from documents.render import render

    paper = case_paper(case_id, kind, fmt, actor_id=actor_id)
    pdf = render(paper)
    if actor_id is not None:
        record_printed(actor_id, case_id, kind, paper.fmt)
    return pdf
