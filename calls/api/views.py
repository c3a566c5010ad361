"""Calls for input over HTTP.

The calls are public: anyone may list and read them; OHCHR staff create and change
them. A company's participation is read and written only through
CallParticipation.objects.visible_to(user) (accounts.visibility): a company user
reaches only their own company's, and another company's never shows, not even as a
count.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import (
    SAFE_METHODS,
    BasePermission,
    IsAuthenticated,
    IsAuthenticatedOrReadOnly,
)
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from btech.api.pagination import StandardPagination
from btech.api.parsers import JSONParser
from btech.office_time import office_today
from calls import selectors
from calls.api.serializers import CallSerializer, ParticipationSerializer
from calls.filters import CallFilter
from calls.models import CallForInput, CallParticipation
from engagements.policy import CallAction, may_call


class CallPermission(BasePermission):
    """Reading a call is public; writing one is OHCHR staff's (engagements.policy)."""

    message = "Only OHCHR staff publish and change calls for input."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS or getattr(view, "action", None) in (
                "participation", "participations"):
            return True
        return may_call(request.user, CallAction.MANAGE)


@extend_schema_view(
    list=extend_schema(summary="List calls for input (public), newest deadline first"),
    retrieve=extend_schema(summary="One call for input (public)"),
    create=extend_schema(summary="Publish a call for input (OHCHR staff)"),
    update=extend_schema(summary="Replace a call's fields (OHCHR staff)"),
    partial_update=extend_schema(summary="Change a call, or close it (OHCHR staff)"),
)
class CallViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  mixins.UpdateModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    serializer_class = CallSerializer
    filterset_class = CallFilter
    pagination_class = StandardPagination
    permission_classes = [IsAuthenticated, CallPermission]

    def get_permissions(self) -> list[BasePermission]:
        if self.action in ("list", "retrieve"):
            # Reading a call is public (and the schema says so: no token needed).
            return [IsAuthenticatedOrReadOnly()]
        return super().get_permissions()  # type: ignore[return-value]

    def get_queryset(self) -> QuerySet[CallForInput]:
        return selectors.with_list_relations(
            CallForInput.objects.visible_to(self.request.user)
            .order_by("-deadline", "-opened_on", "-pk"))

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        context["today"] = office_today()
        return context

    def _participation_user(self, request: Request) -> Any:
        """The company user acting on their own company's participation."""
        user = request.user
        if not user.is_authenticated:
            raise NotAuthenticated()
        if not may_call(user, CallAction.PARTICIPATE):
            raise PermissionDenied("Only a company's users record its participation; OHCHR "
                                   "staff see every company's at .../participations/.")
        return user

    @extend_schema(methods=["GET"], summary="Your company's participation in the call",
                   responses=ParticipationSerializer)
    @extend_schema(methods=["PUT", "PATCH"],
                   summary="Say your company intends to submit, or record its submission",
                   description="A submission after the call closed is accepted and marked "
                               "late (is_late). PUT replaces intends_to_submit, "
                               "submitted_on and may_publish; PATCH changes those sent.",
                   request={"application/json": ParticipationSerializer,
                            "multipart/form-data": ParticipationSerializer},
                   responses=ParticipationSerializer)
    @action(detail=True, methods=["get", "put", "patch"], filterset_class=None,
            pagination_class=None, serializer_class=ParticipationSerializer,
            parser_classes=[JSONParser, MultiPartParser, FormParser])
    def participation(self, request: Request, pk: str | None = None) -> Response:
        call = self.get_object()
        user = self._participation_user(request)
        if request.method == "GET":
            own = selectors.own_participation(user, call) or CallParticipation(
                call=call, company=user.company)
            return Response(ParticipationSerializer(own, context=self.get_serializer_context()
                                                    ).data)
        serializer = ParticipationSerializer(data=request.data, partial=True,
                                             context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        saved = serializer.save_for(call=call, replace=request.method == "PUT")
        return Response(ParticipationSerializer(saved,
                                                context=self.get_serializer_context()).data)

    @extend_schema(summary="Participations in the call that you may see",
                   description="OHCHR staff: every company that intends to submit or did. "
                               "A company user: their own company's only.",
                   responses=ParticipationSerializer(many=True))
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None,
            serializer_class=ParticipationSerializer)
    def participations(self, request: Request, pk: str | None = None) -> Response:
        call = self.get_object()
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        rows = selectors.participations(request.user, call)
        return Response(ParticipationSerializer(rows, many=True,
                                                context=self.get_serializer_context()).data)
