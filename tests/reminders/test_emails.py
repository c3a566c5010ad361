"""The reminder email: a subject that sorts, plain text and HTML, the facts and the links."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

SENT = dt.date(2024, 1, 10)


def test_a_reminder_carries_the_letter_its_deadline_and_the_links(
    make_letter, people, run_pass, settings,
):
    settings.SITE_URL = "https://btech.example.org"
    letter = make_letter(SENT, assignee=people.owner)
    run_pass(SENT)
    start = len(mail.outbox)

    run_pass(dt.date(2024, 3, 3))

    message = next(m for m in mail.outbox[start:] if "owner@meta.example" in m.to[0])
    assert message.subject == f"[{letter.reference}] Reply due in 7 days"
    assert message.to == ["Olga Owner <owner@meta.example>"]
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    for body in (message.body, html):
        assert letter.reference in body
        assert "Meta" in body
        assert "Special Rapporteur on freedom of opinion and expression" in body
        assert "Content restrictions and arrests of users" in body
        assert "10 March 2024" in body
        assert f"https://btech.example.org/letters/{letter.pk}/" in body
        assert f"https://btech.example.org/letters/{letter.pk}/#reply" in body
    assert "Due date:   10 March 2024 (due in 7 days)" in message.body
    assert "10 March 2024 (due in 7 days)" in html
    assert "Days left" not in message.body + html
    for body in (message.body, html):
        assert "Days are counted on the office calendar in Geneva" in body


def test_an_escalation_tells_the_executive_why_they_receive_it(make_letter, people, run_pass):
    letter = make_letter(SENT, assignee=people.owner)
    run_pass(SENT)
    start = len(mail.outbox)

    run_pass(dt.date(2024, 3, 11))

    message = next(m for m in mail.outbox[start:] if "ceo@meta.example" in m.to[0])
    assert message.subject == f"[{letter.reference}] Reply overdue by 1 day"
    assert "senior executive" in message.body
    assert "Due date:   10 March 2024 (overdue by 1 day)" in message.body
    assert "Days left" not in message.body
