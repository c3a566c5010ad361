"""The events a webhook endpoint may ask for: one registry, one line per event.

Each event is about one object of a kind (a `Subject`: a letter, a reply) that knows
which company's records it belongs to (the visibility rule decides from that which
endpoints may receive it) and how the API shows it (the payload's `object`). A new
event is one `register(...)` line; a new kind of object (a follow-up action, a call
for input) is one `Subject` with its loader and serializer, then its events' lines.
Endpoints store event names as text, so adding an event needs no migration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Subject:
    """A kind of object events are about: `render(id)` is the object as the API shows
    it, or None when it no longer exists; `company_of(id)` the company whose records it
    belongs to (None: OHCHR's own, for OHCHR endpoints only), or None when gone."""

    name: str
    render: Callable[[int], dict[str, Any] | None]
    company_of: Callable[[int], tuple[bool, int | None]]
    # For an object several companies may see (a dialogue, a follow-up action) or
    # everyone (a call for input): `sees(ids, scope)` is those of `ids` that an owner of
    # that scope may see, through the visibility rule (accounts/visibility.py). None:
    # the object's one company decides (company_of).
    sees: Callable[[list[int], str], set[int]] | None = None


@dataclass(frozen=True)
class EventType:
    name: str
    label: Promise
    subject: Subject
    # Planned by the calendar (reminders/planner.py's pass), not by a write.
    scheduled: bool = False


EVENTS: dict[str, EventType] = {}


def register(name: str, label: Promise, subject: Subject, *, scheduled: bool = False) -> None:
    EVENTS[name] = EventType(name, label, subject, scheduled)


def event_choices() -> list[tuple[str, str]]:
    return [(name, f"{name}: {event.label}") for name, event in EVENTS.items()]


# --- the subjects -----------------------------------------------------------------------

def _render_letter(pk: int) -> dict[str, Any] | None:
    from webhooks.payloads import letter_object

    return letter_object(pk)


def _render_response(pk: int) -> dict[str, Any] | None:
    from webhooks.payloads import response_object

    return response_object(pk)


def _letter_company(pk: int) -> tuple[bool, int | None]:
    from engagements.models import Communication

    company = Communication.objects.filter(pk=pk).values_list("company_id", flat=True).first()
    return company is not None, company


def _response_company(pk: int) -> tuple[bool, int | None]:
    from engagements.models import Response

    company = Response.objects.filter(pk=pk).values_list(
        "communication__company_id", flat=True).first()
    return company is not None, company


def _render_action(pk: int) -> dict[str, Any] | None:
    from webhooks.payloads import action_object

    return action_object(pk)


def _render_dialogue(pk: int) -> dict[str, Any] | None:
    from webhooks.payloads import dialogue_object

    return dialogue_object(pk)


def _render_call(pk: int) -> dict[str, Any] | None:
    from webhooks.payloads import call_object

    return call_object(pk)


def _action_company(pk: int) -> tuple[bool, int | None]:
    from dialogues.models import FollowUpAction

    found = FollowUpAction.objects.filter(pk=pk).values_list("company_id", flat=True)
    return bool(found), next(iter(found), None)


def _dialogue_exists(pk: int) -> tuple[bool, int | None]:
    from dialogues.models import Dialogue

    return Dialogue.objects.filter(pk=pk).exists(), None


def _call_exists(pk: int) -> tuple[bool, int | None]:
    from calls.models import CallForInput

    return CallForInput.objects.filter(pk=pk).exists(), None


def _render_participation(pk: int) -> dict[str, Any] | None:
    from webhooks.payloads import participation_object

    return participation_object(pk)


def _participation_company(pk: int) -> tuple[bool, int | None]:
    from calls.models import CallParticipation

    company = CallParticipation.objects.filter(pk=pk).values_list(
        "company_id", flat=True).first()
    return company is not None, company


def _actions_seen(ids: list[int], scope: str) -> set[int]:
    from accounts.visibility import actions_in_scope
    from dialogues.models import FollowUpAction

    return set(actions_in_scope(FollowUpAction.objects.filter(pk__in=ids), scope)
               .values_list("pk", flat=True))


def _dialogues_seen(ids: list[int], scope: str) -> set[int]:
    from accounts.visibility import dialogues_in_scope
    from dialogues.models import Dialogue

    return set(dialogues_in_scope(Dialogue.objects.filter(pk__in=ids), scope)
               .values_list("pk", flat=True))


def _public(ids: list[int], scope: str) -> set[int]:
    return set(ids)


LETTER = Subject("letter", _render_letter, _letter_company)
RESPONSE = Subject("response", _render_response, _response_company)
ACTION = Subject("action", _render_action, _action_company, _actions_seen)
DIALOGUE = Subject("dialogue", _render_dialogue, _dialogue_exists, _dialogues_seen)
CALL = Subject("call", _render_call, _call_exists, _public)
PARTICIPATION = Subject("call_participation", _render_participation, _participation_company)

# --- the events -------------------------------------------------------------------------
register("letter.created", _("A letter was logged"), LETTER)
register("letter.acknowledged", _("A company acknowledged receipt of a letter"), LETTER)
register("letter.assigned", _("A letter's issue owner changed"), LETTER)
register("letter.extended", _("A letter's due date was extended (or the extension "
                              "withdrawn)"), LETTER)
register("letter.due_soon", _("A letter awaiting its reply is due soon"), LETTER,
         scheduled=True)
register("letter.overdue", _("A letter's due date passed without a final reply"), LETTER,
         scheduled=True)
register("letter.published", _("A letter became public"), LETTER, scheduled=True)
register("response.created", _("A reply was logged"), RESPONSE)
register("action.created", _("A follow-up action was recorded"), ACTION)
register("action.updated", _("A follow-up action's status changed"), ACTION)
register("action.due_soon", _("An open follow-up action is due soon"), ACTION,
         scheduled=True)
register("action.overdue", _("A follow-up action's due date passed while it was open"),
         ACTION, scheduled=True)
register("dialogue.created", _("A dialogue was recorded"), DIALOGUE)
register("call.opened", _("A call for input was published"), CALL)
register("call.participation_recorded", _("A company's intent to submit or its "
                                          "submission to a call for input was recorded"),
         PARTICIPATION)
