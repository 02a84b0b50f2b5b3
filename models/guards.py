"""The append-only guards of the case history and the audit log, checked on every open.

SQLite: BEFORE UPDATE and BEFORE DELETE triggers refuse changes; `INSERT OR REPLACE` deletes
the old row without firing DELETE triggers unless recursive_triggers is on (it is, on every
connection the program opens), so a BEFORE INSERT trigger also refuses an id that is not
new and — for the audit log — a row that does not link to the current head. PostgreSQL:
row triggers for UPDATE and DELETE, a statement trigger for TRUNCATE, the same head check;
the application role owns none of these tables (docs/postgresql.md), so it cannot drop or
disable them. `install()` puts back whatever is missing or altered (docs/reliability.md).
"""

from __future__ import annotations

import logging

from models.database import db, is_sqlite

log = logging.getLogger(__name__)

GENESIS = "0" * 64
_RAISE_HISTORY = "SELECT RAISE(ABORT, 'case history is append-only')"
_RAISE_AUDIT = "SELECT RAISE(ABORT, 'audit log is append-only')"

SQLITE_TRIGGERS: dict[str, str] = {
    "case_event_no_update": f"CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event "
                            f"BEGIN {_RAISE_HISTORY}; END",
    "case_event_no_delete": f"CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event "
                            f"BEGIN {_RAISE_HISTORY}; END",
    # NEW.id is -1 here when SQLite picks the id; an id given explicitly must be new.
    "case_event_only_new": "CREATE TRIGGER case_event_only_new BEFORE INSERT ON case_event "
                           "WHEN NEW.id > 0 AND NEW.id <= (SELECT MAX(id) FROM case_event) "
                           f"BEGIN {_RAISE_HISTORY}; END",
    "audit_log_no_update": f"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                           f"BEGIN {_RAISE_AUDIT}; END",
    "audit_log_no_delete": f"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                           f"BEGIN {_RAISE_AUDIT}; END",
    "audit_log_only_head": "CREATE TRIGGER audit_log_only_head BEFORE INSERT ON audit_log "
                           "WHEN (NEW.id > 0 AND NEW.id <= (SELECT MAX(id) FROM audit_log)) "
                           "OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM audit_log "
                           f"ORDER BY id DESC LIMIT 1), '{GENESIS}') BEGIN {_RAISE_AUDIT}; END",
}

_PG_FUNCTIONS = {
    "case_event_append_only": "case history is append-only",
    "audit_log_append_only": "audit log is append-only",
}
PG_TRIGGERS: dict[str, tuple[str, str]] = {  # trigger name: (table, CREATE statement)
    "case_event_append_only": ("case_event", "CREATE TRIGGER case_event_append_only BEFORE UPDATE "
                               "OR DELETE ON case_event FOR EACH ROW EXECUTE FUNCTION "
                               "case_event_append_only()"),
    "case_event_no_truncate": ("case_event", "CREATE TRIGGER case_event_no_truncate BEFORE "
                               "TRUNCATE ON case_event FOR EACH STATEMENT EXECUTE FUNCTION "
                               "case_event_append_only()"),
    "audit_log_append_only": ("audit_log", "CREATE TRIGGER audit_log_append_only BEFORE UPDATE "
                              "OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION "
                              "audit_log_append_only()"),
    "audit_log_no_truncate": ("audit_log", "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE "
                              "ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION "
                              "audit_log_append_only()"),
    "audit_log_only_head": ("audit_log", "CREATE TRIGGER audit_log_only_head BEFORE INSERT ON "
                            "audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_only_head()"),
}
_PG_HEAD_FUNCTION = f"""CREATE OR REPLACE FUNCTION audit_log_only_head() RETURNS trigger AS $$
    BEGIN
      IF NEW.prev_hash IS DISTINCT FROM COALESCE(
           (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '{GENESIS}') THEN
        RAISE EXCEPTION 'audit log is append-only';
      END IF;
      RETURN NEW;
    END; $$ LANGUAGE plpgsql"""


def _normal(sql: str) -> str:
    return " ".join(sql.split()).lower().replace(" if not exists", "")


def missing() -> list[str]:
    """Guards that are absent or differ from what the program installs ([] = all in place)."""
    if is_sqlite():
        have = dict(db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
                    .fetchall())
        return [name for name, sql in SQLITE_TRIGGERS.items()
                if _normal(have.get(name) or "") != _normal(sql)]
    rows = db.execute_sql("SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal "
                          "AND tgrelid IN ('case_event'::regclass, 'audit_log'::regclass)").fetchall()
    enabled = {name for name, state in rows if state in ("O", "A")}
    return [name for name in PG_TRIGGERS if name not in enabled]


def install() -> list[str]:
    """Put back every missing or altered guard; returns what was (re)installed. On
    PostgreSQL only the tables' owner can; another role gets [] and a warning when some
    are missing (the owner's set-up installs them: docs/postgresql.md)."""
    absent = missing()
    if not absent:
        return []
    if is_sqlite():
        for name in absent:
            db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
            db.execute_sql(SQLITE_TRIGGERS[name])
    else:
        owner = db.execute_sql("SELECT pg_get_userbyid(relowner) = current_user FROM pg_class "
                               "WHERE oid = 'audit_log'::regclass").fetchone()[0]
        if not owner:
            log.warning("append-only guards missing and this role cannot install them: %s",
                        ", ".join(absent))
            return []
        for function, text in _PG_FUNCTIONS.items():
            db.execute_sql(f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$ "
                           f"BEGIN RAISE EXCEPTION '{text}'; END; $$ LANGUAGE plpgsql")
        db.execute_sql(_PG_HEAD_FUNCTION)
        for name in absent:
            table, sql = PG_TRIGGERS[name]
            db.execute_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            db.execute_sql(sql)
    log.info("append-only guards (re)installed: %s", ", ".join(absent))
    return absent


__all__ = ["GENESIS", "install", "missing"]
