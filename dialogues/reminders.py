"""Reminders for follow-up actions, through the one outbox (reminders/).

Two steps per action while it is open or in progress: "due soon"
(BTECH_ACTION_REMIND_DAYS_BEFORE days before the due date) and "overdue" (the day after
it). As for letters, the planner (reminders/planner.py calls plan_action_reminders() in
its pass) writes one ActionReminder row per step and recipient, through the unique
constraint that makes a second planner a no-op, and moves ``next_reminder_on`` in the
same transaction; delivery is reminders/services.py's ``_deliver_rows`` with
prepare_action_reminder() below, which rechecks the truth before each email. A planner
that comes late sends only the latest step due (the catch-up rule of letters).

The recipients: the owner when a company contact (paused contacts get no "due soon")
or an OHCHR staff member owns it; for an action a mandate owns, the staff member who
recorded it, who follows it up with the mandate.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from btech.i18n import recipient_language
from reminders.queue import queue_action_reminders

if TYPE_CHECKING:
    from accounts.models import User
    from companies.models import Contact
    from dialogues.models import ActionReminder, FollowUpAction

logger = logging.getLogger(__name__)


def _days_before() -> int:
    return int(settings.BTECH_ACTION_REMIND_DAYS_BEFORE)


def current_step(due_on: dt.date, today: dt.date) -> str | None:
    """The latest step due on `today`: "overdue" after the due date, "before_due" from
    the reminder day up to the due date, none before."""
    if today > due_on:
        return "overdue"
    if today >= due_on - dt.timedelta(days=_days_before()):
        return "before_due"
    return None


def next_look(due_on: dt.date, today: dt.date) -> dt.date | None:
    """After planning on `today`, the next day a step falls (None: no step is left)."""
    before = due_on - dt.timedelta(days=_days_before())
    if today < before:
        return before
    if today <= due_on:
        return due_on + dt.timedelta(days=1)
    return None


def next_reminder_on(action: FollowUpAction, today: dt.date) -> dt.date | None:
    """When the planner must look at `action` next, as the services set it: today when
    a step is already due (an action recorded late gets its latest reminder), else the
    first step's day; never for a closed action."""
    if not action.is_pending:
        return None
    if current_step(action.due_on, today) is not None:
        return today
    return next_look(action.due_on, today)


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    contact: Contact | None = None
    user: User | None = None
    paused_until: dt.date | None = None


def recipients_for(action: FollowUpAction) -> list[Recipient]:
    """Who is reminded of `action` (see the module's docstring)."""
    from dialogues.models import OwnerKind

    if action.owner_kind == OwnerKind.CONTACT and action.owner_contact is not None:
        contact = action.owner_contact
        return [Recipient(contact.email.strip().lower(), contact.name, contact=contact,
                          paused_until=contact.reminders_paused_until)]
    user = action.owner_user if action.owner_kind == OwnerKind.STAFF else action.created_by
    if user is not None and user.is_active and user.email and user.is_ohchr_staff:
        name = user.get_full_name() or user.get_username()
        return [Recipient(user.email.strip().lower(), name, user=user)]
    return []


def _planned_recipients(action: FollowUpAction, step: str, today: dt.date) -> list[Recipient]:
    return [person for person in recipients_for(action)
            if not (step == "before_due" and person.paused_until is not None
                    and today <= person.paused_until)]


def plan_action_reminders(*, today: dt.date, now: dt.datetime, enqueue: bool,
                          batch_size: int = 500) -> list[int]:
    """The actions' part of the planner's pass: the new outbox rows' ids."""
    created: list[int] = []
    while True:
        looked_at, ids = _plan_batch(today=today, now=now, enqueue=enqueue,
                                     batch_size=batch_size)
        created.extend(ids)
        if looked_at < batch_size:
            return created


def _plan_batch(*, today: dt.date, now: dt.datetime, enqueue: bool, batch_size: int
                ) -> tuple[int, list[int]]:
    from dialogues.models import PENDING_STATUSES, ActionReminder, FollowUpAction

    with transaction.atomic():
        # SKIP LOCKED: a second planner takes other actions instead of repeating these;
        # the outbox's unique constraint catches anything that slips through.
        actions = list(
            FollowUpAction.objects
            .filter(next_reminder_on__lte=today, status__in=PENDING_STATUSES)
            .order_by("next_reminder_on", "pk")
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("owner_contact", "owner_user", "created_by")[:batch_size]
        )
        created: list[int] = []
        for action in actions:
            step = current_step(action.due_on, today)
            if step is not None:
                for person in _planned_recipients(action, step, today):
                    row, is_new = ActionReminder.objects.get_or_create(
                        action=action, step=f"{action.due_on.isoformat()}/{step}",
                        recipient_email=person.email,
                        defaults={"kind": step, "due_on": action.due_on, "scheduled_on": today,
                                  "contact": person.contact, "user": person.user,
                                  "recipient_name": person.name[:200],
                                  "next_attempt_at": now},
                    )
                    if is_new:
                        created.append(row.pk)
        if actions:
            # Closed actions are not selected; those looked at move on to their next step.
            for action in actions:
                FollowUpAction.objects.filter(pk=action.pk).update(
                    next_reminder_on=next_look(action.due_on, today))
        if enqueue and created:
            queue_action_reminders(created)
    return len(actions), created


# --- delivery -------------------------------------------------------------------------

def prepare_action_reminder(row: ActionReminder, today: dt.date
                            ) -> EmailMultiAlternatives | str:
    """Recompute the truth before sending: the action may have moved on since."""
    from dialogues.models import FollowUpAction

    action = (FollowUpAction.objects
              .select_related("owner_contact__company", "owner_contact__user", "owner_user",
                              "owner_mandate", "created_by", "dialogue", "communication")
              .get(pk=row.action_id))
    if not action.is_pending:
        return "The action is closed."
    if action.due_on != row.due_on:
        return f"The due date has moved to {action.due_on}."
    if current_step(action.due_on, today) != row.kind:
        return "A later reminder has taken its place."
    if row.recipient_email not in {person.email for person in recipients_for(action)}:
        return "No longer the owner of this action."
    return action_reminder_message(row, action, today)


def _language(row: ActionReminder, action: FollowUpAction) -> str:
    if row.contact_id is not None and action.owner_contact is not None:
        return recipient_language(contact=action.owner_contact)
    user = action.owner_user or action.created_by
    return recipient_language(user=user)


def due_words(days_left: int) -> str:
    if days_left == 0:
        return gettext("Action due today")
    if days_left > 0:
        return ngettext("Action due in %(count)d day", "Action due in %(count)d days",
                        days_left) % {"count": days_left}
    return ngettext("Action overdue by %(count)d day", "Action overdue by %(count)d days",
                    -days_left) % {"count": -days_left}


def source_words(action: FollowUpAction) -> str:
    if action.dialogue is not None:
        return gettext("From the dialogue “%(title)s”") % {"title": action.dialogue.title}
    if action.communication is not None:
        if action.response_id:
            return gettext("A commitment in the reply to %(reference)s") % {
                "reference": action.communication.reference}
        return gettext("From the letter %(reference)s") % {
            "reference": action.communication.reference}
    return ""


def action_reminder_message(row: ActionReminder, action: FollowUpAction, today: dt.date
                            ) -> EmailMultiAlternatives:
    """The email of one outbox row, in the recipient's language."""
    from reminders.emails import _address, _headers

    with translation.override(_language(row, action)):
        days_left = (action.due_on - today).days
        words = due_words(days_left)
        url = settings.SITE_URL + reverse("action-detail", args=[action.pk])
        context = {"action": action, "words": words, "url": url,
                   "source": source_words(action), "name": row.recipient_name,
                   "due_on": action.due_on, "site_url": settings.SITE_URL}
        subject = f"[{gettext('Follow-up action')}] {words}: {action.description[:60]}"
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("dialogues/email/action_reminder.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[_address(row.recipient_name, row.recipient_email)],
            headers=_headers("action-reminder", row.pk),
        )
        message.attach_alternative(
            render_to_string("dialogues/email/action_reminder.html", context), "text/html")
    return message



