"""Monthly tallies of the register, kept by database triggers.

A month's supervision statistics would otherwise scan every case registered in it several
times (tens of thousands of rows in a large centre). `case_tally` holds, per registration
month, department, status, kind and channel, the counts those statistics add up;
`staff_tally` the same per first owner and handler; `resolve_tally` how many of a month's
resolved cases took how long (a histogram of the hours to 办结, in the buckets below), so the
90th percentile of a year needs the cases of one bucket, not the whole year's. Triggers on
"case" keep all three exact on every INSERT, UPDATE and DELETE, whatever writes the row (the
program, the demo generator, an import), inside the writing transaction; `rebuild()`
recomputes them from the cases.

Rows are never removed: a key whose cases all moved on keeps n = 0.
"""

from __future__ import annotations

from models.database import db, is_sqlite

# core.vocab.RUNNING_STATUSES (a test keeps them equal): cases whose clock runs. Written out
# as literals so that a query naming them can use the partial index below.
RUNNING = ("registered", "in_progress", "transferred", "escalated", "returned")
RUNNING_SQL = "status IN (" + ", ".join(f"'{s}'" for s in RUNNING) + ")"
# core.vocab.OPEN_STATUSES likewise (未结案): the department backlog's partial index.
OPEN = (*RUNNING, "awaiting_materials", "resolved", "notified")
OPEN_SQL = "status IN (" + ", ".join(f"'{s}'" for s in OPEN) + ")"

CASE = '"case"'
RELEVANT = ("registered_at", "department_id", "status", "kind", "channel", "first_owner_id",
            "handler_id", "resolved_at", "due_at", "visit_count", "evaluation")


def _month(r: str) -> str:
    return f"substr({r}.registered_at, 1, 7)" if is_sqlite() else f"to_char({r}.registered_at, 'YYYY-MM')"


def _flag(cond: str) -> str:
    return f"(CASE WHEN {cond} THEN 1 ELSE 0 END)"


def _col(r: str, column: str) -> str:
    return f"{r}.{column}" if r else column


def span_seconds(r: str = "") -> str:
    """Seconds from registration to 办结 of row `r` ("": the bare columns, as the bucket
    index names them)."""
    resolved, registered = _col(r, "resolved_at"), _col(r, "registered_at")
    if is_sqlite():
        return f"(strftime('%s', {resolved}) - strftime('%s', {registered}))"
    return f"EXTRACT(EPOCH FROM {resolved} - {registered})"


def _seconds(r: str) -> str:
    return f"(CASE WHEN {r}.resolved_at IS NOT NULL THEN {span_seconds(r)} ELSE 0 END)"


# Histogram buckets of the hours to 办结: hours up to three days, then days up to thirty,
# then weeks. bucket_of() and the SQL below agree (a test keeps them equal).
HOUR, DAY, WEEK = 3600, 86400, 604800
DAYS_FROM, WEEKS_FROM = 3 * DAY, 30 * DAY


def bucket_of(seconds: int) -> int:
    if seconds < HOUR:
        return 0
    if seconds < DAYS_FROM:
        return seconds // HOUR  # 1 … 71
    if seconds < WEEKS_FROM:
        return 69 + seconds // DAY  # 72 … 98
    return 95 + seconds // WEEK  # 99 …


def bucket_sql(r: str = "") -> str:
    s = span_seconds(r)

    def div(k: int) -> str:  # whole quotient: SQLite's integer division, PostgreSQL's FLOOR
        return f"{s} / {k}" if is_sqlite() else f"CAST(FLOOR({s} / {k}) AS INTEGER)"

    return (f"(CASE WHEN {s} < {HOUR} THEN 0 WHEN {s} < {DAYS_FROM} THEN {div(HOUR)} "
            f"WHEN {s} < {WEEKS_FROM} THEN 69 + {div(DAY)} ELSE 95 + {div(WEEK)} END)")


def _outcome(r: str) -> dict[str, str]:
    done = f"{r}.resolved_at IS NOT NULL AND {r}.due_at IS NOT NULL"
    return {
        "n": "1",
        "resolved": _flag(f"{r}.resolved_at IS NOT NULL"),
        "on_time": _flag(f"{done} AND {r}.resolved_at <= {r}.due_at"),
        "late": _flag(f"{done} AND {r}.resolved_at > {r}.due_at"),
    }


def case_keys(r: str) -> dict[str, str]:
    return {"month": _month(r), "department_id": f"COALESCE({r}.department_id, 0)",
            "status": f"{r}.status", "kind": f"{r}.kind", "channel": f"{r}.channel"}


def case_values(r: str) -> dict[str, str]:
    return {**_outcome(r), "visits": f"{r}.visit_count", "once": _flag(f"{r}.visit_count <= 1"),
            **{f"e{lv}": _flag(f"{r}.evaluation = {lv}") for lv in range(1, 6)},
            "resolve_seconds": _seconds(r)}


def staff_keys(r: str) -> dict[str, str]:
    return {"month": _month(r), "department_id": f"COALESCE({r}.department_id, 0)",
            "first_owner_id": f"{r}.first_owner_id", "handler_id": f"COALESCE({r}.handler_id, 0)",
            "status": f"{r}.status"}


def staff_values(r: str) -> dict[str, str]:
    return _outcome(r)


def resolve_keys(r: str) -> dict[str, str]:
    return {"month": _month(r), "department_id": f"COALESCE({r}.department_id, 0)",
            "bucket": bucket_sql(r)}


def resolve_values(_r: str) -> dict[str, str]:
    return {"n": "1"}


TABLES = {"case_tally": (case_keys, case_values), "staff_tally": (staff_keys, staff_values),
          "resolve_tally": (resolve_keys, resolve_values)}
# Rows a table counts (the others count every case).
ONLY = {"resolve_tally": "{r}.resolved_at IS NOT NULL"}


def _upsert(table: str, r: str, sign: str) -> str:
    keys, values = TABLES[table]
    k, v = keys(r), values(r)
    cols = ", ".join([*k, *v])
    exprs = ", ".join([*k.values(), *(f"{sign}({e})" for e in v.values())])
    sets = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in v)
    head = f"INSERT INTO {table} ({cols}) "
    if table in ONLY:  # a SELECT with a WHERE: SQLite then parses the ON CONFLICT that follows
        head += f"SELECT {exprs} WHERE {ONLY[table].format(r=r)} "
    else:
        head += f"VALUES ({exprs}) "
    return f"{head}ON CONFLICT ({', '.join(k)}) DO UPDATE SET {sets}"


def _create_tables() -> None:
    real = "REAL" if is_sqlite() else "DOUBLE PRECISION"
    for table, (keys, values) in TABLES.items():
        text = {"month": "VARCHAR(7)", "status": "VARCHAR(20)", "kind": "VARCHAR(20)",
                "channel": "VARCHAR(12)"}
        key_cols = [f"{c} {text.get(c, 'INTEGER')} NOT NULL" for c in keys("r")]
        val_cols = [f"{c} {real if c == 'resolve_seconds' else 'INTEGER'} NOT NULL DEFAULT 0"
                    for c in values("r")]
        db.execute_sql(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(key_cols + val_cols)}, "
                       f"PRIMARY KEY ({', '.join(keys('r'))}))")


def _changed() -> str:
    return " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" if not is_sqlite()
                       else f"OLD.{c} IS NOT NEW.{c}" for c in RELEVANT)


def _sqlite_triggers() -> list[str]:
    both = list(TABLES)
    body_new = "; ".join(_upsert(t, "NEW", "+") for t in both)
    body_old = "; ".join(_upsert(t, "OLD", "-") for t in both)
    return [
        f'CREATE TRIGGER IF NOT EXISTS case_tally_insert AFTER INSERT ON "case" BEGIN {body_new}; END',
        f'CREATE TRIGGER IF NOT EXISTS case_tally_delete AFTER DELETE ON "case" BEGIN {body_old}; END',
        f'CREATE TRIGGER IF NOT EXISTS case_tally_update AFTER UPDATE ON "case" WHEN {_changed()} '
        f"BEGIN {body_old}; {body_new}; END",
    ]


def _pg_triggers() -> list[str]:
    """PostgreSQL: one trigger function. Two windows changing cases in opposite directions
    between the same two keys would lock the tally rows in opposite orders; each table's
    rows are therefore always changed in key order, case_tally before staff_tally."""
    steps = []
    for table, (keys, _) in TABLES.items():
        old = f"ROW({', '.join(keys('OLD').values())})"
        new = f"ROW({', '.join(keys('NEW').values())})"
        sub, add = _upsert(table, "OLD", "-"), _upsert(table, "NEW", "+")
        steps.append(f"IF {old} <= {new} THEN {sub}; {add}; ELSE {add}; {sub}; END IF;")
    inserts = " ".join(f"{_upsert(t, 'NEW', '+')};" for t in TABLES)
    deletes = " ".join(f"{_upsert(t, 'OLD', '-')};" for t in TABLES)
    return [
        f"""CREATE OR REPLACE FUNCTION case_tally_apply() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN {inserts}
          ELSIF TG_OP = 'DELETE' THEN {deletes}
          ELSIF {_changed()} THEN {' '.join(steps)}
          END IF;
          RETURN NULL;
        END; $$ LANGUAGE plpgsql""",
        'DROP TRIGGER IF EXISTS case_tally_apply ON "case"',
        'CREATE TRIGGER case_tally_apply AFTER INSERT OR UPDATE OR DELETE ON "case" '
        "FOR EACH ROW EXECUTE FUNCTION case_tally_apply()",
    ]


def _where(table: str, r: str) -> str:
    return f" WHERE {ONLY[table].format(r=r)}" if table in ONLY else ""


def rebuild(tables: tuple[str, ...] = tuple(TABLES)) -> None:
    """Recompute the tallies from the cases (schema upgrade; a repair after restore)."""
    for table in tables:
        keys, values = TABLES[table]
        k, v = keys(CASE), values(CASE)
        db.execute_sql(f"DELETE FROM {table}")
        db.execute_sql(
            f"INSERT INTO {table} ({', '.join([*k, *v])}) "
            f"SELECT {', '.join([*k.values(), *(f'SUM({e})' for e in v.values())])} "
            f'FROM "case"{_where(table, CASE)} GROUP BY {", ".join(k.values())}')


def install() -> None:
    """Schema step: the tables, their triggers, their content from the existing cases, two
    small covering indexes for what a month's statistics still read from the cases (running
    cases by registration: overdue now; resolved ones: the hours' 90th percentile), and one
    for the list's counts by status."""
    _create_tables()
    db.execute_sql('CREATE INDEX IF NOT EXISTS case_running_registered ON "case" '
                   f"(registered_at, due_at, department_id, handler_id) WHERE {RUNNING_SQL}")
    db.execute_sql('CREATE INDEX IF NOT EXISTS case_resolved_registered ON "case" '
                   "(registered_at, resolved_at) WHERE resolved_at IS NOT NULL")
    # The list's counts by status (and kind, channel, department) add up tally rows.
    db.execute_sql("CREATE INDEX IF NOT EXISTS case_tally_status ON case_tally "
                   "(status, kind, channel, department_id, n)")
    for sql in _sqlite_triggers() if is_sqlite() else _pg_triggers():
        db.execute_sql(sql)
    rebuild()


def install_histogram() -> None:
    """Schema step: the resolution-hours histogram. Its table, the triggers that now keep it
    too (replacing the ones before it), its content from the cases, and the index that
    reads one of its buckets back case by case (the 90th percentile's)."""
    _create_tables()
    if is_sqlite():
        for name in ("insert", "update", "delete"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS case_tally_{name}")
    for sql in _sqlite_triggers() if is_sqlite() else _pg_triggers():
        db.execute_sql(sql)
    rebuild(("resolve_tally",))
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS case_resolve_bucket ON "case" ({bucket_sql()}, '
                   "registered_at, resolved_at) WHERE resolved_at IS NOT NULL")


def drop_functions() -> None:
    """Tests only (PostgreSQL schema reuse): the trigger function outlives its table."""
    if not is_sqlite():
        db.execute_sql("DROP FUNCTION IF EXISTS case_tally_apply() CASCADE")


def differences() -> list[str]:
    """Keys where a tally disagrees with the cases (integrity check, tests); [] when exact."""
    out = []
    for table, (keys, values) in TABLES.items():
        k, v = keys(CASE), values(CASE)
        fresh = (f"SELECT {', '.join([*(f'{e} AS {c}' for c, e in k.items()), *(f'SUM({e}) AS {c}' for c, e in v.items())])} "
                 f'FROM "case"{_where(table, CASE)} GROUP BY {", ".join(k.values())}')
        cols = [c for c in v if c != "resolve_seconds"]
        stored = f"SELECT {', '.join([*k, *cols])} FROM {table} WHERE n <> 0"
        computed = f"SELECT {', '.join([*k, *cols])} FROM ({fresh}) AS fresh"
        for label, a, b in (("missing", computed, stored), ("extra", stored, computed)):
            for row in db.execute_sql(f"{a} EXCEPT {b}").fetchall():
                out.append(f"{table} {label}: {row}")
    return out
