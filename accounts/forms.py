"""Django's sign-in and password forms, with our two additions: the username's length
is enforced at sign-in, and setting a password ends the other credentials."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils import translation

from accounts.models import User
from accounts.services import password_changed
from btech.i18n import recipient_language


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


class _EndsOtherCredentials:
    """save() of a form that sets a user's password also revokes their API token and
    moves their calendar address (accounts.services.password_changed), in the same
    transaction: the user's password page, the emailed reset link and the admin's
    password page all go through one of these forms."""

    user: User

    def save(self, commit: bool = True) -> User:
        with transaction.atomic():
            user: User = super().save(commit)  # type: ignore[misc]
            if commit:
                password_changed(user=user)
        return user


class PasswordChange(_EndsOtherCredentials, PasswordChangeForm):
    pass


# django-stubs makes these two generic in the user model, but django_stubs_ext's
# monkeypatch (btech/settings.py) does not reach them: subscript them for mypy only.
if TYPE_CHECKING:
    _SetPasswordForm = SetPasswordForm[User]
    _AdminPasswordChangeForm = AdminPasswordChangeForm[User]
else:
    _SetPasswordForm = SetPasswordForm
    _AdminPasswordChangeForm = AdminPasswordChangeForm


class PasswordReset(_EndsOtherCredentials, _SetPasswordForm):
    pass


class AdminPasswordChange(_EndsOtherCredentials, _AdminPasswordChangeForm):
    pass


class PasswordResetRequest(PasswordResetForm):
    """Django's "forgot your password" form; the email, subject and body, goes out in
    the language the account chose (else English), not in the language of the page the
    request came from: whoever typed the address may not be the account's owner."""

    def send_mail(self, subject_template_name: str, email_template_name: str,
                  context: dict[str, Any], from_email: str | None, to_email: str,
                  html_email_template_name: str | None = None) -> None:
        with translation.override(recipient_language(user=context["user"])):
            super().send_mail(subject_template_name, email_template_name, context,
                              from_email, to_email, html_email_template_name)
