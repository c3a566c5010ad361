"""``make run``: the whole product in the foreground.

Starts (or reuses) the database and Redis, migrates, loads the demo data once, then
runs the web server (gunicorn, as in production), a Celery worker and Celery beat side
by side with their output prefixed by name. Ctrl-C or SIGTERM stops all of them, then
the embedded servers; nothing is left running.

It keeps them running: a process that exits is started again, after 1, 2, 5, 10, then
30 seconds, with a line saying so; the embedded PostgreSQL and Redis are checked every
two seconds and started again the same way when they have died. Something that fails
GIVE_UP_AFTER times within GIVE_UP_WINDOW_SECONDS is not going to recover by itself
(a bad setting, a full disk): then everything is stopped, with a message naming it.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from collections import deque
from pathlib import Path
from typing import IO, cast

from django.core.exceptions import ImproperlyConfigured

from btech.embedded import EmbeddedServer, EmbeddedServiceError, embedded_services
from btech.env import env_int, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
STOP_GRACE_SECONDS = 15
BACKOFF_SECONDS = (1, 2, 5, 10, 30)
GIVE_UP_AFTER = 5
GIVE_UP_WINDOW_SECONDS = 300
WATCH_EVERY_SECONDS = 2.0


def web_command(python: str, port: int, *, workers: int = 2, threads: int = 4,
                bind: str = "127.0.0.1") -> list[str]:
    """The web server: gunicorn, as in production, not Django's development server.

    Each of its threads keeps one PostgreSQL connection (DATABASE_CONN_MAX_AGE), so the
    web server holds at most workers × threads of them, whatever the number of people:
    the others wait their turn in the listen queue. (runserver opened a thread, and so a
    connection, per request, until PostgreSQL refused more clients.)
    """
    return [python, "-m", "gunicorn", "btech.wsgi", "--bind", f"{bind}:{port}",
            "--worker-class", "gthread", "--workers", str(workers), "--threads", str(threads),
            # A request still running after 60 s is cut (its worker is restarted).
            "--timeout", "60", "--graceful-timeout", "10",
            "--access-logfile", "-", "--access-logformat", '%(m)s %(U)s%(q)s %(s)s %(M)sms']


def _processes(python: str, port: int, data_dir: Path, *, workers: int, threads: int,
               bind: str) -> dict[str, list[str]]:
    return {
        "web": web_command(python, port, workers=workers, threads=threads, bind=bind),
        "worker": [python, "-m", "celery", "-A", "btech", "worker", "--loglevel", "INFO",
                   "--concurrency", "2"],
        "beat": [python, "-m", "celery", "-A", "btech", "beat", "--loglevel", "INFO",
                 "--schedule", str(data_dir / "celerybeat-schedule")],
    }


def _manage(python: str, *args: str) -> None:
    subprocess.run([python, "manage.py", *args], cwd=BASE_DIR, check=True)


def _say(message: str) -> None:
    print(f"make run: {message}", flush=True)


def _exit_reason(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


class _Failures:
    """When one thing (a process, a server) failed lately, and how long to wait."""

    def __init__(self) -> None:
        self.times: deque[float] = deque()

    def record(self, now: float) -> float | None:
        """The wait before starting it again, or None: it has failed too often."""
        self.times.append(now)
        while self.times and self.times[0] < now - GIVE_UP_WINDOW_SECONDS:
            self.times.popleft()
        if len(self.times) >= GIVE_UP_AFTER:
            return None
        return BACKOFF_SECONDS[min(len(self.times), len(BACKOFF_SECONDS)) - 1]

    def describe(self) -> str:
        return f"{len(self.times)} times in {GIVE_UP_WINDOW_SECONDS // 60} minutes"


class _Child:
    def __init__(self, name: str, command: list[str]) -> None:
        self.name = name
        self.command = command
        self.process: subprocess.Popen[bytes] | None = None
        self.start_at = 0.0  # when to start it (again), while process is None
        self.failures = _Failures()

    def start(self, selector: selectors.BaseSelector) -> None:
        self.process = subprocess.Popen(
            self.command, cwd=BASE_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            # Each child in its own process group, so a stop reaches the Celery pool
            # processes too, and Ctrl-C in the terminal reaches only us: we decide
            # the order things stop in.
            start_new_session=True,
        )
        assert self.process.stdout is not None
        os.set_blocking(self.process.stdout.fileno(), False)
        selector.register(self.process.stdout, selectors.EVENT_READ, self.name)

    def sweep(self) -> None:
        """Kill what is left of its process group: the pool processes of a Celery worker
        whose main process was killed would otherwise carry on as orphans."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


class _Supervisor:
    def __init__(self, commands: dict[str, list[str]], servers: list[EmbeddedServer]) -> None:
        self.children = {name: _Child(name, command) for name, command in commands.items()}
        self.servers = servers
        self.server_failures = {server.name: _Failures() for server in servers}
        self.server_start_at = {server.name: 0.0 for server in servers}
        self.selector = selectors.DefaultSelector()
        self.width = max(len(name) for name in commands)
        self.stopping = False
        self.exit_code = 0

    def request_stop(self, signum: int, _frame: object) -> None:
        self.stopping = True

    def pump(self, timeout: float) -> None:
        for key, _ in self.selector.select(timeout):
            # Only the children's stdout pipes are registered.
            data = cast("IO[bytes]", key.fileobj).read()
            if not data:
                self.selector.unregister(key.fileobj)
                continue
            for line in data.decode(errors="replace").splitlines():
                sys.stdout.write(f"{key.data:<{self.width}} | {line}\n")
            sys.stdout.flush()

    def give_up(self, name: str, failures: _Failures) -> None:
        _say(f"{name} failed {failures.describe()}; it is not recovering by itself. "
             "Stopping everything: see its output above.")
        self.exit_code = 1
        self.stopping = True

    def check_children(self, now: float) -> None:
        for child in self.children.values():
            if child.process is None:
                if now >= child.start_at:
                    child.start(self.selector)
                continue
            code = child.process.poll()
            if code is None:
                continue
            self.pump(0)  # its last words first
            child.sweep()
            if child.process.stdout is not None:
                try:
                    self.selector.unregister(child.process.stdout)
                except (KeyError, ValueError):
                    pass
                child.process.stdout.close()
            child.process = None
            wait = child.failures.record(now)
            if wait is None:
                _say(f"{child.name} stopped ({_exit_reason(code)}).")
                self.give_up(child.name, child.failures)
                return
            _say(f"{child.name} stopped ({_exit_reason(code)}); starting it again in "
                 f"{wait} s.")
            child.start_at = now + wait

    def check_servers(self, now: float) -> None:
        for server in self.servers:
            if now < self.server_start_at[server.name] or server.alive():
                continue
            failures = self.server_failures[server.name]
            _say(f"the embedded {server.name} has stopped; starting it again.")
            try:
                server.restart()
            except EmbeddedServiceError as error:
                wait = failures.record(now)
                if wait is None:
                    print(error, flush=True)
                    self.give_up(f"the embedded {server.name}", failures)
                    return
                _say(f"the embedded {server.name} did not start ({error}); trying again "
                     f"in {wait} s.")
                self.server_start_at[server.name] = now + wait
                continue
            _say(f"the embedded {server.name} is running again.")

    def run(self) -> int:
        signal.signal(signal.SIGINT, self.request_stop)
        signal.signal(signal.SIGTERM, self.request_stop)
        next_watch = time.monotonic() + WATCH_EVERY_SECONDS
        while not self.stopping:
            self.pump(0.2)
            now = time.monotonic()
            self.check_children(now)
            if now >= next_watch and not self.stopping:
                self.check_servers(now)
                next_watch = time.monotonic() + WATCH_EVERY_SECONDS
        self.stop_children()
        return self.exit_code

    def stop_children(self) -> None:
        _say("stopping web, worker and beat...")
        running = [c for c in self.children.values() if c.process is not None]
        for child in running:
            assert child.process is not None
            if child.process.poll() is None:
                os.killpg(child.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        while time.monotonic() < deadline and any(
                c.process is not None and c.process.poll() is None for c in running):
            self.pump(0.2)
        for child in running:
            assert child.process is not None
            if child.process.poll() is None:
                os.killpg(child.process.pid, signal.SIGKILL)
                child.process.wait()
            # A Celery prefork child can outlive its parent for a moment; sweep the group.
            child.sweep()


def _stop_with_parent() -> None:
    """Ask Linux to send us SIGTERM when our parent (make, a shell) dies.

    Stopping `make run` with SIGTERM ends make, not the process group below it; without
    this the supervisor and everything it started would carry on as orphans.
    """
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: Ctrl-C and SIGTERM to this process still work


def main() -> int:
    _stop_with_parent()
    # Not from Django's settings: they would be read here, before the embedded servers
    # that DATABASE_URL and REDIS_URL point at exist, and before the defaults below are
    # set for the children. The children read the settings; this process reads its own
    # variables through the same helpers, so a bad value stops it the same way.
    try:
        data_dir = Path(env_str("BTECH_DATA_DIR", str(BASE_DIR / ".data" / "dev")))
        port = env_int("PORT", 8000, minimum=1, maximum=65535)
        workers = env_int("WEB_WORKERS", 2, minimum=1, maximum=64)
        threads = env_int("WEB_THREADS", 4, minimum=1, maximum=64)
        # This machine only, by default: make run is DEBUG with demo accounts.
        bind = env_str("WEB_BIND", "127.0.0.1")
    except ImproperlyConfigured as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    os.environ["BTECH_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DEBUG", "true")
    # Links in emails and calendar feeds point at this server unless told otherwise.
    os.environ.setdefault("SITE_URL", f"http://localhost:{port}")
    python = sys.executable
    try:
        with embedded_services(data_dir) as servers:
            _manage(python, "migrate", "--no-input")
            _manage(python, "seed_demo")
            print(f"\nB-Tech Engagement Tracker on http://localhost:{port}/ "
                  f"(admin: http://localhost:{port}/admin/). Ctrl-C stops everything.\n",
                  flush=True)
            commands = _processes(python, port, data_dir, workers=workers, threads=threads,
                                  bind=bind)
            return _Supervisor(commands, servers).run()
    except EmbeddedServiceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as error:
        print(f"error: {' '.join(error.cmd[1:])} failed with code {error.returncode}",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
