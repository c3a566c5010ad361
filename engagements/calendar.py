"""The calendar feed: one all-day event per letter still awaiting its final reply, and
one per open call for input the person follows (calls.selectors.followed_calls)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event

from engagements.models import Communication

if TYPE_CHECKING:
    from calls.models import CallForInput

PRODUCT_ID = "-//OHCHR B-Tech//Engagement Tracker//EN"

logger = logging.getLogger(__name__)


def event_uid(letter: Communication) -> str:
    # Stable across refreshes and extensions, so a calendar app moves the event when
    # the due date changes instead of adding a second one.
    return f"letter-{letter.pk}-reply-due@btech-engagement-tracker"


def deadline_calendar(letters: QuerySet[Communication], *, name: str,
                      calls: Iterable[CallForInput] = (),
                      extra: Callable[[dt.datetime], Iterable[Any]] | None = None) -> bytes:
    """The feed; `extra(stamp)` gives more events (follow-up actions: dialogues/calendar.py)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # Ask calendar apps to refresh hourly (Outlook reads the second, Apple the first).
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    stamp = timezone.now()
    for letter in letters.select_related("company").order_by("due_on", "pk"):
        try:
            event = _deadline_event(letter, stamp)
        except OverflowError:
            # A due date on the calendar's last day (a row from before extensions were
            # bounded) has no next day for the event to end on: one letter must not
            # take every other deadline out of the feed.
            logger.warning("letter %s left out of a calendar feed: due on %s", letter.pk,
                           letter.due_on)
            continue
        calendar.add_component(event)
    for call in calls:
        try:
            calendar.add_component(_call_event(call, stamp))
        except OverflowError:
            logger.warning("call %s left out of a calendar feed: deadline %s", call.pk,
                           call.deadline)
    for more in (extra(stamp) if extra is not None else ()):
        calendar.add_component(more)
    ical: bytes = calendar.to_ical()  # icalendar leaves to_ical() unannotated
    return ical


def _deadline_event(letter: Communication, stamp: dt.datetime) -> Any:
    event = Event()
    url = settings.SITE_URL + reverse("letter-detail", args=[letter.pk])
    event.add("uid", event_uid(letter))
    event.add("dtstamp", stamp)
    event.add("last-modified", letter.updated_at)
    event.add("dtstart", letter.due_on)  # a date: an all-day event
    event.add("dtend", letter.due_on + dt.timedelta(days=1))
    event.add("summary", gettext("Reply due: %(reference)s (%(company)s)") % {
        "reference": letter.reference, "company": letter.company.name})
    event.add("description", letter.subject + "\n\n" + gettext("Log the reply: %(url)s") % {
        "url": f"{url}#reply"})
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def call_event_uid(call: CallForInput) -> str:
    # Stable: a moved deadline moves the event instead of adding a second one.
    return f"call-{call.pk}-deadline@btech-engagement-tracker"


def _call_event(call: CallForInput, stamp: dt.datetime) -> Any:
    event = Event()
    url = settings.SITE_URL + reverse("call-detail", args=[call.pk])
    event.add("uid", call_event_uid(call))
    event.add("dtstamp", stamp)
    event.add("last-modified", call.updated_at)
    event.add("dtstart", call.deadline)  # a Geneva date: an all-day event
    event.add("dtend", call.deadline + dt.timedelta(days=1))
    event.add("summary", gettext("Call for input closes: %(title)s") % {
        "title": call.display_title})
    event.add("description", gettext("Record the submission: %(url)s") % {"url": url})
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event
