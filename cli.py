"""FirstDesk's command line for administrators and scripts (built on core/ only)."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from core.infra.options import common_options
from core.infra.version import __version__

if TYPE_CHECKING:
    from core.admin.staff import StaffInfo
    from core.register import Register

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]  # the subcommands' adder

log = logging.getLogger(__name__)

COMMANDS: dict[str, str] = {}


def command(name: str, help_text: str) -> Callable[[Callable[..., int]], Callable[..., int]]:
    def deco(fn: Callable[..., int]) -> Callable[..., int]:
        COMMANDS[name] = help_text
        _HANDLERS[name] = fn
        return fn

    return deco


_HANDLERS: dict[str, Callable[..., int]] = {}


USER_ENV = "FIRSTDESK_USER"
PASSWORD_ENV = "FIRSTDESK_PASSWORD"


def _actor_options() -> argparse.ArgumentParser:
    """`--user`: every command that reads or changes cases runs as a signed-in account."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--user", metavar="NAME",
                   help=f"the account this runs as (default: ${USER_ENV}); its password "
                   f"from ${PASSWORD_ENV} or a prompt")
    return p


def build_parser() -> argparse.ArgumentParser:
    actor = _actor_options()
    p = argparse.ArgumentParser(
        prog="firstdesk", description="首问台 FirstDesk — 首问责任制事项登记与跟踪。"
        "Without a command the window opens.", parents=[common_options()])
    p.set_defaults(lang="zh")
    p.add_argument("--version", action="version", version=f"FirstDesk {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for add in (_setup_and_backup, _printing, _spreadsheets, _departments,
                _supervision_and_upkeep, _tools):
        add(sub, actor)
    return p


def _setup_and_backup(sub: Commands, actor: argparse.ArgumentParser) -> None:
    """The commands for init, demo, the overdue list and backups."""
    s = sub.add_parser("init", help=COMMANDS["init"])
    s.add_argument("--name", required=True, help="organisation name")
    s.add_argument("--preset", default="service_centre",
                   choices=("service_centre", "bureau", "property_centre", "company", "gas_utility"))
    s.add_argument("--admin", default="admin", help="first administrator's user name")
    s.add_argument("--admin-name", default="系统管理员")
    s.add_argument("--password", help="administrator password (asked for when omitted)")
    s.add_argument("--app-role", default="firstdesk_app",
                   help="PostgreSQL only: the role the windows connect as (created or updated "
                   "with least privilege; --db names the owner, whose password is not kept)")
    s.add_argument("--app-password", help="PostgreSQL only: the application role's password "
                   "(default: a new random one, printed once)")
    s = sub.add_parser("demo", help=COMMANDS["demo"])
    s.add_argument("--cases", type=int, default=200)
    s.add_argument("--seed", type=int, default=7)
    sub.add_parser("overdue", help=COMMANDS["overdue"], parents=[actor])
    s = sub.add_parser("backup", help=COMMANDS["backup"], parents=[actor])
    s.add_argument("dest", help="backup file, or a folder for a dated file")


def _printing(sub: Commands, actor: argparse.ArgumentParser) -> None:
    """The commands for a case's documents as PDF or on a print queue."""
    s = sub.add_parser("print", help=COMMANDS["print"], parents=[actor])
    s.add_argument("document", choices=("receipt", "notice", "supplement", "transfer", "referral",
                                        "hazard", "history"))
    s.add_argument("case_number")
    target = s.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", help="PDF file to write")
    target.add_argument("--printer", metavar="QUEUE",
                        help="print on this CUPS queue (lp) at the slip's own paper size")
    s.add_argument("--format", choices=("a4", "a5", "80mm"),
                   help="paper (default: the organisation's slip format)")


def _spreadsheets(sub: Commands, actor: argparse.ArgumentParser) -> None:
    """The commands for exports and imports of .xlsx workbooks."""
    s = sub.add_parser("export", help=COMMANDS["export"], parents=[actor])
    what = s.add_subparsers(dest="what", metavar="WHAT", required=True)
    r = what.add_parser("register", help="cases registered from DATE to DATE (both included)")
    r.add_argument("--from", dest="date_from", required=True, type=_date, metavar="YYYY-MM-DD")
    r.add_argument("--to", dest="date_to", required=True, type=_date, metavar="YYYY-MM-DD")
    r.add_argument("--out", required=True, help=".xlsx file to write")
    r = what.add_parser("catalogue", help="the catalogue as the filled import template")
    r.add_argument("--out", required=True, help=".xlsx file to write")
    r.add_argument("--blank", action="store_true", help="the empty template only")
    r = what.add_parser("staff", help="accounts and departments (no passwords), for `import staff`")
    r.add_argument("--out", required=True, help=".xlsx file to write")
    s = sub.add_parser("import", help=COMMANDS["import"], parents=[actor])
    what = s.add_subparsers(dest="what", metavar="WHAT", required=True)
    r = what.add_parser("catalogue", help="items and materials from the .xlsx template")
    r.add_argument("file", help=".xlsx file (as written by `export catalogue`)")
    r.add_argument("--create-departments", action="store_true",
                   help="create the departments the file names but the register lacks")
    r.add_argument("--partial", action="store_true",
                   help="import the items without problems and list the others "
                   "(default: any problem imports nothing)")
    r = what.add_parser("staff", help="accounts (sheet 人员) and departments (sheet 部门) from .xlsx")
    r.add_argument("file", help=".xlsx file (as written by `export staff`); a new account needs "
                   "an initial password (初始密码), changed at first sign-in")
    r.add_argument("--create-departments", action="store_true",
                   help="create the departments the staff sheet names but the register lacks")


def _departments(sub: Commands, actor: argparse.ArgumentParser) -> None:
    """The commands for departments: list, create, rename, disable, enable."""
    s = sub.add_parser("department", help=COMMANDS["department"], parents=[actor])
    what = s.add_subparsers(dest="what", metavar="WHAT", required=True)
    r = what.add_parser("list", help="every department, active or not")
    r = what.add_parser("create", help="a new department")
    r.add_argument("name")
    r.add_argument("--code", default="")
    r.add_argument("--phone", default="")
    r.add_argument("--location", default="")
    r.add_argument("--safety", action="store_true",
                   help="the safety department (receives accidents at once)")
    r = what.add_parser("rename", help="give a department a new name (its history keeps it)")
    r.add_argument("name")
    r.add_argument("new_name")
    for verb, text in (("disable", "stop using a department (refused while it has active staff)"),
                       ("enable", "use a disabled department again")):
        r = what.add_parser(verb, help=text)
        r.add_argument("name")


def _supervision_and_upkeep(sub: Commands, actor: argparse.ArgumentParser) -> None:
    """The commands for statistics, the calendar, restore, the audit chain, retention."""
    s = sub.add_parser("stats", help=COMMANDS["stats"], parents=[actor])
    s.add_argument("--month", required=True, metavar="YYYY-MM")
    s.add_argument("--department", help="one department (name); default all")
    s.add_argument("--accountability", action="store_true",
                   help="the accountability list instead of the statistics")
    s.add_argument("--out", help="FILE.pdf (printable) or FILE.xlsx; default: print a summary")
    s = sub.add_parser("calendar", help=COMMANDS["calendar"], parents=[actor])
    what = s.add_subparsers(dest="what", metavar="WHAT", required=True)
    r = what.add_parser("import", help="a year's schedule: CSV date,type,name or JSON")
    r.add_argument("file")
    s = sub.add_parser("restore", help=COMMANDS["restore"], parents=[actor])
    s.add_argument("backup", help="a backup file written by `backup`")
    s.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    sub.add_parser("audit-verify", help=COMMANDS["audit-verify"], parents=[actor])
    s = sub.add_parser("retention", help=COMMANDS["retention"], parents=[actor])
    s.add_argument("--apply", action="store_true",
                   help="blank the identity on the cases listed (an administrator, audited)")


def _tools(sub: Commands, actor: argparse.ArgumentParser) -> None:
    """The commands for inboxes, the lifecycle table, the self-test."""
    s = sub.add_parser("inbox", help=COMMANDS["inbox"], parents=[actor])
    s.add_argument("--all", action="store_true",
                   help="every active user's inbox (administrators), with the orphans count")
    s.add_argument("--json", metavar="FILE", help="also write the inbox(es) as JSON")
    s = sub.add_parser("lifecycle", help=COMMANDS["lifecycle"])
    s.add_argument("--mermaid", action="store_true", help="the state diagram (Mermaid)")
    s.add_argument("--json", action="store_true", help="the table as JSON")
    s = sub.add_parser("self-test", help=COMMANDS["self-test"])
    s.add_argument("--report", metavar="FILE", help="also write the result to FILE (UTF-8)")
    s.add_argument("--keep", action="store_true", help="keep the temporary register and PDF")
    s.add_argument("-q", "--quiet", action="store_true", help="print only failures and the summary")
    s.add_argument("--no-gui", action="store_true",
                   help="leave out the steps that load Qt (and list them)")
    s.add_argument("--postgres", metavar="URL", help="also connect to this PostgreSQL server "
                   "(read only)")

def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from None


def open_db(target: str | None, *, create: bool = True) -> Register:
    from core.infra.paths import default_database_path
    from core.register import open_register

    return open_register(target or str(default_database_path()), create=create)


def signed_in(args: argparse.Namespace, action: str) -> StaffInfo:
    """Open the existing register named by --db and sign in for `action` (acting_staff)."""
    open_db(args.db, create=False)
    return acting_staff(args, action)


def acting_staff(args: argparse.Namespace, action: str) -> StaffInfo:
    """Sign in as `--user` (or $FIRSTDESK_USER) with $FIRSTDESK_PASSWORD or a prompted
    password, the same sign-in as the window (lock-out, audit), and check that the role may
    `action` at all. Core then checks the rest and audits the command as that person."""
    from core.admin.staff import sign_in
    from core.errors import DomainError
    from core.permissions import require

    user = (getattr(args, "user", None) or os.environ.get(USER_ENV, "")).strip()
    if not user:
        raise DomainError("cli_user_required", command=args.command)
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise DomainError("cli_password_required", user=user)
        password = getpass.getpass(f"{user} 的密码 / password: ")
    staff = sign_in(user, password)
    require(staff.role, action)
    return staff


@command("retention", "finished cases past their retention period; --apply blanks the visitors' "
                      "identity (audited)")
def cmd_retention(args: argparse.Namespace) -> int:
    from core.admin.retention import anonymise_expired, configured_years, count_expired
    from core.vocab import KINDS

    staff = signed_in(args, "manage_settings")
    years, counts = configured_years(), count_expired()
    for kind, kept in years.items():
        label = KINDS[kind].zh if kind in KINDS else kind
        print(f"{label}\t保存 {kept} 年\t超期且含身份信息 {counts.get(kind, 0):,} 件")
    if not args.apply:
        print("未清除任何信息；清除请加 --apply。")
        return 0
    done = anonymise_expired(staff.id)
    print(f"已清除 {done:,} 件事项的来访人身份信息（已记入审计日志）。")
    return 0


@command("init", "create the organisation from a preset and its first administrator")
def cmd_init(args: argparse.Namespace) -> int:
    from core.admin.organisation import init_organisation
    from core.infra.storage import is_postgres, redact

    target = open_db(args.db).target
    password = args.password or getpass.getpass("administrator password: ")
    admin = init_organisation(args.name, args.preset, args.admin, args.admin_name, password)
    print(f"organisation {args.name} ({args.preset}) created; administrator {admin.username}")
    if is_postgres(target):
        from urllib.parse import urlsplit

        from core.admin.pg_roles import setup_app_role

        secret = setup_app_role(args.app_role, args.app_password)
        parts = urlsplit(target)
        host = parts.netloc.rsplit("@", 1)[-1]
        url = parts._replace(netloc=f"{args.app_role}@{host}").geturl()
        print(f"application role {args.app_role} set up with least privilege; connect the "
              f"windows to {redact(url)}")
        if not args.app_password:
            print(f"its password (shown once; each PC keeps it in its credential store): {secret}")
    return 0


@command("demo", "create the demo service centre and N generated cases in every state")
def cmd_demo(args: argparse.Namespace) -> int:
    from core.admin.demo import DEMO_PASSWORD, build_demo

    if args.cases < 0 or args.cases > 20_000_000:
        print("--cases must be between 0 and 20000000", file=sys.stderr)
        return 2
    target = open_db(args.db).target
    started = time.perf_counter()

    def progress(done: int) -> None:
        if args.cases >= 100_000:
            print(f"  {done:,} / {args.cases:,} cases ({time.perf_counter() - started:.0f} s)",
                  flush=True)

    n = build_demo(args.cases, seed=args.seed, progress=progress)
    print(f"demo register {target}: {n:,} cases generated in {time.perf_counter() - started:.1f} s; "
          f"every demo account's password is {DEMO_PASSWORD}")
    return 0


@command("overdue", "list overdue cases, one line each starting with the case number")
def cmd_overdue(args: argparse.Namespace) -> int:
    from core.cases.queries import overdue_cases
    from core.vocab import KINDS, STATUSES

    signed_in(args, "view_cases")
    lang = args.lang
    for r in overdue_cases():
        who = r.handler or r.pending or r.first_owner
        print(f"{r.number}\t{r.due_at:%Y-%m-%d %H:%M}\t{STATUSES[r.status].text(lang)}\t"
              f"{KINDS[r.kind].text(lang)}\t{r.department or '-'}\t{who}\t{r.subject}")
    return 0


@command("backup", "copy the register to a file while others keep working")
def cmd_backup(args: argparse.Namespace) -> int:
    from core.infra.backup import backup

    me = signed_in(args, "backup")
    dest = backup(Path(args.dest), actor_id=me.id)
    print(f"backup written: {dest}")
    return 0


@command("audit-verify", "check the audit log's hash chain and compare its head with the "
                        "anchors kept outside the database (anchor file, backup manifests)")
def cmd_audit_verify(args: argparse.Namespace) -> int:
    from core import audit_anchor
    from core.audit import verify
    from core.errors import Term
    from core.register import current_target

    open_db(args.db, create=False)
    # Before signing in: the sign-in's own audit rows must not cover a cut-off tail.
    anchors, marker = audit_anchor.all_anchors(current_target())
    findings = audit_anchor.check(anchors)
    acting_staff(args, "view_audit")
    report = verify()
    lang = args.lang
    ok = report.ok and not findings
    if report.ok:
        print(f"audit chain links: {report.rows:,} rows verified")
    else:
        print(f"audit log ALTERED: {report.rows:,} rows; altered rows {list(report.altered)}; "
              f"broken links at {list(report.broken_links)}")
    seen: set[tuple[str, int]] = set()
    for finding in sorted(findings, key=lambda f: -f.anchor.id):
        if (finding.kind, finding.anchor.id) not in seen:
            seen.add((finding.kind, finding.anchor.id))
            print(Term("锚点不符：", "ANCHOR: ").text(lang) + finding.message(lang))
    if marker is not None:
        print(f"restored on {marker.at} ({marker.source}); older anchors describe the chain "
              "the restore replaced")
    newest = max(anchors, key=lambda a: a.id, default=None)
    print(f"anchors compared: {len(anchors)}" + (f", the newest reaching row {newest.id} "
                                                 f"({newest.at}, {newest.where})" if newest else
                                                 " (none found: only the links were checked)"))
    if ok:
        print(f"audit log intact: {report.rows:,} rows verified")
    return 0 if ok else 1


@command("print", "write a slip or notice of a case as PDF (receipt, notice, transfer …)")
def cmd_print(args: argparse.Namespace) -> int:
    from core.cases.queries import find_by_number
    from core.errors import DomainError
    from core.printing.slips import case_paper, record_printed
    from documents.render import render

    me = signed_in(args, "print")
    case_id = find_by_number(args.case_number)
    if case_id is None:
        raise DomainError("not_found", ref=args.case_number)
    from core import register
    from core.infra.spool import SpoolError, media_for, send

    fmt = (args.format or register.org_settings().slip_format).lower()
    pdf = render(case_paper(case_id, args.document, fmt, actor_id=me.id))
    if args.printer:
        try:
            request = send(pdf, args.printer, fmt, f"{args.case_number} {args.document}")
        except SpoolError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        record_printed(me.id, case_id, args.document, fmt)
        print(f"{args.document} of {args.case_number} sent to {args.printer} "
              f"({media_for(fmt, pdf)}): {request}")
        return 0
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    record_printed(me.id, case_id, args.document, fmt)  # the `print` command: audited as printed
    print(f"{args.document} of {args.case_number} written: {out} ({len(pdf):,} bytes); "
          f"to print it with lp: lp -o media={media_for(fmt, pdf)} -o print-scaling=none {out}")
    return 0


@command("export", "write the case register for a period, the catalogue or the staff list as .xlsx")
def cmd_export(args: argparse.Namespace) -> int:
    from core.exports import export_catalogue, export_register
    from core.supervision.statistics import Period

    me = signed_in(args, "manage_staff" if args.what == "staff" else "export")
    if args.what == "staff":
        from core.admin.staff_xlsx import export_staff

        print(f"staff written: {args.out} ({export_staff(args.out, actor_id=me.id)} accounts)")
        return 0
    if args.what == "catalogue":
        n = export_catalogue(args.out, actor_id=me.id, blank=args.blank)
        print(f"catalogue written: {args.out} ({n} items)")
        return 0
    period = Period(args.date_from, args.date_to)
    started = time.perf_counter()
    n = export_register(period, args.out, actor_id=me.id)
    print(f"register {period.label} written: {args.out} ({n:,} cases, "
          f"{time.perf_counter() - started:.1f} s)")
    return 0


@command("import", "import the catalogue (.xlsx template) or staff (.xlsx); every problem "
                   "listed, nothing imported until the file is clean unless --partial")
def cmd_import(args: argparse.Namespace) -> int:
    from core.admin.catalogue_xlsx import import_catalogue
    from core.admin.sheet_reader import FileRefused

    me = signed_in(args, "manage_staff" if args.what == "staff" else "manage_catalogue")
    if args.what == "staff":
        return _import_staff(args, me)
    try:
        result = import_catalogue(args.file, actor_id=me.id,
                                  create_departments=args.create_departments,
                                  partial=args.partial)
    except FileRefused as exc:
        print(exc.message(args.lang), file=sys.stderr)
        if any("系统中没有部门" in p.reason for p in exc.problems):
            print("（确认这些部门应当新建后，加 --create-departments 重新导入 / add "
                  "--create-departments to create them）", file=sys.stderr)
        return 1
    if result.departments_created:
        print(f"departments created: {'、'.join(result.departments_created)}")
    print(f"catalogue imported from {args.file}: {len(result.created)} new, "
          f"{len(result.updated)} changed (new version), {len(result.unchanged)} unchanged"
          + (f", left out {len(result.rejected)}: {'、'.join(result.rejected)}"
             if result.rejected else ""))
    for problem in result.skipped:
        print(f"  {problem.message(args.lang)}")
    return 0


def _import_staff(args: argparse.Namespace, me: StaffInfo) -> int:
    from core.admin.sheet_reader import FileRefused
    from core.admin.staff_xlsx import import_staff

    try:
        result = import_staff(args.file, actor_id=me.id,
                              create_departments=args.create_departments)
    except FileRefused as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    if result.departments_created:
        print(f"departments created: {'、'.join(result.departments_created)}")
    print(f"staff imported from {args.file}: {len(result.created)} new (password to be changed "
          f"at first sign-in), {len(result.updated)} changed, {len(result.unchanged)} unchanged")
    return 0


@command("department", "list, create, rename, disable or enable a department (administrator)")
def cmd_department(args: argparse.Namespace) -> int:
    from core.admin.staff import create_department, list_departments
    from core.admin.staff_admin import update_department
    from core.errors import DomainError

    me = signed_in(args, "manage_staff")
    if args.what == "list":
        for d in list_departments(active_only=False):
            print(f"{d.name}\t{d.code or '-'}\t{'启用' if d.active else '停用'}"
                  f"{chr(9) + '安全管理部门' if d.is_safety else ''}")
        return 0
    if args.what == "create":
        d = create_department(args.name, args.code, args.phone, args.location, args.safety,
                              actor_id=me.id)
        print(f"department created: {d.name}")
        return 0
    found = next((d for d in list_departments(active_only=False) if d.name == args.name.strip()),
                 None)
    if found is None:
        raise DomainError("department_not_found", ref=args.name)
    name = args.new_name if args.what == "rename" else found.name
    active = {"disable": False, "enable": True}.get(args.what, found.active)
    d = update_department(me.id, found.id, name=name, code=found.code, phone=found.phone,
                          location=found.location, is_safety=found.is_safety, active=active)
    print(f"department {args.what}d: {found.name}" + (f" → {d.name}" if d.name != found.name else ""))
    return 0


@command("stats", "statistics or the accountability list of a month (print, PDF or .xlsx)")
def cmd_stats(args: argparse.Namespace) -> int:
    from core.admin.staff import list_departments
    from core.calendar.calendar_admin import calendar_reminder
    from core.errors import DomainError
    from core.exports import export_tables
    from core.supervision import reports
    from core.supervision.statistics import Period, department_stats

    me = signed_in(args, "view_statistics")
    period = Period.month(args.month)
    dep_id = None
    if args.department:
        name = args.department.strip()
        dep = next((d for d in list_departments(active_only=False) if d.name == name), None)
        if dep is None:
            raise DomainError("department_not_found", ref=args.department)
        dep_id = dep.id
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".pdf", ".xlsx"):
        print("--out must end in .pdf or .xlsx", file=sys.stderr)
        return 2
    if args.accountability:
        data = reports.accountability_data(period, dep_id, include_pending=out is not None
                                           and out.suffix.lower() == ".xlsx", actor_id=me.id)
        if out is None:
            for d in data.departments:
                print(f"{d.department}\t已确认 {d.confirmed}\t待审核 {d.pending}\t"
                      f"表扬 {len(d.commendations)}")
            return 0
        if out.suffix.lower() == ".pdf":
            from documents.render import render_document

            _write(out, render_document(data, "a4", created=data.generated_at))
        else:
            export_tables(reports.accountability_tables(data), out, actor_id=me.id)
        print(f"accountability list {period.label} written: {out}")
        return 0
    stats = department_stats(period, dep_id, actor_id=me.id, list_limit=20 if out is None or
                             out.suffix.lower() == ".pdf" else 500)
    if out is None:
        print(f"{period.label}\t{stats.scope}")
        for label, value, note in reports.stat_tables(stats)[0].rows:
            print(f"{label}\t{value}\t{note}")
    elif out.suffix.lower() == ".pdf":
        from documents.render import render_document

        _write(out, render_document(reports.monthly_report_data(stats), "a4",
                                    created=stats.generated_at))
        print(f"monthly report {period.label} written: {out}")
    else:
        export_tables(reports.stat_tables(stats), out, actor_id=me.id)
        print(f"statistics {period.label} written: {out}")
    reminder = calendar_reminder()
    if reminder.needed:
        print(f"提醒：{reminder.message()}", file=sys.stderr)
    return 0


def _write(out: Path, data: bytes) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)


@command("calendar", "import a year's official holidays and make-up working days")
def cmd_calendar(args: argparse.Namespace) -> int:
    from core.calendar.calendar_admin import calendar_reminder, import_schedule_file

    me = signed_in(args, "manage_calendar")
    result = import_schedule_file(args.file, actor_id=me.id)
    years = "、".join(str(y) for y in result.years)
    print(f"calendar {years} imported: {result.days} days "
          f"({result.holidays} 放假, {result.workdays} 调休上班)")
    print(f"open cases checked: {result.checked}; due time moved: {len(result.moved)}"
          + ("（请告知以下事项的办事人新的到期时间）" if result.moved else ""))
    for m in result.moved:
        print(f"{m.number}\t{m.old_due:%Y-%m-%d %H:%M}\t->\t{m.new_due:%Y-%m-%d %H:%M}\t"
              f"{m.first_owner}\t{m.handler or '-'}\t{'（匿名）' if m.anonymous else ''}"
              f"{m.subject}")
    if result.unresolved:
        print(f"提醒：{len(result.unresolved)} 件在办事项的时限无法从办理记录确定，到期时间未调整，"
              f"请人工核对：{'、'.join(result.unresolved)}", file=sys.stderr)
    reminder = calendar_reminder()
    if reminder.needed:
        print(f"提醒：{reminder.message()}", file=sys.stderr)
    return 0


def _cases_in(path: str) -> str:
    """How many cases a register file holds, for the restore question."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (n,) = conn.execute('SELECT COUNT(*) FROM "case"').fetchone()
        finally:
            conn.close()
        return f"{n:,} 件事项"
    except sqlite3.Error:
        return "无法读取"


def _confirm_restore(source: Path, target: str) -> bool:
    """Ask before replacing the register, with both files and their counts."""
    now = _cases_in(target) if Path(target).exists() else "不存在"
    prompt = (f"将用备份 {source}（{_cases_in(str(source))}）替换登记簿 {target}（现有 {now}）。\n"
              "恢复前会先把现有登记簿另存一份。确定恢复请输入 yes：")
    try:
        answer = input(prompt)
    except EOFError:
        answer = ""
    return answer.strip().lower() in ("yes", "y", "是")


def _keep_current(target: str, actor_id: int) -> Path:
    """A copy of the register about to be replaced: a checked backup, or its bytes as they
    are when it cannot be opened (a damaged register is why one restores)."""
    import shutil

    from core.infra.backup import backup
    from core.infra.storage import StorageError
    from core.register import close_register, open_register

    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = Path(target).with_name(f"{Path(target).stem}.before-restore-{stamp}.db")
    try:
        open_register(target, create=False)
        backup(kept, actor_id=actor_id)
    except StorageError:
        shutil.copyfile(target, kept)
    finally:
        close_register()
    return kept


@command("restore", "replace the register with a backup (asks first unless --yes)")
def cmd_restore(args: argparse.Namespace) -> int:
    from core.infra.backup import record_restored, restore
    from core.infra.paths import default_database_path
    from core.infra.storage import is_postgres
    from core.register import close_register, open_register

    target = args.db or str(default_database_path())
    if is_postgres(target):
        print("PostgreSQL 登记簿请由数据库管理员用 psql 从 pg_dump 备份恢复："
              "psql -d 数据库 -f 备份.sql（恢复前先停止所有窗口）。", file=sys.stderr)
        return 1
    source = Path(args.backup)
    if not source.is_file():
        print(f"备份文件不存在：{source}", file=sys.stderr)
        return 1
    me = _restore_actor(args, target, source)
    if not args.yes and not _confirm_restore(source, target):
        print("已取消，登记簿未改动。", file=sys.stderr)
        return 1
    if Path(target).exists():
        print(f"current register kept as {_keep_current(target, me.id)}")
    found = restore(source, target)
    try:
        open_register(target, create=False)
        record_restored(me.id, source, found)
    finally:
        close_register()
    print(f"register {target} restored from {source}")
    return 0


def _restore_actor(args: argparse.Namespace, target: str, source: Path) -> StaffInfo:
    """The administrator restoring: signed in on the current register, or — when that one is
    missing or too damaged to open (the reason one restores) — on a scratch copy of the
    backup, so the backup itself is not written to."""
    import shutil
    import tempfile

    from core.infra.storage import StorageError
    from core.register import close_register, open_register

    try:
        open_register(target, create=False)
        return acting_staff(args, "backup")
    except StorageError:
        close_register()
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "backup-copy.db"
            shutil.copyfile(source, copy)
            try:
                open_register(str(copy), create=False)
                return acting_staff(args, "backup")
            finally:
                close_register()
    finally:
        close_register()


@command("inbox", "the cases waiting for a person, by section (case number first on each "
                  "line); --all checks that every open case is in someone's inbox")
def cmd_inbox(args: argparse.Namespace) -> int:
    import json

    from core.cases import inbox_report

    me = signed_in(args, "manage_staff" if args.all else "view_cases")
    lang = args.lang
    if args.all:
        report = inbox_report.everyone()
        for line in inbox_report.summary_lines(report, lang):
            print(line)
    else:
        report = inbox_report.of_person(me)
        for line in inbox_report.case_lines(report, lang):
            print(line)
    if args.json:
        _write(Path(args.json), json.dumps(report, ensure_ascii=False, indent=1,
                                           default=str).encode("utf-8"))
    return 0


@command("lifecycle", "the case lifecycle table: who may do what, from which status, to which")
def cmd_lifecycle(args: argparse.Namespace) -> int:
    import json

    from core.cases import lifecycle

    if args.mermaid:
        sys.stdout.write(lifecycle.mermaid(args.lang))
    elif args.json:
        print(json.dumps(lifecycle.table_rows(args.lang), ensure_ascii=False, indent=1))
    else:
        for row in lifecycle.table_rows(args.lang):
            print(f"{row['action']}\t{row['label']}\t{','.join(row['from'])} -> "
                  f"{row['to'] or '='}\t{','.join(row['relations'])}\t"
                  f"{','.join(row['requires']) or '-'}\t{','.join(row['roles'])}")
    return 0


@command("self-test", "check this installation: a temporary register, one case through "
         "transfer and resolution, a receipt PDF, the main window offscreen")
def cmd_self_test(args: argparse.Namespace) -> int:
    from gui.selftest import main as self_test

    return self_test(verbose=not args.quiet, report=args.report, keep=args.keep,
                     gui=not args.no_gui, postgres=args.postgres)


def main(argv: list[str] | None = None) -> int:
    from core.errors import DomainError
    from core.infra.storage import StorageError

    args_in = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(args_in)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    if not args.command:
        build_parser().print_help()
        return 0
    try:
        return _HANDLERS[args.command](args)
    except BrokenPipeError:  # `overdue | head` closed the pipe early
        return 0
    except (DomainError, StorageError) as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 — one clear line, the traceback goes to the log
        from core.infra.backup import BackupError

        if isinstance(exc, BackupError | ValueError | OSError):
            print(str(exc), file=sys.stderr)
            return 1
        raise
