"""The delivery task: thin, it takes ids and calls the service (see reminders/tasks.py
for why acks_late, reject_on_worker_lost, the time limits and no countdown)."""

from __future__ import annotations

from celery import Task, shared_task

from reminders import queue
from webhooks import services


@shared_task(name=queue.DELIVER_WEBHOOKS, bind=True, soft_time_limit=240, time_limit=300,
             acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def deliver_webhooks(self: Task, delivery_ids: list[int]) -> int:
    # The task's id owns the leases: redelivered after a lost worker, it takes them back.
    return len(services.deliveries_deliver(delivery_ids=delivery_ids,
                                           owner=self.request.id).sent)
