"""Cheap pages for the letter lists: each page and count is computed once per change.

Every page of a list answers `count`. Over 100,000 letters an exact COUNT(*) costs far
more than the page itself (tens of milliseconds against a fraction of one), and pollers
ask the same question every few minutes. So a count is kept in the cache under the SQL
of the list's query (which carries the user's scope, every filter and today's date for
status filters), tagged with a generation number that any change to letters, replies,
mandates of letters, companies, contacts or mandates bumps. Whole pages (rows and count)
of the two lists pollers call are kept the same way, under the request that asked for
them: the asker's visibility scope, every query parameter and the Geneva date (statuses
and days remaining change at midnight). A cached value is reused only while its generation
is current, and for at most BTECH_API_LIST_CACHE_SECONDS in any case, which bounds the
staleness a write that bypasses model signals (a bulk UPDATE) could cause.

The generation is bumped on commit, not on save: bumped earlier, a request running
between the save and the commit could cache the old page under the new generation.
The generation is read before a page is built, so a change that commits while it is
being built leaves that page under the old generation, where nobody will reuse it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.utils.functional import cached_property

GENERATION_KEY = "api-list-generation"


def bump_generation(**kwargs: Any) -> None:
    """Signal receiver: forget every cached count once the transaction commits."""
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: start one
        cache.add(GENERATION_KEY, 1, timeout=None)


def _key(prefix: str, queryset: QuerySet[Any], *extra: object) -> str | None:
    """A cache key naming the query exactly; None when the query can match nothing."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. .none() for a user who may see no letter
        return None
    text = f"{sql}\x00{params!r}\x00{extra!r}"
    return f"api-{prefix}:" + hashlib.sha256(text.encode()).hexdigest()


def page_key(view: str, scope: str, query: list[tuple[str, list[str]]],
             today: dt.date) -> str | None:
    """The key of one page of one list, as asked: the view, the asker's visibility scope
    (accounts.visibility.visibility_scope), every query parameter (filters, ordering, page,
    page size) and the Geneva date, which statuses and days remaining depend on. Built
    without compiling any SQL, which would cost more than the cache lookup itself."""
    if not settings.BTECH_API_LIST_CACHE_SECONDS:
        return None
    text = repr((view, scope, sorted(query), today.isoformat()))
    return "api-page:" + hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class CachedPage:
    count: int
    number: int
    page_size: int
    # The rows as compact UTF-8 JSON, the way DRF's JSONRenderer writes them: a cached
    # page is answered without decoding and re-encoding fifty letters.
    rows_json: bytes


def page_lookup(key: str) -> tuple[int, CachedPage | None]:
    """The current generation and the page stored under `key`, if still current."""
    found = cache.get_many([GENERATION_KEY, key])  # one round trip
    generation = found.get(GENERATION_KEY, 0)
    cached = found.get(key)
    if cached is not None and cached[0] == generation:
        return generation, cached[1]
    return generation, None


def page_store(key: str, generation: int, page: CachedPage) -> None:
    # Stored under the generation read *before* the page was built (see above).
    cache.set(key, (generation, page), timeout=settings.BTECH_API_LIST_CACHE_SECONDS)


class CachedCountPaginator(Paginator[Any]):
    # Pages model instances, or values_list() rows for the lean letter lists.
    @cached_property
    def count(self) -> int:
        seconds = settings.BTECH_API_LIST_CACHE_SECONDS
        if not seconds or not isinstance(self.object_list, QuerySet):
            return super().count
        key = _key("count", self.object_list)
        if key is None:
            return 0
        found = cache.get_many([GENERATION_KEY, key])  # one round trip
        generation = found.get(GENERATION_KEY, 0)
        cached = found.get(key)
        if cached is not None and cached[0] == generation:
            return int(cached[1])
        count = super().count
        cache.set(key, (generation, count), timeout=seconds)
        return count
