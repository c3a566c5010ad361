"""API tokens: obtain, use, rotate, revoke."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _obtain(username: str, password: str = PASSWORD):
    return APIClient().post("/api/v1/auth/token/", {"username": username, "password": password},
                            format="json")


def test_a_lead_obtains_a_token_and_uses_it(lead_a, letter_a):
    answer = _obtain("lead-a")
    assert answer.status_code == 200
    client = APIClient(HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")
    assert client.get("/api/v1/communications/").json()["count"] == 1


def test_a_wrong_password_is_a_400_and_no_token(lead_a):
    answer = _obtain("lead-a", "guess")
    assert answer.status_code == 400
    assert "token" not in answer.json()


def test_rotating_replaces_the_token_and_the_old_one_stops_working(lead_a):
    old = _obtain("lead-a").json()["token"]
    client = APIClient(HTTP_AUTHORIZATION=f"Token {old}")

    new = client.post("/api/v1/auth/token/rotate/").json()["token"]

    assert new != old
    assert client.get("/api/v1/communications/").status_code == 401
    assert APIClient(HTTP_AUTHORIZATION=f"Token {new}").get(
        "/api/v1/communications/").status_code == 200


def test_revoking_ends_the_token(lead_a):
    token = _obtain("lead-a").json()["token"]
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token}")

    assert client.post("/api/v1/auth/token/revoke/").status_code == 204
    assert client.get("/api/v1/communications/").status_code == 401


def test_an_inactive_users_token_stops_working(lead_a):
    token = _obtain("lead-a").json()["token"]
    lead_a.is_active = False
    lead_a.save()
    answer = APIClient(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/communications/")
    assert answer.status_code == 401


def test_session_login_works_for_the_browsable_api(lead_a_client, letter_a):
    answer = lead_a_client.get("/api/v1/communications/", HTTP_ACCEPT="text/html")
    assert answer.status_code == 200
    assert b"AL OTH 12/2024" in answer.content


def test_a_username_longer_than_any_account_is_a_400_naming_it(lead_a):
    answer = _obtain("u" * 300)
    assert answer.status_code == 400
    assert list(answer.json()) == ["username"]


@pytest.mark.parametrize("body", [
    "[" * 100_000 + "]" * 100_000,
    '{"username": ' + "[" * 50 + "]" * 50 + ', "password": "x"}',
])
def test_a_json_body_nested_too_deep_is_a_400(lead_a, body):
    answer = APIClient().post("/api/v1/auth/token/", body, content_type="application/json")
    assert answer.status_code == 400
    assert "nested" in answer.json()["detail"]


def test_a_json_body_nested_too_deep_is_a_400_on_every_json_route(staff_api, letter_a):
    body = '{"kind": "interim", "body": ' + "[" * 100_000 + "]" * 100_000 + "}"
    answer = staff_api.post(f"/api/v1/communications/{letter_a.pk}/responses/", body,
                            content_type="application/json")
    assert answer.status_code == 400
    assert not letter_a.responses.exists()
