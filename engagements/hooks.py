"""The one seam through which other apps follow what happens to letters.

engagements does not import the apps that react to letters: reminders reads letters, so
its imports run that way. What such an app adds, the notices a change causes, entries on
a letter's timeline, rows on its admin page, comes through one object named in settings
(``BTECH_LETTER_HOOKS``) and loaded once. A new kind of reaction is a new method here,
with a default that does nothing, so the letters work on their own.

Hooks are called inside the service's transaction: what they write commits with the
change to the letter, or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from engagements.models import Communication
    from engagements.timeline import TimelineEntry


class LetterHooks:
    """What other apps may add to the life of a letter. This base adds nothing."""

    def letter_logged(self, *, communication: Communication) -> None:
        """A new letter was logged (the saved row, its mandates set)."""

    def letter_assigned(self, *, communication: Communication) -> None:
        """The letter has a new issue owner, who did not assign it to themselves (the
        locked, saved row; its latest Handover says by whom and with what note)."""

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


@cache
def letter_hooks() -> LetterHooks:
    hooks = import_string(settings.BTECH_LETTER_HOOKS)()
    if not isinstance(hooks, LetterHooks):
        raise TypeError(f"BTECH_LETTER_HOOKS={settings.BTECH_LETTER_HOOKS!r} is not a "
                        "LetterHooks")
    return hooks
