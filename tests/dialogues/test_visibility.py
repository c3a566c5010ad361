"""Who sees which dialogue, question, document and action: staff, the lead of a company
that took part (A), the lead of another company (B) and an anonymous visitor, over every
page, API route and method, and the calendar feed."""

from __future__ import annotations

import json

import pytest
from django.core.files.base import ContentFile

from accounts.models import CalendarFeed
from dialogues import services
from dialogues.models import ActionStatus, FollowUpAction, Question
from tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db

SECRET = "Confidential minutes"


def _client(request, persona):
    return request.getfixturevalue(f"{persona}_client")


# --- web pages --------------------------------------------------------------------------

@pytest.mark.parametrize(("persona", "status"), [
    ("staff", 200), ("lead_a", 200), ("lead_b", 404), ("anonymous", 302)])
def test_the_confidential_dialogue_page(request, scene, persona, status):
    response = _client(request, persona).get(f"/dialogues/{scene.confidential.pk}/")
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert SECRET in page and "How are companies engaging" in page
        assert "Facebook" in page  # the name Meta had on 12 May 2021
        assert "Mary Lawlor" in page  # the holder on the day
    elif status == 302:
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("persona", "titles"), [
    ("staff", {"B-Tech dialogue with mandate holders", "Public multi-stakeholder dialogue"}),
    ("lead_a", {"B-Tech dialogue with mandate holders"}),
    ("lead_b", set())])
def test_the_dialogue_list_shows_only_what_each_may_see(request, scene, persona, titles):
    page = _client(request, persona).get("/dialogues/").content.decode()
    for title in {"B-Tech dialogue with mandate holders", "Public multi-stakeholder dialogue"}:
        assert (title in page) == (title in titles), title


@pytest.mark.parametrize(("persona", "status"), [
    ("staff", 200), ("lead_a", 200), ("lead_b", 404)])
def test_a_dialogue_document(request, scene, staff, persona, status):
    document = services.document_add(dialogue=scene.confidential, title="Agenda",
                                     file=ContentFile(PDF_BYTES, name="agenda.pdf"))
    response = _client(request, persona).get(
        f"/dialogues/{scene.confidential.pk}/documents/{document.pk}.pdf")
    assert response.status_code == status


@pytest.mark.parametrize(("persona", "status"), [
    ("staff", 302), ("lead_a", 302), ("lead_b", 404)])
def test_answering_a_question_on_the_page(request, scene, persona, status):
    response = _client(request, persona).post(
        f"/dialogues/{scene.confidential.pk}/questions/{scene.question.pk}/answer/",
        {f"q{scene.question.pk}-answer": "Through a dedicated escalation channel."})
    assert response.status_code == status
    answered = Question.objects.get(pk=scene.question.pk).answer
    assert (answered != "") == (status == 302)


@pytest.mark.parametrize(("persona", "visible"), [
    ("staff", {"Share the escalation", "Send participants", "Publish the audit"}),
    ("lead_a", {"Share the escalation", "Send participants"}),
    ("lead_b", {"Publish the audit"})])
def test_the_action_list(request, scene, persona, visible):
    page = _client(request, persona).get("/actions/").content.decode()
    for text in ("Share the escalation", "Send participants", "Publish the audit"):
        assert (text in page) == (text in visible), text


@pytest.mark.parametrize(("persona", "get", "post"), [
    ("staff", 200, 302), ("lead_a", 200, 302), ("lead_b", 404, 404), ("anonymous", 302, 302)])
def test_an_action_page_and_marking_it_done(request, scene, persona, get, post):
    client = _client(request, persona)
    url = f"/actions/{scene.action.pk}/"
    assert client.get(url).status_code == get
    response = client.post(url, {"status": "done", "closing_note": "Shared on 3 June."})
    assert response.status_code == post
    done = FollowUpAction.objects.get(pk=scene.action.pk).status == ActionStatus.DONE
    assert done == (persona in ("staff", "lead_a"))


def test_a_lead_may_see_but_not_update_an_action_owned_by_ohchr(lead_a_client, scene):
    url = f"/actions/{scene.staff_action.pk}/"
    assert lead_a_client.get(url).status_code == 200
    assert lead_a_client.post(url, {"status": "done", "closing_note": "x"}).status_code == 403


@pytest.mark.parametrize(("persona", "status"), [("lead_a", 404), ("lead_b", 302),
                                                  ("staff", 302)])
def test_recording_a_commitment_from_a_reply(request, scene, persona, status):
    response = _client(request, persona).post(
        f"/letters/{scene.letter_b.pk}/replies/{scene.reply_b.pk}/commitment/",
        {"description": "Publish a transparency report on removals",
         "due_on": "2024-09-30", "owner_contact": scene.contact_b.pk})
    assert response.status_code == status
    created = FollowUpAction.objects.filter(description__startswith="Publish a transparency")
    assert created.exists() == (status == 302)


@pytest.mark.parametrize("persona", ["staff", "lead_a", "lead_b", "anonymous"])
def test_the_public_register_shows_only_public_summaries(request, scene, persona):
    client = _client(request, persona)
    listing = client.get("/public/dialogues/").content.decode()
    assert "Public multi-stakeholder dialogue" in listing
    assert "B-Tech dialogue with mandate holders" not in listing
    page = client.get(f"/public/dialogues/{scene.public.pk}/").content.decode()
    assert "The public summary of the ISHR dialogue." in page
    assert "Minutes never shown" not in page
    assert client.get(f"/public/dialogues/{scene.confidential.pk}/").status_code == 404


@pytest.mark.parametrize(("persona", "uids"), [
    ("staff", {"action", "staff_action", "letter_action_b"}),
    ("lead_a", {"action", "staff_action"}),
    ("lead_b", {"letter_action_b"})])
def test_the_calendar_feed_carries_the_actions_each_may_see(request, scene, client, persona,
                                                            uids):
    user = request.getfixturevalue(persona)
    feed = CalendarFeed.objects.create(user=user)
    body = client.get(f"/calendar/{feed.token}.ics").content.decode()
    for name in ("action", "staff_action", "letter_action_b"):
        uid = f"action-{getattr(scene, name).pk}-due@"
        assert (uid in body) == (name in uids), name


# --- API --------------------------------------------------------------------------------

def _json(response):
    return json.loads(response.content)


@pytest.mark.parametrize(("persona", "count"), [("staff", 2), ("lead_a", 1), ("lead_b", 0)])
def test_api_dialogue_list(request, scene, persona, count):
    body = _json(_client(request, persona).get("/api/v1/dialogues/"))
    assert body["count"] == count


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete", "options"])
def test_api_another_companys_dialogue_is_a_404_on_every_method(lead_b_client, scene, method):
    url = f"/api/v1/dialogues/{scene.confidential.pk}/"
    send = getattr(lead_b_client, method)
    response = (send(url, data="{}", content_type="application/json")
                if method in ("put", "patch") else send(url))
    assert response.status_code == 404
    for nested in (f"{url}questions/", f"{url}questions/{scene.question.pk}/"):
        assert lead_b_client.get(nested).status_code == 404
    assert lead_b_client.post(f"{url}questions/", {"text": "x", "asked_by_kind": "other",
                                                   "asked_by_name": "B"},
                              content_type="application/json").status_code == 404
    assert lead_b_client.patch(f"{url}questions/{scene.question.pk}/", {"answer": "x"},
                               content_type="application/json").status_code == 404
    assert lead_b_client.get(f"/api/v1/actions/{scene.action.pk}/").status_code == 404
    assert lead_b_client.patch(f"/api/v1/actions/{scene.action.pk}/", {"status": "done"},
                               content_type="application/json").status_code == 404


def test_api_anonymous_gets_nothing_confidential(anonymous_client, scene):
    for url in ("/api/v1/dialogues/", f"/api/v1/dialogues/{scene.confidential.pk}/",
                f"/api/v1/dialogues/{scene.confidential.pk}/questions/", "/api/v1/actions/"):
        assert anonymous_client.get(url).status_code in (401, 403), url
    public = _json(anonymous_client.get("/api/v1/public/dialogues/"))
    assert [row["title"] for row in public["results"]] == ["Public multi-stakeholder dialogue"]
    assert "summary" not in public["results"][0]


def test_api_a_participating_lead_reads_but_does_not_change_the_dialogue(lead_a_client, scene):
    url = f"/api/v1/dialogues/{scene.confidential.pk}/"
    body = _json(lead_a_client.get(url))
    assert body["summary"].startswith(SECRET)
    assert [p["name_then"] for p in body["participants"]] == ["Facebook", "Microsoft"]
    assert lead_a_client.patch(url, {"title": "x"},
                               content_type="application/json").status_code == 403
    assert lead_a_client.post(f"{url}questions/", {"text": "x", "asked_by_kind": "other",
                                                   "asked_by_name": "A"},
                              content_type="application/json").status_code == 403


def test_api_the_addressed_company_answers_its_question(lead_a_client, scene):
    url = f"/api/v1/dialogues/{scene.confidential.pk}/questions/{scene.question.pk}/"
    response = lead_a_client.patch(url, {"answer": "Through our escalation channel."},
                                   content_type="application/json")
    assert response.status_code == 200, response.content
    assert _json(response)["answered_on"] == "2024-06-10"


@pytest.mark.parametrize(("persona", "ids"), [
    ("staff", {"action", "staff_action", "letter_action_b"}),
    ("lead_a", {"action", "staff_action"}),
    ("lead_b", {"letter_action_b"})])
def test_api_action_list(request, scene, persona, ids):
    body = _json(_client(request, persona).get("/api/v1/actions/"))
    assert {row["id"] for row in body["results"]} == {getattr(scene, n).pk for n in ids}


def test_api_the_owner_company_marks_its_action_done_with_a_closing_note(lead_a_client, scene):
    url = f"/api/v1/actions/{scene.action.pk}/"
    refused = lead_a_client.patch(url, {"status": "done"}, content_type="application/json")
    assert refused.status_code == 400 and "closing_note" in _json(refused)
    assert FollowUpAction.objects.get(pk=scene.action.pk).status == "open"
    done = lead_a_client.patch(url, {"status": "done", "closing_note": "Shared."},
                               content_type="application/json")
    assert done.status_code == 200 and _json(done)["status"] == "done"
    # Another field than the status: staff only.
    assert lead_a_client.patch(url, {"due_on": "2024-12-01"},
                               content_type="application/json").status_code == 400
    staff_action = f"/api/v1/actions/{scene.staff_action.pk}/"
    assert lead_a_client.patch(staff_action, {"status": "in_progress"},
                               content_type="application/json").status_code == 403
