"""Who may open which page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

if TYPE_CHECKING:
    from accounts.models import User


class SignedInRequest(HttpRequest):
    """The request of a view behind login_required: its user is a real account."""

    user: User  # type: ignore[assignment]


def ohchr_staff_required(
    view: Callable[..., HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """Signed-in OHCHR staff only; others signed in get 403, visitors the sign-in page."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not getattr(request.user, "is_ohchr_staff", False):
            raise PermissionDenied("This page is for OHCHR staff.")
        return view(request, *args, **kwargs)

    return wrapper
