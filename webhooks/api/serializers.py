"""Webhook endpoints as the API shows them; writes go through webhooks.services."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from rest_framework import serializers

from accounts.visibility import SCOPE_EVERY_COMPANY, scope_company_id, visibility_scope
from btech.api.errors import service_errors
from companies.models import Company
from reminders.models import DeliveryState
from webhooks import services
from webhooks.events import EVENTS
from webhooks.models import WebhookDelivery, WebhookEndpoint

_EVENT_HELP = "The events this endpoint wants, among: " + ", ".join(EVENTS) + "."


class WebhookEndpointSerializer(serializers.ModelSerializer[WebhookEndpoint]):
    """An endpoint: where events are POSTed, which ones, and whether it is on.

    `secret` is in the answer to the POST that registers the endpoint and to
    POST .../rotate-secret/, and never again: keep it where you verify signatures.
    """

    company = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.all(), required=False, allow_null=True,
        help_text="The company whose systems receive the events (a company user: their "
                  "own, the default); OHCHR staff may leave it null for OHCHR's own "
                  "systems, which receive every company's events.")
    company_name = serializers.CharField(source="company.name", read_only=True,
                                         allow_null=True)
    events = serializers.ListField(child=serializers.CharField(max_length=60),
                                   allow_empty=False, help_text=_EVENT_HELP)
    secret = serializers.SerializerMethodField(
        help_text="The signing secret: only in the answer that creates or rotates it.")

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "company", "company_name", "url", "events", "description",
                  "is_active", "secret", "created_at", "updated_at"]
        read_only_fields = ["id", "company_name", "secret", "created_at", "updated_at"]

    def get_secret(self, obj: WebhookEndpoint) -> str | None:
        return obj.secret if self.context.get("show_secret") else None

    def validate_company(self, company: Company | None) -> Company | None:
        if self.instance is not None:
            if company != self.instance.company:
                raise serializers.ValidationError(gettext(
                    "An endpoint stays with its company; register a new one instead."))
            return company
        scope = visibility_scope(self.context["request"].user)
        if scope == SCOPE_EVERY_COMPANY:
            return company
        # One answer for every other company, existing or not: nothing is revealed.
        if company is None or scope is None or company.pk != scope_company_id(scope):
            raise serializers.ValidationError(gettext(
                "You may register endpoints for your own company only."))
        return company

    def create(self, validated_data: dict[str, Any]) -> WebhookEndpoint:
        user = self.context["request"].user
        if "company" not in validated_data:
            validated_data["company"] = getattr(user, "company", None) \
                if visibility_scope(user) != SCOPE_EVERY_COMPANY else None
        with service_errors():
            return services.endpoint_create(created_by=user, **validated_data)

    def update(self, instance: WebhookEndpoint,
               validated_data: dict[str, Any]) -> WebhookEndpoint:
        validated_data.pop("company", None)
        if not validated_data:
            return instance
        with service_errors():
            return services.endpoint_update(endpoint=instance, **validated_data)


class WebhookDeliverySerializer(serializers.ModelSerializer[WebhookDelivery]):
    """One event sent (or being sent) to the endpoint, and what came of it."""

    event_id = serializers.UUIDField(read_only=True)
    event_type = serializers.CharField(source="event.type", read_only=True)
    state = serializers.ChoiceField(choices=DeliveryState.choices, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = ["id", "event_id", "event_type", "state", "attempts", "last_status",
                  "last_error", "next_attempt_at", "created_at", "sent_at"]
        read_only_fields = fields
