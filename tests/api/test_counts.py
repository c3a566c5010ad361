"""Page counts are cached per query and forgotten as soon as a letter changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagements import services
from tests.factories import CommunicationFactory

pytestmark = pytest.mark.django_db


def _count(client, url: str = "/api/v1/deadlines/") -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        count = client.get(url).json()["count"]
    counting = [q for q in captured if "COUNT(" in q["sql"]]
    return count, len(counting)


def test_the_same_question_is_counted_once(list_cache, staff_api, letter_a, letter_b):
    assert _count(staff_api) == (2, 1)
    assert _count(staff_api) == (2, 0)


def test_a_new_letter_is_counted_at_once(list_cache, staff_api, letter_a, privacy,
                                         django_capture_on_commit_callbacks):
    assert _count(staff_api)[0] == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.communication_create(
            reference="AL OTH 50/2024", letter_type="AL", mandates=[privacy],
            company=letter_a.company, sent_on=dt.date(2024, 2, 1), subject="New")
    assert _count(staff_api) == (2, 1)


def test_a_final_reply_takes_the_letter_out_of_the_count_at_once(
    list_cache, staff_api, staff, letter_a, django_capture_on_commit_callbacks
):
    assert _count(staff_api)[0] == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.response_log(communication=letter_a, kind="final",
                              received_on=dt.date(2024, 2, 28), body="Reply.",
                              logged_by=staff)
    assert _count(staff_api)[0] == 0


def test_each_company_gets_its_own_count(list_cache, lead_a_api, lead_b_api, staff_api,
                                         letter_a, letter_b):
    CommunicationFactory(company=letter_a.company)
    assert _count(staff_api)[0] == 3
    assert _count(lead_a_api)[0] == 2
    assert _count(lead_b_api)[0] == 1
    assert _count(lead_b_api, "/api/v1/deadlines/?q=Meta")[0] == 0


def test_a_user_who_may_see_no_letter_gets_a_zero_count(list_cache, letter_a):
    from tests.api.conftest import token_client
    from tests.factories import UserFactory

    nobody = token_client(UserFactory(username="no-company"))
    for path in ("/api/v1/communications/", "/api/v1/deadlines/"):
        answer = nobody.get(path)
        assert answer.status_code == 200
        assert answer.json()["count"] == 0
