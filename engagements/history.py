"""A letter's history: the recorded changes to it and to its replies and notes."""

from __future__ import annotations

from typing import Any

import pghistory.models
from django.contrib.auth import get_user_model
from django.utils.html import format_html, format_html_join

from engagements.models import Communication

HISTORY_LIMIT = 100
# Stored columns kept in step by the clock; their changes follow from the others.
_DERIVED = {"updated_at", "due_on", "public_on", "addressed_to"}


def letter_events(communication: Communication, limit: int = HISTORY_LIMIT) -> list[Any]:
    """Newest first: inserts, updates and deletes of the letter, its replies and notes."""
    return list(
        pghistory.models.Events.objects.references(communication)
        .order_by("-pgh_created_at")[:limit]
    )


def describe_event(event: Any) -> tuple[str, str]:
    """('Reply added', 'kind: final; received_on: 2024-06-10') for one event."""
    model = event.pgh_obj_model.split(".")[-1]
    noun = {"Communication": "Letter", "Response": "Reply", "InformalNote": "Note"}.get(
        model, model)
    verb = {"insert": "added", "update": "changed", "delete": "removed"}.get(
        event.pgh_label, event.pgh_label)
    if event.pgh_label == "update" and event.pgh_diff:
        changes = "; ".join(f"{field}: {before} → {after}"
                            for field, (before, after) in event.pgh_diff.items()
                            if field not in _DERIVED)
    else:
        changes = ""
    return f"{noun} {verb}", changes


def render_letter_history(communication: Communication) -> str:
    events = letter_events(communication)
    if not events:
        return "No recorded changes."
    user_ids = {int(user) for event in events
                if (user := (event.pgh_context or {}).get("user")) is not None}
    names: dict[int, str] = dict(get_user_model().objects.filter(pk__in=user_ids)
                                 .values_list("pk", "username"))
    rows = []
    for event in events:
        action, changes = describe_event(event)
        user = (event.pgh_context or {}).get("user")
        who = names.get(int(user), "system") if user is not None else "system"
        rows.append((f"{event.pgh_created_at:%Y-%m-%d %H:%M} UTC", who, action, changes))
    return format_html(
        "<table><thead><tr><th>When</th><th>Who</th><th>What</th><th>Change</th></tr>"
        "</thead><tbody>{}</tbody></table>",
        format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
    )
