"""The calls in the admin (through the services, fast lists) and following a call."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from accounts.models import CalendarFeed
from calls.models import CallForInput
from tests import factories

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:calls_callforinput_changelist")


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_admin_lists_cost_the_same_for_one_and_twenty_calls(staff_client, company_a,
                                                                 lead_a, today):
    factories.ParticipationFactory(company=company_a, intent_by=lead_a)
    staff_client.get(CHANGELIST)  # warm caches
    one = [_queries(staff_client, url) for url in (
        CHANGELIST, reverse("admin:calls_callparticipation_changelist"))]
    for _ in range(19):
        factories.ParticipationFactory(company=company_a, intent_by=lead_a)
    assert [_queries(staff_client, url) for url in (
        CHANGELIST, reverse("admin:calls_callparticipation_changelist"))] == one


def test_staff_add_a_call_in_the_admin_through_the_service(staff_client, staff, expression,
                                                           today):
    response = staff_client.post(reverse("admin:calls_callforinput_add"), {
        "title": "Online safety of journalists", "mandates": [expression.pk],
        "report_body": "ga", "report_session": "80", "report_year": "2025",
        "opened_on": "2024-06-01", "deadline": "2024-07-01", "official_url": "",
        "languages": "en,fr", "questions": "", "title_fr": "", "title_es": "",
        "participations-TOTAL_FORMS": "0", "participations-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    call = CallForInput.objects.get()
    assert call.created_by == staff and call.languages == ["en", "fr"]
    assert [m.pk for m in call.mandates.all()] == [expression.pk]


def test_a_user_follows_a_call_and_finds_its_deadline_in_the_feed(lead_b_client, lead_b,
                                                                  client, open_call):
    feed = CalendarFeed.objects.create(user=lead_b)

    def summaries() -> str:
        content = client.get(f"/calendar/{feed.token}.ics").content
        return " ".join(str(e["summary"]) for e in Calendar.from_ical(content).walk("VEVENT"))

    assert open_call.title not in summaries()
    assert lead_b_client.post(f"/calls/{open_call.pk}/follow/").status_code == 302
    assert f"Call for input closes: {open_call.title}" in summaries()
    assert lead_b_client.post(f"/calls/{open_call.pk}/follow/",
                              {"follow": "no"}).status_code == 302
    assert open_call.title not in summaries()
