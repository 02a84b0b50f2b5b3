"""Pieces every screen may use: the read-only table models, column priorities for narrow
windows, text fields that show their limit, the progress dialog of a long export, and a
window's first size fitted to the screen.

May import gui's top-level modules and core/; never a screen."""
