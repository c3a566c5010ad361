"""The deadline feed for pollers, and ETags on it and on /deadlines/."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagements import services
from tests import factories

pytestmark = pytest.mark.django_db

FEED = "/api/v1/deadlines/feed/"


def _ids(answer) -> list[int]:
    return [row["id"] for row in answer.json()["results"]]


def _pages(client, url: str) -> list[list[int]]:
    pages = []
    while url:
        answer = client.get(url)
        assert answer.status_code == 200, answer.content
        pages.append(_ids(answer))
        url = answer.json()["next"]
    return pages


def test_the_feed_walks_every_visible_letter_by_cursor_without_a_count(
        staff_api, lead_a_api, company_a, letter_a, letter_b):
    more = [factories.CommunicationFactory(company=company_a, reference=f"AL OTH {800 + n}/2024")
            for n in range(4)]
    pages = _pages(staff_api, f"{FEED}?page_size=2")
    assert [len(page) for page in pages] == [2, 2, 2]
    assert sorted(sum(pages, [])) == sorted([letter_a.pk, letter_b.pk, *(m.pk for m in more)])
    first = staff_api.get(f"{FEED}?page_size=2").json()
    assert set(first) == {"next", "results"}  # no count
    assert set(first["results"][0]) >= {"id", "reference", "due_on", "final_reply_on",
                                        "deadline_status", "deadline_changed_at"}
    # A company's lead walks only their company's letters.
    assert sorted(sum(_pages(lead_a_api, f"{FEED}?page_size=2"), [])) == sorted(
        [letter_a.pk, *(m.pk for m in more)])


def test_changed_since_returns_only_letters_whose_deadline_facts_changed(
        staff_api, staff, letter_a, letter_b):
    later = dt.datetime(2024, 3, 1, 15, 0, tzinfo=dt.UTC)
    with time_machine.travel(later, tick=False):
        since = "2024-03-01T14:00:00Z"
        assert _ids(staff_api.get(f"{FEED}?changed_since={since}")) == []
        services.communication_update(communication=letter_a, subject="A new subject")
        assert _ids(staff_api.get(f"{FEED}?changed_since={since}")) == []  # not a deadline fact
        services.deadline_extend(communication=letter_b, extended_to=dt.date(2024, 4, 1),
                                 reason="More time", granted_by=staff)
        answer = staff_api.get(f"{FEED}?changed_since={since}")
    assert _ids(answer) == [letter_b.pk]
    assert answer.json()["results"][0]["due_on"] == "2024-04-01"
    assert dt.datetime.fromisoformat(answer.json()["results"][0]["deadline_changed_at"]) == later
    # A final reply changes the facts too; an offset is read as such.
    with time_machine.travel(later + dt.timedelta(hours=1), tick=False):
        services.response_log(communication=letter_a, kind="final",
                              received_on=dt.date(2024, 3, 1), body="Reply.",
                              logged_by=staff)
    answer = staff_api.get(f"{FEED}?changed_since=2024-03-01T17:30:00%2B02:00")
    assert _ids(answer) == [letter_a.pk]


def test_bad_feed_parameters_are_400s_naming_them(staff_api, letter_a):
    answer = staff_api.get(f"{FEED}?changed_since=yesterday")
    assert answer.status_code == 400 and "changed_since" in answer.json()
    answer = staff_api.get(f"{FEED}?cursor=not-a-cursor")
    assert answer.status_code == 400 and "cursor" in answer.json()


def test_anonymous_pollers_are_401(anonymous_api):
    assert anonymous_api.get(FEED).status_code == 401


@pytest.mark.parametrize("url", [FEED, "/api/v1/deadlines/"])
def test_an_unchanged_answer_is_a_304_and_a_change_is_a_new_etag(url, lead_a_api, staff,
                                                                 letter_a, letter_b):
    first = lead_a_api.get(url)
    etag = first["ETag"]
    again = lead_a_api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    # Another company's letter moves: the lead's answer, and so their tag, stays.
    services.deadline_extend(communication=letter_b, extended_to=dt.date(2024, 4, 2),
                             reason="More time", granted_by=staff)
    factories.CommunicationFactory(company=letter_b.company, reference="AL OTH 901/2024")
    assert lead_a_api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # Their own letter moves: a new answer and tag.
    services.deadline_extend(communication=letter_a, extended_to=dt.date(2024, 4, 30),
                             reason="More time", granted_by=staff)
    changed = lead_a_api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_the_feed_costs_the_same_queries_for_one_row_and_for_200(staff_api, company_a):
    for _ in range(5):
        factories.CommunicationFactory(company=company_a, reference=f"AL OTH {700 + _}/2024")
    counts = []
    for size in (1, 200):
        with CaptureQueriesContext(connection) as captured:
            assert staff_api.get(f"{FEED}?page_size={size}").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
