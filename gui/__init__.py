"""Everything Qt: windows, table models, dialogs, printing and translations."""
