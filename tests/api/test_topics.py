"""Topics over the API: the thesaurus, what is public about a topic, the watchlist, the
letters' topics and `?topic=` on the letter and mandate lists."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import factories
from topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(company_a, company_b, privacy, letter_b):
    """SR privacy covers data protection; Ana holds it today (1 March 2024). A published
    letter to Meta and the confidential letter_b to Google carry the topic."""
    privacy.topics.set(factories.topics("privacy-and-data-protection"))
    factories.MandateHolderFactory(mandate=privacy, name="Ana Brian Nougrères",
                                   term_start=dt.date(2021, 8, 1), term_end=dt.date(2024, 7, 31))
    letter_b.topics.set(factories.topics("privacy-and-data-protection"))
    return factories.CommunicationFactory(
        reference="AL OTH 9/2023", company=company_a, sent_on=dt.date(2023, 10, 2),
        subject="Retention of location data", mandates=[privacy],
        topics=["privacy-and-data-protection"])


def test_the_thesaurus_in_two_levels_in_the_readers_language(anonymous_api):
    areas = anonymous_api.get("/api/v1/topics/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert len(areas) == 5 and all(area["parent"] is None for area in areas)
    technology = next(a for a in areas if a["slug"] == "technology-and-society")
    ai = next(t for t in technology["children"] if t["slug"] == "artificial-intelligence")
    assert ai["name"] == "Intelligence artificielle" and ai["parent"] == technology["id"]


@pytest.mark.parametrize("persona", ["staff", "lead_a", "lead_b", "anonymous"])
def test_a_topic_shows_its_mandates_with_todays_holders_and_public_letters_only(
        personas, persona, tagged, letter_b):
    topic = Topic.objects.get(slug="privacy-and-data-protection")
    for handle in (topic.slug, topic.pk):
        answer = personas[persona].get(f"/api/v1/topics/{handle}/")
        assert answer.status_code == 200
        sections = {section["key"]: section for section in answer.json()["sections"]}
        mandates = sections["mandates"]["items"]
        assert [m["short_name"] for m in mandates] == ["SR privacy"]
        assert [h["name"] for h in mandates[0]["holders_today"]] == ["Ana Brian Nougrères"]
        # The confidential letter is in no list and no count, whoever asks.
        assert sections["letters"]["total"] == 1
        assert [item["reference"] for item in sections["letters"]["items"]] == ["AL OTH 9/2023"]
        assert "UA OTH 3/2024" not in answer.content.decode()


def test_several_topics_together_and_bad_topics(anonymous_api, tagged):
    answer = anonymous_api.get("/api/v1/topics/coverage/?topic=privacy-and-surveillance"
                               "&topic=artificial-intelligence")
    assert answer.status_code == 200
    body = answer.json()
    assert [t["slug"] for t in body["topics"]] == ["privacy-and-surveillance",
                                                   "artificial-intelligence"] or \
        {t["slug"] for t in body["topics"]} == {"privacy-and-surveillance",
                                                "artificial-intelligence"}
    assert "privacy-and-data-protection" in {t["slug"] for t in body["covers"]}
    assert anonymous_api.get("/api/v1/topics/coverage/?topic=nope").status_code == 400
    assert anonymous_api.get("/api/v1/topics/coverage/").json() == {
        "topic": ["Name at least one topic: ?topic=<slug>."]}
    assert anonymous_api.get("/api/v1/topics/nope/").status_code == 404


def test_a_company_user_follows_topics_and_others_may_not(personas, lead_a):
    lead = personas["lead_a"]
    assert lead.post("/api/v1/topics/artificial-intelligence/follow/").json() == [
        {"id": Topic.objects.get(slug="artificial-intelligence").pk,
         "slug": "artificial-intelligence", "name": "Artificial intelligence"}]
    assert lead.post("/api/v1/topics/artificial-intelligence/follow/").status_code == 200
    assert [t["slug"] for t in lead.get("/api/v1/topics/following/").json()] == [
        "artificial-intelligence"]
    assert lead.get("/api/v1/topics/artificial-intelligence/").json()["following"] == [
        "artificial-intelligence"]
    assert lead.delete("/api/v1/topics/artificial-intelligence/follow/").json() == []
    assert personas["staff"].post("/api/v1/topics/deep-fakes/follow/").status_code == 403
    assert personas["anonymous"].post("/api/v1/topics/deep-fakes/follow/").status_code in (
        401, 403)
    assert not lead_a.topic_follows.exists()


def test_staff_write_a_letters_topics_and_lists_filter_by_them(staff_api, lead_a_api,
                                                               company_a, privacy, tagged,
                                                               letter_a):
    answer = staff_api.post("/api/v1/communications/", {
        "reference": "OL OTH 7/2024", "letter_type": "OL", "company": company_a.pk,
        "mandates": [privacy.pk], "sent_on": "2024-02-29", "subject": "Face search engine",
        "topics": [Topic.objects.get(slug="mass-surveillance-and-facial-recognition").pk],
    }, format="json")
    assert answer.status_code == 201, answer.json()
    assert answer.json()["topic_slugs"] == ["mass-surveillance-and-facial-recognition"]
    letter_id = answer.json()["id"]
    ai = Topic.objects.get(slug="artificial-intelligence")
    answer = staff_api.patch(f"/api/v1/communications/{letter_id}/", {"topics": [ai.pk]},
                             format="json", HTTP_ACCEPT_LANGUAGE="es")
    assert answer.json()["topic_names"] == ["Inteligencia artificial"]
    # A lead routes letters; topics are OHCHR's to set.
    answer = lead_a_api.patch(f"/api/v1/communications/{letter_a.pk}/", {"topics": [ai.pk]},
                              format="json")
    assert answer.status_code == 400 and "topics" in answer.json()
    listed = staff_api.get("/api/v1/communications/?topic=privacy-and-surveillance").json()
    assert {row["reference"] for row in listed["results"]} == {"AL OTH 9/2023",
                                                               "UA OTH 3/2024"}
    assert all("topic_slugs" in row for row in listed["results"])
    public = staff_api.get("/api/v1/public/communications/?topic=privacy-and-data-protection")
    assert [row["reference"] for row in public.json()["results"]] == ["AL OTH 9/2023"]
    bad = staff_api.get("/api/v1/communications/?topic=nope")
    assert bad.status_code == 400 and "topic" in bad.json()


def test_the_mandate_api_gives_topics_holders_term_end_and_counts_per_persona(
        personas, tagged, letter_b, privacy, expression):
    def mandates(persona: str, query: str = "") -> dict[str, dict]:
        answer = personas[persona].get(f"/api/v1/mandates/{query}")
        assert answer.status_code == 200, answer.json()
        return {row["short_name"]: row for row in answer.json()["results"]}

    staff = mandates("staff")["SR privacy"]
    assert [t["slug"] for t in staff["topics"]] == ["privacy-and-data-protection"]
    assert [h["name"] for h in staff["current_holders"]] == ["Ana Brian Nougrères"]
    assert staff["term_ends_on"] == "2024-07-31" and staff["term_ends_soon"] is True
    assert staff["letters_signed"] == 2  # the published letter and letter_b
    assert mandates("lead_a")["SR privacy"]["letters_signed"] == 1  # published only
    assert mandates("lead_b")["SR privacy"]["letters_signed"] == 1  # not even its own
    assert set(mandates("lead_a", "?topic=privacy-and-surveillance")) == {"SR privacy"}
    assert set(mandates("lead_a", "?has_letters=true")) == {"SR privacy"}
    assert set(mandates("staff", "?has_letters=false")) == {"SR freedom of expression"}


def test_a_topic_costs_the_same_queries_for_one_mandate_and_for_many(anonymous_api,
                                                                     company_b):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert anonymous_api.get("/api/v1/topics/deep-fakes/").status_code == 200
        return len(captured)

    def add_mandate_with_letter(n: int) -> None:
        mandate = factories.MandateFactory(topics=["deep-fakes"])
        factories.MandateHolderFactory(mandate=mandate, term_start=dt.date(2023, 1, 1),
                                       term_end=dt.date(2025, 12, 31))
        factories.CommunicationFactory(company=company_b, sent_on=dt.date(2023, 6, 1 + n),
                                       mandates=[mandate], topics=["deep-fakes"])

    add_mandate_with_letter(0)
    one = queries()
    for n in range(1, 8):
        add_mandate_with_letter(n)
    assert queries() == one


def test_a_nul_byte_in_a_topic_is_an_unknown_topic_not_an_error(anonymous_api, staff_api,
                                                                client):
    assert anonymous_api.get("/api/v1/topics/coverage/?topic=a%00b").status_code == 400
    answer = staff_api.get("/api/v1/mandates/?topic=a%00b")
    assert answer.status_code == 400 and "topic" in answer.json()
    assert staff_api.get("/api/v1/communications/?topic=%00").status_code == 400
    assert client.get("/topics/?topic=a%00b").status_code == 404
    assert client.get("/public/?topic=a%00b").status_code == 200
    assert client.get("/mandates/?topic=a%00b").status_code == 200
