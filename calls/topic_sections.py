"""What this app gives the topic page and the weekly topic digest (topics/sections.py):
the open calls for input on the topics, and the calls opened or closing soon. Calls are
public. Imported by CallsConfig.ready()."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext

from calls.models import CallForInput, CallQuerySet
from mandates.models import Mandate
from topics.models import Topic
from topics.sections import (
    DigestLine,
    DigestSection,
    TopicSection,
    digest_section,
    topic_section,
)

CALLS_SHOWN = 10
CLOSING_SOON_DAYS = 14


def _on(topics: Sequence[Topic]) -> CallQuerySet:
    tagged = CallForInput.objects.filter(topics__in=[topic.pk for topic in topics]).values("pk")
    return CallForInput.objects.filter(pk__in=tagged)


@topic_section(order=30)
def open_calls(topics: Sequence[Topic], user: Any, today: dt.date) -> TopicSection:
    calls = _on(topics).open_on(today).order_by("-deadline", "-opened_on", "-pk")
    shown = list(calls.prefetch_related(
        Prefetch("mandates", queryset=Mandate.objects.order_by("short_name")),
        "topics")[:CALLS_SHOWN])
    total = len(shown) if len(shown) < CALLS_SHOWN else calls.count()
    data = [{"id": call.pk, "title": call.display_title, "opened_on": call.opened_on.isoformat(),
             "deadline": call.deadline.isoformat(),
             "mandates": [mandate.short_name for mandate in call.mandates.all()],
             "topics": [topic.slug for topic in call.topics.all()],
             "url": reverse("public-call-detail", args=[call.pk])} for call in shown]
    return TopicSection(
        key="calls", title=gettext("Open calls for input"),
        template="calls/_topic_section.html", items=shown, data=data, total=total,
        empty_text=gettext("No call for input on this topic is open."))


@digest_section(order=30)
def calls_opened_or_closing(topics: Sequence[Topic], user: Any, first_day: dt.date,
                            last_day: dt.date) -> DigestSection | None:
    """Calls opened within the week, and open calls whose deadline is within
    CLOSING_SOON_DAYS of the week's last day."""
    soon = last_day + dt.timedelta(days=CLOSING_SOON_DAYS)
    calls = (_on(topics).open_on(last_day)
             .filter(Q(opened_on__gte=first_day, opened_on__lte=last_day) | Q(deadline__lte=soon))
             .order_by("deadline", "pk"))
    lines = [DigestLine(gettext("%(title)s: open until %(deadline)s") % {
        "title": call.display_title, "deadline": date_format(call.deadline, "DATE_FORMAT")},
        f"{settings.SITE_URL}{reverse('public-call-detail', args=[call.pk])}")
        for call in calls]
    return DigestSection(key="calls", title=gettext("Calls for input opened or closing soon"),
                         lines=lines) if lines else None
