"""Redis down: the product keeps answering and saving; nothing committed becomes a 500.

A Redis server of this test's own (a real redis-server, as `make run` starts it) serves
as the cache and the Celery broker; it is killed mid-test. Lists are computed without
the cache, replies and assignments are saved once and answered 2xx, the health check
says the broker is unreachable, and once Redis is back the lists show the changes made
meanwhile and the reminder queued meanwhile goes out with the next pass.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from btech.celery import app as celery_app
from btech.embedded import EmbeddedRedis
from btech.office_time import office_today
from engagements.models import Response
from reminders import planner
from reminders.models import DeliveryState, Reminder, StepKind
from tests import factories
from tests.api.conftest import token_client
from tests.clock import clear_of_geneva_midnight

# Real commits, so the on-commit hooks run as in production; the database is put back
# afterwards, as the other threaded tests do, for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def use_broker(url: str) -> None:
    """Point Celery at this broker. Its pooled connections name the broker they were
    made for, so they are dropped too, as Celery does in a forked child (app.close()
    leaves the producers' pool in place)."""
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def redis_server(settings) -> Iterator[EmbeddedRedis]:
    # A short folder name: a unix socket's path is limited to about a hundred bytes.
    folder = Path(tempfile.mkdtemp(prefix="btech-redis-"))
    server = EmbeddedRedis(folder)
    server.start()
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"unix://{server.socket_path}?db=1",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }}
    broker = celery_app.conf.broker_url
    use_broker(server.url)
    # The queue exists, as once a worker has started (kombu's Redis transport routes a
    # message to a queue only once it is declared; the server keeps that on disk).
    with celery_app.connection_for_write() as connection:
        connection.SimpleQueue("celery").close()
    try:
        yield server
    finally:
        server.stop()
        use_broker(broker)
        shutil.rmtree(folder, ignore_errors=True)


def kill(server: EmbeddedRedis) -> None:
    assert server.process is not None
    server.process.kill()
    server.process.wait()


def test_with_redis_down_pages_answer_and_writes_are_saved_once(
    redis_server, settings, caplog,
):
    settings.BTECH_REMINDER_REQUEUE_AFTER_SECONDS = 0
    clear_of_geneva_midnight()
    company = factories.CompanyFactory(name="Meta")
    lead = factories.UserFactory(username="lead-a", company=company)
    owner = factories.ContactFactory(company=company, name="Olga Owner",
                                     email="owner@meta.example", role="issue_owner")
    letter = factories.CommunicationFactory(company=company, mandates=[
        factories.MandateFactory()])
    api = token_client(lead)
    web = Client()
    web.force_login(lead)
    lists = ("/api/v1/communications/", "/api/v1/deadlines/")
    for url in lists:  # cached while Redis is up
        assert api.get(url).json()["count"] == 1

    kill(redis_server)
    caplog.set_level(logging.WARNING, logger="btech.api.list_cache")

    for url in lists:
        answer = api.get(url)
        assert answer.status_code == 200
        assert [row["id"] for row in answer.json()["results"]] == [letter.pk]
    assert web.get(reverse("letter-list")).status_code == 200
    answer = api.post(f"/api/v1/communications/{letter.pk}/responses/", {
        "kind": "interim", "received_on": office_today().isoformat(),
        "body": "We are looking into it."}, format="json")
    assert answer.status_code == 201
    answer = web.post(reverse("reply-log", args=[letter.pk]), {
        "kind": "interim", "received_on": office_today().isoformat(),
        "body": "A second interim reply, through the page."})
    assert answer.status_code == 302
    answer = web.post(reverse("letter-assign", args=[letter.pk]), {"assignee": owner.pk})
    assert answer.status_code == 302
    assert Response.objects.filter(communication=letter).count() == 2
    letter.refresh_from_db()
    assert letter.assignee == owner
    notice = Reminder.objects.get(kind=StepKind.ASSIGNED)
    assert notice.state == DeliveryState.PENDING  # saved; its task could not be queued

    health = Client().get("/health/reminders/")
    assert health.status_code == 503
    assert health.json()["broker"] == "unreachable"
    unreachable = [r for r in caplog.records if "cannot be reached" in r.getMessage()]
    assert len(unreachable) == 1  # said once, not once per request

    redis_server.start()  # its data comes back with it, the pages cached before included

    # The changes made during the outage, not the page cached before it.
    row = api.get("/api/v1/communications/").json()["results"][0]
    assert (row["assignee"], len(row["responses"])) == (owner.pk, 2)
    assert planner.plan_pass().requeued >= 1  # the assignment notice, queued at last
    with celery_app.connection_for_read() as connection:
        waiting = connection.SimpleQueue("celery")
        queued = [waiting.get(timeout=2) for _ in range(waiting.qsize())]
        waiting.close()
    assert any(notice.pk in message.decode()[0][0] for message in queued
               if message.headers["task"] == "reminders.deliver")
