"""A letter's timeline: what happened to it, and what is coming, in date order.

Each source below turns one kind of fact into entries. To add a kind (reminders sent,
publication records), write a function taking the letter and today's date and append
it to TIMELINE_SOURCES; the letter page needs no other change. Sources must only read
what the letter page prefetched (``selectors.letter_for``), or add it there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from btech.office_time import office_date
from engagements.deadlines import replied_on_time
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
    yield TimelineEntry(letter.sent_on, "sent", f"Letter sent to {letter.addressed_to}")


def _notes(letter: Communication, today: dt.date) -> Iterable[TimelineEntry]:
    for note in letter.notes.all():
        yield TimelineEntry(note.noted_on, "note", f"Informal note: {note.get_kind_display()}",
                            note.body)


def _replies(letter: Communication, today: dt.date) -> Iterable[TimelineEntry]:
    for response in letter.responses.all():
        when = "on time" if replied_on_time(response.received_on, letter.due_on) else "late"
        title = f"{response.get_kind_display()} reply received"
        if response.kind == ResponseKind.FINAL:
            title += f" ({when})"
        yield TimelineEntry(response.received_on, "reply", title, response.body)


def _extension(letter: Communication, today: dt.date) -> Iterable[TimelineEntry]:
    if letter.extended_to and letter.extension_granted_at:
        yield TimelineEntry(
            office_date(letter.extension_granted_at), "extension",
            f"Extension granted to {letter.extended_to:%-d %B %Y}", letter.extension_reason,
        )


def _deadlines(letter: Communication, today: dt.date) -> Iterable[TimelineEntry]:
    if letter.final_reply_on is None:
        yield TimelineEntry(letter.due_on, "due", "Reply due", upcoming=letter.due_on >= today)
    if letter.press_release_on:
        yield TimelineEntry(letter.press_release_on, "press", "Press release",
                            upcoming=letter.press_release_on > today)
    if letter.public_on <= today:
        yield TimelineEntry(letter.public_on, "public",
                            "Published in the public communications database")
    else:
        yield TimelineEntry(letter.public_on, "public", "Becomes public", upcoming=True)


TIMELINE_SOURCES: list[TimelineSource] = [_sent, _notes, _replies, _extension, _deadlines]

# Same-day entries keep the order a reader expects.
_ORDER = {kind: rank for rank, kind in enumerate(
    ["sent", "note", "press", "extension", "reminder", "reply", "due", "public"])}


def timeline_entries(letter: Communication, today: dt.date) -> list[TimelineEntry]:
    entries = [entry for source in TIMELINE_SOURCES for entry in source(letter, today)]
    return sorted(entries, key=lambda entry: (entry.day, _ORDER.get(entry.kind, 99)))
