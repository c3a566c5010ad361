"""The letter page's forms as a user meets them: filled-in dates, the error summary,
what the reply form says about publication, folded forms on a closed letter."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests import factories
from tests.web.html import element, elements

pytestmark = pytest.mark.django_db


def page_of(client, letter) -> str:
    response = client.get(reverse("letter-detail", args=[letter.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_date_fields_come_filled_with_today_in_the_date_pickers_format(
        staff_client, letter_a, settings):
    settings.LANGUAGE_CODE = "en-gb"  # whose own format (10/06/2024) a date box rejects
    content = page_of(staff_client, letter_a)
    assert element(content, "reply_received_on")["value"] == "2024-06-10"
    assert element(content, "note_noted_on")["value"] == "2024-06-10"
    # An extension starts from the due date in force, which it must move later.
    assert element(content, "extension_extended_to")["value"] == "2024-06-16"
    for box in elements(content, "input", type="date"):
        if box.get("name") in {"received_on", "noted_on", "extended_to"}:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", box.get("value", "")), box


def test_today_is_geneva_today_just_after_midnight_there(lead_a_client, letter_a,
                                                        frozen_today):
    # 00:30 in Geneva on 11 June is still 10 June in UTC.
    frozen_today(dt.date(2024, 6, 11), hour=0)
    content = page_of(lead_a_client, letter_a)
    assert element(content, "reply_received_on")["value"] == "2024-06-11"
    assert "today is Tuesday 11 June 2024, Geneva time" in content


def test_a_failed_reply_shows_an_error_summary_linking_to_each_field(lead_a_client,
                                                                     letter_a):
    response = lead_a_client.post(reverse("reply-log", args=[letter_a.pk]), {
        "kind": "final", "received_on": "2024-06-20", "body": ""})
    assert response.status_code == 400
    content = response.content.decode()
    summary = content[content.index('class="error-summary"'):]
    summary = summary[:summary.index("</div>")]
    assert "There are 2 problems" in summary
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    assert links == [
        ("reply_received_on", "Date received: A reply cannot be received in the future."),
        ("reply_body", "Text of the reply: Give the reply&#x27;s text or attach it as a PDF."),
    ]
    for field in ("reply_received_on", "reply_body"):
        attributes = element(content, field)
        assert attributes["aria-invalid"] == "true"
        assert f"{field}_error" in attributes["aria-describedby"].split()
        assert elements(content, id=f"{field}_error")  # the message it points to
    assert element(content, "reply_received_on")["value"] == "2024-06-20"  # kept


def test_a_missing_kind_links_to_the_first_radio_button(lead_a_client, letter_a):
    content = lead_a_client.post(reverse("reply-log", args=[letter_a.pk]), {
        "received_on": "2024-06-10", "body": "Our answer."}).content.decode()
    assert '<a href="#reply_kind_0">Kind of reply: This field is required.</a>' in content
    assert element(content, "reply_kind_0")["aria-invalid"] == "true"


def test_a_failed_note_and_extension_show_the_summary_too(staff_client, letter_a):
    content = staff_client.post(reverse("note-add", args=[letter_a.pk]), {
        "kind": "follow_up", "noted_on": "2024-06-11", "body": "x"}).content.decode()
    assert '<a href="#note_noted_on">Date: A note cannot be dated in the future.</a>' in content
    content = staff_client.post(reverse("deadline-extend", args=[letter_a.pk]), {
        "extended_to": "2024-06-01", "reason": "More time"}).content.decode()
    assert ('<a href="#extension_extended_to">New due date: An extension moves the due '
            'date past 16 June 2024.</a>') in content
    content = staff_client.post(reverse("deadline-extend", args=[letter_a.pk]), {
        "extended_to": "2024-07-01", "reason": ""}).content.decode()
    assert '<a href="#extension_reason">Reason: This field is required.</a>' in content


def test_no_two_fields_of_the_page_share_an_id(staff_client, letter_a):
    content = page_of(staff_client, letter_a)
    ids = [found["id"] for found in elements(content) if "id" in found]
    assert sorted(ids) == sorted(set(ids))


def test_the_reply_form_says_when_replies_are_published(lead_a_client, letter_a,
                                                        published_b, lead_b_client):
    content = page_of(lead_a_client, letter_a)
    assert ("Replies are published on the public register with the letter when it "
            "becomes public, on 16 June 2024.") in content
    content = page_of(lead_b_client, published_b)
    assert ("This letter is public: a reply you log here is published on the public "
            "register at once.") in content


def test_a_letter_with_a_final_reply_no_longer_offers_final(lead_b_client, published_b):
    content = page_of(lead_b_client, published_b)
    kinds = [box["value"] for box in elements(content, "input", name="kind", type="radio")]
    assert kinds == ["interim"]
    response = lead_b_client.post(reverse("reply-log", args=[published_b.pk]), {
        "kind": "final", "received_on": "2024-06-01", "body": "Again."})
    assert response.status_code == 400
    assert "This letter already has a final reply" in response.content.decode()
    assert published_b.responses.count() == 1


def test_actions_come_first_and_a_closed_letters_forms_are_folded(
        lead_a_client, lead_b_client, letter_a, published_b):
    content = page_of(lead_a_client, letter_a)
    assert content.index("Log a reply") < content.index(">The letter</h2>")
    assert "actions__folded" not in content

    content = page_of(lead_b_client, published_b)
    assert content.index("Log a reply") < content.index(">The letter</h2>")
    folded = content[content.index('<details class="actions__folded"'):]
    assert folded.index('id="reply"') < folded.index("</details>")
    assert elements(content, "details", **{"class": "actions__folded"}) == [
        {"class": "actions__folded"}]  # closed: no "open"

    # A failed form on a closed letter is shown open, with its error.
    content = lead_b_client.post(reverse("reply-log", args=[published_b.pk]), {
        "kind": "interim", "received_on": "2024-06-10", "body": ""}).content.decode()
    assert "actions__folded" not in content
    assert "Give the reply" in content


def test_the_page_says_once_that_the_calendar_is_genevas(lead_a_client, letter_a):
    content = page_of(lead_a_client, letter_a)
    assert content.count("office calendar in Geneva") == 1
    assert "today is Monday 10 June 2024, Geneva time" in content


@pytest.mark.parametrize(("sent_on", "kind"), [(dt.date(2024, 6, 10), "accompanying"),
                                               (dt.date(2024, 5, 1), "follow_up")])
def test_a_new_notes_kind_defaults_by_its_date(lead_a_client, today, company_a, sent_on,
                                               kind):
    letter = factories.CommunicationFactory(company=company_a, sent_on=sent_on)
    content = page_of(lead_a_client, letter)
    selected = re.search(r'<select name="kind"[^>]*id="note_kind"[^>]*>(.*?)</select>',
                         content, re.S)
    assert selected is not None
    assert re.search(rf'<option value="{kind}" selected>', selected[1])
    form = elements(content, "form", data_sent_on=sent_on.isoformat())[0]
    assert (form["data-kind-before"], form["data-kind-on"], form["data-kind-after"]) == (
        "preview", "accompanying", "follow_up")


def test_staff_have_a_link_to_the_letters_admin_page_and_leads_do_not(
        staff_client, lead_a_client, letter_a):
    admin_url = reverse("admin:engagements_communication_change", args=[letter_a.pk])
    assert f'href="{admin_url}"' in page_of(staff_client, letter_a)
    assert admin_url not in page_of(lead_a_client, letter_a)


def test_a_note_added_keeps_the_kind_chosen(lead_a_client, letter_a):
    lead_a_client.post(reverse("note-add", args=[letter_a.pk]), {
        "kind": "preview", "noted_on": "2024-06-10", "body": "Late preview call."})
    assert letter_a.notes.get().kind == "preview"
