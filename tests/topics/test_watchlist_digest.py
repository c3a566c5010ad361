"""The weekly topic digest: once a week per person, in their language, only when
something is new on the topics they follow, through the one outbox."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from reminders.models import DeliveryState
from tests import factories
from topics.models import Topic, TopicDigest, TopicFollow

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2024, 6, 10)  # the digest day (BTECH_DIGEST_WEEKDAY, Monday)


def _follow(user, slug: str) -> None:
    TopicFollow.objects.create(user=user, topic=Topic.objects.get(slug=slug))


@pytest.fixture
def week_news(company_a, company_b, privacy_mandate):
    """On privacy, in the week of 4 to 10 June: one letter published on 5 June; a
    confidential one, and one published the week before, are not news."""
    privacy_mandate.topics.set(factories.topics("privacy-and-data-protection"))
    with_topic = {"mandates": [privacy_mandate], "topics": ["privacy-and-data-protection"]}
    return {
        # Public 60 days after sending: on 5 June.
        "new": factories.CommunicationFactory(
            reference="AL OTH 5/2024", company=company_b, sent_on=dt.date(2024, 4, 6),
            subject="Retention of location data", **with_topic),
        "older": factories.CommunicationFactory(
            reference="AL OTH 4/2024", company=company_b, sent_on=dt.date(2024, 4, 1),
            subject="Older published letter", **with_topic),
        "confidential": factories.CommunicationFactory(
            reference="AL OTH 9/2024", company=company_a, sent_on=dt.date(2024, 5, 2),
            subject="Still confidential", **with_topic),
    }


def test_a_follower_gets_one_digest_a_week_in_their_language(run_pass, lead_a, lead_b,
                                                             week_news):
    lead_a.language = "fr"
    lead_a.save(update_fields=["language"])
    _follow(lead_a, "privacy-and-surveillance")  # a broad area: its topics' news too
    sent = [e for e in run_pass(MONDAY) if e.to == lead_a.email]
    assert len(sent) == 1
    message = mail.outbox[-1]
    assert message.subject == ("[B-Tech thèmes 2024-06-10] 1 nouvel élément sur les thèmes "
                               "que vous suivez")
    assert "Lettres tout juste publiées" in message.body
    assert "AL OTH 5/2024" in message.body and "Retention of location data" in message.body
    assert "AL OTH 4/2024" not in message.body  # published the week before
    assert "AL OTH 9/2024" not in message.body and "Still confidential" not in message.body
    # A second pass the same day and one later in the week plan nothing more.
    assert [e for e in run_pass(MONDAY, hour=15) if e.to == lead_a.email] == []
    assert [e for e in run_pass(dt.date(2024, 6, 12)) if e.to == lead_a.email] == []
    assert TopicDigest.objects.filter(recipient=lead_a).count() == 1
    # Nobody who follows nothing gets a row.
    assert not TopicDigest.objects.filter(recipient=lead_b).exists()


def test_no_digest_when_nothing_is_new(run_pass, lead_a, week_news):
    _follow(lead_a, "artificial-intelligence")
    assert [e for e in run_pass(MONDAY) if e.subject.startswith("[B-Tech topics")] == []
    digest = TopicDigest.objects.get(recipient=lead_a)
    assert digest.state == DeliveryState.CANCELLED
    assert digest.cancel_reason == "Nothing new on the followed topics this week."


def test_a_new_mandate_holder_is_news_and_a_renewal_is_not(run_pass, lead_a, frozen_today,
                                                           privacy_mandate,
                                                           expression_mandate):
    privacy_mandate.topics.set(factories.topics("privacy-and-data-protection"))
    expression_mandate.topics.set(factories.topics("privacy-and-data-protection"))
    factories.MandateHolderFactory(mandate=privacy_mandate, name="Next Rapporteur",
                                   term_start=dt.date(2024, 8, 1),
                                   term_end=dt.date(2027, 7, 31))
    _follow(lead_a, "privacy-and-data-protection")
    # Monday 5 August 2024 covers 30 July to 5 August.
    sent = [e for e in run_pass(dt.date(2024, 8, 5)) if e.to == lead_a.email]
    assert len(sent) == 1
    body = mail.outbox[-1].body
    assert "New mandate holders" in body
    assert "Next Rapporteur holds Special Rapporteur on the right to privacy from 1 August " \
           "2024" in body
    assert "Irene Khan" not in body
