"""Writes to letters, replies, extensions, assignments and notes.

Views, API serializers, admin actions and tasks all call these, so a rule holds
everywhere. Each validates with full_clean() before saving and runs in a transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from engagements.models import Communication, InformalNote, Response, ResponseKind

if TYPE_CHECKING:
    from accounts.models import User
    from companies.models import Company, Contact
    from mandates.models import Mandate


def _require_mandates(mandates: Iterable[Mandate]) -> list[Mandate]:
    mandates = list(mandates)
    if not mandates:
        raise ValidationError({"mandates": "At least one mandate signs the letter."})
    return mandates


@transaction.atomic
def communication_create(
    *,
    reference: str,
    letter_type: str,
    mandates: Iterable[Mandate],
    company: Company,
    sent_on: dt.date,
    subject: str,
    summary: str = "",
    language: str = "en",
    letter: File | None = None,
    assignee: Contact | None = None,
    press_release_on: dt.date | None = None,
) -> Communication:
    mandate_list = _require_mandates(mandates)
    communication = Communication(
        reference=reference, letter_type=letter_type, company=company, sent_on=sent_on,
        subject=subject, summary=summary, language=language, assignee=assignee,
        press_release_on=press_release_on,
    )
    if letter is not None:
        communication.letter = letter
    communication.full_clean()
    communication.save()
    communication.mandates.set(mandate_list)
    if assignee is not None:
        assignee_notify(communication=communication)
    return communication


@transaction.atomic
def communication_update(
    *,
    communication: Communication,
    mandates: Iterable[Mandate] | None = None,
    **fields: Any,
) -> Communication:
    """Change a letter's own fields (not its replies or extension)."""
    protected = {"extended_to", "extension_reason", "final_reply_on", "due_on", "public_on"}
    if protected & fields.keys():
        raise ValueError(f"use deadline_extend or response_log for {protected & fields.keys()}")
    previous_assignee_id = communication.assignee_id
    for name, value in fields.items():
        setattr(communication, name, value)
    if "company" in fields or "sent_on" in fields:
        communication.addressed_to = ""  # recomputed for the new company or date
    communication.full_clean()
    communication.save()
    if mandates is not None:
        communication.mandates.set(_require_mandates(mandates))
    if communication.assignee_id != previous_assignee_id:
        assignee_notify(communication=communication)
    return communication


@transaction.atomic
def communication_assign(
    *, communication: Communication, assignee: Contact | None, assigned_by: User | None
) -> Communication:
    """Route the letter to an issue owner of the same company (or clear the owner).

    Future reminders go to the new owner (the planner reads the assignee when it plans),
    and the new owner is told at once by an "assigned to you" email.
    """
    changed = communication.assignee_id != (assignee.pk if assignee else None)
    communication.assignee = assignee
    communication.full_clean()
    communication.save(update_fields=["assignee"])
    if changed:
        assignee_notify(communication=communication)
    return communication


def assignee_notify(*, communication: Communication) -> None:
    """Tell the letter's issue owner that it is theirs (an \"assigned to you\" email)."""
    # Imported here: reminders depends on engagements, not the other way round. The
    # notice is an outbox row in this transaction, sent once it commits.
    from reminders.services import assignment_notify

    assignment_notify(communication=communication)


@transaction.atomic
def deadline_extend(
    *, communication: Communication, extended_to: dt.date, reason: str, granted_by: User
) -> Communication:
    """OHCHR grants more time: the due date moves, the public date does not."""
    if communication.final_reply_on is not None:
        raise ValidationError(
            {"extended_to": "The final reply has been logged; there is nothing to extend."}
        )
    communication.extended_to = extended_to
    communication.extension_reason = reason
    communication.extension_granted_by = granted_by
    communication.extension_granted_at = timezone.now()
    communication.full_clean()
    communication.save()
    return communication


@transaction.atomic
def response_log(
    *,
    communication: Communication,
    kind: str,
    received_on: dt.date,
    body: str = "",
    attachment: File | None = None,
    logged_by: User | None,
) -> Response:
    # Lock the letter: two final replies logged at the same moment must not both pass
    # the "already has a final reply" check (the unique index would catch the second,
    # but as an IntegrityError instead of a clear message).
    Communication.objects.select_for_update().filter(pk=communication.pk).first()
    response = Response(
        communication=communication, kind=kind, received_on=received_on, body=body,
        logged_by=logged_by,
    )
    if attachment is not None:
        response.attachment = attachment
    response.full_clean()
    response.save()
    if kind == ResponseKind.FINAL:
        communication.refresh_reply_state()
    return response


@transaction.atomic
def response_delete(*, response: Response) -> None:
    communication = response.communication
    response.delete()
    communication.refresh_reply_state()


@transaction.atomic
def note_add(
    *, communication: Communication, kind: str, noted_on: dt.date, body: str,
    author: User | None,
) -> InformalNote:
    note = InformalNote(
        communication=communication, kind=kind, noted_on=noted_on, body=body, author=author
    )
    note.full_clean()
    note.save()
    return note
