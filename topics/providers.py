"""The sections this app gives the topic page and the weekly digest (topics/sections.py):
the mandates that cover the topics, their public letters, and what changed in a week.
Imported by TopicsConfig.ready()."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext

from engagements.models import Communication
from mandates.models import Mandate, MandateHolder
from topics import selectors
from topics.models import Topic
from topics.sections import (
    DigestLine,
    DigestSection,
    TopicSection,
    digest_section,
    topic_section,
)


def _ids(topics: Sequence[Topic]) -> list[int]:
    return [topic.pk for topic in topics]


@topic_section(order=10)
def mandates_section(topics: Sequence[Topic], user: Any, today: dt.date) -> TopicSection:
    mandates = list(selectors.mandates_covering(_ids(topics)))
    data = []
    for mandate in mandates:
        record = mandate.holders_on_record(today)
        data.append({
            "id": mandate.pk, "short_name": mandate.display_short_name,
            "title": mandate.display_title, "kind": mandate.kind,
            "mandate_type": mandate.mandate_type,
            "holders_today": [{"name": h.name, "term_start": h.term_start.isoformat(),
                               "term_end": h.term_end.isoformat()} for h in record.current],
            "topics": [topic.slug for topic in mandate.topics.all()],
            "url": reverse("mandate-detail", args=[mandate.pk]),
        })
    return TopicSection(
        key="mandates", title=gettext("Mandates that cover it"),
        template="topics/_section_mandates.html", items=mandates, data=data,
        total=len(mandates),
        empty_text=gettext("No mandate is tagged with this topic yet."))


@topic_section(order=20)
def letters_section(topics: Sequence[Topic], user: Any, today: dt.date) -> TopicSection:
    # Public letters only, whoever asks: the page is open to anyone, and a count of
    # confidential letters on a topic would tell which companies were written to.
    letters = selectors.public_letters_on(_ids(topics), today)
    shown = list(letters.select_related("company").prefetch_related(
        Prefetch("mandates", queryset=Mandate.objects.order_by("short_name")),
        "topics")[:selectors.LETTERS_SHOWN])
    total = len(shown) if len(shown) < selectors.LETTERS_SHOWN else letters.count()
    data = [{"id": letter.pk, "reference": letter.reference, "subject": letter.subject,
             "company": letter.company_id, "company_name": letter.company.name,
             "sent_on": letter.sent_on.isoformat(), "public_on": letter.public_on.isoformat(),
             "mandates": [mandate.short_name for mandate in letter.mandates.all()],
             "topics": [topic.slug for topic in letter.topics.all()],
             "url": reverse("public-detail", args=[letter.pk])} for letter in shown]
    return TopicSection(
        key="letters", title=gettext("Public letters to companies"),
        template="topics/_section_letters.html", items=shown, data=data, total=total,
        empty_text=gettext("No published letter carries this topic yet."))


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@digest_section(order=10)
def letters_published(topics: Sequence[Topic], user: Any, first_day: dt.date,
                      last_day: dt.date) -> DigestSection | None:
    """Letters whose public date fell within the week: just published."""
    tagged = Communication.objects.filter(topics__in=_ids(topics)).values("pk")
    letters = (Communication.objects.published(last_day)
               .filter(pk__in=tagged, public_on__gte=first_day)
               .select_related("company").order_by("public_on", "reference"))
    lines = [DigestLine(gettext("%(reference)s to %(company)s: %(subject)s") % {
        "reference": letter.reference, "company": letter.company.name,
        "subject": letter.subject}, _absolute(reverse("public-detail", args=[letter.pk])))
        for letter in letters]
    return DigestSection(key="letters", title=gettext("Letters just published"),
                         lines=lines) if lines else None


@digest_section(order=20)
def new_holders(topics: Sequence[Topic], user: Any, first_day: dt.date,
                last_day: dt.date) -> DigestSection | None:
    """A mandate covering the topics changed hands: a term that began within the week,
    of someone who did not hold it the day before (a renewal is no change)."""
    mandates = Mandate.objects.filter(topics__in=_ids(topics)).values("pk")
    starting = list(MandateHolder.objects.filter(
        mandate__in=mandates, term_start__gte=first_day, term_start__lte=last_day)
        .select_related("mandate").order_by("term_start", "name"))
    lines = []
    for term in starting:
        renewed = MandateHolder.objects.filter(
            mandate_id=term.mandate_id, name__iexact=term.name.strip(),
            term_start__lt=term.term_start, term_end__gte=term.term_start - dt.timedelta(days=1),
        ).exists()
        if renewed:
            continue
        lines.append(DigestLine(gettext("%(name)s holds %(mandate)s from %(date)s") % {
            "name": term.name, "mandate": term.mandate.display_title,
            "date": date_format(term.term_start, "DATE_FORMAT")},
            _absolute(reverse("mandate-detail", args=[term.mandate_id]))))
    return DigestSection(key="holders", title=gettext("New mandate holders"),
                         lines=lines) if lines else None
