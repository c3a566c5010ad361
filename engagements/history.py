"""A letter's change history, read from the pghistory events of the letter and of the
replies and notes that belong to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from pghistory.models import Events

from engagements.models import Communication

# Bookkeeping columns that change with every save and say nothing to a reader.
_HIDDEN_FIELDS = {"id", "updated_at", "created_at", "logged_at", "communication",
                  "due_on", "public_on", "addressed_to", "extension_granted_at"}
_ACTIONS = {"insert": "added", "update": "changed", "delete": "removed"}
# The words people use on the page, for models and fields named otherwise in code.
_MODEL_WORDS = {"communication": "letter", "response": "reply", "informal note": "informal note"}
_FIELD_WORDS = {"assignee": "issue owner", "final_reply_on": "final reply",
                "extended_to": "extended due date", "letter": "PDF", "body": "text"}


@dataclass(frozen=True)
class HistoryItem:
    at: dt.datetime
    what: str
    fields: list[str] = field(default_factory=list)
    by: str = ""


def _model_label(event_model: str) -> tuple[str, Any]:
    model = apps.get_model(event_model)
    tracked = getattr(model, "pgh_tracked_model", None)
    name = str(tracked._meta.verbose_name) if tracked else event_model
    return _MODEL_WORDS.get(name, name), tracked


def _field_words(tracked: Any, name: str) -> str:
    try:
        model_field = tracked._meta.get_field(name)  # diffs name foreign keys "assignee_id"
    except Exception:  # a column since removed from the model
        return _FIELD_WORDS.get(name, name.replace("_", " "))
    return _FIELD_WORDS.get(model_field.name, str(model_field.verbose_name))


def letter_history(letter: Communication, limit: int = 50) -> list[HistoryItem]:
    events = list(Events.objects.references(letter).order_by("-pgh_created_at")[:limit])
    user_ids = {user_id for event in events
                if (user_id := (event.pgh_context or {}).get("user")) is not None}
    names = {user.pk: user.get_full_name() or user.get_username()
             for user in get_user_model().objects.filter(pk__in=user_ids)}
    items = []
    for event in events:
        label, tracked = _model_label(event.pgh_model)
        changed: list[str] = []
        if event.pgh_label == "update":
            for name in (event.pgh_diff or {}):
                if name.removesuffix("_id") in _HIDDEN_FIELDS:
                    continue
                changed.append(_field_words(tracked, name))
            if not changed:
                continue  # only bookkeeping changed
        action = _ACTIONS.get(event.pgh_label, event.pgh_label)
        who = names.get((event.pgh_context or {}).get("user") or 0, "")
        items.append(HistoryItem(at=event.pgh_created_at, what=f"{label.capitalize()} {action}",
                                 fields=changed, by=who))
    return items
