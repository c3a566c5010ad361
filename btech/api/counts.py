"""Cheap page counts for the letter lists: each exact count is computed once per change.

Every page of a list answers `count`. Over 100,000 letters an exact COUNT(*) costs far
more than the page itself (tens of milliseconds against a fraction of one), and pollers
ask the same question every few minutes. So a count is kept in the cache under the SQL
of the list's query (which carries the user's scope, every filter and today's date for
status filters), tagged with a generation number that any change to letters, replies,
mandates of letters or company names bumps. A count is reused only while its
generation is current, and for at most COUNT_CACHE_SECONDS in any case, which bounds
the staleness a write that bypasses model signals (a bulk UPDATE) could cause.

The generation is bumped on commit, not on save: bumped earlier, a request running
between the save and the commit could cache the old count under the new generation.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import transaction
from django.utils.functional import cached_property

GENERATION_KEY = "api-count-generation"


def bump_generation(**kwargs: Any) -> None:
    """Signal receiver: forget every cached count once the transaction commits."""
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: start one
        cache.add(GENERATION_KEY, 1, timeout=None)


class CachedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        seconds = settings.BTECH_API_COUNT_CACHE_SECONDS
        query = getattr(self.object_list, "query", None)
        if not seconds or query is None:
            return super().count
        try:
            sql, params = query.sql_with_params()
        except EmptyResultSet:  # e.g. .none() for a user who may see no letter
            return 0
        key = "api-count:" + hashlib.sha256(f"{sql}\x00{params!r}".encode()).hexdigest()
        found = cache.get_many([GENERATION_KEY, key])  # one round trip
        generation = found.get(GENERATION_KEY, 0)
        cached = found.get(key)
        if cached is not None and cached[0] == generation:
            return int(cached[1])
        count = super().count
        cache.set(key, (generation, count), timeout=seconds)
        return count
