"""Inboxes as plain data: one person's, or every active person's with the open cases that are in
nobody's (the orphans, which must be none) — for the command line and the tests."""

from __future__ import annotations

from typing import Any

from core import register
from core.admin.staff import StaffInfo, list_staff
from core.cases import inbox
from core.cases.due import due_now, due_words
from core.cases.queries import CaseRow
from core.vocab import OPEN_STATUSES, STATUSES
from models.database import db


def _row(r: CaseRow, lang: str) -> dict[str, Any]:
    per_day = register.calendar().hours.minutes_per_day
    return {"number": r.number, "status": r.status,
            "status_label": STATUSES[r.status].text(lang), "subject": r.subject,
            "due_at": r.due_at, "due": due_words(due_now(r.status, r.due_at), per_day, lang),
            "department": r.department, "handler": r.handler or r.pending}


def of_person(staff: StaffInfo, lang: str = "zh") -> dict[str, Any]:
    """This person's sections with their cases (each section's own order)."""
    sections = []
    for section in inbox.sections_for(staff):
        rows = inbox.rows(staff, section.key, limit=10_000)
        sections.append({"key": section.key, "label": section.label.text(lang),
                         "cases": [_row(r, lang) for r in rows]})
    return {"user": staff.username, "name": staff.name, "role": staff.role,
            "sections": sections}


def everyone() -> dict[str, Any]:
    """Every active person's inbox as case numbers per section, keyed by user name, and the
    open cases that are in nobody's."""
    numbers = dict(db.execute_sql('SELECT id, number FROM "case"').fetchall())
    users: dict[str, Any] = {}
    covered: set[int] = set()
    for staff in list_staff(active_only=True):
        sections = inbox.case_ids(staff)
        for ids in sections.values():
            covered.update(ids)
        users[staff.username] = {
            "name": staff.name, "role": staff.role,
            "sections": {k: [numbers[i] for i in ids] for k, ids in sections.items() if ids},
        }
    marks = ", ".join(f"'{s}'" for s in OPEN_STATUSES)
    open_ids = [r[0] for r in db.execute_sql(
        f'SELECT id FROM "case" WHERE status IN ({marks}) ORDER BY id').fetchall()]
    orphans = [numbers[i] for i in open_ids if i not in covered]
    return {"users": users, "open": len(open_ids), "orphans": orphans}


def case_lines(report: dict[str, Any], lang: str = "zh") -> list[str]:
    """One line a case, its number first: number, section, status, due, subject."""
    return [f"{c['number']}\t{s['label']}\t{c['status_label']}\t{c['due']}\t{c['subject']}"
            for s in report["sections"] for c in s["cases"]]


def summary_lines(report: dict[str, Any], lang: str = "zh") -> list[str]:
    lines = []
    for user, entry in report["users"].items():
        n = sum(len(v) for v in entry["sections"].values())
        parts = ", ".join(f"{k} {len(v)}" for k, v in entry["sections"].items())
        lines.append(f"{user}\t{entry['name']}\t{n}\t{parts}")
    lines.append(f"open {report['open']}")
    lines.append(f"orphans {len(report['orphans'])}")
    return lines
