"""FirstDesk launcher: logging and crash hook first, then the window — or cli.py for a subcommand."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    import cli

    if cli.wants_cli(args):
        return cli.main(args)
    from core.logsetup import setup_logging

    setup_logging()
    from gui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
