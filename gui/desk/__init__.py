"""The main window and the clerk's desk: navigation with counts, the case lists (a paged model
read on a worker), the detail pane with its actions and dialogs, the inbox, notices, register
and change watching, the barcode scanner, the idle lock, help and shortcuts.

May import gui's top-level modules, gui.forms, gui.offline, gui.printing, gui.widgets and the
other screens' entry points (pages are imported when first shown), and core/."""
