"""Letters, replies and deadlines as the API shows them.

Reads take `today` (the Geneva date) from the serializer context, computed once per
request, so every row of a page is judged against the same day. Writes go through
engagements.services; the field checks here only decide who may send what.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import partial
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext
from rest_framework import serializers

from btech.api.errors import service_errors
from btech.api.rows import ComputedField, SerializerRows
from companies.models import Contact
from engagements import deadlines, policy, services
from engagements.deadlines import DeadlineStatus
from engagements.models import (
    Communication,
    InformalNote,
    Language,
    LetterType,
    NoteKind,
    Response,
    ResponseKind,
)
from engagements.policy import Action
from mandates.models import Mandate
from topics.api.fields import topic_names_field, topic_slugs_field
from topics.models import Topic

STATUS_FIELD = serializers.ChoiceField(choices=DeadlineStatus.choices)


def _user(context: Mapping[str, Any]) -> Any:
    request = context.get("request")
    return request.user if request is not None else AnonymousUser()


# The computed fields, each a function of stored columns (btech/api/rows.py), so that a
# model instance and a values_list() row give the same answer. Built by functions: a
# plain Serializer orders its fields by when they were created.

def _deadline_status(due_on: dt.date, final_reply_on: dt.date | None, *,
                     today: dt.date) -> DeadlineStatus:
    return deadlines.deadline_status(due_on=due_on, final_reply_on=final_reply_on, today=today)


def _choice_label(choices: type[models.TextChoices], value: str | None) -> str | None:
    """A stored value's label in the language of the request (Accept-Language)."""
    return None if value is None else str(choices(value).label)


def _label_field(choices: type[models.TextChoices], column: str, what: str) -> ComputedField:
    # A ComputedField, so that the fast list rows (btech/api/rows.py) write it too.
    return ComputedField(partial(_choice_label, choices), column,
                         output=serializers.CharField(),
                         help_text=f"{what}, in the request's Accept-Language "
                                   f"(English, French or Spanish).")


def _deadline_status_label(due_on: dt.date, final_reply_on: dt.date | None, *,
                           today: dt.date) -> str:
    return str(_deadline_status(due_on, final_reply_on, today=today).label)


def _deadline_status_label_field() -> ComputedField:
    return ComputedField(_deadline_status_label, "due_on", "final_reply_on", today=True,
                         output=serializers.CharField(),
                         help_text="deadline_status in words, in the request's "
                                   "Accept-Language (English, French or Spanish).")


def _signed_jointly(mandate_ids: list[int]) -> bool:
    return len(mandate_ids) > 1


def _deadline_status_field() -> ComputedField:
    return ComputedField(_deadline_status, "due_on", "final_reply_on", today=True,
                         output=STATUS_FIELD)


def _days_remaining_field() -> ComputedField:
    return ComputedField(
        deadlines.days_remaining, "due_on", today=True, output=serializers.IntegerField(),
        help_text="Days until the due date; 0 on the day, negative once overdue.")


def _is_public_field() -> ComputedField:
    return ComputedField(deadlines.is_public, "public_on", today=True,
                         output=serializers.BooleanField())


def _is_joint_field() -> ComputedField:
    return ComputedField(_signed_jointly, "mandates__pk", output=serializers.BooleanField())


def _mandate_names_field() -> ComputedField:
    # In the mandates' own order (short name), as the mandates.all() prefetch reads them.
    return ComputedField(list, "mandates__short_name",
                         output=serializers.ListField(child=serializers.CharField()))


def _on_time_field() -> ComputedField:
    return ComputedField(deadlines.replied_on_time, "received_on", "communication__due_on",
                         output=serializers.BooleanField(),
                         help_text="Received on or before the due date.")


class ResponseSummarySerializer(serializers.ModelSerializer[Response]):
    kind_label = _label_field(ResponseKind, "kind", "kind in words")
    on_time = _on_time_field()

    class Meta:
        model = Response
        fields = ["id", "kind", "kind_label", "received_on", "on_time"]
        read_only_fields = fields


class ResponseSerializer(serializers.ModelSerializer[Response]):
    """One reply, as logged: POST /communications/{id}/responses/."""

    kind_label = _label_field(ResponseKind, "kind", "kind in words")
    on_time = _on_time_field()
    has_attachment = serializers.SerializerMethodField()
    body = serializers.CharField(required=False, allow_blank=True, default="",
                                 help_text="The reply's text; or attach it as a PDF.")
    attachment = serializers.FileField(required=False, write_only=True, allow_null=True,
                                       help_text="The reply as a PDF (multipart upload).")

    class Meta:
        model = Response
        fields = ["id", "communication", "kind", "kind_label", "received_on", "on_time",
                  "body", "attachment", "has_attachment", "logged_at"]
        read_only_fields = ["id", "communication", "kind_label", "on_time", "has_attachment",
                            "logged_at"]

    def get_has_attachment(self, obj: Response) -> bool:
        return bool(obj.attachment)

    def create(self, validated_data: dict[str, Any]) -> Response:
        with service_errors():
            return services.response_log(
                communication=self.context["communication"],
                kind=validated_data["kind"],
                received_on=validated_data["received_on"],
                body=validated_data.get("body", ""),
                attachment=validated_data.get("attachment"),
                logged_by=self.context["request"].user,
            )


class PublicResponseSerializer(serializers.ModelSerializer[Response]):
    """A published reply: when it came and what it says; whether it was on time
    depends on the due date, which stays internal."""

    kind_label = _label_field(ResponseKind, "kind", "kind in words")
    public_pdf = serializers.SerializerMethodField(
        help_text="Address of the reply's approved public version (PDF), or null.")

    class Meta:
        model = Response
        fields = ["id", "kind", "kind_label", "received_on", "body", "public_pdf"]
        read_only_fields = fields

    def get_public_pdf(self, response: Response) -> str | None:
        from publication.api_fields import public_reply_pdf

        return public_reply_pdf(self.context, response)


# The list reads these fields from plain rows (COMMUNICATION_ROWS, btech/api/rows.py):
# each is a column, a path through foreign keys, a to-many relation or a ComputedField.
class CommunicationSerializer(serializers.ModelSerializer[Communication]):
    """A letter: its reference, who signed it, the company, its 60-day clock and the
    replies received."""

    mandates = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Mandate.objects.all(),
        help_text="Ids of the mandates that signed the letter; several make it joint.",
    )
    mandate_names = _mandate_names_field()
    company_name = serializers.CharField(source="company.name", read_only=True)
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=Contact.objects.none(), required=False, allow_null=True,
        help_text="Id of the contact at the company who must answer the letter.",
    )
    handover_note = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=2000,
        help_text="With a new assignee: a note for them, sent with their notice.",
    )
    # allow_null: without it DRF would leave the field out of the answer when there is
    # no assignee (on a PATCH, a partial serializer) instead of writing null.
    assignee_name = serializers.CharField(source="assignee.name", read_only=True,
                                          allow_null=True)
    is_joint = _is_joint_field()
    is_public = _is_public_field()
    days_remaining = _days_remaining_field()
    deadline_status = _deadline_status_field()
    # Values stay codes (AL, overdue, fr); these say them in the request's language.
    letter_type_label = _label_field(LetterType, "letter_type", "letter_type in words")
    deadline_status_label = _deadline_status_label_field()
    language_label = _label_field(Language, "language", "The language the letter is in")
    responses = ResponseSummarySerializer(many=True, read_only=True)
    topics = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Topic.objects.all(), required=False,
        help_text="Ids of the letter's topics (GET /api/v1/topics/); the whole set on a "
                  "write. Filter lists by slug with ?topic=.",
    )
    topic_slugs = topic_slugs_field()
    topic_names = topic_names_field()

    class Meta:
        model = Communication
        fields = [
            "id", "reference", "letter_type", "letter_type_label", "is_joint", "mandates",
            "mandate_names", "company", "company_name", "addressed_to", "sent_on", "due_on",
            "public_on", "is_public", "days_remaining", "deadline_status",
            "deadline_status_label", "extended_to", "extension_reason", "press_release_on",
            "language", "language_label", "assignee", "assignee_name", "subject", "summary",
            "topics", "topic_slugs", "topic_names",
            "responses", "created_at", "updated_at", "handover_note",
        ]
        read_only_fields = ["addressed_to", "due_on", "public_on", "extended_to",
                            "extension_reason", "created_at", "updated_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        assignee = self.fields.get("assignee")
        if request is not None and isinstance(assignee, serializers.PrimaryKeyRelatedField):
            # Only contacts the user may see are valid: another company's contact id
            # reads as "does not exist", exactly like an id that does not exist.
            visible: QuerySet[Contact] = Contact.objects.visible_to(request.user)
            assignee.queryset = visible  # type: ignore[arg-type]  # stubs see the manager

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        # Refused before any field is validated: field validation looks at other rows
        # (the reference's uniqueness, whether a company or mandate id exists), and an
        # answer that varied with the value would tell a lead which references, so which
        # letters of other companies, exist.
        if isinstance(data, Mapping):
            errors = self._refusals({name for name in data if isinstance(name, str)})
            if errors:
                raise serializers.ValidationError({name: [message]
                                                   for name, message in errors.items()})
        validated: dict[str, Any] = super().to_internal_value(data)
        return validated

    def _refusals(self, sent: set[str]) -> dict[str, str]:
        """The fields sent that this user may not write here, each with one message that
        depends on the field only, never on the value."""
        sent &= set(self.fields)
        errors: dict[str, str] = {}
        if "due_on" in sent:
            errors["due_on"] = gettext("The due date follows from sent_on; OHCHR staff move "
                                       "it with POST /api/v1/communications/{id}/extension/.")
        user = _user(self.context)
        if not policy.may(user, Action.CHANGE_FIELDS, self.instance):
            # Whoever may write only some fields hears of every other field they sent,
            # read-only ones included: nothing they send is dropped without a word.
            writable = policy.writable_fields(user, self.instance)
            for name in sorted(sent - writable - {"due_on"}):
                errors[name] = gettext("Only OHCHR staff can change this; you may set the "
                                       "assignee.")
        return errors

    def create(self, validated_data: dict[str, Any]) -> Communication:
        with service_errors():
            return services.communication_create(
                **validated_data, logged_by=self.context["request"].user)

    def update(self, instance: Communication, validated_data: dict[str, Any]) -> Communication:
        if not validated_data:  # an empty PATCH changes nothing and records nothing
            return instance
        owner_given = "assignee" in validated_data
        assignee = validated_data.pop("assignee", None)
        note = validated_data.pop("handover_note", "")
        letter = instance
        with service_errors(), transaction.atomic():
            if validated_data:
                letter = services.communication_update(
                    communication=letter, **cast(services.LetterChanges, validated_data))
            if owner_given:
                letter = services.communication_assign(
                    communication=letter, assignee=assignee, note=note,
                    assigned_by=self.context["request"].user)
        return letter


class ExtensionSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """POST /communications/{id}/extension/: OHCHR grants more time."""

    due_on = serializers.DateField(help_text="The new due date.")
    reason = serializers.CharField(max_length=2000, help_text="Why the extension was granted.")


class DeadlineSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """The lean row pollers read: a plain Serializer over a few columns, no relations."""

    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)
    company = serializers.IntegerField(source="company_id", read_only=True)
    company_name = serializers.CharField(source="company.name", read_only=True)
    due_on = serializers.DateField(read_only=True)
    days_remaining = _days_remaining_field()
    deadline_status = _deadline_status_field()
    deadline_status_label = _deadline_status_label_field()


class PublicCommunicationSerializer(serializers.ModelSerializer[Communication]):
    """A published letter: no assignee, no notes, no contact, no extension."""

    mandate_names = _mandate_names_field()
    company_name = serializers.CharField(source="company.name", read_only=True)
    is_joint = _is_joint_field()
    letter_type_label = _label_field(LetterType, "letter_type", "letter_type in words")
    language_label = _label_field(Language, "language", "The language the letter is in")
    responses = PublicResponseSerializer(many=True, read_only=True,
                                         source="public_responses")
    permalink = serializers.SerializerMethodField(
        help_text="The letter's permanent address on the register.")
    public_pdf = serializers.SerializerMethodField(
        help_text="Address of the letter's approved public version (PDF), or null.")
    related = serializers.SerializerMethodField(
        help_text="Related letters that are public themselves: to companies (with their "
                  "permalink) and to States (with their public link when known).")
    topic_slugs = topic_slugs_field()
    topic_names = topic_names_field()

    class Meta:
        model = Communication
        fields = ["id", "reference", "letter_type", "letter_type_label", "is_joint",
                  "mandates", "mandate_names", "company", "company_name", "addressed_to",
                  "sent_on", "public_on", "language", "language_label", "subject", "summary",
                  "topics", "topic_slugs", "topic_names", "responses", "permalink",
                  "public_pdf", "related"]
        read_only_fields = fields

    def get_permalink(self, letter: Communication) -> str:
        from publication.api_fields import permalink

        return permalink(self.context, letter)

    def get_public_pdf(self, letter: Communication) -> str | None:
        from publication.api_fields import public_letter_pdf

        return public_letter_pdf(self.context, letter)

    def get_related(self, letter: Communication) -> list[dict[str, Any]]:
        from publication.api_fields import related

        return related(self.context, letter)


# The fast list paths (engagements/api/views.py), generated from the serializers above.
DEADLINE_ROWS = SerializerRows(DeadlineSerializer, Communication)
COMMUNICATION_ROWS = SerializerRows(CommunicationSerializer)


class NoteSerializer(serializers.ModelSerializer[InformalNote]):
    """One informal note on a letter: GET/POST /communications/{id}/notes/. Notes preview,
    accompany or follow up a letter; they are never published."""

    kind_label = _label_field(NoteKind, "kind", "kind in words")

    class Meta:
        model = InformalNote
        fields = ["id", "communication", "kind", "kind_label", "noted_on", "body"]
        read_only_fields = ["id", "communication", "kind_label"]

    def create(self, validated_data: dict[str, Any]) -> InformalNote:
        with service_errors():
            return services.note_add(
                communication=self.context["communication"], kind=validated_data["kind"],
                noted_on=validated_data["noted_on"], body=validated_data["body"],
                author=self.context["request"].user,
            )


class TimelineEntrySerializer(serializers.Serializer):  # type: ignore[type-arg]
    """One entry of a letter's timeline, as the letter page shows it
    (engagements/timeline.py), in the request's language."""

    day = serializers.DateField(read_only=True)
    kind = serializers.CharField(
        read_only=True, help_text="sent, note, acknowledged, handover, reply, extension, "
                                  "reminder, due, press or public.")
    title = serializers.CharField(read_only=True)
    detail = serializers.CharField(read_only=True)
    upcoming = serializers.BooleanField(read_only=True)


class LetterDocumentSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """The letter as a PDF: PUT /communications/{id}/letter/ (multipart)."""

    letter = serializers.FileField(help_text="The letter as a PDF, checked like every "
                                             "upload (a plain PDF of bounded size).")
