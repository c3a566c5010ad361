"""/api/v1/deadlines/: the lean list pollers read every few minutes."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import CommunicationFactory, ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(company_a):
    letter = CommunicationFactory(company=company_a, sent_on=dt.date(2024, 1, 2))
    ResponseFactory(communication=letter, received_on=dt.date(2024, 1, 20))
    return letter


def test_deadlines_are_lean_soonest_first_and_leave_answered_letters_out(
    staff_api, letter_a, letter_b, answered
):
    rows = staff_api.get("/api/v1/deadlines/").json()["results"]

    assert rows == [
        {"id": letter_b.pk, "reference": "UA OTH 3/2024", "company": letter_b.company_id,
         "company_name": "Google", "due_on": "2024-03-10", "days_remaining": 9,
         "deadline_status": "due_soon", "deadline_status_label": "Due soon"},
        {"id": letter_a.pk, "reference": "AL OTH 12/2024", "company": letter_a.company_id,
         "company_name": "Meta", "due_on": "2024-04-20", "days_remaining": 50,
         "deadline_status": "open", "deadline_status_label": "Open"},
    ]


def test_answered_letters_appear_when_the_status_asks_for_them(staff_api, letter_a, answered):
    rows = staff_api.get("/api/v1/deadlines/?deadline_status=replied_on_time").json()["results"]
    assert [(r["reference"], r["deadline_status"]) for r in rows] == [
        (answered.reference, "replied_on_time")]


def test_a_lead_polls_only_their_own_deadlines(lead_a_api, letter_a, letter_b):
    rows = lead_a_api.get("/api/v1/deadlines/").json()["results"]
    assert [r["reference"] for r in rows] == [letter_a.reference]


def test_the_fast_rows_match_the_documented_serializer(staff_api, letter_a, letter_b,
                                                       answered):
    from btech.office_time import office_today
    from engagements.api.serializers import DeadlineSerializer
    from engagements.models import Communication

    rows = staff_api.get("/api/v1/deadlines/?deadline_status=open,due_soon,overdue,"
                         "replied_on_time,replied_late").json()["results"]
    letters = Communication.objects.select_related("company").order_by("due_on", "reference")
    expected = DeadlineSerializer(letters, many=True, context={"today": office_today()}).data
    assert rows == [dict(row) for row in expected]
