"""Filters for dialogue and action lists, shared by the API and the web pages, with the
letters' conventions (engagements/filters.py): ?q=, comma-separated choices, ISO dates,
?ordering= with a tie-breaker so that pages never repeat or skip a row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from btech.office_time import office_today
from companies.models import Company
from dialogues.models import (
    PENDING_STATUSES,
    ActionStatus,
    Confidentiality,
    Dialogue,
    DialogueFormat,
    DialogueQuerySet,
    FollowUpAction,
)
from engagements.filters import YearFilter
from mandates.models import Mandate
from topics.models import Topic


class StatusInFilter(django_filters.BaseInFilter, django_filters.ChoiceFilter):
    """?status=open,in_progress: each value checked against the statuses."""


class TieBreakOrdering(django_filters.OrderingFilter):
    def filter(self, qs: QuerySet[Any], value: list[str] | None) -> QuerySet[Any]:
        fields = [self.get_ordering_value(param) for param in (value or []) if param]
        if not fields:
            return qs
        return qs.order_by(*fields, "pk")


class DialogueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"),
                                  help_text=_("Title, or a participating company's name."))
    dialogue_format = django_filters.ChoiceFilter(field_name="format",
                                                  choices=DialogueFormat.choices,
                                                  label=_("Format"))
    confidentiality = django_filters.ChoiceFilter(choices=Confidentiality.choices,
                                                  label=_("Confidentiality"))
    company = django_filters.ModelChoiceFilter(
        field_name="participations__company", queryset=Company.objects.all(),
        label=_("Company"))
    mandate = django_filters.ModelChoiceFilter(field_name="mandates",
                                               queryset=Mandate.objects.all(),
                                               label=_("Mandate"))
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", to_field_name="slug", queryset=Topic.objects.all(),
        label=_("Topic"), help_text=_("A topic's slug, e.g. human-rights-defenders."))
    year = YearFilter(field_name="starts_at", lookup_expr="year", label=_("Year"),
                      min_value=1900, max_value=9999)
    starts_after = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__gte",
                                             label=_("Held on or after"))
    starts_before = django_filters.DateFilter(field_name="starts_at",
                                              lookup_expr="date__lte",
                                              label=_("Held on or before"))
    ordering = TieBreakOrdering(fields=("starts_at", "title"),
                                help_text=_("starts_at or title; prefix with - to reverse."))

    class Meta:
        model = Dialogue
        fields = ["q", "dialogue_format", "confidentiality", "company", "mandate", "topic", "year",
                  "starts_after", "starts_before"]

    def filter_search(self, queryset: DialogueQuerySet, name: str,
                      value: str) -> DialogueQuerySet:
        return queryset.search(value)


class ActionFilter(django_filters.FilterSet):
    status = StatusInFilter(choices=ActionStatus.choices, label=_("Status"),
                            help_text=_("One or several, comma-separated."))
    pending = django_filters.BooleanFilter(method="filter_pending", label=_("Still to do"),
                                           help_text=_("Open or in progress."))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"),
                                           help_text=_("Still to do and past its due date "
                                                       "(Geneva calendar)."))
    company = django_filters.ModelChoiceFilter(queryset=Company.objects.all(),
                                               label=_("Owner's company"))
    dialogue = django_filters.NumberFilter(field_name="dialogue_id", label=_("Dialogue"))
    communication = django_filters.NumberFilter(field_name="communication_id",
                                                label=_("Letter"))
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte",
                                          label=_("Due on or after"))
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte",
                                           label=_("Due on or before"))
    ordering = TieBreakOrdering(fields=("due_on", "status"),
                                help_text=_("due_on or status; prefix with - to reverse."))

    class Meta:
        model = FollowUpAction
        fields = ["status", "pending", "overdue", "company", "dialogue", "communication",
                  "due_after", "due_before"]

    def filter_pending(self, queryset: QuerySet[FollowUpAction], name: str,
                       value: bool | None) -> QuerySet[FollowUpAction]:
        if value is None:
            return queryset
        if value:
            return queryset.filter(status__in=PENDING_STATUSES)
        return queryset.exclude(status__in=PENDING_STATUSES)

    def filter_overdue(self, queryset: QuerySet[FollowUpAction], name: str,
                       value: bool | None) -> QuerySet[FollowUpAction]:
        if value is None:
            return queryset
        today: dt.date = office_today()
        late = queryset.filter(status__in=PENDING_STATUSES, due_on__lt=today)
        return late if value else queryset.exclude(pk__in=late.values("pk"))
