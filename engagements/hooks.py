"""The one seam through which other apps follow what happens to letters.

engagements does not import the apps that react to letters: reminders reads letters, so
its imports run that way. What such an app adds, the notices a change causes, entries on
a letter's timeline, rows on its admin page, comes through one object named in settings
(``BTECH_LETTER_HOOKS``, a list: each app that follows letters names its own, and
they are called in that order) and loaded once. A new kind of reaction is a new method
here, with a default that does nothing, so the letters work on their own.

Hooks are called inside the service's transaction: what they write commits with the
change to the letter, or not at all.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from engagements.models import Communication, Response
    from engagements.timeline import TimelineEntry


class LetterHooks:
    """What other apps may add to the life of a letter. This base adds nothing."""

    def letter_logged(self, *, communication: Communication) -> None:
        """A new letter was logged (the saved row, its mandates set)."""

    def letter_assigned(self, *, communication: Communication) -> None:
        """The letter has a new issue owner, who did not assign it to themselves (the
        locked, saved row; its latest Handover says by whom and with what note)."""

    def letter_owner_changed(self, *, communication: Communication) -> None:
        """The letter's issue owner changed, by anyone, to anyone or to nobody (the
        locked, saved row; its latest Handover says from whom to whom)."""

    def letter_acknowledged(self, *, communication: Communication) -> None:
        """A company user acknowledged receipt of the letter (the locked, saved row)."""

    def letter_extended(self, *, communication: Communication) -> None:
        """OHCHR granted or withdrew an extension: the due date moved (the saved row)."""

    def response_logged(self, *, response: Response) -> None:
        """A reply was logged on a letter (the saved reply; its letter is locked)."""

    def timeline_entries(self, letter: Communication,
                         today: dt.date) -> Iterable[TimelineEntry]:
        """More entries for the letter's timeline."""
        return ()

    def admin_inlines(self) -> Sequence[type[Any]]:
        """More inlines for the letter's admin page."""
        return ()

    def admin_warnings(self, letter: Communication) -> Iterable[str]:
        """Warnings shown at the top of the letter's admin page."""
        return ()


class CompositeLetterHooks(LetterHooks):
    """Several apps' hooks as one: each is told in turn, their additions put together."""

    def __init__(self, hooks: Sequence[LetterHooks]) -> None:
        self.hooks = tuple(hooks)

    def letter_logged(self, *, communication: Communication) -> None:
        for hooks in self.hooks:
            hooks.letter_logged(communication=communication)

    def letter_assigned(self, *, communication: Communication) -> None:
        for hooks in self.hooks:
            hooks.letter_assigned(communication=communication)

    def letter_owner_changed(self, *, communication: Communication) -> None:
        for hooks in self.hooks:
            hooks.letter_owner_changed(communication=communication)

    def letter_acknowledged(self, *, communication: Communication) -> None:
        for hooks in self.hooks:
            hooks.letter_acknowledged(communication=communication)

    def letter_extended(self, *, communication: Communication) -> None:
        for hooks in self.hooks:
            hooks.letter_extended(communication=communication)

    def response_logged(self, *, response: Response) -> None:
        for hooks in self.hooks:
            hooks.response_logged(response=response)

    def timeline_entries(self, letter: Communication,
                         today: dt.date) -> Iterable[TimelineEntry]:
        return itertools.chain.from_iterable(
            hooks.timeline_entries(letter, today) for hooks in self.hooks)

    def admin_inlines(self) -> Sequence[type[Any]]:
        return [inline for hooks in self.hooks for inline in hooks.admin_inlines()]

    def admin_warnings(self, letter: Communication) -> Iterable[str]:
        return [warning for hooks in self.hooks for warning in hooks.admin_warnings(letter)]


@cache
def letter_hooks() -> LetterHooks:
    names = settings.BTECH_LETTER_HOOKS
    names = [names] if isinstance(names, str) else list(names)
    loaded = []
    for name in names:
        hooks = import_string(name)()
        if not isinstance(hooks, LetterHooks):
            raise TypeError(f"BTECH_LETTER_HOOKS: {name!r} is not a LetterHooks")
        loaded.append(hooks)
    return loaded[0] if len(loaded) == 1 else CompositeLetterHooks(loaded)
