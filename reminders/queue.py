"""Handing outbox rows to the Celery worker: the one place that talks to the broker.

The planner and the services write outbox rows and queue them here; the tasks
(reminders/tasks.py) call the planner and the services. Tasks are queued by name, so
this module imports neither side and the three never import each other in a circle.

Rows are queued once the transaction that wrote them commits: the worker must find
them, and must not send for a transaction that rolled back. A broker that cannot take
the message does not undo the committed write: the error is logged and the planner's
re-queue pass (planner._requeue) picks up every pending row nobody is sending.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from celery import current_app
from django.conf import settings
from django.db import transaction

PLAN = "reminders.plan"
DELIVER_REMINDERS = "reminders.deliver"
DELIVER_DIGESTS = "reminders.deliver_digests"
DELIVER_WEBHOOKS = "webhooks.deliver"
DELIVER_TOPIC_DIGESTS = "reminders.deliver_topic_digests"
DELIVER_CALL_REMINDERS = "reminders.deliver_call_reminders"
DELIVER_ACTION_REMINDERS = "reminders.deliver_action_reminders"


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _send(task_name: str, ids: list[int]) -> None:
    current_app.send_task(task_name, args=[ids])


def _on_commit(task_name: str, ids: Iterable[int]) -> None:
    for chunk in _chunks(list(ids), settings.BTECH_REMINDER_SEND_BATCH_SIZE):
        # A function, not functools.partial: Django logs a robust hook's failure by the
        # callable's __qualname__, which a partial lacks (the logging itself would raise).
        def send(chunk: list[int] = chunk) -> None:
            _send(task_name, chunk)

        transaction.on_commit(send, robust=True)


def queue_reminders(ids: Iterable[int]) -> None:
    """Send these reminder rows, once the current transaction commits."""
    _on_commit(DELIVER_REMINDERS, ids)


def queue_digests(ids: Iterable[int]) -> None:
    """Send these digest rows, once the current transaction commits."""
    _on_commit(DELIVER_DIGESTS, ids)


def queue_webhooks(ids: Iterable[int]) -> None:
    """Send these webhook deliveries (webhooks/), once the current transaction commits."""
    _on_commit(DELIVER_WEBHOOKS, ids)


def queue_topic_digests(ids: Iterable[int]) -> None:
    """Send these topic digest rows (topics.models.TopicDigest), once the current
    transaction commits."""
    _on_commit(DELIVER_TOPIC_DIGESTS, ids)


def queue_call_reminders(ids: Iterable[int]) -> None:
    """Send these call-for-input reminder rows, once the current transaction commits."""
    _on_commit(DELIVER_CALL_REMINDERS, ids)


def queue_action_reminders(ids: Iterable[int]) -> None:
    """Send these follow-up action reminder rows, once the current transaction commits."""
    _on_commit(DELIVER_ACTION_REMINDERS, ids)


def broker_reachable() -> bool:
    """Whether the broker answers now: the health check's question, asked at once."""
    try:
        with current_app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0,
                                         timeout=2)
    except Exception:  # kombu's OperationalError, a socket error, a timeout
        return False
    return True


def queue_plan(*, catch_up: bool = False) -> None:
    """Run a planning pass in the worker now (catch_up: see planner.plan_pass)."""
    current_app.send_task(PLAN, kwargs={"catch_up": catch_up})


EXTRACT_TEXT = "search.extract_text"


def queue_text_extraction() -> None:
    """Read the text of the PDFs just uploaded, once the current transaction commits.

    The search triggers have listed them (search_storedfile); the task reads whatever is
    listed, so one message is enough however many were uploaded, and a lost one is
    made good by the task's periodic run (CELERY_BEAT_SCHEDULE["search-extract-text"]).
    """
    def send() -> None:
        current_app.send_task(EXTRACT_TEXT)

    transaction.on_commit(send, robust=True)
