"""The catch-up pass when beat starts: everything pending is queued again, whatever its age.

The broker's queue may have been lost with everything else (a crash, a machine restarted),
so the pass that beat runs as it starts queues every pending row nobody holds, including
rows written a moment before the outage, which a regular pass leaves to their own task
for BTECH_REMINDER_REQUEUE_AFTER_SECONDS.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from btech.celery import app as celery_app
from reminders import planner, queue, tasks
from tests.reminders.conftest import at_geneva

pytestmark = pytest.mark.django_db

SENT = dt.date(2024, 1, 10)
FIRST_STEP = dt.date(2024, 2, 9)  # "due in 30 days"


def test_the_start_up_pass_queues_pending_reminders_of_any_age(
    make_letter, people, in_geneva, settings,
):
    settings.BTECH_REMINDER_REQUEUE_AFTER_SECONDS = 120
    make_letter(SENT, assignee=people.owner)
    with in_geneva(FIRST_STEP, 12):
        assert len(planner.plan_pass(enqueue=False).reminder_ids) == 2  # owner and lead
    with time_machine.travel(at_geneva(FIRST_STEP, 12) + dt.timedelta(seconds=10),
                             tick=False):
        # (The "assigned to you" notice of January, never sent here, is old enough for both.)
        regular = planner.plan_pass(enqueue=False).requeued
        assert planner.plan_pass(enqueue=False, catch_up=True).requeued == regular + 2


def test_beat_queues_the_catch_up_pass_as_it_starts():
    celery_app.control.purge()
    tasks._plan_when_beat_starts(sender=None)

    with celery_app.connection_for_read() as connection:
        waiting = connection.SimpleQueue("celery")
        message = waiting.get(timeout=5)
        message.ack()
        waiting.close()
    assert message.headers["task"] == queue.PLAN
    args, kwargs, _embed = message.decode()
    assert (args, kwargs) == ([], {"catch_up": True})
