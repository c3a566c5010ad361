"""The health check: 200 while the planner runs on time, 503 after two missed intervals."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from reminders import planner
from tests.reminders.conftest import at_geneva

pytestmark = pytest.mark.django_db


def test_it_fails_until_the_planner_has_run(anonymous_client):
    response = anonymous_client.get("/health/reminders/")
    assert response.status_code == 503
    assert response.json()["status"] == "late"
    assert response.json()["planner_last_ran_at"] is None


def test_it_passes_after_a_pass_and_fails_two_intervals_later(
    anonymous_client, in_geneva, settings,
):
    settings.BTECH_REMINDER_PLAN_EVERY_SECONDS = 300
    day = dt.date(2024, 3, 1)
    with in_geneva(day, 12):
        planner.plan_pass(enqueue=False)
        response = anonymous_client.get("/health/reminders/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["seconds_since_last_run"] == 0

    with time_machine.travel(at_geneva(day, 12, 10), tick=False):
        assert anonymous_client.get("/health/reminders/").status_code == 200
    with time_machine.travel(at_geneva(day, 12, 11), tick=False):
        response = anonymous_client.get("/health/reminders/")
    assert response.status_code == 503
    assert response.json()["seconds_since_last_run"] == 660
