"""A letter's first days: the new-letter notice, and the chase for acknowledgement.

The notice goes to the company's human-rights leads and the letter's issue owner, once
each, whichever door the letter came in by; the chase reminds the leads after five
working days in Geneva and escalates to senior executives after ten.
"""

from __future__ import annotations

import datetime as dt
import threading
from email.utils import parseaddr

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from engagements import services as engagement_services
from engagements.models import Communication
from reminders import services
from reminders.models import DeliveryState, Reminder
from tests import factories
from tests.admin_forms import form_errors
from tests.reminders.conftest import at_geneva

pytestmark = pytest.mark.django_db

WEDNESDAY = dt.date(2024, 1, 10)


def _sent(kind: str | None = None) -> list[tuple[str, str]]:
    return sorted((parseaddr(m.to[0])[1], str(m.subject)) for m in mail.outbox
                  if kind is None or kind in m.subject)


@pytest.fixture
def mandates(db):
    foe = factories.MandateFactory.create(
        short_name="SR FoE", title="Special Rapporteur on freedom of opinion and expression")
    factories.MandateHolderFactory.create(mandate=foe, name="Irene Khan",
                                          term_start=dt.date(2023, 8, 1),
                                          term_end=dt.date(2026, 7, 31))
    privacy = factories.MandateFactory.create(
        short_name="SR privacy", title="Special Rapporteur on the right to privacy")
    return [foe, privacy]


def test_a_letter_logged_through_the_api_tells_the_leads_and_the_owner_once(
        staff, people, mandates, in_geneva, django_capture_on_commit_callbacks):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(staff)
    with in_geneva(WEDNESDAY), django_capture_on_commit_callbacks(execute=True):
        answer = api.post("/api/v1/communications/", {
            "reference": "AL OTH 3/2024", "letter_type": "AL",
            "mandates": [m.pk for m in mandates], "company": people.lead.company_id,
            "sent_on": "2024-01-10", "subject": "Arrests of users", "assignee": people.owner.pk,
            "handover_note": "You handled the 2022 case.",
        }, format="json")
        assert answer.status_code == 201, answer.content
        services.pending_deliver()
        services.pending_deliver()  # a second pass finds nothing left to send

    subject = "[AL OTH 3/2024] New letter: reply due in 60 days"
    assert _sent() == [("lead@meta.example", subject), ("owner@meta.example", subject)]
    owner_mail = next(m for m in mail.outbox if "owner@" in m.to[0])
    body = owner_mail.body
    assert "You are its issue owner" in body
    assert "Note for you: You handled the 2022 case." in body
    assert "AL OTH 3/2024 (JAL: allegation letter, joint)" in body
    assert ("Special Rapporteur on freedom of opinion and expression (Irene Khan)" in body)
    assert "Special Rapporteur on the right to privacy" in body
    assert "Reply due:  10 March 2024 (reply due in 60 days)" in body
    letter = Communication.objects.get(reference="AL OTH 3/2024")
    assert f"http://localhost:8000/letters/{letter.pk}/#acknowledge" in body
    lead_mail = next(m for m in mail.outbox if "lead@" in m.to[0])
    assert "Please acknowledge receipt and route it" in lead_mail.body


def test_a_letter_logged_in_the_admin_tells_them_once_too(
        staff_client, people, mandates, in_geneva, django_capture_on_commit_callbacks):
    with in_geneva(WEDNESDAY), django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:engagements_communication_add"), {
            "reference": "UA OTH 4/2024", "letter_type": "UA",
            "mandates": [str(mandates[0].pk)], "company": str(people.lead.company_id),
            "sent_on": "2024-01-10", "language": "en", "subject": "Imminent shutdown",
            "summary": "", "assignee": "", "press_release_on": "", "extended_to": "",
            "extension_reason": "", "handover_note": "",
            **{f"{inline}-{field}": "0" for inline in ("responses", "notes", "reminders")
               for field in ("TOTAL_FORMS", "INITIAL_FORMS")},
        })
        assert response.status_code == 302, form_errors(response)
        services.pending_deliver()

    assert _sent() == [("lead@meta.example",
                        "[UA OTH 4/2024] New letter: reply due in 60 days")]


def test_a_historical_letter_is_not_announced(make_letter, people, run_pass):
    make_letter(WEDNESDAY, assignee=people.owner, logged_on=dt.date(2024, 6, 1),
                acknowledged=False)
    run_pass(dt.date(2024, 6, 1))
    assert _sent("New letter") == []
    assert not Reminder.objects.filter(kind="new_letter").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_senders_at_once_send_each_notice_once(people, mandates, in_geneva):
    with in_geneva(WEDNESDAY):
        engagement_services.communication_create(
            reference="AL OTH 5/2024", letter_type="AL", mandates=mandates[:1],
            company=people.lead.company, sent_on=WEDNESDAY, subject="Case",
            assignee=people.owner)
    ids = list(Reminder.objects.values_list("pk", flat=True))
    assert len(ids) == 2
    barrier = threading.Barrier(2)

    def send() -> None:
        barrier.wait()
        try:
            services.reminders_deliver(reminder_ids=ids)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(mail.outbox) == 2
    assert Reminder.objects.filter(state=DeliveryState.SENT).count() == 2


# --- acknowledgement ------------------------------------------------------------------

def _chase(run_pass, start: dt.date, end: dt.date) -> dict[dt.date, list[tuple[str, str]]]:
    """Run the planner at 00:05 and 23:55 each day; the acknowledgement emails by date."""
    sent: dict[dt.date, list[tuple[str, str]]] = {}
    day = start
    while day <= end:
        for hour, minute in ((0, 5), (23, 55)):
            for email in run_pass(day, hour, minute):
                if "acknowledg" in email.subject.lower():
                    sent.setdefault(day, []).append((email.to, email.subject.split("] ")[1]))
        day += dt.timedelta(days=1)
    return {day: sorted(emails) for day, emails in sent.items()}


def test_an_unacknowledged_letter_reminds_the_lead_then_the_executive_skipping_weekends(
        make_letter, people, run_pass):
    friday = dt.date(2024, 1, 12)
    make_letter(friday, assignee=people.owner, acknowledged=False)

    sent = _chase(run_pass, friday, dt.date(2024, 2, 5))

    # Five working days after Friday 12 January is Friday 19; ten is Friday 26.
    assert sent == {
        dt.date(2024, 1, 19): [
            ("lead@meta.example", "Please acknowledge receipt: reply due in 53 days"),
            ("owner@meta.example", "Please acknowledge receipt: reply due in 53 days")],
        dt.date(2024, 1, 26): [
            ("ceo@meta.example", "Receipt not acknowledged: reply due in 46 days"),
            ("lead@meta.example", "Receipt not acknowledged: reply due in 46 days"),
            ("owner@meta.example", "Receipt not acknowledged: reply due in 46 days")],
    }
    escalation = next(m for m in mail.outbox if parseaddr(m.to[0])[1] == "ceo@meta.example"
                      and "not acknowledged" in m.subject)
    assert "in 10 working days" in escalation.body
    assert "You receive this as a senior executive contact" in escalation.body


def test_the_chase_keeps_to_geneva_dates_across_the_spring_dst_change(
        make_letter, people, run_pass):
    # Logged Monday 25 March 2024; summer time begins in Geneva on Sunday 31 March.
    make_letter(dt.date(2024, 3, 25), assignee=people.owner, acknowledged=False)

    sent = _chase(run_pass, dt.date(2024, 3, 25), dt.date(2024, 4, 10))

    assert sorted(sent) == [dt.date(2024, 4, 1), dt.date(2024, 4, 8)]


def test_acknowledging_stops_the_chase_and_cancels_a_row_not_yet_sent(
        make_letter, people, in_geneva):
    from reminders import planner

    letter = make_letter(WEDNESDAY, assignee=people.owner, acknowledged=False)
    reader = factories.UserFactory.create(username="meta-reader", company=letter.company)
    with in_geneva(dt.date(2024, 1, 17)):
        planner.plan_pass(enqueue=False)
        assert Reminder.objects.filter(kind="not_acknowledged").count() == 2
        engagement_services.communication_acknowledge(communication=letter,
                                                      acknowledged_by=reader)
        result = services.pending_deliver()
    assert set(Reminder.objects.filter(kind="not_acknowledged")
               .values_list("state", "cancel_reason")) == {
        (DeliveryState.CANCELLED, "The letter has been acknowledged since.")}
    assert not [m for m in mail.outbox if "acknowledge" in m.subject.lower()]
    assert len(result.cancelled) == 2
    with in_geneva(dt.date(2024, 1, 24)):
        planner.plan_pass(enqueue=False)
    assert not Reminder.objects.filter(kind="ack_escalation").exists()


def test_acknowledging_twice_is_refused_with_when_and_by_whom(make_letter, people, lead_a,
                                                              in_geneva):
    from django.core.exceptions import ValidationError

    letter = make_letter(WEDNESDAY, assignee=people.owner)  # acknowledged by the reader
    with in_geneva(dt.date(2024, 1, 11)), pytest.raises(ValidationError) as refused:
        engagement_services.communication_acknowledge(communication=letter,
                                                      acknowledged_by=lead_a)
    assert refused.value.message_dict == {"acknowledged_at": [
        f"This letter was already acknowledged on 10 January 2024 by reader-{letter.company_id}."]}
    letter.refresh_from_db()
    assert letter.acknowledged_at == at_geneva(WEDNESDAY)
