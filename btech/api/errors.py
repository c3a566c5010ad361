"""Turn the services' Django ValidationError into DRF's, keeping the field names.

Services run full_clean() and raise django.core.exceptions.ValidationError keyed by model
field; the API answers 400 with the same keys (renamed where the API calls a field
differently), so a client always learns which field to fix.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.settings import api_settings


def as_drf_error(
    error: DjangoValidationError, rename: Mapping[str, str] | None = None
) -> serializers.ValidationError:
    rename = rename or {}
    if hasattr(error, "error_dict"):
        detail: dict[str, list[str]] = {}
        for field, messages in error.message_dict.items():
            key = api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field
            detail.setdefault(rename.get(key, key), []).extend(messages)
        return serializers.ValidationError(detail)
    return serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: error.messages})


@contextmanager
def service_errors(rename: Mapping[str, str] | None = None) -> Iterator[None]:
    """`with service_errors(): service(...)` answers a 400 instead of a 500."""
    try:
        yield
    except DjangoValidationError as error:
        raise as_drf_error(error, rename) from error
