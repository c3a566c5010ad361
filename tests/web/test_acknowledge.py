"""Acknowledgement of receipt on the letter page: one click by a company user, then the
letter says when and by whom; a second click, another company's letter and OHCHR staff
are refused, and nothing changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from engagements import services

pytestmark = pytest.mark.django_db


def _page(client, letter) -> str:
    return client.get(reverse("letter-detail", args=[letter.pk])).content.decode()


def test_a_lead_acknowledges_in_one_click_and_the_letter_says_when_and_by_whom(
        lead_a_client, lead_a, letter_a):
    lead_a.first_name, lead_a.last_name = "Amira", "Lead"
    lead_a.save()
    page = _page(lead_a_client, letter_a)
    assert 'id="acknowledge"' in page  # where the reminder emails link to
    assert "Acknowledge receipt" in page

    response = lead_a_client.post(reverse("letter-acknowledge", args=[letter_a.pk]),
                                  follow=True)
    assert response.redirect_chain[-1][0] == (
        reverse("letter-detail", args=[letter_a.pk]) + "#acknowledge")
    content = response.content.decode()
    assert "Receipt of AL OTH 11/2024 is acknowledged." in content
    assert ('Receipt acknowledged on <time datetime="2024-06-10">10 June 2024</time> '
            "by Amira Lead.") in content
    assert "Acknowledge receipt" not in content
    assert "Receipt acknowledged by Amira Lead" in content  # the timeline entry
    letter_a.refresh_from_db()
    assert letter_a.acknowledged_by == lead_a


def test_the_day_shown_is_genevas(frozen_today, lead_a_client, letter_a):
    # Midnight in Geneva is still 10 June in UTC: the page says 11 June.
    frozen_today(dt.date(2024, 6, 11), hour=0)
    lead_a_client.post(reverse("letter-acknowledge", args=[letter_a.pk]))
    assert '<time datetime="2024-06-11">11 June 2024</time>' in _page(lead_a_client, letter_a)


def test_acknowledging_twice_says_who_did_it_first_and_changes_nothing(
        lead_a_client, lead_a, letter_a, company_a, frozen_today):
    from tests import factories

    colleague = factories.UserFactory(username="colleague-a", company=company_a)
    services.communication_acknowledge(communication=letter_a, acknowledged_by=colleague)
    letter_a.refresh_from_db()
    first = letter_a.acknowledged_at
    frozen_today(dt.date(2024, 6, 11))

    response = lead_a_client.post(reverse("letter-acknowledge", args=[letter_a.pk]))
    assert response.status_code == 400
    content = response.content.decode()
    start = content.index("data-error-summary")
    summary = content[start:content.index("</ul>", start)]
    assert "There is a problem" in summary
    assert ("Acknowledgement of receipt: This letter was already acknowledged on "
            "10 June 2024 by colleague-a.") in summary
    letter_a.refresh_from_db()
    assert (letter_a.acknowledged_at, letter_a.acknowledged_by) == (first, colleague)


def test_another_companys_letter_is_404_and_stays_unacknowledged(lead_a_client, letter_b):
    response = lead_a_client.post(reverse("letter-acknowledge", args=[letter_b.pk]))
    assert response.status_code == 404
    assert "UA OTH 12/2024" not in response.content.decode()
    letter_b.refresh_from_db()
    assert letter_b.acknowledged_at is None


def test_an_anonymous_visitor_is_sent_to_sign_in(anonymous_client, letter_a):
    response = anonymous_client.post(reverse("letter-acknowledge", args=[letter_a.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    letter_a.refresh_from_db()
    assert letter_a.acknowledged_at is None


def test_staff_see_that_receipt_is_pending_but_cannot_acknowledge(staff_client, letter_a):
    page = _page(staff_client, letter_a)
    assert "Meta has not yet acknowledged receipt." in page
    assert "Acknowledge receipt" not in page
    response = staff_client.post(reverse("letter-acknowledge", args=[letter_a.pk]))
    assert response.status_code == 403
    letter_a.refresh_from_db()
    assert letter_a.acknowledged_at is None


def test_acknowledging_is_a_post(lead_a_client, letter_a):
    assert lead_a_client.get(
        reverse("letter-acknowledge", args=[letter_a.pk])).status_code == 405
    letter_a.refresh_from_db()
    assert letter_a.acknowledged_at is None


def test_it_returns_to_the_page_it_came_from_on_this_site_only(lead_a_client, letter_a,
                                                              letter_b, lead_b_client):
    response = lead_a_client.post(reverse("letter-acknowledge", args=[letter_a.pk]),
                                  {"next": "/my-work/?need=acknowledge"})
    assert response["Location"] == "/my-work/?need=acknowledge"
    response = lead_b_client.post(reverse("letter-acknowledge", args=[letter_b.pk]),
                                  {"next": "https://evil.example/"})
    assert response["Location"] == (reverse("letter-detail", args=[letter_b.pk])
                                    + "#acknowledge")
