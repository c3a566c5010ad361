"""Filters of the mandate directory, shared by the page and GET /api/v1/mandates/."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from btech.i18n import translated_columns
from mandates.models import Mandate, MandateKind, MandateType
from topics.filters import TopicFilter


class MandateFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=MandateKind.choices, label=_("Kind"))
    mandate_type = django_filters.ChoiceFilter(choices=MandateType.choices, label=_("Type"))
    topic = TopicFilter()
    # Needs the queryset of directory_mandates (mandates/selectors.py), whose
    # `has_letters` counts by the viewer's rule.
    has_letters = django_filters.BooleanFilter(
        field_name="has_letters", label=_("Has written to companies"),
        help_text=_("true: only mandates that signed a letter to a company (published "
                    "letters, or every letter for OHCHR staff)."))
    q = django_filters.CharFilter(method="filter_search", label=_("Search"),
                                  help_text=_("Title, short name, what it covers, or a "
                                              "holder's name, in any language."))

    class Meta:
        model = Mandate
        fields = ["kind", "mandate_type", "topic", "has_letters", "q"]

    def filter_search(self, queryset: QuerySet[Mandate], name: str,
                      value: str) -> QuerySet[Mandate]:
        # NUL cannot be stored or searched in PostgreSQL text; nobody types it on purpose.
        text = value.replace("\x00", "").strip()[:200]
        if not text:
            return queryset
        # In any of the languages: a French reader may know the English name.
        found = Q(holders__name__icontains=text)
        for column in translated_columns(Mandate, *Mandate.TRANSLATED_FIELDS):
            found |= Q(**{f"{column}__icontains": text})
        matching: Any = Mandate.objects.filter(found).values("pk")
        return queryset.filter(pk__in=matching)
