"""Everything Qt, by screen: docs/architecture.md, "Layers".

- `desk/`: the main window and the clerk's desk — navigation, case lists, the detail pane and
  its actions, the inbox, notices, the scanner, help and shortcuts;
- `forms/`: the registration forms (intake F2, phone log F3) and what they say back;
- `offline/`: the window's side of offline registration;
- `admin/`: the administrator's pages, the catalogue, backups, settings;
- `supervision/`: statistics, charts, accountability, the audit page;
- `printing/`: printers and the print preview;
- `widgets/`: pieces every screen may use (table models, column priorities, field limits,
  export progress);
- at the top: start-up (app, signin), the session, translations, settings, errors, the
  worker (ops), credentials and the self-test.

gui/ reaches the register only through core/ (never models/); widgets/ and printing/ import
no screen (tests/test_layers.py)."""
