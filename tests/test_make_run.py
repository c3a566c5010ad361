"""`make run` as a person uses it: it comes up, serves pages, and Ctrl-C or SIGTERM stops
every process it started; a second run reuses the data. It brings back what dies, and
serves many people at once without a single 5xx."""

from __future__ import annotations

import http.cookiejar
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO

import psutil
import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


DEMO_PASSWORD = "demo-password-for-tests"


def start(data_dir: Path, port: int,
          output: int | IO[str] = subprocess.PIPE) -> subprocess.Popen[str]:
    """`make run` in a new session; its output to a pipe, or to a file for a long test
    (a pipe nobody reads fills up and stops the supervisor)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(PORT=str(port), BTECH_DATA_DIR=str(data_dir), DEBUG="true",
               BTECH_DEMO_PASSWORD=DEMO_PASSWORD)
    return subprocess.Popen([sys.executable, "-m", "btech.run"], cwd=ROOT, env=env,
                            stdout=output, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)


def wait_for_page(process: subprocess.Popen[str], url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[0]
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer in {timeout} s")


def started_processes(process: subprocess.Popen[str], data_dir: Path) -> list[psutil.Process]:
    """Everything the supervisor started, PostgreSQL included (it daemonises)."""
    found = psutil.Process(process.pid).children(recursive=True)
    for candidate in psutil.process_iter(["cmdline"]):
        if str(data_dir) in " ".join(candidate.info["cmdline"] or []):
            found.append(candidate)
    return found


def stop_and_check(process, data_dir, how) -> str:
    started = started_processes(process, data_dir)
    assert any("postgres" in p.name() for p in started)
    assert any("redis-server" in p.name() for p in started)
    assert sum("celery" in " ".join(p.cmdline()) for p in started) >= 2  # worker and beat
    how(process)
    output, _ = process.communicate(timeout=60)
    _gone, alive = psutil.wait_procs(started, timeout=10)
    assert alive == [], output[-3000:]
    return output


@pytest.fixture
def data_dir():
    # Inside the project, as for a real run: the embedded PostgreSQL runs as an
    # unprivileged user when we are root, and pytest's own temporary folders are closed
    # to other users.
    folder = ROOT / ".data" / "test" / f"make-run-{uuid.uuid4().hex[:8]}"
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.worker
def test_make_run_serves_the_demo_and_leaves_nothing_behind(data_dir):
    port = free_port()
    first = start(data_dir, port)
    try:
        wait_for_page(first, f"http://127.0.0.1:{port}/admin/login/")
        # Ctrl-C in a terminal: SIGINT to the whole foreground process group.
        output = stop_and_check(first, data_dir, lambda p: os.killpg(p.pid, signal.SIGINT))
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    assert "14 new letter(s)" in output, output

    second = start(data_dir, port)
    try:
        wait_for_page(second, f"http://127.0.0.1:{port}/admin/login/")
        # A service manager: SIGTERM to the process alone.
        output = stop_and_check(second, data_dir, lambda p: p.send_signal(signal.SIGTERM))
    finally:
        if second.poll() is None:
            os.killpg(second.pid, signal.SIGKILL)
    assert "0 new letter(s) (14 in all)" in output


def test_a_bad_port_stops_make_run_before_it_starts_anything(data_dir):
    env = {**os.environ, "PORT": "80OO", "BTECH_DATA_DIR": str(data_dir)}
    result = subprocess.run([sys.executable, "-m", "btech.run"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == "error: PORT='80OO' is not a whole number"
    assert not data_dir.exists()


# --- what dies is brought back; many people at once -----------------------------------

def _wait_until(condition, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}; make run said:\n"
                         + log.read_text(errors="replace")[-4000:])


def _status(url: str, headers: dict[str, str]) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                    timeout=30) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 599  # no answer at all


def _credentials(base: str) -> tuple[dict[str, str], dict[str, str]]:
    """Headers signing in OHCHR staff of the demo: a token for the API and a session
    cookie for the pages, each obtained the way a person or a poller does."""
    request = urllib.request.Request(
        f"{base}/api/v1/auth/token/", method="POST", headers={"Content-Type": "application/json"},
        data=json.dumps({"username": "ohchr", "password": DEMO_PASSWORD}).encode())
    with urllib.request.urlopen(request, timeout=30) as answer:
        token = json.load(answer)["token"]
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    browser.open(f"{base}/accounts/login/", timeout=30).read()
    csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    browser.open(f"{base}/accounts/login/", timeout=30, data=urllib.parse.urlencode({
        "username": "ohchr", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": csrf,
    }).encode()).read()
    session = next(cookie.value for cookie in jar if cookie.name == "sessionid")
    return {"Authorization": f"Token {token}"}, {"Cookie": f"sessionid={session}"}


def _burst(base: str, api: dict[str, str], web: dict[str, str], rounds: int = 4) -> list[int]:
    """`rounds` times, 32 requests at once: the deadlines API, the letters page and the
    public register, as 32 people would."""
    targets = [(f"{base}/api/v1/deadlines/", api), (f"{base}/letters/", web),
               (f"{base}/public/", {})]
    statuses: list[int] = []
    with ThreadPoolExecutor(max_workers=32) as pool:
        for _ in range(rounds):
            statuses += pool.map(lambda i: _status(*targets[i % 3]), range(32))
    return statuses


def _children(process: subprocess.Popen[str], word: str) -> list[psutil.Process]:
    """The supervisor's own children running `word` (not their pool processes)."""
    found = []
    for child in psutil.Process(process.pid).children():
        try:
            if word in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:  # exited meanwhile, or a zombie not yet reaped
            pass
    return found


def _postmaster(data_dir: Path) -> psutil.Process | None:
    pid_file = data_dir / "postgres" / "postmaster.pid"
    try:
        return psutil.Process(int(pid_file.read_text().split()[0]))
    except (OSError, ValueError, IndexError, psutil.NoSuchProcess):
        return None


def _redis_answers(data_dir: Path) -> bool:
    import redis

    try:
        client = redis.Redis(unix_socket_path=str(data_dir / "redis" / "redis.sock"),
                             socket_timeout=1)
        # Persistence as configured (the values passed as separate arguments).
        return client.config_get("save") == {"save": "60 1"}
    except (redis.RedisError, OSError):
        return False


@pytest.mark.worker
def test_make_run_brings_back_what_dies_and_serves_32_people_at_once(data_dir, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "make-run.log"
    with log.open("w") as output:
        run = start(data_dir, port, output)
    try:
        wait_for_page(run, f"{base}/admin/login/")
        api, web = _credentials(base)
        # 256 requests, 32 at a time: enough for runserver, with a connection per
        # request thread, to run PostgreSQL out of connections.
        statuses = _burst(base, api, web, rounds=8)
        assert [s for s in statuses if s != 200] == [], "\n" + log.read_text()[-3000:]

        # A Celery worker's main process killed outright: a new one takes its place.
        [worker] = _children(run, "celery -A btech worker")
        worker.kill()
        _wait_until(lambda: [p.pid for p in _children(run, "celery -A btech worker")
                             if p.pid != worker.pid], 30, "a new worker", log)
        assert "worker stopped (killed by SIGKILL); starting it again in 1 s." in \
            log.read_text()

        # The embedded Redis killed: started again, with its persistence.
        [redis_server] = {p for p in started_processes(run, data_dir)
                          if "redis-server" in p.name()}
        redis_server.kill()
        _wait_until(lambda: _redis_answers(data_dir), 30, "Redis to answer again", log)

        # The embedded PostgreSQL killed: started again, and the pages answer again.
        postmaster = _postmaster(data_dir)
        assert postmaster is not None
        postmaster.kill()
        # The supervisor says so once its readiness check passes, which may be a moment
        # after the API answers again: wait for the words too, not only for the page.
        _wait_until(lambda: (_postmaster(data_dir) or postmaster).pid != postmaster.pid
                    and _status(f"{base}/api/v1/deadlines/", api) == 200
                    and "the embedded PostgreSQL is running again." in log.read_text(),
                    60, "PostgreSQL and the API to answer again", log)
        assert "the embedded Redis is running again." in log.read_text()

        statuses = _burst(base, api, web)
        assert [s for s in statuses if s != 200] == [], "\n" + log.read_text()[-3000:]
        assert run.poll() is None

        everything = started_processes(run, data_dir)
        run.send_signal(signal.SIGTERM)
        assert run.wait(timeout=60) == 0
        _gone, alive = psutil.wait_procs(everything, timeout=10)
        assert alive == [], log.read_text()[-3000:]
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
