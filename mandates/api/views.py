"""The mandates and who holds them: public facts, readable by every signed-in user."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Prefetch, QuerySet
from rest_framework import viewsets

from btech.api.pagination import StandardPagination
from btech.office_time import office_today
from mandates.api.serializers import MandateHolderSerializer, MandateSerializer
from mandates.models import Mandate, MandateHolder, MandateHolderQuerySet


class MandateFilter(django_filters.FilterSet):
    class Meta:
        model = Mandate
        fields = ["kind", "mandate_type"]


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
        current = MandateHolder.objects.held_on(office_today())
        return Mandate.objects.prefetch_related(
            Prefetch("holders", queryset=current, to_attr="current_holders"))


class MandateHolderViewSet(viewsets.ReadOnlyModelViewSet[MandateHolder]):
    queryset = MandateHolder.objects.select_related("mandate")
    serializer_class = MandateHolderSerializer
    filterset_class = MandateHolderFilter
    pagination_class = StandardPagination
