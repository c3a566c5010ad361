"""GET /api/v1/public/stats/: the register's response rates, no sign-in."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from btech.office_time import office_today
from publication import selectors


class RateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(source="key", help_text="The company's or mandate's id.")
    name = serializers.CharField(source="label")
    year = serializers.IntegerField(help_text="The year the letters were sent.")
    letters = serializers.IntegerField(
        help_text="Published letters replied to or past their due date.")
    replied = serializers.IntegerField(
        source="replied_letters", allow_null=True,
        help_text="Letters with a published final reply; null below "
                  f"{selectors.MIN_LETTERS_FOR_A_RATE} letters.")
    replied_rate = serializers.IntegerField(source="replied", allow_null=True,
                                            help_text="Percent; null below the minimum.")
    replied_on_time = serializers.IntegerField(source="on_time_letters", allow_null=True)
    replied_on_time_rate = serializers.IntegerField(source="on_time", allow_null=True)
    did_not_respond = serializers.IntegerField(source="no_response_letters", allow_null=True)
    did_not_respond_rate = serializers.IntegerField(source="no_response", allow_null=True)


class StatsSerializer(serializers.Serializer):  # type: ignore[type-arg]
    minimum_letters = serializers.IntegerField(
        help_text="No rate is given for fewer letters than this.")
    year = serializers.IntegerField(allow_null=True)
    companies = RateSerializer(many=True)
    mandates = RateSerializer(many=True)


class StatsQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(required=False, min_value=1900, max_value=9999,
                                    help_text="Only letters sent that year.")


class PublicStatsView(APIView):
    """Response rates of companies and mandates over published letters only."""

    permission_classes = [AllowAny]
    # Nothing here depends on who asks: skip the token and session lookups.
    authentication_classes: list[type] = []

    @extend_schema(
        summary="Response rates per company and per mandate, by year (no sign-in)",
        description="Over published letters that were replied to or are past their due "
                    "date. Rates and the counts behind them are null below "
                    f"{selectors.MIN_LETTERS_FOR_A_RATE} letters; a withheld reply does "
                    "not count as a reply. A joint letter counts for each mandate.",
        parameters=[OpenApiParameter("year", int, required=False,
                                     description="Only letters sent that year.")],
        responses=StatsSerializer,
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = StatsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year")
        today = office_today()
        rates = selectors.response_rates(selectors.register_letters(today), today,
                                         public=True, year=year)
        return Response(StatsSerializer({
            "minimum_letters": selectors.MIN_LETTERS_FOR_A_RATE, "year": year,
            "companies": rates.company, "mandates": rates.mandate}).data)


urlpatterns = [
    path("public/stats/", PublicStatsView.as_view(), name="public-stats"),
]
