from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from engagements.forms import DateInput, PageForm


class HolderForm(PageForm):
    """OHCHR staff record a holder's term on the mandate's page (holder_record)."""

    id_prefix = "holder"

    name = forms.CharField(label=_("Name"), max_length=200)
    term_start = forms.DateField(label=_("Term starts on"), widget=DateInput)
    term_end = forms.DateField(
        label=_("Term ends on"), required=False, widget=DateInput,
        help_text=_("The last day of the term; blank for a full term of three years."))
