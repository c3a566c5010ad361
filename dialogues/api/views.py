"""Dialogues, their questions and follow-up actions over HTTP.

Every view starts from `visible_to(user)` (accounts.visibility): another company's
confidential dialogue, its questions and actions are a 404 on every route and method,
and never appear in a list. The policy (engagements.policy) then says who may write.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response as HttpResponse

from btech.api.errors import service_errors
from btech.api.pagination import StandardPagination
from btech.office_time import office_today
from companies.models import Company, Contact
from dialogues import selectors, services
from dialogues.api.serializers import (
    ActionUpdateSerializer,
    AnswerSerializer,
    DialogueSerializer,
    FollowUpActionSerializer,
    PublicDialogueSerializer,
    QuestionSerializer,
)
from dialogues.filters import ActionFilter, DialogueFilter
from dialogues.models import Dialogue, FollowUpAction, Question
from engagements.models import Communication
from engagements.policy import Action, may, may_on_action, may_on_dialogue


def _refuse(action: Action) -> None:
    raise PermissionDenied(f"You may not {action.label.lower()}.")


class _TodayMixin(viewsets.GenericViewSet):  # type: ignore[type-arg]
    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "today": office_today()}


@extend_schema_view(
    list=extend_schema(summary="List the dialogues you may see"),
    retrieve=extend_schema(summary="One dialogue, with its participants and minutes"),
    create=extend_schema(summary="Record a dialogue (OHCHR staff)"),
    update=extend_schema(summary="Replace a dialogue's fields (OHCHR staff)"),
    partial_update=extend_schema(summary="Change a dialogue (OHCHR staff)"),
    destroy=extend_schema(summary="Delete a dialogue (OHCHR staff)"),
)
class DialogueViewSet(_TodayMixin, viewsets.ModelViewSet):  # type: ignore[type-arg]
    """Dialogues: OHCHR staff see and record every one; a company's users see those
    their company took part in."""

    serializer_class = DialogueSerializer
    filterset_class = DialogueFilter
    pagination_class = StandardPagination
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Dialogue]:
        return selectors.with_list_relations(Dialogue.objects.visible_to(self.request.user)
                                             ).prefetch_related(
            Prefetch("representatives", queryset=Contact.objects.only("id")),
            Prefetch("companies", queryset=Company.objects.only("id")),
            Prefetch("letters", queryset=Communication.objects.only("id", "company_id")))

    def check_object_permissions(self, request: Request, obj: Any) -> None:
        super().check_object_permissions(request, obj)
        if request.method not in ("GET", "HEAD", "OPTIONS") and not may_on_dialogue(
                request.user, Action.CHANGE_DIALOGUE, obj):
            _refuse(Action.CHANGE_DIALOGUE)

    def options(self, request: Request,  # type: ignore[override]  # DRF passes its Request
                *args: Any, **kwargs: Any) -> HttpResponse:
        if "pk" in self.kwargs:
            self.get_object()  # out of sight: 404, as every other method
        return super().options(request, *args, **kwargs)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_on_dialogue(request.user, Action.CREATE_DIALOGUE):
            _refuse(Action.CREATE_DIALOGUE)
        return super().create(request, *args, **kwargs)

    def perform_destroy(self, instance: Dialogue) -> None:
        services.dialogue_delete(dialogue=instance)


_DIALOGUE_PK = OpenApiParameter("dialogue_pk", int, OpenApiParameter.PATH,
                                description="The dialogue's id.")


@extend_schema_view(
    list=extend_schema(summary="The questions raised in a dialogue",
                       parameters=[_DIALOGUE_PK]),
    retrieve=extend_schema(summary="One question", parameters=[_DIALOGUE_PK]),
    create=extend_schema(summary="Record a question raised in the dialogue (OHCHR staff)",
                         parameters=[_DIALOGUE_PK]),
    partial_update=extend_schema(
        summary="Answer a question (OHCHR staff, or the company it is addressed to)",
        request=AnswerSerializer, responses={200: QuestionSerializer},
        parameters=[_DIALOGUE_PK]),
)
class QuestionViewSet(_TodayMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      mixins.CreateModelMixin):
    """/dialogues/{dialogue_id}/questions/: a dialogue out of sight is a 404 here too."""

    serializer_class = QuestionSerializer
    pagination_class = None
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def dialogue(self) -> Dialogue:
        if not hasattr(self, "_dialogue"):
            self._dialogue = get_object_or_404(
                Dialogue.objects.visible_to(self.request.user).prefetch_related(
                    "participations"), pk=self.kwargs["dialogue_pk"])
        return self._dialogue

    def get_queryset(self) -> QuerySet[Question]:
        if getattr(self, "swagger_fake_view", False):  # the schema, built without a request
            return Question.objects.none()
        return Question.objects.filter(dialogue=self.dialogue()).select_related(
            "dialogue", "asked_by_mandate", "asked_by_company", "topic")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if "dialogue_pk" in self.kwargs and not getattr(self, "swagger_fake_view", False):
            context["dialogue"] = self.dialogue()
        return context

    def create(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_on_dialogue(request.user, Action.ADD_QUESTION, self.dialogue()):
            _refuse(Action.ADD_QUESTION)
        return super().create(request, *args, **kwargs)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        question = self.get_object()
        if not may_on_dialogue(request.user, Action.ANSWER_QUESTION, self.dialogue(),
                               question):
            _refuse(Action.ANSWER_QUESTION)
        serializer = AnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            answered = services.question_answer(
                question=question, answer=serializer.validated_data["answer"],
                answered_on=serializer.validated_data.get("answered_on"),
                answered_by=request.user)  # type: ignore[arg-type]
        return HttpResponse(QuestionSerializer(answered,
                                               context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(summary="List the follow-up actions you may see"),
    retrieve=extend_schema(summary="One follow-up action"),
    create=extend_schema(summary="Record a follow-up action (OHCHR staff; a company's "
                                 "users from a reply to their letter)"),
    partial_update=extend_schema(
        summary="Update an action: status and closing note (the owner's company or OHCHR "
                "staff), other fields (OHCHR staff)",
        request=ActionUpdateSerializer, responses={200: FollowUpActionSerializer}),
    destroy=extend_schema(summary="Delete a follow-up action (OHCHR staff)"),
)
class FollowUpActionViewSet(_TodayMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                            mixins.CreateModelMixin, mixins.DestroyModelMixin):
    serializer_class = FollowUpActionSerializer
    filterset_class = ActionFilter
    pagination_class = StandardPagination
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[FollowUpAction]:
        return selectors.with_action_relations(
            FollowUpAction.objects.visible_to(self.request.user))

    def options(self, request: Request,  # type: ignore[override]  # DRF passes its Request
                *args: Any, **kwargs: Any) -> HttpResponse:
        if "pk" in self.kwargs:
            self.get_object()
        return super().options(request, *args, **kwargs)

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        user = self.request.user
        if not user.is_ohchr_staff:  # type: ignore[union-attr]
            # A company's users record only commitments from replies to their letters,
            # owned by one of their own contacts (their scope: the fields' querysets).
            reply = data.get("response")
            if reply is None or not may(user, Action.RECORD_ACTION, reply.communication):
                _refuse(Action.RECORD_ACTION)
        serializer.save()

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        action = self.get_object()
        if not may_on_action(request.user, Action.UPDATE_ACTION, action):
            _refuse(Action.UPDATE_ACTION)
        serializer = ActionUpdateSerializer(data=request.data, partial=True,
                                            context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        other = {name: value for name, value in data.items()
                 if name not in ActionUpdateSerializer.STATUS_FIELDS}
        if other and not request.user.is_ohchr_staff:  # type: ignore[union-attr]
            from rest_framework.exceptions import ValidationError

            raise ValidationError({name: ["Only OHCHR staff may change this field."]
                                   for name in other})
        with service_errors():
            if other:
                action = services.action_update(action=action, **other)
            if "status" in data or "closing_note" in data:
                action = services.action_update_status(
                    action=action, status=data.get("status", action.status),
                    closing_note=data.get("closing_note", action.closing_note))
        refreshed = self.get_queryset().get(pk=action.pk)
        return HttpResponse(FollowUpActionSerializer(
            refreshed, context=self.get_serializer_context()).data)

    def perform_destroy(self, instance: FollowUpAction) -> None:
        if not request_is_staff(self.request):
            _refuse(Action.CHANGE_DIALOGUE)
        services.action_delete(action=instance)


def request_is_staff(request: Request) -> bool:
    return bool(getattr(request.user, "is_ohchr_staff", False))


@extend_schema_view(
    list=extend_schema(summary="Public dialogues and their public summaries (no sign-in)"),
    retrieve=extend_schema(summary="One public dialogue"),
)
class PublicDialogueViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    serializer_class = PublicDialogueSerializer
    pagination_class = StandardPagination
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    def get_queryset(self) -> QuerySet[Dialogue]:
        return Dialogue.objects.published().prefetch_related("participations").select_related(
            "organiser_mandate", "organiser_company")


