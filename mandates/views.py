"""The mandate directory: what each mandate covers and who holds it now."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from btech.i18n import translated_columns, translated_expression
from btech.office_time import office_today
from engagements.models import Communication
from mandates.models import Mandate, MandateHolder


def _countable_letters(user: Any, today: dt.date) -> QuerySet[Communication]:
    """The letters the directory may count for this viewer: the published ones and the
    confidential ones the viewer may see (the letters' own rule, not a copy of it), so
    the directory never reveals that an unpublished letter exists."""
    return Communication.objects.visible_to(user) | Communication.objects.published(today)


def mandate_list(request: HttpRequest) -> HttpResponse:
    today = office_today()
    mandates = (
        # One query for the whole page: the countable letters are a subquery of ids.
        Mandate.objects.annotate(letters_signed=Count("communications", distinct=True, filter=Q(
            communications__in=_countable_letters(request.user, today).values("pk"))))
        # Every term, for Mandate.holders_on_record(): who holds it now, or held it last.
        .prefetch_related(Prefetch("holders", queryset=MandateHolder.objects.all()))
        .order_by("kind", translated_expression("short_name"), "short_name")
    )
    kind = request.GET.get("kind", "")
    if kind in {"thematic", "country"}:
        mandates = mandates.filter(kind=kind)
    # NUL cannot be stored or searched in PostgreSQL text; nobody types it on purpose.
    text = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    if text:
        # In any of the languages: a French reader may know the English name.
        found = Q(holders__name__icontains=text)
        for column in translated_columns(Mandate, *Mandate.TRANSLATED_FIELDS):
            found |= Q(**{f"{column}__icontains": text})
        mandates = mandates.filter(found).distinct()
    return render(request, "mandates/mandate_list.html", {
        "mandates": mandates, "today": today, "kind": kind, "q": text,
    })
