"""The mandates and who holds them: public facts, readable by every signed-in user.

The letter figures count by the viewer's rule (mandates/selectors.py): every letter for
OHCHR staff, the published ones for everyone else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.db.models import QuerySet
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from btech.api.pagination import StandardPagination
from btech.office_time import office_today
from mandates import selectors
from mandates.api.serializers import MandateHolderSerializer, MandateSerializer
from mandates.filters import MandateFilter
from mandates.models import Mandate, MandateHolder, MandateHolderQuerySet

# The filterset is the directory page's (mandates/filters.py).
__all__ = ["MandateFilter", "MandateHolderViewSet", "MandateViewSet"]


class MandateHolderFilter(django_filters.FilterSet):
    held_on = django_filters.DateFilter(method="filter_held_on", label="Held on",
                                        help_text="Only the terms running on this date.")

    class Meta:
        model = MandateHolder
        fields = ["mandate", "held_on"]

    def filter_held_on(self, queryset: MandateHolderQuerySet, name: str,
                       value: dt.date) -> MandateHolderQuerySet:
        return queryset.held_on(value)


class MandateViewSet(viewsets.ReadOnlyModelViewSet[Mandate]):
    serializer_class = MandateSerializer
    filterset_class = MandateFilter
    pagination_class = StandardPagination

    def get_queryset(self) -> QuerySet[Mandate]:
        return selectors.directory_mandates(self.request.user, office_today())

    def _context(self, mandates: list[Mandate]) -> dict[str, Any]:
        today = office_today()
        return {**self.get_serializer_context(), "today": today,
                # One query for the letter figures of the whole page.
                "figures": selectors.letter_figures([m.pk for m in mandates],
                                                    self.request.user, today)}

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        mandates = list(page or [])
        data = MandateSerializer(mandates, many=True, context=self._context(mandates)).data
        return self.get_paginated_response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        mandate = self.get_object()
        return Response(MandateSerializer(mandate, context=self._context([mandate])).data)



class MandateHolderViewSet(viewsets.ReadOnlyModelViewSet[MandateHolder]):
    queryset = MandateHolder.objects.select_related("mandate")
    serializer_class = MandateHolderSerializer
    filterset_class = MandateHolderFilter
    pagination_class = StandardPagination
