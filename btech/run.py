"""``make run``: the whole product in the foreground.

Starts (or reuses) the database and Redis, migrates, loads the demo data once, then
runs the web server, a Celery worker and Celery beat side by side with their output
prefixed by name. Ctrl-C or SIGTERM stops all of them, then the embedded servers;
nothing is left running.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, cast

from django.core.exceptions import ImproperlyConfigured

from btech.embedded import EmbeddedServiceError, embedded_services
from btech.env import env_int, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
STOP_GRACE_SECONDS = 15


def _processes(python: str, port: int, data_dir: Path) -> dict[str, list[str]]:
    return {
        "web": [python, "manage.py", "runserver", f"0.0.0.0:{port}", "--noreload"],
        "worker": [python, "-m", "celery", "-A", "btech", "worker", "--loglevel", "INFO",
                   "--concurrency", "2"],
        "beat": [python, "-m", "celery", "-A", "btech", "beat", "--loglevel", "INFO",
                 "--schedule", str(data_dir / "celerybeat-schedule")],
    }


def _manage(python: str, *args: str) -> None:
    subprocess.run([python, "manage.py", *args], cwd=BASE_DIR, check=True)


def _supervise(commands: dict[str, list[str]]) -> int:
    """Run the commands until one exits or we are told to stop; return an exit code."""
    children: dict[str, subprocess.Popen[bytes]] = {}
    stopping = False

    def request_stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)

    selector = selectors.DefaultSelector()
    width = max(len(name) for name in commands)
    for name, command in commands.items():
        child = subprocess.Popen(
            command, cwd=BASE_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            # Each child in its own process group, so a stop reaches the Celery pool
            # processes too, and Ctrl-C in the terminal reaches only us: we decide
            # the order things stop in.
            start_new_session=True,
        )
        children[name] = child
        assert child.stdout is not None
        os.set_blocking(child.stdout.fileno(), False)
        selector.register(child.stdout, selectors.EVENT_READ, name)

    def pump(timeout: float) -> None:
        for key, _ in selector.select(timeout):
            # Only the children's stdout pipes are registered (above).
            data = cast("IO[bytes]", key.fileobj).read()
            if not data:
                selector.unregister(key.fileobj)
                continue
            for line in data.decode(errors="replace").splitlines():
                sys.stdout.write(f"{key.data:<{width}} | {line}\n")
            sys.stdout.flush()

    exit_code = 0
    while not stopping:
        pump(0.2)
        for name, child in children.items():
            if child.poll() is not None:
                print(f"{name} exited with code {child.returncode}; stopping the rest",
                      flush=True)
                exit_code = child.returncode or 1
                stopping = True

    print("stopping web, worker and beat...", flush=True)
    for child in children.values():
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    while time.monotonic() < deadline and any(c.poll() is None for c in children.values()):
        pump(0.2)
    for child in children.values():
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
    # A Celery prefork child can outlive its parent for a moment; sweep the groups.
    for child in children.values():
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return exit_code


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
    # two variables through the same helpers, so a bad value stops it the same way.
    try:
        data_dir = Path(env_str("BTECH_DATA_DIR", str(BASE_DIR / ".data" / "dev")))
        port = env_int("PORT", 8000, minimum=1, maximum=65535)
    except ImproperlyConfigured as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    os.environ["BTECH_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DEBUG", "true")
    # Links in emails and calendar feeds point at this server unless told otherwise.
    os.environ.setdefault("SITE_URL", f"http://localhost:{port}")
    python = sys.executable
    try:
        with embedded_services(data_dir):
            _manage(python, "migrate", "--no-input")
            _manage(python, "seed_demo")
            print(f"\nB-Tech Engagement Tracker on http://localhost:{port}/ "
                  f"(admin: http://localhost:{port}/admin/). Ctrl-C stops everything.\n",
                  flush=True)
            return _supervise(_processes(python, port, data_dir))
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
