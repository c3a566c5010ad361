"""The search's parameters, checked once for the page and the API (a 400 names the field)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from companies.models import Company
from mandates.models import Mandate
from search.selectors import MAX_QUERY_LENGTH, SearchQuery
from search.sources import SOURCES, findable_companies
from topics.models import Topic


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY_LENGTH,
                        help_text=_("Words, a reference or a name. Put a phrase in quotes; "
                                    "-word leaves out what contains it."))
    kind = forms.MultipleChoiceField(
        label=_("Kind"), required=False,
        choices=[(source.kind, source.label) for source in SOURCES.values()])
    company = forms.ModelChoiceField(label=_("Company"), required=False,
                                     queryset=Company.objects.none())
    mandate = forms.ModelChoiceField(label=_("Mandate"), required=False,
                                     queryset=Mandate.objects.order_by("short_name"))
    topic = forms.ModelChoiceField(label=_("Topic"), required=False,
                                   queryset=Topic.objects.all())
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, *args: Any, user: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the companies the asker may find: the choices must not hint at a company
        # known here only through its confidential letters.
        company = self.fields["company"]
        assert isinstance(company, forms.ModelChoiceField)
        company.queryset = findable_companies(user, today).order_by("name")

    def clean_q(self) -> str:
        # NUL cannot be stored or searched in PostgreSQL text; nobody types it on purpose.
        text: str = self.cleaned_data["q"].replace("\x00", "").strip()
        if not text:
            raise forms.ValidationError(_("Type a word to search for."))
        return text

    def search_query(self) -> SearchQuery:
        data = self.cleaned_data
        return SearchQuery(
            text=data["q"], kinds=tuple(data.get("kind") or ()),
            company=data["company"].pk if data.get("company") else None,
            mandate=data["mandate"].pk if data.get("mandate") else None,
            topic=data["topic"].pk if data.get("topic") else None,
            year=data.get("year"), page=data.get("page") or 1)
