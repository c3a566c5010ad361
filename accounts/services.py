"""Writes to accounts that other credentials depend on."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.authtoken.models import Token

from accounts.models import CalendarFeed, User
from btech.i18n import recipient_language

logger = logging.getLogger(__name__)


@transaction.atomic
def password_changed(*, user: User) -> None:
    """End the credentials the old password handed out, once it has changed.

    Django signs out the web sessions itself (their hash follows the password). The API
    token and the calendar address do not: whoever learned the old password may have
    taken them too. The token is revoked (the user obtains a new one with the new
    password) and the calendar feed gets a new address; the user is told by email, so
    that they learn of a change they did not make, and of a password set by staff.

    Call in the transaction that saves the new password: the forms of the password
    change, reset and admin pages do (accounts/forms.py).
    """
    Token.objects.filter(user=user).delete()
    for feed in CalendarFeed.objects.select_for_update().filter(user=user):
        feed.reset()
    if user.email:
        transaction.on_commit(lambda: _tell(user))


def _tell(user: User) -> None:
    try:
        # In the account's language: the person reading may be on another page, or none.
        with translation.override(recipient_language(user=user)):
            send_mail(
                gettext("Your B-Tech Engagement Tracker password was changed"),
                render_to_string("registration/password_changed_email.txt", {"user": user}),
                None, [user.email],
            )
    except Exception:
        # The change stands and the page has said so; a lost notice must not undo it
        # or fail the page (as Django does for its password reset email).
        logger.exception("could not tell user %s that their password changed", user.pk)


def user_language_set(*, user: User, language: str) -> None:
    """Remember the language a person chose with the switcher: their pages in every
    browser, and their emails, follow it from now on (btech/i18n.py)."""
    # The one field checked, not the whole account: an old account that no longer
    # passes a newer rule must still be able to change its language.
    user.language = User._meta.get_field("language").clean(language, user)
    user.save(update_fields=["language"])
