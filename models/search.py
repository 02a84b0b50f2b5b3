"""Word search in the matter (subject and description) that an index can answer.

SQLite's default FTS tokenizer finds nothing inside Chinese text and the trigram tokenizer
needs 3+ characters (docs/architecture.md,
"Lists of a million cases"), yet Chinese searches are mostly 2 characters (执照, 投诉).
So Chinese runs are indexed as overlapping character pairs (FTS5) and a query becomes the
phrase of its pairs; Latin words and digits stay whole words, prefix-matched. PostgreSQL
uses a pg_trgm index on the subject instead."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable

import peewee as pw

from models.database import db, is_sqlite

log = logging.getLogger(__name__)
_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[0-9A-Za-z]+")


def _is_cjk(run: str) -> bool:
    return "\u3400" <= run[0] <= "\u9fff" or "\uf900" <= run[0] <= "\ufaff"


def grams(text: str) -> str:
    """The indexed form of `text`: CJK character pairs and lower-cased Latin words."""
    out: list[str] = []
    for run in _RUN.findall(unicodedata.normalize("NFKC", text or "")):
        if _is_cjk(run):
            out.extend([run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)])
        else:
            out.append(run.lower())
    return " ".join(out)


def match_query(query: str) -> str | None:
    """An FTS5 MATCH expression for `query`, or None when no index can help (one CJK char)."""
    parts = []
    for run in _RUN.findall(unicodedata.normalize("NFKC", query or "")):
        if _is_cjk(run):
            if len(run) < 2:
                return None
            parts.append('"' + " ".join(run[i:i + 2] for i in range(len(run) - 1)) + '"')
        else:
            parts.append(f'"{run.lower()}"*')
    return " AND ".join(parts) if parts else None


def create_index() -> None:
    """Schema step: the FTS table (SQLite) or trigram index (PostgreSQL, when allowed)."""
    if is_sqlite():
        db.execute_sql("CREATE VIRTUAL TABLE IF NOT EXISTS case_text USING fts5("
                       "grams, tokenize = 'unicode61')")
        return
    try:
        with db.atomic():
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            db.execute_sql('CREATE INDEX IF NOT EXISTS case_subject_trgm ON "case" '
                           "USING gin (subject gin_trgm_ops)")
    except pw.DatabaseError as exc:  # no right to create the extension: LIKE still works
        log.warning("pg_trgm not available, matter search will scan: %s", exc)


def add_texts(rows: Iterable[tuple[int, str]]) -> None:
    """Index (case id, grams) pairs; PostgreSQL indexes the column itself."""
    if not is_sqlite():
        return
    db.cursor().executemany("INSERT INTO case_text (rowid, grams) VALUES (?, ?)", list(rows))


def match_ids(expr: str) -> pw.SQL:
    """A sub-select of case ids whose matter matches an FTS5 expression."""
    return pw.SQL("(SELECT rowid FROM case_text WHERE case_text MATCH ?)", (expr,))
