"""Forms of the publication page (OHCHR staff). They collect input; the services in
publication/services.py decide what is valid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from engagements.forms import DateInput, PageForm
from engagements.models import Communication, Response
from engagements.validators import validate_pdf


class PublicVersionForm(PageForm):
    id_prefix = "public"

    document = forms.FileField(
        label=_("Public version (PDF)"), validators=[validate_pdf],
        help_text=_("The redacted PDF: victims' names and the source removed."))
    response = forms.ModelChoiceField(
        label=_("Of"), queryset=Response.objects.none(), required=False,
        empty_label=_("the letter itself"))
    approve = forms.BooleanField(
        label=_("Approve it for publication now"), required=False,
        help_text=_("Leave unticked for a colleague to check and approve it."))

    def __init__(self, *args: Any, replies: QuerySet[Response], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["response"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = replies
        field.label_from_instance = _reply_label  # type: ignore[method-assign,assignment]


def _reply_label(response: Response) -> str:
    return f"{response.get_kind_display()} · {response.received_on:%Y-%m-%d}"


class WithholdForm(PageForm):
    id_prefix = "withhold"

    response = forms.ModelChoiceField(label=_("Reply"), queryset=Response.objects.none())
    requested_on = forms.DateField(label=_("Date of the company's request"), widget=DateInput)
    reason = forms.CharField(label=_("Reason given"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Seen by OHCHR staff only."))

    def __init__(self, *args: Any, replies: QuerySet[Response], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["response"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = replies
        field.label_from_instance = _reply_label  # type: ignore[method-assign,assignment]


class RelatedLetterForm(PageForm):
    id_prefix = "related"

    reference = forms.CharField(
        label=_("Reference of the related letter to a company"), max_length=40,
        help_text=_("A letter tracked here, e.g. AL OTH 74/2024."))

    def clean_reference(self) -> Communication:
        from engagements.references import normalise_reference, parse_reference

        text = normalise_reference(self.cleaned_data["reference"])
        parsed = parse_reference(text)
        letter = (Communication.objects.filter(reference=parsed.text).first()
                  if parsed is not None else None)
        if letter is None:
            raise forms.ValidationError(_("No letter tracked here has this reference."))
        return letter


class StateLetterForm(PageForm):
    id_prefix = "state"

    reference = forms.CharField(label=_("Reference of the letter to a State"), max_length=40,
                                help_text=_("With the State's ISO-3 code, e.g. AL USA 30/2025."))
    sent_on = forms.DateField(label=_("Sent on"), widget=DateInput)
    public_url = forms.URLField(label=_("Public link"), required=False, max_length=500,
                                assume_scheme="https",
                                help_text=_("Its page in the public communications database, "
                                            "when known."))
