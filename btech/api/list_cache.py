"""Cheap pages for the letter lists: each page and count is computed once per change.

Every page of a list answers `count`. Over 100,000 letters an exact COUNT(*) costs far
more than the page itself (tens of milliseconds against a fraction of one), and pollers
ask the same question every few minutes. So a count is kept in the cache under the SQL
of the list's query (which carries the user's scope, every filter and today's date for
status filters), tagged with a generation number that any change to letters, replies,
mandates of letters, companies, contacts or mandates bumps. Whole pages (rows and count)
of the two lists pollers call are kept the same way, under the request that asked for
them: the asker's visibility scope, every query parameter, the Geneva date (statuses
and days remaining change at midnight) and the language of the answer (its labels). A
cached value is reused only while its generation is current, and for at most
BTECH_API_LIST_CACHE_SECONDS in any case, which bounds the staleness a write that
bypasses model signals (a bulk UPDATE) could cause.

The generation is bumped on commit, not on save: bumped earlier, a request running
between the save and the commit could cache the old page under the new generation.
The generation is read before a page is built, so a change that commits while it is
being built leaves that page under the old generation, where nobody will reuse it.

The cache fails open. With Redis down (or too slow to answer within the socket timeouts
of CACHES), pages and counts are computed as if nothing were cached, a change is saved
and answered as usual, and one warning says so; so does one line when it is back. A
change committed meanwhile could not bump the generation, and Redis may come back with
its old pages (it persists them): so the first use of the cache after an outage bumps
the generation before anything else. Another process that never noticed the outage may
still reuse an old page until that bump, and at most BTECH_API_LIST_CACHE_SECONDS.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.utils.functional import cached_property
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

GENERATION_KEY = "api-list-generation"
# What the cache raises when Redis cannot be reached or does not answer in time.
UNREACHABLE = (RedisError, OSError)

T = TypeVar("T")
# Per process: the cache failed at its last use, and the generation is owed a bump.
_unreachable = False


def _increment_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: start one
        cache.add(GENERATION_KEY, 1, timeout=None)


def _use(what: str, call: Callable[[], T], fallback: T) -> T:
    """`call()` against the cache, or `fallback` when the cache cannot be reached."""
    global _unreachable
    try:
        if _unreachable:
            _increment_generation()  # owed: see the module's docstring
        result = call()
    except UNREACHABLE as error:
        if not _unreachable:
            logger.warning("The letter lists' cache cannot be reached (%s: %s); answering "
                           "without it until it is back.", what, error)
        _unreachable = True
        return fallback
    if _unreachable:
        _unreachable = False
        logger.warning("The letter lists' cache is reachable again.")
    return result


def bump_generation(**kwargs: Any) -> None:
    """Signal receiver: forget every cached count once the transaction commits.

    robust: whatever happens after the commit, the change is saved and must be answered
    as such (a 500 would have the person save it again).
    """
    transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    # Unreachable: _use remembers it, and the next use of the cache bumps first.
    _use("bump", _increment_generation, None)


def _key(prefix: str, queryset: QuerySet[Any], *extra: object) -> str | None:
    """A cache key naming the query exactly; None when the query can match nothing."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. .none() for a user who may see no letter
        return None
    text = f"{sql}\x00{params!r}\x00{extra!r}"
    return f"api-{prefix}:" + hashlib.sha256(text.encode()).hexdigest()


def page_key(view: str, scope: str, query: list[tuple[str, list[str]]],
             today: dt.date, language: str) -> str | None:
    """The key of one page of one list, as asked: the view, the asker's visibility scope
    (accounts.visibility.visibility_scope), every query parameter (filters, ordering, page,
    page size), the Geneva date, which statuses and days remaining depend on, and the
    language of the answer (its labels: letter_type_label...). Built without compiling
    any SQL, which would cost more than the cache lookup itself."""
    if not settings.BTECH_API_LIST_CACHE_SECONDS:
        return None
    text = repr((view, scope, sorted(query), today.isoformat(), language))
    return "api-page:" + hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class CachedPage:
    count: int
    number: int
    page_size: int
    # The rows as compact UTF-8 JSON, the way DRF's JSONRenderer writes them: a cached
    # page is answered without decoding and re-encoding fifty letters.
    rows_json: bytes


def page_lookup(key: str) -> tuple[int | None, CachedPage | None]:
    """The current generation and the page stored under `key`, if still current;
    (None, None) when the cache cannot be reached."""
    found = _use("lookup", lambda: cache.get_many([GENERATION_KEY, key]), None)
    if found is None:
        return None, None
    generation = found.get(GENERATION_KEY, 0)
    cached = found.get(key)
    if cached is not None and cached[0] == generation:
        return generation, cached[1]
    return generation, None


def page_store(key: str, generation: int | None, page: CachedPage) -> None:
    # Stored under the generation read *before* the page was built (see above); not at
    # all when it could not be read.
    if generation is None:
        return
    _use("store", lambda: cache.set(key, (generation, page),
                                    timeout=settings.BTECH_API_LIST_CACHE_SECONDS), None)


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
        found = _use("count", lambda: cache.get_many([GENERATION_KEY, key]), None)
        if found is None:
            return super().count
        generation = found.get(GENERATION_KEY, 0)
        cached = found.get(key)
        if cached is not None and cached[0] == generation:
            return int(cached[1])
        count = super().count
        _use("store", lambda: cache.set(key, (generation, count), timeout=seconds), None)
        return count
