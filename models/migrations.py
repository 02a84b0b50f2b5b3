"""Schema creation and in-place upgrades behind the `schema_version` table we own."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

import peewee as pw

from models import tally
from models.database import StorageError, db, is_sqlite
from models.tables import ALL_TABLES, SchemaVersion
from models.tally import OPEN_SQL

log = logging.getLogger(__name__)

def _v2_event_type_index() -> None:
    """v1 → v2: statistics and accountability scan events by type and time."""
    db.execute_sql("CREATE INDEX IF NOT EXISTS case_event_type_at ON case_event (type, at)")


def _v3_matter_search() -> None:
    """v2 → v3: an index for words of the matter, filled from the existing cases."""
    from models import search

    search.create_index()
    db.execute_sql('CREATE INDEX IF NOT EXISTS case_visitor_unit ON "case" (visitor_unit)')
    last = 0
    while True:
        rows = db.execute_sql(
            f'SELECT id, subject, description FROM "case" WHERE id > {db.param} ORDER BY id LIMIT 20000',
            (last,)).fetchall()
        if not rows:
            break
        search.add_texts((cid, search.grams(f"{subj} {desc}")) for cid, subj, desc in rows)
        last = rows[-1][0]


def _v4_audit_log() -> None:
    """v3 → v4: the tamper-evident audit log, append-only like the case history."""
    from models.tables import AuditLog

    AuditLog.create_table(safe=True)
    if is_sqlite():
        for verb in ("UPDATE", "DELETE"):
            db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{verb.lower()} BEFORE {verb} "
                           "ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")
    else:
        db.execute_sql("""CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql""")
        db.execute_sql("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        db.execute_sql("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
                       "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()")


def _v5_due_indexes() -> None:
    """v4 → v5: lists sorted by due time walk an index, not a full sort, and "my overdue"
    counts seek (person, status, due) instead of filtering a clerk's whole history."""
    db.execute_sql('CREATE INDEX IF NOT EXISTS case_due_at ON "case" (due_at)')
    for column in ("first_owner_id", "handler_id", "pending_staff_id"):
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS case_{column}_status_due ON "case" '
                       f"({column}, status, due_at)")
        db.execute_sql(f"DROP INDEX IF EXISTS case_{column}_status")


def _v6_tallies() -> None:
    """v5 → v6: monthly tallies kept by triggers, and the recorded waits for 签收 (filled
    from the case history by core.register, which knows the working calendar)."""
    from models.tables import AcceptWait

    tally.install()
    AcceptWait.create_table(safe=True)


def _v7_sort_indexes() -> None:
    """v6 → v7: a list sorted by a column of few values (kind, channel, status, visits) walks
    an index in (column, id) order instead of sorting every case (2.5 s at 1M cases). SQLite
    indexes end in the rowid already, so its single-column ones serve the other columns;
    PostgreSQL needs the id spelled out for department, handler and item as well."""
    columns = ["kind", "channel", "visit_count", "status"]
    if not is_sqlite():
        columns += ["department_id", "handler_id", "service_item_id"]
    for column in columns:
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS case_{column}_id ON "case" ({column}, id)')


def _v8_inboxes() -> None:
    """v7 → v8: an undecided extension request is kept on the case, so a leader's inbox
    finds it by index (filled from the history: the last request without a decision after
    it); and when each person last looked at each inbox section."""
    import json

    from models.tables import InboxSeen

    if "extension_due" not in {c.name for c in db.get_columns("case")}:
        kind = "DATETIME" if is_sqlite() else "TIMESTAMP"
        db.execute_sql(f'ALTER TABLE "case" ADD COLUMN extension_due {kind}')
        last: dict[int, tuple[str, str]] = {}
        for case_id, kind_, data in db.execute_sql(
                "SELECT case_id, type, data FROM case_event WHERE type IN "
                "('extension_requested', 'extension_approved', 'extension_rejected') "
                "ORDER BY case_id, id"):
            last[case_id] = (kind_, data)
        p = db.param
        for case_id, (kind_, data) in last.items():
            if kind_ == "extension_requested" and data:
                due = json.loads(data).get("new_due")
                db.execute_sql(f'UPDATE "case" SET extension_due = {p} WHERE id = {p}',
                               (due, case_id))
    db.execute_sql('CREATE INDEX IF NOT EXISTS case_extension_due ON "case" (extension_due) '
                   "WHERE extension_due IS NOT NULL")
    InboxSeen.create_table(safe=True)
    # A returned case is back with its first owner: their department answers for it.
    db.execute_sql('UPDATE "case" SET department_id = (SELECT department_id FROM staff '
                   'WHERE staff.id = "case".first_owner_id) WHERE status = \'returned\'')
    if not is_sqlite():  # other windows hear of a change at once (models/changes.py)
        from models.changes import PG_TRIGGER

        for sql in PG_TRIGGER:
            db.execute_sql(sql)

def _columns(table: str) -> set[str]:
    return {c.name for c in db.get_columns(table)}


def _make_nullable(table: str, column: str, sql_type: str) -> None:
    """Let `column` hold NULL. SQLite cannot drop NOT NULL in place and rebuilding a parent
    table would fire its foreign keys, so the column is copied, dropped and renamed
    (SQLite 3.35+); PostgreSQL just drops the constraint."""
    if not is_sqlite():
        db.execute_sql(f'ALTER TABLE {table} ALTER COLUMN "{column}" DROP NOT NULL')
        return
    spare = f"{column}_v9"
    db.execute_sql(f'ALTER TABLE {table} ADD COLUMN "{spare}" {sql_type}')
    db.execute_sql(f'UPDATE {table} SET "{spare}" = "{column}"')
    db.execute_sql(f'ALTER TABLE {table} DROP COLUMN "{column}"')
    db.execute_sql(f'ALTER TABLE {table} RENAME COLUMN "{spare}" TO "{column}"')


def _v9_guides_as_written() -> None:
    """v8 → v9: the catalogue keeps what a service guide leaves unsaid (即办件 and copies may
    be NULL, a material's form and requirement may be ""), knows "原件及复印件", "原件（查验）"
    and conditional materials, and a statutory limit's unit; the calendar records which years
    rest on a published schedule (before, any override made a year "official")."""
    from models.tables import CalendarYear

    item_cols = _columns("service_item")
    if "legal_unit" not in item_cols:
        db.execute_sql("ALTER TABLE service_item ADD COLUMN legal_unit VARCHAR(10) "
                       "NOT NULL DEFAULT 'working'")
        _make_nullable("service_item", "instant", "INTEGER" if is_sqlite() else "BOOLEAN")
    mat_cols = _columns("service_material")
    if "form" not in mat_cols:
        for name, size, default in (("form", 20, ""), ("requirement", 12, "required"),
                                    ("condition", 200, "")):
            db.execute_sql(f'ALTER TABLE service_material ADD COLUMN "{name}" VARCHAR({size}) '
                           f"NOT NULL DEFAULT '{default}'")
        true = "1" if is_sqlite() else "TRUE"
        db.execute_sql(f"UPDATE service_material SET form = CASE WHEN original = {true} "
                       f"THEN 'original' ELSE 'copy' END, requirement = CASE WHEN required = "
                       f"{true} THEN 'required' ELSE 'optional' END")
        for old in ("original", "required"):
            db.execute_sql(f'ALTER TABLE service_material DROP COLUMN "{old}"')
        _make_nullable("service_material", "copies", "INTEGER")
        if not is_sqlite():
            db.execute_sql("ALTER TABLE service_material ALTER COLUMN note TYPE TEXT")
    if not db.table_exists("calendar_year"):
        CalendarYear.create_table(safe=True)
        # Years an administrator already imported or entered keep counting as published.
        db.execute_sql("INSERT INTO calendar_year (year, source, recorded_at) "
                       "SELECT CAST(SUBSTR(CAST(day AS VARCHAR(10)), 1, 4) AS INTEGER), "
                       "'upgraded', MIN(day) FROM calendar_override GROUP BY 1")


def _v10_offline_journal() -> None:
    """v9 → v10: registrations taken while the server was unreachable come back through a
    replay that must never register one twice — the provisional number becomes an alias of
    the case and the entry's idempotency key is kept with it (docs/offline.md)."""
    from models.tables import CaseAlias, OfflineStation

    OfflineStation.create_table(safe=True)
    CaseAlias.create_table(safe=True)


def _v11_case_location() -> None:
    """v10 → v11: a case records where it is (a hazard's 隐患地点) in a field of its own,
    instead of the slip borrowing the visitor's unit."""
    if "location" not in _columns("case"):
        db.execute_sql('ALTER TABLE "case" ADD COLUMN location VARCHAR(200) NOT NULL DEFAULT \'\'')


# No query plan uses these (docs/architecture.md, "Indexes"): each is an exact prefix of a
# wider index, or a foreign key's whose parent rows are never deleted.
UNUSED_INDEXES = (
    "case_first_owner_id", "case_pending_staff_id", "case_pending_department_id",
    "case_event_case_id", "case_event_actor_id", "case_event_from_department_id",
    "case_event_to_department_id", "audit_log_actor_id", "accept_wait_case_id",
    "accept_wait_department_id", "violation_staff_id", "violation_decided_by_id",
    "commendation_case_id", "commendation_recorded_by_id", "service_item_version_item_id",
    "inbox_seen_staff_id", "service_item_name",
    "case_resolved_registered",  # the 90th percentile now reads one histogram bucket
    "case_alias_station_id", "case_alias_entered_by_id",  # v10's, by the same rule
)
# PostgreSQL's (column, id) sort indexes (v7) begin with these.
UNUSED_INDEXES_PG = ("case_department_id", "case_handler_id", "case_service_item_id")


def _v12_lean_indexes() -> None:
    """v11 → v12: indexes no plan uses dropped (a sixth of a large register's file), the
    department backlog's index — a department's open cases newest first — and the
    resolution-hours histogram with its bucket index (yearly statistics stop reading every
    resolved case of the year)."""
    for name in UNUSED_INDEXES + (() if is_sqlite() else UNUSED_INDEXES_PG):
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    db.execute_sql('CREATE INDEX IF NOT EXISTS case_open_department ON "case" '
                   f"(department_id, registered_at) WHERE {OPEN_SQL}")
    tally.install_histogram()
    if is_sqlite():  # the planner's figures for the new indexes, and for v8's partial one
        # (without them a leader's count of extension requests read 44,000 cases: 74 ms)
        for name in ("case_open_department", "case_resolve_bucket", "case_extension_due"):
            db.execute_sql(f"ANALYZE {name}")


def _v13_open_visitor_index() -> None:
    """v12 → v13: the open list sorted by visitor along an index of open cases only. Along
    the whole name index, a page of 64 open cases visited about 450 rows (six in seven are
    closed), each in another part of the file: 55 ms with the file not in memory, against
    20 ms now (docs/architecture.md, "Indexes")."""
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS case_open_visitor ON "case" (visitor_name) '
                   f"WHERE {OPEN_SQL}")
    if is_sqlite():
        db.execute_sql("ANALYZE case_open_visitor")


# Each step upgrades from version i+1 to i+2; append, never edit, once released.
UPGRADES: list[Callable[[], None]] = [_v2_event_type_index, _v3_matter_search, _v4_audit_log,
                                      _v5_due_indexes, _v6_tallies,
                                      _v7_sort_indexes, _v8_inboxes, _v9_guides_as_written,
                                      _v10_offline_journal, _v11_case_location,
                                      _v12_lean_indexes, _v13_open_visitor_index]
SCHEMA_VERSION = 1 + len(UPGRADES)

_APPEND_ONLY_SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS case_event_no_update BEFORE UPDATE ON case_event
       BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS case_event_no_delete BEFORE DELETE ON case_event
       BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END""",
]
_APPEND_ONLY_PG = [
    """CREATE OR REPLACE FUNCTION case_event_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'case history is append-only'; END; $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS case_event_append_only ON case_event",
    """CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON case_event
       FOR EACH ROW EXECUTE FUNCTION case_event_append_only()""",
]


def current_version() -> int:
    if not db.table_exists("schema_version"):
        return 0
    row = SchemaVersion.select().first()
    return row.version if row else 0


def _create_fresh() -> None:
    db.create_tables(ALL_TABLES)
    for step in UPGRADES:  # fresh files get every later index and column too
        step()
    for sql in _APPEND_ONLY_SQLITE if is_sqlite() else _APPEND_ONLY_PG:
        db.execute_sql(sql)
    SchemaVersion.create(version=SCHEMA_VERSION)


def ensure_schema(after: Mapping[int, Callable[[], object]] | None = None) -> int:
    """Create a new register or upgrade an older one in place; returns the version.

    `after[v]` runs in the same transaction right after the step to version v: the layers
    above fill what a step added from data only they can interpret (the working calendar).
    """
    with db.atomic():
        version = current_version()
        if version == 0:
            if db.table_exists("case"):
                raise StorageError("corrupt", "schema_version missing")
            _create_fresh()
            log.info("created schema version %s", SCHEMA_VERSION)
            return SCHEMA_VERSION
        if version > SCHEMA_VERSION:
            raise StorageError("newer", str(version))
        for step in range(version, SCHEMA_VERSION):
            log.info("upgrading schema %s -> %s", step, step + 1)
            UPGRADES[step - 1]()
            if after and step + 1 in after:
                after[step + 1]()
        if version != SCHEMA_VERSION:
            SchemaVersion.update(version=SCHEMA_VERSION).execute()
    return SCHEMA_VERSION


def truncate_all() -> None:
    """Tests only: empty every table of an existing PostgreSQL schema (fast reuse)."""
    names = ", ".join([*(f'"{t._meta.table_name}"' for t in ALL_TABLES if t is not SchemaVersion),
                       "case_tally", "staff_tally", "resolve_tally"])
    with db.atomic():  # the TRUNCATE guards stand aside for a superuser's test reset only
        db.execute_sql("SET LOCAL session_replication_role = replica")
        db.execute_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


def drop_all() -> None:
    """Tests only: remove every table (PostgreSQL test database reuse)."""
    if not is_sqlite():
        db.execute_sql("DROP FUNCTION IF EXISTS case_event_append_only() CASCADE")
        db.execute_sql("DROP FUNCTION IF EXISTS audit_log_append_only() CASCADE")
        db.execute_sql("DROP FUNCTION IF EXISTS firstdesk_notify_change() CASCADE")
        db.execute_sql("DROP FUNCTION IF EXISTS audit_log_only_head() CASCADE")
    tally.drop_functions()
    for table in tally.TABLES:
        db.execute_sql(f"DROP TABLE IF EXISTS {table}")
    db.drop_tables(ALL_TABLES, safe=True, cascade=not is_sqlite())


__all__ = ["SCHEMA_VERSION", "current_version", "drop_all", "ensure_schema", "pw"]
