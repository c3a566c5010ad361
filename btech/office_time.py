"""The office calendar: dates as they are in Geneva.

Instants are stored in UTC; deadlines, "today" and "days remaining" are dates on the
OHCHR office calendar. Every such date is computed here so that a letter is never due
"tomorrow" in one place and "today" in another around midnight or a DST change.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def office_zone() -> ZoneInfo:
    return ZoneInfo(settings.BTECH_OFFICE_TIME_ZONE)


def office_today() -> dt.date:
    """Today's date in Geneva."""
    return timezone.now().astimezone(office_zone()).date()


def office_date(instant: dt.datetime) -> dt.date:
    """The Geneva date of a stored (UTC) instant."""
    return instant.astimezone(office_zone()).date()
