"""Who may open which page: the permission policy (engagements.policy) for the views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from btech.office_time import office_today
from engagements import policy, selectors
from engagements.policy import Action

if TYPE_CHECKING:
    from accounts.models import User
    from engagements.models import Communication


class SignedInRequest(HttpRequest):
    """The request of a view behind login_required: its user is a real account."""

    user: User


def policy_required(
    action: Action,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """For a page that is about no one letter (the board): signed-in users the policy
    allows `action`; others signed in get 403, visitors the sign-in page."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not policy.may(request.user, action):
                raise PermissionDenied(f"You may not {action.label.lower()}.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def letter_for_action(request: HttpRequest, pk: int, action: Action) -> Communication:
    """The letter, for a user who may `action` it: 404 when out of their sight (visibility
    first, so a 403 never confirms that another company's letter exists), then 403."""
    letter = selectors.letter_for(request.user, pk, office_today())
    if not policy.may(request.user, action, letter):
        raise PermissionDenied(f"You may not {action.label.lower()}.")
    return letter
