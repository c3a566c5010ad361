"""Two planners, and two senders, at once against the real PostgreSQL: no duplicate.

Each thread has its own database connection, so the planners really race: they meet
at the row locks (SKIP LOCKED) and at the outbox's unique constraint.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import connection

from reminders import planner, services
from reminders.models import DeliveryState, Reminder
from tests.reminders.conftest import at_geneva

LETTERS = 60

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _race(target: Callable[[], Any], threads: int = 2) -> list[Any]:
    barrier = threading.Barrier(threads)
    results: list[Any] = [None] * threads
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = target()
        except BaseException as error:  # surfaced below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert not worker.is_alive(), "a thread did not finish in 60 s"
    assert not errors, errors
    return results


@pytest.fixture(autouse=True)
def _in_geneva_on_a_fixed_day():
    # The threads share the frozen clock; ticking keeps leases and timestamps moving.
    with time_machine.travel(at_geneva(dt.date(2024, 2, 9), 12), tick=True):
        yield


@pytest.fixture
def letters_due_today(make_letters_due_today):
    return make_letters_due_today(LETTERS)


def test_two_planners_at_once_plan_each_reminder_once(letters_due_today):
    # Small batches: many turns to take, so both planners get some even on a busy machine.
    results = _race(lambda: planner.plan_pass(enqueue=False, batch_size=2))

    planned = [pk for result in results for pk in result.reminder_ids]
    assert len(planned) == len(set(planned)) == LETTERS * 2
    assert Reminder.objects.count() == LETTERS * 2
    # Both did part of the work: the locks split it rather than serialise it.
    assert all(result.letters > 0 for result in results), [r.letters for r in results]
    assert sum(result.letters for result in results) == LETTERS


def test_two_senders_given_the_same_rows_send_each_once(letters_due_today):
    ids = planner.plan_pass(enqueue=False).reminder_ids
    mail.outbox.clear()

    results = _race(lambda: services.reminders_deliver(reminder_ids=ids))

    sent = [pk for result in results for pk in result.sent]
    assert sorted(sent) == sorted(ids)
    assert len(mail.outbox) == len(ids)
    assert Reminder.objects.filter(state=DeliveryState.SENT).count() == len(ids)
