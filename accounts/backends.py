"""The sign-in lockout, as an authentication backend."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, for sign-ins that come through a web request.

    The sign-in pages always pass the request. Calls without one (the test client's
    ``login()``, management commands) have no address to lock out and are left to
    the next backend rather than refused outright.
    """

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> None:
        if request is None:
            return None
        # Axes only checks the lockout: it returns None, or raises PermissionDenied.
        super().authenticate(request, username, password, **kwargs)
        return None
