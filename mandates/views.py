"""The mandate directory: what each mandate covers and who holds it now."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from btech.office_time import office_today
from engagements.models import SCOPE_EVERY_COMPANY, scope_company_id, visibility_scope
from mandates.models import Mandate, MandateHolder


def _visible_letters_q(user: Any, today: dt.date) -> Q | None:
    """Which signed letters the count may include for this viewer.

    Published letters are public; confidential ones count only for people who may see
    them (the letters' one visibility rule), so the directory never reveals that an
    unpublished letter exists.
    """
    scope = visibility_scope(user)
    if scope == SCOPE_EVERY_COMPANY:
        return None
    condition = Q(communications__public_on__lte=today)
    if scope is not None:
        condition |= Q(communications__company_id=scope_company_id(scope))
    return condition


def mandate_list(request: HttpRequest) -> HttpResponse:
    today = office_today()
    holders = MandateHolder.objects.order_by("-term_start", "name")
    mandates = (
        Mandate.objects.annotate(letters_signed=Count(
            "communications", filter=_visible_letters_q(request.user, today), distinct=True))
        .prefetch_related(
            Prefetch("holders", queryset=holders.held_on(today), to_attr="current_holders"),
            Prefetch("holders", queryset=holders.filter(term_end__lt=today),
                     to_attr="past_holders"),
        )
        .order_by("kind", "short_name")
    )
    kind = request.GET.get("kind", "")
    if kind in {"thematic", "country"}:
        mandates = mandates.filter(kind=kind)
    # NUL cannot be stored or searched in PostgreSQL text; nobody types it on purpose.
    text = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    if text:
        mandates = mandates.filter(Q(title__icontains=text) | Q(short_name__icontains=text)
                                   | Q(covers__icontains=text) | Q(holders__name__icontains=text)
                                   ).distinct()
    return render(request, "mandates/mandate_list.html", {
        "mandates": mandates, "today": today, "kind": kind, "q": text,
    })
