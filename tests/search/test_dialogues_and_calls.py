"""Dialogues, their questions and calls for input in the search, for the four personas.

Meta (company A) took part in two dialogues, Google (company B) in neither: a
confidential one, and a public one whose confidential minutes hold a word ("pangolin")
found nowhere public. A question raised in the public dialogue is as confidential as its
minutes. A call for input is public, found by a word of its questions.
"""

from __future__ import annotations

import pytest

from dialogues import services as dialogue_services
from tests import factories
from topics.models import Topic

NONE = {"letter": 0, "reply": 0, "note": 0, "mandate": 0, "company": 0, "dialogue": 0,
        "question": 0, "call": 0}


@pytest.fixture
def dialogues(company_a):
    topic = Topic.objects.create(slug="content-moderation-test", name="Okapi moderation")
    confidential = factories.DialogueFactory(
        title="Okapi roundtable", companies=[company_a], agenda="Narwhal tracking",
        summary="Pangolin data was discussed.", topics=[topic])
    public = factories.DialogueFactory(
        title="Okapi open session", companies=[company_a], confidentiality="public",
        summary="Okapi minutes: Pangolin secrets of each company.",
        public_summary="Okapi safeguards were presented.")
    factories.QuestionFactory(dialogue=public, text="Will Axolotl users be told?")
    return {"confidential": confidential, "public": public, "topic": topic}


FOUND = {
    # persona: {word: dialogues found}
    "staff": {"okapi": 2, "pangolin": 2, "narwhal": 1, "axolotl": 0},
    "lead_a": {"okapi": 2, "pangolin": 2, "narwhal": 1, "axolotl": 0},
    "lead_b": {"okapi": 1, "pangolin": 0, "narwhal": 0, "axolotl": 0},
    "anonymous": {"okapi": 1, "pangolin": 0, "narwhal": 0, "axolotl": 0},
}
QUESTIONS = {"staff": 1, "lead_a": 1, "lead_b": 0, "anonymous": 0}


@pytest.mark.parametrize("persona", list(FOUND))
def test_a_dialogue_is_found_in_full_only_by_staff_and_those_who_took_part(
        persona, dialogues, api_for):
    client = api_for(persona)
    for word, found in FOUND[persona].items():
        answer = client.get("/api/v1/search/", {"q": word})
        body = answer.json()
        questions = QUESTIONS[persona] if word == "axolotl" else 0
        assert body["facets"] == {**NONE, "dialogue": found, "question": questions}, word
        assert body["count"] == found + questions == len(body["results"])
        if persona in ("lead_b", "anonymous"):
            # Not a word of the minutes, the agenda or the questions, not even in a
            # snippet of the public dialogue.
            page = answer.content.decode()
            for secret in ("Pangolin", "Narwhal", "Axolotl", "roundtable"):
                assert secret not in page, (word, secret)


def test_others_are_led_to_the_public_page_and_staff_to_the_dialogue(dialogues, api_for):
    public = dialogues["public"]
    visitor = api_for("anonymous").get("/api/v1/search/", {"q": "okapi"}).json()
    assert [row["url"].removeprefix("http://testserver") for row in visitor["results"]] == [
        f"/public/dialogues/{public.pk}/"]
    assert "<mark>Okapi</mark> safeguards" in visitor["results"][0]["snippet"]
    staff = api_for("staff").get("/api/v1/search/", {"q": "narwhal"}).json()
    assert staff["results"][0]["url"].endswith(f"/dialogues/{dialogues['confidential'].pk}/")


def test_a_question_links_to_its_dialogue(dialogues, api_for):
    answer = api_for("lead_a").get("/api/v1/search/", {"q": "axolotl", "kind": "question"})

    row = answer.json()["results"][0]
    assert row["kind"] == "question"
    assert row["title"] == "Question in Okapi open session"
    assert row["url"].endswith(f"/dialogues/{dialogues['public'].pk}/")


def test_a_dialogue_made_confidential_is_no_longer_found_by_visitors(dialogues, api_for):
    visitor = api_for("anonymous")
    assert visitor.get("/api/v1/search/", {"q": "safeguards"}).json()["count"] == 1

    dialogue_services.dialogue_update(dialogue=dialogues["public"],
                                      confidentiality="confidential")

    assert visitor.get("/api/v1/search/", {"q": "safeguards"}).json()["facets"] == NONE


def test_the_topic_filter_keeps_the_dialogues_and_calls_of_the_topic(dialogues, api_for):
    factories.CallFactory(title="Okapi call", topics=[dialogues["topic"]])
    factories.CallFactory(title="Okapi call without the topic")

    answer = api_for("staff").get("/api/v1/search/",
                                  {"q": "okapi", "topic": dialogues["topic"].pk}).json()

    assert answer["facets"] == {**NONE, "dialogue": 1, "call": 1}


@pytest.mark.parametrize("persona", list(FOUND))
def test_a_call_for_input_is_found_by_everyone_by_a_word_of_its_questions(
        persona, api_for):
    call = factories.CallFactory(
        title="Call on platform accountability",
        questions="1. How do platforms protect Wombat defenders online?")

    answer = api_for(persona).get("/api/v1/search/", {"q": "wombat"}).json()

    assert answer["facets"] == {**NONE, "call": 1}
    row = answer["results"][0]
    assert row["title"] == "Call on platform accountability"
    assert "<mark>Wombat</mark>" in row["snippet"]
    page = "public/calls" if persona == "anonymous" else "calls"
    assert row["url"].endswith(f"/{page}/{call.pk}/")
