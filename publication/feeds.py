"""The register's Atom feed: letters on their public date, replies as they are published.

Built on Django's syndication framework. The view (publication/views.py) hands it the
register's letters, already filtered (?company=, ?mandate=, any filter of the register),
so the feed can show nothing the register does not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from btech.office_time import office_zone
from engagements.models import Communication
from publication.permalinks import reference_slug
from publication.selectors import FeedItem, feed_items


class RegisterFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def __init__(self, *, letters: QuerySet[Communication], today: dt.date) -> None:
        super().__init__()
        self.letters = letters
        self.today = today

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpRequest:
        return request

    def title(self, obj: HttpRequest) -> str:
        return gettext("Public register of letters: new publications")

    def subtitle(self, obj: HttpRequest) -> str:
        return gettext("Letters from UN Special Procedures to technology companies and the "
                       "companies' replies, as they are published.")

    def link(self, obj: HttpRequest) -> str:
        return reverse("public-list")

    def feed_url(self, obj: HttpRequest) -> str:
        return obj.get_full_path()

    def items(self, obj: HttpRequest) -> list[FeedItem]:
        return feed_items(self.letters, self.today)

    def item_title(self, item: FeedItem) -> str:
        if item.response is None:
            return gettext("%(reference)s published: %(subject)s") % {
                "reference": item.letter.reference, "subject": item.letter.subject}
        return gettext("Reply from %(company)s to %(reference)s") % {
            "company": item.letter.company.name, "reference": item.letter.reference}

    def item_description(self, item: FeedItem) -> str:
        if item.response is None:
            return item.letter.summary or item.letter.subject
        return item.response.body or gettext("The reply was sent as a document.")

    def item_link(self, item: FeedItem) -> str:
        link = reverse("public-permalink", args=[reference_slug(item.letter.reference)])
        return f"{link}#reply-{item.response.pk}" if item.response is not None else link

    def item_guid(self, item: FeedItem) -> str:
        # Stable whatever the address or language: the kind and the row.
        what = f"reply-{item.response.pk}" if item.response is not None else \
            f"letter-{item.letter.pk}"
        return f"{settings.SITE_URL}/public/#{what}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: FeedItem) -> dt.datetime:
        # Midnight in Geneva: the register's dates are office days.
        day = item.published_on
        return dt.datetime(day.year, day.month, day.day,
                           tzinfo=office_zone())

    def item_updateddate(self, item: FeedItem) -> dt.datetime:
        return self.item_pubdate(item)
