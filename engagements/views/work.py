"""My work: a company lead's home page. Counts of what needs doing, each a link to the
letters concerned, and those letters, each with its one next action as a form that
posts to the letter's own endpoint (acknowledge, assign, log a reply) and comes back
here; static/js/my_work.js makes them work without leaving the page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from btech.office_time import office_today
from engagements import selectors
from engagements.forms import MyWorkFilterForm
from engagements.models import ResponseKind
from engagements.policy import Action
from engagements.selectors import Need, Owner
from engagements.views.access import SignedInRequest, policy_required

PAGE_SIZE = 50


@policy_required(Action.VIEW_MY_WORK)
def my_work(request: SignedInRequest) -> HttpResponse:
    today = office_today()
    filters = MyWorkFilterForm(request.GET or None)
    # A value no link writes (an edited address) is named in the error summary and
    # ignored; the valid filter still applies (cleaned_data keeps only valid fields).
    filters.is_valid()
    chosen = filters.cleaned_data if filters.is_bound else {}
    need, owner = chosen.get("need", ""), chosen.get("owner", "")
    counts = selectors.my_work_counts(request.user, today)
    page = Paginator(selectors.my_work_letters(request.user, today, need=need, owner=owner),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    contacts = selectors.assignable_contacts(request.user, list(page.object_list))
    return render(request, "engagements/my_work.html", {
        "today": today,
        "filters": filters,
        "need": need,
        "need_label": Need(need).label if need else "",
        "owner": owner,
        "tiles": [{"need": item, "count": counts[item.value]} for item in Need],
        "owner_choices": [("", gettext("All")), *Owner.choices],
        "page": page,
        "items": [(letter, contacts.get(letter.company_id, []))
                  for letter in page.object_list],
        "reply_kinds": ResponseKind.choices,
    })

