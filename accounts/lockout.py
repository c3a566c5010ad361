"""The sign-in lockout (django-axes): what a locked-out sign-in gets back, and whose
failures a successful sign-in clears.

The API answers in JSON, as every other API error, with Retry-After; the sign-in pages
show the lockout page. Both say how long in words ("15 minutes"), not as an ISO 8601
duration.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext, ngettext

LOCKED_STATUS = 429  # Too Many Requests


def _words(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def lockout_response(request: HttpRequest, original_response: HttpResponse | None,
                     credentials: dict[str, Any] | None) -> HttpResponse:
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 0
    wait = _words(seconds) if seconds else gettext("a few minutes")
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": gettext("Too many failed sign-ins. Try again in %(wait)s.") % {
                "wait": wait}},
            status=LOCKED_STATUS)
    else:
        response = render(request, "registration/locked_out.html", {"cooloff_time": wait},
                          status=LOCKED_STATUS)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response


class LockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler (AXES_HANDLER), clearing on a successful sign-in
    only the failures recorded against the account that signed in.

    Axes' own reset deletes every attempt that matches any lockout parameter of the
    request, the address included: four wrong passwords for someone else, then one
    sign-in to one's own account from the same address, wiped those four, over and
    over, so the guesses were never limited. Failures against other accounts now stay
    until they expire, and keep counting towards the address's lockout.
    """

    def reset_user_attempts(self, request: HttpRequest,
                            credentials: dict[str, Any] | None = None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        deleted: tuple[int, dict[str, int]] = (
            AccessAttempt.objects.filter(username=username).delete())
        return deleted[0]
