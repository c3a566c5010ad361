"""The reminder and digest emails: subjects that sort well, plain text and HTML."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from btech.i18n import recipient_language
from calls.models import CallReminder
from companies.models import Contact
from engagements.models import Communication, Handover
from engagements.presentation import due_words
from reminders.models import (
    ACKNOWLEDGEMENT_KINDS,
    Digest,
    RecipientReason,
    Reminder,
    StepKind,
)


def letter_url(communication_id: int) -> str:
    return f"{settings.SITE_URL}/letters/{communication_id}/"


def reply_url(communication_id: int) -> str:
    return f"{letter_url(communication_id)}#reply"


def deadline_words(days_left: int) -> str:
    """'Reply due in 7 days', 'Reply due today', 'Reply overdue by 3 days': due_words()
    about the reply, each its own sentence to translate (languages do not build it from
    the same words)."""
    if days_left == 0:
        return gettext("Reply due today")
    if days_left > 0:
        return ngettext("Reply due in %(count)d day", "Reply due in %(count)d days",
                        days_left) % {"count": days_left}
    return ngettext("Reply overdue by %(count)d day", "Reply overdue by %(count)d days",
                    -days_left) % {"count": -days_left}


def acknowledge_url(communication_id: int) -> str:
    return f"{letter_url(communication_id)}#acknowledge"


# What each kind of email says first, before the deadline words.
_SUBJECT_LEADS = {
    StepKind.ASSIGNED: _("Assigned to you"),
    StepKind.NEW_LETTER: _("New letter"),
    StepKind.NOT_ACKNOWLEDGED: _("Please acknowledge receipt"),
    StepKind.ACKNOWLEDGEMENT_ESCALATION: _("Receipt not acknowledged"),
}


def reminder_subject(reminder: Reminder, communication: Communication, today: dt.date) -> str:
    # The reference first, in brackets: a mailbox sorted by subject groups each letter.
    words = deadline_words(communication.days_remaining(today))
    lead = _SUBJECT_LEADS.get(StepKind(reminder.kind))
    if lead:
        # Translators: an email subject after the letter's reference, e.g. "New letter:
        # reply due in 60 days".
        words = gettext("%(lead)s: %(words)s") % {
            "lead": lead, "words": f"{words[0].lower()}{words[1:]}"}
    return f"[{communication.reference}] {words}"


def _template(kind: StepKind) -> str:
    if kind == StepKind.NEW_LETTER:
        return "reminders/email/new_letter"
    if kind in ACKNOWLEDGEMENT_KINDS:
        return "reminders/email/acknowledge"
    return "reminders/email/reminder"


def _handover_note(reminder: Reminder) -> str:
    """The note of the handover that made the recipient the letter's owner, if any."""
    if reminder.contact_id is None:
        return ""
    handover = (Handover.objects.filter(communication_id=reminder.communication_id,
                                        to_contact_id=reminder.contact_id)
                .order_by("-handed_over_at", "-pk").first())
    return handover.note if handover is not None else ""


def _signatories(communication: Communication, today: dt.date) -> list[str]:
    """Each signing mandate with who holds it today: whom the company is answering."""
    signed = []
    for mandate in communication.mandates.all():
        holders = ", ".join(holder.name for holder in mandate.holders_on(today))
        title = mandate.display_title
        signed.append(f"{title} ({holders})" if holders else title)
    return signed


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


def reminder_language(reminder: Reminder) -> str:
    """The language of a reminder's email: its contact's, else the letter's
    (btech.i18n.recipient_language)."""
    contact = (Contact.objects.select_related("user").filter(pk=reminder.contact_id).first()
               if reminder.contact_id is not None else None)
    return recipient_language(contact=contact, communication=reminder.communication)


def reminder_message(reminder: Reminder, today: dt.date) -> EmailMultiAlternatives:
    """The email of one outbox row, subject and body in the recipient's language."""
    with translation.override(reminder_language(reminder)):
        return _reminder_message(reminder, today)


def _reminder_message(reminder: Reminder, today: dt.date) -> EmailMultiAlternatives:
    communication = reminder.communication
    days_left = communication.days_remaining(today)
    kind = StepKind(reminder.kind)
    context = {
        "reminder": reminder,
        "letter": communication,
        "company": communication.company.name,
        "addressed_to": communication.addressed_to,
        "mandates": [m.display_title for m in communication.mandates.all()],
        "days_left": days_left,
        "deadline_words": deadline_words(days_left),
        "due_words": due_words(days_left),
        "is_assignment": kind == StepKind.ASSIGNED,
        "is_owner": reminder.reason == RecipientReason.ISSUE_OWNER,
        "handover_note": _handover_note(reminder) if reminder.reason == RecipientReason.ISSUE_OWNER
        else "",
        "signatories": _signatories(communication, today)
        if kind in (StepKind.NEW_LETTER, *ACKNOWLEDGEMENT_KINDS) else [],
        "letter_type": communication.get_letter_type_display(),
        "working_days": settings.BTECH_ACKNOWLEDGE_WITHIN_DAYS
        * (2 if kind == StepKind.ACKNOWLEDGEMENT_ESCALATION else 1),
        "is_escalation": reminder.reason == RecipientReason.ESCALATION,
        "assignee": communication.assignee,
        "letter_url": letter_url(communication.pk),
        "reply_url": reply_url(communication.pk),
        "acknowledge_url": acknowledge_url(communication.pk),
        # The letter page's preview of what the register will show on the public date.
        "preview_url": f"{letter_url(communication.pk)}#public-preview",
        "site_url": settings.SITE_URL,
    }
    template = _template(kind)
    message = EmailMultiAlternatives(
        subject=reminder_subject(reminder, communication, today),
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[_address(reminder.recipient_name, reminder.recipient_email)],
        headers=_headers("reminder", reminder.pk),
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
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
                   due_soon: int, today: dt.date,
                   unpublished: list[Communication] | None = None) -> EmailMultiAlternatives:
    """The weekly digest, in the language its staff recipient chose (else English).
    `unpublished`: letters becoming public within 7 days without an approved public
    version (publication.selectors.unready_publications)."""
    with translation.override(recipient_language(user=digest.recipient)):
        return _digest_message(digest, groups, overdue=overdue, due_soon=due_soon,
                               today=today, unpublished=unpublished or [])


def _digest_message(digest: Digest, groups: list[CompanyLetters], *, overdue: int,
                    due_soon: int, today: dt.date,
                    unpublished: list[Communication]) -> EmailMultiAlternatives:
    for letter in unpublished:
        letter.publication_link = f"{letter_url(letter.pk)}publication/"  # type: ignore[attr-defined]
    context = {
        "unpublished": unpublished,
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
            # Extra attributes for the template, not fields of the model.
            letter.digest_words = deadline_words(  # type: ignore[attr-defined]
                letter.days_remaining(today))
            letter.link = letter_url(letter.pk)  # type: ignore[attr-defined]
    window = settings.BTECH_DIGEST_DUE_WITHIN_DAYS
    subject = ngettext(
        "[B-Tech digest %(week)s] %(overdue)d overdue, %(due_soon)d due in the next "
        "%(count)d day",
        "[B-Tech digest %(week)s] %(overdue)d overdue, %(due_soon)d due in the next "
        "%(count)d days", window) % {"week": digest.week_of.isoformat(), "overdue": overdue,
                                     "due_soon": due_soon, "count": window}
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


# --- calls for input -------------------------------------------------------------------

def call_url(call_id: int) -> str:
    return f"{settings.SITE_URL}/calls/{call_id}/"


def call_deadline_words(days_left: int) -> str:
    """'Input due in 14 days', 'Input due today': each its own sentence to translate."""
    if days_left <= 0:
        return gettext("Input due today")
    return ngettext("Input due in %(count)d day", "Input due in %(count)d days",
                    days_left) % {"count": days_left}


def call_reminder_message(reminder: CallReminder, today: dt.date) -> EmailMultiAlternatives:
    """A call's deadline reminder, in its recipient's language (their contact's or
    account's; English when they chose none)."""
    contact = (Contact.objects.select_related("user").filter(pk=reminder.contact_id).first()
               if reminder.contact_id is not None else None)
    with translation.override(recipient_language(contact=contact)):
        call = reminder.call
        words = call_deadline_words((call.deadline - today).days)
        title = call.display_title
        context = {
            "reminder": reminder, "call": call, "title": title,
            "company": reminder.company.name,
            "mandates": [m.display_title for m in call.mandates.all()],
            "report": call.report_words, "languages": call.language_names(),
            "deadline_words": words, "call_url": call_url(call.pk),
            "site_url": settings.SITE_URL,
        }
        message = EmailMultiAlternatives(
            # Translators: an email subject, e.g. "[Call for input] Input due in 3 days:
            # Freedom of expression and elections".
            subject=gettext("[Call for input] %(words)s: %(title)s") % {
                "words": words, "title": title},
            body=render_to_string("reminders/email/call_reminder.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[_address(reminder.recipient_name, reminder.recipient_email)],
            headers=_headers("call-reminder", reminder.pk),
        )
        message.attach_alternative(
            render_to_string("reminders/email/call_reminder.html", context), "text/html")
        return message
