"""What the reminders app adds to the life of a letter (see engagements/hooks.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext

from engagements.hooks import LetterHooks
from engagements.models import Communication
from engagements.timeline import TimelineEntry
from reminders.admin import ReminderInline
from reminders.models import PlanningError
from reminders.services import assignment_notify, new_letter_notify
from reminders.timeline import sent_reminders


class ReminderLetterHooks(LetterHooks):
    def letter_logged(self, *, communication: Communication) -> None:
        new_letter_notify(communication=communication)

    def letter_assigned(self, *, communication: Communication) -> None:
        assignment_notify(communication=communication)

    def timeline_entries(self, letter: Communication,
                         today: dt.date) -> Iterable[TimelineEntry]:
        return sent_reminders(letter, today)

    def admin_inlines(self) -> Sequence[type[Any]]:
        return [ReminderInline]

    def admin_warnings(self, letter: Communication) -> Iterable[str]:
        problem = PlanningError.objects.filter(communication=letter).first()
        if problem is None:
            return ()
        return [gettext("No reminder can be planned for this letter (%(error)s). Correct "
                        "it; the next planning pass plans it again.")
                % {"error": problem.error}]
