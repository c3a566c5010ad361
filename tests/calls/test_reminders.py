"""Reminders of a call's deadline to the human-rights leads of a company that intends to
submit: 14 and 3 days before, on Geneva dates, across a change of clocks, each once
however many planners run, and never once the submission is recorded."""

from __future__ import annotations

import datetime as dt
from email.utils import parseaddr

import pytest
import time_machine
from django.core import mail

from calls import services as call_services
from calls.models import CallReminder
from reminders import planner
from reminders import services as reminder_services
from reminders.models import DeliveryState
from tests import factories
from tests.reminders.conftest import at_geneva

pytestmark = pytest.mark.django_db


def _pass(day: dt.date, hour: int, minute: int = 0) -> list[tuple[dt.date, str, str]]:
    """Two planner passes at once (as two beat schedulers would), then delivery."""
    with time_machine.travel(at_geneva(day, hour, minute), tick=False):
        start = len(mail.outbox)
        planner.plan_pass(enqueue=False)
        planner.plan_pass(enqueue=False)
        reminder_services.pending_deliver()
        return [(day, str(m.subject), parseaddr(m.to[0])[1]) for m in mail.outbox[start:]]


def _intending_call(deadline, lead, company):
    with time_machine.travel(at_geneva(deadline - dt.timedelta(days=30), 10), tick=False):
        call = factories.CallFactory(title="Digital technologies and elections",
                                     opened_on=deadline - dt.timedelta(days=40),
                                     deadline=deadline)
        call_services.participation_update(call=call, company=company, user=lead,
                                           intends_to_submit=True)
    return call


# Deadlines just after the clocks change in Geneva: the 14-day step falls before the
# change (summer time) and the 3-day step after it, or on the day itself (30 March 2025).
@pytest.mark.parametrize("deadline", [dt.date(2024, 11, 8), dt.date(2025, 4, 2)])
def test_it_reminds_14_and_3_days_before_on_geneva_dates_across_a_clock_change(
        deadline, lead_a, company_a):
    _intending_call(deadline, lead_a, company_a)
    sent = []
    day = deadline - dt.timedelta(days=16)
    while day <= deadline + dt.timedelta(days=1):
        # Just after and just before Geneva midnight: the UTC date differs from Geneva's
        # at one of the two, by an hour that moves when the clocks change.
        sent += _pass(day, 0, 5)
        sent += _pass(day, 23, 55)
        day += dt.timedelta(days=1)
    assert [(on, to) for on, _subject, to in sent] == [
        (deadline - dt.timedelta(days=14), "lead-a@meta.example"),
        (deadline - dt.timedelta(days=3), "lead-a@meta.example"),
    ]
    assert "Input due in 14 days" in sent[0][1]
    assert "Input due in 3 days" in sent[1][1]
    assert CallReminder.objects.count() == 2


def test_a_company_that_says_so_late_hears_only_of_the_steps_to_come(lead_a, company_a):
    deadline = dt.date(2024, 11, 8)
    with time_machine.travel(at_geneva(deadline - dt.timedelta(days=10), 9), tick=False):
        call = factories.CallFactory(opened_on=deadline - dt.timedelta(days=40),
                                     deadline=deadline)
        call_services.participation_update(call=call, company=company_a, user=lead_a,
                                           intends_to_submit=True)
    sent = _pass(deadline - dt.timedelta(days=10), 12)
    sent += _pass(deadline - dt.timedelta(days=3), 12)
    assert [on for on, _subject, _to in sent] == [deadline - dt.timedelta(days=3)]


@pytest.mark.parametrize("change", ["submitted", "withdrawn", "closed"])
def test_a_planned_reminder_is_rechecked_and_cancelled_before_sending(
        change, lead_a, company_a, staff):
    deadline = dt.date(2024, 11, 8)
    call = _intending_call(deadline, lead_a, company_a)
    step_day = deadline - dt.timedelta(days=3)
    with time_machine.travel(at_geneva(step_day, 8), tick=False):
        planner.plan_pass(enqueue=False)
        [row] = CallReminder.objects.all()
        if change == "submitted":
            call_services.participation_update(call=call, company=company_a, user=lead_a,
                                               submitted_on=step_day)
        elif change == "withdrawn":
            call_services.participation_update(call=call, company=company_a, user=lead_a,
                                               intends_to_submit=False)
        else:
            call_services.call_close(call=call, closed_by=staff)
        start = len(mail.outbox)
        reminder_services.pending_deliver()
        assert len(mail.outbox) == start
    row.refresh_from_db()
    assert row.state == DeliveryState.CANCELLED and row.cancel_reason


def test_the_email_is_in_the_lead_s_language_with_a_link_to_the_call(lead_a, company_a):
    lead_a.language = "fr"
    lead_a.save(update_fields=["language"])
    deadline = dt.date(2024, 11, 8)
    call = _intending_call(deadline, lead_a, company_a)
    [(_day, subject, _to)] = _pass(deadline - dt.timedelta(days=3), 12)
    assert "3 jours" in subject
    body = mail.outbox[-1].body
    assert f"/calls/{call.pk}/" in body
