"""Who may do what to a letter they can see.

Visibility comes first and elsewhere: the viewsets start from
`Communication.objects.visible_to(user)`, so another company's letter is a 404 before
any of these checks run. That is why every rule on an existing letter is an *object*
permission: a collection-level check would answer 403 for a letter the user must not
even learn exists.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

# Actions a company user may take on their own company's letter.
COMPANY_ACTIONS = frozenset({"partial_update", "responses"})


def is_ohchr_staff(request: Request) -> bool:
    return bool(getattr(request.user, "is_ohchr_staff", False))


class LetterPermission(BasePermission):
    message = "Only OHCHR staff can do this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if getattr(view, "action", None) == "create":
            return is_ohchr_staff(request)
        return True

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        if is_ohchr_staff(request) or request.method in SAFE_METHODS:
            return True
        return getattr(view, "action", None) in COMPANY_ACTIONS
