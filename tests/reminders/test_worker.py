"""A real Celery worker against the embedded Redis and PostgreSQL, killed mid-batch.

The worker is started as `python -m celery -A btech worker` with DATABASE_URL pointing at
this test's database. Its email backend writes each message to a folder and, after a
number of messages, stops before the next one as if stuck talking to an SMTP server; the
test then kills the worker's whole process group with SIGKILL, starts a second worker,
runs the planner as beat would, and checks every reminder went out exactly once.
"""

from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from btech.celery import app as celery_app
from reminders import planner
from reminders.models import DeliveryState, Reminder
from tests.clock import clear_of_geneva_midnight

pytestmark = [pytest.mark.worker,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LETTERS = 30  # two recipients each: 60 emails, three delivery tasks of 20
# Long enough that a pool process stalled by a busy machine keeps its claim (a shorter
# lease would let the next pass hand the same row to another process).
LEASE_SECONDS = 15
BASE_DIR = Path(settings.BASE_DIR)


def _database_url() -> str:
    """The test database (not the dev one) as a URL for the worker's settings."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    host = db["HOST"] or db["OPTIONS"].get("host", "")
    if host.startswith("/"):  # a unix socket folder
        return f"postgresql://{user}:{password}@/{db['NAME']}?host={quote(host, safe='/')}"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgresql://{user}:{password}@{host}{port}/{db['NAME']}"


def _start_worker(name: str, mail_dir: Path, log_dir: Path,
                  block_at: int = 0) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        "EMAIL_BACKEND": "tests.reminders.backends.FolderBackend",
        "TEST_MAIL_DIR": str(mail_dir),
        "TEST_MAIL_BLOCK_AT": str(block_at),
        "BTECH_REMINDER_LEASE_SECONDS": str(LEASE_SECONDS),
        "DATABASE_CONN_MAX_AGE": "0",
    }
    log = (log_dir / f"{name}.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "btech", "worker", "--loglevel", "INFO",
         "--concurrency", "2", "--hostname", f"{name}@%h", "--without-gossip",
         "--without-mingle", "--without-heartbeat"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: SIGKILL reaches the pool too
    )


def _kill_group(worker: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(worker.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    worker.wait(timeout=10)


def _wait_for(condition, timeout: float, what: str, every: float = 0.2, tick=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if tick is not None:
            tick()
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def _message_ids(mail_dir: Path) -> Counter[str]:
    return Counter(email.message_from_bytes(path.read_bytes())["Message-ID"]
                   for path in mail_dir.glob("*.eml"))


@pytest.fixture
def letters_due_today(make_letters_due_today):
    # The worker runs on the real clock: a Geneva midnight mid-test would move the step.
    clear_of_geneva_midnight()
    return make_letters_due_today(LETTERS)


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(
    letters_due_today, tmp_path, settings,
):
    settings.BTECH_REMINDER_REQUEUE_AFTER_SECONDS = 0
    mail_dir, log_dir = tmp_path / "mail", tmp_path / "logs"
    mail_dir.mkdir()
    log_dir.mkdir()
    celery_app.control.purge()  # nothing left over from another run

    first = _start_worker("first", mail_dir, log_dir, block_at=LETTERS // 2)
    second = None
    try:
        result = planner.plan_pass()  # queues the delivery tasks as each batch commits
        assert len(result.reminder_ids) == LETTERS * 2

        _wait_for(lambda: any(mail_dir.glob("blocked-*")), 60, "the first worker to stall")
        _kill_group(first)
        sent_before_kill = len(list(mail_dir.glob("*.eml")))
        assert 0 < sent_before_kill < LETTERS * 2
        stranded = Reminder.objects.filter(state=DeliveryState.PENDING)
        assert stranded.filter(claimed_until__isnull=False).exists()  # killed mid-send

        second = _start_worker("second", mail_dir, log_dir)
        # Beat's job, faster: the pass re-queues what the dead worker held, once its
        # lease has expired.
        _wait_for(
            lambda: not Reminder.objects.exclude(state=DeliveryState.SENT).exists(),
            90, "every reminder to be sent", every=1.0,
            tick=lambda: planner.plan_pass(),
        )
    finally:
        _kill_group(first)
        if second is not None:
            second.send_signal(signal.SIGTERM)
            try:
                second.wait(timeout=15)
            except subprocess.TimeoutExpired:
                _kill_group(second)
        if os.environ.get("SHOW_WORKER_LOGS"):
            for log in log_dir.glob("*.log"):
                print(log.read_text(errors="replace"))

    ids = _message_ids(mail_dir)
    expected = {f"<reminder-{pk}@localhost>" for pk in
                Reminder.objects.values_list("pk", flat=True)}
    assert set(ids) == expected
    assert [mid for mid, count in ids.items() if count > 1] == []
    assert Reminder.objects.filter(state=DeliveryState.SENT).count() == LETTERS * 2
