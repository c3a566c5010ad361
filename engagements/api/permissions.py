"""The permission policy (engagements.policy) for the letters' API routes.

Visibility comes first and elsewhere: the viewsets start from
`Communication.objects.visible_to(user)`, so another company's letter is a 404 before
any of these checks run. That is why every rule on an existing letter is an *object*
permission: a collection-level check would answer 403 for a letter the user must not
even learn exists.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from engagements import policy
from engagements.policy import Action

# The policy's action for each viewset action that writes; every read is Action.VIEW.
WRITE_ACTIONS = {
    "create": Action.CREATE,
    "update": Action.CHANGE_FIELDS,  # PUT: the whole letter
    "destroy": Action.DELETE,
    "responses": Action.LOG_REPLY,
    "notes": Action.ADD_NOTE,
    "extension": Action.EXTEND_DEADLINE,
    "acknowledge": Action.ACKNOWLEDGE,
    "letter": Action.CHANGE_FIELDS,  # PUT or DELETE the letter's PDF
}


def allowed(request: Request, view: APIView, letter: Any = None) -> bool:
    if request.method in SAFE_METHODS:
        return policy.may(request.user, Action.VIEW, letter)
    view_action = getattr(view, "action", None)
    if view_action == "partial_update":
        # A PATCH may carry any fields: it goes through for whoever may write one of
        # them, and the serializer names each field sent that they may not write (400).
        return bool(policy.writable_fields(request.user, letter))
    action = WRITE_ACTIONS.get(view_action or "")
    return action is not None and policy.may(request.user, action, letter)


class LetterPermission(BasePermission):
    message = _("Your role does not allow this on this letter.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        # Creating is the one write on no letter; the others are judged once the letter
        # is found (has_object_permission), so out of scope stays a 404.
        if getattr(view, "action", None) == "create":
            return allowed(request, view)
        return True

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        return allowed(request, view, obj)
