"""Follow-up action reminders through the one outbox: one email per step and owner,
exactly once with two planners at once, nothing lost when a worker dies mid-send, in the
owner's language, and none for a closed action."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from dialogues import services as dialogue_services
from dialogues.models import ActionReminder
from reminders import planner, services
from reminders.models import DeliveryState
from tests import factories
from tests.reminders.conftest import at_geneva
from tests.reminders.test_concurrency import _race

DIALOGUE_DAY = dt.date(2024, 5, 2)
DUE = dt.date(2024, 6, 20)


@pytest.fixture
def owner_action(db, company_a):
    owner = factories.ContactFactory(company=company_a, name="Olga Owner",
                                     email="Owner@Meta.example", language="fr")
    with time_machine.travel(at_geneva(DIALOGUE_DAY), tick=False):
        dialogue = factories.DialogueFactory(
            companies=[company_a],
            starts_at=dt.datetime(2024, 5, 2, 10, 0, tzinfo=dt.UTC))
        return factories.FollowUpActionFactory(dialogue=dialogue, owner_contact=owner,
                                               due_on=DUE, description="Share the policy")


def _pass(day: dt.date) -> list[str]:
    with time_machine.travel(at_geneva(day), tick=False):
        start = len(mail.outbox)
        planner.plan_pass(enqueue=False)
        services.pending_deliver()
        return [str(message.subject) for message in mail.outbox[start:]]


@pytest.mark.django_db
def test_the_owner_is_reminded_before_the_due_date_and_once_it_has_passed(owner_action):
    assert _pass(DUE - dt.timedelta(days=8)) == []
    soon = _pass(DUE - dt.timedelta(days=7))
    # In the owner's language (French), once; the next passes add nothing until overdue.
    assert len(soon) == 1 and "Action à échéance dans 7 jours" in soon[0], soon
    assert _pass(DUE - dt.timedelta(days=6)) == []
    assert _pass(DUE) == []
    late = _pass(DUE + dt.timedelta(days=1))
    assert len(late) == 1 and "en retard de 1 jour" in late[0], late
    assert _pass(DUE + dt.timedelta(days=5)) == []
    assert mail.outbox[-1].to == ["Olga Owner <owner@meta.example>"]
    assert ActionReminder.objects.filter(state=DeliveryState.SENT).count() == 2


@pytest.mark.django_db
def test_a_closed_action_is_not_reminded_and_a_planned_row_is_cancelled(owner_action):
    with time_machine.travel(at_geneva(DUE - dt.timedelta(days=7)), tick=False):
        planner.plan_pass(enqueue=False)  # planned, not yet sent
        dialogue_services.action_update_status(action=owner_action, status="done",
                                               closing_note="Shared on time.")
        result = services.pending_deliver()
    assert len(result.cancelled) == 1 and mail.outbox == []
    assert _pass(DUE + dt.timedelta(days=1)) == []


@pytest.mark.django_db
def test_a_new_due_date_gives_a_fresh_schedule(owner_action):
    assert len(_pass(DUE - dt.timedelta(days=7))) == 1
    with time_machine.travel(at_geneva(DUE - dt.timedelta(days=6)), tick=False):
        dialogue_services.action_update(action=owner_action, due_on=DUE + dt.timedelta(days=2))
    assert len(_pass(DUE - dt.timedelta(days=5))) == 1  # the new date's "due soon"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_planners_at_once_plan_each_action_reminder_once(company_a):
    with time_machine.travel(at_geneva(DIALOGUE_DAY), tick=True):
        dialogue = factories.DialogueFactory(
            companies=[company_a], starts_at=dt.datetime(2024, 5, 2, 10, 0, tzinfo=dt.UTC))
        for n in range(30):
            owner = factories.ContactFactory(company=company_a, email=f"owner{n}@meta.example")
            factories.FollowUpActionFactory(dialogue=dialogue, owner_contact=owner, due_on=DUE)
    with time_machine.travel(at_geneva(DUE - dt.timedelta(days=3)), tick=True):
        results = _race(lambda: planner.plan_pass(enqueue=False))
        planned = [pk for result in results for pk in result.action_reminder_ids]
        assert len(planned) == len(set(planned)) == 30
        assert ActionReminder.objects.count() == 30
        mail.outbox.clear()
        sent = _race(lambda: services.action_reminders_deliver(reminder_ids=planned))
    assert sorted(pk for result in sent for pk in result.sent) == sorted(planned)
    assert len(mail.outbox) == 30


@pytest.mark.django_db
def test_a_worker_killed_mid_send_loses_nothing(owner_action, settings):
    """As for letters (tests/reminders/test_delivery.py): a worker claimed the row and
    died while the mail server had it; once its lease has run out the next pass sends it,
    counted as a possible duplicate, and the pass after sends nothing more."""
    settings.BTECH_REMINDER_LEASE_SECONDS = 60
    day = DUE - dt.timedelta(days=7)
    with time_machine.travel(at_geneva(day, 12), tick=False):
        [row_id] = planner.plan_pass(enqueue=False).action_reminder_ids
        now = planner.timezone.now()
        assert services._claim(ActionReminder, row_id, now, owner="dead-worker")
        ActionReminder.objects.filter(pk=row_id).update(sending_since=now)
        assert services.pending_deliver().sent == []  # held by the dead worker's lease
    # Minutes later the lease has run out (nobody renews it): the next pass sends it.
    with time_machine.travel(at_geneva(day, 12, 5), tick=False):
        assert planner.plan_pass(enqueue=False).requeued >= 1
        assert services.pending_deliver().sent == [row_id]
    row = ActionReminder.objects.get(pk=row_id)
    assert (row.state, row.possible_duplicates) == (DeliveryState.SENT, 1)
    assert _pass(day + dt.timedelta(days=1)) == []
    assert len(mail.outbox) == 1
