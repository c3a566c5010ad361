"""`make run` as a person uses it: it comes up, serves pages, and Ctrl-C or SIGTERM stops
every process it started; a second run reuses the data."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(data_dir: Path, port: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(PORT=str(port), BTECH_DATA_DIR=str(data_dir), DEBUG="true",
               BTECH_DEMO_PASSWORD="demo-password-for-tests")
    return subprocess.Popen([sys.executable, "-m", "btech.run"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
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
