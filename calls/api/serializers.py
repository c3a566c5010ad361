"""Calls for input and a company's participation, as the API shows them. Writes go
through calls.services; the checks here only decide who may send what."""

from __future__ import annotations

import re
from typing import Any, cast

from django.db import transaction
from django.utils.translation import gettext
from rest_framework import serializers

from btech.api.errors import service_errors
from btech.office_time import office_today
from calls import services
from calls.models import (
    CallForInput,
    CallParticipation,
    CallStatus,
    ReportBody,
    accepted_language_choices,
)
from mandates.models import Mandate
from topics.models import Topic


class TopicSlugField(serializers.SlugRelatedField):  # type: ignore[type-arg]
    """A topic by its slug; text that cannot be a slug is refused before any query."""

    def to_internal_value(self, data: Any) -> Topic:
        if not isinstance(data, str) or not _SLUG.fullmatch(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data)[:80])
        topic: Topic = super().to_internal_value(data)
        return topic


_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")


class CallSerializer(serializers.ModelSerializer[CallForInput]):
    """A call for input: who issued it, the report it feeds, its questions and deadline.
    Public: nothing here is about any company."""

    mandates = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Mandate.objects.all(),
        help_text="Ids of the mandates that issued the call.")
    mandate_names = serializers.SerializerMethodField()
    topics = TopicSlugField(
        many=True, slug_field="slug", queryset=Topic.objects.all(), required=False,
        help_text="Slugs of the call's topics (GET /api/v1/... topics, or the admin).")
    display_title = serializers.SerializerMethodField(
        help_text="The title in the request's Accept-Language, English when not written.")
    report_body_label = serializers.SerializerMethodField()
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=accepted_language_choices()),
        required=False, help_text="Languages submissions may be written in, e.g. en, fr, es.")
    status = serializers.SerializerMethodField(
        help_text="open until the end of the deadline day in Geneva, unless closed early.")
    days_left = serializers.SerializerMethodField(
        help_text="Days until the deadline; 0 on the day, negative after it.")
    closed = serializers.BooleanField(
        write_only=True, required=False,
        help_text="true closes the call before its deadline; false opens it again.")

    class Meta:
        model = CallForInput
        fields = ["id", "title", "title_fr", "title_es", "display_title", "mandates",
                  "mandate_names", "report_body", "report_body_label", "report_session",
                  "report_year", "topics", "questions", "opened_on", "deadline", "days_left",
                  "status", "closed_at", "closed", "official_url", "languages",
                  "created_at", "updated_at"]
        read_only_fields = ["closed_at", "created_at", "updated_at"]

    def get_mandate_names(self, obj: CallForInput) -> list[str]:
        return [mandate.short_name for mandate in obj.mandates.all()]

    def get_display_title(self, obj: CallForInput) -> str:
        return obj.display_title

    def get_report_body_label(self, obj: CallForInput) -> str:
        return str(ReportBody(obj.report_body).label)

    def get_status(self, obj: CallForInput) -> CallStatus:
        return obj.status(self.context.get("today") or office_today())

    def get_days_left(self, obj: CallForInput) -> int:
        return obj.days_left(self.context.get("today") or office_today())

    def create(self, validated_data: dict[str, Any]) -> CallForInput:
        closed = validated_data.pop("closed", False)
        user = self.context["request"].user
        with service_errors(), transaction.atomic():
            call = services.call_create(**validated_data, created_by=user)
            if closed:
                call = services.call_close(call=call, closed_by=user)
        return call

    def update(self, instance: CallForInput, validated_data: dict[str, Any]) -> CallForInput:
        closed = validated_data.pop("closed", None)
        call = instance
        with service_errors(), transaction.atomic():
            if validated_data:
                call = services.call_update(
                    call=call, **cast(services.CallChanges, validated_data))
            if closed is True and call.closed_at is None:
                call = services.call_close(call=call, closed_by=self.context["request"].user)
            elif closed is False and call.closed_at is not None:
                call = services.call_reopen(call=call)
        return call


class ParticipationSerializer(serializers.ModelSerializer[CallParticipation]):
    """One company's participation in a call: visible to that company's users and to
    OHCHR staff only."""

    company = serializers.IntegerField(
        source="company_id", required=False,
        help_text="Your company's id; another company's is refused (400 naming company).")
    company_name = serializers.CharField(source="company.name", read_only=True)
    submission = serializers.FileField(
        required=False, allow_null=True, write_only=True,
        help_text="The submission as a PDF (multipart upload); null removes it.")
    has_submission = serializers.SerializerMethodField()
    is_late = serializers.BooleanField(
        read_only=True, help_text="Submitted after the call closed (allowed, marked late).")
    submitted_on = serializers.DateField(required=False, allow_null=True)

    class Meta:
        model = CallParticipation
        fields = ["call", "company", "company_name", "intends_to_submit", "intent_at",
                  "submitted_on", "submission", "has_submission", "may_publish", "is_late",
                  "recorded_at", "updated_at"]
        read_only_fields = ["call", "intent_at", "recorded_at", "updated_at"]

    def get_has_submission(self, obj: CallParticipation) -> bool:
        return bool(obj.submission)

    def validate_company(self, value: int) -> int:
        user = self.context["request"].user
        if value != getattr(user, "company_id", None):
            raise serializers.ValidationError(gettext(
                "You can only record your own company's participation."))
        return value

    def save_for(self, *, call: CallForInput, replace: bool) -> CallParticipation:
        """Write through participation_update: PUT replaces the fields (those left out
        go back to their defaults, except the PDF, sent only to change it); PATCH
        changes only those sent."""
        data = dict(cast(dict[str, Any], self.validated_data))
        data.pop("company_id", None)
        if replace:
            data.setdefault("intends_to_submit", False)
            data.setdefault("submitted_on", None)
            data.setdefault("may_publish", False)
        request = self.context["request"]
        with service_errors():
            return services.participation_update(
                call=call, company=request.user.company, user=request.user,
                **cast(services.ParticipationChanges, data))
