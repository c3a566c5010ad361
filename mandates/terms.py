"""Calendar arithmetic for mandate terms: 3 years a term, 6 years at most in all."""

from __future__ import annotations

import datetime as dt

TERM_YEARS = 3
SERVICE_YEARS = 6


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def term_is_within_limit(start: dt.date, end: dt.date) -> bool:
    """A term from `start` to `end` (both days served) lasts at most three years."""
    return end < add_years(start, TERM_YEARS)


def days_served(start: dt.date, end: dt.date) -> int:
    return (end - start).days + 1


def service_limit_days(first_start: dt.date) -> int:
    """How many days six years are, counted from the first day of service."""
    return (add_years(first_start, SERVICE_YEARS) - first_start).days


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; a day the month lacks falls back to its last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(f"no day in {year}-{month}")  # pragma: no cover - 28 always exists


def default_term_end(start: dt.date) -> dt.date:
    """The last day of a full term starting on `start`: three years, less a day."""
    return add_years(start, TERM_YEARS) - dt.timedelta(days=1)
