"""The pages of calls for input.

Public (no sign-in, also under /fr/ and /es/): the open calls, newest deadline first,
and each call's page. Signed in: the list with what the viewer may see of
participations, a call's page where a company's user says the company intends to
submit and records its submission, and where anyone may follow the call; OHCHR staff
publish, edit and close calls and see, per call, which companies intend to submit and
which did. A participation is read only through CallParticipation.objects.visible_to.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from btech.office_time import office_today
from calls import selectors, services
from calls.filters import CallFilter
from calls.forms import CallForm, IntentForm, SubmissionForm
from calls.models import CallForInput, CallParticipation, CallStatus
from engagements.downloads import pdf_download
from engagements.forms import add_service_errors
from engagements.policy import CallAction, call_permissions, may_call
from engagements.views.access import SignedInRequest

PAGE_SIZE = 50


def _filtered(request: HttpRequest, *, default_status: str) -> tuple[CallFilter, Any]:
    """The shared filterset (the API's) over the calls; the page opens on the open calls.
    A malformed value is shown next to its field and ignored."""
    data = request.GET.copy()
    if "status" not in data:
        data["status"] = default_status
    filterset = CallFilter(data, queryset=CallForInput.objects.all())
    filterset.filters.pop("ordering", None)  # the page keeps newest deadline first
    calls = filterset.qs.order_by("-deadline", "-opened_on", "-pk")
    return filterset, selectors.with_list_relations(calls)


def public_call_list(request: HttpRequest) -> HttpResponse:
    filterset, calls = _filtered(request, default_status=CallStatus.OPEN)
    page = Paginator(calls, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "calls/call_list.html", {
        "filterset": filterset, "page": page, "today": office_today(), "public": True,
    })


def public_call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_for(pk)
    return render(request, "calls/call_public.html", {"call": call, "today": office_today()})


@login_required
def call_list(request: SignedInRequest) -> HttpResponse:
    filterset, calls = _filtered(request, default_status=CallStatus.OPEN)
    # What the viewer may see of participations, one query for the page: every company's
    # for staff (counts), their own company's for a company user.
    calls = calls.prefetch_related(Prefetch(
        "participations", to_attr="visible_participations",
        queryset=CallParticipation.objects.visible_to(request.user).select_related("call")))
    page = Paginator(calls, PAGE_SIZE).get_page(request.GET.get("page"))
    for call in page.object_list:
        # Attributes for the template, not fields of the model.
        rows = call.visible_participations
        call.intending = sum(1 for row in rows if row.intends_to_submit)
        call.submitted = sum(1 for row in rows if row.submitted_on is not None)
        call.own = rows[0] if rows and not request.user.is_ohchr_staff else None
    return render(request, "calls/call_list.html", {
        "filterset": filterset, "page": page, "today": office_today(), "public": False,
        "call_can": call_permissions(request.user),
    })


def _detail(request: SignedInRequest, call: CallForInput, *, status: int = 200,
            intent_form: IntentForm | None = None,
            submission_form: SubmissionForm | None = None) -> HttpResponse:
    user = request.user
    can = call_permissions(user)
    own = selectors.own_participation(user, call) if can["participate_in_call"] else None
    if can["participate_in_call"]:
        intent_form = intent_form or IntentForm(initial={
            "intends_to_submit": "yes" if own and own.intends_to_submit else "no"})
        submission_form = submission_form or SubmissionForm(initial={
            "submitted_on": own.submitted_on if own and own.submitted_on else office_today(),
            "may_publish": own.may_publish if own else False})
    return render(request, "calls/call_detail.html", {
        "call": call, "today": office_today(), "call_can": can, "own": own,
        "participations": (list(selectors.participations(user, call))
                           if user.is_ohchr_staff else []),
        "following": selectors.is_following(user, call),
        "intent_form": intent_form, "submission_form": submission_form,
    }, status=status)


@login_required
def call_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.call_for(pk))


@login_required
@require_POST
def participation_update(request: SignedInRequest, pk: int) -> HttpResponse:
    """The company's intent (?part=intent) or its submission (?part=submission)."""
    call = selectors.call_for(pk)
    user = request.user
    company = user.company
    if company is None or not may_call(user, CallAction.PARTICIPATE):
        raise PermissionDenied("Only a company's users record its participation.")
    if request.POST.get("part") == "submission":
        form = SubmissionForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            changes: services.ParticipationChanges = {
                "submitted_on": data["submitted_on"], "may_publish": data["may_publish"]}
            if data["submission"]:
                changes["submission"] = data["submission"]
            try:
                saved = services.participation_update(call=call, company=company,
                                                      user=user, **changes)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The submission is recorded.") if not saved.is_late
                                 else _("The submission is recorded, marked late: it was sent "
                                        "after the call closed."))
                return redirect("call-detail", pk=call.pk)
        return _detail(request, call, status=400, submission_form=form)
    intent = IntentForm(request.POST)
    if intent.is_valid():
        try:
            services.participation_update(
                call=call, company=company, user=user,
                intends_to_submit=intent.cleaned_data["intends_to_submit"])
        except ValidationError as error:
            add_service_errors(intent, error)
        else:
            messages.success(request, _("Your company's intent is saved."))
            return redirect("call-detail", pk=call.pk)
    return _detail(request, call, status=400, intent_form=intent)


@login_required
@require_POST
def call_follow(request: SignedInRequest, pk: int) -> HttpResponse:
    call = selectors.call_for(pk)
    if request.POST.get("follow") == "no":
        services.call_unfollow(call=call, user=request.user)
        messages.success(request, _("You no longer follow this call."))
    else:
        services.call_follow(call=call, user=request.user)
        messages.success(request, _("You follow this call: its deadline is in your calendar "
                                    "feed while it is open."))
    return redirect("call-detail", pk=call.pk)


def _staff(request: SignedInRequest) -> None:
    if not may_call(request.user, CallAction.MANAGE):
        raise PermissionDenied("Only OHCHR staff publish calls for input.")


@login_required
def call_create(request: SignedInRequest) -> HttpResponse:
    _staff(request)
    return _call_form(request, None)


@login_required
def call_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    _staff(request)
    return _call_form(request, selectors.call_for(pk))


def _call_form(request: SignedInRequest, call: CallForInput | None) -> HttpResponse:
    status = 200
    if request.method != "POST":
        form = (CallForm.for_call(call) if call is not None
                else CallForm(initial={"opened_on": office_today()}))
    else:
        form = CallForm(request.POST)
        if form.is_valid():
            try:
                if call is None:
                    saved = services.call_create(**form.values(), created_by=request.user)
                else:
                    saved = services.call_update(call=call, **form.values())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The call for input is saved."))
                return redirect("call-detail", pk=saved.pk)
        status = 400
    return render(request, "calls/call_form.html",
                  {"form": form, "call": call, "today": office_today()},
                  status=status)


@login_required
@require_POST
def call_close(request: SignedInRequest, pk: int) -> HttpResponse:
    _staff(request)
    call = selectors.call_for(pk)
    try:
        if request.POST.get("close") == "no":
            services.call_reopen(call=call)
            messages.success(request, _("The call is open again until its deadline."))
        else:
            services.call_close(call=call, closed_by=request.user)
            messages.success(request, _("The call is closed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("call-detail", pk=call.pk)


@login_required
def submission_pdf(request: SignedInRequest, pk: int, participation_pk: int) -> FileResponse:
    """A company's submission: its own users and OHCHR staff only (visibility first: any
    other company's is a 404)."""
    participation = get_object_or_404(
        CallParticipation.objects.visible_to(request.user), call_id=pk, pk=participation_pk)
    if not participation.submission:
        raise Http404("No PDF was recorded with this submission.")
    return pdf_download(participation.submission, f"submission-{pk}-{participation.pk}.pdf")
