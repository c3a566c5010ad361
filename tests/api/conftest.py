"""API personas: the shared personas, each with an API token, and a letter per company.

Company A is "Meta", company B is "Google" (tests/conftest.py). Today is frozen at
1 March 2024 in Geneva, so every date below is fixed.
"""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import factories

TODAY = dt.date(2024, 3, 1)


@pytest.fixture(autouse=True)
def _today(frozen_today):
    return frozen_today(TODAY)


@pytest.fixture(autouse=True)
def _exact_counts(settings):
    # The test database rolls back between tests but the cache does not: count every
    # time, except in the tests of the count cache itself (test_counts.py).
    settings.BTECH_API_LIST_CACHE_SECONDS = 0


def token_client(user) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def staff_api(staff) -> APIClient:
    return token_client(staff)


@pytest.fixture
def lead_a_api(lead_a) -> APIClient:
    return token_client(lead_a)


@pytest.fixture
def lead_b_api(lead_b) -> APIClient:
    return token_client(lead_b)


@pytest.fixture
def anonymous_api() -> APIClient:
    return APIClient()


@pytest.fixture
def personas(staff_api, lead_a_api, lead_b_api, anonymous_api) -> dict[str, APIClient]:
    return {"staff": staff_api, "lead_a": lead_a_api, "lead_b": lead_b_api,
            "anonymous": anonymous_api}


@pytest.fixture
def privacy(db):
    return factories.MandateFactory(short_name="SR privacy",
                                    title="Special Rapporteur on the right to privacy")


@pytest.fixture
def expression(db):
    return factories.MandateFactory(
        short_name="SR freedom of expression",
        title="Special Rapporteur on freedom of opinion and expression")


@pytest.fixture
def issue_owner_a(company_a):
    return factories.ContactFactory(company=company_a, name="Issue owner A",
                                    email="owner@meta.example")


@pytest.fixture
def issue_owner_b(company_b):
    return factories.ContactFactory(company=company_b, name="Issue owner B",
                                    email="owner@google.example")


@pytest.fixture
def letter_a(company_a, privacy, expression):
    """A confidential joint letter to Meta, sent 10 days ago, awaiting a reply."""
    return factories.CommunicationFactory(
        reference="AL OTH 12/2024", letter_type="AL", company=company_a,
        sent_on=dt.date(2024, 2, 20), subject="Content moderation in a crisis",
        mandates=[privacy, expression],
    )


@pytest.fixture
def letter_b(company_b, privacy):
    """A confidential letter to Google, due soon."""
    return factories.CommunicationFactory(
        reference="UA OTH 3/2024", letter_type="UA", company=company_b,
        sent_on=dt.date(2024, 1, 10), subject="Location data requests",
        mandates=[privacy],
    )


@pytest.fixture
def list_cache(settings):
    """The API's page and count cache switched on, on the real Redis, emptied around the
    test: the database rolls back between tests without the signals that invalidate it."""
    from django.core.cache import cache

    settings.BTECH_API_LIST_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()
