"""The reminder and digest emails: subjects that sort well, plain text and HTML."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from engagements.models import Communication
from engagements.presentation import due_words
from reminders.models import Digest, RecipientReason, Reminder, StepKind


def letter_url(communication_id: int) -> str:
    return f"{settings.SITE_URL}/letters/{communication_id}/"


def reply_url(communication_id: int) -> str:
    return f"{letter_url(communication_id)}#reply"


def deadline_words(days_left: int) -> str:
    """'Reply due in 7 days', 'Reply due today', 'Reply overdue by 3 days'."""
    return f"Reply {due_words(days_left)}"


def reminder_subject(reminder: Reminder, communication: Communication, today: dt.date) -> str:
    # The reference first, in brackets: a mailbox sorted by subject groups each letter.
    words = deadline_words(communication.days_remaining(today))
    if reminder.kind == StepKind.ASSIGNED:
        return f"[{communication.reference}] Assigned to you: {words[0].lower()}{words[1:]}"
    return f"[{communication.reference}] {words}"


def _message_id(prefix: str, pk: int) -> str:
    # Stable per outbox row: if a crash makes us send a row twice (at-least-once), mail
    # clients that de-duplicate on Message-ID show it once.
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{prefix}-{pk}@{host}>"


def _headers(prefix: str, pk: int) -> dict[str, str]:
    return {
        "Message-ID": _message_id(prefix, pk),
        # RFC 3834: tells out-of-office responders not to answer.
        "Auto-Submitted": "auto-generated",
    }


def reminder_message(reminder: Reminder, today: dt.date) -> EmailMultiAlternatives:
    communication = reminder.communication
    days_left = communication.days_remaining(today)
    context = {
        "reminder": reminder,
        "letter": communication,
        "company": communication.company.name,
        "addressed_to": communication.addressed_to,
        "mandates": [m.title for m in communication.mandates.all()],
        "days_left": days_left,
        "deadline_words": deadline_words(days_left),
        "due_words": due_words(days_left),
        "is_assignment": reminder.kind == StepKind.ASSIGNED,
        "is_escalation": reminder.reason == RecipientReason.ESCALATION,
        "assignee": communication.assignee,
        "letter_url": letter_url(communication.pk),
        "reply_url": reply_url(communication.pk),
        "site_url": settings.SITE_URL,
    }
    message = EmailMultiAlternatives(
        subject=reminder_subject(reminder, communication, today),
        body=render_to_string("reminders/email/reminder.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[_address(reminder.recipient_name, reminder.recipient_email)],
        headers=_headers("reminder", reminder.pk),
    )
    message.attach_alternative(render_to_string("reminders/email/reminder.html", context),
                               "text/html")
    return message


@dataclass
class CompanyLetters:
    company: str
    overdue: list[Communication]
    due_soon: list[Communication]
    more: int


def group_for_digest(letters: list[Communication], today: dt.date,
                     per_company: int) -> list[CompanyLetters]:
    groups = []
    for company, group in groupby(letters, key=lambda c: c.company.name):
        items = list(group)
        overdue = [c for c in items if c.due_on < today]
        due_soon = [c for c in items if c.due_on >= today]
        shown = per_company
        groups.append(CompanyLetters(
            company=company, overdue=overdue[:shown],
            due_soon=due_soon[:max(0, shown - len(overdue[:shown]))],
            more=max(0, len(items) - shown),
        ))
    return groups


def digest_message(digest: Digest, groups: list[CompanyLetters], *, overdue: int,
                   due_soon: int, today: dt.date) -> EmailMultiAlternatives:
    context = {
        "digest": digest,
        "groups": groups,
        "overdue": overdue,
        "due_soon": due_soon,
        "today": today,
        "window_days": settings.BTECH_DIGEST_DUE_WITHIN_DAYS,
        "site_url": settings.SITE_URL,
    }
    for group in groups:
        for letter in [*group.overdue, *group.due_soon]:
            letter.digest_words = deadline_words(letter.days_remaining(today))  # type: ignore[attr-defined]
            letter.link = letter_url(letter.pk)  # type: ignore[attr-defined]
    subject = (f"[B-Tech digest {digest.week_of.isoformat()}] {overdue} overdue, "
               f"{due_soon} due in the next {settings.BTECH_DIGEST_DUE_WITHIN_DAYS} days")
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("reminders/email/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[_address(digest.recipient_name, digest.recipient_email)],
        headers=_headers("digest", digest.pk),
    )
    message.attach_alternative(render_to_string("reminders/email/digest.html", context),
                               "text/html")
    return message


def _address(name: str, email: str) -> str:
    from email.utils import formataddr

    return formataddr((name, email)) if name else email
