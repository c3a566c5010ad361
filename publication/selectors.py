"""Reads of the publication area: what the register shows of a letter, the day-60
preview, response rates, the feed's items, and the letters whose public version is late.

The register, its feed, its CSV, its statistics and the public API start from
``register_letters(today)``: published letters only. What it shows of one letter is
``public_letter()``, and the company's preview of day 60 is the same function evaluated
on the public date, rendered by the same template (publication/_public_letter.html), so
the preview and the register cannot drift apart.

A withheld reply is not a public reply: it is left out of every public surface (the
letter, its feed, the register's "replied" date, the public rates).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Count,
    DateField,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import ExtractYear, Greatest
from django.http import Http404

from btech.i18n import translated_expression
from engagements.deadlines import replied_on_time_q
from engagements.models import Communication, Response, ResponseKind
from publication.models import PublicVersion, RelatedLetter, StateLetter
from publication.permalinks import reference_from_slug, reference_slug

if TYPE_CHECKING:
    from accounts.models import User

# Below this many letters a rate says more about one letter than about a company.
MIN_LETTERS_FOR_A_RATE = 3
# How far ahead the board and the digest look for letters without a public version.
UNREADY_WITHIN = dt.timedelta(days=7)


def public_responses() -> QuerySet[Response]:
    """Replies the register may show: every reply but those withheld."""
    return Response.objects.filter(withholding__isnull=True)


def _public_final_reply_on() -> Subquery:
    return Subquery(public_responses().filter(
        communication=OuterRef("pk"), kind=ResponseKind.FINAL).values("received_on")[:1],
        output_field=DateField())


def register_letters(today: dt.date) -> QuerySet[Communication]:
    """The published letters, each with ``public_final_reply_on``: the date of its final
    reply unless that reply is withheld."""
    return Communication.objects.published(today).annotate(
        public_final_reply_on=_public_final_reply_on())


# --- one letter as the register shows it ----------------------------------------------

@dataclass(frozen=True)
class PublicReply:
    response: Response
    has_document: bool  # an approved public version may be downloaded


@dataclass(frozen=True)
class RelatedPublic:
    reference: str
    slug: str
    subject: str
    addressed_to: str
    public_on: dt.date


@dataclass(frozen=True)
class PublicLetter:
    """What the register shows of one letter on `as_of`."""

    letter: Communication
    as_of: dt.date
    slug: str
    has_document: bool
    replies: list[PublicReply] = field(default_factory=list)
    related: list[RelatedPublic] = field(default_factory=list)
    state_letters: list[StateLetter] = field(default_factory=list)


def _letter_for_register(letters: QuerySet[Communication]) -> QuerySet[Communication]:
    return letters.select_related("company").prefetch_related("mandates", "topics")


def public_letter(letter: Communication, as_of: dt.date, *,
                  viewer: User | Any = None, today: dt.date | None = None) -> PublicLetter:
    """What the register shows (or will show) of `letter` on `as_of`.

    Called for the register with `as_of` today. Called for a preview of a later day,
    pass the `viewer` and `today`: a related letter to another company that is not yet
    public today is then left out unless the viewer may see it, so that a preview can
    never show a confidential letter early (it will appear on the register on its day).
    """
    versions = {version.response_id: version for version in PublicVersion.objects.filter(
        communication=letter, approved_at__isnull=False)}
    replies = [PublicReply(response, response.pk in versions)
               for response in public_responses().filter(
                   communication=letter, received_on__lte=as_of).order_by("received_on", "pk")]
    related_letters = Communication.objects.filter(
        pk__in=RelatedLetter.objects.filter(communication=letter).values("related_id"),
        public_on__lte=as_of)
    if today is not None and as_of > today:
        related_letters = related_letters.filter(
            Q(public_on__lte=today)
            | Q(pk__in=Communication.objects.visible_to(viewer).values("pk")))
    related = [RelatedPublic(other.reference, reference_slug(other.reference), other.subject,
                             other.addressed_to, other.public_on)
               for other in related_letters.order_by("sent_on", "reference")]
    state_letters = [state_letter for state_letter in letter.state_letters.order_by(
        "sent_on", "reference") if state_letter.is_public(as_of)]
    return PublicLetter(letter=letter, as_of=as_of, slug=reference_slug(letter.reference),
                        has_document=None in versions, replies=replies, related=related,
                        state_letters=state_letters)


def register_letter(slug: str, today: dt.date) -> PublicLetter:
    """A letter of the register by its permalink; unpublished letters do not exist here."""
    reference = reference_from_slug(slug)
    letter = _letter_for_register(Communication.objects.published(today)).filter(
        reference=reference).first() if reference else None
    if letter is None:
        raise Http404("No such published letter.")
    return public_letter(letter, today)


def register_letter_by_pk(pk: int, today: dt.date) -> PublicLetter:
    letter = _letter_for_register(Communication.objects.published(today)).filter(pk=pk).first()
    if letter is None:
        raise Http404("No such published letter.")
    return public_letter(letter, today)


def day_sixty_preview(letter: Communication, viewer: User | Any,
                      today: dt.date) -> PublicLetter:
    """What the register will show of `letter` on its public date (today's register,
    once it is public): the company's preview of day 60."""
    as_of = max(letter.public_on, today)
    return public_letter(letter, as_of, viewer=viewer, today=today)


def public_document(slug: str, today: dt.date, viewer: User | Any,
                    response_pk: int | None = None) -> tuple[Communication, PublicVersion]:
    """The approved public version of a letter (or of one of its replies) to download:
    from the register once the letter is public, and before that for those who may see
    the letter (the preview of day 60). A withheld reply has none."""
    reference = reference_from_slug(slug)
    letters = Communication.objects.filter(
        Q(public_on__lte=today) | Q(pk__in=Communication.objects.visible_to(viewer).values("pk")))
    letter = letters.filter(reference=reference).first() if reference else None
    if letter is None:
        raise Http404("No such published letter.")
    versions = PublicVersion.objects.filter(communication=letter, approved_at__isnull=False)
    if response_pk is None:
        version = versions.filter(response__isnull=True).first()
    else:
        version = versions.filter(response__in=public_responses().filter(
            pk=response_pk, communication=letter)).first()
    if version is None:
        raise Http404("No public version.")
    return letter, version


# --- OHCHR staff: what is ready -------------------------------------------------------

def without_approved_version() -> Q:
    return ~Q(pk__in=PublicVersion.objects.filter(
        response__isnull=True, approved_at__isnull=False).values("communication_id"))


def unready_publications(letters: QuerySet[Communication], today: dt.date,
                         limit: int = 50) -> list[Communication]:
    """The `letters` that become public within 7 days, today included, without an
    approved public version of the letter: soonest first."""
    return list(letters.filter(without_approved_version(), public_on__gte=today,
                               public_on__lte=today + UNREADY_WITHIN)
                .select_related("company").order_by("public_on", "reference")[:limit])


@dataclass(frozen=True)
class ReplyReadiness:
    response: Response
    version: PublicVersion | None
    withheld: Any  # WithheldReply | None


@dataclass(frozen=True)
class Readiness:
    """Per letter, for OHCHR staff: is what the register will serve ready?"""

    letter_version: PublicVersion | None
    replies: list[ReplyReadiness]
    related: list[Communication]
    state_letters: list[StateLetter]

    @property
    def ready(self) -> bool:
        return self.letter_version is not None and self.letter_version.is_approved


def readiness(letter: Communication) -> Readiness:
    versions = {version.response_id: version for version in PublicVersion.objects.filter(
        communication=letter).select_related("approved_by", "uploaded_by")}
    replies = [ReplyReadiness(response, versions.get(response.pk),
                              getattr(response, "withholding", None))
               for response in Response.objects.filter(communication=letter)
               .select_related("withholding", "withholding__recorded_by")
               .order_by("received_on", "pk")]
    related = list(Communication.objects.filter(
        pk__in=RelatedLetter.objects.filter(communication=letter).values("related_id"))
        .select_related("company").order_by("sent_on", "reference"))
    return Readiness(letter_version=versions.get(None), replies=replies, related=related,
                     state_letters=list(letter.state_letters.order_by("sent_on", "reference")))


# --- response rates -------------------------------------------------------------------

@dataclass(frozen=True)
class ResponseRate:
    """One company's (or mandate's) letters of one year, judged: replied to, or past
    their due date. Rates are None below MIN_LETTERS_FOR_A_RATE letters, and so are the
    counts they would give away."""

    key: int | None
    label: str
    year: int | None
    letters: int
    replied_count: int
    on_time_count: int

    @property
    def shown(self) -> bool:
        return self.letters >= MIN_LETTERS_FOR_A_RATE

    def _share(self, count: int) -> int | None:
        return round(100 * count / self.letters) if self.shown else None

    @property
    def replied(self) -> int | None:
        return self._share(self.replied_count)

    @property
    def on_time(self) -> int | None:
        return self._share(self.on_time_count)

    @property
    def no_response(self) -> int | None:
        return self._share(self.letters - self.replied_count)

    @property
    def replied_letters(self) -> int | None:
        return self.replied_count if self.shown else None

    @property
    def on_time_letters(self) -> int | None:
        return self.on_time_count if self.shown else None

    @property
    def no_response_letters(self) -> int | None:
        return self.letters - self.replied_count if self.shown else None


@dataclass(frozen=True)
class ResponseRates:
    company: list[ResponseRate]
    mandate: list[ResponseRate]
    year: list[ResponseRate]

    @property
    def years(self) -> list[int]:
        return sorted({row.year for row in self.year if row.year is not None}, reverse=True)


def response_rates(letters: QuerySet[Communication], today: dt.date, *,
                   public: bool, year: int | None = None) -> ResponseRates:
    """Per company and per mandate, by year sent, and per year: how many letters, the
    share replied, replied on time (engagements.deadlines' rule) and not answered.

    Over `letters` whose reply can be judged: replied, or past the due date (a letter
    still inside its window may yet be answered). `public`: the register's figures,
    where a withheld reply does not count as a reply; OHCHR staff see every reply.
    A joint letter counts once for each mandate that signed it.
    """
    scoped = Communication.objects.filter(pk__in=letters.order_by().values("pk"))
    if year is not None:
        scoped = scoped.filter(sent_on__year=year)
    reply_on = _public_final_reply_on() if public else F("final_reply_on")
    judged = scoped.alias(reply_on=reply_on).filter(
        Q(reply_on__isnull=False) | Q(due_on__lt=today))
    counts = {
        "letters": Count("pk", distinct=True),
        "replied": Count("pk", filter=Q(reply_on__isnull=False), distinct=True),
        "on_time": Count("pk", filter=replied_on_time_q("reply_on"), distinct=True),
    }

    def rows(key: Any, label: Any, by_year: bool = True) -> list[ResponseRate]:
        groups: dict[str, Any] = {"key": key, "label": label}
        if by_year:
            groups["year_sent"] = ExtractYear("sent_on")
        grouped: Any = judged.order_by().values(**groups).annotate(**counts)
        values = grouped.order_by("label", *(["-year_sent"] if by_year else []))
        return [ResponseRate(key=row["key"], label=str(row["label"]),
                             year=row.get("year_sent"), letters=row["letters"],
                             replied_count=row["replied"], on_time_count=row["on_time"])
                for row in values if row["label"] is not None]

    by_year = [ResponseRate(key=None, label=str(row.year), year=row.year, letters=row.letters,
                            replied_count=row.replied_count, on_time_count=row.on_time_count)
               for row in rows(ExtractYear("sent_on"), ExtractYear("sent_on"), by_year=False)]
    return ResponseRates(
        company=rows(F("company_id"), F("company__name")),
        mandate=rows(F("mandates__id"), translated_expression("mandates__short_name")),
        year=by_year,
    )


# --- the feed -------------------------------------------------------------------------

@dataclass(frozen=True)
class FeedItem:
    kind: str  # "letter" or "reply"
    letter: Communication
    published_on: dt.date
    response: Response | None = None


def feed_items(letters: QuerySet[Communication], today: dt.date,
               limit: int = 50) -> list[FeedItem]:
    """The newest publications among `letters` (published ones): each letter on its
    public date, each public reply on the day it became public (received after the
    public date: the day it came)."""
    published = letters.filter(public_on__lte=today)
    newest_letters = list(published.select_related("company")
                          .order_by("-public_on", "-pk")[:limit])
    replies = list(
        public_responses().filter(communication__in=published.values("pk"))
        .annotate(published_on=Greatest("received_on", "communication__public_on"))
        .select_related("communication", "communication__company")
        .order_by("-published_on", "-pk")[:limit])
    items = [FeedItem("letter", letter, letter.public_on) for letter in newest_letters]
    items += [FeedItem("reply", reply.communication, reply.published_on, reply)
              for reply in replies]
    items.sort(key=lambda item: (item.published_on, item.kind == "reply",
                                 item.response.pk if item.response else item.letter.pk),
               reverse=True)
    return items[:limit]


def register_prefetch(letters: QuerySet[Communication]) -> QuerySet[Communication]:
    """What a register list row shows: the company, the signing mandates, the topics."""
    return letters.select_related("company").prefetch_related(Prefetch("mandates"), "topics")
