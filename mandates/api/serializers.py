from __future__ import annotations

import datetime as dt
from typing import Any

from rest_framework import serializers

from mandates import selectors
from mandates.models import Mandate, MandateHolder
from topics.api.serializers import TopicRefSerializer


class HolderSerializer(serializers.ModelSerializer[MandateHolder]):
    class Meta:
        model = MandateHolder
        fields = ["id", "name", "term_start", "term_end"]
        read_only_fields = fields


class MandateHolderSerializer(serializers.ModelSerializer[MandateHolder]):
    mandate_name = serializers.CharField(source="mandate.short_name", read_only=True)

    class Meta:
        model = MandateHolder
        fields = ["id", "mandate", "mandate_name", "name", "term_start", "term_end"]
        read_only_fields = fields


class MandateSerializer(serializers.ModelSerializer[Mandate]):
    """A mandate in the directory. `today` and the page's letter `figures` come from the
    view's context (computed once per page)."""

    # Who holds the mandate today (Mandate.holders_on_record; several for a Working
    # Group), and every recorded term, the most recent first.
    current_holders = serializers.SerializerMethodField(
        help_text="Who holds the mandate today, in Geneva.")
    holders = serializers.SerializerMethodField(
        help_text="Every recorded term, the most recent first.")
    term_ends_on = serializers.SerializerMethodField(
        help_text="When the term running today ends (for a Working Group, the first of its "
                  "members' to end); null when nobody holds it today.")
    term_ends_soon = serializers.SerializerMethodField(
        help_text="The current term ends within BTECH_TERM_END_NOTICE_MONTHS and no "
                  "successor or renewal is recorded.")
    letters_signed = serializers.SerializerMethodField(
        help_text="Letters to companies it signed: every letter for OHCHR staff, the "
                  "published ones for everyone else.")
    reply_rate = serializers.SerializerMethodField(
        help_text="Percent of those letters, among the ones whose reply is due, with a "
                  "final reply; null before there is one.")
    topics = TopicRefSerializer(many=True, read_only=True)

    # The two-letter code only: a 250-country enum in the schema helps nobody.
    country = serializers.CharField(source="country.code", read_only=True,
                                    help_text="A country mandate's ISO 3166-1 alpha-2 code; "
                                              "empty for a thematic mandate.")

    class Meta:
        model = Mandate
        # title, short_name and covers in English; their French and Spanish beside them,
        # empty until written (the same answer in every language: it may be cached).
        fields = ["id", "title", "short_name", "kind", "mandate_type", "country",
                  "established_on", "established_by", "covers", "title_fr", "title_es",
                  "short_name_fr", "short_name_es", "covers_fr", "covers_es", "topics",
                  "current_holders", "holders", "term_ends_on", "term_ends_soon",
                  "letters_signed", "reply_rate"]
        read_only_fields = fields

    def _today(self) -> dt.date:
        today: dt.date = self.context["today"]
        return today

    def _figures(self, obj: Mandate) -> selectors.LetterFigures:
        figures: dict[int, selectors.LetterFigures] = self.context.get("figures", {})
        return figures.get(obj.pk, selectors.NO_LETTERS)

    def get_current_holders(self, obj: Mandate) -> list[dict[str, Any]]:
        current = obj.holders_on_record(self._today()).current
        return list(HolderSerializer(current, many=True).data)

    def get_holders(self, obj: Mandate) -> list[dict[str, Any]]:
        terms = sorted(obj.holders.all(), key=lambda t: (t.term_start, t.name), reverse=True)
        return list(HolderSerializer(terms, many=True).data)

    def get_term_ends_on(self, obj: Mandate) -> dt.date | None:
        end = selectors.current_term_end(obj, self._today())
        return end.on if end is not None else None

    def get_term_ends_soon(self, obj: Mandate) -> bool:
        end = selectors.current_term_end(obj, self._today())
        return bool(end and end.soon)

    def get_letters_signed(self, obj: Mandate) -> int:
        return self._figures(obj).signed

    def get_reply_rate(self, obj: Mandate) -> int | None:
        return self._figures(obj).reply_rate
