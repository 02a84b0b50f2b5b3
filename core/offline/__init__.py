"""Registering while the shared PostgreSQL server is unreachable (docs/offline.md).

- `numbers`: provisional numbers that carry the window's identity (20261204-W03-0007);
- `journal`: the PC's journal of offline registrations (SQLite in the user's data folder);
- `local_copy`: a local copy of what the desk reads (catalogue, calendar, settings, staff,
  the open cases), kept fresh while online and read while offline;
- `mode`: which database the window reads, and the switch between server and copy;
- `desk`: the desk's save — on the server, or into the journal when the server is gone;
- `sync`: the journal replayed on the server, each entry once, whatever interrupts it.
"""
