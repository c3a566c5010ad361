"""A letter's change history, read from the pghistory events of the letter and of the
replies and notes that belong to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pghistory.models import Events

from engagements.models import Communication

# Bookkeeping columns that change with every save and say nothing to a reader.
_HIDDEN_FIELDS = {"id", "updated_at", "created_at", "logged_at", "communication",
                  "due_on", "public_on", "addressed_to", "extension_granted_at"}
_ACTIONS = {"insert": "added", "update": "changed", "delete": "removed"}
# The words people use on the page, for models and fields named otherwise in code.
_MODEL_WORDS = {"communication": "letter", "response": "reply", "informal note": "informal note"}
# What happened, as one phrase per thing and action (languages do not put the two words
# together the same way); an event not listed here reads "<Thing> <action>" in English.
_WHAT = {
    ("communication", "insert"): _("Letter added"),
    ("communication", "update"): _("Letter changed"),
    ("communication", "delete"): _("Letter removed"),
    ("response", "insert"): _("Reply added"),
    ("response", "update"): _("Reply changed"),
    ("response", "delete"): _("Reply removed"),
    ("informalnote", "insert"): _("Informal note added"),
    ("informalnote", "update"): _("Informal note changed"),
    ("informalnote", "delete"): _("Informal note removed"),
    ("handover", "insert"): _("Handover added"),
    # publication/: public versions, withheld replies and related letters.
    ("publicversion", "insert"): _("Public version uploaded"),
    ("publicversion", "update"): _("Public version changed"),
    ("publicversion", "delete"): _("Public version removed"),
    ("withheldreply", "insert"): _("Reply withheld at the company's request"),
    ("withheldreply", "update"): _("Withholding of a reply changed"),
    ("withheldreply", "delete"): _("Reply no longer withheld"),
    ("relatedletter", "insert"): _("Related letter added"),
    ("relatedletter", "delete"): _("Related letter removed"),
    ("stateletter", "insert"): _("Related letter to a State added"),
    ("stateletter", "update"): _("Related letter to a State changed"),
    ("stateletter", "delete"): _("Related letter to a State removed"),
}
# Every tracked field a reader may see changed, in the words of the page.
_FIELD_WORDS = {
    "reference": _("reference"),
    "letter_type": _("type"),
    "company": _("company"),
    "sent_on": _("sent on"),
    "language": _("language"),
    "subject": _("subject"),
    "summary": _("summary"),
    "letter": _("PDF"),
    "assignee": _("issue owner"),
    "press_release_on": _("press release on"),
    "extended_to": _("extended due date"),
    "extension_reason": _("extension reason"),
    "extension_granted_by": _("extension granted by"),
    "acknowledged_at": _("acknowledged at"),
    "acknowledged_by": _("acknowledged by"),
    "final_reply_on": _("final reply"),
    "kind": _("kind"),
    "received_on": _("received on"),
    "body": _("text"),
    "attachment": _("attachment"),
    "logged_by": _("logged by"),
    "noted_on": _("noted on"),
    "author": _("author"),
    "document": _("public version"),
    "approved_by": _("approved by"),
    "approved_at": _("approved at"),
    "uploaded_by": _("uploaded by"),
}


@dataclass(frozen=True)
class HistoryItem:
    at: dt.datetime
    what: str
    fields: list[str] = field(default_factory=list)
    by: str = ""
    # (field, before, after) for each changed field named in `fields`.
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _model_label(event_model: str) -> tuple[str, Any]:
    model = apps.get_model(event_model)
    tracked = getattr(model, "pgh_tracked_model", None)
    name = str(tracked._meta.verbose_name) if tracked else event_model
    return _MODEL_WORDS.get(name, name), tracked


def _field_words(tracked: Any, name: str) -> str:
    try:
        model_field = tracked._meta.get_field(name)  # diffs name foreign keys "assignee_id"
    except Exception:  # a column since removed from the model
        return str(_FIELD_WORDS.get(name, name.replace("_", " ")))
    return str(_FIELD_WORDS.get(model_field.name, model_field.verbose_name))


def letter_history(letter: Communication, limit: int = 50) -> list[HistoryItem]:
    events = list(Events.objects.references(letter).order_by("-pgh_created_at")[:limit])
    user_ids = {user_id for event in events
                if (user_id := (event.pgh_context or {}).get("user")) is not None}
    names = {user.pk: user.get_full_name() or user.get_username()
             for user in get_user_model().objects.filter(pk__in=user_ids)}
    items = []
    for event in events:
        label, tracked = _model_label(event.pgh_model)
        if (tracked is not None and tracked._meta.model_name == "relatedletter"
                and getattr(event, "communication_id", letter.pk) != letter.pk):
            continue  # a link is stored both ways: each letter tells its own side once
        changed: list[str] = []
        changes: list[tuple[str, str, str]] = []
        if event.pgh_label == "update":
            for name, (before, after) in (event.pgh_diff or {}).items():
                if name.removesuffix("_id") in _HIDDEN_FIELDS:
                    continue
                words = _field_words(tracked, name)
                changed.append(words)
                changes.append((words, _shown(before), _shown(after)))
            if not changed:
                continue  # only bookkeeping changed
        phrase = _WHAT.get((tracked._meta.model_name if tracked else "", event.pgh_label))
        what = (str(phrase) if phrase is not None else
                f"{label.capitalize()} {_ACTIONS.get(event.pgh_label, event.pgh_label)}")
        if (tracked is not None and tracked._meta.model_name == "publicversion"
                and (event.pgh_diff or {}).get("approved_at", ["", ""])[0] is None):
            # An approval, said as one: who approved a public version is the point.
            what, changed, changes = str(_("Public version approved")), [], []
        who = names.get((event.pgh_context or {}).get("user") or 0, "")
        items.append(HistoryItem(at=event.pgh_created_at, what=what,
                                 fields=changed, by=who, changes=changes))
    return items


def _shown(value: Any) -> str:
    return "—" if value in (None, "") else str(value)


def render_letter_history(letter: Communication) -> str:
    """The history as an HTML table, for the letter's admin page."""
    items = letter_history(letter, limit=100)
    if not items:
        return gettext("No recorded changes.")
    rows = [(f"{item.at:%Y-%m-%d %H:%M} UTC", item.by or "system", item.what,
             "; ".join(f"{name}: {before} → {after}" for name, before, after in item.changes))
            for item in items]
    return format_html(
        "<table><thead><tr><th>When</th><th>Who</th><th>What</th><th>Change</th></tr>"
        "</thead><tbody>{}</tbody></table>",
        format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
    )
