"""The weekly digest to OHCHR staff: per company, what is due in 14 days and what is overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from reminders.models import DeliveryState, Digest
from tests.factories import CommunicationFactory, CompanyFactory, ResponseFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2024, 3, 11)


def test_staff_get_one_digest_a_week_grouped_by_company(
    staff, company_a, company_b, run_pass, in_geneva, lead_a,
):
    with in_geneva(dt.date(2024, 3, 1)):
        overdue = CommunicationFactory(company=company_a, sent_on=dt.date(2024, 1, 2))
        soon = CommunicationFactory(company=company_b, sent_on=dt.date(2024, 1, 20))
        later = CommunicationFactory(company=company_b, sent_on=dt.date(2024, 2, 28))
        replied = CommunicationFactory(company=company_a, sent_on=dt.date(2024, 1, 3))
        ResponseFactory(communication=replied, received_on=dt.date(2024, 2, 1))

    digests = [e for e in run_pass(MONDAY) if e.to == staff.email]

    assert len(digests) == 1
    assert digests[0].subject == "[B-Tech digest 2024-03-11] 1 overdue, 1 due in the next 14 days"
    body = next(m.body for m in mail.outbox if staff.email in m.to[0])
    assert body.index("Google") < body.index("Meta")
    assert overdue.reference in body and soon.reference in body
    assert later.reference not in body and replied.reference not in body
    # Once a week, whatever the number of passes; nothing for company users.
    assert [e for e in run_pass(dt.date(2024, 3, 13)) if e.to == staff.email] == []
    assert Digest.objects.get().recipient_id == staff.pk
    assert len([e for e in run_pass(dt.date(2024, 3, 18)) if e.to == staff.email]) == 1


def test_a_week_with_nothing_due_sends_no_digest(staff, run_pass):
    CompanyFactory(name="Quiet")
    assert run_pass(MONDAY) == []
    assert Digest.objects.get().state == DeliveryState.CANCELLED
