from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from webhooks.events import event_choices


class EndpointForm(forms.Form):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https",
                         help_text=_("Your system's address that receives the events by "
                                     "POST, starting with https://"))
    events = forms.MultipleChoiceField(label=_("Events"), choices=event_choices,
                                       widget=forms.CheckboxSelectMultiple)
    description = forms.CharField(label=_("Description"), max_length=200, required=False,
                                  help_text=_("What this endpoint is, for your colleagues "
                                              "(optional)."))
