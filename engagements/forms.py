"""Forms for the letter page. They collect input; the services decide what is valid."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from companies.models import Contact
from engagements.models import NoteKind, ResponseKind


class DateInput(forms.DateInput):
    input_type = "date"


class ReplyForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of reply", choices=ResponseKind.choices, widget=forms.RadioSelect,
        help_text="Only a final reply stops the clock.",
    )
    received_on = forms.DateField(label="Date received", widget=DateInput)
    body = forms.CharField(label="Text of the reply", required=False,
                           widget=forms.Textarea(attrs={"rows": 6}))
    attachment = forms.FileField(
        label="Reply as a PDF", required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text="Give the text, attach the PDF, or both.",
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label="Issue owner", queryset=Contact.objects.none(), required=False,
        empty_label="Nobody yet",
        help_text="The person at the company who must answer this letter.",
    )
    note = forms.CharField(
        label="Handover note", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional: what the new owner should know. It goes with their email.",
    )

    def __init__(self, data: Mapping[str, Any] | None = None, *, contacts: QuerySet[Contact],
                 initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial=initial)
        # self.fields holds copies of the declared fields: this one is the
        # ModelChoiceField above.
        assignee = cast("forms.ModelChoiceField[Contact]", self.fields["assignee"])
        assignee.queryset = contacts


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of note", choices=NoteKind.choices)
    noted_on = forms.DateField(label="Date", widget=DateInput)
    body = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="An informal note that previews, accompanies or "
                                     "follows up the letter.")


class ExtensionForm(forms.Form):
    extended_to = forms.DateField(label="New due date", widget=DateInput)
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))


def add_service_errors(form: forms.Form, error: ValidationError,
                       field_names: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form: on its field when the form has
    that field (renamed through `field_names`), otherwise at the top of the form."""
    field_names = field_names or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = field_names.get(name, name)
        form.add_error(field if field in form.fields else None, errors)
