"""Letters, their replies and deadlines over HTTP.

Every view here starts from VisibleLettersMixin.get_queryset, the one place the API
applies `Communication.objects.visible_to(user)`: another company's letter is a 404 on
every route and method and never appears in a list, count, filter or search.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Prefetch, QuerySet
from django.http.response import HttpResponseBase
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response as HttpResponse

from btech.api.errors import service_errors
from btech.api.etag import with_etag
from btech.api.pagination import LetterPagination
from btech.api.parsers import JSONParser
from btech.office_time import office_today
from engagements import selectors, services
from engagements.api.permissions import LetterPermission
from engagements.api.serializers import (
    COMMUNICATION_ROWS,
    DEADLINE_ROWS,
    CommunicationSerializer,
    DeadlineSerializer,
    ExtensionSerializer,
    LetterDocumentSerializer,
    NoteSerializer,
    PublicCommunicationSerializer,
    ResponseSerializer,
    TimelineEntrySerializer,
)
from engagements.downloads import letter_filename, pdf_download, reply_filename
from engagements.filters import CommunicationFilter, PublicLetterFilter
from engagements.models import Communication, InformalNote, Response, visibility_scope
from engagements.timeline import timeline_entries

if TYPE_CHECKING:
    from accounts.models import User


class TodayContextMixin(GenericAPIView):  # type: ignore[type-arg]
    """One Geneva date per request, shared by every row's status and days remaining."""

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        context["today"] = office_today()
        return context


class VisibleLettersMixin(TodayContextMixin):
    """The base of every confidential letter view: scope first, then everything else."""

    def get_queryset(self) -> QuerySet[Communication]:
        return Communication.objects.visible_to(self.request.user)


def _with_relations(queryset: QuerySet[Communication]) -> QuerySet[Communication]:
    # A fixed number of queries per page whatever its size: the list rows' relations
    # (selectors.with_list_relations) and one IN query for the replies.
    return selectors.with_list_relations(queryset).prefetch_related(
        Prefetch("responses", queryset=Response.objects.only(
            "id", "communication_id", "kind", "received_on")),
        "topics",
    )


@extend_schema_view(
    list=extend_schema(summary="List the letters you may see"),
    retrieve=extend_schema(summary="One letter"),
    create=extend_schema(summary="Log a new letter (OHCHR staff)"),
    update=extend_schema(summary="Replace a letter's fields (OHCHR staff)"),
    partial_update=extend_schema(
        summary="Change a letter; a company's lead may set only the assignee"),
    destroy=extend_schema(summary="Delete a letter (OHCHR staff)"),
)
class CommunicationViewSet(VisibleLettersMixin, viewsets.ModelViewSet):  # type: ignore[type-arg]
    """Letters: OHCHR staff see and change every letter; a company user sees their
    company's letters, routes them to an issue owner, logs replies and adds notes."""

    serializer_class = CommunicationSerializer
    filterset_class = CommunicationFilter
    pagination_class = LetterPagination
    permission_classes = [IsAuthenticated, LetterPermission]

    def get_queryset(self) -> QuerySet[Communication]:
        return _with_relations(super().get_queryset())

    def list(  # type: ignore[override]  # DRF takes any HttpResponseBase; its stubs say Response
            self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # A page of letters is built from plain rows by COMMUNICATION_ROWS, which reads
        # the serializer's fields: its output without its per-object cost. Retrieve and
        # writes use the serializer. The scope is the same: VisibleLettersMixin's queryset.
        today = office_today()
        paginator = cast(LetterPagination, self.paginator)
        rows_json = paginator.paginate_rows(
            lambda: COMMUNICATION_ROWS.select(
                self.filter_queryset(super(CommunicationViewSet, self).get_queryset())),
            self.request,
            view="communications", scope=visibility_scope(self.request.user), today=today,
            build=lambda page: COMMUNICATION_ROWS.build(page, today))
        return paginator.rows_response(rows_json)

    def options(self, request: Request,  # type: ignore[override]  # DRF passes its Request
                *args: Any, **kwargs: Any) -> HttpResponse:
        # DRF answers OPTIONS without looking the object up; look it up first, so that
        # OPTIONS on another company's letter is a 404 like every other method.
        if self.lookup_field in self.kwargs or "pk" in self.kwargs:
            self.get_object()
        return super().options(request, *args, **kwargs)

    def perform_destroy(self, instance: Communication) -> None:
        services.communication_delete(communication=instance)

    @extend_schema(
        methods=["GET"], summary="The replies to a letter",
        responses=ResponseSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Log a reply (the company's lead for their letter, or OHCHR staff)",
        request={"application/json": ResponseSerializer,
                 "multipart/form-data": ResponseSerializer},
        responses={201: ResponseSerializer},
    )
    @action(detail=True, methods=["get", "post"], serializer_class=ResponseSerializer,
            filterset_class=None, pagination_class=None,
            parser_classes=[JSONParser, MultiPartParser, FormParser])
    def responses(self, request: Request, pk: str | None = None) -> HttpResponse:
        communication = self.get_object()
        replies = list(Response.objects.filter(communication=communication))
        for reply in replies:
            reply.communication = communication  # on_time reads the letter's due date
        return self._list_or_add(request, communication, replies)

    @extend_schema(
        methods=["GET"], summary="The informal notes on a letter",
        responses=NoteSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Add an informal note (the company's users for their letter, or OHCHR staff)",
        request=NoteSerializer, responses={201: NoteSerializer},
    )
    @action(detail=True, methods=["get", "post"], serializer_class=NoteSerializer,
            filterset_class=None, pagination_class=None)
    def notes(self, request: Request, pk: str | None = None) -> HttpResponse:
        communication = self.get_object()
        return self._list_or_add(request, communication,
                                 InformalNote.objects.filter(communication=communication))

    def _list_or_add(self, request: Request, communication: Communication,
                     rows: Iterable[Any]) -> HttpResponse:
        """GET: the letter's `rows` (replies, notes); POST: one more, which the action's
        serializer writes through its service. The letter was found by get_object(), so
        out of scope is already a 404 and the policy has had its say."""
        if request.method == "GET":
            return HttpResponse(self.get_serializer(rows, many=True).data)
        serializer = self.get_serializer(
            data=request.data,
            context={**self.get_serializer_context(), "communication": communication},
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return HttpResponse(serializer.data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Grant an extension: move the due date (OHCHR staff)",
        request=ExtensionSerializer, responses={200: CommunicationSerializer},
    )
    @action(detail=True, methods=["post"], serializer_class=ExtensionSerializer,
            filterset_class=None, pagination_class=None)
    def extension(self, request: Request, pk: str | None = None) -> HttpResponse:
        communication = self.get_object()
        serializer = ExtensionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with_api_names = {"extended_to": "due_on", "extension_reason": "reason"}
        with service_errors(with_api_names):
            services.deadline_extend(
                communication=communication, extended_to=serializer.validated_data["due_on"],
                reason=serializer.validated_data["reason"],
                granted_by=cast("User", request.user),  # LetterPermission: staff only
            )
        refreshed = self.get_queryset().get(pk=communication.pk)
        return HttpResponse(CommunicationSerializer(
            refreshed, context=self.get_serializer_context()).data)


    @extend_schema(
        summary="Acknowledge receipt of a letter (the company's users)",
        description="Says the letter has reached the company: the reminders to acknowledge "
                    "it stop, and the letter shows when and by whom. A second "
                    "acknowledgement is a 400 naming `acknowledged_at`.",
        request=None, responses={200: CommunicationSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def acknowledge(self, request: Request, pk: str | None = None) -> HttpResponse:
        communication = self.get_object()
        with service_errors():
            services.communication_acknowledge(
                communication=communication,
                acknowledged_by=cast("User", request.user),  # the policy: company users
            )
        refreshed = self.get_queryset().get(pk=communication.pk)
        return HttpResponse(CommunicationSerializer(
            refreshed, context=self.get_serializer_context()).data)

    @extend_schema(
        methods=["GET"], summary="Download the letter's PDF",
        description="The PDF as an attachment (`Content-Disposition: attachment`), for "
                    "whoever may see the letter; 404 when it has none.",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    @extend_schema(
        methods=["PUT"], summary="Attach or replace the letter's PDF (OHCHR staff)",
        request={"multipart/form-data": LetterDocumentSerializer},
        responses={200: CommunicationSerializer},
    )
    @extend_schema(methods=["DELETE"], summary="Remove the letter's PDF (OHCHR staff)",
                   responses={204: None})
    @action(detail=True, methods=["get", "put", "delete"], filterset_class=None,
            pagination_class=None, serializer_class=LetterDocumentSerializer,
            parser_classes=[MultiPartParser, FormParser])
    def letter(self, request: Request, pk: str | None = None) -> HttpResponseBase:
        communication = self.get_object()
        if request.method == "GET":
            if not communication.letter:
                raise NotFound(gettext("This letter has no PDF."))
            return pdf_download(communication.letter, letter_filename(communication))
        if request.method == "DELETE":
            with service_errors():
                services.communication_update(communication=communication, letter=None)
            return HttpResponse(status=status.HTTP_204_NO_CONTENT)
        serializer = LetterDocumentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            services.communication_update(communication=communication,
                                          letter=serializer.validated_data["letter"])
        refreshed = self.get_queryset().get(pk=communication.pk)
        return HttpResponse(CommunicationSerializer(
            refreshed, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Download a reply's PDF",
        description="The reply's attachment, for whoever may see the letter; 404 when "
                    "the reply has none.",
        parameters=[OpenApiParameter("response_pk", int, OpenApiParameter.PATH,
                                     description="The reply's id.")],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None,
            url_path=r"responses/(?P<response_pk>[^/]+)/attachment",
            url_name="response-attachment")
    def response_attachment(self, request: Request, pk: str | None = None,
                            response_pk: str | None = None) -> HttpResponseBase:
        communication = self.get_object()
        # Any text reaches here (as with the letter's own id): not a number, not found.
        reply = (Response.objects.filter(communication=communication,
                                         pk=int(response_pk)).first()
                 if response_pk and response_pk.isascii() and response_pk.isdigit()
                 and len(response_pk) < 19 else None)
        if reply is None or not reply.attachment:
            raise NotFound(gettext("This reply has no PDF."))
        return pdf_download(reply.attachment, reply_filename(communication, reply))

    @extend_schema(
        summary="The letter's timeline",
        description="What happened to the letter and what is coming, in date order, as the "
                    "letter page shows it: sending, notes, receipt, handovers between "
                    "issue owners, replies, extension, reminders sent, due and public "
                    "dates. Titles are in the request's Accept-Language.",
        responses=TimelineEntrySerializer(many=True),
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None,
            serializer_class=TimelineEntrySerializer)
    def timeline(self, request: Request, pk: str | None = None) -> HttpResponse:
        today = office_today()
        found = self.get_object()  # visibility, then the policy, as on every route
        # Read again as the letter page reads it, with what the timeline's sources need.
        communication = selectors.letter_for(request.user, found.pk, today)
        entries = timeline_entries(communication, today)
        return HttpResponse(TimelineEntrySerializer(entries, many=True).data)


@extend_schema_view(list=extend_schema(
    summary="Deadlines: the lean list for pollers",
    description="Letters awaiting a reply, soonest due first. Answered letters appear only "
                "when `deadline_status` asks for them (replied_on_time, replied_late). "
                "The answer carries an `ETag`; send it back in `If-None-Match` to get a "
                "304 while nothing you may see has changed.",
))
class DeadlineViewSet(VisibleLettersMixin, mixins.ListModelMixin,
                      viewsets.GenericViewSet):  # type: ignore[type-arg]
    """Deadlines of the letters you may see, soonest first."""

    serializer_class = DeadlineSerializer
    filterset_class = CommunicationFilter
    pagination_class = LetterPagination

    def get_queryset(self) -> QuerySet[Communication]:
        queryset = super().get_queryset()
        if "deadline_status" not in self.request.query_params:
            queryset = queryset.awaiting_reply()  # type: ignore[attr-defined]
        return queryset

    def list(  # type: ignore[override]  # DRF takes any HttpResponseBase; its stubs say Response
            self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Rows as tuples of the few columns DeadlineSerializer reads, turned into its
        # output by DEADLINE_ROWS at a fraction of the cost of model instances.
        today = office_today()
        paginator = cast(LetterPagination, self.paginator)
        rows_json = paginator.paginate_rows(
            lambda: DEADLINE_ROWS.select(self.filter_queryset(self.get_queryset())),
            self.request, view="deadlines",
            scope=visibility_scope(self.request.user), today=today,
            build=lambda page: DEADLINE_ROWS.build(page, today))
        # An ETag of the answer's bytes: only what this asker sees (btech/api/etag.py).
        return with_etag(request, paginator.rows_response(rows_json))


@extend_schema_view(
    list=extend_schema(summary="Published letters and their replies (no sign-in)"),
    retrieve=extend_schema(summary="One published letter"),
)
class PublicCommunicationViewSet(TodayContextMixin,
                                 viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """The public register: letters whose public date has passed, with their replies."""

    serializer_class = PublicCommunicationSerializer
    # Public facts only: filtering by due date or deadline status would reveal
    # extensions and how late a company replied.
    filterset_class = PublicLetterFilter
    pagination_class = LetterPagination
    permission_classes = [AllowAny]
    # Nothing here depends on who asks: skip the token and session lookups.
    authentication_classes: list[type] = []

    def get_queryset(self) -> QuerySet[Communication]:
        from publication.api_fields import with_public_relations

        return with_public_relations(
            Communication.objects.published(office_today())
            .order_by("-public_on", "-sent_on", "reference")
            .select_related("company").prefetch_related("mandates", "topics"), office_today())
