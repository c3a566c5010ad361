"""Forms for the letter pages. They collect input; the services decide what is valid."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from companies.models import Company, Contact
from engagements.models import Communication, Language, NoteKind, ResponseKind
from engagements.references import (
    format_error,
    joint_prefix_error,
    normalise_reference,
    parse_reference,
)
from engagements.validators import validate_pdf
from mandates.models import Mandate
from topics.forms import TopicChoiceField


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
        label=_("Issue owner"), queryset=Contact.objects.none(), required=False,
        empty_label=_("Nobody yet"),
        help_text=_("The person at the company who must answer this letter."),
    )
    note = forms.CharField(
        label=_("Handover note"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: what the new owner should know. It goes with their email."),
    )

    def __init__(self, data: Mapping[str, Any] | None = None, *, contacts: QuerySet[Contact],
                 initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial=initial)
        # self.fields holds copies of the declared fields: this one is the
        # ModelChoiceField above.
        assignee = cast("forms.ModelChoiceField[Contact]", self.fields["assignee"])
        assignee.queryset = contacts


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


class CompanyNameField(forms.CharField):
    """A company typed by its current or a former name (Facebook finds Meta); the page
    offers the names in a <datalist>, which browsers show as suggestions."""

    def clean(self, value: Any) -> Company | None:
        text = " ".join(str(super().clean(value) or "").split())
        if not text:
            return None
        current = list(Company.objects.filter(name__iexact=text))
        if not current:
            current = list(Company.objects.filter(former_names__name__iexact=text).distinct())
        if len(current) == 1:
            return current[0]
        if current:
            raise ValidationError(_("Several companies were once called “%(name)s”: give "
                                    "the current name."), params={"name": text})
        raise ValidationError(_("No company is called “%(name)s”. Choose one of the "
                                "suggestions, by its current or a former name."),
                              params={"name": text})


class MandateChoiceField(forms.ModelMultipleChoiceField[Mandate]):
    def label_from_instance(self, obj: Mandate) -> str:
        return f"{obj.display_title} ({obj.display_short_name})"


class LetterForm(PageForm):
    """OHCHR staff log a letter (communication_create), with an optional informal note
    that previewed it (note_add). The letter's type comes from its reference."""

    id_prefix = "letter"

    reference = forms.CharField(
        label=_("Reference"), max_length=32,
        help_text=_("TYPE CODE N/YEAR, e.g. AL OTH 74/2024. A joint letter may be written "
                    "JAL, JUA or JOL; it is stored as AL, UA or OL and shown as joint "
                    "when several mandates sign."))
    company = CompanyNameField(
        label=_("Company"), max_length=200,
        help_text=_("Its current or a former name, e.g. Meta or Facebook. Suggestions "
                    "appear as you type."),
        widget=forms.TextInput(attrs={"list": "company-names", "autocomplete": "off"}))
    mandates = MandateChoiceField(
        label=_("Signing mandates"), queryset=Mandate.objects.order_by("kind", "title"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every mandate that signed the letter; several make it a joint letter."),
        error_messages={"required": _("Choose at least one signing mandate.")})
    sent_on = forms.DateField(label=_("Sent on"), widget=DateInput)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices,
                                 initial=Language.ENGLISH, widget=forms.RadioSelect)
    subject = forms.CharField(label=_("Subject"), max_length=300)
    topics = TopicChoiceField(
        label=_("Topics"), required=False,
        help_text=_("The risks the letter is about; its page links each to the mandates "
                    "that cover it."))
    summary = forms.CharField(label=_("Summary"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    letter = forms.FileField(
        label=_("The letter as a PDF"), required=False, validators=[validate_pdf],
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("Optional now; it can be added later in the admin."))
    note_on = forms.DateField(label=_("Date of the note"), required=False, widget=DateInput)
    note_body = forms.CharField(
        label=_("Informal note"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A call, email or meeting that previewed the letter. Never published."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reference, mandates = data.get("reference"), data.get("mandates")
        if reference and mandates is not None and (
                message := joint_prefix_error(reference, len(mandates))):
            self.add_error("reference", message)
        if data.get("note_body", "").strip() and not data.get("note_on"):
            self.add_error("note_on", _("Give the date of the informal note."))
        elif data.get("note_on") and not data.get("note_body", "").strip():
            self.add_error("note_body", _("Write the informal note, or clear its date."))
        return data

    def clean_reference(self) -> str:
        parsed = parse_reference(normalise_reference(self.cleaned_data["reference"]))
        if parsed is None:
            raise ValidationError(format_error())
        return normalise_reference(self.cleaned_data["reference"])

    @property
    def letter_type(self) -> str:
        """The type the (valid) reference gives: AL, UA or OL."""
        parsed = parse_reference(self.cleaned_data["reference"])
        assert parsed is not None  # clean_reference refused anything else
        return parsed.letter_type

    def note_kind(self) -> NoteKind:
        return NoteKind.for_date(self.cleaned_data["note_on"], self.cleaned_data["sent_on"])

    def set_held_letter(self) -> None:
        """Point the PDF box at the page's notice that the PDF chosen before is kept
        (templates/engagements/letter_create.html, #letter-held)."""
        field = self["letter"]
        described = ["letter-held", f"{field.auto_id}_helptext"]
        if field.errors:
            described.append(f"{field.auto_id}_error")
        # Set on the widget, Django's own ids are no longer added: all are listed here.
        self.fields["letter"].widget.attrs["aria-describedby"] = " ".join(described)
