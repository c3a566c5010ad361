"""What webhooks add to the life of a letter (engagements/hooks.py): an event for each
change, written in the service's transaction, so it commits with the change or not at
all."""

from __future__ import annotations

from engagements.hooks import LetterHooks
from engagements.models import Communication, Response
from webhooks.services import event_emit, letter_event


class WebhookLetterHooks(LetterHooks):
    def letter_logged(self, *, communication: Communication) -> None:
        letter_event("letter.created", communication)

    def letter_owner_changed(self, *, communication: Communication) -> None:
        letter_event("letter.assigned", communication)

    def letter_acknowledged(self, *, communication: Communication) -> None:
        letter_event("letter.acknowledged", communication)

    def letter_extended(self, *, communication: Communication) -> None:
        letter_event("letter.extended", communication)

    def response_logged(self, *, response: Response) -> None:
        event_emit(event_type="response.created", object_id=response.pk,
                   company_id=response.communication.company_id)
