"""Writes to a person's topic watchlist. Who may follow is the policy's answer
(engagements.policy, Action.FOLLOW_TOPICS), asked by the page and the API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from topics.models import Topic, TopicFollow

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def topic_follow(*, user: User, topic: Topic) -> TopicFollow:
    """Add `topic` to the user's watchlist; following it again changes nothing."""
    # get_or_create over the unique constraint: two clicks at once make one row.
    follow, _created = TopicFollow.objects.get_or_create(user=user, topic=topic)
    return follow


@transaction.atomic
def topic_unfollow(*, user: User, topic: Topic) -> None:
    TopicFollow.objects.filter(user=user, topic=topic).delete()

