"""Windows as separate processes for tests/test_offline_sync.py: each has a data folder of
its own (its journal and local copy), registers while the server is stopped, and replays
its journal when told — or is killed in the middle of it (importable by spawn)."""

from __future__ import annotations

import os
import signal
import zlib
from pathlib import Path
from typing import Any

from core.dto import IntakeForm, MaterialInput, Scope


def form_for(tag: str, i: int, department: int) -> IntakeForm:
    """A walk-in whose subject names the window and the visit: 'OFF-W1-007'."""
    return IntakeForm(
        channel="visit" if i % 3 else "phone", kind="application",
        subject=f"OFF-{tag}-{i:03d}", visitor_name=f"访客{tag}{i}",
        visitor_phone=f"139{zlib.crc32(tag.encode()) % 1000:03d}{i:05d}", visitor_unit="某某公司",
        materials=(MaterialInput("申请书", True, 1, 2), MaterialInput("身份证复印件", False, 1, 1)),
        scope=Scope("transfer", department_id=department) if i % 2 else Scope("own"))


def window(url: str, home: str, staff_id: int, tag: str, n: int, department: int,
           server_down: Any, server_back: Any, out: Any, receipts_every: int = 10) -> None:
    """Online first (copy refreshed), then `n` registrations once the server is down (with
    receipts printed offline), then the replay once it is back."""
    os.environ["FIRSTDESK_HOME"] = home
    from core import register
    from core.offline import mode, sync
    from core.offline.desk import register_at_desk
    from tests.helpers import render_case

    register.open_register(url, create=False)
    d = mode.prepare(staff_id)
    mode.refresh_copy()
    out.put(("ready", tag, d.journal.station()))
    server_down.wait(120)
    made = []
    for i in range(n):
        ref = register_at_desk(staff_id, form_for(tag, i, department))
        receipt = ""
        if receipts_every and i % receipts_every == 0:
            receipt = str(Path(home) / f"receipt-{i:03d}.pdf")
            Path(receipt).write_bytes(render_case(ref.id, "receipt", "a5", staff_id))
        made.append((ref.number, f"OFF-{tag}-{i:03d}", receipt))
    out.put(("registered", tag, made, mode.is_offline()))
    if server_back is None:
        return
    server_back.wait(120)
    mode.go_online()
    report = sync.sync_journal(d.journal, d.server)
    out.put(("synced", tag, [(o.entry.provisional, o.state, o.number) for o in report.outcomes],
             report.left))


def offline_only(url: str, home: str, staff_id: int, tag: str, n: int, department: int,
                 server_down: Any, out: Any) -> None:
    """Register `n` cases offline and exit: the journal waits on disk for a replay."""
    window(url, home, staff_id, tag, n, department, server_down, None, out, receipts_every=0)


def replay(url: str, home: str, staff_id: int, use_key: bool, kill_after: int, out: Any) -> None:
    """A window replaying its journal; with `kill_after` it is SIGKILLed right after the
    server committed that many entries and before its journal heard of the last one."""
    os.environ["FIRSTDESK_HOME"] = home
    from core import register
    from core.offline import mode, sync
    from core.offline.journal import Journal

    register.open_register(url, create=False)
    d = mode.prepare(staff_id)
    if kill_after:
        marked = Journal.mark_synced
        calls = [0]

        def mark_then_die(self: Journal, key: str, *args: Any) -> None:
            calls[0] += 1
            if calls[0] == kill_after:
                os.kill(os.getpid(), signal.SIGKILL)  # the server has it, the journal not
            marked(self, key, *args)

        Journal.mark_synced = mark_then_die  # type: ignore[method-assign]
    out.put(("started",))
    report = sync.sync_journal(d.journal, d.server, use_key=use_key)
    out.put(("replayed", [(o.entry.provisional, o.state, o.number) for o in report.outcomes],
             report.left))
