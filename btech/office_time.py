"""The office calendar: dates as they are in Geneva.

Instants are stored in UTC; deadlines, "today" and "days remaining" are dates on the
OHCHR office calendar. Every such date is computed here so that a letter is never due
"tomorrow" in one place and "today" in another around midnight or a DST change.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models.functions import TruncDate
from django.utils import timezone

WEEKEND = (5, 6)  # Saturday, Sunday: the office's days off


def office_zone() -> ZoneInfo:
    return ZoneInfo(settings.BTECH_OFFICE_TIME_ZONE)


def office_today() -> dt.date:
    """Today's date in Geneva."""
    return timezone.now().astimezone(office_zone()).date()


def office_date(instant: dt.datetime) -> dt.date:
    """The Geneva date of a stored (UTC) instant."""
    return instant.astimezone(office_zone()).date()


def office_date_expression(field: str) -> TruncDate:
    """office_date() as SQL: the Geneva date of a stored instant column."""
    return TruncDate(field, tzinfo=office_zone())


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days (Monday to Friday) after `start`.

    A letter logged on a Friday with 5 working days to acknowledge is due the next
    Friday; one logged on a Saturday counts from Monday.
    """
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() not in WEEKEND:
            days -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """The working days after `start`, up to and including `end` (0 if end <= start):
    logged on a Friday and still waiting on Monday is 1 working day."""
    if end <= start:
        return 0
    weeks, extra = divmod((end - start).days, 7)
    count = weeks * 5
    for offset in range(1, extra + 1):
        if (start + dt.timedelta(days=offset)).weekday() not in WEEKEND:
            count += 1
    return count
