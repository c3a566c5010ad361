"""Pages of the letter lists are reused while nothing changed, and forgotten at once.

Runs on the real (embedded) Redis cache. The database rolls back between tests without
signals, so the cache is emptied around each test.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagements import services
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

LISTS = ("/api/v1/deadlines/?page_size=50", "/api/v1/communications/?page_size=50")


def fetch(client, url: str) -> tuple[dict, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(url)
    assert answer.status_code == 200
    return answer.json(), [q["sql"] for q in captured]


def letter_queries(sql: list[str]) -> list[str]:
    return [q for q in sql if "engagements_communication" in q]


@pytest.mark.parametrize("url", LISTS)
def test_the_same_page_is_built_once(list_cache, staff_api, letter_a, letter_b, url):
    first, first_sql = fetch(staff_api, url)
    second, second_sql = fetch(staff_api, url)
    assert second == first
    assert letter_queries(first_sql)
    assert letter_queries(second_sql) == []  # neither the rows nor the count are re-read


@pytest.mark.parametrize("url", LISTS)
def test_a_final_reply_shows_on_the_next_request(list_cache, staff_api, staff, letter_a, url,
                                                 django_capture_on_commit_callbacks):
    before, _ = fetch(staff_api, url + "&deadline_status=open,due_soon,overdue,"
                                       "replied_on_time,replied_late")
    assert before["results"][0]["deadline_status"] == "open"
    with django_capture_on_commit_callbacks(execute=True):
        services.response_log(communication=letter_a, kind="final",
                              received_on=dt.date(2024, 2, 28), body="Reply.",
                              logged_by=staff)
    after, _ = fetch(staff_api, url + "&deadline_status=open,due_soon,overdue,"
                                      "replied_on_time,replied_late")
    assert after["results"][0]["deadline_status"] == "replied_on_time"


def test_a_renamed_issue_owner_shows_on_the_next_request(
    list_cache, staff_api, letter_a, django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        owner = ContactFactory(company=letter_a.company, name="Old name")
        services.communication_assign(communication=letter_a, assignee=owner,
                                      assigned_by=None)
    before, _ = fetch(staff_api, LISTS[1])
    assert before["results"][0]["assignee_name"] == "Old name"
    with django_capture_on_commit_callbacks(execute=True):
        owner.name = "New name"
        owner.save()
    after, _ = fetch(staff_api, LISTS[1])
    assert after["results"][0]["assignee_name"] == "New name"


def test_a_renamed_mandate_shows_on_the_next_request(
    list_cache, staff_api, letter_a, privacy, django_capture_on_commit_callbacks,
):
    before, _ = fetch(staff_api, LISTS[1])
    assert privacy.short_name in before["results"][0]["mandate_names"]
    with django_capture_on_commit_callbacks(execute=True):
        privacy.short_name = "SR right to privacy"
        privacy.save()
    after, _ = fetch(staff_api, LISTS[1])
    assert "SR right to privacy" in after["results"][0]["mandate_names"]


@pytest.mark.parametrize("url", LISTS)
def test_companies_never_share_a_cached_page(list_cache, staff_api, lead_a_api, lead_b_api,
                                             letter_a, letter_b, url):
    fetch(staff_api, url)  # the staff page, with both letters, is now cached
    for client, own, other in ((lead_a_api, letter_a, letter_b),
                               (lead_b_api, letter_b, letter_a)):
        for _ in range(2):  # built, then from the cache
            page, _ = fetch(client, url)
            references = [row["reference"] for row in page["results"]]
            assert references == [own.reference]
            assert page["count"] == 1
            assert other.reference not in str(page)


@pytest.mark.parametrize("url", LISTS)
def test_statuses_move_on_at_midnight_in_geneva(list_cache, staff_api, letter_a, url,
                                                frozen_today):
    # 23:00 and 00:00 in Geneva (summer time) are 21:00 and 22:00 UTC: the same UTC day,
    # so a page cached under the UTC date would wrongly be reused.
    frozen_today(dt.date(2024, 4, 19), hour=23)  # due 20 April: 1 day left
    before, _ = fetch(staff_api, url)
    frozen_today(dt.date(2024, 4, 20), hour=0)
    after, _ = fetch(staff_api, url)
    assert (before["results"][0]["days_remaining"], after["results"][0]["days_remaining"]) \
        == (1, 0)
    frozen_today(dt.date(2024, 4, 21), hour=0)
    later, _ = fetch(staff_api, url)
    assert later["results"][0]["deadline_status"] == "overdue"


def test_a_page_past_the_end_is_a_404_with_a_message(list_cache, staff_api, letter_a):
    answer = staff_api.get("/api/v1/deadlines/?page=9")
    assert answer.status_code == 404
    assert "Invalid page" in answer.json()["detail"]


@pytest.mark.parametrize("url", LISTS)
def test_a_refused_filter_is_refused_every_time(list_cache, staff_api, letter_a, url):
    for _ in range(2):
        answer = staff_api.get(url + "&deadline_status=late-ish")
        assert answer.status_code == 400
        assert "deadline_status" in answer.json()


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("cached", [False, True])
def test_the_fast_json_body_is_what_drf_renders(list_cache, settings, staff_api, letter_a,
                                                letter_b, url, cached):
    import json

    if not cached:
        settings.BTECH_API_LIST_CACHE_SECONDS = 0
    url = url.replace("page_size=50", "page_size=1")
    fast = staff_api.get(url, HTTP_ACCEPT="application/json")
    fast = staff_api.get(url, HTTP_ACCEPT="application/json")  # from the cache, if on
    # JSON with an option is rendered by DRF itself.
    drf = staff_api.get(url, HTTP_ACCEPT="application/json; indent=2")
    assert fast["Content-Type"] == "application/json"
    assert json.loads(fast.content) == json.loads(drf.content)
    body = json.loads(fast.content)
    assert body["count"] == 2 and body["next"].endswith("?page=2&page_size=1")

