"""The 60-day clock, in one place.

A letter is confidential for 60 days and the company is expected to reply within them:

- due date    = sent on + 60 days, or the date an extension moved it to;
- public date = sent on + 60 days (earlier if a press release made the case public);
- status      = replied_on_time / replied_late once a *final* reply is logged (interim
                replies do not stop the clock), otherwise overdue / due_soon / open by
                how far today (in Geneva) is from the due date.

Statuses are computed here twice, once in Python for one letter and once as SQL for
filtering and counting many; tests check that the two always agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    REPLIED_ON_TIME = "replied_on_time", _("Replied on time")
    REPLIED_LATE = "replied_late", _("Replied late")


AWAITING_REPLY = (DeadlineStatus.OPEN, DeadlineStatus.DUE_SOON, DeadlineStatus.OVERDUE)


def reply_window() -> dt.timedelta:
    return dt.timedelta(days=settings.BTECH_REPLY_WINDOW_DAYS)


def due_soon_window() -> dt.timedelta:
    return dt.timedelta(days=settings.BTECH_DUE_SOON_DAYS)


def original_due_date(sent_on: dt.date) -> dt.date:
    return sent_on + reply_window()


def is_historical(*, sent_on: dt.date, logged_on: dt.date) -> bool:
    """Logged only after its 60 days had run: a record of the past, not news to send."""
    return logged_on > original_due_date(sent_on)
# The plausible span of a letter's dates. Nothing outside it is a real letter, and such
# dates break what is computed from them: a letter sent in year 1 is "overdue by 738,000
# days", more than the reminder outbox's day count holds; a due date at the end of the
# calendar has no day after it for a calendar event to end on.
EARLIEST_SENT_ON = dt.date(1990, 1, 1)  # before the first tech-company letter
# An extension moves the due date at most this far past the original one.
EXTENSION_HORIZON = dt.timedelta(days=365)
# A note may preview a letter this long before it is sent.
NOTE_LEAD_TIME = dt.timedelta(days=365)


def latest_due_date(sent_on: dt.date) -> dt.date:
    """The furthest an extension may move the due date."""
    return original_due_date(sent_on) + EXTENSION_HORIZON


def historical_q(logged_on: Any) -> Q:
    """is_historical() as SQL, given the expression of the date the letter was logged
    (btech.office_time.office_date_expression("created_at"))."""
    return Q(GreaterThan(logged_on, F("sent_on") + reply_window()))


def due_date(sent_on: dt.date, extended_to: dt.date | None = None) -> dt.date:
    return extended_to or original_due_date(sent_on)


def public_date(sent_on: dt.date, press_release_on: dt.date | None = None) -> dt.date:
    """When the letter becomes public: after 60 days, or with an earlier press release."""
    after_window = sent_on + reply_window()
    if press_release_on is not None and press_release_on < after_window:
        return press_release_on
    return after_window


def is_public(public_on: dt.date, today: dt.date) -> bool:
    """Public from the public date on, that day included."""
    return public_on <= today


def replied_on_time(received_on: dt.date, due_on: dt.date) -> bool:
    """A reply is on time if received on or before the due date, the day itself included."""
    return received_on <= due_on


def replied_on_time_q(received_on: str = "final_reply_on", due_on: str = "due_on") -> Q:
    """replied_on_time() as SQL, comparing two columns (by default the letter's own)."""
    return Q(**{f"{received_on}__lte": models.F(due_on)})


def days_remaining(due_on: dt.date, today: dt.date) -> int:
    """Days left until the due date; 0 on the day itself, negative once overdue."""
    return (due_on - today).days


def deadline_status(
    *, due_on: dt.date, final_reply_on: dt.date | None, today: dt.date
) -> DeadlineStatus:
    if final_reply_on is not None:
        if replied_on_time(final_reply_on, due_on):
            return DeadlineStatus.REPLIED_ON_TIME
        return DeadlineStatus.REPLIED_LATE
    if due_on < today:
        return DeadlineStatus.OVERDUE
    if due_on <= today + due_soon_window():
        return DeadlineStatus.DUE_SOON
    return DeadlineStatus.OPEN


def due_within_q(today: dt.date, window: dt.timedelta) -> Q:
    """Letters awaiting a final reply that fall due between today and `window` from
    today, both days included: "due soon" with the configured window, or any other."""
    return Q(final_reply_on__isnull=True, due_on__gte=today, due_on__lte=today + window)


def status_q(status: str, today: dt.date) -> Q:
    """A filter selecting letters in `status` on `today`; uses the stored, indexed dates."""
    awaiting = Q(final_reply_on__isnull=True)
    soon = today + due_soon_window()
    conditions = {
        DeadlineStatus.OPEN: awaiting & Q(due_on__gt=soon),
        DeadlineStatus.DUE_SOON: due_within_q(today, due_soon_window()),
        DeadlineStatus.OVERDUE: awaiting & Q(due_on__lt=today),
        DeadlineStatus.REPLIED_ON_TIME: replied_on_time_q(),
        DeadlineStatus.REPLIED_LATE: ~awaiting & ~replied_on_time_q(),
    }
    return conditions[DeadlineStatus(status)]


def status_expression(today: dt.date) -> Case:
    """The status as an SQL expression, for annotations, ordering and counting."""
    return Case(
        *(When(status_q(status, today), then=Value(status.value)) for status in DeadlineStatus),
        output_field=models.CharField(),
    )
