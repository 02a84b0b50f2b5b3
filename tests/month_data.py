"""A hand-made November 2026 whose statistics are worked out by hand (see the table below).

Office hours 09:00–12:00 and 13:30–17:30 (420 working minutes a day); November 2026 has no
public holidays. "Now" for the statistics is Tue 2026-12-01 14:00.

| case | registered      | kind / channel          | path                                         | dept   |
|------|-----------------|-------------------------|----------------------------------------------|--------|
| A    | Mon 11-23 09:00 | application (3 d) visit | → market, 李四 accepts 10:00 (60 min), resolved 11-25 15:00 (54 h, on time), notified, closed, 非常满意 | market |
| B    | Mon 11-23 11:00 | application (3 d) visit | → market, 孙七 accepts 14:00 (90 min), second visit, resolved 11-27 10:00 (95 h, late; due 11-26 17:30), notified, 不满意 | market |
| C    | Tue 11-24 09:30 | inquiry, phone          | answered on the spot (0 h, on time), 满意 | front |
| D    | Tue 11-24 10:00 | complaint, visit        | → tax, returned 15:00 (no accept sample); due 12-01 17:30: due soon | front |
| E    | Wed 11-25 09:00 | service_request, visit  | 赵六 own; due 11-30 17:30: overdue 210 min | front |
| F    | Thu 11-26 09:00 | report, letter, anonymous | own, resolved 11:00 (2 h, on time), closed | front |
| G    | Thu 11-26 14:00 | application (5 d) visit | → market, 李四 accepts 11-27 09:30 (240 min), awaiting materials | market |
| J    | Fri 11-27 09:00 | inquiry, visit          | 赵六 refers out | front |
| H    | Fri 10-30 10:00 | inquiry                 | outside the period; overdue since 11-02 17:30 (8,610 min) | front |
| I    | Tue 12-01 09:00 | inquiry                 | outside the period; due 12-02 17:30 | front |
"""

from __future__ import annotations

from datetime import datetime

from core.cases import evaluation
from core.cases import workflow as wf
from core.dto import Scope
from tests.conftest import Clock, Org
from tests.helpers import make_item, walk_in

NOW = datetime(2026, 12, 1, 14, 0)


def at(clock: Clock, month: int, day: int, hour: int, minute: int = 0) -> None:
    clock.set(datetime(2026, month, day, hour, minute))


def build_month(org: Org, clock: Clock) -> dict[str, object]:
    """Register cases A–J as in the table; leaves the clock at NOW. Returns the refs."""
    item = make_item(org.market, days=3, code="SC-T01", name="企业名称变更登记")
    refs: dict[str, object] = {}
    at(clock, 10, 30, 10)
    refs["H"] = walk_in(org.clerk, Scope("own"), kind="inquiry", subject="营业执照遗失补领咨询")

    at(clock, 11, 23, 9)
    a = refs["A"] = walk_in(org.clerk, Scope("transfer", department_id=org.market), item_id=item.id)
    at(clock, 11, 23, 10)
    wf.accept(org.handler, a.id)
    at(clock, 11, 23, 11)
    b = refs["B"] = walk_in(org.clerk, Scope("transfer", department_id=org.market), item_id=item.id,
                            name="李梅", phone="13900001111")
    at(clock, 11, 23, 14)
    wf.accept(org.handler2, b.id)

    at(clock, 11, 24, 9, 30)
    refs["C"] = walk_in(org.clerk, Scope("answered", result="已电话当场答复"), kind="inquiry",
                        channel="phone", subject="社保转移需要什么材料")
    at(clock, 11, 24, 10)
    d = refs["D"] = walk_in(org.clerk, Scope("transfer", department_id=org.tax), kind="complaint",
                            subject="=HYPERLINK(\"http://x\")窗口态度差")
    at(clock, 11, 24, 15)
    wf.return_case(org.tax_handler, d.id, "不属本部门职责")

    at(clock, 11, 25, 9)
    refs["E"] = walk_in(org.clerk2, Scope("own"), kind="service_request", subject="大厅空调不制冷")
    wf.record_visit(org.clerk, b.id, "办事人再次来问进度")
    at(clock, 11, 25, 15)
    wf.resolve(org.handler, a.id, "已核准变更")
    at(clock, 11, 25, 16)
    wf.notify_result(org.handler, a.id, "phone")
    wf.close(org.handler, a.id)
    evaluation.evaluate(org.clerk, a.id, 5)

    at(clock, 11, 26, 9)
    f = refs["F"] = walk_in(org.clerk, Scope("own"), kind="report", channel="letter",
                            anonymous=True, name="", phone="", subject="某商户占道经营")
    at(clock, 11, 26, 11)
    wf.resolve(org.clerk, f.id, "已转城管查处")
    wf.close(org.clerk, f.id)
    at(clock, 11, 26, 14)
    g = refs["G"] = walk_in(org.clerk, Scope("transfer", department_id=org.market),
                            subject="个体户经营范围变更")

    at(clock, 11, 27, 9)
    refs["J"] = walk_in(org.clerk2, Scope("refer", place="市公积金管理中心", contact="12329"),
                        kind="inquiry", subject="公积金提取")
    at(clock, 11, 27, 9, 30)
    wf.accept(org.handler, g.id)
    at(clock, 11, 27, 10)
    wf.request_materials(org.handler, g.id, ["经营场所证明"])
    wf.resolve(org.handler2, b.id, "已核准变更（超期）")
    at(clock, 11, 27, 10, 30)
    wf.notify_result(org.handler2, b.id, "phone")
    evaluation.evaluate(org.clerk, b.id, 2, "办理太慢")
    evaluation.evaluate(org.clerk, refs["C"].id, 4)  # type: ignore[attr-defined]

    at(clock, 12, 1, 9)
    refs["I"] = walk_in(org.clerk, Scope("own"), kind="inquiry", subject="居住证办理")
    clock.set(NOW)
    return refs
