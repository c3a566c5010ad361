"""Reads for the topic pages: which topics were chosen, and what is public about them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Prefetch, QuerySet

from btech.i18n import translated_expression
from engagements.models import Communication
from mandates.models import Mandate, MandateHolder
from topics.forms import thesaurus_order
from topics.models import SLUG, Topic

# How many letters the topic page lists (the count says how many there are in all).
LETTERS_SHOWN = 20


def thesaurus() -> list[Topic]:
    """The broad areas in order, each with its topics in `children_list`."""
    topics = list(Topic.objects.select_related("parent").order_by(*thesaurus_order()))
    areas = [topic for topic in topics if topic.parent_id is None]
    for area in areas:
        area.children_list = [t for t in topics  # type: ignore[attr-defined]
                              if t.parent_id == area.pk]
    return areas


def topics_by_handles(handles: Iterable[str]) -> list[Topic]:
    """The topics named by slug or id, in the thesaurus' order; unknown handles are
    left out (the caller decides whether that is a 404)."""
    # Only what a slug or an id can be: anything else (a NUL byte, which PostgreSQL text
    # cannot hold) names no topic and must not reach the query.
    handles = [handle.strip() for handle in handles
               if handle and SLUG.fullmatch(handle.strip())]
    ids = [int(handle) for handle in handles if handle.isdigit()]
    slugs = [handle for handle in handles if not handle.isdigit()]
    return list(Topic.objects.filter(pk__in=ids) | Topic.objects.filter(slug__in=slugs)
                ) if handles else []


def covered_ids(topics: Sequence[Topic]) -> list[int]:
    """The ids of `topics` and of every topic under the broad areas among them."""
    chosen = [topic.pk for topic in topics]
    return list(Topic.objects.filter(pk__in=chosen).with_children()
                .values_list("pk", flat=True))


def mandates_covering(topic_ids: Sequence[int]) -> QuerySet[Mandate]:
    """The mandates that carry any of the topics, with every term (for who holds them
    on a day, Mandate.holders_on_record) and their topics."""
    return (Mandate.objects.filter(pk__in=Mandate.objects.filter(topics__in=topic_ids)
                                   .values("pk"))
            .prefetch_related(Prefetch("holders", queryset=MandateHolder.objects.all()),
                              Prefetch("topics", queryset=Topic.objects.order_by(
                                  *thesaurus_order())))
            .order_by("kind", translated_expression("short_name"), "short_name"))


def public_letters_on(topic_ids: Sequence[int], today: dt.date) -> QuerySet[Communication]:
    """The published letters carrying any of the topics, newest first: the public
    register's rule (Communication.objects.published), whoever asks."""
    tagged = Communication.objects.filter(topics__in=topic_ids).values("pk")
    return (Communication.objects.published(today).filter(pk__in=tagged)
            .order_by("-public_on", "-sent_on", "reference"))


def followed_topics(user: Any) -> list[Topic]:
    """The user's watchlist, in the thesaurus' order."""
    return list(Topic.objects.filter(follows__user=user).select_related("parent")
                .order_by(*thesaurus_order()))
