"""Which mandates cover my risk: the thesaurus and the topic pages, for everyone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(today, company_a, company_b, privacy_mandate, expression_mandate):
    """Privacy topics on SR privacy, hate speech on SR expression; a published and a
    confidential letter on privacy, a published one on hate speech."""
    privacy_mandate.topics.set(factories.topics(
        "privacy-and-data-protection", "mass-surveillance-and-facial-recognition"))
    expression_mandate.topics.set(factories.topics("hate-speech-and-incitement"))
    published = factories.CommunicationFactory(
        reference="AL OTH 2/2024", company=company_b, sent_on=dt.date(2024, 1, 10),
        subject="Location data retention", mandates=[privacy_mandate],
        topics=["privacy-and-data-protection"])
    confidential = factories.CommunicationFactory(
        reference="AL OTH 20/2024", company=company_a, sent_on=dt.date(2024, 5, 20),
        subject="Secret facial recognition matter", mandates=[privacy_mandate],
        topics=["privacy-and-data-protection", "mass-surveillance-and-facial-recognition"])
    hate = factories.CommunicationFactory(
        reference="AL OTH 3/2024", company=company_a, sent_on=dt.date(2024, 2, 1),
        subject="Hate speech against a minority", mandates=[expression_mandate],
        topics=["hate-speech-and-incitement"])
    return {"published": published, "confidential": confidential, "hate": hate}


def _section(response, key: str):
    return next(section for section in response.context["sections"] if section.key == key)


@pytest.mark.parametrize("client_name", ["anonymous_client", "lead_a_client", "staff_client"])
def test_a_topic_page_lists_its_mandates_and_only_public_letters(request, client_name,
                                                                 tagged):
    client = request.getfixturevalue(client_name)
    response = client.get(reverse("topic-detail", args=["privacy-and-data-protection"]))
    assert response.status_code == 200
    content = response.content.decode()
    assert [m.short_name for m in _section(response, "mandates").items] == ["SR privacy"]
    assert "Held now by <strong>Ana Brian Nougrères</strong>" in content
    letters = _section(response, "letters")
    assert [letter.reference for letter in letters.items] == ["AL OTH 2/2024"]
    # The confidential letter is not shown, nor counted, whoever looks (lead A's own too:
    # the page is public information only).
    assert letters.total == 1
    assert "AL OTH 20/2024" not in content and "Secret facial" not in content
    assert "Public letters to companies <span class=\"muted\">(1)</span>" in content


def test_a_broad_area_includes_its_topics_and_several_topics_show_together(
        anonymous_client, tagged):
    area = anonymous_client.get(reverse("topic-detail", args=["privacy-and-surveillance"]))
    assert [m.short_name for m in _section(area, "mandates").items] == ["SR privacy"]
    assert "Mass surveillance and facial recognition" in area.content.decode()
    both = anonymous_client.get(reverse("topic-index")
                                + "?topic=privacy-and-data-protection"
                                "&topic=hate-speech-and-incitement")
    assert {m.short_name for m in _section(both, "mandates").items} == {
        "SR privacy", "SR expression"}
    assert {letter.reference for letter in _section(both, "letters").items} == {
        "AL OTH 2/2024", "AL OTH 3/2024"}
    assert anonymous_client.get(reverse("topic-index") + "?topic=nope").status_code == 404


def test_the_topic_page_says_who_holds_each_mandate_on_the_day(anonymous_client,
                                                               frozen_today, tagged,
                                                               privacy_mandate):
    factories.MandateHolderFactory(mandate=privacy_mandate, name="Next Rapporteur",
                                   term_start=dt.date(2024, 8, 1),
                                   term_end=dt.date(2027, 7, 31))
    url = reverse("topic-detail", args=["privacy-and-data-protection"])
    frozen_today(dt.date(2024, 7, 31))
    assert "Held now by <strong>Ana Brian Nougrères</strong>" in \
        anonymous_client.get(url).content.decode()
    frozen_today(dt.date(2024, 8, 1))
    content = anonymous_client.get(url).content.decode()
    assert "Held now by <strong>Next Rapporteur</strong>" in content
    assert "Ana Brian Nougrères</strong>" not in content


def test_topic_chips_link_to_the_topic_page_everywhere(anonymous_client, lead_a_client,
                                                       tagged):
    chip = 'href="/topics/privacy-and-data-protection/"'
    assert chip in anonymous_client.get(reverse("public-list")).content.decode()
    assert chip in anonymous_client.get(
        reverse("public-detail", args=[tagged["published"].pk])).content.decode()
    assert chip in lead_a_client.get(
        reverse("letter-detail", args=[tagged["confidential"].pk])).content.decode()
    assert chip in anonymous_client.get(reverse("mandate-list")).content.decode()
    index = anonymous_client.get(reverse("topic-index")).content.decode()
    assert chip in index and 'name="topic" value="artificial-intelligence"' in index


def test_letter_lists_filter_by_topic(anonymous_client, lead_a_client, tagged):
    register = anonymous_client.get(reverse("public-list") + "?topic=privacy-and-surveillance")
    assert [letter.reference for letter in register.context["page"]] == ["AL OTH 2/2024"]
    ours = lead_a_client.get(reverse("letter-list") + "?topic=privacy-and-surveillance")
    assert [letter.reference for letter in ours.context["page"]] == ["AL OTH 20/2024"]


def test_a_company_user_follows_and_unfollows_a_topic(lead_a_client, anonymous_client,
                                                      staff_client, lead_a, tagged):
    url = reverse("topic-follow", args=["artificial-intelligence"])
    response = lead_a_client.post(url, {"follow": "1"}, follow=True)
    assert "You follow Artificial intelligence" in response.content.decode()
    assert "Stop following Artificial intelligence" in response.content.decode()
    assert list(lead_a.topic_follows.values_list("topic__slug", flat=True)) == [
        "artificial-intelligence"]
    lead_a_client.post(url, {"follow": "0"})
    assert not lead_a.topic_follows.exists()
    assert staff_client.post(url, {"follow": "1"}).status_code == 403
    assert anonymous_client.post(url, {"follow": "1"}).status_code == 302  # sign in
    assert "Follow Artificial" not in anonymous_client.get(
        reverse("topic-detail", args=["artificial-intelligence"])).content.decode()


def test_a_topic_page_issues_a_constant_number_of_queries(anonymous_client, lead_a_client,
                                                          tagged, company_b):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("topic-detail", args=["privacy-and-surveillance"])

    def queries(client) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = (queries(anonymous_client), queries(lead_a_client))
    for n in range(6):
        mandate = factories.MandateFactory(topics=["data-localisation"])
        factories.MandateHolderFactory(mandate=mandate, term_start=dt.date(2023, 1, 1),
                                       term_end=dt.date(2025, 12, 31))
        factories.CommunicationFactory(company=company_b, sent_on=dt.date(2023, 6, 1 + n),
                                       mandates=[mandate], topics=["data-localisation"])
    assert (queries(anonymous_client), queries(lead_a_client)) == before
