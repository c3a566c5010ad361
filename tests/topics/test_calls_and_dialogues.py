"""Calls for input and dialogues on the topic page, its API, the weekly digest and the
mandate directory: open calls only, public dialogues only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories
from topics.models import Topic, TopicFollow

pytestmark = pytest.mark.django_db


def _section(response, key: str):
    return next(section for section in response.context["sections"] if section.key == key)


@pytest.fixture
def on_privacy(today, privacy_mandate, expression_mandate):
    privacy = factories.topics("privacy-and-data-protection")
    hate = factories.topics("hate-speech-and-incitement")
    return {
        "open": factories.CallFactory(title="Privacy and data brokers", topics=privacy,
                                      mandates=[privacy_mandate]),
        "closed": factories.CallFactory(
            title="Privacy call already closed", topics=privacy, mandates=[privacy_mandate],
            opened_on=today - dt.timedelta(days=60), deadline=today - dt.timedelta(days=1)),
        "elsewhere": factories.CallFactory(title="Hate speech online", topics=hate,
                                           mandates=[expression_mandate]),
        "public": factories.DialogueFactory(
            title="Open forum on privacy", confidentiality="public", topics=privacy,
            starts_at=dt.datetime.combine(today + dt.timedelta(days=20), dt.time(13),
                                          tzinfo=dt.UTC),
            public_summary="A public exchange on data protection."),
        "confidential": factories.DialogueFactory(
            title="Closed-door privacy briefing", confidentiality="confidential",
            topics=privacy, public_summary="Never on the topic page.",
            starts_at=dt.datetime.combine(today + dt.timedelta(days=10), dt.time(13),
                                          tzinfo=dt.UTC)),
    }


@pytest.mark.parametrize("client_name", ["anonymous_client", "lead_a_client", "staff_client"])
def test_the_topic_page_shows_open_calls_and_upcoming_public_dialogues_only(
        request, client_name, on_privacy):
    client = request.getfixturevalue(client_name)
    response = client.get(reverse("topic-detail", args=["privacy-and-data-protection"]))
    content = response.content.decode()
    calls = _section(response, "calls")
    assert [call.title for call in calls.items] == ["Privacy and data brokers"]
    assert reverse("public-call-detail", args=[on_privacy["open"].pk]) in content
    assert "already closed" not in content and "Hate speech online" not in content
    dialogues = _section(response, "dialogues")
    assert [d.title for d in dialogues.items] == ["Open forum on privacy"]
    assert dialogues.total == 1  # the confidential one is not even counted
    assert "Upcoming public dialogues <span class=\"muted\">(1)</span>" in content
    assert "Closed-door" not in content and "Never on the topic page" not in content


def test_the_topic_api_has_open_calls_and_public_dialogues(anonymous_client, on_privacy):
    data = anonymous_client.get("/api/v1/topics/privacy-and-data-protection/").json()
    sections = {section["key"]: section for section in data["sections"]}
    assert [c["title"] for c in sections["calls"]["items"]] == ["Privacy and data brokers"]
    assert [d["title"] for d in sections["dialogues"]["items"]] == ["Open forum on privacy"]
    assert "Closed-door" not in str(data)


def test_the_topic_page_queries_do_not_grow_with_calls_and_dialogues(
        anonymous_client, on_privacy, django_assert_max_num_queries, today):
    url = reverse("topic-detail", args=["privacy-and-data-protection"])
    with django_assert_max_num_queries(40) as before:
        anonymous_client.get(url)
    privacy = factories.topics("privacy-and-data-protection")
    for n in range(3):
        factories.CallFactory(title=f"More {n}", topics=privacy)
        factories.DialogueFactory(
            title=f"More dialogue {n}", confidentiality="public", topics=privacy,
            starts_at=dt.datetime.combine(today + dt.timedelta(days=5), dt.time(9),
                                          tzinfo=dt.UTC))
    with django_assert_max_num_queries(len(before.captured_queries)):
        anonymous_client.get(url)


def test_the_digest_tells_of_a_call_closing_soon_and_a_public_dialogue(
        run_pass, frozen_today, lead_a, privacy_mandate):
    monday = dt.date(2024, 6, 10)
    frozen_today(dt.date(2024, 6, 5))
    privacy = factories.topics("privacy-and-data-protection")
    factories.CallFactory(title="Closing soon on privacy", topics=privacy,
                          opened_on=dt.date(2024, 4, 1), deadline=dt.date(2024, 6, 20))
    factories.CallFactory(title="Far deadline on privacy", topics=privacy,
                          opened_on=dt.date(2024, 4, 1), deadline=dt.date(2024, 9, 1))
    factories.DialogueFactory(title="Announced public dialogue", confidentiality="public",
                              topics=privacy, starts_at=dt.datetime(2024, 7, 1, 9, tzinfo=dt.UTC))
    factories.DialogueFactory(title="Announced secret dialogue", topics=privacy,
                              starts_at=dt.datetime(2024, 7, 2, 9, tzinfo=dt.UTC))
    TopicFollow.objects.create(user=lead_a, topic=Topic.objects.get(
        slug="privacy-and-data-protection"))
    sent = [e for e in run_pass(monday) if e.to == lead_a.email]
    assert len(sent) == 1
    body = mail.outbox[-1].body
    assert "Calls for input opened or closing soon" in body
    assert "Closing soon on privacy: open until 20 June 2024" in body
    assert "Far deadline" not in body
    assert "Public dialogues announced" in body and "Announced public dialogue" in body
    assert "secret" not in body


def test_the_mandate_directory_shows_its_open_calls(anonymous_client, on_privacy,
                                                    privacy_mandate):
    detail = anonymous_client.get(reverse("mandate-detail", args=[privacy_mandate.pk]))
    content = detail.content.decode()
    assert "Privacy and data brokers" in content
    assert reverse("public-call-detail", args=[on_privacy["open"].pk]) in content
    assert "already closed" not in content and "Hate speech online" not in content
    listing = anonymous_client.get(reverse("mandate-list")).content.decode()
    assert f"?mandate={privacy_mandate.pk}&amp;status=open\">1 open call for input" in listing
