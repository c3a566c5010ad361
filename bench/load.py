"""Load benchmark of `make run`'s web server. Not a test: `make bench-load`.

1. Starts (or reuses) an embedded PostgreSQL and Redis under .data/bench-load/, loads
   the demo (`seed_demo`) and 10,000 more letters once (--letters).
2. Starts the web server exactly as `make run` does (btech.run.web_command: gunicorn,
   2 workers x 4 threads, DEBUG on), on a free loopback port, with the same settings
   (DATABASE_CONN_MAX_AGE, the connect and statement timeouts).
3. For each page, at 1, 8 and 32 concurrent users, sends requests for a fixed time
   (--seconds); each user is a thread with its own keep-alive connection, asking again
   as soon as it has its answer; users are spread over up to four client processes:
   - the letters page (/letters/, OHCHR staff signed in: every letter, 50 a page),
   - the deadlines API (/api/v1/deadlines/, a staff token),
   - the public register (/public/, nobody signed in).
4. Prints requests per second, p50 and p99 latency and the errors (any answer but 200,
   or none at all).

Targets: no error at any level; at 32 users, the deadlines API's p99 under 1 s.
The clients run on the same machine as the server, and take their share of its cores.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data" / "bench-load"
LETTERS = 10_000
USERS = (1, 8, 32)
PASSWORD = "bench-load-password"
PAGES = {
    "letters page": ("/letters/", "session"),
    "deadlines API": ("/api/v1/deadlines/", "token"),
    "public register": ("/public/", None),
}


def _prepare(letters: int) -> dict[str, str]:
    """The data, once; return the headers of a staff user's session and token."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from accounts.models import User
    from bench.dataset import load_letters

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    load_letters(letters)
    staff = User.objects.get(username="ohchr")
    token, _ = Token.objects.get_or_create(user=staff)
    browser = Client()
    browser.force_login(staff)
    return {"session": f"sessionid={browser.cookies['sessionid'].value}",
            "token": f"Token {token.key}"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(connection: http.client.HTTPConnection, path: str,
         headers: dict[str, str]) -> int:
    connection.request("GET", path, headers=headers)
    answer = connection.getresponse()
    answer.read()
    return answer.status


def _user(port: int, path: str, headers: dict[str, str], stop_at: float,
          latencies: list[float], errors: list[int]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.perf_counter() < stop_at:
        started = time.perf_counter()
        try:
            status = _get(connection, path, headers)
        except (OSError, http.client.HTTPException):
            status = 0  # no answer: count it, and open a new connection
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies.append(time.perf_counter() - started)
        if status != 200:
            errors.append(status)
    connection.close()


def _client(port: int, path: str, headers: dict[str, str], users: int, stop_at: float,
            queue: multiprocessing.Queue) -> None:
    latencies: list[float] = []
    errors: list[int] = []
    threads = [threading.Thread(target=_user,
                                args=(port, path, headers, stop_at, latencies, errors))
               for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put((latencies, errors))


def _measure(port: int, path: str, headers: dict[str, str], users: int,
             seconds: float) -> dict[str, float]:
    processes = min(users, 4)
    queue: multiprocessing.Queue = multiprocessing.Queue()
    started = time.perf_counter()
    stop_at = started + seconds
    workers = [multiprocessing.Process(
        target=_client, args=(port, path, headers,
                              users // processes + (1 if n < users % processes else 0),
                              stop_at, queue))
        for n in range(processes)]
    for worker in workers:
        worker.start()
    results = [queue.get() for _ in workers]
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    latencies = sorted(latency for result in results for latency in result[0])
    errors = [status for result in results for status in result[1]]
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "errors": len(errors),
        "statuses": sorted(set(errors)),
    }


def _wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the web server exited; see .data/bench-load/web.log")
        try:
            if _get(http.client.HTTPConnection("127.0.0.1", port, timeout=2),
                    "/public/", {}) == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("the web server did not answer within 60 seconds")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=LETTERS)
    parser.add_argument("--seconds", type=float, default=5.0, help="per page and level")
    args = parser.parse_args()

    sys.path.insert(0, str(BASE_DIR))
    os.chdir(BASE_DIR)
    # As `make run` sets them.
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "btech.settings", "DEBUG": "true",
        "BTECH_DATA_DIR": str(DATA_DIR), "BTECH_DEMO_PASSWORD": PASSWORD,
        "LOG_LEVEL": "WARNING",
    })
    from btech.embedded import embedded_services
    from btech.run import web_command

    with embedded_services(DATA_DIR):
        # Loading the letters takes longer than a request may; the server keeps the
        # timeout, as under `make run`.
        server_env = dict(os.environ)
        os.environ["DATABASE_STATEMENT_TIMEOUT"] = "0"
        credentials = _prepare(args.letters)
        port = _free_port()
        log = (DATA_DIR / "web.log").open("wb")
        server = subprocess.Popen(web_command(sys.executable, port, bind="127.0.0.1"),
                                  cwd=BASE_DIR, env=server_env, stdout=log,
                                  stderr=subprocess.STDOUT)
        try:
            _wait_for(port, server)
            rows = []
            for name, (path, auth) in PAGES.items():
                headers = {"Cookie": credentials["session"]} if auth == "session" else (
                    {"Authorization": credentials["token"]} if auth == "token" else {})
                _measure(port, path, headers, 8, 1.0)  # warm every thread and cache
                for users in USERS:
                    rows.append((name, users, _measure(port, path, headers, users,
                                                       args.seconds)))
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()

    print(f"\n`make run`'s web server (gunicorn, 2 workers x 4 threads, DEBUG on), "
          f"{args.letters:,} letters, {args.seconds:g} s per row\n")
    print("| page | users | req/s | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, users, result in rows:
        errors = f"{result['errors']}" + (f" ({result['statuses']})" if result["errors"]
                                          else "")
        print(f"| {name} | {users} | {result['rps']:.0f} | {result['p50']:.1f} | "
              f"{result['p99']:.1f} | {errors} |")
    total_errors = sum(int(result["errors"]) for _, _, result in rows)
    deadlines_p99 = next(result["p99"] for name, users, result in rows
                         if name == "deadlines API" and users == 32)
    met = total_errors == 0 and deadlines_p99 < 1000
    print(f"\nTargets: no error ({total_errors} in all); deadlines API p99 at 32 users "
          f"under 1 s ({deadlines_p99:.0f} ms): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
