"""Bad input is a clear error naming the field, and nothing is saved: on the services,
the API and the pages."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from dialogues import services
from dialogues.models import Dialogue, FollowUpAction, Question
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_action_due_before_its_dialogue_is_refused(scene, staff_client):
    before = FollowUpAction.objects.count()
    with pytest.raises(ValidationError) as error:
        services.action_create(dialogue=scene.confidential, description="Too early",
                               due_on=dt.date(2021, 5, 1), owner_kind="contact",
                               owner_contact=scene.contact_a)
    assert "due_on" in error.value.message_dict
    response = staff_client.post("/api/v1/actions/", {
        "dialogue": scene.confidential.pk, "description": "Too early", "due_on": "2021-05-01",
        "owner_kind": "contact", "owner_contact": scene.contact_a.pk},
        content_type="application/json")
    assert response.status_code == 400
    assert "12 May 2021" in json.loads(response.content)["due_on"][0]
    assert FollowUpAction.objects.count() == before


def test_a_participant_that_is_not_a_company_is_refused(staff_client, company_a, contact_of):
    contact = contact_of(company_a)
    response = staff_client.post("/api/v1/dialogues/", {
        "title": "A dialogue", "starts_at": "2024-05-01T10:00:00Z", "format": "bilateral",
        "companies": [company_a.pk, 999_999]}, content_type="application/json")
    assert response.status_code == 400 and "companies" in json.loads(response.content)
    # A contact given as a participant company is not a company either.
    with pytest.raises(ValidationError) as error:
        services.dialogue_create(title="x", starts_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC),
                                 format="bilateral", companies=[contact])
    assert "companies" in error.value.message_dict
    # A representative of a company that did not take part.
    other = factories.ContactFactory()
    with pytest.raises(ValidationError) as error:
        services.dialogue_create(title="x", starts_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC),
                                 format="bilateral", companies=[company_a],
                                 representatives=[other])
    assert "representatives" in error.value.message_dict
    assert not Dialogue.objects.exists()


def test_a_question_on_a_dialogue_out_of_sight_is_a_404(scene, lead_b_client):
    before = Question.objects.count()
    response = lead_b_client.post(
        f"/api/v1/dialogues/{scene.confidential.pk}/questions/",
        {"text": "Leak?", "asked_by_kind": "other", "asked_by_name": "B"},
        content_type="application/json")
    assert response.status_code == 404
    page = lead_b_client.post(
        f"/dialogues/{scene.confidential.pk}/questions/{scene.question.pk}/answer/",
        {f"q{scene.question.pk}-answer": "Leak"})
    assert page.status_code == 404
    assert Question.objects.count() == before


def test_a_closing_note_is_needed_to_mark_an_action_done_on_the_page(scene, lead_a_client):
    response = lead_a_client.post(f"/actions/{scene.action.pk}/", {"status": "done",
                                                                  "closing_note": " "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page and "Say what was done" in page
    assert FollowUpAction.objects.get(pk=scene.action.pk).status == "open"


def test_an_owner_from_a_company_that_did_not_take_part_is_refused(scene, staff_client):
    response = staff_client.post("/api/v1/actions/", {
        "dialogue": scene.confidential.pk, "description": "x", "due_on": "2024-07-01",
        "owner_kind": "contact", "owner_contact": scene.contact_b.pk},
        content_type="application/json")
    assert response.status_code == 400 and "owner_contact" in json.loads(response.content)


def test_a_commitment_in_a_reply_becomes_an_action_of_the_company(scene, lead_b_client):
    response = lead_b_client.post("/api/v1/actions/", {
        "response": scene.reply_b.pk, "description": "Publish the removal figures quarterly",
        "due_on": "2024-09-30", "owner_kind": "contact", "owner_contact": scene.contact_b.pk},
        content_type="application/json")
    assert response.status_code == 201, response.content
    body = json.loads(response.content)
    assert body["source"] == {"kind": "reply", "id": scene.reply_b.pk,
                              "title": scene.letter_b.reference}
    assert body["communication"] == scene.letter_b.pk
    assert body["company"] == scene.letter_b.company_id
    # It shows on the letter's page, with the form for the next one.
    page = lead_b_client.get(f"/letters/{scene.letter_b.pk}/").content.decode()
    assert "Publish the removal figures quarterly" in page
    assert "Record a commitment in the reply" in page
    # A company user may record only from a reply to their own letter.
    refused = lead_b_client.post("/api/v1/actions/", {
        "dialogue": scene.public.pk, "description": "x", "due_on": "2024-09-30",
        "owner_kind": "contact", "owner_contact": scene.contact_b.pk},
        content_type="application/json")
    assert refused.status_code == 400  # that dialogue is out of their sight


@pytest.fixture
def contact_of():
    return lambda company: factories.ContactFactory(company=company)
