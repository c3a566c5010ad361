"""Events about follow-up actions, dialogues and calls for input: delivered to a real
receiver on loopback, only to the endpoints whose owner may see the object."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from calls import services as calls
from dialogues import services as dialogues
from reminders import planner
from reminders import services as outbox
from tests import factories
from tests.reminders.conftest import at_geneva
from webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 3, 1)


def _deliver(day: dt.date) -> None:
    with time_machine.travel(at_geneva(day), tick=True):
        outbox.pending_deliver()


def _plan(day: dt.date) -> None:
    with time_machine.travel(at_geneva(day), tick=False):
        planner.plan_pass(enqueue=False)


def _events(receiver) -> list[tuple[str, int]]:
    return sorted((r.json["type"], r.json["object"]["id"]) for r in receiver.requests)


def test_action_due_soon_goes_once_to_the_owners_company_never_to_another(
        company_a, company_b, receiver, other_receiver, settings):
    settings.BTECH_ACTION_REMIND_DAYS_BEFORE = 7
    with time_machine.travel(at_geneva(DAY), tick=False):
        dialogue = factories.DialogueFactory(companies=[company_a])
        contact = factories.ContactFactory(company=company_a)
        action = factories.FollowUpActionFactory(dialogue=dialogue, owner_contact=contact,
                                                 due_on=DAY + dt.timedelta(days=20))
    factories.webhook_endpoint(company=company_a, url=receiver.url,
                               events=["action.due_soon"])
    theirs = factories.webhook_endpoint(company=company_b, url=other_receiver.url)

    _plan(DAY + dt.timedelta(days=12))  # 8 days left: not yet
    _plan(DAY + dt.timedelta(days=13))  # 7 days left
    _plan(DAY + dt.timedelta(days=14))  # still once
    _deliver(DAY + dt.timedelta(days=14))

    assert _events(receiver) == [("action.due_soon", action.pk)]
    assert receiver.requests[0].json["object"]["due_on"] == str(action.due_on)
    assert other_receiver.requests == []
    assert not WebhookDelivery.objects.filter(endpoint=theirs).exists()


def test_action_created_and_status_change_reach_who_sees_the_action(
        company_a, company_b, receiver, other_receiver):
    with time_machine.travel(at_geneva(DAY), tick=False):
        letter = factories.CommunicationFactory(company=company_a, sent_on=DAY)
    factories.webhook_endpoint(company=None, url=receiver.url,
                               events=["action.created", "action.updated"])
    factories.webhook_endpoint(company=company_b, url=other_receiver.url)
    with time_machine.travel(at_geneva(DAY), tick=False):
        action = factories.FollowUpActionFactory(
            communication=letter, owner_kind="mandate", owner_mandate=factories.MandateFactory())
        dialogues.action_update_status(action=action, status="in_progress")
        dialogues.action_update_status(action=action, status="in_progress")  # no change
    _deliver(DAY)
    assert _events(receiver) == [("action.created", action.pk), ("action.updated", action.pk)]
    assert other_receiver.requests == []


def test_a_dialogue_is_announced_only_to_the_companies_that_took_part(
        company_a, company_b, receiver, other_receiver):
    factories.webhook_endpoint(company=company_a, url=receiver.url)
    factories.webhook_endpoint(company=company_b, url=other_receiver.url)
    with time_machine.travel(at_geneva(DAY), tick=False):
        dialogue = factories.DialogueFactory(companies=[company_a])
    _deliver(DAY)
    assert _events(receiver) == [("dialogue.created", dialogue.pk)]
    body = receiver.requests[0].json["object"]
    assert (body["companies"], body["letters"]) == ([company_a.pk], [])
    assert other_receiver.requests == []


def test_a_new_call_for_input_goes_to_every_endpoint_that_asks(
        company_b, receiver, other_receiver):
    factories.webhook_endpoint(company=company_b, url=receiver.url, events=["call.opened"])
    factories.webhook_endpoint(company=company_b, url=other_receiver.url,
                               events=["letter.created"])
    with time_machine.travel(at_geneva(DAY), tick=False):
        call = calls.call_create(title="Call for input on AI and human rights",
                                 mandates=[factories.MandateFactory()], report_body="hrc",
                                 report_year=2025, opened_on=DAY,
                                 deadline=DAY + dt.timedelta(days=30))
    _deliver(DAY)
    assert _events(receiver) == [("call.opened", call.pk)]
    assert receiver.requests[0].json["object"]["title"] == call.title
    assert other_receiver.requests == []


def test_an_unknown_event_is_still_refused(company_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        factories.webhook_endpoint(company=company_a, url="https://grc.meta.example/h",
                                   events=["action.due_soon", "action.exploded"])


def test_a_participation_goes_to_the_companys_own_endpoints_only(
        company_a, company_b, lead_a, receiver, other_receiver):
    factories.webhook_endpoint(company=company_a, url=receiver.url,
                               events=["call.participation_recorded"])
    factories.webhook_endpoint(company=company_b, url=other_receiver.url)
    with time_machine.travel(at_geneva(DAY), tick=False):
        call = factories.CallFactory()
        calls.participation_update(call=call, company=company_a, user=lead_a,
                                   intends_to_submit=True)
    _deliver(DAY)
    assert [(r.json["type"], r.json["object"]["company"]) for r in receiver.requests] == [
        ("call.participation_recorded", company_a.pk)]
    assert other_receiver.requests == []
