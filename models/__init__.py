"""FirstDesk's database: peewee tables, connection set-up and migrations (Qt-free)."""
