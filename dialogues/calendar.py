"""Follow-up actions in the calendar feed (engagements/calendar.py): one all-day event
on each pending action's due date, in the feed of whoever may see the action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from icalendar import Event

from dialogues.models import FollowUpAction


def action_events(actions: QuerySet[FollowUpAction], stamp: dt.datetime) -> Iterable[Any]:
    for action in actions.order_by("due_on", "pk"):
        url = settings.SITE_URL + reverse("action-detail", args=[action.pk])
        event = Event()
        # Stable, so a calendar app moves the event when the due date changes.
        event.add("uid", f"action-{action.pk}-due@btech-engagement-tracker")
        event.add("dtstamp", stamp)
        event.add("last-modified", action.updated_at)
        event.add("dtstart", action.due_on)
        event.add("dtend", action.due_on + dt.timedelta(days=1))
        event.add("summary", gettext("Action due: %(what)s") % {
            "what": action.description[:80]})
        event.add("description", action.description + "\n\n" + gettext(
            "Update its status: %(url)s") % {"url": url})
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        yield event
