"""The public register: published letters and their replies, no sign-in.

Only ``Communication.objects.published()`` is read here, and the templates show only
public facts: never a note, an issue owner, a contact, an extension's reason or a PDF
(the stored PDF is the confidential version; names in it may not be redacted).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from btech.office_time import office_today
from companies.models import Company
from engagements import selectors
from engagements.filters import PublicLetterFilter
from engagements.models import Communication
from mandates.models import Mandate

PAGE_SIZE = 50


def public_list(request: HttpRequest) -> HttpResponse:
    today = office_today()
    published = Communication.objects.published(today)
    # Only names that appear in the register: the choices must not hint at letters
    # that are still confidential.
    companies = Company.objects.filter(pk__in=published.values("company")).order_by("name")
    mandates = Mandate.objects.filter(
        pk__in=published.values("mandates")).order_by("short_name")
    filterset, letters = selectors.filtered_letters(
        published, request.GET, companies=companies, mandates=mandates,
        filterset_class=PublicLetterFilter)
    letters = letters.order_by("-public_on", "-sent_on", "reference").select_related(
        "company").prefetch_related("mandates", "topics")
    page = Paginator(letters, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "public/register.html", {
        "filterset": filterset, "page": page, "today": today,
    })


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    today = office_today()
    letter = selectors.published_letter(pk, today)
    return render(request, "public/letter.html", {"letter": letter, "today": today})
