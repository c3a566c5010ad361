"""The calendar feed: a secret address, one all-day event per open deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from accounts.models import CalendarFeed
from tests import factories

pytestmark = pytest.mark.django_db


def _events(client, token: str) -> list:
    response = client.get(reverse("calendar-feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_the_settings_page_gives_a_secret_address(lead_a_client, lead_a):
    content = lead_a_client.get(reverse("calendar-settings")).content.decode()
    token = CalendarFeed.objects.get(user=lead_a).token
    assert len(token) >= 40
    assert f"/calendar/{token}.ics" in content
    assert f"webcal://testserver/calendar/{token}.ics" in content


def test_the_feed_has_one_all_day_event_per_open_deadline(client, lead_a, letter_a,
                                                           published_b, company_a, today):
    replied = factories.CommunicationFactory(company=company_a, sent_on=dt.date(2024, 5, 1))
    factories.ResponseFactory(communication=replied, received_on=dt.date(2024, 5, 10))
    feed = CalendarFeed.objects.create(user=lead_a)
    [event] = _events(client, feed.token)
    assert str(event["summary"]) == "Reply due: AL OTH 11/2024 (Meta)"
    assert event.decoded("dtstart") == dt.date(2024, 6, 16)
    assert event.decoded("dtend") == dt.date(2024, 6, 17)
    assert str(event["uid"]) == f"letter-{letter_a.pk}-reply-due@btech-engagement-tracker"
    assert "dtstamp" in event
    assert f"/letters/{letter_a.pk}/#reply" in str(event["description"])


def test_the_feed_is_plain_icalendar_that_outlook_and_google_accept(client, lead_a, letter_a):
    feed = CalendarFeed.objects.create(user=lead_a)
    content = client.get(reverse("calendar-feed", args=[feed.token])).content
    assert content.startswith(b"BEGIN:VCALENDAR\r\n")
    for line in (b"VERSION:2.0", b"METHOD:PUBLISH", b"DTSTART;VALUE=DATE:20240616",
                 b"DTEND;VALUE=DATE:20240617", b"X-WR-CALNAME:B-Tech letters: reply deadlines"):
        assert line in content
    assert b"DTSTAMP:" in content and content.split(b"DTSTAMP:")[1][:16].endswith(b"Z")


def test_a_final_reply_takes_the_event_out_of_the_feed(client, lead_a, letter_a):
    feed = CalendarFeed.objects.create(user=lead_a)
    assert len(_events(client, feed.token)) == 1
    factories.ResponseFactory(communication=letter_a, received_on=dt.date(2024, 6, 9))
    assert _events(client, feed.token) == []


def test_resetting_the_address_cuts_off_the_old_one(lead_a_client, lead_a, client, letter_a):
    feed = CalendarFeed.objects.create(user=lead_a)
    old = feed.token
    response = lead_a_client.post(reverse("calendar-reset"), follow=True)
    assert "the old one no longer works" in response.content.decode()
    feed.refresh_from_db()
    assert feed.token != old
    assert client.get(reverse("calendar-feed", args=[old])).status_code == 404
    assert len(_events(client, feed.token)) == 1


def test_a_deactivated_account_has_no_feed(client, lead_a, letter_a):
    feed = CalendarFeed.objects.create(user=lead_a)
    lead_a.is_active = False
    lead_a.save()
    assert client.get(reverse("calendar-feed", args=[feed.token])).status_code == 404


def test_staff_get_every_companys_open_deadlines(client, staff, letter_a, letter_b):
    feed = CalendarFeed.objects.create(user=staff)
    assert len(_events(client, feed.token)) == 2


def test_a_letter_due_on_the_last_day_of_the_calendar_leaves_the_feed_working(
    client, lead_a, letter_a, company_a, legacy_letters
):
    from engagements.models import Communication

    extended = factories.CommunicationFactory(company=company_a, sent_on=dt.date(2024, 5, 1))
    # An extension to 9999-12-31, as the API once granted: no day after it to end on.
    Communication.objects.filter(pk=extended.pk).update(
        extended_to=dt.date.max, due_on=dt.date.max, extension_reason="Forever")
    feed = CalendarFeed.objects.create(user=lead_a)
    assert [event.decoded("dtstart") for event in _events(client, feed.token)] == [
        dt.date(2024, 6, 16)]
