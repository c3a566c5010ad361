"""GET /api/v1/search/: the same search as the page, as JSON."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from btech.office_time import office_today
from search.forms import SearchForm
from search.selectors import MAX_QUERY_LENGTH, Results, search
from search.sources import SOURCES

_RESULT = inline_serializer("SearchResult", many=True, fields={
    "kind": serializers.ChoiceField(choices=list(SOURCES)),
    "id": serializers.IntegerField(),
    "title": serializers.CharField(),
    "snippet": serializers.CharField(help_text=(
        "HTML: the text escaped, the words found in <mark>...</mark>.")),
    "url": serializers.URLField(),
    "rank": serializers.FloatField(),
})
_RESULTS = inline_serializer("SearchResults", fields={
    "count": serializers.IntegerField(help_text="Records found, of the kinds asked for."),
    "page": serializers.IntegerField(),
    "pages": serializers.IntegerField(),
    "facets": inline_serializer("SearchFacets", fields={
        kind: serializers.IntegerField() for kind in SOURCES}),
    "results": _RESULT,
})


class SearchView(APIView):
    """Letters, replies, notes, mandates and companies, ranked by relevance."""

    # Visitors search the public register; signed-in people also what they may see.
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Search everything you may see",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, required=True, description=(
                f"Words (at most {MAX_QUERY_LENGTH} characters); \"a phrase\", -excluded, "
                "or.")),
            OpenApiParameter("kind", OpenApiTypes.STR, many=True, enum=list(SOURCES),
                             description="Only these kinds (repeat for several)."),
            OpenApiParameter("company", OpenApiTypes.INT),
            OpenApiParameter("mandate", OpenApiTypes.INT),
            OpenApiParameter("topic", OpenApiTypes.INT, description=(
                "Only records carrying this topic.")),
            OpenApiParameter("year", OpenApiTypes.INT),
            OpenApiParameter("page", OpenApiTypes.INT),
        ],
        responses={200: _RESULTS},
    )
    def get(self, request: Request) -> Response:
        today = office_today()
        form = SearchForm(request.query_params, user=request.user, today=today)
        if not form.is_valid():
            raise serializers.ValidationError(
                {name: [str(message) for message in messages]
                 for name, messages in form.errors.items()})
        return Response(self._json(request, search(request.user, form.search_query(), today)))

    def _json(self, request: Request, results: Results) -> dict[str, Any]:
        return {
            "count": results.total, "page": results.page, "pages": results.page_count,
            "facets": results.facets,
            "results": [{
                "kind": hit.kind, "id": hit.object.pk, "title": hit.title,
                "snippet": str(hit.snippet), "url": request.build_absolute_uri(hit.url),
                "rank": hit.rank,
            } for hit in results.hits],
        }
