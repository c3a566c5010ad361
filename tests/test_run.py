"""make run's supervisor (btech/run.py): a process that dies is started again after a
pause; one that keeps dying stops everything with a message saying which.

Small stand-in commands instead of the web server and Celery, so the policy is checked
in a second; tests/test_make_run.py checks the real processes and servers.
"""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

import pytest

from btech import run
from btech.celery import app as celery_app


@pytest.fixture(autouse=True)
def _quick_policy(monkeypatch):
    monkeypatch.setattr(run, "BACKOFF_SECONDS", (0.1, 0.2))
    monkeypatch.setattr(run, "GIVE_UP_AFTER", 3)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in handlers.items():  # the supervisor installs its own
        signal.signal(sig, handler)


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_a_process_that_dies_is_started_again(tmp_path, capsys):
    marker = tmp_path / "crashed-once"
    supervisor = run._Supervisor({
        # Crashes the first time, then runs.
        "flaky": python(f"import pathlib, sys, time\n"
                        f"m = pathlib.Path({str(marker)!r})\n"
                        f"if not m.exists(): m.touch(); sys.exit(3)\n"
                        f"print('up again', flush=True); time.sleep(60)"),
        "steady": python("import time; time.sleep(60)"),
    }, [])

    def stop_once_it_is_back() -> None:
        for _ in range(100):
            if "up again" in capsys.readouterr().out:
                break
            threading.Event().wait(0.1)
        supervisor.stopping = True

    watcher = threading.Thread(target=stop_once_it_is_back)
    watcher.start()
    assert supervisor.run() == 0
    watcher.join()
    assert marker.exists()


def test_a_process_that_keeps_dying_stops_everything_with_a_clear_message(capsys):
    supervisor = run._Supervisor({
        "worker": python("import sys; sys.exit(2)"),
        "web": python("import time; time.sleep(60)"),
    }, [])

    assert supervisor.run() == 1

    said = capsys.readouterr().out
    assert said.count("make run: worker stopped (exit code 2); starting it again in") == 2
    assert ("make run: worker failed 3 times in 5 minutes; it is not recovering by itself. "
            "Stopping everything: see its output above.") in said
    web = supervisor.children["web"].process
    assert web is not None and web.poll() is not None  # stopped with the rest


def test_a_dead_embedded_redis_is_started_again(tmp_path: Path, capsys):
    from btech.embedded import EmbeddedRedis

    server = EmbeddedRedis(tmp_path / "redis")
    server.start()
    supervisor = run._Supervisor({"web": python("import time; time.sleep(60)")}, [server])
    assert server.process is not None
    first = server.process.pid
    server.process.kill()

    def stop_once_it_is_back() -> None:
        for _ in range(100):
            if server.process is not None and server.process.pid != first and server.alive():
                break
            threading.Event().wait(0.1)
        supervisor.stopping = True

    watcher = threading.Thread(target=stop_once_it_is_back)
    watcher.start()
    try:
        assert supervisor.run() == 0
    finally:
        watcher.join()
        server.stop()
    said = capsys.readouterr().out
    assert "make run: the embedded Redis has stopped; starting it again." in said
    assert "make run: the embedded Redis is running again." in said


def test_the_worker_keeps_trying_to_reach_the_broker_for_as_long_as_it_takes():
    # Celery's default gives up after 100 attempts and the worker exits.
    assert celery_app.conf.broker_connection_max_retries is None
