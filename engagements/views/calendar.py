"""The calendar feed and the page that gives (and resets) its secret address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accounts.models import CalendarFeed, User
from btech.office_time import office_today
from calls.selectors import followed_calls
from dialogues.calendar import action_events
from dialogues.models import FollowUpAction
from engagements.calendar import deadline_calendar
from engagements.models import Communication
from engagements.views.access import SignedInRequest


def _feed_for(user: User) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


@login_required
def calendar_settings(request: SignedInRequest) -> HttpResponse:
    feed = _feed_for(request.user)
    https_url = request.build_absolute_uri(reverse("calendar-feed", args=[feed.token]))
    return render(request, "accounts/calendar.html", {
        "feed_url": https_url,
        "webcal_url": "webcal://" + https_url.split("://", 1)[1],
        "today": office_today(),
    })


@login_required
@require_POST
def calendar_reset(request: SignedInRequest) -> HttpResponse:
    _feed_for(request.user).reset()
    messages.success(request, gettext("Your calendar address is new; the old one no longer "
                                      "works. Subscribe again with the address below."))
    return redirect("calendar-settings")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No session here: calendar apps cannot sign in. The token is the credential."""
    feed = (CalendarFeed.objects.select_related("user").filter(token=token).first()
            if token else None)
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar.")
    letters = Communication.objects.visible_to(feed.user).awaiting_reply()
    actions = FollowUpAction.objects.visible_to(feed.user).pending()
    content = deadline_calendar(letters, name=gettext("B-Tech letters: reply deadlines"),
                                calls=followed_calls(feed.user),
                                extra=lambda stamp: action_events(actions, stamp))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="btech-deadlines.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
