"""Production settings pass Django's deployment checks; bad values stop start-up clearly."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from btech.env import env_int_list, env_time_zone, env_weekday

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 30 + "-production-secret-for-the-check-only-0123456789",
    "ALLOWED_HOSTS": "tracker.example.org",
    "DATABASE_URL": "postgresql://btech:secret@db.example.org:5432/btech",
    "REDIS_URL": "redis://redis.example.org:6379/0",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items()
                   if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL"}}
    environment.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], capture_output=True,
                          text=True, env=environment, timeout=120)


def test_the_production_settings_pass_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY must be at least 50 characters"),
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"BTECH_DUE_SOON_DAYS": "two weeks"}, "BTECH_DUE_SOON_DAYS='two weeks' is not a whole"),
        ({"REDIS_URL": "http://redis"}, "REDIS_URL='http://redis' must start with redis://"),
        ({"DATABASE_URL": "sqlite:///db.sqlite3"}, "DATABASE_URL must be a postgresql:// URL"),
        # Geneva keeps Zurich's clock; there is no Europe/Geneva in the zone database.
        ({"BTECH_OFFICE_TIME_ZONE": "Europe/Geneva"},
         "BTECH_OFFICE_TIME_ZONE='Europe/Geneva' is not an IANA time zone name"),
        ({"BTECH_OFFICE_TIME_ZONE": ""}, "BTECH_OFFICE_TIME_ZONE='' is not an IANA time zone"),
        ({"BTECH_DIGEST_WEEKDAY": "7"}, "BTECH_DIGEST_WEEKDAY='7' is not a day of the week"),
        ({"BTECH_WEBHOOK_ALLOWED_NETWORKS": "10.0.0.0/33"},
         "BTECH_WEBHOOK_ALLOWED_NETWORKS: '10.0.0.0/33' is not an IP network"),
        ({"BTECH_WEBHOOK_TIMEOUT_SECONDS": "30"},
         "BTECH_WEBHOOK_TIMEOUT_SECONDS=30 must be at most 10"),
        ({"BTECH_DIGEST_WEEKDAY": "mondays"},
         "BTECH_DIGEST_WEEKDAY='mondays' is not a day of the week"),
        ({"BTECH_DUE_SOON_DAYS": "-1"}, "BTECH_DUE_SOON_DAYS=-1 must be at least 0"),
        ({"BTECH_REMINDER_DAYS_BEFORE_DUE": "30,-7"},
         "BTECH_REMINDER_DAYS_BEFORE_DUE='30,-7': -7 must be at least 1"),
        ({"BTECH_REMINDER_DAYS_BEFORE_DUE": "30;14"},
         "BTECH_REMINDER_DAYS_BEFORE_DUE='30;14' is not a list of whole numbers"),
        ({"BTECH_REMINDER_OVERDUE_EVERY_DAYS": "0"},
         "BTECH_REMINDER_OVERDUE_EVERY_DAYS=0 must be at least 1"),
        ({"BTECH_REMINDER_PLAN_EVERY_SECONDS": "604800"},
         "BTECH_REMINDER_PLAN_EVERY_SECONDS=604800 must be at most 86400"),
        ({"BTECH_REMINDER_MAX_ATTEMPTS": "12"},
         "BTECH_REMINDER_MAX_ATTEMPTS=12 with BTECH_REMINDER_RETRY_BASE_SECONDS=60 waits"),
        ({"BTECH_API_LIST_CACHE_SECONDS": "-300"},
         "BTECH_API_LIST_CACHE_SECONDS=-300 must be at least 0"),
        ({"SITE_URL": "tracker.example.org"},
         "SITE_URL='tracker.example.org' must be an http:// or https:// address"),
        ({"LOG_LEVEL": "verbose"}, "LOG_LEVEL='verbose' must be one of DEBUG, INFO"),
    ],
)
def test_a_bad_setting_stops_start_up_with_a_message_naming_it(overrides, message):
    result = manage("check", **{**PRODUCTION, **overrides})
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(("value", "weekday"),
                         [("0", 0), ("6", 6), ("friday", 4), (" Sunday ", 6), ("TUE", 1)])
def test_the_digest_weekday_is_a_number_from_monday_or_a_name(monkeypatch, value, weekday):
    monkeypatch.setenv("BTECH_DIGEST_WEEKDAY", value)
    assert env_weekday("BTECH_DIGEST_WEEKDAY", 0) == weekday


def test_an_office_time_zone_from_the_zone_database_is_accepted(monkeypatch):
    monkeypatch.setenv("BTECH_OFFICE_TIME_ZONE", "America/New_York")
    assert env_time_zone("BTECH_OFFICE_TIME_ZONE", "Europe/Zurich") == "America/New_York"


def test_an_empty_list_of_reminder_days_means_none_before_the_due_date(monkeypatch):
    monkeypatch.setenv("BTECH_REMINDER_DAYS_BEFORE_DUE", "")
    assert env_int_list("BTECH_REMINDER_DAYS_BEFORE_DUE", [30, 14], minimum=1) == []
    monkeypatch.setenv("BTECH_REMINDER_DAYS_BEFORE_DUE", " 21, 3 ")
    assert env_int_list("BTECH_REMINDER_DAYS_BEFORE_DUE", [30, 14], minimum=1) == [21, 3]
