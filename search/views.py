"""The search page: one box for everyone, the results they may see."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from btech.office_time import office_today
from search.forms import SearchForm
from search.selectors import search
from search.sources import SOURCES


def search_page(request: HttpRequest) -> HttpResponse:
    today = office_today()
    # An empty page until something is asked: no "type a word" error on arrival.
    form = SearchForm(request.GET if "q" in request.GET else None, user=request.user,
                      today=today)
    results = search(request.user, form.search_query(), today) if form.is_valid() else None
    kinds = [(source.kind, source.label, results.facets[source.kind] if results else 0)
             for source in SOURCES.values()]
    return render(request, "search/search.html", {
        "form": form, "results": results, "kinds": kinds,
        # The topic filter is the API's until the records carry topics.
        "fields": [form["q"], form["company"], form["mandate"], form["year"]],
        "chosen_kinds": results.kinds if results and len(results.kinds) < len(SOURCES)
        else (),
        "facet_total": sum(results.facets.values()) if results else 0,
    })
