"""A real Celery worker against the embedded Redis and PostgreSQL, killed mid-send.

The worker is started as `python -m celery -A btech worker` with DATABASE_URL pointing at
this test's database. Its email backend writes each message to a folder and, once a
given number are there, stalls right after handing one over (the mail server has it,
the row does not say so yet): the window in which a crash sends an email twice. The
tests kill it there and check that every reminder went out, that the one duplicate the
window allows happened at most once, and that its row says so.

- A pool process killed: Celery reports the worker lost and, because the delivery tasks
  are acks_late and reject_on_worker_lost, hands the task to another process at once,
  which takes its rows back (the lease names the task). No planner pass runs: without
  those two settings the rows would wait for their lease and a pass, and the test fails.
- The whole worker killed: the lease runs out and the planner queues the rows again.
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
WORKER_CONCURRENCY = 2


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
                  stall_after: int = 0) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        "EMAIL_BACKEND": "tests.reminders.backends.FolderBackend",
        "TEST_MAIL_DIR": str(mail_dir),
        "TEST_MAIL_STALL_AFTER": str(stall_after),
        "BTECH_REMINDER_LEASE_SECONDS": str(LEASE_SECONDS),
        "DATABASE_CONN_MAX_AGE": "0",
    }
    log = (log_dir / f"{name}.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "btech", "worker", "--loglevel", "INFO",
         "--concurrency", str(WORKER_CONCURRENCY), "--hostname", f"{name}@%h",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
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


def _stalled(mail_dir: Path) -> tuple[int, str]:
    """The process that stalled after handing an email over, and that email's Message-ID."""
    pid, message_id = (mail_dir / "stalled").read_text().split(" ", 1)
    return int(pid), message_id


def _assert_duplicates_counted(mail_dir: Path, stalled_message_id: str,
                               processes: int = 1) -> None:
    """Every reminder went out; only an email in a crash window may have gone twice (the
    stalled one, and with a whole worker killed, one more per other pool process caught
    mid-send), and each such row counts it."""
    ids = _message_ids(mail_dir)
    rows = {f"<reminder-{pk}@localhost>": duplicates for pk, duplicates in
            Reminder.objects.values_list("pk", "possible_duplicates")}
    assert set(ids) == set(rows)
    twice = {mid for mid, count in ids.items() if count > 1}
    counted = {mid for mid, n in rows.items() if n}
    assert stalled_message_id in counted
    assert twice <= counted, "an email went out twice and its row does not say so"
    assert len(counted) <= processes
    assert all(n == 1 for n in rows.values() if n)
    assert Reminder.objects.filter(state=DeliveryState.SENT).count() == LETTERS * 2


def _stop(worker: subprocess.Popen[bytes] | None, log_dir: Path) -> None:
    if worker is not None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _kill_group(worker)
    if os.environ.get("SHOW_WORKER_LOGS"):
        for log in log_dir.glob("*.log"):
            print(log.read_text(errors="replace"))


def test_a_pool_process_killed_after_sending_hands_its_task_to_another_at_once(
    letters_due_today, tmp_path,
):
    mail_dir, log_dir = tmp_path / "mail", tmp_path / "logs"
    mail_dir.mkdir()
    log_dir.mkdir()
    celery_app.control.purge()  # nothing left over from another run

    worker = _start_worker("worker", mail_dir, log_dir, stall_after=LETTERS // 2)
    try:
        result = planner.plan_pass()  # queues the delivery tasks as each batch commits
        assert len(result.reminder_ids) == LETTERS * 2
        _wait_for(lambda: (mail_dir / "stalled").exists(), 60, "a pool process to stall")
        pid, message_id = _stalled(mail_dir)
        assert pid != worker.pid
        os.kill(pid, signal.SIGKILL)  # the pool process, the email already out

        # No planner pass from here: Celery's redelivery alone must finish the job,
        # well before the rows' 15 s leases would have let anyone else take them.
        _wait_for(lambda: not Reminder.objects.exclude(state=DeliveryState.SENT).exists(),
                  40, "every reminder to be sent", every=0.5)
    finally:
        _stop(worker, log_dir)
    _assert_duplicates_counted(mail_dir, message_id)


def test_a_whole_worker_killed_after_sending_loses_nothing(letters_due_today, tmp_path,
                                                            settings):
    settings.BTECH_REMINDER_REQUEUE_AFTER_SECONDS = 0
    mail_dir, log_dir = tmp_path / "mail", tmp_path / "logs"
    mail_dir.mkdir()
    log_dir.mkdir()
    celery_app.control.purge()

    first = _start_worker("first", mail_dir, log_dir, stall_after=LETTERS // 2)
    second = None
    try:
        result = planner.plan_pass()
        assert len(result.reminder_ids) == LETTERS * 2
        _wait_for(lambda: (mail_dir / "stalled").exists(), 60, "the first worker to stall")
        _pid, message_id = _stalled(mail_dir)
        _kill_group(first)  # the main process and its pool, no goodbye
        assert Reminder.objects.filter(state=DeliveryState.PENDING,
                                       sending_since__isnull=False).exists()

        second = _start_worker("second", mail_dir, log_dir)
        # Beat's job, faster: the pass re-queues what the dead worker held, once its
        # lease has run out (nobody renews it any more).
        _wait_for(
            lambda: not Reminder.objects.exclude(state=DeliveryState.SENT).exists(),
            90, "every reminder to be sent", every=1.0,
            tick=lambda: planner.plan_pass(),
        )
    finally:
        _kill_group(first)
        _stop(second, log_dir)
    # Both pool processes die at once: the other may be mid-send too.
    _assert_duplicates_counted(mail_dir, message_id, processes=WORKER_CONCURRENCY)
