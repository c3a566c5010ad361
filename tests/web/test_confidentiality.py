"""Every page, export, feed and search, with a user of another company and with an
anonymous visitor: nothing of company B's confidential letter leaks."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import CalendarFeed

pytestmark = pytest.mark.django_db

SECRET_WORDS = ("UA OTH 12/2024", "Secret Google matter")


def _letter_urls(letter) -> list[str]:
    return [
        reverse("letter-detail", args=[letter.pk]),
        reverse("letter-pdf", args=[letter.pk]),
    ]


def test_a_lead_of_another_company_gets_404_for_every_page_of_the_letter(
        lead_a_client, letter_a, letter_b):
    for url in _letter_urls(letter_b):
        assert lead_a_client.get(url).status_code == 404, url


def test_a_lead_of_another_company_cannot_write_to_the_letter(lead_a_client, letter_a,
                                                               letter_b):
    posts = {
        reverse("reply-log", args=[letter_b.pk]): {"kind": "final",
                                                   "received_on": "2024-06-01",
                                                   "body": "x"},
        reverse("letter-assign", args=[letter_b.pk]): {"assignee": ""},
        reverse("note-add", args=[letter_b.pk]): {"kind": "follow_up",
                                                  "noted_on": "2024-06-01", "body": "x"},
        reverse("letter-acknowledge", args=[letter_b.pk]): {},
        # Not theirs to grant even on their own letter (403), but visibility comes first.
        reverse("deadline-extend", args=[letter_b.pk]): {"extended_to": "2024-07-30",
                                                         "reason": "x"},
    }
    for url, data in posts.items():
        assert lead_a_client.post(url, data).status_code == 404, url
    letter_b.refresh_from_db()
    assert letter_b.final_reply_on is None
    assert letter_b.extended_to is None
    assert letter_b.acknowledged_at is None
    assert not letter_b.notes.exists()


def test_a_reply_pdf_of_another_company_is_404(lead_a_client, letter_b):
    from tests.factories import ResponseFactory
    from tests.web.conftest import pdf_file

    response = ResponseFactory(communication=letter_b, attachment=pdf_file("reply.pdf"),
                               received_on=letter_b.sent_on)
    url = reverse("reply-pdf", args=[letter_b.pk, response.pk])
    assert lead_a_client.get(url).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in_and_sees_nothing(anonymous_client,
                                                                   letter_b):
    for url in [*_letter_urls(letter_b), reverse("letter-list"), reverse("my-work"),
                reverse("board"),
                reverse("board-export-csv"), reverse("board-export-xlsx"),
                reverse("calendar-settings")]:
        response = anonymous_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_an_anonymous_visitor_cannot_post_a_reply(anonymous_client, letter_b):
    url = reverse("reply-log", args=[letter_b.pk])
    response = anonymous_client.post(url, {"kind": "final", "received_on": "2024-06-01",
                                           "body": "x"})
    assert response.status_code == 302
    letter_b.refresh_from_db()
    assert letter_b.final_reply_on is None


@pytest.mark.parametrize("query", ["", "?q=Secret", "?q=UA+OTH+12", "?q=Google",
                                   "?deadline_status=open"])
def test_the_letters_list_and_its_search_show_only_the_leads_company(lead_a_client, letter_a,
                                                                     letter_b, query):
    response = lead_a_client.get(reverse("letter-list") + query)
    assert response.status_code == 200
    content = response.content.decode()
    for word in SECRET_WORDS:
        assert word not in content
    if query == "":
        assert "AL OTH 11/2024" in content  # the lead's own letter is there


def test_the_letters_list_ignores_a_company_filter_for_another_company(
        lead_a_client, letter_a, letter_b, company_b):
    content = lead_a_client.get(f"{reverse('letter-list')}?company={company_b.pk}"
                                ).content.decode()
    assert "UA OTH 12/2024" not in content
    assert "AL OTH 11/2024" in content  # the filter is not offered, so it does not apply


@pytest.mark.parametrize("name", ["board", "board-export-csv", "board-export-xlsx"])
def test_company_users_cannot_open_the_board_or_its_exports(lead_a_client, letter_b, name):
    assert lead_a_client.get(reverse(name)).status_code == 403


def test_company_users_are_not_let_into_the_admin(lead_a_client):
    response = lead_a_client.get("/admin/engagements/communication/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("query", ["", "?q=Secret", "?q=UA+OTH+12"])
def test_the_public_register_shows_no_unpublished_letter(anonymous_client, lead_b_client,
                                                          letter_b, published_b, query):
    for client in (anonymous_client, lead_b_client):
        response = client.get(reverse("public-list") + query)
        assert response.status_code == 200
        content = response.content.decode()
        for word in SECRET_WORDS:
            assert word not in content
        if query == "":
            assert "OL OTH 3/2024" in content  # the published letter is there
    assert anonymous_client.get(reverse("public-detail", args=[letter_b.pk])).status_code == 404


def test_the_calendar_feed_of_a_lead_holds_only_their_companys_letters(lead_a, letter_a,
                                                                       letter_b, client):
    feed = CalendarFeed.objects.create(user=lead_a)
    content = client.get(reverse("calendar-feed", args=[feed.token])).content.decode()
    assert "AL OTH 11/2024" in content
    for word in SECRET_WORDS:
        assert word not in content


def test_a_wrong_calendar_token_is_404(anonymous_client, letter_b):
    assert anonymous_client.get(reverse("calendar-feed", args=["guess"])).status_code == 404


def test_the_mandate_directory_does_not_count_another_companys_confidential_letters(
        anonymous_client, lead_a_client, letter_a, letter_b, privacy_mandate):
    # SR privacy signed A's and B's confidential letters: an anonymous visitor sees 0,
    # and so does lead A: outside staff, the directory counts published letters only.
    for client in (anonymous_client, lead_a_client):
        entries = client.get(reverse("mandate-list")).context["entries"]
        assert {e.mandate.short_name: e.figures.signed for e in entries}["SR privacy"] == 0
