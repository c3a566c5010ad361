"""What the public letters API (/api/v1/public/communications/) adds of publication:
the permalink, the approved public versions, the related letters that are public, and
only the replies that are not withheld. A fixed number of queries per page: every
relation is prefetched here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from engagements.models import Communication, Response
from publication.models import PublicVersion, RelatedLetter, StateLetter
from publication.permalinks import reference_slug
from publication.selectors import public_responses


def with_public_relations(letters: QuerySet[Communication],
                          today: dt.date) -> QuerySet[Communication]:
    return letters.prefetch_related(
        Prefetch("responses", queryset=public_responses().order_by("received_on", "pk"),
                 to_attr="public_responses"),
        Prefetch("public_versions", queryset=PublicVersion.objects.filter(
            approved_at__isnull=False), to_attr="approved_versions"),
        Prefetch("related_links", queryset=RelatedLetter.objects.filter(
            related__public_on__lte=today).select_related("related"),
            to_attr="public_related_links"),
        Prefetch("state_letters", queryset=StateLetter.objects.order_by("sent_on", "reference"),
                 to_attr="all_state_letters"),
    )


def _absolute(context: Mapping[str, Any], path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


def permalink(context: Mapping[str, Any], letter: Communication) -> str:
    return _absolute(context, reverse("public-permalink", args=[reference_slug(letter.reference)]))


def _approved(letter: Communication) -> dict[int | None, PublicVersion]:
    return {version.response_id: version
            for version in getattr(letter, "approved_versions", [])}


def public_letter_pdf(context: Mapping[str, Any], letter: Communication) -> str | None:
    if None not in _approved(letter):
        return None
    return _absolute(context, reverse("public-letter-pdf",
                                      args=[reference_slug(letter.reference)]))


def public_reply_pdf(context: Mapping[str, Any], response: Response) -> str | None:
    letter = response.communication
    if response.pk not in _approved(letter):
        return None
    return _absolute(context, reverse("public-reply-pdf", args=[
        reference_slug(letter.reference), response.pk]))


def related(context: Mapping[str, Any], letter: Communication) -> list[dict[str, Any]]:
    today = context["today"]
    rows: list[dict[str, Any]] = [
        {"reference": link.related.reference, "kind": "company",
         "url": permalink(context, link.related)}
        for link in getattr(letter, "public_related_links", [])]
    rows += [{"reference": state_letter.reference, "kind": "state",
              "state": state_letter.state.alpha3, "sent_on": state_letter.sent_on,
              "url": state_letter.public_url or None}
             for state_letter in getattr(letter, "all_state_letters", [])
             if state_letter.is_public(today)]
    return rows
