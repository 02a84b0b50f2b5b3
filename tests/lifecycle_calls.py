"""Each action of the lifecycle table as a call to the core function that performs it, with
arguments that are good (so that only the rules can refuse): the property test and the random
walk over a register use them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from core import register
from core.cases import evaluation
from core.cases import workflow as wf
from core.cases.lifecycle import ACTION_ORDER
from models.tables import Case, Department, Staff

Call = Callable[[], Any]


def _colleague(actor: Staff, case: Case) -> int | None:
    """Someone else in the actor's department who is not already handling the case."""
    if actor.department_id is None:
        other = Staff.select().where(Staff.active & (Staff.id != actor.id)
                                     & Staff.department.is_null(False)).first()
        return other.id if other else None
    other = (Staff.select().where(
        (Staff.department == actor.department_id) & Staff.active & (Staff.id != actor.id)
        & (Staff.id != (case.handler_id or 0)) & (Staff.role != "auditor")).order_by(Staff.id)
        .first())
    return other.id if other else None


def _other_department(actor: Staff, case: Case) -> int:
    """A department to hand over to: the actor's own if they head it (a head assigns within
    it), else the first active department that is not the case's."""
    if actor.role == "dept_head" and actor.department_id is not None:
        return actor.department_id
    dep = (Department.select().where(Department.active
                                     & (Department.id != (case.department_id or 0)))
           .order_by(Department.id).first())
    return dep.id


def call_for(action: str, actor_id: int, case_id: int) -> Call | None:
    """The call performing `action`; None when no good argument exists (no colleague)."""
    actor = Staff.get_by_id(actor_id)
    case = Case.get_by_id(case_id)
    v = case.version
    later = (case.due_at or register.now()) + timedelta(days=10)
    calls: dict[str, Call | None] = {
        "accept": lambda: wf.accept(actor_id, case_id, expected_version=v),
        "return": lambda: wf.return_case(actor_id, case_id, "不属本部门职责", v),
        "take": lambda: wf.take(actor_id, case_id, "", v),
        "leader_assign": lambda: wf.leader_assign(
            actor_id, case_id, _other_department(actor, case), None, "", v),
        "verify_hazard": lambda: wf.verify_hazard(actor_id, case_id, "已现场核实", v),
        "resolve": lambda: wf.resolve(actor_id, case_id, "已办理完毕", v),
        "notify": lambda: wf.notify_result(actor_id, case_id, "phone", "", v),
        "close": lambda: wf.close(actor_id, case_id, "", v),
        "request_materials": lambda: wf.request_materials(actor_id, case_id, ["补充材料"], "", v),
        "supply_materials": lambda: wf.supply_materials(actor_id, case_id, "", v),
        "transfer": lambda: wf.transfer(actor_id, case_id, _other_department(actor, case),
                                        None, "", v),
        "assign": None,
        "escalate": lambda: wf.escalate(actor_id, case_id, "", v),
        "refer": lambda: wf.refer(actor_id, case_id, "市民政局", "0571-12345", "", v),
        "urge": lambda: wf.urge(actor_id, case_id, "", v),
        "contact": lambda: wf.contact_visitor(actor_id, case_id, "phone", "", v),
        "request_extension": lambda: wf.request_extension(actor_id, case_id, later, "需现场核查", v),
        "decide_extension": lambda: wf.decide_extension(actor_id, case_id, True, "", v),
        "record_visit": lambda: wf.record_visit(actor_id, case_id, "", v),
        "evaluate": lambda: evaluation.evaluate(actor_id, case_id, 4, "", v),
        "follow_up": lambda: evaluation.follow_up_case(actor_id, case_id, "已回访", True, v),
    }
    colleague = _colleague(actor, case)
    if colleague is not None:
        calls["assign"] = lambda: wf.assign(actor_id, case_id, colleague, "", v)
    assert set(calls) == set(ACTION_ORDER), set(calls) ^ set(ACTION_ORDER)
    return calls[action]
