"""Filters for the lists of calls for input, shared by the API and the web pages, with
the letters' conventions (engagements/filters.py): ?mandate=<id>, ?year=, ?q=, and
?ordering= with - to reverse; a bad value is a 400 naming the filter (a form error on
the pages)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from calls.models import CallForInput, CallQuerySet, CallStatus, ReportBody
from engagements.filters import YearFilter
from mandates.models import Mandate


class CallOrderingFilter(django_filters.OrderingFilter):
    """?ordering=deadline,-opened_on; the id breaks ties so that pages never repeat or
    skip a call."""

    def filter(self, qs: QuerySet[CallForInput], value: list[str] | None
               ) -> QuerySet[CallForInput]:
        fields = [self.get_ordering_value(param) for param in (value or []) if param]
        if not fields:
            return qs
        return qs.order_by(*fields, "-pk")


class CallFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=CallStatus.choices, method="filter_status", label=_("Status"),
        help_text=_("open: until the end of the deadline day in Geneva, unless closed "
                    "early; closed: after it."))
    mandate = django_filters.ModelChoiceFilter(
        field_name="mandates", queryset=Mandate.objects.all(), label=_("Mandate"))
    # By slug, as a plain text filter: an unknown slug finds nothing (a text box cannot
    # carry a NUL byte to the database, as a lookup through the choices could).
    topic = django_filters.CharFilter(
        field_name="topics__slug", label=_("Topic"),
        help_text=_("A topic's slug, e.g. artificial-intelligence."))
    report_body = django_filters.ChoiceFilter(choices=ReportBody.choices,
                                              label=_("Report to"))
    year = YearFilter(field_name="report_year", label=_("Report year"), min_value=1900,
                      max_value=9999)
    deadline_after = django_filters.DateFilter(field_name="deadline", lookup_expr="gte",
                                               label=_("Deadline on or after"))
    deadline_before = django_filters.DateFilter(field_name="deadline", lookup_expr="lte",
                                                label=_("Deadline on or before"))
    q = django_filters.CharFilter(method="filter_search", label=_("Search"),
                                  help_text=_("Words of the title or the questions."))
    ordering = CallOrderingFilter(
        fields=("deadline", "opened_on", "report_year"),
        help_text=_("deadline, opened_on or report_year; prefix with - to reverse."),
    )

    class Meta:
        model = CallForInput
        fields = ["status", "mandate", "topic", "report_body", "year", "deadline_after",
                  "deadline_before", "q"]

    def filter_status(self, queryset: CallQuerySet, name: str, value: str) -> CallQuerySet:
        return queryset.with_status(value) if value else queryset

    def filter_search(self, queryset: CallQuerySet, name: str, value: str) -> CallQuerySet:
        return queryset.search(value)
