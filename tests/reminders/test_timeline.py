"""The reminders that went out show on the letter's page, for its company and for staff."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.reminders.conftest import at_geneva

pytestmark = pytest.mark.django_db


def test_the_letter_page_lists_each_reminder_step_with_its_recipients(
    make_letter, people, run_pass, lead_a_client, lead_b_client,
):
    letter = make_letter(dt.date(2024, 1, 10), assignee=people.owner)
    run_pass(dt.date(2024, 1, 10))
    run_pass(dt.date(2024, 2, 9))
    with time_machine.travel(at_geneva(dt.date(2024, 2, 12), 12), tick=False):
        page = lead_a_client.get(reverse("letter-detail", args=[letter.pk]))
        other = lead_b_client.get(reverse("letter-detail", args=[letter.pk]))
    text = page.content.decode()
    assert "New-letter notice sent" in text
    assert "Reminder sent: Reply due in 30 days" in text
    assert "Lena Lead" in text and "Olga Owner" in text
    assert other.status_code == 404


def test_the_timeline_gives_the_day_count_the_email_gave(make_letter, people, run_pass,
                                                          lead_a_client):
    # An outage from 2 to 8 March: the "2 days before" step goes out on 9 March, when
    # the letter is due in 1 day, and says so.
    letter = make_letter(dt.date(2024, 1, 10), assignee=people.owner)
    run_pass(dt.date(2024, 2, 1))
    sent = run_pass(dt.date(2024, 3, 9))
    assert {email.subject for email in sent} == {f"[{letter.reference}] Reply due in 1 day"}
    with time_machine.travel(at_geneva(dt.date(2024, 3, 9), 15), tick=False):
        text = lead_a_client.get(reverse("letter-detail", args=[letter.pk])).content.decode()
    assert "Reminder sent: Reply due in 1 day" in text
    assert "Reply due in 2 days" not in text
