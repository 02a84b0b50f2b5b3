"""What supervisors use: the statistics page with tiles, tables and charts, accountability
review with its dialogs and evidence panel, and the audit page.

May import gui's top-level modules, gui.widgets, gui.printing, gui.desk's shared pieces and
core/."""
