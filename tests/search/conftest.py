"""Search tests: today is frozen at 1 March 2024 in Geneva.

Company A ("Meta") and company B ("Google") each have a confidential letter (sent ten
days ago) and a published one (sent in 2023), with a reply and an informal note each.
"""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

TODAY = dt.date(2024, 3, 1)
RECENT = dt.date(2024, 2, 20)
PUBLISHED = dt.date(2023, 6, 5)


@pytest.fixture(autouse=True)
def _today(frozen_today):
    return frozen_today(TODAY)


def search_api(client, **params):
    return client.get("/api/v1/search/", params)


@pytest.fixture
def api_for(staff, lead_a, lead_b):
    def client(persona: str) -> APIClient:
        users = {"staff": staff, "lead_a": lead_a, "lead_b": lead_b, "anonymous": None}
        api = APIClient()
        if users[persona] is not None:
            api.force_authenticate(users[persona])
        return api
    return client
