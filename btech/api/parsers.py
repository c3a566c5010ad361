"""JSON bodies with a bounded depth.

Python's json module recurses once per nesting level: a body of 100,000 "[" raises
RecursionError, which DRF's JSONParser does not catch (a 500), and a body nested a few
hundred levels deep parses but costs every later walk over it. No request of this API
nests more than a list inside an object, so anything deeper than MAX_DEPTH is refused
with a 400 before a serializer sees it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 20


def _too_deep(data: Any, limit: int) -> bool:
    """Whether `data` nests lists and objects more than `limit` levels (no recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, Mapping):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None,
              parser_context: Mapping[str, Any] | None = None) -> Any:
        message = gettext("The JSON body is nested more than %(depth)d levels deep.") % {
            "depth": MAX_DEPTH}
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(message) from None
        if _too_deep(data, MAX_DEPTH):
            raise ParseError(message)
        return data
