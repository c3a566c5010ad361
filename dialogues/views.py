"""The dialogue and follow-up action pages, for company leads and OHCHR staff, and the
public register's public dialogues. Every page looks its object up through
`visible_to(user)` first: out of sight is a 404, never a 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from btech.office_time import office_today, office_zone
from companies.models import Contact
from dialogues import selectors, services
from dialogues.filters import ActionFilter, DialogueFilter
from dialogues.forms import ActionStatusForm, AnswerForm, CommitmentForm
from dialogues.models import Dialogue, FollowUpAction
from engagements import selectors as letter_selectors
from engagements.downloads import pdf_download
from engagements.forms import add_service_errors
from engagements.policy import Action, may, may_on_action, may_on_dialogue
from engagements.views.access import SignedInRequest

PAGE_SIZE = 50


def _refuse(action: Action) -> None:
    raise PermissionDenied(f"You may not {action.label.lower()}.")


@login_required
def dialogue_list(request: SignedInRequest) -> HttpResponse:
    visible = Dialogue.objects.visible_to(request.user)
    filterset = DialogueFilter(request.GET or None, queryset=visible)
    if not request.user.is_ohchr_staff:
        filterset.filters.pop("company", None)
    page = Paginator(selectors.with_list_relations(filterset.qs.order_by("-starts_at", "pk")),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "dialogues/dialogue_list.html", {
        "filterset": filterset, "page": page, "today": office_today(),
    })


def _answer_forms(request: HttpRequest, dialogue: Dialogue, failed: AnswerForm | None = None,
                  failed_pk: int | None = None) -> dict[int, AnswerForm]:
    forms = {}
    for question in dialogue.questions.all():
        if may_on_dialogue(request.user, Action.ANSWER_QUESTION, dialogue, question):
            forms[question.pk] = (failed if question.pk == failed_pk and failed is not None
                                  else AnswerForm(prefix=f"q{question.pk}",
                                                  initial={"answer": question.answer}))
    return forms


def _dialogue_page(request: HttpRequest, dialogue: Dialogue, *, failed: AnswerForm | None = None,
                   failed_pk: int | None = None, status: int = 200) -> HttpResponse:
    today = office_today()
    forms = _answer_forms(request, dialogue, failed, failed_pk)
    questions = [(question, forms.get(question.pk)) for question in dialogue.questions.all()]
    actions = [(action, may_on_action(request.user, Action.UPDATE_ACTION, action))
               for action in dialogue.actions.all()]
    return render(request, "dialogues/dialogue_detail.html", {
        "dialogue": dialogue,
        "today": today,
        "geneva": dialogue.starts_at.astimezone(office_zone()),
        "zone_name": str(office_zone()),
        "holders": selectors.holders_by_mandate(dialogue),
        # Each company with the people who represented it (both prefetched).
        "participants": [(p, [c for c in dialogue.representatives.all()
                              if c.company_id == p.company_id])
                         for p in dialogue.participations.all()],
        "questions": questions,
        "actions": actions,
        "failed": failed,
        # Only the related letters the reader may see: a dialogue may relate to letters
        # to companies other than theirs.
        "letters": selectors.visible_letters(request.user, dialogue),
    }, status=status)


@login_required
def dialogue_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    return _dialogue_page(request, selectors.dialogue_for(request.user, pk))


@login_required
def document_pdf(request: SignedInRequest, pk: int, document_pk: int) -> FileResponse:
    dialogue = selectors.dialogue_for(request.user, pk)
    document = next((d for d in dialogue.documents.all() if d.pk == document_pk), None)
    if document is None or not document.file:
        raise Http404("No such document.")
    return pdf_download(document.file, f"dialogue-{dialogue.pk}-document-{document.pk}.pdf")


@login_required
@require_POST
def question_answer(request: SignedInRequest, pk: int, question_pk: int) -> HttpResponse:
    dialogue = selectors.dialogue_for(request.user, pk)  # out of sight: 404
    question = next((q for q in dialogue.questions.all() if q.pk == question_pk), None)
    if question is None:
        raise Http404("No such question.")
    if not may_on_dialogue(request.user, Action.ANSWER_QUESTION, dialogue, question):
        _refuse(Action.ANSWER_QUESTION)
    form = AnswerForm(request.POST, prefix=f"q{question.pk}")
    if form.is_valid():
        try:
            services.question_answer(question=question, answer=form.cleaned_data["answer"],
                                     answered_on=form.cleaned_data["answered_on"],
                                     answered_by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The answer is recorded."))
            return redirect(reverse("dialogue-detail", args=[dialogue.pk])
                            + f"#question-{question.pk}")
    return _dialogue_page(request, selectors.dialogue_for(request.user, pk), failed=form,
                          failed_pk=question.pk, status=400)


@login_required
def action_list(request: SignedInRequest) -> HttpResponse:
    visible = selectors.with_action_relations(FollowUpAction.objects.visible_to(request.user))
    data = request.GET.copy()
    if not data:
        data["pending"] = "true"  # the default view: what is still to do
    filterset = ActionFilter(data, queryset=visible)
    if not request.user.is_ohchr_staff:
        filterset.filters.pop("company", None)
    for name in ("dialogue", "communication"):
        filterset.filters.pop(name, None)
    page = Paginator(filterset.qs.order_by("due_on", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "dialogues/action_list.html", {
        "filterset": filterset, "page": page, "today": office_today(),
    })


def _action_page(request: HttpRequest, action: FollowUpAction, form: ActionStatusForm | None,
                 status: int = 200) -> HttpResponse:
    can_update = may_on_action(request.user, Action.UPDATE_ACTION, action)
    if form is None and can_update:
        form = ActionStatusForm(initial={"status": action.status,
                                         "closing_note": action.closing_note})
    return render(request, "dialogues/action_detail.html", {
        "action": action, "today": office_today(), "form": form if can_update else None,
    }, status=status)


@login_required
def action_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    action = selectors.action_for(request.user, pk)
    if request.method != "POST":
        return _action_page(request, action, None)
    if not may_on_action(request.user, Action.UPDATE_ACTION, action):
        _refuse(Action.UPDATE_ACTION)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        try:
            services.action_update_status(action=action, status=form.cleaned_data["status"],
                                          closing_note=form.cleaned_data["closing_note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The action's status is saved."))
            return redirect("action-detail", pk=action.pk)
    return _action_page(request, action, form, status=400)


@login_required
@require_POST
def commitment_record(request: SignedInRequest, pk: int, response_pk: int) -> HttpResponse:
    """A company's commitment in its reply, recorded as a follow-up action."""
    letter = letter_selectors.letter_for(request.user, pk, office_today())  # 404
    reply = get_object_or_404(letter.responses.all(), pk=response_pk)
    if not may(request.user, Action.RECORD_ACTION, letter):
        _refuse(Action.RECORD_ACTION)
    contacts = Contact.objects.filter(company_id=letter.company_id).order_by("name")
    form = CommitmentForm(request.POST, contacts=contacts)
    if form.is_valid():
        try:
            action = services.commitment_record(
                response=reply, description=form.cleaned_data["description"],
                due_on=form.cleaned_data["due_on"],
                owner_contact=form.cleaned_data["owner_contact"], created_by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The commitment is recorded as a follow-up "
                                              "action."))
            return redirect("action-detail", pk=action.pk)
    return render(request, "dialogues/commitment_form.html", {
        "letter": letter, "reply": reply, "form": form,
    }, status=400)


def public_dialogue_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(Dialogue.objects.published().prefetch_related("participations")
                     .order_by("-starts_at", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "dialogues/public_list.html", {"page": page})


def public_dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = selectors.public_dialogue_for(pk)
    return render(request, "dialogues/public_detail.html", {
        "dialogue": dialogue,
        "geneva": dialogue.starts_at.astimezone(office_zone()),
        "participants": list(dialogue.participations.all()),
    })



