from __future__ import annotations

from rest_framework import serializers

from companies.models import Company, CompanyFormerName, Contact, HumanRightsFunction


class FormerNameSerializer(serializers.ModelSerializer[CompanyFormerName]):
    class Meta:
        model = CompanyFormerName
        fields = ["name", "renamed_on"]
        read_only_fields = fields


class CompanySerializer(serializers.ModelSerializer[Company]):
    former_names = FormerNameSerializer(many=True, read_only=True,
                                        help_text="Earlier names, oldest first.")

    # The two-letter code only: a 250-country enum in the schema helps nobody.
    headquarters_country = serializers.CharField(source="headquarters_country.code", read_only=True,
                                    help_text="ISO 3166-1 alpha-2 code; empty when not recorded.")

    # Both may be empty: declared so that the schema says so (a read-only model field
    # would be documented as a URL and as one of the choices, never as "").
    website = serializers.CharField(read_only=True, help_text="A URL, or empty.")
    human_rights_function = serializers.ChoiceField(
        choices=HumanRightsFunction.choices, allow_blank=True, read_only=True,
        help_text="Where human-rights work sits in the company; empty when not recorded.")

    class Meta:
        model = Company
        fields = ["id", "name", "former_names", "headquarters_country", "website",
                  "human_rights_function", "has_ungp_policy", "is_btech_member"]
        read_only_fields = fields


class ContactSerializer(serializers.ModelSerializer[Contact]):
    company_name = serializers.CharField(source="company.name", read_only=True)

    class Meta:
        model = Contact
        fields = ["id", "company", "company_name", "name", "email", "role", "job_title"]
        read_only_fields = fields
