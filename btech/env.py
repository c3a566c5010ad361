"""Typed readers for settings that come from the environment.

Each fails at start-up with a message naming the variable, rather than letting a
typo become a silent default.

btech/settings.py reads every setting through these; so does ``make run``'s
supervisor (btech/run.py), which runs before Django's settings can be loaded, so that
a bad value gives the same message wherever it is read.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
# As Python numbers them (date.weekday()): 0 is Monday.
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"{name} must be set in the environment")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.strip().lower() in _TRUE:
        return True
    if raw.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true or false)")


def _check_range(shown: str, value: int, minimum: int | None, maximum: int | None) -> None:
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{shown} must be at least {minimum}")
    if maximum is not None and value > maximum:
        raise ImproperlyConfigured(f"{shown} must be at most {maximum}")


def env_int(name: str, default: int, *, minimum: int | None = None,
            maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    _check_range(f"{name}={value}", value, minimum, maximum)
    return value


def env_int_list(name: str, default: Sequence[int], *, minimum: int | None = None,
                 maximum: int | None = None) -> list[int]:
    """Comma-separated whole numbers, e.g. 30,14,7,2; an empty value is an empty list."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    try:
        values = [int(item) for item in raw.split(",") if item.strip()]
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a list of whole numbers separated by commas") from None
    for value in values:
        _check_range(f"{name}={raw!r}: {value}", value, minimum, maximum)
    return values


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: Sequence[str]) -> str:
    """One of `choices`, in any case; returned as spelled in `choices`."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    for choice in choices:
        if raw.strip().lower() == choice.lower():
            return choice
    raise ImproperlyConfigured(f"{name}={raw!r} must be one of {', '.join(choices)}")


def env_time_zone(name: str, default: str) -> str:
    """An IANA time zone name (Europe/Zurich), found in this machine's zone database.

    Checked here because a zone is otherwise first looked up when a date is computed,
    which would turn a typo into an error on every page instead of at start-up.
    """
    value = os.environ.get(name, default)
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        # ValueError: a key that is not a relative path, e.g. "" or "/etc/localtime".
        raise ImproperlyConfigured(
            f"{name}={value!r} is not an IANA time zone name, e.g. Europe/Zurich") from None
    return value


def env_weekday(name: str, default: int) -> int:
    """A day of the week, 0 (Monday) to 6 (Sunday), or its English name (monday, mon)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    text = raw.strip().lower()
    for number, day in enumerate(_WEEKDAYS):
        if text in {str(number), day, day[:3]}:
            return number
    raise ImproperlyConfigured(f"{name}={raw!r} is not a day of the week: use 0 (Monday) "
                               "to 6 (Sunday), or a name such as monday")


def env_networks(name: str, default: Sequence[str]) -> list[str]:
    """Comma-separated IP networks (10.0.0.0/8, ::1/128, or one address), each checked."""
    import ipaddress

    values = env_list(name, list(default))
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {value!r} is not an IP network such as 10.0.0.0/8") from None
    return values
