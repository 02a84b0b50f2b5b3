"""A case's life: registering it (intake, validation), the one table of what may happen to it,
by whom and when (lifecycle, guard, availability, relations), the steps themselves (workflow,
evaluation, casebase), who must act next and each person's inbox (inbox, due), the lists and
their pages (queries, paging), one case in full (detail) and who may see the visitor (privacy).

May import core's shared modules, core.calendar for due times, core.admin for the catalogue
and settings a case is registered under, and models."""
