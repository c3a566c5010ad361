"""Letters, replies and deadlines as the API shows them.

Reads take `today` (the Geneva date) from the serializer context, computed once per
request, so every row of a page is judged against the same day. Writes go through
engagements.services; the field checks here only decide who may send what.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from btech.api.errors import service_errors
from btech.office_time import office_today
from companies.models import Contact
from engagements import deadlines, policy, services
from engagements.deadlines import DeadlineStatus
from engagements.models import Communication, InformalNote, Response
from engagements.policy import Action
from mandates.models import Mandate

STATUS_FIELD = serializers.ChoiceField(choices=DeadlineStatus.choices)


def _today(context: Mapping[str, Any]) -> dt.date:
    today = context.get("today")
    return today if today is not None else office_today()


def _user(context: Mapping[str, Any]) -> Any:
    request = context.get("request")
    return request.user if request is not None else AnonymousUser()


class ResponseSummarySerializer(serializers.ModelSerializer[Response]):
    on_time = serializers.BooleanField(read_only=True,
                                       help_text="Received on or before the due date.")

    class Meta:
        model = Response
        fields = ["id", "kind", "received_on", "on_time"]
        read_only_fields = fields


class ResponseSerializer(serializers.ModelSerializer[Response]):
    """One reply, as logged: POST /communications/{id}/responses/."""

    on_time = serializers.BooleanField(read_only=True,
                                       help_text="Received on or before the due date.")
    has_attachment = serializers.SerializerMethodField()
    body = serializers.CharField(required=False, allow_blank=True, default="",
                                 help_text="The reply's text; or attach it as a PDF.")
    attachment = serializers.FileField(required=False, write_only=True, allow_null=True,
                                       help_text="The reply as a PDF (multipart upload).")

    class Meta:
        model = Response
        fields = ["id", "communication", "kind", "received_on", "on_time", "body",
                  "attachment", "has_attachment", "logged_at"]
        read_only_fields = ["id", "communication", "on_time", "has_attachment", "logged_at"]

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

    class Meta:
        model = Response
        fields = ["id", "kind", "received_on", "body"]
        read_only_fields = fields


class _LetterReadMixin(serializers.Serializer):  # type: ignore[type-arg]
    """Fields computed from prefetched rows: no query per letter."""

    def get_mandate_names(self, obj: Communication) -> list[str]:
        return [mandate.short_name for mandate in obj.mandates.all()]

    def get_is_joint(self, obj: Communication) -> bool:
        return obj.is_joint

    def get_is_public(self, obj: Communication) -> bool:
        return obj.is_public(_today(self.context))

    def get_days_remaining(self, obj: Communication) -> int:
        return obj.days_remaining(_today(self.context))

    @extend_schema_field(STATUS_FIELD)
    def get_deadline_status(self, obj: Communication) -> str:
        return obj.deadline_status(_today(self.context)).value


class CommunicationSerializer(_LetterReadMixin, serializers.ModelSerializer[Communication]):
    mandates = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Mandate.objects.all(),
        help_text="Ids of the mandates that signed the letter; several make it joint.",
    )
    mandate_names = serializers.SerializerMethodField()
    company_name = serializers.CharField(source="company.name", read_only=True)
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=Contact.objects.none(), required=False, allow_null=True,
        help_text="Id of the contact at the company who must answer the letter.",
    )
    # A method, not source="assignee.name": on a PATCH (a partial serializer) DRF would
    # leave the field out of the answer when there is no assignee.
    assignee_name = serializers.SerializerMethodField()
    is_joint = serializers.SerializerMethodField()
    is_public = serializers.SerializerMethodField()
    days_remaining = serializers.SerializerMethodField(
        help_text="Days until the due date; 0 on the day, negative once overdue.")
    deadline_status = serializers.SerializerMethodField()
    responses = ResponseSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Communication
        fields = [
            "id", "reference", "letter_type", "is_joint", "mandates", "mandate_names",
            "company", "company_name", "addressed_to", "sent_on", "due_on", "public_on",
            "is_public", "days_remaining", "deadline_status", "extended_to",
            "extension_reason", "press_release_on", "language", "assignee", "assignee_name",
            "subject", "summary", "responses", "created_at", "updated_at",
        ]
        read_only_fields = ["addressed_to", "due_on", "public_on", "extended_to",
                            "extension_reason", "created_at", "updated_at"]

    def get_assignee_name(self, obj: Communication) -> str | None:
        return obj.assignee.name if obj.assignee is not None else None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        assignee = self.fields.get("assignee")
        if request is not None and isinstance(assignee, serializers.PrimaryKeyRelatedField):
            # Only contacts the user may see are valid: another company's contact id
            # reads as "does not exist", exactly like an id that does not exist.
            visible: QuerySet[Contact] = Contact.objects.visible_to(request.user)
            assignee.queryset = visible  # type: ignore[misc,arg-type]  # stubs see the manager

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
        return super().to_internal_value(data)

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
            return services.communication_create(**validated_data)

    def update(self, instance: Communication, validated_data: dict[str, Any]) -> Communication:
        if not validated_data:  # an empty PATCH changes nothing and records nothing
            return instance
        with service_errors():
            if set(validated_data) == {"assignee"}:
                return services.communication_assign(
                    communication=instance, assignee=validated_data["assignee"],
                    assigned_by=self.context["request"].user,
                )
            return services.communication_update(
                communication=instance, **cast(services.LetterChanges, validated_data))


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
    days_remaining = serializers.SerializerMethodField()
    deadline_status = serializers.SerializerMethodField()

    def get_days_remaining(self, obj: Communication) -> int:
        return deadlines.days_remaining(obj.due_on, _today(self.context))

    @extend_schema_field(STATUS_FIELD)
    def get_deadline_status(self, obj: Communication) -> str:
        return deadlines.deadline_status(
            due_on=obj.due_on, final_reply_on=obj.final_reply_on, today=_today(self.context)
        ).value


class PublicCommunicationSerializer(_LetterReadMixin,
                                    serializers.ModelSerializer[Communication]):
    """A published letter: no assignee, no notes, no contact, no extension."""

    mandate_names = serializers.SerializerMethodField()
    company_name = serializers.CharField(source="company.name", read_only=True)
    is_joint = serializers.SerializerMethodField()
    responses = PublicResponseSerializer(many=True, read_only=True)

    class Meta:
        model = Communication
        fields = ["id", "reference", "letter_type", "is_joint", "mandates", "mandate_names",
                  "company", "company_name", "addressed_to", "sent_on", "public_on",
                  "language", "subject", "summary", "responses"]
        read_only_fields = fields



# The columns deadline_row() reads, in order.
DEADLINE_COLUMNS = ("id", "reference", "company_id", "company__name", "due_on",
                    "final_reply_on")


def deadline_row(row: tuple[Any, ...], today: dt.date) -> dict[str, Any]:
    """DeadlineSerializer's output, built straight from a values_list() row.

    The deadline list is what pollers call every few minutes; skipping model instances
    and per-field serializer calls makes a page several times cheaper. A test checks
    that this and DeadlineSerializer always agree.
    """
    id_, reference, company_id, company_name, due_on, final_reply_on = row
    return {
        "id": id_, "reference": reference, "company": company_id,
        "company_name": company_name, "due_on": _date(due_on),
        "days_remaining": deadlines.days_remaining(due_on, today),
        "deadline_status": deadlines.deadline_status(
            due_on=due_on, final_reply_on=final_reply_on, today=today).value,
    }


_DATETIME = serializers.DateTimeField(read_only=True)


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


# The columns communication_rows() reads, in order.
COMMUNICATION_COLUMNS = (
    "id", "reference", "letter_type", "company_id", "company__name", "addressed_to",
    "sent_on", "due_on", "public_on", "final_reply_on", "extended_to", "extension_reason",
    "press_release_on", "language", "assignee_id", "assignee__name", "subject", "summary",
    "created_at", "updated_at",
)


def communication_rows(rows: list[tuple[Any, ...]], today: dt.date) -> list[dict[str, Any]]:
    """CommunicationSerializer's output for a page of letters, built from plain rows.

    A page through the serializer builds some 250 model instances and makes thousands
    of field calls; this reads values_list() rows of COMMUNICATION_COLUMNS plus one
    query each for the page's mandates and replies (the same query count as
    prefetch_related). A test checks that both always agree: a field added to the
    serializer must be added here.
    """
    from engagements.models import Communication

    ids = [row[0] for row in rows]
    mandates: dict[int, list[tuple[int, str]]] = {pk: [] for pk in ids}
    # Ordered as Mandate's default ordering, which the serializer's mandates.all() uses.
    for letter_id, mandate_id, short_name in (
            Communication.mandates.through.objects.filter(communication_id__in=ids)
            .order_by("mandate__short_name")
            .values_list("communication_id", "mandate_id", "mandate__short_name")):
        mandates[letter_id].append((mandate_id, short_name))
    replies: dict[int, list[tuple[int, str, dt.date]]] = {pk: [] for pk in ids}
    for reply_id, letter_id, kind, received_on in (
            Response.objects.filter(communication_id__in=ids).order_by("received_on", "pk")
            .values_list("id", "communication_id", "kind", "received_on")):
        replies[letter_id].append((reply_id, kind, received_on))

    page = []
    for (id_, reference, letter_type, company_id, company_name, addressed_to, sent_on,
         due_on, public_on, final_reply_on, extended_to, extension_reason,
         press_release_on, language, assignee_id, assignee_name, subject, summary,
         created_at, updated_at) in rows:
        signed = mandates[id_]
        page.append({
            "id": id_,
            "reference": reference,
            "letter_type": letter_type,
            "is_joint": len(signed) > 1,
            "mandates": [mandate_id for mandate_id, _ in signed],
            "mandate_names": [name for _, name in signed],
            "company": company_id,
            "company_name": company_name,
            "addressed_to": addressed_to,
            "sent_on": _date(sent_on),
            "due_on": _date(due_on),
            "public_on": _date(public_on),
            "is_public": public_on <= today,
            "days_remaining": deadlines.days_remaining(due_on, today),
            "deadline_status": deadlines.deadline_status(
                due_on=due_on, final_reply_on=final_reply_on, today=today).value,
            "extended_to": _date(extended_to),
            "extension_reason": extension_reason,
            "press_release_on": _date(press_release_on),
            "language": language,
            "assignee": assignee_id,
            "assignee_name": assignee_name,
            "subject": subject,
            "summary": summary,
            "responses": [
                {"id": reply_id, "kind": kind, "received_on": _date(received_on),
                 "on_time": received_on <= due_on}
                for reply_id, kind, received_on in replies[id_]
            ],
            "created_at": _DATETIME.to_representation(created_at),
            "updated_at": _DATETIME.to_representation(updated_at),
        })
    return page


class NoteSerializer(serializers.ModelSerializer[InformalNote]):
    """One informal note on a letter: GET/POST /communications/{id}/notes/. Notes preview,
    accompany or follow up a letter; they are never published."""

    class Meta:
        model = InformalNote
        fields = ["id", "communication", "kind", "noted_on", "body"]
        read_only_fields = ["id", "communication"]

    def create(self, validated_data: dict[str, Any]) -> InformalNote:
        with service_errors():
            return services.note_add(
                communication=self.context["communication"], kind=validated_data["kind"],
                noted_on=validated_data["noted_on"], body=validated_data["body"],
                author=self.context["request"].user,
            )
