"""A company lead's letters and the letter page, with its reply, assignment and
extension forms. OHCHR staff see every company's letters here too."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_POST

from btech.office_time import office_today
from companies.models import Contact
from engagements import policy, selectors, services
from engagements.downloads import letter_filename, pdf_download, reply_filename
from engagements.filters import MyWorkFilterForm, Need, Owner
from engagements.forms import (
    AssignForm,
    ExtensionForm,
    NoteForm,
    ReplyForm,
    add_service_errors,
)
from engagements.history import letter_history
from engagements.models import Communication, ResponseKind
from engagements.policy import Action
from engagements.timeline import timeline_entries
from engagements.views.access import SignedInRequest, letter_for_action, policy_required
from publication import selectors as publication_selectors

PAGE_SIZE = 50


def home(request: HttpRequest) -> HttpResponse:
    """Send each person to the page they use most."""
    if not request.user.is_authenticated:
        return redirect("public-list")
    if policy.may(request.user, Action.VIEW_BOARD):
        return redirect("board")
    if policy.may(request.user, Action.VIEW_MY_WORK):
        return redirect("my-work")
    return redirect("letter-list")


@policy_required(Action.VIEW_MY_WORK)
def my_work(request: SignedInRequest) -> HttpResponse:
    """A company lead's home: counts of what needs doing, each a link to those letters,
    and the letters, each with its one next action as a form that posts to the letter's
    own endpoint and comes back here (static/js/my_work.js keeps it on the page)."""
    today = office_today()
    filters = MyWorkFilterForm(request.GET or None)
    # A value no link writes (an edited address) is named in the error summary and
    # ignored; the valid filter still applies (cleaned_data keeps only valid fields).
    filters.is_valid()
    chosen = filters.cleaned_data if filters.is_bound else {}
    need, owner = chosen.get("need", ""), chosen.get("owner", "")
    counts = selectors.my_work_counts(request.user, today)
    page = Paginator(selectors.my_work_letters(request.user, today, need=need, owner=owner),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    contacts = selectors.assignable_contacts(request.user, list(page.object_list))
    return render(request, "engagements/my_work.html", {
        "today": today,
        "filters": filters,
        "need": need,
        "need_label": Need(need).label if need else "",
        "owner": owner,
        "tiles": [{"need": item, "count": counts[item.value]} for item in Need],
        "owner_choices": [("", pgettext("letters, whoever owns them", "All")), *Owner.choices],
        "page": page,
        "items": [(letter, contacts.get(letter.company_id, []))
                  for letter in page.object_list],
        "reply_kinds": ResponseKind.choices,
    })


@login_required
def letter_list(request: SignedInRequest) -> HttpResponse:
    today = office_today()
    visible = Communication.objects.visible_to(request.user)
    staff = request.user.is_ohchr_staff
    filterset, letters = selectors.filtered_letters(
        visible, request.GET, drop=() if staff else ("company",))
    page = Paginator(selectors.with_list_relations(letters), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "engagements/letter_list.html", {
        "filterset": filterset, "page": page, "today": today, "show_company": staff,
    })


def _assignable_contacts(letter: Communication) -> QuerySet[Contact]:
    return Contact.objects.filter(company_id=letter.company_id).order_by("name")


def _letter_page(request: HttpRequest, letter: Communication, *,
                 reply_form: ReplyForm | None = None, assign_form: AssignForm | None = None,
                 extension_form: ExtensionForm | None = None, note_form: NoteForm | None = None,
                 status: int = 200, acknowledge_errors: list[str] | None = None) -> HttpResponse:
    today = office_today()
    may_extend = policy.may(request.user, Action.EXTEND_DEADLINE, letter)
    if extension_form is None and may_extend and letter.final_reply_on is None:
        # From the date in force: the extended one, or the due date to move on from.
        extension_form = ExtensionForm(initial={
            "extended_to": letter.extended_to or letter.due_on,
            "reason": letter.extension_reason})
    context = {
        "letter": letter,
        "acknowledge_errors": acknowledge_errors or [],
        "today": today,
        "timeline": timeline_entries(letter, today),
        "history": letter_history(letter),
        "reply_form": reply_form or ReplyForm(letter=letter, initial={"received_on": today}),
        "assign_form": assign_form or AssignForm(
            contacts=_assignable_contacts(letter), initial={"assignee": letter.assignee_id}),
        "extension_form": extension_form if may_extend else None,
        "note_form": note_form or NoteForm(letter=letter, initial={"noted_on": today}),
        # An answered letter is closed: its forms fold away, unless one just failed.
        "fold_actions": letter.final_reply_on is not None and status == 200,
        # What the register will show on the public date (publication/).
        "day_sixty": publication_selectors.day_sixty_preview(letter, request.user, today),
        "readiness": (publication_selectors.readiness(letter)
                      if policy.may(request.user, Action.PUBLISH, letter) else None),
    }
    return render(request, "engagements/letter_detail.html", context, status=status)


@login_required
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _letter_page(request, letter_for_action(request, pk, Action.VIEW))


@login_required
@require_POST
def letter_acknowledge(request: SignedInRequest, pk: int) -> HttpResponse:
    """One click: the letter has reached the company. A second click (another tab,
    a colleague first) is refused with who acknowledged it and when."""
    letter = letter_for_action(request, pk, Action.ACKNOWLEDGE)
    try:
        services.communication_acknowledge(communication=letter,
                                           acknowledged_by=request.user)
    except ValidationError as error:
        # Read again: the page shows the acknowledgement that was there first.
        letter = letter_for_action(request, pk, Action.VIEW)
        return _letter_page(request, letter, acknowledge_errors=error.messages, status=400)
    messages.success(request, gettext("Receipt of %(reference)s is acknowledged.")
                     % {"reference": letter.reference})
    return redirect(_safe_next(request)
                    or reverse("letter-detail", args=[letter.pk]) + "#acknowledge")


@login_required
@require_POST
def reply_log(request: SignedInRequest, pk: int) -> HttpResponse:
    letter = letter_for_action(request, pk, Action.LOG_REPLY)
    form = ReplyForm(request.POST, request.FILES, letter=letter)
    if form.is_valid():
        try:
            services.response_log(
                communication=letter, kind=form.cleaned_data["kind"],
                received_on=form.cleaned_data["received_on"], body=form.cleaned_data["body"],
                attachment=form.cleaned_data["attachment"], logged_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The final reply is logged.")
                             if form.cleaned_data["kind"] == ResponseKind.FINAL
                             else gettext("The interim reply is logged."))
            return redirect(_safe_next(request)
                            or reverse("letter-detail", args=[letter.pk]) + "#timeline")
    return _letter_page(request, letter, reply_form=form, status=400)


@login_required
@require_POST
def letter_assign(request: SignedInRequest, pk: int) -> HttpResponse:
    letter = letter_for_action(request, pk, Action.ASSIGN)
    form = AssignForm(request.POST, contacts=_assignable_contacts(letter))
    if form.is_valid():
        try:
            services.communication_assign(communication=letter,
                                          assignee=form.cleaned_data["assignee"],
                                          note=form.cleaned_data["note"],
                                          assigned_by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            owner = form.cleaned_data["assignee"]
            messages.success(request, gettext("Assigned to %(name)s.") % {"name": owner.name}
                             if owner else gettext("The letter has no issue owner now."))
            return redirect(_safe_next(request) or reverse("letter-detail", args=[letter.pk]))
    return _letter_page(request, letter, assign_form=form, status=400)


@login_required
@require_POST
def note_add(request: SignedInRequest, pk: int) -> HttpResponse:
    letter = letter_for_action(request, pk, Action.ADD_NOTE)
    form = NoteForm(request.POST, letter=letter)
    if form.is_valid():
        try:
            services.note_add(communication=letter, kind=form.cleaned_data["kind"],
                              noted_on=form.cleaned_data["noted_on"],
                              body=form.cleaned_data["body"], author=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The note is added to the timeline."))
            return redirect(reverse("letter-detail", args=[letter.pk]) + "#timeline")
    return _letter_page(request, letter, note_form=form, status=400)


@login_required
@require_POST
def deadline_extend(request: SignedInRequest, pk: int) -> HttpResponse:
    letter = letter_for_action(request, pk, Action.EXTEND_DEADLINE)
    form = ExtensionForm(request.POST)
    if form.is_valid():
        try:
            letter = services.deadline_extend(
                communication=letter, extended_to=form.cleaned_data["extended_to"],
                reason=form.cleaned_data["reason"], granted_by=request.user)
        except ValidationError as error:
            add_service_errors(form, error, {"extension_reason": "reason"})
        else:
            messages.success(request, gettext("%(reference)s is now due on %(date)s.") % {
                "reference": letter.reference,
                "date": date_format(letter.due_on, "DATE_FORMAT")})
            return redirect(_safe_next(request) or reverse("letter-detail", args=[letter.pk]))
    return _letter_page(request, letter, extension_form=form, status=400)


def _safe_next(request: HttpRequest) -> str | None:
    """Where a form asked to return to (the board, My work), if it is a page of this
    site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return None


@login_required
def letter_pdf(request: HttpRequest, pk: int) -> FileResponse:
    letter = letter_for_action(request, pk, Action.VIEW)
    if not letter.letter:
        raise Http404("This letter has no PDF.")
    return pdf_download(letter.letter, letter_filename(letter))


@login_required
def reply_pdf(request: HttpRequest, pk: int, response_pk: int) -> FileResponse:
    letter = letter_for_action(request, pk, Action.VIEW)
    response = get_object_or_404(letter.responses.all(), pk=response_pk)
    if not response.attachment:
        raise Http404("This reply has no PDF.")
    return pdf_download(response.attachment, reply_filename(letter, response))
