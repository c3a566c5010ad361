"""A real Celery worker delivering webhooks, its pool processes killed mid-delivery.

The receiver holds one request without answering (the event is out, its row does not
say so yet); the test kills the worker's pool processes there. Celery hands their tasks
to new processes at once (acks_late, reject_on_worker_lost), which take their rows back
(the lease names the task): every event arrives, the one caught in the window perhaps
twice, with the same event id, and its row counts the possible duplicate.

Here beside the reminders' worker tests, not under tests/webhooks: a test that restores
the database it found (serialized_rollback) must run before the browser tests, which
leave it empty.
"""

from __future__ import annotations

import os
import signal
from collections import Counter
from pathlib import Path

import pytest
from django.utils import timezone

from btech.celery import app as celery_app
from engagements import services as letters
from reminders.models import DeliveryState
from tests import factories
from tests.clock import clear_of_geneva_midnight
from tests.reminders.test_worker import _start_worker, _stop, _wait_for
from tests.webhooks.receiver import Receiver
from webhooks.models import WebhookDelivery, WebhookEvent

pytestmark = [pytest.mark.worker,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LETTERS = 8


def _pool_processes(main_pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == main_pid:
            children.append(int(stat.parent.name))
    return children


@pytest.fixture
def receiver():
    started = Receiver().start()
    yield started
    started.stop()


def test_webhook_pool_processes_killed_mid_delivery_lose_no_event(company_a, receiver,
                                                                  tmp_path):
    clear_of_geneva_midnight()
    (tmp_path / "mail").mkdir()
    (tmp_path / "logs").mkdir()
    celery_app.control.purge()
    factories.webhook_endpoint(company=company_a, url=receiver.url, events=["letter.created"])
    receiver.stall_at = LETTERS // 2

    worker = _start_worker("webhooks", tmp_path / "mail", tmp_path / "logs")
    try:
        mandate = factories.MandateFactory()
        for number in range(1, LETTERS + 1):  # each commit queues its delivery
            letters.communication_create(
                reference=f"AL OTH {number}/{timezone.now().year}", letter_type="AL",
                mandates=[mandate], company=company_a, sent_on=timezone.localdate(),
                subject=f"Case {number}")
        assert receiver.stalled.wait(60), "no request reached the receiver"
        pool = _pool_processes(worker.pid)
        assert pool
        for pid in pool:
            os.kill(pid, signal.SIGKILL)  # mid-request: the event is out, not marked
        receiver.release.set()
        _wait_for(lambda: not WebhookDelivery.objects.exclude(
            state=DeliveryState.SENT).exists(), 60, "every delivery to be sent", every=0.5)
    finally:
        receiver.release.set()
        _stop(worker, tmp_path / "logs")

    received = Counter(request.json["id"] for request in receiver.requests)
    events = {str(pk) for pk in WebhookEvent.objects.values_list("pk", flat=True)}
    assert set(received) == events and len(events) == LETTERS
    duplicated = {event_id for event_id, count in received.items() if count > 1}
    counted = {str(event) for event in WebhookDelivery.objects.filter(
        possible_duplicates__gt=0).values_list("event_id", flat=True)}
    assert duplicated <= counted  # every duplicate was one its row warned of
    assert len(duplicated) >= 1  # the stalled request was sent again, same event id
