"""The machinery under the rules: where files live (paths), logging (logsetup), backups and
restores (backup), health checks (integrity), what a register file is (register_file), the
register's storage as the front-ends see it (storage), the system's spooler (spool), workbooks
written and opened safely (xlsx_book, xlsx_guard), the shared command-line options (options)
and the version.

May import core's shared modules (errors, audit, register, permissions) and models, never a
capability of core (cases, calendar, supervision, admin, printing, offline, exports) —
tests/test_layers.py checks it."""
