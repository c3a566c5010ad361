"""The living mandate directory: what each mandate covers, who holds it today and until
when, who held it before, and what it wrote to companies.

Open to anyone: the mandates and their holders are public, and the letter figures count
what the viewer may count (mandates/selectors.py: every letter for OHCHR staff, the
published ones for everyone else).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from btech.office_time import office_today
from engagements import policy
from engagements.forms import add_service_errors
from engagements.policy import Action
from mandates import selectors, services
from mandates.filters import MandateFilter
from mandates.forms import HolderForm
from mandates.models import HoldersOnRecord, Mandate


@dataclass(frozen=True)
class DirectoryEntry:
    mandate: Mandate
    record: HoldersOnRecord
    term_end: selectors.TermEnd | None
    figures: selectors.LetterFigures
    open_calls: int = 0


def _entries(mandates: list[Mandate], user: Any, today: dt.date) -> list[DirectoryEntry]:
    ids = [m.pk for m in mandates]
    figures = selectors.letter_figures(ids, user, today)
    calls = selectors.open_call_counts(ids, today)
    return [DirectoryEntry(mandate, mandate.holders_on_record(today),
                           selectors.current_term_end(mandate, today),
                           figures.get(mandate.pk, selectors.NO_LETTERS),
                           calls.get(mandate.pk, 0))
            for mandate in mandates]


def mandate_list(request: HttpRequest) -> HttpResponse:
    today = office_today()
    filterset = MandateFilter(request.GET or None,
                              queryset=selectors.directory_mandates(request.user, today))
    # A malformed value shows next to its field and is ignored while the valid filters
    # still apply (django-filter filters by the fields that validated).
    mandates = list(filterset.qs)
    entries = _entries(mandates, request.user, today)
    return render(request, "mandates/mandate_list.html", {
        "entries": entries, "mandates": [entry.mandate for entry in entries],
        "filterset": filterset, "today": today,
        "counts_every_letter": selectors.counts_every_letter(request.user),
    })


def mandate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    today = office_today()
    mandate = selectors.mandate_for_page(pk)
    form = None
    status = 200
    if policy.may(request.user, Action.RECORD_MANDATE_HOLDER):
        form = HolderForm()
        if request.method == "POST":
            form = HolderForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    holder = services.holder_record(
                        mandate=mandate, name=data["name"], term_start=data["term_start"],
                        term_end=data["term_end"])
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("%(name)s's term is recorded.") % {
                        "name": holder.name})
                    return redirect("mandate-detail", pk=mandate.pk)
            status = 400
    elif request.method == "POST":
        raise PermissionDenied("You may not record a mandate holder.")
    entry = _entries([mandate], request.user, today)[0]
    return render(request, "mandates/mandate_detail.html", {
        "entry": entry, "mandate": mandate, "today": today, "form": form,
        "letters": selectors.recent_public_letters(mandate, today),
        "open_calls": selectors.open_calls(mandate, today),
        "counts_every_letter": selectors.counts_every_letter(request.user),
    }, status=status)
