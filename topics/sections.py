"""What the topic page shows, and what the weekly topic digest tells: a registry of
sections, one per kind of thing that carries topics.

Each app that has something to say about a topic registers one provider here, once,
and the page (topics/views.py), the API (topics/api/) and the digest (topics/digest.py)
show it without knowing the app:

    from topics.sections import topic_section

    @topic_section(order=30)
    def open_calls(topics, user, today):
        ...
        return TopicSection(key="calls", title=_("Open calls for input"), ...)

A page provider gets the chosen topics with their children (a broad area includes its
topics), the viewer and the Geneva date, and returns a section or None to show nothing.
It shows public information only: the topic page is open to anyone.

A digest provider gets the followed topics (with their children), the recipient and
the digest's week (first and last day, both included), and returns what is new then,
or None when nothing is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from topics.models import Topic


@dataclass(frozen=True)
class TopicSection:
    """One part of the topic page: a heading, what the page shows (`items`, rendered by
    `template`, which receives the section as `section`) and the same as JSON (`data`)."""

    key: str
    title: str
    template: str
    items: Sequence[Any]
    data: list[dict[str, Any]]
    total: int = 0  # how many there are in all, when `items` shows only the first ones
    empty_text: str = ""


@dataclass(frozen=True)
class DigestLine:
    text: str
    url: str = ""


@dataclass(frozen=True)
class DigestSection:
    """One part of the weekly topic digest: a heading and a line per new thing."""

    key: str
    title: str
    lines: list[DigestLine] = field(default_factory=list)


PageProvider = Callable[[Sequence[Topic], Any, dt.date], TopicSection | None]
DigestProvider = Callable[[Sequence[Topic], Any, dt.date, dt.date], DigestSection | None]

_page_providers: list[tuple[int, str, PageProvider]] = []
_digest_providers: list[tuple[int, str, DigestProvider]] = []


def _register(registry: list[tuple[int, str, Any]], order: int, provider: Any) -> None:
    name = f"{provider.__module__}.{provider.__qualname__}"
    # A module imported twice (tests reload, ready() runs again) registers once.
    registry[:] = [entry for entry in registry if entry[1] != name]
    registry.append((order, name, provider))
    registry.sort(key=lambda entry: (entry[0], entry[1]))


def topic_section(*, order: int) -> Callable[[PageProvider], PageProvider]:
    """Register a section of the topic page (and its API), shown by `order`."""
    def register(provider: PageProvider) -> PageProvider:
        _register(_page_providers, order, provider)
        return provider
    return register


def digest_section(*, order: int) -> Callable[[DigestProvider], DigestProvider]:
    """Register a section of the weekly topic digest, shown by `order`."""
    def register(provider: DigestProvider) -> DigestProvider:
        _register(_digest_providers, order, provider)
        return provider
    return register


def page_sections(topics: Sequence[Topic], user: Any, today: dt.date) -> list[TopicSection]:
    return [section for _order, _name, provider in _page_providers
            if (section := provider(topics, user, today)) is not None]


def digest_sections(topics: Sequence[Topic], user: Any, first_day: dt.date,
                    last_day: dt.date) -> list[DigestSection]:
    return [section for _order, _name, provider in _digest_providers
            if (section := provider(topics, user, first_day, last_day)) is not None
            and section.lines]
