"""What this app gives the topic page and the weekly topic digest (topics/sections.py):
the upcoming public dialogues on the topics, and the public dialogues announced in the
week. Public dialogues only, and only what the public register shows of them (title,
date, public summary): a confidential dialogue is not shown, nor counted. Imported by
DialoguesConfig.ready()."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext

from btech.office_time import office_zone
from dialogues.models import Dialogue, DialogueQuerySet
from topics.models import Topic
from topics.sections import (
    DigestLine,
    DigestSection,
    TopicSection,
    digest_section,
    topic_section,
)

DIALOGUES_SHOWN = 10


def _public_on(topics: Sequence[Topic]) -> DialogueQuerySet:
    tagged = Dialogue.objects.filter(topics__in=[topic.pk for topic in topics]).values("pk")
    return Dialogue.objects.published().filter(pk__in=tagged)


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=office_zone())


@topic_section(order=40)
def upcoming_dialogues(topics: Sequence[Topic], user: Any, today: dt.date) -> TopicSection:
    dialogues = _public_on(topics).filter(starts_at__gte=_day_start(today)).order_by(
        "starts_at", "pk")
    shown = list(dialogues.prefetch_related("topics")[:DIALOGUES_SHOWN])
    total = len(shown) if len(shown) < DIALOGUES_SHOWN else dialogues.count()
    data = [{"id": dialogue.pk, "title": dialogue.title,
             "starts_at": dialogue.starts_at.isoformat(),
             "public_summary": dialogue.public_summary,
             "topics": [topic.slug for topic in dialogue.topics.all()],
             "url": reverse("public-dialogue-detail", args=[dialogue.pk])}
            for dialogue in shown]
    return TopicSection(
        key="dialogues", title=gettext("Upcoming public dialogues"),
        template="dialogues/_topic_section.html", items=shown, data=data, total=total,
        empty_text=gettext("No public dialogue on this topic is coming up."))


@digest_section(order=40)
def dialogues_announced(topics: Sequence[Topic], user: Any, first_day: dt.date,
                        last_day: dt.date) -> DigestSection | None:
    """Public dialogues recorded within the week (Geneva days)."""
    dialogues = (_public_on(topics)
                 .filter(created_at__gte=_day_start(first_day),
                         created_at__lt=_day_start(last_day + dt.timedelta(days=1)))
                 .order_by("starts_at", "pk"))
    lines = [DigestLine(gettext("%(title)s, on %(date)s") % {
        "title": dialogue.title,
        "date": date_format(dialogue.held_on, "DATE_FORMAT")},
        f"{settings.SITE_URL}{reverse('public-dialogue-detail', args=[dialogue.pk])}")
        for dialogue in dialogues]
    return DigestSection(key="dialogues", title=gettext("Public dialogues announced"),
                         lines=lines) if lines else None
