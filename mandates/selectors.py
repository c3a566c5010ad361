"""Reads for the mandate directory: the mandates with their holders, terms, topics and
what they wrote to companies, counted by the letters' own rules.

Letter figures follow two rules from elsewhere, never restated here:
- which letters: OHCHR staff count every letter (the visibility rule,
  accounts/visibility.py); everyone else, companies included, the published ones (the
  public register's rule, Communication.objects.published), so the directory tells a
  company nothing about another's confidential letters, nor a count of them;
- reply rate: of the letters whose reply can be judged (replied, or past their due
  date; a letter still in its window may yet be answered), the share with a final
  reply, by the statuses of engagements/deadlines.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from accounts.visibility import SCOPE_EVERY_COMPANY, visibility_scope
from btech.i18n import translated_expression
from engagements.deadlines import DeadlineStatus, status_q
from engagements.models import Communication
from mandates import terms
from mandates.models import Mandate, MandateHolder
from topics.forms import thesaurus_order
from topics.models import Topic


def countable_letters(user: Any, today: dt.date) -> QuerySet[Communication]:
    """The letters the directory counts for `user` (see the module's docstring)."""
    if visibility_scope(user) == SCOPE_EVERY_COMPANY:
        return Communication.objects.visible_to(user)
    return Communication.objects.published(today)


def counts_every_letter(user: Any) -> bool:
    return visibility_scope(user) == SCOPE_EVERY_COMPANY


def directory_mandates(user: Any, today: dt.date) -> QuerySet[Mandate]:
    """Every mandate with its terms and topics, and `has_letters`: whether it signed a
    letter `user` may count. Ordered thematic first, then by short name."""
    counted = countable_letters(user, today).filter(mandates=OuterRef("pk"))
    return (Mandate.objects.annotate(has_letters=Exists(counted))
            .prefetch_related(Prefetch("holders", queryset=MandateHolder.objects.all()),
                              Prefetch("topics", queryset=Topic.objects.order_by(
                                  *thesaurus_order())))
            .order_by("kind", translated_expression("short_name"), "short_name"))


@dataclass(frozen=True)
class LetterFigures:
    signed: int  # letters the mandate signed (alone or jointly)
    judged: int  # of those, the ones whose reply can be judged
    replied: int  # of those, the ones with a final reply

    @property
    def reply_rate(self) -> int | None:
        """Percent replied among the judged letters; None before there is one."""
        return round(100 * self.replied / self.judged) if self.judged else None


NO_LETTERS = LetterFigures(0, 0, 0)


def letter_figures(mandate_ids: list[int], user: Any,
                   today: dt.date) -> dict[int, LetterFigures]:
    """Per mandate, the letters it signed to companies and their reply rate, in one
    query for any number of mandates. A joint letter counts once for each signatory."""
    if not mandate_ids:
        return {}
    replied = status_q(DeadlineStatus.REPLIED_ON_TIME, today) | status_q(
        DeadlineStatus.REPLIED_LATE, today)
    judged = replied | status_q(DeadlineStatus.OVERDUE, today)
    rows = (countable_letters(user, today).filter(mandates__in=mandate_ids).order_by()
            .values("mandates")
            .annotate(signed=Count("pk"), judged=Count("pk", filter=judged),
                      replied=Count("pk", filter=replied)))
    return {row["mandates"]: LetterFigures(row["signed"], row["judged"], row["replied"])
            for row in rows}


@dataclass(frozen=True)
class TermEnd:
    """When the current term ends, and whether that is soon enough to flag."""

    on: dt.date
    months: int  # whole months left
    days: int  # days left
    soon: bool  # within BTECH_TERM_END_NOTICE_MONTHS, and no successor or renewal recorded


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from `start` to `end` (0 when less than one)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def current_term_end(mandate: Mandate, today: dt.date) -> TermEnd | None:
    """The end of the term running today (for a Working Group, the first of its members'
    to end), from the prefetched terms; None when nobody holds the mandate today."""
    record = mandate.holders_on_record(today)
    if not record.current:
        return None
    ending = min(term.term_end for term in record.current)
    # A term recorded to start by the day after (a renewal, a successor) means the seat
    # does not fall empty: nothing to flag.
    followed = any(term.term_start > today and term.term_start <= ending + dt.timedelta(days=1)
                   for term in mandate.holders.all())
    notice = settings.BTECH_TERM_END_NOTICE_MONTHS
    soon = not followed and ending < terms.add_months(today, notice)
    return TermEnd(on=ending, months=months_between(today, ending),
                   days=(ending - today).days, soon=soon)


def mandate_for_page(pk: int) -> Mandate:
    """One mandate with every term and its topics (404 when there is none)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Mandate.objects.prefetch_related(
            Prefetch("holders", queryset=MandateHolder.objects.order_by("-term_start", "name")),
            Prefetch("topics", queryset=Topic.objects.order_by(*thesaurus_order()))),
        pk=pk)


def recent_public_letters(mandate: Mandate, today: dt.date,
                          limit: int = 10) -> list[Communication]:
    """The mandate's latest published letters: public facts, whoever looks."""
    return list(Communication.objects.published(today).filter(mandates=mandate)
                .select_related("company").prefetch_related("topics")
                .order_by("-public_on", "-sent_on", "reference")[:limit])


def open_call_counts(mandate_ids: list[int], today: dt.date) -> dict[int, int]:
    """Per mandate, its calls for input open today (calls are public), in one query."""
    from calls.models import CallForInput

    if not mandate_ids:
        return {}
    rows = (CallForInput.objects.open_on(today).filter(mandates__in=mandate_ids).order_by()
            .values("mandates").annotate(open_calls=Count("pk")))
    return {row["mandates"]: row["open_calls"] for row in rows}


def open_calls(mandate: Mandate, today: dt.date, limit: int = 5) -> list[Any]:
    """A mandate's calls for input open today, the nearest deadline first."""
    from calls.models import CallForInput

    return list(CallForInput.objects.open_on(today).filter(mandates=mandate)
                .order_by("deadline", "pk")[:limit])
