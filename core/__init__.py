"""FirstDesk's rules: workflow, calendar, deadlines, accountability and queries (Qt-free)."""
