"""The weekly topic digest: what is new on the topics a company user follows.

One row of the outbox (topics.models.TopicDigest) per person and week, planned by the
reminder planner's pass (reminders/planner.py calls topic_digests_plan) and delivered by
the outbox's generic delivery (reminders/services.py calls prepare_topic_digest), which
claims, retries and records each row as for every other email. Delivery is therefore
at-least-once, as the reminders' (reminders/services.py says why).

The week a digest covers is the seven days ending on its digest day, both included:
consecutive digests cover consecutive weeks, so nothing is told twice or missed, even
when a digest goes out a day late. Its content is computed when it is sent, from the
sections registered in topics/sections.py; when nothing is new the row is cancelled and
no email goes out.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import ngettext

from accounts.models import User
from btech.i18n import recipient_language
from engagements import policy
from engagements.policy import Action

# The outbox's own headers and address format: the same Message-ID and Auto-Submitted
# rules as every email of the outbox.
from reminders.emails import _address, _headers
from reminders.models import DeliveryState
from reminders.queue import queue_topic_digests
from topics.models import Topic, TopicDigest
from topics.sections import DigestSection, digest_sections

WEEK = dt.timedelta(days=7)


def week_days(week_of: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day the digest of `week_of` covers."""
    return week_of - WEEK + dt.timedelta(days=1), week_of


def followers() -> QuerySet[User]:
    """Who gets the digest: active company users with an email address who follow a
    topic (the policy says who may follow; a user who no longer may gets nothing)."""
    return (User.objects.filter(is_active=True, company__isnull=False,
                                topic_follows__isnull=False)
            .exclude(email="").distinct())


def topic_digests_plan(*, week_of: dt.date, now: dt.datetime, enqueue: bool) -> list[int]:
    """Write this week's rows for the followers who have none yet, and queue them."""
    have = TopicDigest.objects.filter(week_of=week_of).values("recipient_id")
    people = list(followers().exclude(pk__in=have)
                  .values_list("pk", "email", "first_name", "last_name"))
    if not people:
        return []
    with transaction.atomic():
        rows = TopicDigest.objects.bulk_create(
            [TopicDigest(week_of=week_of, recipient_id=pk,
                         recipient_email=email.strip().lower(),
                         recipient_name=f"{first} {last}".strip()[:200], next_attempt_at=now)
             for pk, email, first, last in people],
            # The unique constraint is the duplicate guard: a second planner's rows of a
            # moment ago stay, ours are dropped.
            ignore_conflicts=True,
        )
        ids = list(TopicDigest.objects.filter(
            week_of=week_of, recipient_id__in=[row.recipient_id for row in rows],
            created_at__gte=now, state=DeliveryState.PENDING,
        ).values_list("pk", flat=True))
        if enqueue and ids:
            queue_topic_digests(ids)
    return ids


def _followed(user: User) -> tuple[list[Topic], list[Topic]]:
    """The topics `user` follows, and those with the topics under followed areas."""
    followed = list(Topic.objects.filter(follows__user=user).order_by("position", "name"))
    covered = list(Topic.objects.filter(pk__in=[t.pk for t in followed]).with_children())
    return followed, covered


def prepare_topic_digest(digest: TopicDigest, today: dt.date) -> EmailMultiAlternatives | str:
    """The email, from the truth as it is now; or why nothing goes out."""
    user = User.objects.select_related("company").filter(pk=digest.recipient_id).first()
    if user is None or not policy.may(user, Action.FOLLOW_TOPICS):
        return "No longer a company user."
    followed, covered = _followed(user)
    if not followed:
        return "Follows no topic any more."
    first_day, last_day = week_days(digest.week_of)
    with translation.override(recipient_language(user=user)):
        sections = digest_sections(covered, user, first_day, last_day)
        if not sections:
            return "Nothing new on the followed topics this week."
        return _message(digest, followed, sections, first_day, last_day)


def _message(digest: TopicDigest, followed: list[Topic], sections: list[DigestSection],
             first_day: dt.date, last_day: dt.date) -> EmailMultiAlternatives:
    context = {
        "digest": digest, "topics": followed, "sections": sections,
        "first_day": first_day, "last_day": last_day, "site_url": settings.SITE_URL,
        "topics_url": f"{settings.SITE_URL}/topics/",
    }
    count = sum(len(section.lines) for section in sections)
    subject = ngettext(
        "[B-Tech topics %(week)s] %(count)d new item on the topics you follow",
        "[B-Tech topics %(week)s] %(count)d new items on the topics you follow",
        count) % {"week": digest.week_of.isoformat(), "count": count}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("topics/email/topic_digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[_address(digest.recipient_name, digest.recipient_email)],
        headers=_headers("topic-digest", digest.pk),
    )
    message.attach_alternative(render_to_string("topics/email/topic_digest.html", context),
                               "text/html")
    return message


