"""The OpenAPI schema documents the new routes; the admin writes through the services
and lists without a full count; the demo tells the seeds' story."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command

from dialogues.models import ActionStatus, Dialogue, DialogueCompany, FollowUpAction, Question

pytestmark = pytest.mark.django_db


def test_the_schema_documents_dialogues_questions_and_actions(anonymous_client):
    schema = json.loads(anonymous_client.get("/api/v1/schema/?format=json").content)
    for path in ("/api/v1/dialogues/", "/api/v1/dialogues/{id}/",
                 "/api/v1/dialogues/{dialogue_pk}/questions/",
                 "/api/v1/dialogues/{dialogue_pk}/questions/{id}/", "/api/v1/actions/",
                 "/api/v1/actions/{id}/", "/api/v1/public/dialogues/"):
        assert path in schema["paths"], path
    parameters = {p["name"] for p in schema["paths"]["/api/v1/actions/"]["get"]["parameters"]}
    assert {"status", "overdue", "company", "due_after", "ordering"} <= parameters


def test_admin_lists_and_a_dialogue_recorded_through_the_service(staff_client, scene):
    for model in ("dialogue", "question", "followupaction", "dialoguedocument",
                  "actionreminder"):
        assert staff_client.get(f"/admin/dialogues/{model}/").status_code == 200, model
    assert staff_client.get(f"/admin/dialogues/dialogue/{scene.confidential.pk}/change/"
                            ).status_code == 200
    company = scene.contact_a.company
    response = staff_client.post("/admin/dialogues/dialogue/add/", {
        "title": "Bilateral with Meta", "starts_at_0": "2021-06-01", "starts_at_1": "10:00",
        "format": "bilateral", "organiser_kind": "ohchr", "confidentiality": "confidential",
        "participant_companies": [company.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    added = Dialogue.objects.get(title="Bilateral with Meta")
    assert DialogueCompany.objects.get(dialogue=added).name_then == "Facebook"


def test_admin_refuses_an_action_due_before_its_dialogue_and_saves_nothing(staff_client,
                                                                           scene):
    before = FollowUpAction.objects.count()
    response = staff_client.post("/admin/dialogues/followupaction/add/", {
        "dialogue": scene.confidential.pk, "description": "Too early",
        "owner_kind": "contact", "owner_contact": scene.contact_a.pk,
        "due_on": "2021-01-01", "status": "open"})
    assert response.status_code == 200
    assert "is due on or after the dialogue" in response.content.decode()
    assert FollowUpAction.objects.count() == before


def test_the_demo_loads_the_three_2021_dialogues_once(frozen_today):
    frozen_today(dt.date(2024, 6, 10))
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # idempotent
    dialogues = {d.held_on: d for d in Dialogue.objects.all()}
    assert sorted(dialogues) == [dt.date(2021, 5, 12), dt.date(2021, 11, 10),
                                 dt.date(2021, 12, 9)]
    may = dialogues[dt.date(2021, 5, 12)]
    assert may.mandates.count() == 6 and may.participations.count() == 12
    names = set(may.participations.values_list("name_then", flat=True))
    assert "Facebook" in names and "Twitter" in names and "Meta" not in names
    december = set(dialogues[dt.date(2021, 12, 9)].participations.values_list("name_then",
                                                                              flat=True))
    assert "Meta" in december
    texts = list(Question.objects.values_list("text", flat=True))
    for quoted in ("How are companies engaging with human rights defenders?",
                   "Are there measures in place to permanently remove [child] abuse material?",
                   "What is the proposed methodology to put the issue [of human rights and "
                   "cyber security] on the radar"):
        assert any(text.startswith(quoted) for text in texts), quoted
    statuses = set(FollowUpAction.objects.values_list("status", flat=True))
    assert statuses == set(ActionStatus.values)
    soon = FollowUpAction.objects.get(owner_contact__user__username="meta-lead")
    assert soon.status == "open" and soon.due_on == dt.date(2024, 6, 15)
