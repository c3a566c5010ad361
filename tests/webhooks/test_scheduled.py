"""The calendar's events (due soon, overdue, published), written by the reminders
planner's pass: once each, to the endpoints whose owner may see the letter."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from reminders import planner
from reminders import services as outbox
from tests import factories
from tests.reminders.conftest import at_geneva
from webhooks.models import WebhookDelivery, WebhookEvent

pytestmark = pytest.mark.django_db

SENT = dt.date(2024, 3, 1)  # due 30 April 2024, public the same day


def _pass(day: dt.date) -> list[str]:
    with time_machine.travel(at_geneva(day), tick=False):
        planner.plan_pass(enqueue=False)
    return sorted(WebhookEvent.objects.values_list("type", flat=True))


def test_due_soon_overdue_and_published_come_once_each_from_the_planner(
        company_a, company_b, receiver):
    with time_machine.travel(at_geneva(SENT), tick=False):
        letter = factories.CommunicationFactory(company=company_a, sent_on=SENT)
    factories.webhook_endpoint(company=company_a, url=receiver.url,
                               events=["letter.due_soon", "letter.overdue",
                                       "letter.published"])
    theirs = factories.webhook_endpoint(company=company_b, url=receiver.url + "/b")

    assert _pass(dt.date(2024, 4, 1)) == []  # 29 days left: not yet
    assert _pass(dt.date(2024, 4, 16)) == ["letter.due_soon"]  # 14 days left
    assert _pass(dt.date(2024, 4, 17)) == ["letter.due_soon"]  # once
    assert _pass(dt.date(2024, 5, 1)) == ["letter.due_soon", "letter.overdue",
                                          "letter.published"]
    assert _pass(dt.date(2024, 5, 3)) == ["letter.due_soon", "letter.overdue",
                                          "letter.published"]
    assert not WebhookDelivery.objects.filter(endpoint=theirs).exists()
    assert WebhookDelivery.objects.count() == 3

    with time_machine.travel(at_geneva(dt.date(2024, 5, 3)), tick=True):
        assert len(outbox.pending_deliver().sent) == 3
    assert {(r.json["type"], r.json["object"]["reference"]) for r in receiver.requests} == {
        ("letter.due_soon", letter.reference), ("letter.overdue", letter.reference),
        ("letter.published", letter.reference)}


def test_an_extension_makes_a_new_due_soon_event(company_a, staff, receiver):
    from engagements import services as letters

    with time_machine.travel(at_geneva(SENT), tick=False):
        letter = factories.CommunicationFactory(company=company_a, sent_on=SENT)
    factories.webhook_endpoint(company=company_a, url=receiver.url,
                               events=["letter.due_soon"])
    assert _pass(dt.date(2024, 4, 20)) == ["letter.due_soon"]
    with time_machine.travel(at_geneva(dt.date(2024, 4, 20)), tick=False):
        letters.deadline_extend(communication=letter, extended_to=dt.date(2024, 5, 20),
                                reason="More time to consult.", granted_by=staff)
    assert _pass(dt.date(2024, 5, 6)) == ["letter.due_soon", "letter.due_soon"]


def test_no_endpoint_no_rows_and_old_letters_are_not_caught_up(company_a, receiver):
    with time_machine.travel(at_geneva(SENT), tick=False):
        factories.CommunicationFactory(company=company_a, sent_on=SENT)
    assert _pass(dt.date(2024, 5, 1)) == []  # nobody asked: nothing written
    factories.webhook_endpoint(company=company_a, url=receiver.url,
                               events=["letter.overdue", "letter.published"])
    # Registered weeks later: letters overdue and public for longer than the catch-up
    # window are not announced as news.
    assert _pass(dt.date(2024, 6, 1)) == []
