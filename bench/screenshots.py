"""Screenshots of the real window on a demo register, for docs/screenshots/ (to be looked at).

    python bench/screenshots.py inbox            # each role's 我的待办
    python bench/screenshots.py inbox --size 1024x768 --lang en

Runs offscreen (or on $DISPLAY when set); the register is generated once under --db.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# (user name in the demo, what the picture shows, the inbox section to open)
INBOX_SHOTS = (
    ("wangwu", "clerk", "returned"),
    ("lisi", "handler", "to_accept"),
    ("yangjun", "dept-head", "unclaimed"),
    ("qinzhigang", "leader", "to_assign"),
    ("heping", "safety-officer", "hazards"),
)


def _window(username: str, lang: str, size: tuple[int, int]) -> object:
    from PySide6.QtWidgets import QApplication

    from core.organisation import org_info
    from core.staff import list_staff
    from gui.i18n import install_translator
    from gui.main_window import MainWindow
    from gui.session import Session
    from gui.settings import AppSettings

    install_translator(QApplication.instance(), lang)  # type: ignore[arg-type]
    staff = next(s for s in list_staff() if s.username == username)
    win = MainWindow(Session(staff, org_info().name, staff.window_no, lang, "本机"),
                     AppSettings())
    win.resize(*size)
    win.show()
    return win


def _settle(app: object, until: Callable[[], bool] | None = None) -> None:
    import time

    from gui.ops import wait_idle

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        wait_idle(200)
        app.processEvents()  # type: ignore[attr-defined]
        if until is None or until():
            break
    for _ in range(5):
        app.processEvents()  # type: ignore[attr-defined]


def inbox_shots(out: Path, lang: str, size: tuple[int, int]) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    written = []
    for username, role, section in INBOX_SHOTS:
        win = _window(username, lang, size)
        _settle(app, lambda w=win: w.counts is not None)  # type: ignore[attr-defined]
        win.inbox.show_section(section)  # type: ignore[attr-defined]
        _settle(app)
        win.inbox.table.selectRow(0)  # type: ignore[attr-defined]
        _settle(app)
        suffix = "" if lang == "zh" else f"-{lang}"
        path = out / f"inbox-{role}{suffix}.png"
        win.grab().save(str(path))  # type: ignore[attr-defined]
        written.append(path)
        win.shutdown()  # type: ignore[attr-defined]
        win.close()  # type: ignore[attr-defined]
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("what", choices=("inbox",))
    p.add_argument("--db", default="/tmp/firstdesk-shots.db")
    p.add_argument("--cases", type=int, default=2000)
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--size", default="1360x860")
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = p.parse_args(argv)
    from core import register
    from core.demo import build_demo
    from models.tables import Case

    register.set_clock(lambda: datetime(2026, 12, 4, 10, 30))
    register.open_register(args.db)
    if Case.select().count() == 0:
        build_demo(args.cases, seed=7)
    width, height = (int(x) for x in args.size.split("x"))
    for path in inbox_shots(Path(args.out), args.lang, (width, height)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
