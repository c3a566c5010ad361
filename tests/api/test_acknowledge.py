"""POST /api/v1/communications/{id}/acknowledge/: the company says the letter reached it."""

from __future__ import annotations

import pytest

from engagements.models import Communication

pytestmark = pytest.mark.django_db


def _url(letter: Communication) -> str:
    return f"/api/v1/communications/{letter.pk}/acknowledge/"


def test_a_lead_acknowledges_their_letter_in_one_call(lead_a_api, lead_a, letter_a):
    answer = lead_a_api.post(_url(letter_a))

    assert answer.status_code == 200, answer.content
    assert answer.json()["reference"] == "AL OTH 12/2024"
    letter_a.refresh_from_db()
    assert letter_a.acknowledged_by == lead_a
    assert letter_a.acknowledged_at is not None


def test_a_second_acknowledgement_is_a_400_naming_the_field(lead_a_api, letter_a):
    assert lead_a_api.post(_url(letter_a)).status_code == 200
    letter_a.refresh_from_db()
    first = letter_a.acknowledged_at

    again = lead_a_api.post(_url(letter_a))

    assert again.status_code == 400
    assert again.json() == {"acknowledged_at": [
        "This letter was already acknowledged on 1 March 2024 by lead-a."]}
    letter_a.refresh_from_db()
    assert letter_a.acknowledged_at == first


def test_another_companys_lead_gets_a_404_and_nothing_changes(lead_b_api, letter_a):
    answer = lead_b_api.post(_url(letter_a))
    missing = lead_b_api.post("/api/v1/communications/999999/acknowledge/")

    assert answer.status_code == missing.status_code == 404
    assert answer.json() == missing.json()  # exactly like a letter that does not exist
    letter_a.refresh_from_db()
    assert letter_a.acknowledged_at is None


def test_visitors_are_asked_to_sign_in_and_staff_cannot_acknowledge_for_a_company(
        anonymous_api, staff_api, letter_a):
    assert anonymous_api.post(_url(letter_a)).status_code == 401
    assert staff_api.post(_url(letter_a)).status_code == 403
    letter_a.refresh_from_db()
    assert letter_a.acknowledged_at is None
