"""A letter's timeline: what happened to it, and what is coming, in date order.

Each source below turns one kind of fact into entries; other apps add theirs (the
reminders that went out) through engagements/hooks.py. Sources here must only read what
the letter page prefetched (``selectors.letter_for``), or add it there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext

from btech.office_time import office_date
from engagements.deadlines import replied_on_time
from engagements.hooks import letter_hooks
from engagements.models import Communication, ResponseKind


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date
    kind: str  # a CSS-friendly word: sent, note, reply, extension, due, public, press
    title: str
    detail: str = ""
    upcoming: bool = False


TimelineSource = Callable[[Communication, dt.date], Iterable[TimelineEntry]]


def _sent(letter: Communication, today: dt.date) -> Iterable[TimelineEntry]:
    yield TimelineEntry(letter.sent_on, "sent", gettext("Letter sent to %(name)s") % {
        "name": letter.addressed_to})


def _notes(letter: Communication, today: dt.date) -> Iterable[TimelineEntry]:
    for note in letter.notes.all():
        yield TimelineEntry(note.noted_on, "note", gettext("Informal note: %(kind)s") % {
            "kind": note.get_kind_display()}, note.body)


def _replies(letter: Communication, today: dt.date) -> Iterable[TimelineEntry]:
    for response in letter.responses.all():
        if response.kind != ResponseKind.FINAL:
            title = gettext("Interim reply received")
        elif replied_on_time(response.received_on, letter.due_on):
            title = gettext("Final reply received (on time)")
        else:
            title = gettext("Final reply received (late)")
        yield TimelineEntry(response.received_on, "reply", title, response.body)


def _extension(letter: Communication, today: dt.date) -> Iterable[TimelineEntry]:
    if letter.extended_to and letter.extension_granted_at:
        yield TimelineEntry(
            office_date(letter.extension_granted_at), "extension",
            gettext("Extension granted to %(date)s") % {
                "date": date_format(letter.extended_to, "DATE_FORMAT")},
            letter.extension_reason,
        )


def _receipt(letter: Communication, today: dt.date) -> Iterable[TimelineEntry]:
    if letter.acknowledged_at is not None:
        by = letter.acknowledged_by
        who = (by.get_full_name() or by.get_username()) if by is not None else ""
        yield TimelineEntry(office_date(letter.acknowledged_at), "acknowledged",
                            gettext("Receipt acknowledged by %(name)s") % {"name": who} if who
                            else gettext("Receipt acknowledged"))


def _handovers(letter: Communication, today: dt.date) -> Iterable[TimelineEntry]:
    for handover in letter.handovers.all():
        by = handover.handed_over_by
        names = {
            "to": handover.to_contact.name if handover.to_contact else None,
            "from": handover.from_contact.name if handover.from_contact else None,
            "by": (by.get_full_name() or by.get_username()) if by is not None else None,
        }
        # Whole sentences, with and without who did it: word order differs by language.
        if names["to"] is None:
            title = (gettext("Issue owner removed by %(by)s") if names["by"]
                     else gettext("Issue owner removed")) % names
        elif names["from"] is None:
            title = (gettext("Assigned to %(to)s by %(by)s") if names["by"]
                     else gettext("Assigned to %(to)s")) % names
        else:
            title = (gettext("Handed over from %(from)s to %(to)s by %(by)s") if names["by"]
                     else gettext("Handed over from %(from)s to %(to)s")) % names
        yield TimelineEntry(office_date(handover.handed_over_at), "handover", title,
                            handover.note)


def _deadlines(letter: Communication, today: dt.date) -> Iterable[TimelineEntry]:
    if letter.final_reply_on is None:
        yield TimelineEntry(letter.due_on, "due", gettext("Reply due"),
                            upcoming=letter.due_on >= today)
    if letter.press_release_on:
        yield TimelineEntry(letter.press_release_on, "press", gettext("Press release"),
                            upcoming=letter.press_release_on > today)
    if letter.public_on <= today:
        yield TimelineEntry(letter.public_on, "public",
                            gettext("Published on the public register"))
    else:
        yield TimelineEntry(letter.public_on, "public", gettext("Becomes public"),
                            upcoming=True)


def _public_versions(letter: Communication, today: dt.date) -> Iterable[TimelineEntry]:
    """Approvals of public (redacted) versions (publication.models.PublicVersion)."""
    for version in letter.public_versions.all():
        if version.approved_at is None:
            continue
        by = version.approved_by
        who = (by.get_full_name() or by.get_username()) if by is not None else ""
        if version.response_id is None:
            title = (gettext("Public version of the letter approved by %(name)s") if who
                     else gettext("Public version of the letter approved"))
        else:
            title = (gettext("Public version of a reply approved by %(name)s") if who
                     else gettext("Public version of a reply approved"))
        yield TimelineEntry(office_date(version.approved_at), "public-version",
                            title % {"name": who} if who else title)


TIMELINE_SOURCES: tuple[TimelineSource, ...] = (_sent, _notes, _receipt, _handovers,
                                                 _replies, _extension, _deadlines,
                                                 _public_versions)

# Same-day entries keep the order a reader expects.
_ORDER = {kind: rank for rank, kind in enumerate(
    ["sent", "note", "press", "extension", "reminder", "acknowledged", "handover", "reply",
     "due", "public-version", "public"])}


def timeline_entries(letter: Communication, today: dt.date) -> list[TimelineEntry]:
    entries = [entry for source in TIMELINE_SOURCES for entry in source(letter, today)]
    entries.extend(letter_hooks().timeline_entries(letter, today))
    return sorted(entries, key=lambda entry: (entry.day, _ORDER.get(entry.kind, 99)))
