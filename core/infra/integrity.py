"""Health checks of the register: SQLite's own checks, the register's invariants, start-up."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from core.errors import english
from models.database import db, is_postgres, is_sqlite

log = logging.getLogger(__name__)

# SQLite stops listing problems after this many (the first few are what a restore decision needs).
MAX_PROBLEMS = 100
# quick_check reads every page: measured 0.5 s warm / 7 s cold for 100k cases (217 MB) and
# 5 s warm / 62 s cold for 1M cases (2.4 GB). Bigger files get the light check at start-up
# and check_file() in the background.
FULL_CHECK_BYTES = 256 * 1024 * 1024

RESTORE_OFFER = (
    "数据库文件检查发现问题（{target}）。为避免进一步损坏，程序将以只读方式打开，"
    "可以查看和打印，但不能保存。请从备份恢复（文件 → 从备份恢复）。",
    "The database file failed its check ({target}). To avoid further damage it opens "
    "read-only: you can look and print but not save. Restore it from a backup "
    "(File → Restore from backup).",
)
UNREADABLE = (
    "无法检查数据库文件（{target}）：{problem}",
    "The database file could not be checked ({target}): {problem}",
)


@dataclass(frozen=True)
class StartupHealth:
    """What the start-up check found; the GUI opens read-only and offers a restore if told to."""

    ok: bool
    read_only_recommended: bool
    problems: tuple[str, ...]
    target: str = ""
    thorough: bool = True  # False: only the header and schema were read (a big file)

    def message(self, lang: str = "zh") -> str:
        """The sentence to show the clerk ("" when all is well)."""
        if self.ok:
            return ""
        zh, en = RESTORE_OFFER if self.read_only_recommended else UNREADABLE
        first = self.problems[0] if self.problems else ""
        return (en if english(lang) else zh).format(target=self.target, problem=first)


def _pragma_rows(sql: str) -> list[str]:
    return [" ".join(str(v) for v in row) for row in db.execute_sql(sql).fetchall()]


def quick_check(max_problems: int = MAX_PROBLEMS) -> list[str]:
    """PRAGMA quick_check on the open register: [] when it answers "ok" (PostgreSQL: [])."""
    if not is_sqlite():
        return []
    rows = _pragma_rows(f"PRAGMA quick_check({int(max_problems)})")
    return [] if rows == ["ok"] else rows


def integrity_check(max_problems: int = MAX_PROBLEMS) -> list[str]:
    """PRAGMA integrity_check (also compares every index with its table); [] when "ok"."""
    if not is_sqlite():
        return []
    rows = _pragma_rows(f"PRAGMA integrity_check({int(max_problems)})")
    return [] if rows == ["ok"] else rows


def foreign_key_check() -> list[str]:
    """Rows whose foreign key points nowhere, as "table rowid → parent" (PostgreSQL enforces them)."""
    if not is_sqlite():
        return []
    rows = db.execute_sql("PRAGMA foreign_key_check").fetchall()
    return [f"{table} row {rowid} → {parent}" for table, rowid, parent, _fk in rows]


_CONSISTENCY_SQL: tuple[tuple[str, str], ...] = (
    ("case without its 'registered' event",
     'SELECT c.number FROM "case" c WHERE NOT EXISTS (SELECT 1 FROM {e} e '
     "WHERE e.case_id = c.id AND e.type = 'registered')"),
    ("material without its case",
     'SELECT m.id FROM {m} m LEFT JOIN "case" c ON c.id = m.case_id WHERE c.id IS NULL'),
    ("event without its case",
     'SELECT e.id FROM {e} e LEFT JOIN "case" c ON c.id = e.case_id WHERE c.id IS NULL'),
    ("duplicate case number",
     'SELECT number FROM "case" GROUP BY number HAVING COUNT(*) > 1'),
    ("case number beyond its day's counter",
     'SELECT c.number FROM "case" c LEFT JOIN {k} k ON k.day = SUBSTR(c.number, 1, 8) '
     "WHERE k.day IS NULL OR CAST(SUBSTR(c.number, 10) AS INTEGER) > k.last"),
)


def consistency_problems(limit: int = 20) -> list[str]:
    """The register's own invariants, which SQLite cannot know: every case has its
    'registered' event, no material or event without its case, case numbers unique and
    within their day's counter, the monthly tallies equal to what the cases add up to.
    [] when all hold (SQLite and PostgreSQL alike)."""
    from models import tally
    from models.tables import CaseCounter, CaseEvent, ReceivedMaterial

    names = {"m": ReceivedMaterial._meta.table_name, "e": CaseEvent._meta.table_name,
             "k": CaseCounter._meta.table_name}
    problems: list[str] = []
    for label, sql in _CONSISTENCY_SQL:
        rows = db.execute_sql(f"{sql.format(**names)} LIMIT {int(limit)}").fetchall()
        problems.extend(f"{label}: {row[0]}" for row in rows)
    problems.extend(tally.differences()[:limit])
    return problems


def _ro_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"  # file:///C:/… on Windows, file:///… here


def _quick_check_rows(conn: sqlite3.Connection, thorough: bool) -> list[str]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    if tables and "case" not in tables:
        return ["not a FirstDesk register: the table 'case' is missing"]
    if not thorough:
        conn.execute('SELECT id FROM "case" ORDER BY id DESC LIMIT 1').fetchall()
        return []
    rows = conn.execute(f"PRAGMA quick_check({MAX_PROBLEMS})").fetchall()
    problems = [" ".join(str(v) for v in row) for row in rows]
    return [] if problems == ["ok"] else problems


def check_file(path: str | Path, *, thorough: bool = True) -> list[str]:
    """quick_check of a register file through a read-only connection of its own ([] = ok);
    not thorough: only the header, the schema and the newest case are read.

    A WAL file left without its -shm index cannot be read read-only; then an ordinary
    connection reads it (SQLite rebuilds the index; nothing else is written)."""
    path = Path(path)
    try:
        conn = sqlite3.connect(_ro_uri(path), uri=True, timeout=5)
        try:
            return _quick_check_rows(conn, thorough)
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc).lower():
            raise
    conn = sqlite3.connect(str(path), timeout=5)
    try:
        return _quick_check_rows(conn, thorough)
    finally:
        conn.close()


_DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "disk image", "encrypted")


def startup_check(target: str, *, full_up_to: int = FULL_CHECK_BYTES) -> StartupHealth:
    """Run before opening the register: a damaged SQLite file → open read-only, offer restore.

    Files up to `full_up_to` bytes get a full quick_check; bigger ones only the light check
    (thorough=False), and the GUI should run check_file() in the background after showing
    the window. A missing file (a new register) and PostgreSQL (the server keeps its own
    pages whole) are fine here; a file that is merely busy is not called damaged.
    """
    if is_postgres(target) or target == ":memory:":
        return StartupHealth(True, False, (), target)
    path = Path(target)
    if not path.exists() or path.stat().st_size == 0:
        return StartupHealth(True, False, (), target)
    thorough = path.stat().st_size <= full_up_to
    try:
        problems = check_file(path, thorough=thorough)
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        damaged = any(word in text.lower() for word in _DAMAGE_WORDS)
        log.warning("start-up check of %s failed: %s", target, text)
        return StartupHealth(False, damaged, (text,), target, thorough)
    if problems:
        log.error("start-up check of %s found %d problem(s): %s", target, len(problems),
                  problems[:3])
        return StartupHealth(False, True, tuple(problems), target, thorough)
    return StartupHealth(True, False, (), target, thorough)


__all__ = ["StartupHealth", "check_file", "consistency_problems", "foreign_key_check",
           "integrity_check", "quick_check", "startup_check"]
