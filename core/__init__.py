"""FirstDesk's rules (Qt-free), by capability: docs/architecture.md, "Layers".

- `cases/`: a case's life — intake, the lifecycle table and its guard, the workflow steps,
  inboxes, lists and paging, the detail, validation, privacy;
- `calendar/`: working days, time limits and due times, calendar changes;
- `supervision/`: statistics, timeliness, accountability, the audit view, reports;
- `admin/`: organisation, staff and departments, the catalogue, settings, retention, the
  spreadsheets an office sets itself up from, the demo organisation;
- `printing/`: what a slip or report says, as plain frozen data for documents/;
- `offline/`: registering while the shared server is unreachable;
- `infra/`: the machinery under all of them — paths, logging, backups, integrity checks, the
  register file, the front-ends' view of storage, the spooler, workbooks, options, version;
- at the top, what every capability shares: errors, vocabularies, the permission matrix and
  the acting person (`permissions`), the audit log and its anchor, the open register and its
  caches (`register`), plain data objects (`dto`), and the exports (`exports`).

core/ imports models/ and never gui/, documents/ or Qt; core/infra/ imports none of the
capabilities (tests/test_layers.py)."""
