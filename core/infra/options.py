"""The options every way of starting the program shares — which register (`--db`) and which
language (`--lang`) — parsed in one place: the command line builds on this parser, the
window reads the same two, and main.py uses it to tell a command from the window's own
(and Qt's) arguments."""

from __future__ import annotations

import argparse

LANGS = ("zh", "en")


def common_options() -> argparse.ArgumentParser:
    """--db and --lang, as a parent parser (no -h of its own)."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--db", help="SQLite file or postgresql://user:pass@host/db URL "
                   "(default: firstdesk.db in the user's data folder)")
    p.add_argument("--lang", choices=LANGS, help="language of the window and the messages")
    return p


def split_common(args: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """(--db and --lang, everything else in its order); ValueError for a bad --lang."""
    try:
        return common_options().parse_known_args(args)
    except SystemExit as exc:  # argparse's way of refusing a value
        raise ValueError(f"--lang must be one of {', '.join(LANGS)}") from exc


def wants_cli(args: list[str]) -> bool:
    """True when the arguments name a subcommand or ask for help/version (not the window)."""
    try:
        _, rest = split_common(args)
    except ValueError:
        return True  # the command line says what is wrong
    return any(a in ("-h", "--help", "--version") or not a.startswith("-") for a in rest)
