"""JSON bodies checked for what JSON can spell but Python cannot use.

DRF's JSONParser hands over whatever json.loads returns, and three things it returns
used to end in a 500:

- nesting: json recurses once per level, so 100,000 "[" raise RecursionError (and a
  body a few hundred levels deep costs every later walk over it). No request of this
  API nests more than a list inside an object: deeper than MAX_DEPTH is refused;
- a lone surrogate ("\\ud800") is a str Python cannot encode: an error message echoing
  it cannot be sent, and a text holding it cannot be stored;
- 1e400 is float("inf"), which no id or number field can convert (OverflowError).

Each is a 400 before any serializer sees the body, naming the top-level field it was
found in; no value is echoed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.settings import api_settings

MAX_DEPTH = 20
_SURROGATE = re.compile("[\ud800-\udfff]")  # json joins valid pairs: any left is lone


def _too_deep() -> str:
    return gettext("The JSON body is nested more than %(depth)d levels deep.") % {
        "depth": MAX_DEPTH}


def _fault(value: Any) -> str | None:
    """What is wrong with one scalar (or key), if anything."""
    if isinstance(value, str) and not value.isascii() and _SURROGATE.search(value):
        return gettext("Not valid text: it holds a lone surrogate (\\ud800 to \\udfff).")
    if isinstance(value, float) and not math.isfinite(value):
        return gettext("The number is too large.")
    return None


def _check(data: Any) -> None:
    """Walk the parsed body without recursion; raise at the first fault."""
    # (value, depth, top-level field it sits in; None for the body itself)
    stack: list[tuple[Any, int, str | None]] = [(data, 1, None)]
    while stack:
        value, depth, field = stack.pop()
        if isinstance(value, Mapping):
            if depth > MAX_DEPTH:
                raise ParseError(_too_deep())
            for key, child in value.items():
                problem = _fault(key)
                if problem:  # not usable as a field name either
                    raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [problem]})
                stack.append((child, depth + 1, key if field is None else field))
        elif isinstance(value, list):
            if depth > MAX_DEPTH:
                raise ParseError(_too_deep())
            stack.extend((child, depth + 1, field) for child in value)
        else:
            problem = _fault(value)
            if problem:
                raise ValidationError(
                    {field or api_settings.NON_FIELD_ERRORS_KEY: [problem]})


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None,
              parser_context: Mapping[str, Any] | None = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_too_deep()) from None
        _check(data)
        return data
