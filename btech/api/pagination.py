from __future__ import annotations

from rest_framework.pagination import PageNumberPagination

from btech.api.counts import CachedCountPaginator


class StandardPagination(PageNumberPagination):
    """{count, next, previous, results}; ?page_size=N up to 200.

    A page_size above the maximum is clamped rather than refused, and a malformed one
    falls back to the default: pollers should not break on a generous value.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class LetterPagination(StandardPagination):
    """For the letter lists, where counting is the most expensive part of a page."""

    django_paginator_class = CachedCountPaginator
