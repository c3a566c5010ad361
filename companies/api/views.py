"""The company register (public facts) and the contacts (confidential, per company)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from rest_framework import viewsets

from btech.api.pagination import StandardPagination
from companies.api.serializers import CompanySerializer, ContactSerializer
from companies.models import Company, CompanyQuerySet, Contact


class CompanyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search",
                                  help_text="Current or former name.")

    class Meta:
        model = Company
        fields = ["is_btech_member", "q"]

    def filter_search(self, queryset: CompanyQuerySet, name: str,
                      value: str) -> CompanyQuerySet:
        return queryset.search(value)


class ContactFilter(django_filters.FilterSet):
    class Meta:
        model = Contact
        fields = ["company", "role"]


class CompanyViewSet(viewsets.ReadOnlyModelViewSet[Company]):
    queryset = Company.objects.prefetch_related("former_names")
    serializer_class = CompanySerializer
    filterset_class = CompanyFilter
    pagination_class = StandardPagination


class ContactViewSet(viewsets.ReadOnlyModelViewSet[Contact]):
    """The people letters can be routed to: a company user sees only their own company's."""

    serializer_class = ContactSerializer
    filterset_class = ContactFilter
    pagination_class = StandardPagination

    def get_queryset(self) -> QuerySet[Contact]:
        return Contact.objects.visible_to(self.request.user).select_related("company")
