"""Filters for letter lists, shared by the API, the web pages and the board."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_filters
from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from companies.models import Company
from engagements.deadlines import DeadlineStatus
from engagements.models import Communication, CommunicationQuerySet, Language, LetterType
from mandates.models import Mandate
from topics.filters import TopicFilter


class StatusInFilter(django_filters.BaseInFilter, django_filters.ChoiceFilter):
    """?deadline_status=overdue,due_soon: each value checked against the statuses."""


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 9999})
class YearFilter(django_filters.NumberFilter):
    """A whole year: a lookup outside what Python dates hold (1 to 9999)
    would fail in the database query rather than find nothing."""

    field_class = forms.IntegerField


class LetterOrderingFilter(django_filters.OrderingFilter):
    """?ordering=due_on,-sent_on. Empty entries are ignored (",," must not clear the
    order), and the unique reference breaks ties so that pages never repeat or skip a
    letter."""

    def filter(self, qs: QuerySet[Communication], value: list[str] | None
               ) -> QuerySet[Communication]:
        fields = [self.get_ordering_value(param) for param in (value or []) if param]
        if not fields:
            return qs
        if not any(field.lstrip("-") == "reference" for field in fields):
            fields.append("reference")
        return qs.order_by(*fields)


class PublicLetterFilter(django_filters.FilterSet):
    """What anyone may filter published letters by: public facts only. Deadlines,
    extensions and replies' timeliness stay internal, so none of them is a filter here."""

    company = django_filters.ModelChoiceFilter(queryset=Company.objects.all(),
                                               label=_("Company"))
    mandate = django_filters.ModelChoiceFilter(
        field_name="mandates", queryset=Mandate.objects.all(), label=_("Mandate")
    )
    letter_type = django_filters.ChoiceFilter(choices=LetterType.choices, label=_("Type"))
    language = django_filters.ChoiceFilter(
        choices=Language.choices, label=_("Language of the letter"),
        help_text=_("The language the letter is written in: en, fr or es."))
    # Bounded: an out-of-range year is a 400 / form error, not an overflow in the database.
    year = YearFilter(field_name="sent_on", lookup_expr="year", label=_("Year sent"),
                      min_value=1900, max_value=9999)
    q = django_filters.CharFilter(method="filter_search", label=_("Search"),
                                  help_text=_("Reference, subject or company name, "
                                              "current or former."))
    topic = TopicFilter()

    class Meta:
        model = Communication
        fields = ["company", "mandate", "letter_type", "language", "year", "q", "topic"]

    def filter_search(self, queryset: CommunicationQuerySet, name: str,
                      value: str) -> CommunicationQuerySet:
        return queryset.search(value)


class CommunicationFilter(PublicLetterFilter):
    """Every filter of the confidential letter lists: the API, the letters page, the board."""

    deadline_status = StatusInFilter(
        choices=DeadlineStatus.choices, method="filter_deadline_status",
        label=_("Deadline status"), help_text=_("One or several, comma-separated."),
    )
    sent_after = django_filters.DateFilter(field_name="sent_on", lookup_expr="gte",
                                           label=_("Sent on or after"))
    sent_before = django_filters.DateFilter(field_name="sent_on", lookup_expr="lte",
                                            label=_("Sent on or before"))
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte",
                                          label=_("Due on or after"))
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte",
                                           label=_("Due on or before"))
    ordering = LetterOrderingFilter(
        fields=("due_on", "sent_on", "reference"),
        help_text=_("due_on, sent_on or reference; prefix with - to reverse."),
    )

    class Meta:
        model = Communication
        fields = ["company", "mandate", "letter_type", "language", "deadline_status", "year",
                  "sent_after", "sent_before", "due_after", "due_before", "q", "topic"]

    def filter_deadline_status(self, queryset: CommunicationQuerySet, name: str,
                               value: list[str]) -> CommunicationQuerySet:
        # "?deadline_status=," passes the choice check as empty entries: ignore them, as
        # the ordering filter ignores ",,".
        statuses = [status for status in value if status]
        if not statuses:
            return queryset
        return queryset.with_status(*statuses)


# --- My work ---------------------------------------------------------------------------
# What each value selects is in engagements/selectors.py (need_q, my_work_letters).

class Need(models.TextChoices):
    """What a letter needs, as My work counts and filters it (`?need=`)."""

    ACKNOWLEDGE = "acknowledge", _("awaiting acknowledgement")
    ASSIGN = "assign", _("unassigned")
    DUE_SOON = "due_soon", _("due within 7 days")
    OVERDUE = "overdue", _("overdue")
    REPLIED = "replied", _("replied this month")


class Owner(models.TextChoices):
    """Whose letters My work lists (`?owner=`)."""

    ME = "me", _("Assigned to me")
    NONE = "none", _("Unassigned")


class MyWorkFilterForm(forms.Form):
    """My work's `?need=` and `?owner=`, as its count and owner links write them; a
    value none of them writes is an error on its field."""

    need = forms.ChoiceField(label=_("Show"), required=False,
                             choices=[("", _("everything that needs doing")), *Need.choices])
    owner = forms.ChoiceField(label=_("Issue owner"), required=False,
                              choices=[("", _("anyone")), *Owner.choices])

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        super().__init__(data, auto_id="filter_%s")
