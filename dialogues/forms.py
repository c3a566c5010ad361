from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from companies.models import Contact
from dialogues.models import ActionStatus
from engagements.forms import DateInput, PageForm


class AnswerForm(PageForm):
    id_prefix = "answer"

    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=10000)
    answered_on = forms.DateField(label=_("Answered on"), widget=DateInput, required=False,
                                  help_text=_("A date on the Geneva calendar; today if blank."))


class ActionStatusForm(PageForm):
    id_prefix = "action"

    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    closing_note = forms.CharField(
        label=_("Closing note"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the action is done or dropped: what was done, or why not."))


class CommitmentForm(PageForm):
    id_prefix = "commitment"

    description = forms.CharField(
        label=_("What the company committed to do"), max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}))
    due_on = forms.DateField(label=_("Due on"), widget=DateInput,
                             help_text=_("A date on the Geneva calendar."))
    owner_contact = forms.ModelChoiceField(
        label=_("Owner at the company"), queryset=Contact.objects.none(),
        help_text=_("Who will see it through; they are reminded before it is due."))

    def __init__(self, *args: Any, contacts: QuerySet[Contact], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner_contact"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = contacts
