"""An event's body: the object as the API shows it, through the API's own serializers.

Rendered in English (labels included), for the date of the office calendar, with no
request: the fields that depend on who asks (which assignees are valid) only matter for
writes. The body is built once per event and kept (WebhookEvent.data), so that every
endpoint and every retry gets the same one.
"""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from btech.office_time import office_today
from engagements.api.serializers import CommunicationSerializer, ResponseSerializer
from engagements.models import Communication, Response
from engagements.selectors import with_list_relations


def _context() -> dict[str, Any]:
    return {"today": office_today()}


def letter_object(pk: int) -> dict[str, Any] | None:
    letter = (with_list_relations(Communication.objects.filter(pk=pk))
              .prefetch_related("responses").first())
    if letter is None:
        return None
    with translation.override("en"):
        return dict(CommunicationSerializer(letter, context=_context()).data)


def response_object(pk: int) -> dict[str, Any] | None:
    reply = Response.objects.select_related("communication").filter(pk=pk).first()
    if reply is None:
        return None
    with translation.override("en"):
        return dict(ResponseSerializer(reply, context=_context()).data)


def action_object(pk: int) -> dict[str, Any] | None:
    from dialogues.api.serializers import FollowUpActionSerializer
    from dialogues.models import FollowUpAction

    action = (FollowUpAction.objects.select_related("dialogue", "communication")
              .filter(pk=pk).first())
    if action is None:
        return None
    with translation.override("en"):
        return dict(FollowUpActionSerializer(action, context=_context()).data)


def dialogue_object(pk: int) -> dict[str, Any] | None:
    from dialogues.api.serializers import DialogueSerializer
    from dialogues.models import Dialogue
    from dialogues.selectors import with_list_relations as dialogue_relations

    dialogue = dialogue_relations(Dialogue.objects.filter(pk=pk)).first()
    if dialogue is None:
        return None
    # One body goes to every endpoint that may see the dialogue, and a dialogue may
    # relate to letters of companies other than a receiver's: rendered for nobody's
    # scope, so `letters` is empty (GET /api/v1/dialogues/<id>/ lists those one may see).
    nobody = SimpleNamespace(user=AnonymousUser())
    with translation.override("en"):
        return dict(DialogueSerializer(dialogue, context={**_context(),
                                                          "request": nobody}).data)


def call_object(pk: int) -> dict[str, Any] | None:
    from calls.api.serializers import CallSerializer
    from calls.models import CallForInput

    call = CallForInput.objects.prefetch_related("mandates", "topics").filter(pk=pk).first()
    if call is None:
        return None
    with translation.override("en"):
        return dict(CallSerializer(call, context=_context()).data)


def participation_object(pk: int) -> dict[str, Any] | None:
    from calls.api.serializers import ParticipationSerializer
    from calls.models import CallParticipation

    participation = CallParticipation.objects.select_related("company").filter(pk=pk).first()
    if participation is None:
        return None
    with translation.override("en"):
        return dict(ParticipationSerializer(participation, context=_context()).data)


def body(*, event_id: str, event_type: str, occurred_at: dt.datetime, subject: str,
         data: dict[str, Any]) -> bytes:
    """The JSON POSTed: compact, keys in a fixed order, so it is signed as sent."""
    return json.dumps({
        "id": event_id,
        "type": event_type,
        "occurred_at": occurred_at,
        "object_type": subject,
        "object": data,
    }, cls=DjangoJSONEncoder, separators=(",", ":"), ensure_ascii=False).encode()
