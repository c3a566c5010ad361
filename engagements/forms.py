"""Forms for the letter pages. They collect input; the services decide what is valid."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from companies.models import Contact
from engagements.models import Communication, NoteKind, ResponseKind


class DateInput(forms.DateInput):
    """The browser's date picker. It reads and writes only YYYY-MM-DD whatever the
    language, so the value is always written that way (the locale's 10/06/2024 would
    leave the box blank)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PageForm(forms.Form):
    """A form that shares a page with others: its ids start with `id_prefix`, so two
    forms' fields ("kind", "body") never share an id and the error summary's links
    reach the right one. The field names, what is posted, are unchanged."""

    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ReplyForm(PageForm):
    id_prefix = "reply"

    kind = forms.ChoiceField(
        label=_("Kind of reply"), choices=ResponseKind.choices, widget=forms.RadioSelect,
        help_text=_("Only a final reply stops the clock."),
    )
    received_on = forms.DateField(label=_("Date received"), widget=DateInput)
    body = forms.CharField(label=_("Text of the reply"), required=False,
                           widget=forms.Textarea(attrs={"rows": 6}))
    attachment = forms.FileField(
        label=_("Reply as a PDF"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("Give the text, attach the PDF, or both."),
    )

    def __init__(self, *args: Any, letter: Communication, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if letter.final_reply_on is not None:
            # A letter has one final reply: offer only what may still be logged.
            kind = self.fields["kind"]
            kind.choices = [(ResponseKind.INTERIM.value, ResponseKind.INTERIM.label)]  # type: ignore[attr-defined]
            kind.help_text = _("The final reply is logged; a later document is logged as "
                               "an interim reply.")
            # Someone who posts "final" anyway (an old tab) gets the reason, not "not a
            # valid choice".
            kind.error_messages["invalid_choice"] = _(
                "This letter already has a final reply; log the document as an interim "
                "reply.")
            self.initial.setdefault("kind", ResponseKind.INTERIM.value)


class AssignForm(PageForm):
    id_prefix = "assign"

    assignee = forms.ModelChoiceField(
        label="Issue owner", queryset=Contact.objects.none(), required=False,
        empty_label="Nobody yet",
        help_text="The person at the company who must answer this letter.",
    )

    def __init__(self, *args: object, contacts: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = contacts  # type: ignore[attr-defined]


class NoteForm(PageForm):
    id_prefix = "note"

    kind = forms.ChoiceField(label=_("Kind of note"), choices=NoteKind.choices)
    noted_on = forms.DateField(label=_("Date"), widget=DateInput)
    body = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("An informal note that previews, accompanies or "
                                       "follows up the letter."))

    def __init__(self, *args: Any, letter: Communication, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent_on = letter.sent_on
        noted_on = self.initial.get("noted_on")
        if isinstance(noted_on, dt.date):
            self.initial.setdefault("kind", NoteKind.for_date(noted_on, letter.sent_on).value)

    @property
    def kind_by_date(self) -> dict[str, str]:
        """The kind NoteKind.for_date gives a date before, on and after the sending:
        what static/js/forms.js sets when the date changes."""
        day = dt.timedelta(days=1)
        return {when: NoteKind.for_date(self.sent_on + offset, self.sent_on).value
                for when, offset in (("before", -day), ("on", 0 * day), ("after", day))}


class ExtensionForm(PageForm):
    id_prefix = "extension"

    extended_to = forms.DateField(label=_("New due date"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


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
