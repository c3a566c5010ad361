"""A resource's topics in the API: slugs, and names in the request's language.

ComputedFields (btech/api/rows.py), so the fast list rows write them too."""

from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

from btech.api.rows import ComputedField
from btech.i18n import active_language


def _slugs(slugs: list[str]) -> list[str]:
    return list(slugs)


def _names(names: list[str], names_fr: list[str], names_es: list[str]) -> list[str]:
    """Each name in the active language, the English where no translation is written
    (btech.i18n.translated_value, for columns read from rows)."""
    translated = {"fr": names_fr, "es": names_es}.get(active_language())
    if translated is None or active_language() == settings.LANGUAGE_CODE:
        return list(names)
    return [other or name for name, other in zip(names, translated, strict=True)]


def topic_slugs_field() -> ComputedField:
    return ComputedField(_slugs, "topics__slug",
                         output=serializers.ListField(child=serializers.CharField()),
                         help_text="The topics' slugs, as ?topic= takes them.")


def topic_names_field() -> ComputedField:
    return ComputedField(_names, "topics__name", "topics__name_fr", "topics__name_es",
                         output=serializers.ListField(child=serializers.CharField()),
                         help_text="The topics' names, in the request's Accept-Language.")
