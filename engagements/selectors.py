"""Reads for the web pages: letter lists, one letter, the board's counts and rates.

Every function starts from ``Communication.objects.visible_to(user)`` (or
``published()`` for the public register), so no page can forget the visibility rule.
Lists issue a fixed number of queries whatever their length: related rows come from
``select_related``/``prefetch_related`` and figures from aggregates, never per row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import (
    Aggregate,
    Case,
    Count,
    F,
    FloatField,
    Func,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import ExtractYear
from django.http import Http404, QueryDict
from django.utils.translation import gettext_lazy as _

from btech.i18n import translated_columns, translated_expression
from btech.office_time import office_date_expression, working_days_between
from companies.models import Contact
from engagements.deadlines import DeadlineStatus, due_within_q, historical_q, status_q
from engagements.filters import CommunicationFilter, Need, Owner, PublicLetterFilter
from engagements.models import Communication, Handover, Response
from mandates.models import Mandate, MandateHolder

if TYPE_CHECKING:
    from accounts.models import User
    from companies.models import Company


def urgency_ordering() -> list[Any]:
    """Letters still awaiting a reply first, soonest (or longest overdue) first; then
    replied letters, most recent due date first."""
    awaiting_first = Case(When(final_reply_on__isnull=True, then=Value(0)), default=Value(1))
    due_ascending_while_awaiting = Case(When(final_reply_on__isnull=True, then=F("due_on")))
    return [awaiting_first, due_ascending_while_awaiting.asc(nulls_last=True),
            F("due_on").desc(), "reference"]


def with_list_relations(letters: QuerySet[Communication]) -> QuerySet[Communication]:
    """What a list row shows: the company, the issue owner and the signing mandates."""
    return letters.select_related("company", "assignee").prefetch_related(
        Prefetch("mandates", queryset=Mandate.objects.only(
            "id", *translated_columns(Mandate, "short_name", "title")))
    )


def filtered_letters(
    letters: QuerySet[Communication], data: QueryDict, *, drop: tuple[str, ...] = (),
    companies: QuerySet[Company] | None = None, mandates: QuerySet[Mandate] | None = None,
    filterset_class: type[PublicLetterFilter] = CommunicationFilter,
) -> tuple[PublicLetterFilter, QuerySet[Communication]]:
    """Apply the shared filterset (the API's) to `letters`.

    `drop` removes filters a page does not offer, e.g. the company filter for a company
    user, who only ever sees one company; `companies` and `mandates` narrow the choices
    offered (the public register offers only companies with a published letter).
    A malformed value is shown as an error next to its field and ignored, while the
    valid filters still apply: bad input never fails the page.
    """
    filterset = filterset_class(data or None, queryset=letters)
    for name in drop:
        filterset.filters.pop(name, None)
    if companies is not None and "company" in filterset.filters:
        filterset.filters["company"].queryset = companies
    if mandates is not None and "mandate" in filterset.filters:
        filterset.filters["mandate"].queryset = mandates
    result = filterset.qs
    if not (data.get("ordering") and "ordering" in filterset.filters):
        result = result.order_by(*urgency_ordering())
    return filterset, result


def letter_for(user: User | Any, pk: int, today: dt.date) -> Communication:
    """One letter the user may see, with what its page shows; 404 when out of scope."""
    letters = (
        Communication.objects.visible_to(user)
        .select_related("company", "assignee", "extension_granted_by", "acknowledged_by")
        .prefetch_related(
            # Every term of each mandate: Mandate.holders_on_record() says who holds it
            # today, or who held it last.
            Prefetch("mandates", queryset=Mandate.objects.prefetch_related(
                Prefetch("holders", queryset=MandateHolder.objects.all()))),
            Prefetch("responses", queryset=Response.objects.select_related("logged_by")),
            "notes",
            Prefetch("handovers", queryset=Handover.objects.select_related(
                "from_contact", "to_contact", "handed_over_by")),
            # Approvals of public versions, on the timeline (publication/).
            Prefetch("public_versions", queryset=_public_versions()),
            "topics",
        )
    )
    try:
        return letters.get(pk=pk)
    except Communication.DoesNotExist:
        raise Http404("No such letter.") from None


def _public_versions() -> QuerySet[Any]:
    from publication.models import PublicVersion

    return PublicVersion.objects.select_related("approved_by")


def status_counts(letters: QuerySet[Communication], today: dt.date) -> dict[str, int]:
    """How many letters are in each deadline status, in one aggregate query."""
    counts = letters.order_by().aggregate(
        **{status.value: Count("pk", filter=status_q(status, today))
           for status in DeadlineStatus}
    )
    return {status.value: counts[status.value] or 0 for status in DeadlineStatus}


@dataclass(frozen=True)
class RateRow:
    label: str
    letters: int  # letters whose reply can be judged: replied, or past their due date
    replied: int
    on_time: int

    @property
    def reply_rate(self) -> int:
        return round(100 * self.replied / self.letters) if self.letters else 0

    @property
    def on_time_rate(self) -> int:
        return round(100 * self.on_time / self.letters) if self.letters else 0


def _rates(letters: QuerySet[Communication], group_by: Any, label: str,
           today: dt.date) -> list[RateRow]:
    # A letter still inside its window may yet be answered: counting it would make every
    # company look worse the more letters it has just received.
    judged = letters.filter(Q(final_reply_on__isnull=False) | Q(due_on__lt=today))
    rows = (
        judged.order_by().annotate(group=group_by).values("group")
        .annotate(
            letters=Count("pk", distinct=True),
            replied=Count("pk", filter=Q(final_reply_on__isnull=False), distinct=True),
            on_time=Count("pk", filter=status_q(DeadlineStatus.REPLIED_ON_TIME, today),
                          distinct=True),
        )
        .order_by("group")
    )
    return [RateRow(label=str(row["group"]), letters=row["letters"], replied=row["replied"],
                    on_time=row["on_time"]) for row in rows if row["group"] is not None]


def reply_rates(letters: QuerySet[Communication], today: dt.date) -> dict[str, list[RateRow]]:
    """Reply and on-time rates by company, by signing mandate and by year sent.

    A joint letter counts once for each mandate that signed it.
    """
    # Only the primary keys of the filtered letters: the filters' joins (a mandate,
    # a search) must not multiply the rows being counted.
    scoped = Communication.objects.filter(pk__in=letters.order_by().values("pk"))
    return {
        "company": _rates(scoped, F("company__name"), "company", today),
        "mandate": _rates(scoped, translated_expression("mandates__short_name"), "mandate", today),
        "year": _rates(scoped, ExtractYear("sent_on"), "year", today),
    }


def overdue_letters(letters: QuerySet[Communication], today: dt.date,
                    limit: int = 20) -> list[Communication]:
    overdue = letters.with_status(DeadlineStatus.OVERDUE, today=today)  # type: ignore[attr-defined]
    return list(with_list_relations(overdue).order_by("due_on", "reference")[:limit])



# --- My work: a company lead's letters to act on -------------------------------------

# "Due within 7 days" on My work: closer than the board's "due soon" (14 days), because
# a lead's home page must show this week's work first.
MY_WORK_DUE_WITHIN = dt.timedelta(days=7)


class NextAction(models.TextChoices):
    """The one next step on a letter; the values are the policy's actions."""

    ACKNOWLEDGE = "acknowledge", _("Acknowledge")
    ASSIGN = "assign", _("Assign")
    LOG_REPLY = "log_reply", _("Log reply")


def awaits_acknowledgement_q() -> Q:
    """Announced (not historical), not acknowledged, and not yet answered: the letters
    whose receipt the reminders chase."""
    return (Q(acknowledged_at__isnull=True, final_reply_on__isnull=True)
            & ~historical_q(office_date_expression("created_at")))


def need_q(need: str, today: dt.date) -> Q:
    awaiting = Q(final_reply_on__isnull=True)
    conditions = {
        Need.ACKNOWLEDGE: awaits_acknowledgement_q(),
        Need.ASSIGN: awaiting & Q(assignee__isnull=True),
        Need.DUE_SOON: due_within_q(today, MY_WORK_DUE_WITHIN),
        Need.OVERDUE: status_q(DeadlineStatus.OVERDUE, today),
        # A final reply is never dated in the future, so "this month" ends today.
        Need.REPLIED: Q(final_reply_on__gte=today.replace(day=1), final_reply_on__lte=today),
    }
    return conditions[Need(need)]


def my_work_counts(user: User | Any, today: dt.date) -> dict[str, int]:
    """How many of the user's letters need each thing, in one aggregate query."""
    counts = Communication.objects.visible_to(user).order_by().aggregate(
        **{need.value: Count("pk", filter=need_q(need, today)) for need in Need})
    return {need.value: counts[need.value] or 0 for need in Need}


def my_work_letters(user: User | Any, today: dt.date, *, need: str = "",
                    owner: str = "") -> QuerySet[Communication]:
    """The user's letters that need something (all those awaiting a final reply, or
    those with `need`), for `owner` (me: the user's own contact is the issue owner;
    none: nobody is), most urgent first, each with its `next_action`."""
    letters = Communication.objects.visible_to(user)
    letters = letters.filter(need_q(need, today) if need else Q(final_reply_on__isnull=True))
    if owner == Owner.ME:
        letters = letters.filter(assignee__user=user)
    elif owner == Owner.NONE:
        letters = letters.filter(assignee__isnull=True)
    next_action = Case(
        When(awaits_acknowledgement_q(), then=Value(NextAction.ACKNOWLEDGE.value)),
        When(final_reply_on__isnull=True, assignee__isnull=True,
             then=Value(NextAction.ASSIGN.value)),
        When(final_reply_on__isnull=True, then=Value(NextAction.LOG_REPLY.value)),
        default=Value(""), output_field=models.CharField(),
    )
    return (letters.annotate(next_action=next_action)
            .select_related("company", "assignee")
            .order_by(*urgency_ordering()))


def assignable_contacts(user: User | Any,
                        letters: list[Communication]) -> dict[int, list[Contact]]:
    """The contacts each letter may be assigned to (its company's), by company id, in one
    query for any number of letters."""
    companies = {letter.company_id for letter in letters}
    contacts: dict[int, list[Contact]] = {company_id: [] for company_id in companies}
    for contact in Contact.objects.visible_to(user).filter(
            company_id__in=companies).order_by("name"):
        contacts[contact.company_id].append(contact)
    return contacts


# --- Acknowledgement of receipt, for OHCHR's board -------------------------------------

class Median(Aggregate):
    """PostgreSQL's median: the 50th percentile, interpolated."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _days_to_acknowledge() -> Func:
    """From logging (when the company was told) to acknowledgement, in days."""
    return Func(F("acknowledged_at") - F("created_at"),
                template="EXTRACT(EPOCH FROM %(expressions)s) / 86400.0",
                output_field=FloatField())


@dataclass(frozen=True)
class AcknowledgementRow:
    label: str
    announced: int  # letters that were news when logged: the company was told
    acknowledged: int
    median_days: float | None  # from logging to acknowledgement; None before the first
    waiting: int  # not acknowledged and not answered: receipt is still being chased

    @property
    def not_acknowledged(self) -> int:
        return self.announced - self.acknowledged

    @property
    def acknowledged_rate(self) -> int:
        return round(100 * self.acknowledged / self.announced) if self.announced else 0


def acknowledgement_by_company(letters: QuerySet[Communication]) -> list[AcknowledgementRow]:
    """Per company, of the `letters` that were announced (not historical): how many,
    how many acknowledged, and the median time to acknowledge; one query."""
    scoped = Communication.objects.filter(pk__in=letters.order_by().values("pk"))
    announced = ~historical_q(office_date_expression("created_at"))
    acknowledged = announced & Q(acknowledged_at__isnull=False)
    rows = (
        scoped.order_by().values("company_id", "company__name")
        .annotate(announced=Count("pk", filter=announced),
                  acknowledged=Count("pk", filter=acknowledged),
                  median_days=Median(_days_to_acknowledge(), filter=acknowledged),
                  waiting=Count("pk", filter=awaits_acknowledgement_q()))
        .filter(announced__gt=0)
        .order_by("company__name")
    )
    return [AcknowledgementRow(label=row["company__name"], announced=row["announced"],
                               acknowledged=row["acknowledged"],
                               median_days=row["median_days"], waiting=row["waiting"])
            for row in rows]


@dataclass(frozen=True)
class WaitingLetter:
    letter: Communication
    logged_on: dt.date
    working_days: int  # working days since it was logged, on the office calendar


def awaiting_acknowledgement(letters: QuerySet[Communication], today: dt.date,
                             limit: int = 20) -> list[WaitingLetter]:
    """The `letters` whose receipt is still awaited, longest waiting first (at most
    `limit`; AcknowledgementRow.waiting counts them all)."""
    waiting = (letters.filter(awaits_acknowledgement_q()).select_related("company")
               .order_by("created_at", "reference")[:limit])
    return [WaitingLetter(letter, letter.logged_on,
                          working_days_between(letter.logged_on, today))
            for letter in waiting]
