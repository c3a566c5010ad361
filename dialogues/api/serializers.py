"""Dialogues, their questions and follow-up actions as the API shows them.

Writes go through dialogues.services; a service's ValidationError comes back as a 400
naming the field (btech.api.errors.service_errors). Related objects are given by id
(topics by slug): an id that names nothing, or names a record out of the caller's sight,
is the same 400 ("object does not exist"), so an error never confirms another
company's record.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.visibility import scope_includes, visibility_scope
from btech.api.errors import service_errors
from btech.office_time import office_today
from companies.models import Company, Contact
from dialogues import services
from dialogues.models import (
    ActionStatus,
    Dialogue,
    FollowUpAction,
    OwnerKind,
    Question,
)
from engagements.models import Communication, Response
from mandates.models import Mandate
from topics.models import Topic


def _user(context: Mapping[str, Any]) -> Any:
    return context["request"].user


@extend_schema_field({"type": "integer", "nullable": True})
class _VisibleRelated(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    """An id among the records the caller may see (its queryset is scoped per request)."""

    def __init__(self, scoped: Any, **kwargs: Any) -> None:
        self.scoped = scoped
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        records: QuerySet[Any] = self.scoped(request.user if request is not None else None)
        return records


class ParticipantSerializer(serializers.Serializer[Any]):
    company = serializers.IntegerField(source="company_id")
    name_then = serializers.CharField(help_text="The company's name on the day of the "
                                                "dialogue (names change).")


class MandateHoldersSerializer(serializers.Serializer[Any]):
    mandate = serializers.IntegerField()
    short_name = serializers.CharField()
    holders = serializers.ListField(child=serializers.CharField(),
                                    help_text="Who held the mandate on the day.")


class DialogueSerializer(serializers.ModelSerializer[Dialogue]):
    """A dialogue. Writes: OHCHR staff. `summary` (the minutes) is seen only by staff and
    by the companies that took part, as is everything on this route."""

    mandates = serializers.PrimaryKeyRelatedField(many=True, required=False,
                                                  queryset=Mandate.objects.all())
    companies = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Company.objects.all(),
        help_text="The companies that took part; they, and OHCHR staff, see the dialogue.")
    representatives = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Contact.objects.all(),
        help_text="Company contacts who represented a participating company.")
    letters = serializers.PrimaryKeyRelatedField(many=True, required=False,
                                                 queryset=Communication.objects.all())
    topics = serializers.SlugRelatedField(many=True, required=False, slug_field="slug",
                                          queryset=Topic.objects.all())
    participants = serializers.SerializerMethodField()
    mandate_holders = serializers.SerializerMethodField()
    organiser = serializers.CharField(source="organiser_display", read_only=True)
    held_on = serializers.DateField(read_only=True,
                                    help_text="The date of the dialogue in Geneva.")
    question_count = serializers.SerializerMethodField()

    class Meta:
        model = Dialogue
        fields = ["id", "title", "starts_at", "held_on", "format", "organiser_kind",
                  "organiser_mandate", "organiser_company", "organiser_name", "organiser",
                  "mandates", "mandate_holders", "companies", "participants",
                  "representatives", "other_participants", "confidentiality", "agenda",
                  "summary", "public_summary", "letters", "topics", "question_count",
                  "created_at", "updated_at"]
        read_only_fields = ["id", "held_on", "organiser", "mandate_holders", "participants",
                            "question_count", "created_at", "updated_at"]

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_participants(self, obj: Dialogue) -> list[dict[str, Any]]:
        return [{"company": p.company_id, "name_then": p.name_then}
                for p in obj.participations.all()]

    @extend_schema_field(MandateHoldersSerializer(many=True))
    def get_mandate_holders(self, obj: Dialogue) -> list[dict[str, Any]]:
        day = obj.held_on
        return [{"mandate": m.pk, "short_name": m.short_name,
                 "holders": [h.name for h in (lambda r: [*r.current, *r.last])(
                     m.holders_on_record(day))]}
                for m in obj.mandates.all()]

    def to_representation(self, instance: Dialogue) -> dict[str, Any]:
        data = super().to_representation(instance)
        # Only the related letters the caller may see: a dialogue may relate to letters
        # to companies other than theirs.
        scope = visibility_scope(_user(self.context))
        data["letters"] = [letter.pk for letter in instance.letters.all()
                           if scope_includes(scope, letter.company_id)]
        return data

    def get_question_count(self, obj: Dialogue) -> int:
        count = getattr(obj, "question_count", None)
        return int(count) if count is not None else obj.questions.count()

    def create(self, validated_data: dict[str, Any]) -> Dialogue:
        with service_errors():
            return services.dialogue_create(created_by=_user(self.context), **validated_data)

    def update(self, instance: Dialogue, validated_data: dict[str, Any]) -> Dialogue:
        with service_errors():
            return services.dialogue_update(dialogue=instance, **validated_data)


class QuestionSerializer(serializers.ModelSerializer[Question]):
    """A question raised in a dialogue. OHCHR staff record questions; the answer may be
    given by staff or by a user of the company the question is addressed to."""

    topic = serializers.SlugRelatedField(slug_field="slug", queryset=Topic.objects.all(),
                                         required=False, allow_null=True)
    asked_by = serializers.CharField(source="asker_display", read_only=True)

    class Meta:
        model = Question
        fields = ["id", "dialogue", "asked_by_kind", "asked_by_mandate", "asked_by_company",
                  "asked_by_name", "asked_by", "addressed_to", "addressed_to_company", "text",
                  "topic", "answer", "answered_on", "created_at"]
        read_only_fields = ["id", "dialogue", "asked_by", "created_at"]

    def create(self, validated_data: dict[str, Any]) -> Question:
        with service_errors():
            return services.question_add(dialogue=self.context["dialogue"],
                                         answered_by=_user(self.context), **validated_data)


class AnswerSerializer(serializers.Serializer[Any]):
    """PATCH /dialogues/{id}/questions/{id}/: the answer, dated today unless given."""

    answer = serializers.CharField(allow_blank=True)
    answered_on = serializers.DateField(required=False, allow_null=True)


def _visible_dialogues(user: Any) -> QuerySet[Dialogue]:
    return Dialogue.objects.visible_to(user)


def _visible_letters(user: Any) -> QuerySet[Communication]:
    return Communication.objects.visible_to(user)


def _visible_replies(user: Any) -> QuerySet[Response]:
    return Response.objects.filter(communication__in=Communication.objects.visible_to(user))


def _visible_contacts(user: Any) -> QuerySet[Contact]:
    return Contact.objects.visible_to(user)


def _staff_users(user: Any) -> QuerySet[Any]:
    return get_user_model().objects.filter(is_active=True)


class SourceSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=["dialogue", "letter", "reply"])
    id = serializers.IntegerField()
    title = serializers.CharField()


class FollowUpActionSerializer(serializers.ModelSerializer[FollowUpAction]):
    """A follow-up action. Created by OHCHR staff, or by a company's users from a reply
    to their letter (a commitment); its status is updated by the owner's company or by
    staff; done and dropped need a `closing_note`."""

    dialogue = _VisibleRelated(_visible_dialogues, required=False, allow_null=True)
    communication = _VisibleRelated(_visible_letters, required=False, allow_null=True)
    response = _VisibleRelated(_visible_replies, required=False, allow_null=True)
    owner_contact = _VisibleRelated(_visible_contacts, required=False, allow_null=True)
    owner_user = _VisibleRelated(_staff_users, required=False, allow_null=True)
    owner_mandate = serializers.PrimaryKeyRelatedField(
        queryset=Mandate.objects.all(), required=False, allow_null=True)
    owner = serializers.CharField(source="owner_display", read_only=True)
    source = serializers.SerializerMethodField()  # type: ignore[assignment]
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = FollowUpAction
        fields = ["id", "description", "source", "dialogue", "communication", "response",
                  "owner_kind", "owner_contact", "owner_user", "owner_mandate", "owner",
                  "company", "due_on", "status", "closing_note", "closed_on", "overdue",
                  "created_at", "updated_at"]
        read_only_fields = ["id", "source", "owner", "company", "closed_on", "overdue",
                            "created_at", "updated_at"]

    @extend_schema_field(SourceSerializer)
    def get_source(self, obj: FollowUpAction) -> dict[str, Any]:
        if obj.dialogue is not None:
            return {"kind": "dialogue", "id": obj.dialogue_id, "title": obj.dialogue.title}
        letter = obj.communication
        assert letter is not None  # the model's constraint: one source
        if obj.response_id:
            return {"kind": "reply", "id": obj.response_id, "title": letter.reference}
        return {"kind": "letter", "id": letter.pk, "title": letter.reference}

    def get_overdue(self, obj: FollowUpAction) -> bool:
        return obj.is_overdue(self.context.get("today") or office_today())

    def create(self, validated_data: dict[str, Any]) -> FollowUpAction:
        with service_errors():
            return services.action_create(created_by=_user(self.context), **validated_data)


class ActionUpdateSerializer(serializers.Serializer[Any]):
    """PATCH /actions/{id}/: `status` and `closing_note` for the owner's company and staff;
    the other fields for staff only."""

    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)
    closing_note = serializers.CharField(required=False, allow_blank=True)
    description = serializers.CharField(required=False)
    due_on = serializers.DateField(required=False)
    owner_kind = serializers.ChoiceField(choices=OwnerKind.choices, required=False)
    owner_contact = _VisibleRelated(_visible_contacts, required=False, allow_null=True)
    owner_user = _VisibleRelated(_staff_users, required=False, allow_null=True)
    owner_mandate = serializers.PrimaryKeyRelatedField(
        queryset=Mandate.objects.all(), required=False, allow_null=True)

    STATUS_FIELDS = frozenset({"status", "closing_note"})


class PublicDialogueSerializer(serializers.ModelSerializer[Dialogue]):
    """A public dialogue as the public register shows it: never its minutes."""

    participants = serializers.SerializerMethodField()
    organiser = serializers.CharField(source="organiser_display", read_only=True)
    held_on = serializers.DateField(read_only=True)

    class Meta:
        model = Dialogue
        fields = ["id", "title", "starts_at", "held_on", "format", "organiser",
                  "participants", "public_summary"]
        read_only_fields = fields

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_participants(self, obj: Dialogue) -> list[dict[str, Any]]:
        return [{"company": p.company_id, "name_then": p.name_then}
                for p in obj.participations.all()]
