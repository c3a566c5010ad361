"""Celery tasks: thin, they take ids and call the planner or a service.

Settings chosen on purpose (see also CELERY_* in btech/settings.py):

- ``acks_late=True``: the broker message is acknowledged after the task ran, so a worker
  that dies mid-task does not lose it. Safe because every task is idempotent: the planner
  writes through a unique constraint, delivery claims each row with compare-and-set.
- ``reject_on_worker_lost=True``: if the pool process is killed (SIGKILL, out of memory),
  the message goes back to the queue instead of being acknowledged as done. A message
  that keeps killing its worker cannot loop for ever: each claim counts an attempt and
  the row is marked failed after BTECH_REMINDER_MAX_ATTEMPTS.
- time limits: a batch of emails, each bounded by EMAIL_TIMEOUT, fits well inside them;
  they stay far below the Redis visibility timeout so a slow task is never handed to a
  second worker while the first still runs it. A soft limit stops the batch cleanly; the
  rows not reached wait for the next pass.
- No ``eta``/``countdown``: retries are re-queued by the next planning pass, not parked
  in Redis, where a task delayed past the visibility timeout would run twice.
- The delivery tasks hand their id to the service as the owner of the rows' leases: the
  message redelivered after a lost worker carries the same id, and takes its rows back
  at once (reminders/services.py).
"""

from __future__ import annotations

from celery import Task, shared_task
from celery.signals import beat_init

from reminders import planner, queue, services

_RELIABLE = {"acks_late": True, "reject_on_worker_lost": True, "ignore_result": True}


@shared_task(name=queue.PLAN, soft_time_limit=240, time_limit=300, **_RELIABLE)
def plan(catch_up: bool = False) -> int:
    result = planner.plan_pass(catch_up=catch_up)
    return len(result.reminder_ids)


@shared_task(name=queue.DELIVER_REMINDERS, bind=True, soft_time_limit=240, time_limit=300,
             **_RELIABLE)
def deliver_reminders(self: Task, reminder_ids: list[int]) -> int:
    return len(services.reminders_deliver(reminder_ids=reminder_ids,
                                          owner=self.request.id).sent)


@shared_task(name=queue.DELIVER_DIGESTS, bind=True, soft_time_limit=240, time_limit=300,
             **_RELIABLE)
def deliver_digests(self: Task, digest_ids: list[int]) -> int:
    return len(services.digests_deliver(digest_ids=digest_ids, owner=self.request.id).sent)


@shared_task(name=queue.DELIVER_TOPIC_DIGESTS, bind=True, soft_time_limit=240, time_limit=300,
             **_RELIABLE)
def deliver_topic_digests(self: Task, digest_ids: list[int]) -> int:
    return len(services.topic_digests_deliver(digest_ids=digest_ids,
                                              owner=self.request.id).sent)


@shared_task(name=queue.DELIVER_CALL_REMINDERS, bind=True, soft_time_limit=240,
             time_limit=300, **_RELIABLE)
def deliver_call_reminders(self: Task, reminder_ids: list[int]) -> int:
    return len(services.call_reminders_deliver(reminder_ids=reminder_ids,
                                               owner=self.request.id).sent)


@shared_task(name=queue.DELIVER_ACTION_REMINDERS, bind=True, soft_time_limit=240,
             time_limit=300, **_RELIABLE)
def deliver_action_reminders(self: Task, reminder_ids: list[int]) -> int:
    return len(services.action_reminders_deliver(reminder_ids=reminder_ids,
                                                 owner=self.request.id).sent)


@beat_init.connect
def _plan_when_beat_starts(sender: object, **kwargs: object) -> None:
    # Beat waits a whole interval before the first run of an interval schedule; after a
    # deploy or an outage we want the catch-up pass now, not in five minutes.
    queue.queue_plan(catch_up=True)
