"""Read a rendered page as a user's browser would find its elements: by id, tag and
attributes (the standard library's parser; tests need no more)."""

from __future__ import annotations

from html.parser import HTMLParser


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def elements(content: str, tag: str | None = None,
             **attrs: str) -> list[dict[str, str]]:
    """The attributes of every element with `tag` and the given attribute values
    (an underscore in a name stands for a hyphen: aria_invalid="true")."""
    parser = _Elements()
    parser.feed(content)
    wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
    return [found for name, found in parser.found
            if (tag is None or name == tag)
            and all(found.get(key) == value for key, value in wanted.items())]


def element(content: str, id: str) -> dict[str, str]:  # noqa: A002 - the HTML attribute
    matches = elements(content, id=id)
    assert len(matches) == 1, f"{len(matches)} elements with id {id!r}"
    return matches[0]
