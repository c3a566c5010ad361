"""Extensions: OHCHR staff move a due date; the public date does not move."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ResponseFactory

pytestmark = pytest.mark.django_db


def test_staff_extend_a_deadline(staff_api, staff, letter_a):
    answer = staff_api.post(f"/api/v1/communications/{letter_a.pk}/extension/",
                            {"due_on": "2024-05-31", "reason": "Asked for more time."},
                            format="json")

    assert answer.status_code == 200, answer.json()
    assert answer.json()["due_on"] == "2024-05-31"
    assert answer.json()["public_on"] == "2024-04-20"
    assert answer.json()["extension_reason"] == "Asked for more time."
    letter_a.refresh_from_db()
    assert letter_a.extension_granted_by == staff


@pytest.mark.parametrize("body, field", [
    ({"due_on": "2024-04-01", "reason": "Too early."}, "due_on"),
    ({"due_on": "2024-05-31", "reason": "   "}, "reason"),
    ({"due_on": "not a date", "reason": "x"}, "due_on"),
    ({"reason": "x"}, "due_on"),
])
def test_an_invalid_extension_is_a_400_under_the_api_field_name(body, field, staff_api,
                                                                  letter_a):
    answer = staff_api.post(f"/api/v1/communications/{letter_a.pk}/extension/", body,
                            format="json")

    assert answer.status_code == 400
    assert list(answer.json()) == [field]
    letter_a.refresh_from_db()
    assert letter_a.due_on == dt.date(2024, 4, 20)


def test_an_answered_letter_cannot_be_extended(staff_api, letter_a):
    ResponseFactory(communication=letter_a, received_on=dt.date(2024, 2, 25))

    answer = staff_api.post(f"/api/v1/communications/{letter_a.pk}/extension/",
                            {"due_on": "2024-05-31", "reason": "Late."}, format="json")

    assert answer.status_code == 400
    assert "due_on" in answer.json()
