"""Communication references: ``TYPE CODE N/YEAR``, e.g. ``AL OTH 74/2022``.

``OTH`` marks a non-State recipient, which every company is; a State recipient carries
its ISO-3 code (``AL USA 30/2025``). The reference is the letter's identity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REFERENCE_PATTERN = re.compile(r"^(?P<type>AL|UA|OL) (?P<code>[A-Z]{3}) (?P<number>[1-9]\d{0,3})"
                               r"/(?P<year>\d{4})$")
NON_STATE_CODE = "OTH"


@dataclass(frozen=True)
class Reference:
    letter_type: str
    code: str
    number: int
    year: int


def parse_reference(text: str) -> Reference | None:
    match = REFERENCE_PATTERN.match(text)
    if match is None:
        return None
    return Reference(
        letter_type=match["type"], code=match["code"],
        number=int(match["number"]), year=int(match["year"]),
    )


def normalise_reference(text: str) -> str:
    """Upper case, single spaces, no spaces around the slash."""
    text = re.sub(r"\s+", " ", text.strip().upper())
    return re.sub(r"\s*/\s*", "/", text)
