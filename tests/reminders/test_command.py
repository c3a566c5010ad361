"""The cron alternative: manage.py plan_reminders --send plans and sends in one process."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_plan_reminders_with_send_delivers_without_a_worker(make_letter, people, in_geneva):
    make_letter(dt.date(2024, 1, 10), assignee=people.owner)
    out = StringIO()
    with in_geneva(dt.date(2024, 2, 9)):
        call_command("plan_reminders", "--send", stdout=out)
    assert "Planned 2 reminder(s) for 1 letter(s)" in out.getvalue()
    # The two reminders, and the new-letter notices to the owner and the lead.
    assert "Sent 4" in out.getvalue()
    assert len(mail.outbox) == 4
