"""The public register filters by public facts only: nothing narrows down a letter's
due date, an extension, or how late a company replied."""

from __future__ import annotations

import datetime as dt

import pytest

from engagements import services
from tests.factories import CommunicationFactory, ResponseFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/public/communications/"


@pytest.fixture
def published(company_a, company_b, privacy):
    on_time = CommunicationFactory(company=company_a, sent_on=dt.date(2023, 9, 1),
                                   mandates=[privacy])
    ResponseFactory(communication=on_time, received_on=dt.date(2023, 10, 1))
    extended = CommunicationFactory(company=company_b, sent_on=dt.date(2023, 9, 1),
                                    mandates=[privacy])
    services.deadline_extend(communication=extended, extended_to=dt.date(2023, 12, 20),
                             reason="Asked for time.", granted_by=StaffUserFactory())
    ResponseFactory(communication=extended, received_on=dt.date(2023, 12, 15))
    return on_time, extended


@pytest.mark.parametrize("query", [
    "due_before=2023-11-15", "due_after=2023-11-15", "deadline_status=replied_late",
    "deadline_status=replied_on_time", "ordering=due_on", "ordering=-due_on",
])
def test_deadline_filters_do_not_narrow_the_public_register(anonymous_api, published,
                                                            query):
    everything = anonymous_api.get(URL).json()
    answer = anonymous_api.get(f"{URL}?{query}")
    assert answer.status_code == 200
    assert answer.json() == everything
    assert answer.json()["count"] == 2


def test_published_replies_do_not_say_whether_they_were_on_time(anonymous_api, published):
    rows = anonymous_api.get(URL).json()["results"]
    replies = [reply for row in rows for reply in row["responses"]]
    assert len(replies) == 2
    assert all(set(reply) == {"id", "kind", "kind_label", "received_on", "body", "public_pdf"}
               for reply in replies)
    for row in rows:
        assert not {"due_on", "deadline_status", "days_remaining", "extended_to"} & set(row)


def test_public_facts_still_filter(anonymous_api, published, company_a):
    answer = anonymous_api.get(f"{URL}?company={company_a.pk}&year=2023&letter_type=AL")
    assert [row["company"] for row in answer.json()["results"]] == [company_a.pk]
