"""Least privilege on a PostgreSQL server (docs/postgresql.md).

`init --db postgresql://OWNER@host/db` runs as the owner: it creates the schema (the tables,
their triggers and functions belong to the owner role) and an application role the windows
connect as. The application role may read everything and add rows everywhere, change and
remove rows only in the tables whose rows change (cases, staff, settings …), and nothing
else: no UPDATE or DELETE on the case history and the audit log, no TRUNCATE anywhere, and
as it owns no table it cannot ALTER one or DISABLE its TRIGGERs. The owner's password stays
with whoever ran `init`; the PCs only ever get the application role's.
"""

from __future__ import annotations

import logging
import re
import secrets

from models import tally
from models.database import db, is_sqlite
from models.tables import ALL_TABLES, AuditLog, CaseAlias, CaseEvent, OfflineStation, SchemaVersion

log = logging.getLogger(__name__)

DEFAULT_APP_ROLE = "firstdesk_app"
APPEND_ONLY = {CaseEvent._meta.table_name, AuditLog._meta.table_name,
               # an alias and a replay's key are written once and never change
               CaseAlias._meta.table_name, OfflineStation._meta.table_name}
READ_ONLY = {SchemaVersion._meta.table_name}
TALLIES = tuple(tally.TABLES)  # kept by triggers that run as the writing role
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def new_password() -> str:
    return secrets.token_urlsafe(18)


def setup_app_role(role: str = DEFAULT_APP_ROLE, password: str | None = None) -> str:
    """Create (or update) the application role with only the rights the program needs;
    returns its password. Run as the owner of the tables, after the schema exists."""
    if is_sqlite():
        raise ValueError("application roles are for PostgreSQL")
    if not _NAME.match(role):
        raise ValueError(f"role name must be lower-case letters, digits and _: {role!r}")
    password = password or new_password()
    r = _quote(role)
    with db.atomic():
        exists = db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        # A role's password cannot be a bound parameter; quote it as a literal.
        literal = "'" + password.replace("'", "''") + "'"
        db.execute_sql(f"{verb} ROLE {r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                       f"NOBYPASSRLS PASSWORD {literal}")
        database = db.execute_sql("SELECT current_database()").fetchone()[0]
        db.execute_sql(f"GRANT CONNECT ON DATABASE {_quote(database)} TO {r}")
        db.execute_sql(f"GRANT USAGE ON SCHEMA public TO {r}")
        db.execute_sql(f"REVOKE CREATE ON SCHEMA public FROM {r}")
        db.execute_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {r}")
        names = [t._meta.table_name for t in ALL_TABLES] + list(TALLIES)
        for table in names:
            rights = "SELECT" if table in READ_ONLY else (
                "SELECT, INSERT" if table in APPEND_ONLY else "SELECT, INSERT, UPDATE, DELETE")
            db.execute_sql(f"GRANT {rights} ON {_quote(table)} TO {r}")
        db.execute_sql(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {r}")
    log.info("application role %s %s", role, "updated" if exists else "created")
    return password


def connecting_role_owns_tables() -> bool:
    """True when the program is connected as the tables' owner (not least privilege)."""
    if is_sqlite():
        return False
    return bool(db.execute_sql("SELECT pg_get_userbyid(relowner) = current_user FROM pg_class "
                               "WHERE oid = 'audit_log'::regclass").fetchone()[0])


__all__ = ["DEFAULT_APP_ROLE", "connecting_role_owns_tables", "new_password", "setup_app_role"]
