"""How deadline facts are shown to people: colours and words read at a glance."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext, ngettext

from engagements.deadlines import DeadlineStatus
from engagements.models import Communication

# (background, text) pairs with a contrast ratio above 4.5:1.
STATUS_COLOURS: dict[DeadlineStatus, tuple[str, str]] = {
    DeadlineStatus.OPEN: ("#dbeafe", "#1e3a8a"),
    DeadlineStatus.DUE_SOON: ("#fef3c7", "#78350f"),
    DeadlineStatus.OVERDUE: ("#fee2e2", "#7f1d1d"),
    DeadlineStatus.REPLIED_ON_TIME: ("#dcfce7", "#14532d"),
    DeadlineStatus.REPLIED_LATE: ("#ede9fe", "#4c1d95"),
}


def due_words(days_remaining: int) -> str:
    """'due in 6 days', 'due today', 'overdue by 3 days': the one wording of the day
    count, on the pages (capitalised in the badge), in exports and in emails."""
    if days_remaining == 0:
        return gettext("due today")
    if days_remaining > 0:
        return ngettext("due in %(count)d day", "due in %(count)d days",
                        days_remaining) % {"count": days_remaining}
    return ngettext("overdue by %(count)d day", "overdue by %(count)d days",
                    -days_remaining) % {"count": -days_remaining}


def days_remaining_words(communication: Communication, today: dt.date) -> str:
    """due_words(), or 'replied on time' / 'replied late' once the final reply is in."""
    status = communication.deadline_status(today)
    if status == DeadlineStatus.REPLIED_ON_TIME:
        return gettext("replied on time")
    if status == DeadlineStatus.REPLIED_LATE:
        return gettext("replied late")
    return due_words(communication.days_remaining(today))
