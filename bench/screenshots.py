"""Screenshots of the real window on a demo register, for docs/screenshots/ (to be looked at).

    python bench/screenshots.py inbox            # each role's 我的待办
    python bench/screenshots.py inbox --size 1024x768 --lang en
    python bench/screenshots.py day              # a clerk's and a supervisor's screens,
                                                 # zh and en, 1024x768 and 1920x1080

Runs offscreen (or on $DISPLAY when set); the register is generated once under --db.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The windows' remembered column widths and positions (QSettings) of a fresh install, not of
# whoever ran the program on this machine before: the pictures show what a new clerk sees.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="firstdesk-shots-")

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

    from core.admin.organisation import org_info
    from core.admin.staff import list_staff
    from gui.desk.main_window import MainWindow
    from gui.i18n import install_translator
    from gui.session import Session
    from gui.settings import AppSettings

    install_translator(QApplication.instance(), lang)  # type: ignore[arg-type]
    staff = next(s for s in list_staff() if s.username == username)
    where = "本机" if lang == "zh" else "this PC"  # what gui.app.make_session says
    win = MainWindow(Session(staff, org_info().name, staff.window_no, lang, where),
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
        written.append(_shoot(win, out / f"inbox-{role}{suffix}.png"))
    return written


def admin_shots(out: Path, lang: str, size: tuple[int, int]) -> list[Path]:
    """An administrator's working calendar (National Day chosen) and catalogue editor."""
    from datetime import date

    from PySide6.QtWidgets import QApplication

    from core.admin.staff import list_staff

    app = QApplication.instance() or QApplication([])
    admin = next(s.username for s in list_staff() if s.role == "admin")
    suffix = "" if lang == "zh" else f"-{lang}"
    written = []
    for stem in ("calendar", "catalogue"):
        win = _window(admin, lang, size)
        _settle(app, lambda w=win: w.counts is not None)  # type: ignore[attr-defined]
        win.show_page("admin")  # type: ignore[attr-defined]
        page = win.pages["admin"]  # type: ignore[attr-defined]
        tab = page.calendar_tab if stem == "calendar" else page.catalogue_tab
        page.tabs.setCurrentWidget(tab)
        if stem == "calendar":
            tab.grid.select(date(2026, 10, 1))
        _settle(app)
        written.append(_shoot(win, out / f"admin-{stem}{suffix}.png"))
    return written


def _shoot(win: object, path: Path) -> Path:
    """Save the window's picture to `path`, then close the window."""
    if not win.grab().save(str(path)):  # type: ignore[attr-defined]
        raise OSError(f"the picture could not be written to {path}")
    win.shutdown()  # type: ignore[attr-defined]
    win.close()  # type: ignore[attr-defined]
    return path


# (file stem, user, how to get the window there)
DAY_SHOTS = ("main", "intake", "overdue", "accountability")


def _day_window(app: object, stem: str, lang: str, size: tuple[int, int]) -> object:
    """The window showing one screen of a clerk's (or a supervisor's) day."""
    user = "wangwu" if stem in ("main", "intake") else "qinzhigang"
    win = _window(user, lang, size)
    _settle(app, lambda: win.counts is not None)  # type: ignore[attr-defined]
    if stem == "main":
        win.show_page("all")  # type: ignore[attr-defined]
        model = win.lists["all"].model  # type: ignore[attr-defined]
        _settle(app, lambda: model.is_idle() and model.rowCount() > 2)  # its pages are read
        win.lists["all"].table.selectRow(2)  # type: ignore[attr-defined]
    elif stem == "intake":
        _fill_intake(win.pages["intake"])  # type: ignore[attr-defined]
        win.show_page("intake")  # type: ignore[attr-defined]
    elif stem == "overdue":
        win.show_page("supervision")  # type: ignore[attr-defined]
        page = win.pages["supervision"]  # type: ignore[attr-defined]
        _settle(app, lambda: page.stats is not None)
        page.show_tab("超期事项")
    elif stem == "accountability":
        win.show_page("accountability")  # type: ignore[attr-defined]
        page = win.pages["accountability"]  # type: ignore[attr-defined]
        _settle(app, lambda: page.model.rowCount() > 0)
    _settle(app)
    return win


def _fill_intake(page: object) -> None:
    """A walk-in half registered: phone, name, item chosen, one material still missing."""
    from core.admin.catalogue import search_items

    page.phone_edit.setText("13800138000")  # type: ignore[attr-defined]
    page.phone_finished()  # type: ignore[attr-defined]
    page.name_edit.setText(page.name_edit.text() or "张三")  # type: ignore[attr-defined]
    found = search_items("营业执照", limit=1) or search_items("登记", limit=1)
    if found:
        page.item_edit.choose(found[0][0], found[0][2])  # type: ignore[attr-defined]
        page.materials.set_received(0, True)  # type: ignore[attr-defined]


def day_shots(out: Path, langs: list[str], sizes: list[tuple[int, int]],
              only: tuple[str, ...] = DAY_SHOTS) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    written = []
    for lang in langs:
        for size in sizes:
            for stem in only:
                win = _day_window(app, stem, lang, size)
                path = out / f"{stem}-{size[0]}x{size[1]}{'' if lang == 'zh' else '-' + lang}.png"
                written.append(_shoot(win, path))
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("what", choices=("inbox", "day", "admin"))
    p.add_argument("--db", default="/tmp/firstdesk-shots.db")
    p.add_argument("--cases", type=int, default=2000)
    p.add_argument("--lang", choices=("zh", "en", "both"), default="zh")
    p.add_argument("--size", default="1360x860", help="WxH, or several: 1024x768,1920x1080")
    p.add_argument("--only", default="", help="day: these screens only (main,intake,…)")
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = p.parse_args(argv)
    Path(args.out).mkdir(parents=True, exist_ok=True)  # Qt's save says only False otherwise
    from core import register
    from core.admin.demo import build_demo
    from models.tables import Case

    register.set_clock(lambda: datetime(2026, 12, 4, 10, 30))
    register.open_register(args.db)
    if Case.select().count() == 0:
        build_demo(args.cases, seed=7)
    sizes = [(int(w), int(h)) for w, h in (s.split("x") for s in args.size.split(","))]
    langs = ["zh", "en"] if args.lang == "both" else [args.lang]
    if args.what == "day":
        paths = day_shots(Path(args.out), langs, sizes,
                          tuple(args.only.split(",")) if args.only else DAY_SHOTS)
    elif args.what == "admin":
        paths = [p for lang in langs for p in admin_shots(Path(args.out), lang, sizes[0])]
    else:
        paths = [p for lang in langs for p in inbox_shots(Path(args.out), lang, sizes[0])]
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
