"""FirstDesk's command line for administrators and scripts (built on core/ only)."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

from core.version import __version__

log = logging.getLogger(__name__)

COMMANDS: dict[str, str] = {}


def command(name: str, help_text: str) -> Callable[[Callable[..., int]], Callable[..., int]]:
    def deco(fn: Callable[..., int]) -> Callable[..., int]:
        COMMANDS[name] = help_text
        _HANDLERS[name] = fn
        return fn

    return deco


_HANDLERS: dict[str, Callable[..., int]] = {}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="firstdesk", description="首问台 FirstDesk — 首问责任制事项登记与跟踪。"
        "Without a command the window opens.")
    p.add_argument("--db", help="SQLite file or postgresql://user:pass@host/db URL "
                   "(default: firstdesk.db in the user's data folder)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of messages")
    p.add_argument("--version", action="version", version=f"FirstDesk {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    s = sub.add_parser("init", help=COMMANDS["init"])
    s.add_argument("--name", required=True, help="organisation name")
    s.add_argument("--preset", default="service_centre",
                   choices=("service_centre", "bureau", "property_centre", "company", "gas_utility"))
    s.add_argument("--admin", default="admin", help="first administrator's user name")
    s.add_argument("--admin-name", default="系统管理员")
    s.add_argument("--password", help="administrator password (asked for when omitted)")
    s = sub.add_parser("demo", help=COMMANDS["demo"])
    s.add_argument("--cases", type=int, default=200)
    s.add_argument("--seed", type=int, default=7)
    sub.add_parser("overdue", help=COMMANDS["overdue"])
    s = sub.add_parser("backup", help=COMMANDS["backup"])
    s.add_argument("dest", help="backup file, or a folder for a dated file")
    s = sub.add_parser("print", help=COMMANDS["print"])
    s.add_argument("document", choices=("receipt", "notice", "supplement", "transfer", "referral",
                                        "hazard", "history"))
    s.add_argument("case_number")
    s.add_argument("--out", required=True, help="PDF file to write")
    s.add_argument("--format", choices=("a4", "a5", "80mm"),
                   help="paper (default: the organisation's slip format)")
    return p


def wants_cli(args: list[str]) -> bool:
    """True when the arguments name a subcommand or ask for help/version."""
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a in ("--db", "--lang"):
            skip = True
            continue
        if a in ("-h", "--help", "--version"):
            return True
        if not a.startswith("-"):
            return True
    return False


def open_db(target: str | None, *, create: bool = True) -> str:
    from core.paths import default_database_path
    from core.register import open_register

    return open_register(target or str(default_database_path()), create=create)


@command("init", "create the organisation from a preset and its first administrator")
def cmd_init(args: argparse.Namespace) -> int:
    from core.organisation import init_organisation

    open_db(args.db)
    password = args.password or getpass.getpass("administrator password: ")
    admin = init_organisation(args.name, args.preset, args.admin, args.admin_name, password)
    print(f"organisation {args.name} ({args.preset}) created; administrator {admin.username}")
    return 0


@command("demo", "create the demo service centre and N generated cases in every state")
def cmd_demo(args: argparse.Namespace) -> int:
    from core.demo import DEMO_PASSWORD, build_demo

    if args.cases < 0 or args.cases > 20_000_000:
        print("--cases must be between 0 and 20000000", file=sys.stderr)
        return 2
    target = open_db(args.db)
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
    from core.queries import overdue_cases
    from core.vocab import KINDS, STATUSES

    open_db(args.db, create=False)
    lang = args.lang
    for r in overdue_cases():
        who = r.handler or r.pending or r.first_owner
        print(f"{r.number}\t{r.due_at:%Y-%m-%d %H:%M}\t{STATUSES[r.status].text(lang)}\t"
              f"{KINDS[r.kind].text(lang)}\t{r.department or '-'}\t{who}\t{r.subject}")
    return 0


@command("backup", "copy the register to a file while others keep working")
def cmd_backup(args: argparse.Namespace) -> int:
    from core.backup import backup

    open_db(args.db, create=False)
    dest = backup(Path(args.dest))
    print(f"backup written: {dest}")
    return 0


@command("print", "write a slip or notice of a case as PDF (receipt, notice, transfer …)")
def cmd_print(args: argparse.Namespace) -> int:
    from core.errors import DomainError
    from core.queries import find_by_number
    from core.slips import render_case

    open_db(args.db, create=False)
    case_id = find_by_number(args.case_number)
    if case_id is None:
        raise DomainError("not_found", ref=args.case_number)
    pdf = render_case(case_id, args.document, args.format)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    print(f"{args.document} of {args.case_number} written: {out} ({len(pdf):,} bytes)")
    return 0


def main(argv: list[str] | None = None) -> int:
    from core.errors import DomainError
    from models.database import StorageError

    args = build_parser().parse_args(argv)
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
        from core.backup import BackupError

        if isinstance(exc, BackupError | ValueError | OSError):
            print(str(exc), file=sys.stderr)
            return 1
        raise
