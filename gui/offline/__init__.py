"""The window's side of offline registration (docs/offline.md): keeping the local copy fresh,
switching to the journal, and the lists of what was synced or refused.

May import gui's top-level modules, gui.desk and core.offline."""
