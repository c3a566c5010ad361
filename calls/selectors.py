"""Reads of calls for input: lists, the calls a person follows, participations."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from btech.office_time import office_today
from calls.models import CallForInput, CallParticipation, CallQuerySet
from mandates.models import Mandate
from topics.models import Topic

if TYPE_CHECKING:
    from accounts.models import User


def with_list_relations(calls: QuerySet[CallForInput]) -> QuerySet[CallForInput]:
    """Mandates and topics in one query each, whatever the number of calls."""
    return calls.prefetch_related(
        Prefetch("mandates", queryset=Mandate.objects.order_by("short_name")),
        Prefetch("topics", queryset=Topic.objects.order_by("position", "name")),
    )


def call_list(*, status: str | None = None, today: dt.date | None = None) -> CallQuerySet:
    """Calls, newest deadline first; only those in `status` when given."""
    calls = CallForInput.objects.all()
    if status:
        calls = calls.with_status(status, today or office_today())
    return calls.order_by("-deadline", "-opened_on", "-pk")


def call_for(pk: int) -> CallForInput:
    """One call (public: 404 only when there is no such call)."""
    return get_object_or_404(with_list_relations(CallForInput.objects.all()), pk=pk)


def followed_calls(user: User | Any, today: dt.date | None = None) -> CallQuerySet:
    """The open calls `user` follows: those they chose to follow, and those their own
    company intends to submit to (a company that intends to submit follows its call)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return CallForInput.objects.none()
    followed = Q(follows__user=user)
    company_id = getattr(user, "company_id", None)
    if company_id:
        followed |= Q(pk__in=CallParticipation.objects.filter(
            company_id=company_id, intends_to_submit=True).values("call_id"))
    return (CallForInput.objects.open_on(today or office_today()).filter(followed)
            .distinct().order_by("deadline", "pk"))


def is_following(user: User | Any, call: CallForInput) -> bool:
    return followed_calls(user).filter(pk=call.pk).exists()


def own_participation(user: User | Any, call: CallForInput) -> CallParticipation | None:
    """The participation of the user's own company in `call`, if any."""
    company_id = getattr(user, "company_id", None)
    if not company_id:
        return None
    return (CallParticipation.objects.visible_to(user).select_related("call", "company")
            .filter(call=call, company_id=company_id).first())


def participations(user: User | Any, call: CallForInput) -> QuerySet[CallParticipation]:
    """The participations in `call` that `user` may see (every one for staff)."""
    return (CallParticipation.objects.visible_to(user).filter(call=call)
            .select_related("call", "company", "intent_by", "recorded_by")
            .order_by("company__name"))
