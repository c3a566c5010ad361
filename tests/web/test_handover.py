"""Routing a letter on the web: the assign form carries an optional handover note, the
timeline shows every handover, and the new owner is told, unless they took the letter
themselves."""

from __future__ import annotations

import pytest
from django.urls import reverse

from engagements.models import Handover
from reminders.models import Reminder, StepKind
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def owners(company_a):
    return (factories.ContactFactory(company=company_a, name="Priya Owner"),
            factories.ContactFactory(company=company_a, name="Omar Owner"))


def _assign(client, letter, contact, note: str = "", **extra: str):
    return client.post(reverse("letter-assign", args=[letter.pk]),
                       {"assignee": contact.pk if contact else "", "note": note, **extra},
                       follow=True)


def test_the_timeline_shows_the_chain_of_handovers_with_their_notes(lead_a_client, letter_a,
                                                                    owners):
    priya, omar = owners
    page = lead_a_client.get(reverse("letter-detail", args=[letter_a.pk])).content.decode()
    assert 'name="note"' in page and "Handover note" in page

    _assign(lead_a_client, letter_a, priya, "Legal has the background; call Ana first.")
    response = _assign(lead_a_client, letter_a, omar, "Priya is on leave from Monday.")

    content = response.content.decode()
    assert "Assigned to Omar Owner." in content
    timeline = content[content.index('id="timeline"'):]
    first = timeline.index("Assigned to Priya Owner by lead-a")
    second = timeline.index("Handed over from Priya Owner to Omar Owner by lead-a")
    assert first < second
    assert first < timeline.index("Legal has the background; call Ana first.") < second
    assert second < timeline.index("Priya is on leave from Monday.")
    assert list(Handover.objects.filter(communication=letter_a).values_list(
        "from_contact__name", "to_contact__name", "note")) == [
        (None, "Priya Owner", "Legal has the background; call Ana first."),
        ("Priya Owner", "Omar Owner", "Priya is on leave from Monday."),
    ]


def test_each_new_owner_is_told_and_the_notice_carries_the_note(lead_a_client, letter_a,
                                                                owners):
    priya, _ = owners
    _assign(lead_a_client, letter_a, priya, "Call Ana first.")
    notice = Reminder.objects.get(communication=letter_a, kind=StepKind.ASSIGNED)
    assert notice.contact == priya


def test_taking_the_letter_yourself_sends_no_email(lead_a_client, lead_a, letter_a):
    response = _assign(lead_a_client, letter_a, lead_a.contact, "Mine now.")
    assert "Assigned to Lead A." in response.content.decode()
    assert not Reminder.objects.filter(communication=letter_a, kind=StepKind.ASSIGNED).exists()
    assert letter_a.handovers.get().note == "Mine now."


def test_a_handover_to_another_companys_contact_names_the_field_and_saves_nothing(
        lead_a_client, letter_a, owners, company_b):
    outsider = factories.ContactFactory(company=company_b, name="Someone Else")
    response = lead_a_client.post(reverse("letter-assign", args=[letter_a.pk]),
                                  {"assignee": outsider.pk, "note": "Over to you."})
    assert response.status_code == 400
    form = response.context["assign_form"]
    assert "Select a valid choice" in " ".join(form.errors["assignee"])
    assert "Someone Else" not in response.content.decode()
    letter_a.refresh_from_db()
    assert letter_a.assignee is None
    assert not letter_a.handovers.exists()


def test_assigning_and_logging_a_reply_return_to_the_page_asked_for(lead_a_client, letter_a,
                                                                     owners):
    priya, _ = owners
    response = lead_a_client.post(reverse("letter-assign", args=[letter_a.pk]), {
        "assignee": priya.pk, "note": "", "next": "/my-work/?owner=none"})
    assert response["Location"] == "/my-work/?owner=none"
    response = lead_a_client.post(reverse("reply-log", args=[letter_a.pk]), {
        "kind": "interim", "received_on": "2024-06-10", "body": "Working on it.",
        "next": "/my-work/"})
    assert response["Location"] == "/my-work/"
    response = lead_a_client.post(reverse("reply-log", args=[letter_a.pk]), {
        "kind": "interim", "received_on": "2024-06-10", "body": "Again.",
        "next": "//evil.example/"})
    assert response["Location"] == reverse("letter-detail", args=[letter_a.pk]) + "#timeline"
