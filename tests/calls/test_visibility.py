"""Who sees what of calls for input: staff, the lead of Meta (company A, which intends to
submit and has submitted), the lead of Google (company B) and an anonymous visitor, over
every page, API route and the calendar feed. The calls are public; Meta's participation
is never visible to Google, not even as a count."""

from __future__ import annotations

import pytest
from django.test import Client
from icalendar import Calendar

from accounts.models import CalendarFeed
from calls.models import CallFollow

pytestmark = pytest.mark.django_db

PERSONAS = ["staff", "lead_a", "lead_b", "anonymous"]


def mentions_meta(content: str) -> bool:
    """Whether a page names Meta, other than in its own footer ("Signed in for Meta.")."""
    return "Meta" in content.split("<footer")[0].replace("<meta", "")


@pytest.fixture
def clients(staff_client, lead_a_client, lead_b_client, anonymous_client):
    return {"staff": staff_client, "lead_a": lead_a_client, "lead_b": lead_b_client,
            "anonymous": anonymous_client}


@pytest.fixture
def apis(staff_api, lead_a_api, lead_b_api, anonymous_api):
    return {"staff": staff_api, "lead_a": lead_a_api, "lead_b": lead_b_api,
            "anonymous": anonymous_api}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_public_pages_show_the_calls_to_everyone_and_no_company(
        persona, clients, open_call, closed_call, participation_a):
    client = clients[persona]
    for path in ("/public/calls/", "/fr/public/calls/", "/es/public/calls/",
                 f"/public/calls/{open_call.pk}/", f"/fr/public/calls/{open_call.pk}/"):
        response = client.get(path)
        assert response.status_code == 200, path
        content = response.content.decode()
        assert open_call.title in content
        assert not mentions_meta(content)
    listed = client.get("/public/calls/").content.decode()
    assert closed_call.title not in listed  # open calls only, unless asked
    assert closed_call.title in client.get("/public/calls/?status=closed").content.decode()


# (persona, status of the signed-in list, whether Meta's participation shows on it)
SIGNED_IN_PAGES = {"staff": (200, True), "lead_a": (200, True), "lead_b": (200, False),
                   "anonymous": (302, False)}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_signed_in_pages_show_a_participation_to_its_company_and_staff_only(
        persona, clients, open_call, participation_a):
    client = clients[persona]
    status, shows_meta = SIGNED_IN_PAGES[persona]
    for path in ("/calls/", f"/calls/{open_call.pk}/"):
        response = client.get(path)
        assert response.status_code == status, path
        if status != 200:
            assert "/accounts/login/" in response["Location"]
            continue
        content = response.content.decode()
        assert open_call.title in content
        said = (mentions_meta(content) or "intends to submit." in content
                or "ubmitted on" in content or "1 intending" in content)
        assert said == shows_meta, path
    if persona == "lead_b":
        # Not even a count: the list says nothing of any company's participation.
        assert "intending" not in client.get("/calls/").content.decode()


@pytest.mark.parametrize("persona,status", [("staff", 200), ("lead_a", 200), ("lead_b", 404),
                                            ("anonymous", 302)])
def test_a_submission_pdf_is_its_company_s_and_staff_s(persona, status, clients, open_call,
                                                       participation_a):
    response = clients[persona].get(
        f"/calls/{open_call.pk}/submissions/{participation_a.pk}.pdf")
    assert response.status_code == status


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_lists_the_calls_to_everyone_without_participations(
        persona, apis, open_call, closed_call, participation_a):
    api = apis[persona]
    listed = api.get("/api/v1/calls/")
    assert listed.status_code == 200
    assert [row["title"] for row in listed.json()["results"]] == [open_call.title,
                                                                   closed_call.title]
    detail = api.get(f"/api/v1/calls/{open_call.pk}/")
    assert detail.status_code == 200
    assert detail.json()["status"] == "open"
    assert "Meta" not in listed.content.decode() + detail.content.decode()


# What GET /calls/{id}/participation/ answers each persona: its own company's only.
@pytest.mark.parametrize("persona,status,intends", [
    ("staff", 403, None), ("lead_a", 200, True), ("lead_b", 200, False),
    ("anonymous", 401, None)])
def test_the_participation_route_gives_only_the_own_company_s(
        persona, status, intends, apis, open_call, participation_a, company_b):
    response = apis[persona].get(f"/api/v1/calls/{open_call.pk}/participation/")
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["intends_to_submit"] is intends
        if persona == "lead_b":
            assert body["company"] == company_b.pk and body["submitted_on"] is None
            assert "Meta" not in response.content.decode()


@pytest.mark.parametrize("persona,companies", [
    ("staff", ["Meta"]), ("lead_a", ["Meta"]), ("lead_b", []), ("anonymous", None)])
def test_the_participations_route_lists_what_the_asker_may_see(
        persona, companies, apis, open_call, participation_a):
    response = apis[persona].get(f"/api/v1/calls/{open_call.pk}/participations/")
    if companies is None:
        assert response.status_code == 401
        return
    assert response.status_code == 200
    assert [row["company_name"] for row in response.json()] == companies


@pytest.mark.parametrize("persona,status", [("staff", 201), ("lead_a", 403), ("lead_b", 403),
                                            ("anonymous", 401)])
def test_only_staff_publish_or_change_a_call(persona, status, apis, expression, open_call,
                                             today):
    api = apis[persona]
    created = api.post("/api/v1/calls/", {
        "title": "Surveillance technology and human rights defenders",
        "mandates": [expression.pk], "report_body": "ga", "report_session": 80,
        "report_year": 2025, "opened_on": "2024-06-01", "deadline": "2024-07-15",
    }, format="json")
    assert created.status_code == status
    changed = api.patch(f"/api/v1/calls/{open_call.pk}/", {"closed": True}, format="json")
    assert changed.status_code == (200 if persona == "staff" else status)


def _feed(user) -> str:
    feed = CalendarFeed.objects.create(user=user)
    response = Client().get(f"/calendar/{feed.token}.ics")
    assert response.status_code == 200
    return "\n".join(str(event["summary"]) for event in
                     Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_feed_shows_followed_open_calls_and_a_company_follows_what_it_intends(
        staff, lead_a, lead_b, open_call, closed_call, participation_a):
    assert "Freedom of expression and elections" in _feed(lead_a)  # Meta intends to submit
    assert "Call for input" not in _feed(lead_b)
    CallFollow.objects.create(user=staff, call=open_call)
    CallFollow.objects.create(user=staff, call=closed_call)
    summaries = _feed(staff)
    assert "Freedom of expression and elections" in summaries
    assert closed_call.title not in summaries  # closed: no longer in the calendar
