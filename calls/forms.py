"""Forms for the call pages. They collect input; the services decide what is valid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from calls.models import CallForInput, ReportBody, accepted_language_choices
from engagements.forms import DateInput, PageForm
from engagements.validators import validate_pdf
from mandates.models import Mandate
from topics.models import Topic


class CallForm(forms.Form):
    """OHCHR staff publish or edit a call (calls.services.call_create / call_update)."""

    title = forms.CharField(label=_("Title"), max_length=300)
    title_fr = forms.CharField(label=_("Title in French"), max_length=300, required=False,
                               help_text=_("Blank: the English title shows."))
    title_es = forms.CharField(label=_("Title in Spanish"), max_length=300, required=False,
                               help_text=_("Blank: the English title shows."))
    mandates = forms.ModelMultipleChoiceField(
        label=_("Mandates that issued the call"), queryset=Mandate.objects.order_by("short_name"),
        widget=forms.CheckboxSelectMultiple)
    report_body = forms.ChoiceField(label=_("Report to"), choices=ReportBody.choices,
                                    widget=forms.RadioSelect)
    report_session = forms.IntegerField(
        label=_("Session"), required=False, min_value=1, max_value=999,
        help_text=_("The session the report is presented at, if known."))
    report_year = forms.IntegerField(label=_("Report year"), min_value=1900, max_value=9999)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple,
        queryset=Topic.objects.select_related("parent").order_by("position", "name"))
    questions = forms.CharField(label=_("Questions"), required=False,
                                widget=forms.Textarea(attrs={"rows": 8}))
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput)
    deadline = forms.DateField(label=_("Deadline (Geneva date)"), widget=DateInput,
                               help_text=_("The last day submissions are expected."))
    official_url = forms.URLField(label=_("Official page on the OHCHR website"),
                                  required=False, max_length=500, assume_scheme="https")
    languages = forms.MultipleChoiceField(
        label=_("Languages accepted"), choices=accepted_language_choices,
        widget=forms.CheckboxSelectMultiple, initial=["en", "fr", "es"])

    @classmethod
    def for_call(cls, call: CallForInput) -> CallForm:
        return cls(initial={
            "title": call.title, "title_fr": call.title_fr, "title_es": call.title_es,
            "mandates": list(call.mandates.all()), "report_body": call.report_body,
            "report_session": call.report_session, "report_year": call.report_year,
            "topics": list(call.topics.all()), "questions": call.questions,
            "opened_on": call.opened_on, "deadline": call.deadline,
            "official_url": call.official_url, "languages": call.languages,
        })

    def values(self) -> dict[str, Any]:
        """The cleaned data as the services take it."""
        data = dict(self.cleaned_data)
        data["mandates"] = list(data["mandates"])
        data["topics"] = list(data["topics"])
        data["languages"] = list(data["languages"])
        return data


class IntentForm(PageForm):
    id_prefix = "intent"

    intends_to_submit = forms.TypedChoiceField(
        label=_("Will your company submit input?"), widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Yes, we intend to submit")), ("no", _("No, not this time"))])


class SubmissionForm(PageForm):
    id_prefix = "submission"

    submitted_on = forms.DateField(label=_("Date the submission was sent"), widget=DateInput)
    submission = forms.FileField(label=_("The submission as a PDF"), required=False,
                                 validators=[validate_pdf])
    may_publish = forms.BooleanField(
        label=_("The mandate may publish our submission"), required=False)
