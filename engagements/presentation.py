"""How deadline facts are shown to people: colours and words read at a glance."""

from __future__ import annotations

import datetime as dt

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


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def due_words(days_remaining: int) -> str:
    """'due in 6 days', 'due today', 'overdue by 3 days'."""
    if days_remaining == 0:
        return "due today"
    if days_remaining > 0:
        return f"due in {_days(days_remaining)}"
    return f"overdue by {_days(-days_remaining)}"


def days_remaining_words(communication: Communication, today: dt.date) -> str:
    """due_words(), or 'replied on time' / 'replied late' once the final reply is in."""
    status = communication.deadline_status(today)
    if status == DeadlineStatus.REPLIED_ON_TIME:
        return "replied on time"
    if status == DeadlineStatus.REPLIED_LATE:
        return "replied late"
    return due_words(communication.days_remaining(today))
