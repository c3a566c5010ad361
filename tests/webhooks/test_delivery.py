"""Events reach a real HTTP receiver on loopback: signed, retried, never to the wrong
company, never to a private address or through a redirect.

Delivery runs in this process (the services the Celery task calls); the worker itself
is in test_worker.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from engagements import services as letters
from reminders import services as outbox
from reminders.models import DeliveryState
from tests import factories
from tests.webhooks.receiver import verify
from webhooks.models import WebhookDelivery, WebhookEvent

pytestmark = pytest.mark.django_db


def _log_letter(company, **kwargs):
    return letters.communication_create(
        reference=f"AL OTH {kwargs.pop('number', 7)}/{timezone.now().year}", letter_type="AL",
        mandates=[factories.MandateFactory()], company=company,
        sent_on=timezone.localdate(), subject="Content restrictions and arrests of users",
        **kwargs)


def _deliver():
    return outbox.pending_deliver()


def _later(seconds: float):
    return time_machine.travel(timezone.now() + dt.timedelta(seconds=seconds), tick=True)


def test_a_logged_letter_reaches_its_companys_endpoint_signed(company_a, receiver):
    endpoint = factories.webhook_endpoint(company=company_a, url=receiver.url,
                                          events=["letter.created"])
    letter = _log_letter(company_a)

    result = _deliver()

    assert len(result.sent) == 1
    [request] = receiver.requests
    assert request.path == "/hooks/btech"
    assert verify(endpoint.secret, request.headers["X-Btech-Signature"], request.body)
    assert not verify("whsec_wrong", request.headers["X-Btech-Signature"], request.body)
    payload = request.json
    assert payload["type"] == "letter.created"
    assert payload["id"] == request.headers["X-Btech-Event-Id"]
    assert payload["object_type"] == "letter"
    assert payload["object"]["reference"] == letter.reference
    assert payload["object"]["company_name"] == "Meta"
    assert payload["object"]["deadline_status"]
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.last_status, delivery.attempts) == (
        DeliveryState.SENT, 200, 1)


def test_another_companys_events_are_never_delivered(company_a, company_b, receiver,
                                                     other_receiver):
    factories.webhook_endpoint(company=company_b, url=receiver.url)
    ohchr = factories.webhook_endpoint(company=None, url=other_receiver.url,
                                       events=["letter.created", "response.created"])
    letter = _log_letter(company_a)
    letters.response_log(communication=letter, kind="interim",
                         received_on=timezone.localdate(), body="We are looking into it.",
                         logged_by=None)

    _deliver()

    assert receiver.requests == []  # Google's system hears nothing of Meta's letter
    assert [r.json["type"] for r in other_receiver.requests] == [
        "letter.created", "response.created"]  # OHCHR's own sees every company's
    assert all(verify(ohchr.secret, r.headers["X-Btech-Signature"], r.body)
               for r in other_receiver.requests)
    reply = other_receiver.requests[1].json["object"]
    assert reply["communication"] == letter.pk and reply["kind"] == "interim"


def test_each_change_to_a_letter_is_an_event(company_a, staff, lead_a, receiver):
    factories.webhook_endpoint(company=company_a, url=receiver.url)
    owner = factories.ContactFactory(company=company_a, role="issue_owner")
    letter = _log_letter(company_a)
    letters.communication_acknowledge(communication=letter, acknowledged_by=lead_a)
    letters.communication_assign(communication=letter, assignee=owner, assigned_by=lead_a)
    letters.deadline_extend(communication=letter, reason="Asked for by the company.",
                            extended_to=letter.due_on + dt.timedelta(days=30),
                            granted_by=staff)
    _deliver()

    types = [r.json["type"] for r in receiver.requests]
    assert sorted(types) == sorted(["letter.created", "letter.acknowledged",
                                    "letter.assigned", "letter.extended"])
    assert len({r.json["id"] for r in receiver.requests}) == 4


def test_a_failing_receiver_is_retried_with_backoff_and_the_same_event_id(company_a,
                                                                          receiver):
    factories.webhook_endpoint(company=company_a, url=receiver.url)
    receiver.statuses = [500, 503]
    _log_letter(company_a)

    first = _deliver()
    assert first.retrying and not first.sent
    delivery = WebhookDelivery.objects.get()
    assert (delivery.last_status, delivery.state) == (500, DeliveryState.PENDING)
    assert "HTTP 500" in delivery.last_error
    assert _deliver().skipped == [] and len(receiver.requests) == 1  # backing off
    with _later(31):
        assert _deliver().retrying
    with _later(31 + 121):
        assert _deliver().sent

    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status) == (
        DeliveryState.SENT, 3, 200)
    assert len({r.json["id"] for r in receiver.requests}) == 1  # one event, three tries
    assert len(receiver.requests) == 3


def test_a_receiver_down_for_a_while_gets_the_event_when_it_is_back(company_a, receiver):
    factories.webhook_endpoint(company=company_a, url=receiver.url)
    receiver.stop()  # the company's system is down
    _log_letter(company_a)

    assert _deliver().retrying
    delivery = WebhookDelivery.objects.get()
    assert delivery.last_status is None
    assert "refused" in delivery.last_error.lower() or "connect" in delivery.last_error.lower()

    receiver.start()  # back, on the same port
    with _later(31):
        assert _deliver().sent
    assert [r.json["type"] for r in receiver.requests] == ["letter.created"]


def test_failed_deliveries_show_in_the_admin_and_can_be_sent_again(company_a, receiver,
                                                                   staff_client, settings):
    settings.BTECH_WEBHOOK_MAX_ATTEMPTS = 2
    factories.webhook_endpoint(company=company_a, url=receiver.url)
    receiver.statuses = [500, 500]
    _log_letter(company_a)
    _deliver()
    with _later(31):
        assert _deliver().failed
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.last_status) == (DeliveryState.FAILED, 500)

    page = staff_client.get("/admin/webhooks/failedwebhookdelivery/")
    assert page.status_code == 200
    assert "letter.created" in page.content.decode()
    assert "HTTP 500" in page.content.decode()

    answer = staff_client.post("/admin/webhooks/failedwebhookdelivery/", {
        "action": "send_again", "_selected_action": [delivery.pk]}, follow=True)
    assert "1 failed delivery queued again." in answer.content.decode()
    with _later(32):
        assert _deliver().sent
    event_ids = {r.json["id"] for r in receiver.requests}
    assert event_ids == {str(WebhookEvent.objects.get().pk)}


def test_an_attempt_gives_up_after_the_timeout(company_a, receiver, settings):
    settings.BTECH_WEBHOOK_TIMEOUT_SECONDS = 1
    receiver.stall_seconds = 2
    factories.webhook_endpoint(company=company_a, url=receiver.url)
    _log_letter(company_a)

    assert _deliver().retrying
    assert "timed out" in WebhookDelivery.objects.get().last_error.lower()


def test_a_redirect_is_not_followed(company_a, receiver, other_receiver):
    receiver.redirect_to = other_receiver.url
    factories.webhook_endpoint(company=company_a, url=receiver.url)
    _log_letter(company_a)

    assert _deliver().retrying
    delivery = WebhookDelivery.objects.get()
    assert delivery.last_status == 302
    assert "redirects are not followed" in delivery.last_error
    assert other_receiver.requests == []


def test_private_addresses_are_refused_unless_allowed(company_a, receiver, settings):
    factories.webhook_endpoint(company=company_a, url=receiver.url)
    settings.BTECH_WEBHOOK_ALLOWED_NETWORKS = []  # production: public addresses only
    _log_letter(company_a)

    assert _deliver().retrying
    delivery = WebhookDelivery.objects.get()
    assert delivery.last_error.startswith("Refused: 127.0.0.1 resolves to an address")
    assert receiver.requests == []


def test_a_name_resolving_to_a_private_address_is_refused(company_a, receiver, settings):
    factories.webhook_endpoint(company=company_a,
                               url=receiver.url.replace("127.0.0.1", "localhost"))
    settings.BTECH_WEBHOOK_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    _log_letter(company_a)

    assert _deliver().retrying
    assert "localhost resolves to an address" in WebhookDelivery.objects.get().last_error
    assert receiver.requests == []


def test_a_switched_off_endpoint_gets_nothing_and_its_pending_rows_are_cancelled(
        company_a, receiver):
    from webhooks.services import endpoint_update

    endpoint = factories.webhook_endpoint(company=company_a, url=receiver.url)
    _log_letter(company_a)
    endpoint_update(endpoint=endpoint, is_active=False)
    _log_letter(company_a, number=8)

    result = _deliver()
    assert len(result.cancelled) == 1 and not result.sent
    assert WebhookDelivery.objects.count() == 1
    assert receiver.requests == []


def test_a_letter_moved_to_another_company_is_not_sent_to_the_first(company_a, company_b,
                                                                     receiver):
    factories.webhook_endpoint(company=company_a, url=receiver.url)
    letter = _log_letter(company_a)
    letters.communication_update(communication=letter, company=company_b)

    assert _deliver().cancelled
    assert receiver.requests == []
