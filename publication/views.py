"""The public register (no sign-in) and OHCHR staff's publication page.

The register reads only ``selectors.register_letters(today)`` (published letters) and
shows a letter through ``selectors.public_letter``: the public facts, the approved
public versions, the public replies and the related letters that are public themselves.
Never a note, an issue owner, a contact, an acknowledgement, a withheld reply or a
confidential original.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from btech.office_time import office_today
from companies.models import Company
from engagements import selectors as letter_selectors
from engagements.exports import csv_lines, safe_text
from engagements.filters import PublicLetterFilter
from engagements.forms import add_service_errors
from engagements.models import Communication, Response
from engagements.policy import Action
from engagements.views.access import SignedInRequest, letter_for_action
from mandates.models import Mandate
from publication import selectors, services
from publication.feeds import RegisterFeed
from publication.forms import PublicVersionForm, RelatedLetterForm, StateLetterForm, WithholdForm
from publication.models import PublicVersion, StateLetter, WithheldReply
from publication.permalinks import reference_slug
from publication.presentation import rate_groups

PAGE_SIZE = 50


def _register_filter(request: HttpRequest, today: dt.date, *, any_company: bool = False
                     ) -> tuple[PublicLetterFilter, QuerySet[Communication]]:
    """The register's filters over its letters. The page offers only names that appear
    in the register: its choices must not hint at letters that are still confidential.
    A feed or a download may name any company or mandate (`any_company`): a feed
    subscribed to before the company's first publication is empty, not an error, and
    what it lists is still published letters only."""
    published = selectors.register_letters(today)
    companies = Company.objects.all() if any_company else Company.objects.filter(
        pk__in=published.values("company"))
    mandates = Mandate.objects.all() if any_company else Mandate.objects.filter(
        pk__in=published.values("mandates"))
    companies, mandates = companies.order_by("name"), mandates.order_by("short_name")
    filterset, letters = letter_selectors.filtered_letters(
        published, request.GET, companies=companies, mandates=mandates,
        filterset_class=PublicLetterFilter)
    return filterset, letters.order_by("-public_on", "-sent_on", "reference")


def public_list(request: HttpRequest) -> HttpResponse:
    today = office_today()
    filterset, letters = _register_filter(request, today)
    page = Paginator(selectors.register_prefetch(letters), PAGE_SIZE).get_page(
        request.GET.get("page"))
    for letter in page.object_list:
        letter.slug = reference_slug(letter.reference)  # type: ignore[attr-defined]
    return render(request, "public/register.html", {
        "filterset": filterset, "page": page, "today": today,
        "export_query": request.GET.urlencode(),
    })


def _letter_page(request: HttpRequest, view: selectors.PublicLetter) -> HttpResponse:
    return render(request, "public/letter.html", {"letter": view.letter, "view": view,
                                                  "today": view.as_of})


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The register's first addresses, by id: kept working; the page names its
    permalink as canonical."""
    return _letter_page(request, selectors.register_letter_by_pk(pk, office_today()))


def public_permalink(request: HttpRequest, slug: str) -> HttpResponse:
    return _letter_page(request, selectors.register_letter(slug, office_today()))


def _public_pdf(request: HttpRequest, letter: Communication, version: PublicVersion,
                filename: str) -> FileResponse:
    # Always a download, as for the originals: a browser never shows it as a page of
    # this site, and one that does runs it sandboxed.
    response = FileResponse(version.document.open("rb"), content_type="application/pdf",
                            as_attachment=True, filename=filename)
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    if not letter.is_public():
        # Before its public date only the letter's own readers get here (the preview).
        response["Cache-Control"] = "private, no-store"
    return response


def public_letter_pdf(request: HttpRequest, slug: str) -> FileResponse:
    letter, version = selectors.public_document(slug, office_today(), request.user)
    return _public_pdf(request, letter, version, f"{slug}-public.pdf")


def public_reply_pdf(request: HttpRequest, slug: str, response_pk: int) -> FileResponse:
    letter, version = selectors.public_document(slug, office_today(), request.user,
                                                response_pk=response_pk)
    return _public_pdf(request, letter, version, f"{slug}-reply-{response_pk}-public.pdf")


# --- downloads and feeds of the register ----------------------------------------------

def _csv_headings() -> list[str]:
    # The board's export names most of these columns the same (engagements/exports.py).
    return [gettext("Reference"), gettext("Type"), gettext("Company"),
            gettext("Addressed to"), gettext("Mandates"), gettext("Subject"),
            gettext("Sent on"), gettext("Public on"), gettext("Final reply on"),
            gettext("Language"), gettext("Address")]


def _csv_rows(request: HttpRequest, letters: QuerySet[Communication]) -> Iterator[list[Any]]:
    for letter in letters.iterator(chunk_size=500):
        address = request.build_absolute_uri(
            reverse("public-permalink", args=[reference_slug(letter.reference)]))
        yield [
            safe_text(letter.reference), letter.display_type, safe_text(letter.company.name),
            safe_text(letter.addressed_to),
            safe_text(", ".join(mandate.display_short_name for mandate in letter.mandates.all())),
            safe_text(letter.subject), letter.sent_on, letter.public_on,
            letter.public_final_reply_on or "",  # type: ignore[attr-defined]
            letter.language, address,
        ]


def public_export_csv(request: HttpRequest) -> HttpResponseBase:
    today = office_today()
    filterset, letters = _register_filter(request, today, any_company=True)
    if filterset.form.errors:
        return HttpResponseBadRequest(_field_errors(filterset.form.errors),
                                      content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(
        csv_lines(_csv_rows(request, selectors.register_prefetch(letters)),
                  headings=_csv_headings()),
        content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="public-register-{today}.csv"'
    return response


def _field_errors(errors: Any) -> str:
    return "\n".join(f"{name}: {' '.join(messages_)}" for name, messages_ in errors.items())


def public_feed(request: HttpRequest) -> HttpResponse:
    """The Atom feed of the register, of every letter or (?company=, ?mandate=) some."""
    today = office_today()
    filterset, letters = _register_filter(request, today, any_company=True)
    if filterset.form.errors:
        return HttpResponseBadRequest(_field_errors(filterset.form.errors),
                                      content_type="text/plain; charset=utf-8")
    return RegisterFeed(letters=letters, today=today)(request)


def public_stats(request: HttpRequest) -> HttpResponse:
    today = office_today()
    published = selectors.register_letters(today)
    year = _year(request)
    rates = selectors.response_rates(published, today, public=True, year=year)
    all_years = selectors.response_rates(published, today, public=True).years
    return render(request, "public/stats.html", {
        "rates_groups": rate_groups(rates), "year": year, "years": all_years, "today": today,
        "min_letters": selectors.MIN_LETTERS_FOR_A_RATE,
    })


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isascii() and value.isdigit() and 1900 <= int(value) <= 9999 \
        else None


# --- OHCHR staff: the letter's publication page ---------------------------------------

def _replies(letter: Communication) -> QuerySet[Response]:
    return Response.objects.filter(communication=letter).order_by("received_on", "pk")


def _publication_page(request: HttpRequest, letter: Communication, *,
                      version_form: PublicVersionForm | None = None,
                      withhold_form: WithholdForm | None = None,
                      related_form: RelatedLetterForm | None = None,
                      state_form: StateLetterForm | None = None,
                      status: int = 200) -> HttpResponse:
    today = office_today()
    replies = _replies(letter)
    return render(request, "publication/letter_publication.html", {
        "letter": letter, "today": today,
        "readiness": selectors.readiness(letter),
        "version_form": version_form or PublicVersionForm(replies=replies),
        "withhold_form": withhold_form or WithholdForm(
            replies=replies.filter(withholding__isnull=True),
            initial={"requested_on": today}),
        "related_form": related_form or RelatedLetterForm(),
        "state_form": state_form or StateLetterForm(),
        "slug": reference_slug(letter.reference),
    }, status=status)


def _back(letter: Communication, anchor: str = "") -> HttpResponse:
    return redirect(reverse("letter-publication", args=[letter.pk]) + anchor)


@login_required
def letter_publication(request: SignedInRequest, pk: int) -> HttpResponse:
    return _publication_page(request, letter_for_action(request, pk, Action.PUBLISH))


@login_required
@require_POST
def public_version_upload(request: SignedInRequest, pk: int) -> HttpResponse:
    letter = letter_for_action(request, pk, Action.PUBLISH)
    form = PublicVersionForm(request.POST, request.FILES, replies=_replies(letter))
    if form.is_valid():
        try:
            services.public_version_upload(
                communication=letter, response=form.cleaned_data["response"],
                document=form.cleaned_data["document"], uploaded_by=request.user,
                approve=form.cleaned_data["approve"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The public version is uploaded."))
            return _back(letter, "#versions")
    return _publication_page(request, letter, version_form=form, status=400)


@login_required
def public_version_pdf(request: SignedInRequest, pk: int, version_pk: int) -> FileResponse:
    """A public version as uploaded, approved or not: for staff to check it."""
    letter = letter_for_action(request, pk, Action.PUBLISH)
    version = get_object_or_404(PublicVersion, pk=version_pk, communication=letter)
    response = _public_pdf(request, letter, version,
                           f"{reference_slug(letter.reference)}-public-{version.pk}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def public_version_approve(request: SignedInRequest, pk: int, version_pk: int) -> HttpResponse:
    letter = letter_for_action(request, pk, Action.PUBLISH)
    version = get_object_or_404(PublicVersion, pk=version_pk, communication=letter)
    services.public_version_approve(public_version=version, approved_by=request.user)
    messages.success(request, gettext("The public version is approved for publication."))
    return _back(letter, "#versions")


@login_required
@require_POST
def reply_withhold(request: SignedInRequest, pk: int) -> HttpResponse:
    letter = letter_for_action(request, pk, Action.PUBLISH)
    form = WithholdForm(request.POST, replies=_replies(letter).filter(
        withholding__isnull=True))
    if form.is_valid():
        try:
            services.reply_withhold(response=form.cleaned_data["response"],
                                    requested_on=form.cleaned_data["requested_on"],
                                    reason=form.cleaned_data["reason"],
                                    recorded_by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The reply is withheld from the register."))
            return _back(letter, "#versions")
    return _publication_page(request, letter, withhold_form=form, status=400)


@login_required
@require_POST
def reply_release(request: SignedInRequest, pk: int, withheld_pk: int) -> HttpResponse:
    letter = letter_for_action(request, pk, Action.PUBLISH)
    withheld = get_object_or_404(WithheldReply, pk=withheld_pk, communication=letter)
    services.reply_release(withheld=withheld)
    messages.success(request, gettext("The reply will be published with the letter."))
    return _back(letter, "#versions")


@login_required
@require_POST
def related_link(request: SignedInRequest, pk: int) -> HttpResponse:
    letter = letter_for_action(request, pk, Action.PUBLISH)
    form = RelatedLetterForm(request.POST)
    if form.is_valid():
        try:
            services.related_letter_link(communication=letter,
                                         related=form.cleaned_data["reference"],
                                         linked_by=request.user)
        except ValidationError as error:
            add_service_errors(form, error, {"related": "reference"})
        else:
            messages.success(request, gettext("The letters are related."))
            return _back(letter, "#related")
    return _publication_page(request, letter, related_form=form, status=400)


@login_required
@require_POST
def related_unlink(request: SignedInRequest, pk: int, related_pk: int) -> HttpResponse:
    letter = letter_for_action(request, pk, Action.PUBLISH)
    other = letter_for_action(request, related_pk, Action.PUBLISH)
    services.related_letter_unlink(communication=letter, related=other)
    messages.success(request, gettext("The letters are no longer related."))
    return _back(letter, "#related")


@login_required
@require_POST
def state_letter_add(request: SignedInRequest, pk: int) -> HttpResponse:
    letter = letter_for_action(request, pk, Action.PUBLISH)
    form = StateLetterForm(request.POST)
    if form.is_valid():
        try:
            services.state_letter_add(
                communication=letter, reference=form.cleaned_data["reference"],
                sent_on=form.cleaned_data["sent_on"],
                public_url=form.cleaned_data["public_url"], added_by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The letter to a State is recorded."))
            return _back(letter, "#related")
    return _publication_page(request, letter, state_form=form, status=400)


@login_required
@require_POST
def state_letter_remove(request: SignedInRequest, pk: int, state_pk: int) -> HttpResponse:
    letter = letter_for_action(request, pk, Action.PUBLISH)
    services.state_letter_remove(
        state_letter=get_object_or_404(StateLetter, pk=state_pk, communication=letter))
    messages.success(request, gettext("The letter to a State is no longer related."))
    return _back(letter, "#related")

