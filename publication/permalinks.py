"""Stable addresses by reference: ``AL OTH 74/2024`` is ``/public/AL-OTH-74-2024/``.

The reference is the letter's identity for everyone involved (engagements/references.py)
and never changes once published, so it makes an address that outlives database ids.
"""

from __future__ import annotations

from engagements.references import normalise_reference, parse_reference

SLUG_PATTERN = r"(?:AL|UA|OL)-[A-Z]{3}-[1-9][0-9]{0,3}-[0-9]{4}"


def reference_slug(reference: str) -> str:
    return reference.replace(" ", "-").replace("/", "-")


def reference_from_slug(slug: str) -> str | None:
    """The stored reference a slug names, or None when it names none."""
    parts = slug.split("-")
    if len(parts) != 4:
        return None
    letter_type, code, number, year = parts
    parsed = parse_reference(normalise_reference(f"{letter_type} {code} {number}/{year}"))
    return parsed.text if parsed is not None else None


class ReferenceSlugConverter:
    regex = SLUG_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
