from __future__ import annotations

from rest_framework import serializers

from companies.models import Company, CompanyFormerName, Contact


class FormerNameSerializer(serializers.ModelSerializer[CompanyFormerName]):
    class Meta:
        model = CompanyFormerName
        fields = ["name", "renamed_on"]
        read_only_fields = fields


class CompanySerializer(serializers.ModelSerializer[Company]):
    former_names = FormerNameSerializer(many=True, read_only=True,
                                        help_text="Earlier names, oldest first.")

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
