from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from btech.i18n import translated_value
from mandates import terms


class MandateKind(models.TextChoices):
    THEMATIC = "thematic", _("Thematic")
    COUNTRY = "country", _("Country")


class MandateType(models.TextChoices):
    SPECIAL_RAPPORTEUR = "SR", _("Special Rapporteur")
    INDEPENDENT_EXPERT = "IE", _("Independent Expert")
    WORKING_GROUP = "WG", _("Working Group")


# A Working Group has five members; other mandates have one holder at a time.
WORKING_GROUP_SIZE = 5


class Mandate(models.Model):
    """A Special Procedures mandate. Holders change; the mandate stays."""

    title = models.CharField(max_length=300, unique=True)
    short_name = models.CharField(
        max_length=80, unique=True, help_text=_('How people refer to it, e.g. "SR privacy".')
    )
    kind = models.CharField(max_length=10, choices=MandateKind.choices)
    mandate_type = models.CharField(_("type"), max_length=2, choices=MandateType.choices)
    country = CountryField(blank=True,
                           help_text=_("For a country mandate: the country it covers."))
    established_on = models.DateField(null=True, blank=True)
    established_by = models.CharField(
        max_length=200, blank=True, help_text=_('The resolution, e.g. "HRC resolution 28/16".')
    )
    covers = models.TextField(blank=True,
                              help_text=_("What the mandate covers, in plain words."))
    # The same three texts in the product's other languages, each blank until written:
    # the English then shows (btech.i18n.translated_value). Pages read display_title,
    # display_short_name and display_covers; queries stay on the English columns, or use
    # btech.i18n.translated_expression. Why columns and not django-modeltranslation:
    # README, "Languages".
    title_fr = models.CharField(_("title in French"), max_length=300, blank=True)
    title_es = models.CharField(_("title in Spanish"), max_length=300, blank=True)
    short_name_fr = models.CharField(_("short name in French"), max_length=80, blank=True)
    short_name_es = models.CharField(_("short name in Spanish"), max_length=80, blank=True)
    covers_fr = models.TextField(_("what it covers, in French"), blank=True)
    covers_es = models.TextField(_("what it covers, in Spanish"), blank=True)
    # The risks the mandate covers, from the thesaurus: what "which mandates cover my
    # risk" (topics/) and the directory's topic filter read.
    topics = models.ManyToManyField(
        "topics.Topic", blank=True, related_name="mandates",
        help_text=_("The topics of the thesaurus this mandate covers."))

    TRANSLATED_FIELDS = ("title", "short_name", "covers")

    class Meta:
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.display_short_name

    @property
    def display_title(self) -> str:
        """The title in the active language (the official UN title in each)."""
        return translated_value(self, "title")

    @property
    def display_short_name(self) -> str:
        return translated_value(self, "short_name")

    @property
    def display_covers(self) -> str:
        return translated_value(self, "covers")

    def clean(self) -> None:
        if self.kind == MandateKind.COUNTRY and not self.country:
            raise ValidationError({"country": gettext("A country mandate names its country.")})
        if self.kind == MandateKind.THEMATIC and self.country:
            raise ValidationError({"country": gettext("A thematic mandate has no country.")})

    def holders_on(self, day: dt.date) -> models.QuerySet[MandateHolder]:
        return self.holders.held_on(day)

    def holders_on_record(self, day: dt.date) -> HoldersOnRecord:
        """Who holds the mandate on `day` or, when nobody does, who held it last.

        The one answer to "who is the holder now" on every page: a mandate whose last
        recorded term has ended shows that holder with the day the term ended, never
        "nobody", because the record here may simply not have the successor yet.
        Reads ``self.holders.all()``, so a page that prefetched ``holders`` asks nothing.
        """
        terms = sorted(self.holders.all(), key=lambda term: (term.term_start, term.name))
        current = tuple(sorted((t for t in terms if t.term_start <= day <= t.term_end),
                               key=lambda term: term.name))
        ended = [t for t in terms if t.term_end < day]
        last: tuple[MandateHolder, ...] = ()
        if not current and ended:
            last_day = max(t.term_end for t in ended)
            last = tuple(sorted((t for t in ended if t.term_end == last_day),
                                key=lambda term: term.name))
        shown = {_person(t.name) for t in (*current, *last)}
        spans: dict[str, tuple[str, dt.date, dt.date]] = {}
        for term in ended:
            if _person(term.name) in shown:
                continue
            name, start, end = spans.get(_person(term.name),
                                         (term.name, term.term_start, term.term_end))
            spans[_person(term.name)] = (name, min(start, term.term_start),
                                         max(end, term.term_end))
        earlier = tuple(sorted(spans.values(), key=lambda span: span[2], reverse=True))
        return HoldersOnRecord(day=day, current=current, last=last, earlier=earlier)


def _person(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class HoldersOnRecord:
    """A mandate's holders as the record knows them on `day` (Mandate.holders_on_record)."""

    day: dt.date
    current: tuple[MandateHolder, ...]  # holding it that day (a Working Group: several)
    # When nobody holds it that day: the holder(s) of the term that ended last, whose
    # successor is not recorded yet. Empty when someone holds it or nobody ever did.
    last: tuple[MandateHolder, ...]
    # Everyone else who held it: (name, first day, last day), the most recent first.
    earlier: tuple[tuple[str, dt.date, dt.date], ...]

    @property
    def none_on_record(self) -> bool:
        return not (self.current or self.last)


class MandateHolderQuerySet(models.QuerySet["MandateHolder"]):
    def held_on(self, day: dt.date) -> MandateHolderQuerySet:
        """Who held the mandate(s) on `day`; a Working Group has several at once."""
        return self.filter(term_start__lte=day, term_end__gte=day)


class MandateHolder(models.Model):
    """One term of one person on one mandate (a renewal is a second row)."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="holders")
    name = models.CharField(max_length=200)
    term_start = models.DateField()
    term_end = models.DateField(help_text=_("The last day of the term."))

    objects = MandateHolderQuerySet.as_manager()

    class Meta:
        ordering = ["mandate", "-term_start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gt=models.F("term_start")),
                name="holder_term_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["mandate", "term_start", "term_end"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.term_start:%Y}–{self.term_end:%Y})"

    def clean(self) -> None:
        if not (self.term_start and self.term_end and self.mandate_id):
            return
        if self.term_end <= self.term_start:
            raise ValidationError({"term_end": gettext("The term must end after it starts.")})
        if not terms.term_is_within_limit(self.term_start, self.term_end):
            raise ValidationError(
                {"term_end": gettext("A term lasts at most 3 years; renew it as a second term.")}
            )
        others = MandateHolder.objects.filter(mandate_id=self.mandate_id).exclude(pk=self.pk)
        overlapping = others.filter(term_start__lte=self.term_end, term_end__gte=self.term_start)
        self._check_own_terms(others)
        self._check_seats(overlapping)

    def _check_own_terms(self, others: models.QuerySet[MandateHolder]) -> None:
        own_terms = list(others.filter(name__iexact=self.name.strip()))
        for term in own_terms:
            if term.term_start <= self.term_end and term.term_end >= self.term_start:
                raise ValidationError(
                    {"term_start": gettext(
                        "%(name)s already holds this mandate from %(start)s to %(end)s.") % {
                        "name": self.name, "start": term.term_start, "end": term.term_end}}
                )
        first_start = min([self.term_start, *(t.term_start for t in own_terms)])
        served = sum(terms.days_served(t.term_start, t.term_end) for t in own_terms)
        served += terms.days_served(self.term_start, self.term_end)
        if served > terms.service_limit_days(first_start):
            raise ValidationError(
                {"term_end": gettext(
                    "Nobody serves more than 6 years on one mandate; with this term %(name)s "
                    "would serve %(days)s days.") % {"name": self.name, "days": served}}
            )

    def _check_seats(self, overlapping: models.QuerySet[MandateHolder]) -> None:
        mandate = self.mandate
        seats = WORKING_GROUP_SIZE if mandate.mandate_type == MandateType.WORKING_GROUP else 1
        # Enough when no single day of this term has more than `seats` holders: check
        # every day on which an overlapping term starts (and our own first day).
        others = list(overlapping.exclude(name__iexact=self.name.strip()))
        checkpoints = {self.term_start} | {t.term_start for t in others if
                                           t.term_start > self.term_start}
        for day in checkpoints:
            sitting = [t for t in others if t.term_start <= day <= t.term_end]
            if len(sitting) >= seats:
                who = ", ".join(sorted(t.name for t in sitting))
                raise ValidationError(
                    {"term_start": gettext(
                        "%(mandate)s has %(seats)d seat(s) and on %(day)s it is held by "
                        "%(who)s.") % {"mandate": mandate, "seats": seats, "day": day,
                                       "who": who}}
                )
