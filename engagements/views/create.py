"""OHCHR staff log a new letter from the web app (the admin is not the only way in)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from btech.office_time import office_today
from companies.models import Company, CompanyFormerName
from engagements import services, uploads
from engagements.forms import LetterForm, add_service_errors
from engagements.models import Communication
from engagements.policy import Action
from engagements.views.access import SignedInRequest, policy_required

NOTE_FIELDS = {"noted_on": "note_on", "body": "note_body"}


def _company_names() -> list[tuple[str, str]]:
    """(value, hint) for the company box's suggestions: current names, then former ones
    with the name the company goes by now."""
    names = [(name, "") for name in Company.objects.order_by("name").values_list(
        "name", flat=True)]
    names += [(former, _("now %(name)s") % {"name": current})
              for former, current in CompanyFormerName.objects.order_by("name")
              .values_list("name", "company__name")]
    return names


def _create(request: SignedInRequest, form: LetterForm,
            held: uploads.HeldUpload | None) -> Communication:
    """The letter and its note in one transaction: both are saved, or neither."""
    data = form.cleaned_data
    reopened = held.open() if held is not None and not data["letter"] else None
    pdf = data["letter"] or reopened
    letter: Communication | None = None
    try:
        with transaction.atomic():
            letter = services.communication_create(
                reference=data["reference"], letter_type=form.letter_type,
                mandates=data["mandates"], company=data["company"], sent_on=data["sent_on"],
                subject=data["subject"], summary=data["summary"], language=data["language"],
                letter=pdf, logged_by=request.user, topics=data["topics"])
            if data["note_body"].strip():
                try:
                    services.note_add(communication=letter, kind=form.note_kind(),
                                      noted_on=data["note_on"], body=data["note_body"],
                                      author=request.user)
                except ValidationError as error:
                    # On the form, the note's fields are note_on and note_body.
                    raise ValidationError({NOTE_FIELDS.get(name, name): problems
                                           for name, problems in error.message_dict.items()
                                           }) from error
    except ValidationError:
        # The rows are rolled back; the PDF the letter stored is not: remove it.
        if letter is not None and letter.letter.name:
            letter.letter.storage.delete(letter.letter.name)
        raise
    finally:
        if reopened is not None:
            reopened.close()
    return letter


@policy_required(Action.CREATE)
def letter_create(request: SignedInRequest) -> HttpResponse:
    today = office_today()
    held: uploads.HeldUpload | None = None
    status = 200
    if request.method != "POST":
        form = LetterForm(initial={"sent_on": today})
    else:
        form = LetterForm(request.POST, request.FILES)
        token = request.POST.get("held_letter", "")
        held = uploads.find(request.user, token)
        if token and held is None and not request.FILES.get("letter"):
            # Never log the letter without the PDF the person believes is attached.
            form.add_error("letter", _("The PDF chosen before could not be kept: choose "
                                       "it again."))
        if form.is_valid():
            try:
                letter = _create(request, form, held)
            except ValidationError as error:
                add_service_errors(form, error, {"letter_type": "reference"})
            else:
                if held is not None:
                    uploads.release(held)
                messages.success(request, _("%(reference)s is logged.") % {
                    "reference": letter.reference})
                return redirect("letter-detail", pk=letter.pk)
        # Failed: keep a newly chosen, valid PDF for the next attempt (engagements/
        # uploads.py says why); one that failed its own check is not kept.
        new_pdf = form.cleaned_data.get("letter") if "letter" not in form.errors else None
        if new_pdf:
            if held is not None:
                uploads.release(held)
            held = uploads.hold(request.user, new_pdf)
        status = 400
    if held is not None:
        form.set_held_letter()
    context: dict[str, Any] = {
        "form": form, "today": today, "held": held,
        "company_names": _company_names(),
    }
    return render(request, "engagements/letter_create.html", context, status=status)
