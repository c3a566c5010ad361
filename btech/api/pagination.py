from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseBase
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from btech.api import list_cache
from btech.api.list_cache import CachedCountPaginator
from btech.i18n import active_language


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

    def paginate_rows(self, queryset: Callable[[], QuerySet[Any]], request: Request, *,
                      view: str, scope: str | None, today: dt.date,
                      build: Callable[[list[Any]], list[dict[str, Any]]]) -> bytes:
        """Like paginate_queryset, but returns the page's rows, as built by `build`, in
        JSON; a whole page (rows and count) is reused while no letter, reply, company,
        contact or mandate changed (btech/api/list_cache.py). `scope` is the asker's
        visibility scope; None (they may see no letter) is never cached. Answer with
        rows_response().

        `queryset` is called only when the page must be built: a cached page was built
        from the same parameters, which the filters accepted then (a refused parameter
        is a 400 before anything is cached)."""
        self.request = request
        key = (list_cache.page_key(view, scope, list(request.query_params.lists()), today,
                                   active_language())
               if scope is not None else None)
        generation: int | None = None
        if key is not None:
            generation, cached = list_cache.page_lookup(key)
            if cached is not None:
                paginator: Paginator[Any] = Paginator([], cached.page_size)
                paginator.count = cached.count  # a cached_property: set, it is never computed
                self.page = Page([], cached.number, paginator)
                return cached.rows_json
        page_size = self.get_page_size(request) or self.page_size
        paginator = self.django_paginator_class(queryset(), page_size)
        page_number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage as error:
            raise NotFound(self.invalid_page_message.format(
                page_number=page_number, message=str(error))) from error
        rows_json = _compact_json(build(list(self.page.object_list)))
        if key is not None:
            list_cache.page_store(key, generation, list_cache.CachedPage(
                count=paginator.count, number=self.page.number, page_size=page_size,
                rows_json=rows_json))
        return rows_json

    def rows_response(self, rows_json: bytes) -> HttpResponseBase:
        """{count, next, previous, results} around rows from paginate_rows()."""
        assert self.request is not None and self.page is not None  # paginate_rows ran
        if self.request.accepted_media_type != "application/json":
            # The browsable API, or JSON with options (indent): let DRF render.
            return self.get_paginated_response(json.loads(rows_json))
        envelope = _compact_json({"count": self.page.paginator.count,
                                  "next": self.get_next_link(),
                                  "previous": self.get_previous_link()})
        # Splice the rows into the envelope: '{"count":…,"previous":…' + ',"results":[…]}'.
        body = envelope[:-1] + b',"results":' + rows_json + b"}"
        return HttpResponse(body, content_type="application/json")


def _compact_json(data: Any) -> bytes:
    # DRF's JSONRenderer with its default (compact, unicode) settings writes the same.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode()
