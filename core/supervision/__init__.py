"""What supervisors see: a period's statistics (statistics, resolve_hours, timeliness), the
violations found in the history and their review (accountability), the audit view, and the
tables and paper of the monthly reports (reports).

May import core's shared modules, core.cases, core.calendar, core.admin, core.printing (the
report's paper data) and models."""
