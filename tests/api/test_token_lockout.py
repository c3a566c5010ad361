"""Guessing passwords at the token endpoint locks the account out, as on the sign-in page."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def ask_token(username: str, password: str) -> int:
    return APIClient().post("/api/v1/auth/token/", {"username": username,
                                                     "password": password}).status_code


def test_repeated_wrong_passwords_lock_the_token_endpoint(lead_a, settings):
    assert ask_token("lead-a", PASSWORD) == 200
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert ask_token("lead-a", "not the password") == 400
    assert ask_token("lead-a", "not the password") == 429  # the last allowed guess
    # Locked: even the right password gets no token now, and the answer says so in JSON.
    answer = APIClient().post("/api/v1/auth/token/", {"username": "lead-a",
                                                       "password": PASSWORD})
    assert answer.status_code == 429
    assert answer.json() == {"detail": "Too many failed sign-ins. Try again in 15 minutes."}
    assert answer["Retry-After"] == "900"


def test_a_right_password_before_the_limit_resets_the_count(lead_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert ask_token("lead-a", "not the password") == 400
    assert ask_token("lead-a", PASSWORD) == 200
