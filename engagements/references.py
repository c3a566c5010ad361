"""Communication references: ``TYPE CODE N/YEAR``, e.g. ``AL OTH 74/2022``.

``OTH`` marks a non-State recipient, which every company is; a State recipient carries
its ISO-3 code (``AL USA 30/2025``). The reference is the letter's identity.

Staff often write a joint letter's reference with its joint type (``JAL OTH 74/2024``).
The tracker stores the base type (``AL OTH 74/2024``) and shows ``JAL`` whenever several
mandates sign (``Communication.display_type``): one spelling per letter, so ``JAL OTH
74/2024`` and ``AL OTH 74/2024`` can never be logged as two letters. A joint prefix is a
claim about the signatures, checked by ``joint_prefix_error``; a base prefix on a letter
several mandates sign is accepted, as it is how the letter is stored anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext

REFERENCE_PATTERN = re.compile(r"^(?P<joint>J)?(?P<type>AL|UA|OL) (?P<code>[A-Z]{3}) "
                               r"(?P<number>[1-9]\d{0,3})/(?P<year>\d{4})$")
NON_STATE_CODE = "OTH"


@dataclass(frozen=True)
class Reference:
    letter_type: str  # the base type: AL, UA or OL, also for JAL, JUA, JOL
    code: str
    number: int
    year: int
    joint: bool = False  # written with a joint prefix (JAL, JUA, JOL)

    @property
    def text(self) -> str:
        """The reference as stored: always with the base type."""
        return f"{self.letter_type} {self.code} {self.number}/{self.year}"


def parse_reference(text: str) -> Reference | None:
    match = REFERENCE_PATTERN.match(text)
    if match is None:
        return None
    return Reference(
        letter_type=match["type"], code=match["code"],
        number=int(match["number"]), year=int(match["year"]), joint=bool(match["joint"]),
    )


def normalise_reference(text: str) -> str:
    """Upper case, single spaces, no spaces around the slash; a joint prefix is kept
    (``Reference.text`` drops it)."""
    text = re.sub(r"\s+", " ", text.strip().upper())
    return re.sub(r"\s*/\s*", "/", text)


def format_error() -> str:
    return gettext("Write the reference as TYPE CODE N/YEAR, e.g. AL OTH 74/2022 "
                   "(JAL, JUA or JOL for a joint letter).")


def joint_prefix_error(reference: str, mandate_count: int) -> str | None:
    """Why `reference` cannot be a letter signed by `mandate_count` mandates, or None.

    Only a joint prefix with fewer than two mandates is wrong: a base prefix is how
    every reference is stored (see the module's docstring).
    """
    parsed = parse_reference(normalise_reference(reference))
    if parsed is None or not parsed.joint or mandate_count >= 2:
        return None
    return gettext(
        "J{type} marks a joint letter, signed by two or more mandates: choose every "
        "mandate that signed it, or write the reference as {base}."
    ).format(type=parsed.letter_type, base=parsed.text)
