"""/api/v1/webhooks/: the endpoints a user may manage, their secrets and deliveries.

Scope first (WebhookEndpoint.objects.visible_to): another company's endpoint is a 404
on every route; the policy (engagements.policy, Action.MANAGE_WEBHOOKS) decides the rest.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from engagements import policy
from engagements.policy import Action
from webhooks import services
from webhooks.api.serializers import WebhookDeliverySerializer, WebhookEndpointSerializer
from webhooks.models import WebhookDelivery, WebhookEndpoint

RECENT_DELIVERIES = 50


class WebhookPermission(BasePermission):
    message = "Your role does not allow managing webhook endpoints."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return policy.may(request.user, Action.MANAGE_WEBHOOKS)

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        return policy.may(request.user, Action.MANAGE_WEBHOOKS, obj)


@extend_schema_view(
    list=extend_schema(summary="The webhook endpoints you may manage"),
    retrieve=extend_schema(summary="One webhook endpoint"),
    create=extend_schema(summary="Register a webhook endpoint (its secret is in the answer, "
                                 "once)"),
    update=extend_schema(summary="Replace an endpoint's URL, events, description, switch"),
    partial_update=extend_schema(summary="Change an endpoint"),
    destroy=extend_schema(summary="Remove an endpoint and its deliveries"),
)
class WebhookEndpointViewSet(viewsets.ModelViewSet):  # type: ignore[type-arg]
    """Endpoints that receive signed events about the letters their owner may see."""

    serializer_class = WebhookEndpointSerializer
    permission_classes = [IsAuthenticated, WebhookPermission]
    pagination_class = None
    filterset_class = None

    def get_queryset(self) -> QuerySet[WebhookEndpoint]:
        return (WebhookEndpoint.objects.visible_to(self.request.user)
                .select_related("company").order_by("pk"))

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        context["show_secret"] = self.action == "create"
        return context

    def perform_destroy(self, instance: WebhookEndpoint) -> None:
        services.endpoint_delete(endpoint=instance)

    @extend_schema(summary="Make a new signing secret (in the answer, once); the old one "
                           "stops at once", request=None,
                   responses={200: WebhookEndpointSerializer})
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request: Request, pk: str | None = None) -> Response:
        endpoint = services.endpoint_secret_rotate(endpoint=self.get_object())
        return Response(WebhookEndpointSerializer(
            endpoint, context={**self.get_serializer_context(), "show_secret": True}).data)

    @extend_schema(summary=f"The endpoint's latest {RECENT_DELIVERIES} deliveries",
                   responses=WebhookDeliverySerializer(many=True))
    @action(detail=True, methods=["get"])
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        endpoint = self.get_object()
        rows = (WebhookDelivery.objects.filter(endpoint=endpoint).select_related("event")
                .order_by("-created_at", "-pk")[:RECENT_DELIVERIES])
        return Response(WebhookDeliverySerializer(rows, many=True).data,
                        status=status.HTTP_200_OK)
