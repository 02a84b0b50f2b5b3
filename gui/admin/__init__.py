"""The administrator's pages (系统管理): organisation, staff and departments, the
calendar, the catalogue editor and its import preview, retention, backups, and the settings
dialog.

May import gui's top-level modules, gui.widgets, gui.printing, gui.desk's shared dialogs and
core/."""
