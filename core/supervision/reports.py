"""Statistics and accountability turned into tables (for the screen and .xlsx) and into the
plain data of the monthly report and the accountability list (for PDF)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import peewee as pw

from core import register
from core.admin.organisation import org_info
from core.calendar.calendar_admin import calendar_reminder
from core.cases.due import DueInfo, due_words
from core.errors import Term, english
from core.infra.xlsx_book import Typed
from core.printing.paper import OrgHeader, Paper
from core.printing.report_paper import (
    CONFIRMED,
    PENDING,
    AccountabilityListData,
    CommendationLine,
    DepartmentAccountability,
    Figure,
    MonthlyReportData,
    ReportTable,
    ViolationLine,
)
from core.supervision.accountability import RULES, SANCTIONS, evidence_text
from core.supervision.statistics import (
    CountRow,
    Outcome,
    Period,
    PeriodStats,
    department_stats,
    viewer_scope,
)
from core.supervision.timeliness import DueList
from core.vocab import CHANNELS, EVALUATIONS, KINDS, STATUSES
from models.rows import tuples
from models.tables import Case, Commendation, Department, Staff, Violation

NO_DEPARTMENT = "（未分部门）"
WIDTHS = {"text": 2.2, "wide": 4.0, "int": 1.0, "decimal": 1.2, "percent": 1.2,
          "late": 2.6, "left": 2.6,
          "datetime": 1.9, "date": 1.4}
DEFINITIONS = (
    "统计对象为统计期间内登记的事项，状态截至生成时间；“未办结”为尚未办结的事项（不含已办结待答复）。",
    "按时办结率 = 在到期时间（含批准延期后的到期时间）之前办结的事项 ÷ 已办结且有到期时间的事项；"
    "当场答复的事项计入，告知去向、待补正和未办结的事项不计入。",
    "签收用时按工作时间（不含午休、周末和法定节假日）计算，自转办或指派起至签收止，每次转办计一次；"
    "办结用时按自然时间计算，自登记起至办结止。P90 为 90% 的事项不超过的用时。",
    "最多跑一次率 = 来访次数不超过 1 次的事项 ÷ 登记事项；满意率 = 非常满意、满意、基本满意 ÷ 参评事项；"
    "参评率 = 参评事项 ÷ 已办结事项。",
    "“截至”某时的当前超期、即将到期为该时刻全部未办结的事项（不限登记期间），待补正期间计时暂停，"
    "不计超期；本期指标中的“本期登记·当前超期”只计统计期间内登记的事项。",
)
DEFINITIONS_EN = (
    "The figures count the cases registered in the period, in their state at the time the "
    "report was made; \"open\" is a case not yet resolved (not counting resolved cases "
    "awaiting the reply).",
    "On-time rate = cases resolved before their due time (an approved extension included) ÷ "
    "resolved cases with a due time; cases answered on the spot count, referred, awaiting "
    "materials and open cases do not.",
    "Time to accept counts working time (no lunch break, weekends or public holidays) from "
    "a transfer or assignment to its acceptance, once per hand-over; time to resolve counts "
    "calendar time from registration to resolution. P90 is the time 90% of cases stay within.",
    "One visit or fewer = cases with at most one visit ÷ registered cases; satisfaction = "
    "very satisfied, satisfied and fairly satisfied ÷ evaluated cases; evaluated share = "
    "evaluated cases ÷ resolved cases.",
    "\"Overdue now\" and \"due soon\" as of a time are every unfinished case at that time "
    "(whenever registered); time is paused while awaiting materials and is not overdue. "
    "\"Overdue now (of these)\" among the period's figures counts only cases registered in "
    "the period.",
)


# The words of the statistics tables in English (the screen in English mode). Keys are the
# Chinese texts above and below; a test renders every table in English and finds no Han
# character left.
ENGLISH: dict[str, str] = {
    "指标": "Figure", "数值": "Value", "说明": "Notes", "件": "cases", "件数": "Cases",
    "占比": "Share", "合计": "Total", "状态": "Status", "类型": "Kind", "渠道": "Channel",
    "评价": "Evaluation", "登记事项": "Registered", "未办结": "Open", "办结": "Resolved",
    "按时办结": "On time", "超期办结": "Late", "按时办结率": "On-time rate",
    "当前超期（本期登记）": "Overdue now (registered in period)", "告知去向": "Referred out",
    "平均签收用时": "Mean time to accept", "签收用时 P90": "Time to accept, P90",
    "平均办结用时": "Mean time to resolve", "办结用时 P90": "Time to resolve, P90",
    "平均来访次数": "Mean visits per case", "最多跑一次率": "One visit or fewer",
    "满意率": "Satisfaction", "参评率": "Evaluated share", "工作分钟": "working minutes",
    "小时": "hours", "次/件": "visits per case", "登记": "Registered",
    "本期登记·当前超期": "Overdue now (of these)", "承办部门": "Department",
    "平均办结（小时）": "Mean to resolve (h)", "签收次数": "Hand-overs accepted",
    "平均签收（工作分钟）": "Mean to accept (working min)",
    "签收P90（工作分钟）": "Accept P90 (working min)", "按承办部门": "By department",
    "按状态": "By status", "按类型": "By kind", "按渠道": "By channel", "好差评": "Evaluations",
    "按人员（首问登记与承办）": "By staff (first inquiry and handling)", "姓名": "Name",
    "部门": "Department", "首问登记": "First inquiry", "承办": "Handled",
    "当前超期": "Overdue now", "概况": "Summary", "事项编号": "Case number",
    "登记时间": "Registered", "事项": "Matter", "责任人": "Responsible", "到期时间": "Due",
    "超期": "Overdue by", "剩余": "Time left", "当前超期事项": "Overdue cases",
    "即将到期事项": "Cases due soon", "全部部门": "All departments",
    "全部未办结·当前超期": "Overdue now (all open cases)",
    "全部未办结·即将到期": "Due soon (all open cases)",
    "（未定部门）": "(no department)", "（未分部门）": "(no department)",
    # sheet names of the workbooks (StatTable.sheet is the screen's key, never translated)
    "按部门": "By department", "按人员": "By staff", "超期事项": "Overdue",
    "即将到期": "Due soon", "责任追究": "Violations", "表扬": "Commendations",
    "统计": "Statistics", "办理时效": "Timeliness",
}


def words(text: str, lang: str = "zh") -> str:
    """A table word in the screen's language (the Chinese text when none is known)."""
    return ENGLISH.get(text, text) if english(lang) else text


@dataclass(frozen=True)
class StatTable:
    """One statistics table: typed cells (numbers stay numbers in .xlsx) with a format per
    column — text | wide | int | decimal | percent | datetime | date | late | left (working
    minutes past or before the due time, shown in core.cases.due's words)."""

    sheet: str  # short name: the .xlsx sheet and the screen's tab (a key, never translated)
    title: str
    head: tuple[str, ...]
    formats: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: str = ""
    total_row: bool = False
    lang: str = "zh"
    moment: str = ""  # 统计期间 … / 截至 …: the moment the figures describe
    period: str = ""  # the period's label (a workbook's page header)


def period_moment(stats: PeriodStats, lang: str = "zh") -> str:
    """The line a period's table carries: whose cases, and as of when their status."""
    p, at = stats.period, f"{stats.generated_at:%Y-%m-%d %H:%M}"
    if english(lang):
        return f"Period: cases registered {p.start:%Y-%m-%d} to {p.end:%Y-%m-%d}; status as of {at}"
    return f"统计期间：{p.start:%Y-%m-%d} 至 {p.end:%Y-%m-%d} 登记的事项；状态截至 {at}"


def current_moment(stats: PeriodStats, lang: str = "zh") -> str:
    """The line a current list carries: the time, and that it is not the period's."""
    at = f"{stats.generated_at:%Y-%m-%d %H:%M}"
    if english(lang):
        return f"As of {at}: every unfinished case, whenever registered (not the period's)"
    return f"截至 {at}：全部未办结的事项，不限登记期间（不是统计期间的数字）"


def _org() -> OrgHeader:
    info = org_info()
    s = info.settings
    return OrgHeader(name=info.name, phone=s.enquiry_phone or info.phone, address=info.address,
                     logo_path=s.logo_path or None, footer=s.slip_footer)


def fmt_cell(value: Any, fmt: str, lang: str = "zh") -> str:
    """A cell as printed: 93.5%, 51.2, 11-26 09:30, 超期 1 个工作日 3 小时, — for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, Typed):
        return str(value)
    if fmt in ("late", "left"):
        per_day = register.calendar().hours.minutes_per_day
        state = "overdue" if fmt == "late" else "ok"
        return due_words(DueInfo(state, -abs(value) if fmt == "late" else value, None),
                         per_day, lang)
    if fmt == "percent":
        return f"{value * 100:.1f}%"
    if fmt == "decimal":
        return f"{value:.1f}"
    if isinstance(value, datetime):
        return value.strftime("%m-%d %H:%M")
    return str(value)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _round(value: float | None, digits: int = 1) -> float | None:
    """The figure as shown (51.2), so a cell's value and its text agree."""
    return None if value is None else round(value, digits)


def _whole(value: float | None) -> int | None:
    return None if value is None else round(value)


def _counts(sheet: str, title: str, label: str, rows: Sequence[CountRow],
            terms: Mapping[str, Term], lang: str) -> StatTable:
    return StatTable(sheet, words(title, lang), (words(label, lang), words("件数", lang),
                                                  words("占比", lang)),
                     ("text", "int", "percent"),
                     tuple((terms[r.key].text(lang) if r.key in terms else r.label, r.count,
                            r.share) for r in rows), lang=lang)


def _outcome_cells(o: Outcome) -> tuple[Any, ...]:
    return (o.registered, o.open, o.resolved, o.on_time, o.late, o.on_time_rate, o.overdue_open)


OUTCOME_HEAD = ("登记", "未办结", "办结", "按时办结", "超期办结", "按时办结率", "本期登记·当前超期")
OUTCOME_FORMATS = ("int",) * 5 + ("percent", "int")


def _due_table(sheet: str, title: str, due: DueList, overdue: bool,
               lang: str = "zh", moment: str = "", period: str = "") -> StatTable:
    """Most overdue (or soonest due) first; the time in the one unit of core.cases.due."""
    rows = tuple((r.number, r.minutes, r.subject, r.department, r.responsible,
                  STATUSES[r.status].text(lang), r.due_at,
                  KINDS[r.kind].text(lang) if r.kind in KINDS else r.kind, r.registered_at)
                 for r in due.rows)
    if english(lang):
        note = f"{due.total} case{'' if due.total == 1 else 's'}" + (f", the first {len(rows)} listed"
                                       if due.total > len(rows) else "")
    else:
        note = f"共 {due.total} 件" + (f"，列出前 {len(rows)} 件" if due.total > len(rows) else "")
    head = ("事项编号", "超期" if overdue else "剩余", "事项", "承办部门", "责任人", "状态",
            "到期时间", "类型", "登记时间")
    return StatTable(sheet, words(title, lang), tuple(words(h, lang) for h in head),
                     ("text", "late" if overdue else "left", "wide", "text", "text", "text",
                      "datetime", "text", "datetime"), rows, note, lang=lang, moment=moment,
                     period=period)


def stat_tables(stats: PeriodStats, lang: str = "zh") -> list[StatTable]:
    """Every table of the supervision screen, in display order, in `lang`."""
    t, ev, vis = stats.total, stats.evaluations, stats.visits
    acc, res = stats.accept_minutes, stats.resolve_hours
    en = english(lang)
    w = lambda text: words(text, lang)  # noqa: E731
    count = lambda n: Typed(n, "int")  # noqa: E731
    summary = (
        ("登记事项", count(t.registered), "件"), ("未办结", count(t.open), "件"),
        ("办结", count(t.resolved), "件"), ("按时办结", count(t.on_time), "件"),
        ("超期办结", count(t.late), "件"),
        ("按时办结率", Typed(t.on_time_rate, "percent"), f"{t.on_time} / {t.on_time + t.late}"),
        ("当前超期（本期登记）", count(t.overdue_open), "件"),
        ("告知去向", count(stats.referred), "件"),
        ("平均签收用时", Typed(_round(acc.mean), "decimal"),
         f"working minutes, {acc.count} hand-overs" if en else f"工作分钟，{acc.count} 次转办"),
        ("签收用时 P90", Typed(_whole(acc.p90), "int"), "工作分钟"),
        ("平均办结用时", Typed(_round(res.mean), "decimal"), "小时"),
        ("办结用时 P90", Typed(_round(res.p90), "decimal"), "小时"),
        ("平均来访次数", Typed(_round(vis.mean, 2), "decimal2"), "次/件"),
        ("最多跑一次率", Typed(vis.once_rate, "percent"), f"{vis.at_most_once} / {vis.cases}"),
        ("满意率", Typed(ev.satisfaction_rate, "percent"), f"{ev.satisfied} / {ev.evaluated}"),
        ("参评率", Typed(ev.participation_rate, "percent"), f"{ev.evaluated} / {ev.resolved}"),
    )
    deps = tuple((w(d.name) if d.department_id is None else d.name, *_outcome_cells(d.outcome),
                  d.resolve_hours_mean, d.accept.count, d.accept.mean, _whole(d.accept.p90))
                 for d in stats.departments)
    total = ((w("合计"), *_outcome_cells(t), res.mean, acc.count, acc.mean, _whole(acc.p90)),)
    staff = tuple((s.name, s.department, s.first_owner, *_outcome_cells(s.handled)[:6],
                   s.handled.overdue_open) for s in stats.staff)
    period, scope = stats.period.label_for(lang), w(stats.scope)
    overview = f"{period} summary ({scope})" if en else f"{period} 概况（{scope}）"
    evaluations = {r.key: EVALUATIONS[int(r.key)] for r in ev.levels
                   if r.key.isdigit() and int(r.key) in EVALUATIONS}
    of_period: dict[str, Any] = {"lang": lang, "moment": period_moment(stats, lang), "period": period}
    now = {"lang": lang, "moment": current_moment(stats, lang), "period": period}
    tables = [
        StatTable("概况", overview, (w("指标"), w("数值"), w("说明")), ("text", "typed", "text"),
                  tuple((w(a), b, w(c)) for a, b, c in summary), **of_period),
        StatTable("按部门", w("按承办部门"), tuple(w(h) for h in (
            "承办部门", *OUTCOME_HEAD, "平均办结（小时）", "签收次数", "平均签收（工作分钟）",
            "签收P90（工作分钟）")),
                  ("text", *OUTCOME_FORMATS, "decimal", "int", "decimal", "int"),
                  deps + total, total_row=True, **of_period),
        _counts("按状态", "按状态", "状态", stats.by_status, STATUSES, lang),
        _counts("按类型", "按类型", "类型", stats.by_kind, KINDS, lang),
        _counts("按渠道", "按渠道", "渠道", stats.by_channel, CHANNELS, lang),
        StatTable("按人员", w("按人员（首问登记与承办）"), tuple(w(h) for h in (
            "姓名", "部门", "首问登记", "承办", "未办结", "办结", "按时办结", "超期办结",
            "按时办结率", "本期登记·当前超期")),
                  ("text", "text") + ("int",) * 6 + ("percent", "int"), staff, **of_period),
        _counts("好差评", "好差评", "评价", ev.levels, evaluations, lang),
    ]
    tables = [t if t.moment else replace(t, **of_period) for t in tables]
    return [*tables,
            _due_table("超期事项", "当前超期事项", stats.overdue, overdue=True, **now),
            _due_table("即将到期", "即将到期事项", stats.due_soon, overdue=False, **now)]


def to_report_table(table: StatTable, *, title: str | None = None,
                    columns: Sequence[int] | None = None) -> ReportTable:
    """A StatTable as printed text (optionally only some columns)."""
    cols = list(columns) if columns is not None else list(range(len(table.head)))
    return ReportTable(
        title if title is not None else table.title, tuple(table.head[c] for c in cols),
        tuple(tuple(fmt_cell(row[c], table.formats[c], table.lang) for c in cols)
              for row in table.rows),
        tuple(WIDTHS.get(table.formats[c], 2.0) for c in cols),
        centered=tuple(i for i, c in enumerate(cols) if table.formats[c] not in ("text", "wide")),
        note=table.note, total_row=table.total_row,
        empty_text=Term("（无）", "(none)").text(table.lang))


def monthly_report_data(stats: PeriodStats, lang: str = "zh") -> MonthlyReportData:
    """The report's figures in two blocks that are never mixed: the period's (cases
    registered in it, status as of the generation time) and the current ones (every
    unfinished case at that time, whenever registered). Its own words are in `lang`."""
    tables = {t.sheet: t for t in stat_tables(stats, lang)}
    t, ev = stats.total, stats.evaluations
    at = f"{stats.generated_at:%Y-%m-%d %H:%M}"
    w = lambda text: words(text, lang)  # noqa: E731

    def cases(n: int) -> str:
        return Term(f"{n} 件", f"{n} case{'' if n == 1 else 's'}").text(lang)

    figures = (
        Figure(w("登记事项"), cases(t.registered)), Figure(w("办结"), cases(t.resolved)),
        Figure(w("按时办结率"), _pct(t.on_time_rate), f"{t.on_time}/{t.on_time + t.late}"),
        Figure(w("本期登记·当前超期"), cases(t.overdue_open),
               Term(f"未办结 {t.open} 件", f"{t.open} open").text(lang)),
        Figure(w("平均签收用时"), f"{_num(stats.accept_minutes.mean)} "
               + Term("工作分钟", "working minutes").text(lang),
               f"P90 {_num(stats.accept_minutes.p90, 0)}"),
        Figure(w("平均办结用时"), f"{_num(stats.resolve_hours.mean)} "
               + Term("小时", "hours").text(lang), f"P90 {_num(stats.resolve_hours.p90)}"),
        Figure(w("最多跑一次率"), _pct(stats.visits.once_rate),
               Term(f"平均 {_num(stats.visits.mean, 2)} 次",
                    f"mean {_num(stats.visits.mean, 2)} visits").text(lang)),
        Figure(w("满意率"), _pct(ev.satisfaction_rate),
               Term(f"参评 {ev.evaluated} 件", f"{ev.evaluated} evaluated").text(lang)),
    )
    current = (  # the section's heading says 截至 when and 不限登记期间
        Figure(w("当前超期"), cases(stats.overdue.total)),
        Figure(Term("即将到期", "Due soon").text(lang), cases(stats.due_soon.total)),
    )
    reminder = calendar_reminder(stats.generated_at.date())
    overdue_title = Term(f"截至 {at} 的超期事项（不限登记期间）",
                         f"Overdue as of {at} (whenever registered)").text(lang)
    soon_title = Term(f"截至 {at} 即将到期的事项（不限登记期间）",
                      f"Due soon as of {at} (whenever registered)").text(lang)
    return MonthlyReportData(
        org=_org(), period=stats.period.label_for(lang), scope=w(stats.scope),
        generated_at=stats.generated_at, figures=figures, current=current, lang=lang,
        tables=(
            to_report_table(tables["按部门"], title=w("按承办部门"), columns=range(8)),
            to_report_table(tables["按部门"], title=w("办理时效"), columns=(0, 3, 8, 9, 10, 11)),
            to_report_table(tables["按类型"]), to_report_table(tables["按渠道"]),
            to_report_table(tables["好差评"]),
            to_report_table(tables["按人员"], columns=(0, 1, 2, 3, 5, 6, 7, 8, 9)),
        ),
        current_tables=(
            to_report_table(tables["超期事项"], title=overdue_title, columns=(0, 2, 3, 4, 6, 1)),
            to_report_table(tables["即将到期"], title=soon_title, columns=(0, 2, 3, 4, 6, 1)),
        ),
        definitions=DEFINITIONS_EN if english(lang) else DEFINITIONS,
        warnings=(reminder.message(lang),) if reminder.needed else (),
        audit_head=_audit_head(lang))


def _audit_head(lang: str = "zh") -> str:
    """The audit chain's head as printed on the report, and anchored beside the register."""
    from core import audit_anchor, register

    last, digest = audit_anchor.head()
    audit_anchor.record(register.current_target(), "monthly report")
    return Term(f"第 {last} 行 SHA-256 {digest}", f"row {last}, SHA-256 {digest}").text(lang)


def monthly_report_paper(period: Period, department_id: int | None = None, fmt: str = "a4",
                         *, actor_id: int | None, lang: str = "zh") -> Paper:
    """The monthly report of `period`, ready to render (documents.render.render), its own
    words in `lang` (the language of the person printing)."""
    stats = department_stats(period, department_id, actor_id=actor_id, list_limit=20)
    return Paper(monthly_report_data(stats, lang), fmt, stats.generated_at)


# ---- the accountability list ------------------------------------------------------------

def accountability_data(period: Period, department_id: int | None = None, *,
                        include_pending: bool = False, actor_id: int | None,
                        lang: str = "zh") -> AccountabilityListData:
    """Violations that occurred in the period and commendations recorded in it, grouped by
    the staff member's department. Confirmed violations are listed with their sanction;
    candidates awaiting review are counted (and listed, marked 待审核, if asked);
    dismissed ones are only counted. Two joined queries, whatever the volume."""
    department_id = viewer_scope(actor_id, department_id)
    deps = dict(tuples(Department.select(Department.id, Department.name)))
    in_scope = (Staff.department == department_id) if department_id is not None else pw.SQL("1 = 1")
    q = (tuples(Violation.select(Staff.department, Staff.name, Case.number, Violation.rule,
                          Violation.status, Violation.evidence, Violation.occurred_at,
                          Violation.sanction)
         .join(Staff, on=(Violation.staff == Staff.id))
         .join(Case, pw.JOIN.LEFT_OUTER, on=(Violation.case == Case.id))
         .where((Violation.occurred_at >= period.since) & (Violation.occurred_at < period.until)
                & in_scope)
         .order_by(Violation.occurred_at, Violation.id)))
    listed: dict[int | None, list[ViolationLine]] = defaultdict(list)
    pending: dict[int | None, int] = defaultdict(int)
    dismissed = 0
    for dep, name, number, rule, status, evidence, at, sanction in q:
        if status == "dismissed":
            dismissed += 1
            continue
        confirmed = status == "confirmed"
        if not confirmed:
            pending[dep] += 1
            if not include_pending:
                continue
        listed[dep].append(ViolationLine(
            name, RULES[rule].text(lang) if rule in RULES else rule, number or "", at,
            evidence_text(evidence, lang),
            (CONFIRMED if confirmed else PENDING).text(lang),
            SANCTIONS[sanction].text(lang) if confirmed and sanction in SANCTIONS else ""))
    praise: dict[int | None, list[CommendationLine]] = defaultdict(list)
    for dep, name, number, at, note in (
            tuples(Commendation.select(Staff.department, Staff.name, Case.number, Commendation.at,
                                Commendation.note)
            .join(Staff, on=(Commendation.staff == Staff.id))
            .join(Case, pw.JOIN.LEFT_OUTER, on=(Commendation.case == Case.id))
            .where((Commendation.at >= period.since) & (Commendation.at < period.until)
                   & in_scope)
            .order_by(Commendation.at, Commendation.id))):
        praise[dep].append(CommendationLine(name, number or "", at, note))
    keys = set(listed) | set(praise) | set(pending)
    if department_id is not None:
        keys.add(department_id)
    ordered = sorted(keys, key=lambda k: (k is None, k or 0))
    none = words(NO_DEPARTMENT, lang)
    sections = tuple(
        DepartmentAccountability(deps.get(k, none) if k else none,
                                 tuple(listed.get(k, [])), tuple(praise.get(k, [])),
                                 pending.get(k, 0))
        for k in ordered)
    return AccountabilityListData(
        org=_org(), period=period.label_for(lang),
        scope=deps.get(department_id, none) if department_id else words("全部部门", lang),
        generated_at=register.now(), departments=sections, dismissed=dismissed,
        lists_pending=include_pending, lang=lang)


def accountability_tables(data: AccountabilityListData) -> list[StatTable]:
    """The list as two sheets (violations, commendations) for .xlsx export."""
    v_rows = tuple((d.department, v.staff, v.rule, v.case_number, v.occurred_at, v.evidence,
                    v.status, v.sanction) for d in data.departments for v in d.violations)
    c_rows = tuple((d.department, c.staff, c.case_number, c.at, c.note)
                   for d in data.departments for c in d.commendations)
    at, lang, p, scope = f"{data.generated_at:%Y-%m-%d %H:%M}", data.lang, data.period, data.scope
    say = lambda zh, en: Term(zh, en).text(lang)  # noqa: E731
    return [
        StatTable("责任追究", say(f"{p} 责任追究清单（{scope}）", f"Accountability list {p} ({scope})"),
                  (say("部门", "Department"), say("责任人", "Staff"), say("情形", "What"),
                   say("事项编号", "Case number"), say("发生时间", "When"), say("情况", "Evidence"),
                   say("状态", "Status"), say("处理", "Sanction")),
                  ("text", "text", "text", "text", "datetime", "wide", "text", "text"), v_rows,
                  moment=say(f"统计期间：{p}内发生的情形；审核状态截至 {at}",
                             f"Period: what happened in {p}; review status as of {at}"),
                  period=p, lang=lang),
        StatTable("表扬", say(f"{p} 表扬（{scope}）", f"Commendations {p} ({scope})"),
                  (say("部门", "Department"), say("受表扬人", "Staff"), say("事项编号", "Case number"),
                   say("时间", "When"), say("事迹", "For")),
                  ("text", "text", "text", "datetime", "wide"), c_rows,
                  moment=say(f"统计期间：{p}内记录的表扬；生成于 {at}",
                             f"Period: commendations recorded in {p}; made {at}"),
                  period=p, lang=lang),
    ]


def accountability_paper(period: Period, department_id: int | None = None,
                         fmt: str = "a4", *, include_pending: bool = False,
                         actor_id: int | None, lang: str = "zh") -> Paper:
    """The accountability list of `period`, ready to render (documents.render.render)."""
    data = accountability_data(period, department_id, include_pending=include_pending,
                               actor_id=actor_id, lang=lang)
    return Paper(data, fmt, data.generated_at)
