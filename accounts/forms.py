"""The sign-in forms: Django's, with the username's length actually enforced."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class _BoundedUsername(AuthenticationForm):
    """Django's sign-in form sets the username's max_length after building the field,
    so it reaches the HTML attribute but no validator checks it. A longer name then went
    on to authenticate(), and django-axes failed to record it (its column holds 255
    characters): a 500. Refused here, before any check, like any over-long field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(
            MaxLengthValidator(username.max_length))  # type: ignore[attr-defined]


class SignInForm(_BoundedUsername):
    pass


class AdminSignInForm(_BoundedUsername, AdminAuthenticationForm):
    pass
