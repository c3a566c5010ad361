"""Which mandates cover my risk: the thesaurus, and a page per topic (or several).

Open to anyone: everything shown is public (the mandates, their holders and the public
register's letters), whoever asks, so a company user sees exactly what a visitor sees;
their own confidential letters stay on their letters page. A company user may follow
a topic from its page (the weekly topic digest).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from btech.office_time import office_today
from engagements import policy
from engagements.policy import Action
from topics import selectors, services
from topics.models import Topic
from topics.sections import page_sections

# A topic page lists at most this many topics at once: every one is a query term.
MAX_TOPICS = 20


def topic_index(request: HttpRequest) -> HttpResponse:
    """The thesaurus; with ?topic=a&topic=b, the page of those topics together."""
    handles = request.GET.getlist("topic")[:MAX_TOPICS]
    if handles:
        topics = selectors.topics_by_handles(handles)
        if not topics:
            raise Http404("No such topic.")
        return _coverage(request, topics)
    return render(request, "topics/topic_index.html", {
        "areas": selectors.thesaurus(), "following": _following(request),
    })


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _coverage(request, [get_object_or_404(Topic.objects.select_related("parent"),
                                                 slug=slug)])


def _following(request: HttpRequest) -> set[int]:
    if not policy.may(request.user, Action.FOLLOW_TOPICS):
        return set()
    return {topic.pk for topic in selectors.followed_topics(request.user)}


def _coverage(request: HttpRequest, topics: list[Topic]) -> HttpResponse:
    today = office_today()
    covered = Topic.objects.filter(pk__in=selectors.covered_ids(topics))
    context: dict[str, Any] = {
        "topics": topics, "today": today,
        # What the page covers besides the chosen topics: the topics of a chosen area.
        "included": [topic for topic in covered.select_related("parent")
                     if topic not in topics],
        "sections": page_sections(list(covered), request.user, today),
        "can_follow": policy.may(request.user, Action.FOLLOW_TOPICS),
        "following": _following(request),
    }
    return render(request, "topics/topic_detail.html", context)


@login_required
@require_POST
def topic_follow(request: HttpRequest, slug: str) -> HttpResponse:
    """Follow or stop following a topic (the button on its page says which)."""
    if not policy.may(request.user, Action.FOLLOW_TOPICS):
        raise PermissionDenied("You may not follow topics.")
    topic = get_object_or_404(Topic, slug=slug)
    user: Any = request.user
    if request.POST.get("follow") == "0":
        services.topic_unfollow(user=user, topic=topic)
        messages.success(request, _("You no longer follow %(topic)s.") % {
            "topic": topic.display_name})
    else:
        services.topic_follow(user=user, topic=topic)
        messages.success(request, _("You follow %(topic)s: what is new on it comes in your "
                                    "weekly topic digest.") % {"topic": topic.display_name})
    return redirect("topic-detail", slug=topic.slug)
