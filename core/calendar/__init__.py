"""The working-day calendar (workcalendar: holidays, make-up days, office hours), the time
limits and due times a case runs on (deadlines), the administrator's calendar (calendar_admin)
and carrying a calendar change to open cases (calendar_change).

May import core's shared modules, core.admin (settings, the organisation's overrides) and
models; a change carried to open cases goes through core.cases."""
