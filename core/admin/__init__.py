"""Administration: the organisation and its presets, staff and departments with signing in,
the versioned catalogue of service items and what their guides say, business settings,
retention, least-privilege PostgreSQL roles, the spreadsheets an office sets itself up from
(staff_xlsx, catalogue_xlsx, read through sheet_reader), and the demo organisation (demo).

May import core's shared modules, core.infra and models; the demo generator also uses
core.cases and core.supervision to fill its register with realistic cases."""
