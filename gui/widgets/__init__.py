"""Pieces every screen may use: the read-only table models, column priorities for narrow
windows, text fields that show their limit, and the progress dialog of a long export.

May import gui's top-level modules and core/; never a screen."""
