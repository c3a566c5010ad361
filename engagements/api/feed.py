"""The deadline feed: what a poller reads to keep a copy of the deadlines in step.

`GET /api/v1/deadlines/feed/?changed_since=<ISO timestamp>` answers the letters the asker
may see whose deadline facts (Communication.DEADLINE_FACTS: the reference, the company,
the due date, the final reply) changed after that moment, oldest change first, letters
new since then included. No total count (the costly part of a big list), and a keyset
cursor rather than page numbers: a page is an index range scan on
(deadline_changed_at, id) whatever how far the poller has read, and a letter changing
while the poller pages cannot make it skip or repeat one (it moves to the end).

What a poller does: read pages until `next` is null, then poll again later with
changed_since = the greatest `deadline_changed_at` it has seen, less a minute: a change
is stamped when its transaction starts writing and visible when it commits, so a slow
transaction can commit a slightly older stamp after a poll (reading a letter twice is
harmless: the poller replaces its copy). Statuses that move only with the calendar
(open to due soon to overdue) are not changes: the poller works them out from `due_on`,
or reads `deadline_status`, computed for today. A deleted letter is not in the feed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.views import APIView

from btech.api.etag import with_etag
from btech.api.pagination import _compact_json
from btech.api.rows import SerializerRows
from btech.office_time import office_today
from engagements.api.serializers import (
    _days_remaining_field,
    _deadline_status_field,
    _deadline_status_label_field,
)
from engagements.models import Communication

# The module's docstring from its second paragraph on: what the schema tells pollers.
FEED_DESCRIPTION = (__doc__ or "").split("\n\n", 1)[1]
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


class DeadlineFeedSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """One letter's deadline facts, as of deadline_changed_at."""

    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)
    company = serializers.IntegerField(source="company_id", read_only=True)
    due_on = serializers.DateField(read_only=True)
    final_reply_on = serializers.DateField(read_only=True, allow_null=True)
    days_remaining = _days_remaining_field()
    deadline_status = _deadline_status_field()
    deadline_status_label = _deadline_status_label_field()
    deadline_changed_at = serializers.DateTimeField(
        read_only=True, help_text="When the reference, company, due date or final reply "
                                  "last changed (or the letter was logged).")


FEED_ROWS = SerializerRows(DeadlineFeedSerializer, Communication)


def _encode(changed_at: dt.datetime, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{changed_at.isoformat()}|{pk}".encode()).decode()


def _decode(cursor: str) -> tuple[dt.datetime, int]:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        moment, pk = text.split("|")
        parsed = parse_datetime(moment)
        if parsed is None or parsed.tzinfo is None:
            raise ValueError(moment)
        return parsed, int(pk)
    except (ValueError, binascii.Error, UnicodeError):
        raise ValidationError({"cursor": ["Not a cursor of this feed: follow `next`."]}) from None


def _changed_since(text: str) -> dt.datetime:
    try:
        parsed = parse_datetime(text.replace(" ", "+"))  # an unencoded + arrives as a space
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValidationError({"changed_since": [
            "Give an ISO 8601 timestamp, e.g. 2024-03-01T12:00:00Z."]})
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)  # the API's instants are UTC
    return parsed


def _page_size(text: str | None) -> int:
    try:
        size = int(text or DEFAULT_PAGE_SIZE)
    except ValueError:
        return DEFAULT_PAGE_SIZE
    return max(1, min(size, MAX_PAGE_SIZE))


class DeadlineFeedView(APIView):
    """Letters whose deadline facts changed since a moment, for pollers."""

    def get_queryset(self) -> QuerySet[Communication]:
        # The one visibility rule, as every letter route applies it.
        return Communication.objects.visible_to(self.request.user)

    @extend_schema(
        summary="Deadline feed: letters whose deadlines changed since a moment",
        description=FEED_DESCRIPTION,
        parameters=[
            OpenApiParameter("changed_since", OpenApiTypes.DATETIME,
                             description="Only letters whose deadline facts changed after "
                                         "this moment (ISO 8601; UTC when no offset)."),
            OpenApiParameter("cursor", str, description="From the previous page's `next`."),
            OpenApiParameter("page_size", int,
                             description=f"Default {DEFAULT_PAGE_SIZE}, at most "
                                         f"{MAX_PAGE_SIZE}."),
        ],
        responses={200: inline_serializer("DeadlineFeedPage", {
            "next": serializers.URLField(allow_null=True),
            "results": DeadlineFeedSerializer(many=True),
        }), 304: None},
    )
    def get(self, request: Request) -> HttpResponseBase:
        params = request.query_params
        queryset = self.get_queryset()
        if params.get("changed_since"):
            queryset = queryset.filter(
                deadline_changed_at__gt=_changed_since(params["changed_since"]))
        if params.get("cursor"):
            moment, pk = _decode(params["cursor"])
            queryset = queryset.filter(Q(deadline_changed_at__gt=moment)
                                       | Q(deadline_changed_at=moment, pk__gt=pk))
        size = _page_size(params.get("page_size"))
        rows = list(FEED_ROWS.select(queryset.order_by("deadline_changed_at", "pk"))
                    [:size + 1])
        today = office_today()
        results = FEED_ROWS.build(rows[:size], today)
        next_url = None
        if len(rows) > size:
            last = results[-1]
            query = params.copy()
            query["cursor"] = _encode(_stamp(rows[size - 1]), last["id"])
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        body = _compact_json({"next": next_url, "results": results})
        return with_etag(request, HttpResponse(body, content_type="application/json"))


def _stamp(row: Any) -> dt.datetime:
    stamp = row[FEED_ROWS.columns.index("deadline_changed_at")]
    assert isinstance(stamp, dt.datetime)
    return stamp
