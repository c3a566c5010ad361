from __future__ import annotations

from rest_framework import serializers

from mandates.models import Mandate, MandateHolder


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
    # Filled by the view's Prefetch(to_attr="current_holders"): who holds it today.
    current_holders = HolderSerializer(many=True, read_only=True,
                                       help_text="Who holds the mandate today.")

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
                  "short_name_fr", "short_name_es", "covers_fr", "covers_es",
                  "current_holders"]
        read_only_fields = fields
