"""Reminders on a letter's timeline: one entry per step that went out, with its recipients."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import groupby

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from btech.office_time import office_date
from engagements.models import Communication
from engagements.timeline import TimelineEntry
from reminders.emails import deadline_words
from reminders.models import DeliveryState, Reminder, StepKind

_EVENT_TITLES = {
    StepKind.ASSIGNED: _("Assigned-to-you notice sent"),
    StepKind.NEW_LETTER: _("New-letter notice sent"),
    StepKind.NOT_ACKNOWLEDGED: _("Reminder to acknowledge receipt sent"),
    StepKind.ACKNOWLEDGEMENT_ESCALATION: _("Unacknowledged letter escalated"),
}


def _title(reminder: Reminder) -> str:
    if reminder.kind in _EVENT_TITLES:
        return str(_EVENT_TITLES[StepKind(reminder.kind)])
    # The days the email itself said: counted on the Geneva day it went out, which is
    # later than the planned step after an outage or a retry across midnight.
    days_left = reminder.days_before_due
    if reminder.sent_at is not None:
        days_left = (reminder.due_on - office_date(reminder.sent_at)).days
    return gettext("Reminder sent: %(words)s") % {"words": deadline_words(days_left)}


def sent_reminders(letter: Communication, today: dt.date) -> Iterable[TimelineEntry]:
    sent = (Reminder.objects.filter(communication=letter, state=DeliveryState.SENT)
            .order_by("sent_at", "step", "recipient_name"))
    for _step, group in groupby(sent, key=lambda reminder: reminder.step):
        reminders = list(group)
        first = reminders[0]
        names = ", ".join(r.recipient_name or r.recipient_email for r in reminders)
        day = office_date(first.sent_at) if first.sent_at else first.scheduled_on
        yield TimelineEntry(day, "reminder", _title(first),
                            gettext("To %(names)s") % {"names": names})
