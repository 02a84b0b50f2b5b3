"""What printed paper says, as plain frozen dataclasses: a case's slips (paper, gathered by
slips with the viewer's masking) and the supervision reports (report_paper). documents/
renders these into PDF bytes; nothing here knows ReportLab.

May import core's shared modules, core.cases, core.admin, core.offline (the offline receipt)
and models."""
