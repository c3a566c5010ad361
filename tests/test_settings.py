"""Production settings pass Django's deployment checks; bad values stop start-up clearly."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

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
    ],
)
def test_a_bad_setting_stops_start_up_with_a_message_naming_it(overrides, message):
    result = manage("check", **{**PRODUCTION, **overrides})
    assert result.returncode != 0
    assert message in result.stderr
