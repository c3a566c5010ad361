"""Token authentication: who a token is, and every way it stops working."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def client_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_token_signs_in_its_own_user_with_their_company(lead_a, letter_a, letter_b):
    token = Token.objects.create(user=lead_a)
    answer = client_with(token.key).get("/api/v1/communications/")
    assert answer.status_code == 200
    assert [row["reference"] for row in answer.json()["results"]] == [letter_a.reference]


def test_an_unknown_token_is_a_401(letter_a):
    answer = client_with("0" * 40).get("/api/v1/deadlines/")
    assert answer.status_code == 401
    assert answer.json()["detail"] == "Invalid token."


def test_an_inactive_users_token_is_a_401_that_says_so(lead_a, letter_a):
    token = Token.objects.create(user=lead_a)
    lead_a.is_active = False
    lead_a.save()
    answer = client_with(token.key).get("/api/v1/communications/")
    assert answer.status_code == 401
    assert answer.json()["detail"] == "User inactive or deleted."


def test_the_request_carries_the_token_and_a_complete_user(lead_a):
    from accounts.api.authentication import TokenAuthentication

    token = Token.objects.create(user=lead_a)
    user, auth = TokenAuthentication().authenticate_credentials(token.key)
    assert (user.pk, user.username, user.company_id) == (lead_a.pk, "lead-a", lead_a.company_id)
    assert user.is_authenticated and not user._state.adding
    assert (auth.key, auth.user_id, auth.created) == (token.key, lead_a.pk, token.created)
